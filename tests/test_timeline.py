"""Attention over time: matches, totals and shares per period and outlet."""

import csv
import io
import json
import sqlite3
from datetime import datetime, timezone

import pytest

from newscrawl.cli import main
from newscrawl.search import QueryError
from newscrawl.search.attention import period_bounds, timeline
from newscrawl.storage import Storage

NOW = datetime(2025, 1, 22, 12, 0, tzinfo=timezone.utc)


def art(slug, when, title, outlet="mainichi", language="en", **extra):
    return {"url": f"https://news.example/{slug}", "title": title, "body": [title + "."], "outlet": outlet,
            "language": language, "published_at": when, **extra}


ARTICLES = [
    # 23:30 in Tokyo on the 14th is still the 14th (14:30 UTC)
    art("late", "2025-01-14T23:30:00+09:00", "Typhoon nears Okinawa"),
    # 08:00 in Tokyo on the 15th is the 14th in UTC: a Tokyo day counts it on the 15th
    art("early", "2025-01-15T08:00:00+09:00", "Typhoon warning lifted", outlet="kyodo_en"),
    art("other", "2025-01-15T09:00:00+09:00", "Budget talks resume", outlet="kyodo_en"),
    art("other2", "2025-01-15T10:00:00+09:00", "Markets open higher"),
    art("ja", "2025-01-17T10:00:00+09:00", "台風が接近 typhoon", outlet="nhk", language="ja"),
    art("undated", None, "Typhoon season explained", outlet="nhk"),
]


@pytest.fixture
def db(db_path):
    s = Storage(db_path)
    s.upsert_articles(ARTICLES)
    s.close()
    return db_path


def days(t, field="matching"):
    return {c.period: getattr(c, field) for c in t.totals}


def test_days_are_tokyo_days_and_empty_ones_are_zero(db):
    t = timeline(db, "typhoon", since="2025-01-13", until="2025-01-17", now=NOW)
    assert days(t) == {"2025-01-13": 0, "2025-01-14": 1, "2025-01-15": 1, "2025-01-16": 0, "2025-01-17": 1}
    assert days(t, "total") == {"2025-01-13": 0, "2025-01-14": 1, "2025-01-15": 3, "2025-01-16": 0, "2025-01-17": 1}
    fifteenth = next(c for c in t.totals if c.period == "2025-01-15")
    assert fifteenth.share == pytest.approx(1 / 3)
    assert fifteenth.start.isoformat() == "2025-01-15T00:00:00+09:00"
    assert next(c for c in t.totals if c.period == "2025-01-16").share is None  # nothing published


def test_per_outlet_rows_cover_every_outlet_that_published_in_the_window(db):
    t = timeline(db, "typhoon", since="2025-01-15", until="2025-01-15", now=NOW)
    assert {(c.outlet, c.matching, c.total) for c in t.rows} == {("kyodo_en", 1, 2), ("mainichi", 0, 1)}


def test_another_zone_cuts_other_days(db):
    t = timeline(db, "typhoon", since="2025-01-14", until="2025-01-15", tz="UTC", now=NOW)
    assert days(t) == {"2025-01-14": 2, "2025-01-15": 0}


def test_summer_time_moves_the_day_boundary(db_path):
    s = Storage(db_path)
    s.upsert_articles([
        art("w", "2024-01-10T23:30:00+00:00", "Storm in winter"),  # 00:30 on the 11th in Berlin (+01:00)
        art("s", "2024-07-10T22:30:00+00:00", "Storm in summer"),  # 00:30 on the 11th in Berlin (+02:00)
    ])
    t = timeline(db_path, "storm", all_time=True, tz="Europe/Berlin", now=NOW)
    assert {k for k, n in days(t).items() if n} == {"2024-01-11", "2024-07-11"}


def test_weeks_and_months(db):
    weeks = timeline(db, "typhoon", since="2025-01-06", until="2025-01-19", by="week", now=NOW)
    assert days(weeks) == {"2025-W02": 0, "2025-W03": 3}
    assert [c.start.date().isoformat() for c in weeks.totals] == ["2025-01-06", "2025-01-13"]
    months = timeline(db, "typhoon", since="2024-12", until="2025-01", by="month", now=NOW)
    assert days(months) == {"2024-12": 0, "2025-01": 3}


def test_the_window_defaults_to_a_year_up_to_now(db):
    t = timeline(db, "typhoon", by="month", now=NOW)
    assert t.totals[0].period == "2024-01" and t.totals[-1].period == "2025-01"
    assert sum(days(t).values()) == 3


def test_filters_and_families_are_the_searchs(db):
    t = timeline(db, "typhoon outlet:kyodo", since="2025-01-13", until="2025-01-17", now=NOW)
    assert sum(days(t).values()) == 1 and t.outlets == ["kyodo_en"]
    assert sum(days(t, "total").values()) == 2  # the share is of kyodo's own articles


def test_counts_follow_a_crawl_that_writes_between_two_timelines(db):
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)  # kept open, as Datasette keeps its own
    kw = dict(since="2025-01-13", until="2025-01-17", now=NOW)
    assert days(timeline(conn, "typhoon", **kw), "total")["2025-01-16"] == 0
    Storage(db).upsert_articles([art("new", "2025-01-16T12:00:00+09:00", "Typhoon passes")])
    again = timeline(conn, "typhoon", **kw)
    assert days(again, "total")["2025-01-16"] == 1 and days(again)["2025-01-16"] == 1


def test_undated_matches_are_said_not_hidden(db):
    t = timeline(db, "typhoon", all_time=True, now=NOW, ui_lang="en")
    assert t.undated == 1
    assert "1 matching articles have no publication time and are in no period" in t.notes("en")


def test_stories_count_copies_once(db_path):
    s = Storage(db_path)
    s.upsert_articles([
        art("k", "2025-01-15T09:00:00+09:00", "Quake hits north", outlet="kyodo_en"),
        art("m", "2025-01-15T09:30:00+09:00", "Quake hits north, Kyodo says", outlet="mainichi_en"),
        art("m2", "2025-01-15T11:00:00+09:00", "Quake hits north (update)", outlet="mainichi_en"),
        art("n", "2025-01-15T12:00:00+09:00", "Quake felt in Tokyo", outlet="nhk"),
    ])
    s.conn.execute("UPDATE articles SET story_id = 'quake-1' WHERE url LIKE '%/k' OR url LIKE '%/m' OR url LIKE '%/m2'")
    s.conn.commit()
    kw = dict(since="2025-01-15", until="2025-01-15", now=NOW)
    assert days(timeline(db_path, "quake", **kw)) == {"2025-01-15": 4}
    stories = timeline(db_path, "quake", count="stories", **kw)
    assert days(stories) == {"2025-01-15": 2}  # the Kyodo story and its copies, and NHK's
    assert {c.outlet: c.matching for c in stories.rows} == {"kyodo_en": 1, "mainichi_en": 1, "nhk": 1}


def test_a_database_without_story_ids_counts_each_article_as_a_story(db_path):
    conn = sqlite3.connect(db_path)
    conn.executescript("""
        CREATE TABLE articles (id TEXT PRIMARY KEY, url TEXT, outlet TEXT, language TEXT, section TEXT,
                               published_utc TEXT);
        CREATE VIRTUAL TABLE articles_fts USING fts5(title, body);
        INSERT INTO articles VALUES ('a', 'u', 'nhk', 'ja', NULL, '2025-01-15T01:00:00Z');
    """)
    conn.close()
    t = timeline(db_path, "", count="stories", since="2025-01-15", until="2025-01-15", now=NOW)
    assert days(t, "total") == {"2025-01-15": 1}


@pytest.mark.parametrize("kw, message", [
    ({"tz": "Mars/Olympus"}, "unknown time zone 'Mars/Olympus'"),
    ({"by": "hour"}, "by can be day, week, month, not 'hour'"),
    ({"since": "3m"}, "could be minutes or months"),
])
def test_mistakes_are_one_line(db, kw, message):
    with pytest.raises(QueryError) as err:
        timeline(db, "typhoon", now=NOW, **kw)
    assert message in err.value.message("en")


def test_a_bar_is_a_period(db):
    assert [d.isoformat() for d in period_bounds("2025-W03")] == ["2025-01-13T00:00:00+09:00", "2025-01-20T00:00:00+09:00"]
    assert [d.isoformat() for d in period_bounds("2024-02")] == ["2024-02-01T00:00:00+09:00", "2024-03-01T00:00:00+09:00"]
    with pytest.raises(ValueError):
        period_bounds("last tuesday")


def test_the_view_counts_tokyo_days(db):
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT day, outlet, articles FROM articles_by_day WHERE day = '2025-01-15' ORDER BY outlet").fetchall()
    assert rows == [("2025-01-15", "kyodo_en", 2), ("2025-01-15", "mainichi", 1)]
    # what the view is for: the UTC day puts the 08:00 Tokyo article on the 14th
    assert conn.execute("SELECT count(*) FROM articles WHERE date(published_at) = '2025-01-15'").fetchone()[0] == 2


# -- the command ------------------------------------------------------------------


def cli(capsys, *argv):
    code = main(["timeline", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_table_shows_periods_outlet_names_and_shares(db, capsys):
    code, out, _ = cli(capsys, "--db", str(db), "typhoon", "--since", "2025-01-14", "--until", "2025-01-16")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("2 matching articles")
    assert any(line.startswith("2025-01-15  all outlets") and "33.3%" in line for line in lines)
    assert any("KYODO EN" in line and "50.0%" in line for line in lines)
    assert any(line.startswith("2025-01-16  all outlets") and line.split()[3:6] == ["0", "0", "–"] for line in lines)


def test_cli_csv_and_json(db, capsys):
    _, out, _ = cli(capsys, "--db", str(db), "typhoon", "--since", "2025-01-14", "--until", "2025-01-15", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 2 * 2  # two days, the two outlets that published in them
    kyodo = next(r for r in rows if r["period"] == "2025-01-15" and r["outlet"] == "kyodo_en")
    assert (kyodo["outlet_name"], kyodo["matching"], kyodo["total"], kyodo["share"]) == ("KYODO EN", "1", "2", "0.5")
    _, out, _ = cli(capsys, "--db", str(db), "typhoon", "--since", "2025-01-14", "--until", "2025-01-15", "--format", "csv", "--total")
    assert [r["matching"] for r in csv.DictReader(io.StringIO(out))] == ["1", "1"]
    _, out, _ = cli(capsys, "--db", str(db), "typhoon", "--since", "2025-01-14", "--until", "2025-01-15", "--format", "json")
    doc = json.loads(out)
    assert doc["matching"] == 2 and [p["period"] for p in doc["periods"]] == ["2025-01-14", "2025-01-15"]
    assert doc["periods"][1]["outlets"]["kyodo_en"] == {"name": "KYODO EN", "matching": 1, "total": 2, "share": 0.5}


def test_cli_takes_an_exclusion_as_typed(db, capsys):
    code, out, _ = cli(capsys, "--db", str(db), "typhoon", "-okinawa", "--since", "2025-01-14", "--until", "2025-01-15")
    assert code == 0 and out.startswith("1 matching articles · typhoon -okinawa")


def test_cli_errors_are_one_line(db, capsys):
    code, _, err = cli(capsys, "--db", str(db), "typhoon", "--tz", "Nowhere/Land", "--lang", "en")
    assert code == 2 and err.strip().count("\n") == 0 and "unknown time zone 'Nowhere/Land'" in err
