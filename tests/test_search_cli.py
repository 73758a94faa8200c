"""`newscrawl search` as a user runs it: table, JSON, CSV, one-line errors."""

import csv
import io
import json
from datetime import datetime, timedelta, timezone

import pytest

from newscrawl.cli import main
from newscrawl.storage import Storage


@pytest.fixture
def db(db_path):
    now = datetime.now(timezone.utc)
    Storage(db_path).upsert_articles([
        {"url": "https://news.example/a", "title": "Sakura <forecast>", "outlet": "japantimes", "language": "en",
         "body": ["Sakura will bloom early & often."], "authors": ["Hanako Sato"],
         "published_at": (now - timedelta(hours=12, minutes=5)).isoformat(timespec="seconds")},
        {"url": "https://news.example/b", "title": "東京都知事が会見", "outlet": "asahi", "language": "ja",
         "body": ["東京都知事は桜の開花について話した。"],
         "published_at": (now - timedelta(days=2)).isoformat(timespec="seconds")},
    ])
    return str(db_path)


def run(capsys, *argv):
    code = main(["search", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_table_shows_title_outlet_relative_time_and_snippet(db, capsys):
    code, out, _ = run(capsys, "--db", db, "bloom")
    assert code == 0
    assert "12 jam yang lalu" in out and "JAPAN TIMES" in out and "Sakura <forecast>" in out
    assert "Sakura will bloom early & often." in out  # plain text in a terminal, no <mark>
    assert "1 article(s)" in out.splitlines()[0]


def test_lang_changes_relative_time(db, capsys):
    assert "12時間前" in run(capsys, "--db", db, "--lang", "ja", "sakura")[1]
    assert "12 hours ago" in run(capsys, "--db", db, "--lang", "en", "sakura")[1]


def test_json(db, capsys):
    code, out, _ = run(capsys, "--db", db, "--format", "json", "--lang", "en", "桜")
    data = json.loads(out)
    assert data["total"] == 1
    (hit,) = data["hits"]
    assert hit["title"] == "東京都知事が会見" and hit["relative_time"] == "2 days ago"
    assert "<mark>桜</mark>" in hit["snippet"]


def test_csv(db, capsys):
    code, out, _ = run(capsys, "--db", db, "--format", "csv", "--limit", "1")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 1
    assert rows[0]["title"] == "Sakura <forecast>" and rows[0]["rank"] == "1" and rows[0]["authors"] == "Hanako Sato"


def test_csv_holds_every_match_as_the_pages_download_does(db_path, capsys):
    # `--format csv > file` wrote the first 20 stories (copies folded away) where
    # /-/search.csv writes every matching article: 25 typhoon articles came out as 20.
    now = datetime.now(timezone.utc)
    Storage(db_path).upsert_articles([
        {"url": f"https://news.example/t{n}", "title": f"Typhoon update {n}", "outlet": "japantimes", "language": "en",
         "body": [f"Typhoon number {n} nears the coast."], "published_at": (now - timedelta(hours=n + 1)).isoformat()}
        for n in range(25)
    ])
    rows = list(csv.DictReader(io.StringIO(run(capsys, "--db", str(db_path), "--format", "csv", "typhoon")[1])))
    assert len(rows) == 25 and rows[0]["rank"] == "1" and rows[-1]["rank"] == "25"
    assert run(capsys, "--db", str(db_path), "typhoon")[1].startswith("1–20 of 25 article(s)")  # the table: a page
    code, out, err = run(capsys, "--db", str(db_path), "--format", "csv", "--lang", "en", "typhoon", "outlet:nowhere")
    assert code == 0 and out.startswith("rank,") and "note: no outlet is called 'nowhere'" in err


def test_offset_and_browse(db, capsys):
    out = run(capsys, "--db", db, "--format", "csv", "--offset", "1")[1]
    assert [r["outlet"] for r in csv.DictReader(io.StringIO(out))] == ["asahi"]


def test_bad_query_is_one_line_in_the_chosen_language(db, capsys):
    code, out, err = run(capsys, "--db", db, "--lang", "en", '"sakura')
    assert code == 2
    assert err.strip().count("\n") == 0 and "unbalanced double quote" in err and "Traceback" not in err
    assert "tanda kutip tidak berpasangan" in run(capsys, "--db", db, '"sakura')[2]  # Indonesian by default
    assert "引用符が閉じていません" in run(capsys, "--db", db, "--lang", "ja", '"sakura')[2]


def test_notes_name_the_commands_own_flags(db, capsys):
    out = run(capsys, "--db", db, "--lang", "en", "--format", "json", "typhoon")[1]
    assert json.loads(out)["notes"] == []  # nothing older than a year yet
    Storage(db).upsert_articles([{"url": "https://news.example/old", "title": "Old typhoon", "outlet": "nhk",
                                  "language": "en", "body": ["A typhoon long ago."], "published_at": "2001-09-01T09:00:00+09:00"}])
    (note,) = json.loads(run(capsys, "--db", db, "--lang", "en", "--format", "json", "typhoon")[1])["notes"]
    assert note.startswith("only the last year is searched") and "--all" in note
    assert "note: hanya setahun terakhir yang dicari" in run(capsys, "--db", db, "typhoon")[1]


def test_missing_database_says_to_crawl(tmp_path, capsys):
    code, _, err = run(capsys, "--db", str(tmp_path / "none.db"), "x")
    assert code == 2 and "newscrawl demo" in err


def test_since_and_all_are_exclusive(db, capsys):
    with pytest.raises(SystemExit):
        main(["search", "--db", db, "--since", "7d", "--all", "x"])


def test_an_exclusion_is_a_query_word_not_an_option(db, capsys):
    code, out, err = run(capsys, "--db", db, "--format", "json", "--all", "sakura", "-bloom")
    assert code == 0, err
    assert json.loads(out)["query"] == "sakura -bloom"


def test_too_long_a_query_is_one_line(db, capsys):
    code, _, err = run(capsys, "--db", db, "--lang", "en", "x" * 600)
    assert code == 2 and err.count("\n") == 1 and "too long (600 characters; at most 500)" in err
