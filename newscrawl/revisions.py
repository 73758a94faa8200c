"""An article's earlier versions, as the article page shows them.

``Storage._record_revisions`` keeps each title and body a re-crawl replaced
(``article_revisions``); ``history`` reads them back newest first, each with what
the next version changed: its title if that changed, and the paragraphs it dropped
and added (a paragraph-level diff: outlets update by adding, removing or rewriting
paragraphs, and a reader wants to see which).
"""

from __future__ import annotations

import difflib
import json
import sqlite3
from dataclasses import dataclass, field


@dataclass
class Version:
    title: str | None
    body: list[str]
    seen_at: str | None  # last fetched in this form
    replaced_at: str | None  # when the next version was found
    updated_at: str | None  # what the page said then
    changed: list[str]  # "title", "body"
    next_title: str | None = None
    removed: list[str] = field(default_factory=list)  # paragraphs the next version dropped or rewrote
    added: list[str] = field(default_factory=list)  # and what it printed instead


def history(conn: sqlite3.Connection, article: dict) -> list[Version]:
    """Earlier versions of ``article`` (a row as ``load_article`` gives it), newest first."""
    rows = conn.execute(
        "SELECT title, body, seen_at, replaced_at, updated_at, changed FROM article_revisions "
        "WHERE article_id = ? ORDER BY id",
        [article["id"]],
    ).fetchall()
    versions = [
        Version(title, _paragraphs(body), seen_at, replaced_at, updated_at, json.loads(changed or "[]"))
        for title, body, seen_at, replaced_at, updated_at, changed in rows
    ]
    later_title, later_body = article.get("title"), list(article.get("body") or [])
    for v in reversed(versions):
        v.next_title = later_title
        matcher = difflib.SequenceMatcher(a=v.body, b=later_body, autojunk=False)
        for op, a0, a1, b0, b1 in matcher.get_opcodes():
            if op != "equal":
                v.removed += v.body[a0:a1]
                v.added += later_body[b0:b1]
        later_title, later_body = v.title, v.body
    return versions[::-1]


def _paragraphs(body: str | None) -> list[str]:
    return [p for p in (body or "").split("\n\n") if p]
