"""`newscrawl import`: JSON lines in, the crawl's pipelines and storage, a summary out."""

import gzip
import io
import json
import sqlite3

import pytest

from newscrawl.cli import main
from newscrawl.importer import import_articles
from newscrawl.items import Article
from newscrawl.storage import Storage


def line(**fields):
    return json.dumps(fields, ensure_ascii=False)


ARTICLE = {
    "url": "https://mainichi.jp/articles/20250114/k00/00m/030/335000c",
    "site": "mainichi", "outlet": "mainichi", "language": "ja",
    "title": "東京都知事が会見", "body": ["東京都知事は１３日、会見した。", "【東京都・佐藤太郎】"],
    "published_at": "2025-01-14T10:00:00+09:00", "fetched_at": "2025-01-14T02:00:00+00:00",
    "source": "livedoor",  # keys an Article does not have are ignored
}


def run(capsys, *argv):
    code = main(["import", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_import_stores_through_the_crawl_pipelines(db_path, tmp_path, capsys):
    f = tmp_path / "a.jsonl"
    f.write_text(line(**ARTICLE) + "\n", encoding="utf-8")
    code, _, err = run(capsys, "--db", str(db_path), str(f))
    assert code == 0 and "1 stored, 0 updated, 0 rejected" in err
    stored = Storage(db_path).get_article(Storage(db_path).conn.execute("SELECT id FROM articles").fetchone()[0])
    assert stored["published_utc"] == "2025-01-14T01:00:00Z"  # the timestamp pipeline ran
    assert stored["authors"] == ["佐藤太郎"]  # so did the byline pipeline: the signature is an author
    assert stored["body"] == ["東京都知事は１３日、会見した。"]


def test_reimport_updates_and_bad_lines_are_rejected_with_reasons(db_path, tmp_path, capsys):
    f = tmp_path / "a.jsonl"
    f.write_text("\n".join([
        line(**ARTICLE),
        "not json",
        "[1, 2]",
        line(url="https://a.example/empty", title="", body=[]),
        line(url="https://a.example/other", title="Other", body="First.\n\nSecond."),
        line(url=5, title="x"),
        "",
    ]), encoding="utf-8")
    code, _, err = run(capsys, "--db", str(db_path), str(f))
    assert code == 0
    assert "2 stored, 0 updated, 4 rejected" in err
    assert f"not a JSON line (first: {f}:2)" in err
    assert "not a JSON object" in err and "url is not a string" in err
    assert "neither title nor body found (first:" in err  # the reason, not one URL
    assert Storage(db_path).get_article(
        Storage(db_path).conn.execute("SELECT id FROM articles WHERE url LIKE '%other'").fetchone()[0]
    )["body"] == ["First.", "Second."]
    code, _, err = run(capsys, "--db", str(db_path), str(f))
    assert "0 stored, 2 updated, 4 rejected" in err


def test_stdin_and_gzip(db_path, tmp_path, capsys, monkeypatch):
    gz = tmp_path / "a.jsonl.gz"
    with gzip.open(gz, "wt", encoding="utf-8") as fh:
        fh.write(line(url="https://a.example/gz", title="Gz", body=["x"]) + "\n")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(("\ufeff" + line(**ARTICLE) + "\n").encode())))
    code, _, err = run(capsys, "--db", str(db_path), "-", str(gz))
    assert code == 0 and "2 stored" in err
    assert Storage(db_path).count() == 2


def test_nothing_importable_is_a_failure(db_path, tmp_path, capsys):
    f = tmp_path / "a.jsonl"
    f.write_text("garbage\n")
    assert run(capsys, "--db", str(db_path), str(f))[0] == 1


def test_missing_file_is_one_line_before_anything_is_stored(db_path, tmp_path, capsys):
    good = tmp_path / "a.jsonl"
    good.write_text(line(**ARTICLE) + "\n")
    code, _, err = run(capsys, "--db", str(db_path), str(good), str(tmp_path / "nope.jsonl"))
    assert code == 2 and err.count("\n") == 1 and "nope.jsonl: no such file" in err
    assert not db_path.exists()


def test_import_articles_is_the_reusable_core(db_path):
    summary = import_articles(db_path, [Article(url="https://a.example/1", title="One", body=["x"]), ARTICLE, {"title": "no url"}])
    assert (summary.stored, summary.updated, dict(summary.rejected)) == (2, 0, {"no url": 1})


@pytest.mark.parametrize("command", [["import", "-"], ["search", "x"], ["serve"], ["demo"], ["reindex"]])
@pytest.mark.parametrize("kind", ["directory", "empty", "garbage", "other"])
def test_every_command_refuses_a_bad_database_in_one_line(command, kind, tmp_path, capsys):
    db = tmp_path / "db"
    if kind == "directory":
        db.mkdir()
    elif kind == "empty":
        db.write_bytes(b"")
    elif kind == "garbage":
        db.write_bytes(b"this is not a database\n" * 100)
    else:
        sqlite3.connect(db).execute("create table t (x)").connection.close()
    if kind == "empty" and command[0] in ("import", "demo"):
        return  # a writer may start a database in an empty file
    code = main([command[0], "--db", str(db), *command[1:]])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "Traceback" not in err, err
    assert str(db) in err


def test_records_told_apart_by_a_fragment_stay_apart(db_path):
    # Another tool's export of the headlines on one page: one URL, a fragment each.
    page = "https://links.example/asahi_2025_01_13.html"
    summary = import_articles(db_path, [
        {"url": f"{page}#1", "title": "京都で初雪", "body": []},
        {"url": f"{page}?utm_source=x#2", "title": "東京都知事が会見", "body": []},  # tracking still goes
        {"url": f"{page}#1", "title": "京都で初雪（更新）", "body": []},
    ])
    assert (summary.stored, summary.updated) == (2, 1)
    urls = [r[0] for r in Storage(db_path).conn.execute("SELECT url FROM articles ORDER BY url")]
    assert urls == [f"{page}#1", f"{page}#2"]


def test_ctrl_c_keeps_what_was_read_and_says_how_to_go_on(db_path, tmp_path, capsys, monkeypatch):
    # Ctrl-C printed "interrupted" and nothing else: not what was stored, nor that
    # running the command again goes on where it stopped.
    from newscrawl.importer import Importer

    f = tmp_path / "a.jsonl"
    f.write_text("".join(line(**dict(ARTICLE, url=f"https://a.example/{n}", title=f"Title {n}")) + "\n"
                         for n in range(5)), encoding="utf-8")
    real_add = Importer.add

    def add(self, record, where=None):
        if record["url"].endswith("/3"):
            raise KeyboardInterrupt
        return real_add(self, record, where)

    monkeypatch.setattr(Importer, "add", add)
    code, _, err = run(capsys, "--db", str(db_path), str(f))
    assert code == 130
    assert "interrupted after 4 records" in err and "3 stored, 0 updated, 0 rejected" in err
    assert "run the same command again" in err
    assert Storage(db_path).conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 3
