"""Revisions (issue 12): a re-crawl that finds a changed title or body keeps the earlier one."""

from __future__ import annotations

import json

from newscrawl.storage import Storage, article_id

URL = "https://www3.nhk.or.jp/news/html/20250524/k10014800001000.html"


def version(title, body, fetched_at, **over):
    return {"url": URL, "outlet": "nhk", "site": "nhk", "language": "ja", "title": title, "body": body,
            "published_at": "2025-05-24T18:00:00+09:00", "fetched_at": fetched_at, **over}


def revisions(s: Storage):
    return [dict(r) for r in s.db.query("SELECT * FROM article_revisions ORDER BY id")]


def test_a_changed_body_keeps_the_earlier_text(db_path):
    s = Storage(db_path)
    s.upsert_articles([version("宮崎で震度4", ["24日午前3時12分ごろ、宮崎県で震度4の揺れを観測しました。"], "2025-05-24T09:30:00+00:00",
                               updated_at="2025-05-24T18:05:00+09:00")])
    s.upsert_articles([version("宮崎で震度4", ["24日午前3時12分ごろ、宮崎県で震度4の揺れを観測しました。",
                                              "この地震による津波の心配はありません。"], "2025-05-24T11:00:00+00:00")])
    [rev] = revisions(s)
    assert rev["article_id"] == article_id(URL)
    assert rev["body"] == "24日午前3時12分ごろ、宮崎県で震度4の揺れを観測しました。"
    assert rev["updated_at"] == "2025-05-24T18:05:00+09:00"  # as that version's page said
    assert (rev["seen_at"], rev["replaced_at"]) == ("2025-05-24T09:30:00+00:00", "2025-05-24T11:00:00+00:00")
    assert json.loads(rev["changed"]) == ["body"]
    now = s.get_article(article_id(URL))
    assert now["revised_at"] == "2025-05-24T11:00:00+00:00" and len(now["body"]) == 2


def test_each_change_is_one_revision_and_same_text_none(db_path):
    s = Storage(db_path)
    s.upsert_articles([version("First title", ["Body."], "2025-05-24T09:00:00+00:00")])
    s.upsert_articles([version("First title", ["Body."], "2025-05-24T10:00:00+00:00")])  # unchanged
    s.upsert_articles([version("First  title ", ["Body. "], "2025-05-24T10:30:00+00:00")])  # whitespace only
    assert revisions(s) == [] and s.get_article(article_id(URL))["revised_at"] is None
    s.upsert_articles([version("Second title", ["Body."], "2025-05-24T11:00:00+00:00")])
    s.upsert_articles([version("Third title", ["New body."], "2025-05-24T12:00:00+00:00")])
    revs = revisions(s)
    assert [(r["title"], json.loads(r["changed"])) for r in revs] == [
        ("First  title ", ["title"]), ("Second title", ["title", "body"])
    ]
    assert s.get_article(article_id(URL))["title"] == "Third title"


def test_a_revised_copy_stays_in_its_story_and_is_found_by_its_new_text(db_path):
    base = [f"Paragraph {n} of the wire story about the foreign ministers meeting in Seoul on Saturday." for n in range(1, 6)]
    s = Storage(db_path)
    other = dict(version("Copy", base, "2025-05-24T09:00:00+00:00"), url="https://mainichi.jp/english/articles/x", outlet="mainichi_en")
    s.upsert_articles([version("Wire", base, "2025-05-24T09:00:00+00:00"), other])
    story = article_id(URL)
    assert s.get_article(article_id(other["url"]))["story_id"] == story
    bands = sorted(s.conn.execute("SELECT band FROM story_bands WHERE article = (SELECT rowid FROM articles WHERE id = ?)", [story]))
    s.upsert_articles([version("Wire", base + ["An added paragraph says the talks ran for ninety minutes."], "2025-05-24T11:00:00+00:00")])
    assert s.get_article(story)["story_id"] == story
    after = sorted(s.conn.execute("SELECT band FROM story_bands WHERE article = (SELECT rowid FROM articles WHERE id = ?)", [story]))
    assert after != bands and len(after) == len(bands)  # the earlier text's bands are gone
