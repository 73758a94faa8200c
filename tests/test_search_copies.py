"""Search shows one result per story (issue 12): the best-ranked copy, with where else
it ran; JSON hits carry story_id and copies; article pages show copies and history.

The database holds tests/fixtures/stories: Kyodo's story, the Mainichi's copy (later
revised by the outlet), a portal's copy, and another Kyodo story of the same day.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import sqlite_utils

from newscrawl.extract import extract_file
from newscrawl.search import search
from newscrawl.storage import MIGRATIONS, Storage, article_id
from tests.test_datasette import ROOT, make_client, shipped_metadata  # noqa: F401 (a fixture)

FIXTURES = Path(__file__).parent / "fixtures" / "stories"
PAGES = ("kyodo_en", "mainichi_en", "portal", "kyodo_en_other")
REVISED_TITLE = "Japan, South Korea agree to expand youth exchanges, keep leaders' visits"
ADDED = "Cho said Seoul would send a delegation of 500 students to Japan this summer."


def build_stories_db(path: Path, now: datetime | None = None) -> dict[str, dict]:
    """The four pages, published in the last hours; then the Mainichi revises its copy.
    Returns the stored articles by page name."""
    now = now or datetime.now(timezone.utc)
    articles = {}
    for hours, name in zip((10, 9, 8, 7), PAGES):
        a = extract_file(FIXTURES / f"{name}.html", fetched_at=(now - timedelta(hours=3)).isoformat(timespec="seconds")).to_dict()
        a["published_at"] = (now - timedelta(hours=hours)).isoformat(timespec="seconds")
        articles[name] = a
    storage = Storage(path)
    storage.upsert_articles(articles.values())
    revised = dict(articles["mainichi_en"], title=REVISED_TITLE, fetched_at=(now - timedelta(hours=1)).isoformat(timespec="seconds"))
    revised["body"] = articles["mainichi_en"]["body"][:3] + [ADDED] + articles["mainichi_en"]["body"][3:]
    storage.upsert_articles([revised])
    storage.close()
    return articles


def test_one_result_per_story_with_the_other_copies(db_path):
    pages = build_stories_db(db_path)
    result = search(str(db_path), "Iwaya Cho")
    assert result.total == 3  # articles: every copy matches
    [hit] = result.hits
    story = article_id(pages["kyodo_en"]["url"])
    assert hit.story_id == story
    assert sorted(c["label"] for c in hit.copies) == sorted(
        {"kyodo_en": "KYODO", "mainichi_en": "MAINICHI", "portal": "BERITAJEPANG"}[n]
        for n in ("kyodo_en", "mainichi_en", "portal") if article_id(pages[n]["url"]) != hit.id
    )
    assert {c["id"] for c in hit.copies} | {hit.id} == {article_id(pages[n]["url"]) for n in PAGES[:3]}

    every = search(str(db_path), "Iwaya Cho", one_per_story=False)
    assert len(every.hits) == 3 and all(h.story_id == story for h in every.hits)
    # the portal's copy says where it was read; an outlet's own page does not
    assert sorted(h.via for h in every.hits) == ["", "", "BERITAJEPANG"]


def test_pages_count_stories_and_say_when_more_follow(db_path):
    build_stories_db(db_path)  # "Korea": three copies of one story, and another story
    first = search(str(db_path), "Korea", limit=1)
    second = search(str(db_path), "Korea", limit=1, offset=1)
    assert first.total == second.total == 4
    assert first.more and not second.more
    assert {first.hits[0].story_id, second.hits[0].story_id} == {
        article_id("https://english.kyodonews.net/articles/-/52011"), article_id("https://english.kyodonews.net/articles/-/52017")
    }
    assert search(str(db_path), "Korea", limit=1, offset=2).hits == []


def test_json_hits_carry_story_id_and_copies(db_path):
    build_stories_db(db_path)
    out = subprocess.run(
        [sys.executable, "-m", "newscrawl.cli", "search", "--db", str(db_path), "--format", "json", "youth exchanges"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout
    [hit] = json.loads(out)["hits"]
    assert hit["story_id"] and len(hit["copies"]) == 2
    assert set(hit["copies"][0]) >= {"id", "url", "outlet", "label"}
    table = subprocess.run(
        [sys.executable, "-m", "newscrawl.cli", "search", "--db", str(db_path), "youth exchanges"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout
    assert "also in: " in table and "each story once" in table


def test_a_database_from_before_stories_still_searches(db_path):
    db = sqlite_utils.Database(db_path)
    for version in (1, 2):
        MIGRATIONS[version](db)
    db.execute("PRAGMA user_version=2")
    db.execute("INSERT INTO articles (id, url, title, body, published_utc) VALUES ('a1', 'https://x.jp/1', 'Old story', 'Text', '2025-01-01T00:00:00Z')")
    db.execute("INSERT INTO articles_fts (rowid, title, body) SELECT rowid, title, body FROM articles")
    db.conn.commit()
    [hit] = search(str(db_path), "", all_time=True).hits  # browsing: words need `newscrawl reindex` first
    assert hit.story_id is None and hit.copies == []


def test_article_page_lists_copies_and_the_earlier_version(db_path, make_client):
    pages = build_stories_db(db_path)
    client = make_client(db=db_path, metadata=shipped_metadata("test"))
    html = client.get(f"/-/article/{article_id(pages['mainichi_en']['url'])}?hl=en").text
    assert "Also in: " in html and "BERITAJEPANG" in html
    assert f'href="/-/article/{article_id(pages["kyodo_en"]["url"])}?hl=en"' in html
    assert "Revision history" in html
    assert "<del>Japan, South Korea agree to expand youth exchanges</del>" in html
    assert f"<ins>{ADDED}</ins>" in html
    other = client.get(f"/-/article/{article_id(pages['kyodo_en_other']['url'])}").text
    assert "Juga di" not in other and "Riwayat perubahan" not in other


def test_the_page_says_it_shows_each_story_once(db_path, make_client):
    # "3 articles" above one card (the other two copies under "Also in"): the command
    # line said "each story once", the page nothing
    build_stories_db(db_path)
    client = make_client(db=db_path, metadata=shipped_metadata("test"))
    assert '<p class="nc-total">3 articles, each story once' in client.get("/-/search?q=youth+exchanges&hl=en").text
    assert '<p class="nc-total">3 artikel, setiap berita sekali' in client.get("/-/search?q=youth+exchanges").text
    assert "each story once" not in client.get("/-/search?q=Iwaya+Cho+-youth&hl=en").text  # no copies among the hits


def test_exports_list_every_copy_with_its_story(db_path, make_client):
    pages = build_stories_db(db_path)
    client = make_client(db=db_path, metadata=shipped_metadata("test"))
    rows = list(csv.DictReader(io.StringIO(client.get("/-/search.csv?q=youth+exchanges&hl=en").content.decode("utf-8-sig"))))
    assert len(rows) == 3  # every match, not one per story
    assert {r["story_id"] for r in rows} == {article_id(pages["kyodo_en"]["url"])}
    portal = next(r for r in rows if r["id"] == article_id(pages["portal"]["url"]))
    assert portal["also_in"] in ("KYODO; MAINICHI", "MAINICHI; KYODO")
