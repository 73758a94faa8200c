"""One result per story: copies of a wire story collapse into the best-ranked one,
which lists where else it ran ("also in: KYODO, MAINICHI, BERITAJEPANG").

A step after ranking, apart from it: ``one_per_story`` asks the ranking for more
than a page until the page's stories are found, and ``attach`` gives each hit its
``story_id`` and ``copies``. Stories come from ``articles.story_id``
(newscrawl/stories.py); an article without one is a story of its own.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable

from newscrawl import outlets

Ranked = list[tuple[int, float]]  # (articles.rowid, score), best first


def one_per_story(conn: sqlite3.Connection, rank: Callable[[int], tuple[Ranked, int]], limit: int, offset: int):
    """The page ``[offset, offset + limit)`` of the ranking with one article per
    story, the total of matching articles, and whether more stories follow.

    ``rank(n)`` returns the best ``n`` articles and the total. Copies usually sit
    next to each other in a ranking, so twice the page is asked for first, and
    four times more whenever copies used that up.
    """
    if not has_stories(conn):  # a database newscrawl has not migrated yet
        ranked, total = rank(offset + limit)
        return ranked[offset:], total, offset + limit < total
    want = offset + limit + 1  # one more: is there a next page?
    n = 2 * want + 10
    while True:
        ranked, total = rank(n)
        firsts = _first_per_story(conn, ranked)
        if len(firsts) >= want or len(ranked) < n:
            return firsts[offset : offset + limit], total, len(firsts) >= want
        n *= 4


def _first_per_story(conn, ranked: Ranked) -> Ranked:
    story = dict(conn.execute(
        "SELECT rowid, coalesce(story_id, id) FROM articles WHERE rowid IN (SELECT value FROM json_each(?))",
        [json.dumps([r for r, _ in ranked])],
    ))
    seen, out = set(), []
    for rowid, score in ranked:
        key = story.get(rowid, rowid)
        if key not in seen:
            seen.add(key)
            out.append((rowid, score))
    return out


def attach(conn: sqlite3.Connection, hits: list) -> None:
    """Set ``story_id`` and ``copies`` (the story's other articles, oldest first:
    id, url, outlet, site, title, published_at, label) on each hit."""
    if not hits or not has_stories(conn):
        return
    ids = [h.id for h in hits]
    story = dict(conn.execute(
        f"SELECT id, story_id FROM articles WHERE id IN ({', '.join('?' * len(ids))})", ids
    ))
    members: dict[str, list[dict]] = {}
    story_ids = sorted({s for s in story.values() if s})
    if story_ids:
        cur = conn.execute(
            "SELECT story_id, id, url, outlet, site, title, published_at FROM articles "
            f"WHERE story_id IN ({', '.join('?' * len(story_ids))}) ORDER BY coalesce(published_utc, first_seen_at), id",
            story_ids,
        )
        for story_id, *row in cur:
            copy = dict(zip(("id", "url", "outlet", "site", "title", "published_at"), row))
            copy["label"] = label(copy)
            members.setdefault(story_id, []).append(copy)
    for hit in hits:
        hit.story_id = story.get(hit.id)
        hit.copies = [c for c in members.get(hit.story_id, []) if c["id"] != hit.id]


def also_in(hit) -> list[str]:
    """Where else the hit's story ran, each place once: ["KYODO", "BERITAJEPANG"]."""
    return list(dict.fromkeys(c["label"] for c in hit.copies))


def has_stories(conn: sqlite3.Connection) -> bool:
    return any(r[1] == "story_id" for r in conn.execute("PRAGMA table_info(articles)"))


def label(copy: dict) -> str:
    """Where a copy ran, as people name it: the outlet's masthead (KYODO, MAINICHI),
    or for a site that republishes others (a portal: its ``site`` is not the
    credited ``outlet``) the site's own name from its host (BERITAJEPANG)."""
    outlet, site = copy.get("outlet") or "", copy.get("site") or ""
    if site and outlet and site != outlet:
        return outlets.site_name(site, copy.get("url"))
    return outlets.name(outlet or site)
