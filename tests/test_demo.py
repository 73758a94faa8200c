"""The offline sample crawl, end to end: loopback server -> real spiders -> SQLite -> search."""

import json
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta, timezone

import pytest

from tests.conftest import ROOT


def demo(db, *extra):
    return subprocess.run(
        [sys.executable, "-m", "newscrawl.cli", "demo", "--db", str(db), *extra],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    first = demo(db)
    assert first.returncode == 0, first.stdout + first.stderr
    with sqlite3.connect(db) as conn:
        counts = {t: conn.execute(f"select count(*) from {t}").fetchone()[0]
                  for t in ("articles", "authors", "images", "articles_fts")}
    return db, first, counts


def test_demo_stores_articles_from_every_sample_spider(crawled):
    from newscrawl.sample_site import SAMPLE_SPIDERS

    db, first, counts = crawled
    assert counts["articles"] >= 8 and counts["articles_fts"] == counts["articles"]
    with sqlite3.connect(db) as conn:
        sites = {r[0] for r in conn.execute("select distinct site from articles")}
        runs = conn.execute("select spider, finish_reason, stored from crawl_runs").fetchall()
    assert len(sites) >= len(SAMPLE_SPIDERS) - 1  # portal pages may share a site slug with nothing else
    assert {r[0] for r in runs} == set(SAMPLE_SPIDERS)
    assert all(reason == "finished" and stored > 0 for _, reason, stored in runs)
    assert "articles in" in first.stdout and "search" in first.stdout


def test_demo_twice_keeps_the_same_articles(crawled):
    db, _, counts = crawled
    again = demo(db)
    assert again.returncode == 0, again.stderr
    with sqlite3.connect(db) as conn:
        assert {t: conn.execute(f"select count(*) from {t}").fetchone()[0] for t in counts} == counts
        assert conn.execute("select count(*) from crawl_runs").fetchone()[0] == 2 * len(
            {r[0] for r in conn.execute("select spider from crawl_runs")})


def test_sample_dates_are_relative_to_now(crawled):
    db, _, _ = crawled
    now = datetime.now(timezone.utc)
    with sqlite3.connect(db) as conn:
        rows = conn.execute("select published_utc, published_at from articles").fetchall()
    stamps = [datetime.fromisoformat(u.replace("Z", "+00:00")) for u, _ in rows if u]
    assert len(stamps) == len(rows), "every sample article has a normalized publication time"
    assert all(now - timedelta(days=60) < s <= now + timedelta(minutes=5) for s in stamps)
    assert any(now - s < timedelta(days=1) for s in stamps)
    assert all(at[-6:] in ("+09:00", "+07:00", "+00:00") for _, at in rows)


def test_demo_says_each_runs_verdict_and_where_a_copy_was_read(crawled):
    _, first, _ = crawled
    lines = first.stdout.splitlines()
    assert any(line.split()[:1] == ["mainichi_en"] and line.endswith("· ok") for line in lines)
    # the sample Kyodo site, like the real one, answers 404 for its old RSS feed
    assert "degraded: 1 of 3 feeds, sitemaps or listings failed: HTTP 404" in first.stdout
    assert "via BERITAJEPANG" in first.stdout and "via portal" not in first.stdout


def test_portal_article_is_credited_to_the_original_outlet(crawled):
    db, _, _ = crawled
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        rows = conn.execute("select * from articles where site != outlet").fetchall()
    assert rows, "the portal republishes at least one Japanese outlet's article"
    for row in rows:
        assert "komentar" not in row["body"] and "Jadi yg pertama suka" not in row["body"]
        assert row["published_precision"] >= 60  # the portal prints only "12 jam yang lalu"
    assert any(json.loads(row["authors"]) for row in rows), "a trailing (By …) byline became an author"
    assert not any(p.startswith("(By ") for row in rows for p in row["body"].split("\n\n"))


def test_one_wire_story_crawled_at_three_places_is_one_story(crawled):
    # Through the real spiders and the store pipeline: Kyodo's story, the Mainichi's
    # copy under another headline, the portal's shorter copy.
    db, _, _ = crawled
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "select site, outlet, story_id, id from articles where url in (?, ?, ?)",
            ("https://english.kyodonews.net/articles/-/41105",
             "https://mainichi.jp/english/articles/20250122/p2g/00m/0in/020000c",
             "https://beritajepang.example/media-jepang/mainichi/2025/01/22/menlu-jepang-as-sepakat"),
        ).fetchall()
        stories = {r[2] for r in rows}
        assert sorted(r[0] for r in rows) == ["kyodo_en", "mainichi_en", "portal"] and len(stories) == 1
        assert stories <= {r[3] for r in rows}  # the story is named after one of its copies
        # Every other sample article is a story of its own.
        others = conn.execute("select count(*) from articles where story_id = id").fetchone()[0]
        assert others == conn.execute("select count(*) from articles").fetchone()[0] - 2
