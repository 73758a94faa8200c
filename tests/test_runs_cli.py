"""`newscrawl runs`: recent crawls per spider with their verdict, as a table or JSON."""

import json

import pytest

from newscrawl.cli import main
from newscrawl.storage import Storage


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "db.sqlite"
    s = Storage(path)
    for n in range(7):
        run = s.start_run("mainichi", f"2025-01-2{n}T10:00:00+00:00")
        s.finish_run(run, finished_at=f"2025-01-2{n}T10:01:05+00:00", finish_reason="finished", status="ok", pages=12, stored=10 + n)
    run = s.start_run("nhk", "2025-01-22T11:00:00+00:00")
    s.finish_run(run, finished_at="2025-01-22T11:00:09+00:00", finish_reason="finished", status="degraded", pages=9,
                 stored=3, causes=["stored 3 of the 8 articles discovered (38%, expected at least 50%)"])
    s.start_run("nhk", "2025-01-22T12:00:00+00:00")  # still running, or killed
    s.record_run({"spider": "kyodo_en", "worker": "crawler-2:4711", "started_at": "2025-01-22T09:00:00+00:00",
                  "finished_at": "2025-01-22T09:30:00+00:00", "status": "failed", "causes": ["no feed could be read"]})
    s.close()
    return path


def test_table_groups_runs_by_spider_newest_first_with_causes(db, capsys):
    assert main(["runs", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert out.index("kyodo_en") < out.index("mainichi") < out.index("nhk")
    mainichi = out.split("\nmainichi\n")[1].split("\n\n")[0].splitlines()
    assert mainichi[0].split()[:4] == ["STARTED", "(UTC)", "TOOK", "STATUS"]
    assert len(mainichi) == 1 + 5  # header and the default five runs
    assert mainichi[1].split() == ["2025-01-26", "10:00", "1m05s", "ok", "12", "16", "0", "0", "0"]
    assert "· stored 3 of the 8 articles discovered (38%, expected at least 50%)" in out
    assert "running?" in out
    assert "crawler-2:4711" in out  # distributed workers' runs name their worker


def test_filters_and_json(db, capsys):
    assert main(["runs", "--db", str(db), "--status", "degraded", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["spider"], r["status"], r["causes"]) for r in rows] == [
        ("nhk", "degraded", ["stored 3 of the 8 articles discovered (38%, expected at least 50%)"])
    ]
    assert main(["runs", "--db", str(db), "--spider", "mainichi", "--limit", "2", "--format", "json"]) == 0
    assert [r["stored"] for r in json.loads(capsys.readouterr().out)] == [16, 15]


def test_mistakes_get_one_line(db, tmp_path, capsys):
    assert main(["runs", "--db", str(tmp_path / "none.db")]) == 2
    assert "no database at" in capsys.readouterr().err
    assert main(["runs", "--db", str(db), "--limit", "0"]) == 2
    assert main(["runs", "--db", str(db), "--spider", "asahi"]) == 0
    assert capsys.readouterr().out.strip() == "no runs recorded for those spiders"
