"""Publication times of every article, in memory, indexed by rowid.

Ranking needs each match's age and the default window needs its date. Reading them
from ``articles`` costs a b-tree lookup into wide rows per match — on a million
articles that was most of a query's time, more than FTS5 itself. Search engines keep
such per-document values in memory ("doc values"); so do we: 8 bytes per article
(8 MB per million), loaded once from the ``published_utc`` index and reloaded
whenever the database file or its WAL changes, so results are never stale.
Connections without a file (``:memory:``) go without, and the SQL join is used.
"""

from __future__ import annotations

import os
import sqlite3
from array import array

MISSING = -(2**62)  # no publication time
_CACHE: dict[str, "Timeline"] = {}


class Timeline:
    def __init__(self, times: array, key: tuple):
        self.times = times
        self.key = key

    def at(self, rowid: int) -> int:
        return self.times[rowid] if rowid < len(self.times) else MISSING

    @classmethod
    def for_connection(cls, conn: sqlite3.Connection, *, load: bool = True) -> "Timeline | None":
        """The timeline of ``conn``'s database, loading it if needed and ``load``
        (a one-off search, such as one CLI run, is faster without the load)."""
        path = next((r[2] for r in conn.execute("PRAGMA database_list") if r[1] == "main"), "")
        if not path or not os.path.exists(path):
            return None
        key = file_key(path)
        cached = _CACHE.get(path)
        if cached is not None and cached.key == key:
            return cached
        if not load:
            return None
        top = conn.execute("SELECT max(rowid) FROM articles").fetchone()[0] or 0
        times = array("q", [MISSING]) * (top + 1)
        indexed = any(
            r[1] == "idx_articles_published_utc" for r in conn.execute("PRAGMA index_list(articles)")
        )
        source = "articles INDEXED BY idx_articles_published_utc" if indexed else "articles"
        for rowid, ts in conn.execute(
            f"SELECT rowid, unixepoch(published_utc) FROM {source} WHERE published_utc IS NOT NULL"
        ):
            if ts is not None and rowid <= top:
                times[rowid] = ts
        if len(_CACHE) >= 4:
            _CACHE.clear()
        # Written to while we read? Use it for this query, but load again next time.
        timeline = _CACHE[path] = cls(times, key if file_key(path) == key else None)
        return timeline


def file_key(path: str) -> tuple:
    out = []
    for p in (path, path + "-wal"):
        try:
            st = os.stat(p)
            out += [st.st_ino, st.st_size, st.st_mtime_ns]
        except FileNotFoundError:
            out += [None, None, None]
    return tuple(out)
