"""The SQLite file: schema, migrations and writes.

One ``articles`` row per canonical URL (its id is a hash of that URL, so the same
article gets the same id in every database), authors through a link table, images in
their own table, one ``crawl_runs`` row per ``scrapy crawl``, and the search index
``articles_fts``: title, body and grams as ``newscrawl.textindex`` gives them (words in
normalized form, bigrams for the fallback). The index is contentless (FTS5 keeps no
copy of the text), so ``index_articles`` tells it what an updated article used to
say; ``newscrawl_meta`` records which rules built it and whether a reindex is due.

The file is opened in WAL mode so Datasette and analysts can read while a crawl
writes, and every batch of articles is one transaction: a crash loses at most the
open batch and never leaves half an article behind.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sqlite3
from collections.abc import Iterable, Mapping
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import sqlite_utils

from newscrawl.textindex import index_fields, signature

logger = logging.getLogger(__name__)

SCHEMA_VERSION = 8
FTS_TABLE = "articles_fts"
# Tokens are made in Python (newscrawl.textindex) and joined by spaces; '.' stays
# inside a token so decimals (1.1) are one word.
FTS_SCHEMA = (
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(title, body, grams, content='', "
    "tokenize=\"unicode61 remove_diacritics 0 tokenchars '.'\")"
)

ARTICLE_COLUMNS = {
    "id": str,
    "url": str,
    "canonical_url": str,
    "site": str,
    "outlet": str,
    "language": str,
    "title": str,
    "published_at": str,  # as the page implies it, with offset
    "published_utc": str,  # the same instant in UTC, for sorting and filtering
    "published_precision": int,
    "published_raw": str,
    "updated_at": str,
    "updated_utc": str,
    "authors": str,  # JSON list, for Datasette's array facets; see also article_authors
    "byline": str,
    "dateline": str,
    "agency": str,
    "section": str,
    "tags": str,  # JSON list
    "body": str,  # paragraphs separated by a blank line
    "paywalled": int,
    "truncated": int,  # body cut at pipelines/validate.py MAX_BODY_CHARS
    "encoding": str,  # how the page's bytes were decoded
    "encoding_guessed": int,  # 1: detected from the bytes; 0: declared (BOM, HTTP, <meta>)
    "fetched_at": str,
    "first_seen_at": str,
    "sources": str,  # JSON: which extraction layer produced each field
}
# Also on ``articles``, written by their own steps and never by an upsert:
# ``story_id`` (newscrawl.stories) and ``revised_at`` (Storage._record_revisions).


def default_db_path() -> str:
    return os.environ.get("NEWSCRAWL_DB") or "data/newscrawl.db"


def check_database(path: str | os.PathLike, *, create: bool = False) -> Path:
    """``path`` as a newscrawl database a command can open, or a one-line UserError.

    Readers (``create=False``) need the file and its ``articles`` table; writers
    may name a file that does not exist yet (or is empty: SQLite's new database).
    Either way a directory, a file that is not SQLite, or another program's
    database is refused before anything reads or writes it.
    """
    from newscrawl.errors import UserError

    db = Path(path)
    if db.is_dir():
        raise UserError(f"{db} is a directory, not a database file: pass --db FILE")
    if not db.exists() or db.stat().st_size == 0:
        if create:
            return db
        if not db.exists():
            raise UserError(f"no database at {db}: run `newscrawl demo` (or a crawl) first, or pass --db PATH")
        raise UserError(f"{db} is an empty file, not a newscrawl database: pass --db PATH")
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as e:
        raise UserError(f"{db} is not a readable SQLite database ({e})") from None
    if "articles" not in tables and (tables or not create):
        raise UserError(f"{db} has no articles table: is it a newscrawl database? (run `newscrawl demo` to make one)")
    return db


def article_id(canonical_url: str) -> str:
    return hashlib.sha1(canonical_url.encode("utf-8")).hexdigest()[:16]


def to_utc(iso: str | None) -> str | None:
    """ISO 8601 with offset -> the same instant as ``YYYY-MM-DDTHH:MM:SSZ``."""
    if not iso:
        return None
    try:
        dt = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return None
    if dt.tzinfo is None:
        return None
    return dt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _migrate_1(db: sqlite_utils.Database) -> None:
    db["articles"].create(ARTICLE_COLUMNS, pk="id", not_null={"url"}, if_not_exists=True)
    db["authors"].create({"id": int, "name": str}, pk="id", not_null={"name"}, if_not_exists=True)
    db["authors"].create_index(["name"], unique=True, if_not_exists=True)
    db["article_authors"].create(
        {"article_id": str, "author_id": int, "position": int},
        pk=("article_id", "author_id"),
        foreign_keys=[("article_id", "articles", "id"), ("author_id", "authors", "id")],
        if_not_exists=True,
    )
    db["images"].create(
        {"article_id": str, "position": int, "url": str, "caption": str, "credit": str},
        pk=("article_id", "position"),
        foreign_keys=[("article_id", "articles", "id")],
        if_not_exists=True,
    )
    db["crawl_runs"].create(
        {
            "id": int,
            "spider": str,
            "started_at": str,
            "finished_at": str,
            "finish_reason": str,
            "pages": int,
            "stored": int,
            "dropped": int,
            "errors": int,
            "fallbacks": int,
            "unparsed": int,
            "stats": str,  # JSON of every newscrawl/* and a few scrapy stats
        },
        pk="id",
        if_not_exists=True,
    )
    for cols in (["outlet"], ["language"], ["published_utc"], ["site"], ["section"], ["canonical_url"]):
        db["articles"].create_index(cols, if_not_exists=True)
    db["article_authors"].create_index(["author_id"], if_not_exists=True)
    db.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5("
        "title, body, tokenize='porter unicode61 remove_diacritics 2')"
    )


def _migrate_2(db: sqlite_utils.Database) -> None:
    # Browsing one outlet or language newest-first scanned the whole filtered set
    # (1.4 s at 400k articles); a composite index serves it in order.
    db["articles"].create_index(["outlet", "published_utc"], if_not_exists=True)
    db["articles"].create_index(["language", "published_utc"], if_not_exists=True)


def _migrate_3(db: sqlite_utils.Database) -> None:
    # A run's verdict (ok / degraded / failed) and why, in words (newscrawl/runs.py).
    db["crawl_runs"].add_column("status", str)
    db["crawl_runs"].add_column("causes", str)  # JSON list of sentences


def _migrate_4(db: sqlite_utils.Database) -> None:
    # Whether the body was capped, and how the page was decoded (issue 9).
    have = db["articles"].columns_dict
    for name in ("truncated", "encoding", "encoding_guessed"):
        if name not in have:
            db["articles"].add_column(name, ARTICLE_COLUMNS[name])


def _migrate_5(db: sqlite_utils.Database) -> None:
    # Words instead of bigram text (issue 11), and no copy of the text inside FTS5
    # (42% of the file): the existing articles wait for `newscrawl reindex`.
    db.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
    db.execute(FTS_SCHEMA)
    db["newscrawl_meta"].create({"key": str, "value": str}, pk="key", if_not_exists=True)
    waiting = db.execute("SELECT count(*) FROM articles").fetchone()[0]
    _set_meta(db.conn, text_index=signature(), reindex_pending=str(waiting))
    if waiting:
        logger.warning("the search index changed: %s articles are not searchable until `newscrawl reindex` indexes them", f"{waiting:,}")


def _migrate_6(db: sqlite_utils.Database) -> None:
    # date(published_at) is the UTC day, not the day the outlet printed: a view that
    # counts by the Tokyo day (Japan keeps +09:00 all year) for analysts' SQL.
    db.execute("DROP VIEW IF EXISTS articles_by_day")
    db.execute(
        "CREATE VIEW articles_by_day AS "
        "SELECT date(published_utc, '+9 hours') AS day, outlet, language, count(*) AS articles "
        "FROM articles GROUP BY 1, 2, 3"
    )
    # Copies of one story share a story id (issue 12); the timeline counts stories by
    # COALESCE(story_id, id). Whichever branch adds the column first, the other finds it.
    if "story_id" not in db["articles"].columns_dict:
        db.execute("ALTER TABLE articles ADD COLUMN story_id TEXT")
    # The timeline counts a window's articles (or stories) per day and outlet, and
    # language when filtered: from this index alone, instead of a lookup into each
    # wide row (7x at 20k articles).
    db["articles"].create_index(["published_utc", "outlet", "language", "story_id", "id"], if_not_exists=True)


def _migrate_7(db: sqlite_utils.Database) -> None:
    # Runs of distributed workers arrive through `newscrawl ingest`, possibly twice
    # after an interrupted batch: (worker, spider, started_at) names each one once.
    db["crawl_runs"].add_column("worker", str)
    db["crawl_runs"].create_index(["worker", "spider", "started_at"], unique=True, if_not_exists=True)


def _migrate_8(db: sqlite_utils.Database) -> None:
    # One story, many copies: articles whose text is a copy of another's share its
    # story_id (the id of the story's first article); NULL until clustered, and
    # COALESCE(story_id, id) counts stories either way. revised_at: see below.
    # Written to be run again (as _migrate_4 is): _migrate_6 adds story_id for the timeline.
    have = db["articles"].columns_dict
    for name in ("story_id", "revised_at"):
        if name not in have:
            db["articles"].add_column(name, str)
    db["articles"].create_index(["story_id"], if_not_exists=True)
    # What incremental clustering needs: each article's LSH band hashes, keyed by
    # publication day first, so a lookup reads only the days of its window and
    # inserts land on the newest pages.
    db.execute(
        "CREATE TABLE IF NOT EXISTS story_bands ("
        "day INTEGER NOT NULL, band INTEGER NOT NULL, article INTEGER NOT NULL, "
        "PRIMARY KEY (day, band, article)) WITHOUT ROWID"
    )
    # Revisions: the earlier title and body when a re-crawl finds them changed, and
    # the article's revised_at.
    db["article_revisions"].create(
        {
            "id": int,
            "article_id": str,
            "title": str,
            "body": str,
            "updated_at": str,  # as that version's page printed it
            "seen_at": str,  # when that version was last fetched
            "replaced_at": str,  # when the newer version was fetched
            "changed": str,  # JSON list: "title", "body"
        },
        pk="id",
        foreign_keys=[("article_id", "articles", "id")],
        if_not_exists=True,
    )
    db["article_revisions"].create_index(["article_id"], if_not_exists=True)


MIGRATIONS = {1: _migrate_1, 2: _migrate_2, 3: _migrate_3, 4: _migrate_4, 5: _migrate_5, 6: _migrate_6, 7: _migrate_7, 8: _migrate_8}


def _set_meta(conn: sqlite3.Connection, **values: str) -> None:
    conn.executemany("INSERT OR REPLACE INTO newscrawl_meta (key, value) VALUES (?, ?)", list(values.items()))


def index_state(conn: sqlite3.Connection) -> dict[str, str]:
    """What ``newscrawl_meta`` says of the search index: ``text_index`` (the rules
    it was built with) and ``reindex_pending`` (articles waiting for a reindex);
    empty before schema 5."""
    try:
        return dict(conn.execute("SELECT key, value FROM newscrawl_meta"))
    except sqlite3.OperationalError:
        return {}


def reindex_reason(conn: sqlite3.Connection) -> str | None:
    """Why the search index needs `newscrawl reindex`, or None when it does not."""
    state = index_state(conn)
    if not state:
        return "the search index is from an older newscrawl"
    if state.get("text_index") != signature():
        return f"the search index was built with other rules ({state.get('text_index')}; now {signature()})"
    pending = int(state.get("reindex_pending") or 0)
    if pending:
        return f"{pending:,} articles are not in the search index yet"
    return None


@contextmanager
def _migration_lock(path: Path):
    try:
        import fcntl
    except ImportError:  # not POSIX: one process at a time is the user's to arrange
        yield
        return
    with open(f"{path}-migrate.lock", "a") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        yield


class Storage:
    """An open newscrawl database. ``Storage(path)`` creates or migrates it."""

    def __init__(self, path: str | os.PathLike | None = None, *, readonly: bool = False):
        self.path = Path(path or default_db_path())
        if readonly:
            if not self.path.exists():
                raise FileNotFoundError(f"no database at {self.path}: run a crawl first (newscrawl demo)")
            conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self.db = sqlite_utils.Database(conn)
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite_utils.Database(self.path)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("PRAGMA foreign_keys=ON")
        self.db.execute("PRAGMA busy_timeout=10000")
        self.migrate()

    @property
    def conn(self) -> sqlite3.Connection:
        return self.db.conn

    def close(self) -> None:
        self.db.conn.close()

    # -- schema ---------------------------------------------------------

    def schema_version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    def migrate(self) -> None:
        if self.schema_version() == SCHEMA_VERSION:
            return
        # Two crawls started on a new file both found it unmigrated and ran the same
        # migrations at once ("view articles_by_day already exists"): the processes
        # take turns on a lock file, and the second finds the work done. The
        # migrations run in one transaction (DDL opens none of its own, and `with
        # conn` does not either), so a reader such as `newscrawl serve` sees the old
        # schema or the new one, never half of one (a search index without its
        # tables: "vtable constructor failed"), and a crash leaves the old one.
        with _migration_lock(self.path), self.db.atomic():
            current = self.schema_version()
            if current > SCHEMA_VERSION:
                raise RuntimeError(
                    f"{self.path} has schema version {current}, newer than this newscrawl ({SCHEMA_VERSION}): upgrade newscrawl"
                )
            for version in range(current + 1, SCHEMA_VERSION + 1):
                MIGRATIONS[version](self.db)
                self.db.execute(f"PRAGMA user_version={version}")

    # -- writes ---------------------------------------------------------

    def upsert_articles(self, articles: Iterable[Mapping[str, Any]], on_error=None) -> int:
        """Insert or update articles in one transaction; returns how many were written.

        The same canonical URL always updates the same row (and keeps its rowid, so
        the full-text index stays aligned); authors and images are replaced. A batch
        holding one canonical URL twice (a feed listing ``…/x`` and ``…/x?ref=rss``)
        writes it once, the last copy winning. When the batch fails because of one
        bad article, each article is written on its own, so only the bad one is lost:
        ``on_error(article, exception)`` hears about it (default: a logged warning).
        A changed title or body keeps the earlier one (``_record_revisions``), and
        new or changed texts join their story (``newscrawl.stories``).
        """
        rows, bad = {}, []
        for article in articles:
            try:
                row = article_row(article)
            except ITEM_ERRORS as e:
                bad.append((article, e))
                continue
            rows.pop(row["id"], None)  # the last copy wins, in its own place in the batch
            rows[row["id"]] = row
        written = 0
        if rows:
            try:
                written = self._write_rows(list(rows.values()))
            except ITEM_ERRORS:
                for row in rows.values():
                    try:
                        written += self._write_rows([row])
                    except ITEM_ERRORS as e:
                        bad.append((row, e))
        for article, error in bad:
            (on_error or _log_bad_article)(article, error)
        return written

    def _write_rows(self, rows: list[dict[str, Any]]) -> int:
        cols = list(ARTICLE_COLUMNS)
        update_cols = [c for c in cols if c not in ("id", "first_seen_at")]
        sql = (
            f"INSERT INTO articles ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))}) "
            f"ON CONFLICT(id) DO UPDATE SET {', '.join(f'{c}=excluded.{c}' for c in update_cols)}"
        )
        from newscrawl import stories  # numpy and datasketch: only for writing

        stories.warm_up()  # datasketch's first import (a second or more) before the write lock, not under it
        conn = self.conn
        with conn:
            ids = [r["id"] for r in rows]
            stored = self._stored(ids)
            revised = self._record_revisions(rows, stored)
            before = {old["rowid"]: (old["title"], old["body"]) for old in stored.values()}
            conn.executemany(sql, [[r[c] for c in cols] for r in rows])
            rowids = dict(self._rowids(ids))
            self.index_articles([(rowids[r["id"]], r["title"], r["body"]) for r in rows], before)
            conn.executemany("DELETE FROM article_authors WHERE article_id = ?", [(i,) for i in ids])
            conn.executemany("DELETE FROM images WHERE article_id = ?", [(i,) for i in ids])
            names = {n for r in rows for n in r["_authors"]}
            if names:
                conn.executemany("INSERT OR IGNORE INTO authors (name) VALUES (?)", [(n,) for n in names])
                author_ids = self._author_ids(names)
                conn.executemany(
                    "INSERT OR IGNORE INTO article_authors (article_id, author_id, position) VALUES (?, ?, ?)",
                    [(r["id"], author_ids[n], pos) for r in rows for pos, n in enumerate(r["_authors"])],
                )
            conn.executemany(
                "INSERT INTO images (article_id, position, url, caption, credit) VALUES (?, ?, ?, ?, ?)",
                [
                    (r["id"], pos, img.get("url"), img.get("caption"), img.get("credit"))
                    for r in rows
                    for pos, img in enumerate(r["_images"])
                ],
            )
            stories.assign(conn, ids, revised=revised)
        return len(rows)

    def _record_revisions(self, rows: list[dict[str, Any]], earlier: Mapping[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
        """Keep the stored title and body (``earlier``, by id) of each row whose text
        changed: one ``article_revisions`` row, and ``revised_at`` on the article.
        Returns the earlier rows of the articles whose body changed, by id.

        Whitespace alone is no change (a page re-rendered with other line breaks)."""
        revisions, body_changed = [], {}
        for r in rows:
            old = earlier.get(r["id"])
            if old is None:
                continue
            changed = [f for f in ("title", "body") if _squeeze(old[f]) != _squeeze(r[f])]
            if not changed:
                continue
            replaced_at = r["fetched_at"] or r["first_seen_at"]
            revisions.append((r["id"], old["title"], old["body"], old["updated_at"], old["fetched_at"], replaced_at,
                              json.dumps(changed)))
            if "body" in changed:
                body_changed[r["id"]] = old
        self.conn.executemany(
            "INSERT INTO article_revisions (article_id, title, body, updated_at, seen_at, replaced_at, changed) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            revisions,
        )
        self.conn.executemany("UPDATE articles SET revised_at = ? WHERE id = ?", [(r[5], r[0]) for r in revisions])
        return body_changed

    # -- search index -----------------------------------------------------

    def index_articles(self, rows: list[tuple[int, str | None, str | None]], before: Mapping[int, tuple] | None = None) -> int:
        """Write the search index for ``rows`` of (rowid, title, body), inside the
        caller's transaction; returns how many were (re)indexed.

        ``before`` maps a rowid to the (title, body) it was indexed with, for
        articles that are already in the index: a contentless index cannot look
        its old words up, so it is told what to take out. Text that did not change
        is left alone."""
        before = before or {}
        indexed = self._indexed([r[0] for r in rows])
        removes, adds = [], []
        for rowid, title, body in rows:
            old = before.get(rowid)
            if rowid in indexed:
                if old == (title, body):
                    continue
                if old is None:  # indexed, yet nobody knows with what: keep the old words rather than guess
                    logger.warning("article %s is indexed but its previous text is unknown; run `newscrawl reindex --full`", rowid)
                else:
                    removes.append(("delete", rowid, *index_fields(*old)))
            adds.append((rowid, *index_fields(title, body)))
        cols = "title, body, grams"
        self.conn.executemany(f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}, rowid, {cols}) VALUES (?, ?, ?, ?, ?)", removes)
        self.conn.executemany(f"INSERT INTO {FTS_TABLE} (rowid, {cols}) VALUES (?, ?, ?, ?)", adds)
        return len(adds)

    def reindex(self, *, full: bool = False, batch: int = 500):
        """Index every article the index lacks, ``batch`` per transaction; yields
        (done, total) after each. Resumable: an interrupted run loses one batch.
        ``full`` (or an index built with other rules) starts from an empty index."""
        conn = self.conn
        if full or index_state(conn).get("text_index") != signature():
            with conn:
                conn.execute(f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}) VALUES ('delete-all')")
                _set_meta(conn, text_index=signature(), reindex_pending=str(self.count()))
        total = conn.execute(
            f"SELECT count(*) FROM articles WHERE rowid NOT IN (SELECT id FROM {FTS_TABLE}_docsize)"
        ).fetchone()[0]
        done, last = 0, 0
        yield done, total
        while True:
            rows = conn.execute(
                f"SELECT rowid, title, body FROM articles WHERE rowid > ? AND rowid NOT IN "
                f"(SELECT id FROM {FTS_TABLE}_docsize) ORDER BY rowid LIMIT ?",
                (last, batch),
            ).fetchall()
            if not rows:
                break
            with conn:
                self.index_articles(rows)
                done += len(rows)
                _set_meta(conn, reindex_pending=str(max(0, total - done)))
            last = rows[-1][0]
            yield done, total
        with conn:
            _set_meta(conn, reindex_pending="0")
        conn.execute(f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}) VALUES ('optimize')")

    def _indexed(self, rowids: list[int]) -> set[int]:
        out: set[int] = set()
        for chunk in _chunks(rowids, 500):
            out.update(r[0] for r in self.conn.execute(
                f"SELECT id FROM {FTS_TABLE}_docsize WHERE id IN ({', '.join('?' * len(chunk))})", chunk
            ))
        return out

    def _stored(self, ids: list[str]) -> dict[str, dict[str, Any]]:
        """id -> what the search index and the revisions need of the stored articles
        among ``ids``, before a batch overwrites them."""
        out: dict[str, dict[str, Any]] = {}
        for chunk in _chunks(ids, 500):
            cur = self.conn.execute(
                "SELECT rowid, id, title, body, updated_at, fetched_at, published_utc, first_seen_at FROM articles "
                f"WHERE id IN ({', '.join('?' * len(chunk))})",
                chunk,
            )
            names = [d[0] for d in cur.description]
            out.update((r[1], dict(zip(names, r))) for r in cur)
        return out

    def _rowids(self, ids: list[str]):
        for chunk in _chunks(ids, 500):
            yield from self.conn.execute(
                f"SELECT id, rowid FROM articles WHERE id IN ({', '.join('?' * len(chunk))})", chunk
            )

    def _author_ids(self, names: set[str]) -> dict[str, int]:
        out: dict[str, int] = {}
        for chunk in _chunks(sorted(names), 500):
            out.update(
                self.conn.execute(
                    f"SELECT name, id FROM authors WHERE name IN ({', '.join('?' * len(chunk))})", chunk
                ).fetchall()
            )
        return out

    # -- crawl runs -----------------------------------------------------

    def start_run(self, spider: str, started_at: str) -> int:
        with self.conn:
            cur = self.conn.execute(
                "INSERT INTO crawl_runs (spider, started_at) VALUES (?, ?)", (spider, started_at)
            )
        return cur.lastrowid

    def finish_run(self, run_id: int, **fields: Any) -> None:
        with self.conn:
            self.db["crawl_runs"].update(run_id, _run_fields(fields))

    def record_run(self, fields: Mapping[str, Any]) -> None:
        """A finished run in one go (a distributed worker's); the same run twice is kept once."""
        fields = _run_fields(fields)
        known = [c for c in fields if c in self.db["crawl_runs"].columns_dict and c != "id"]
        with self.conn:
            self.conn.execute(
                f"INSERT OR IGNORE INTO crawl_runs ({', '.join(known)}) VALUES ({', '.join('?' * len(known))})",
                [fields[c] for c in known],
            )

    # -- reads ----------------------------------------------------------

    def count(self, table: str = "articles") -> int:
        return self.db[table].count

    def stored_urls(self, urls: Iterable[str]) -> dict[str, str | None]:
        """canonical_url -> fetched_at for those of ``urls`` already stored."""
        urls = list(urls)
        out: dict[str, str | None] = {}
        for chunk in _chunks(urls, 500):
            out.update(
                self.conn.execute(
                    f"SELECT canonical_url, fetched_at FROM articles WHERE canonical_url IN ({', '.join('?' * len(chunk))})",
                    chunk,
                ).fetchall()
            )
        return out

    def get_article(self, article_id_: str) -> dict[str, Any] | None:
        cursor = self.db.execute("SELECT * FROM articles WHERE id = ?", [article_id_])
        row = cursor.fetchone()
        if row is None:
            return None
        return row_to_article(dict(zip([d[0] for d in cursor.description], row)), self)


def _run_fields(fields: Mapping[str, Any]) -> dict[str, Any]:
    fields = dict(fields)
    for key in ("stats", "causes"):
        if key in fields and not isinstance(fields[key], str):
            fields[key] = json.dumps(fields[key], ensure_ascii=False, sort_keys=True, default=str)
    return fields


def article_row(article: Mapping[str, Any]) -> dict[str, Any]:
    """An Article (dict or dataclass via ItemAdapter) as an ``articles`` row."""
    a = dict(article)
    canonical = a.get("canonical_url") or a["url"]
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    row = {c: a.get(c) for c in ARTICLE_COLUMNS}
    row.update(
        id=article_id(canonical),
        canonical_url=canonical,
        published_utc=to_utc(a.get("published_at")),
        updated_utc=to_utc(a.get("updated_at")),
        authors=json.dumps(list(a.get("authors") or []), ensure_ascii=False),
        tags=json.dumps(list(a.get("tags") or []), ensure_ascii=False),
        body="\n\n".join(a.get("body") or []),
        paywalled=int(bool(a.get("paywalled"))),
        truncated=int(bool(a.get("truncated"))),
        encoding_guessed=None if a.get("encoding_guessed") is None else int(bool(a["encoding_guessed"])),
        first_seen_at=a.get("fetched_at") or now,
        sources=json.dumps(a.get("sources") or {}, ensure_ascii=False, sort_keys=True),
    )
    row["_authors"] = list(dict.fromkeys(a.get("authors") or []))
    row["_images"] = [dict(i) for i in a.get("images") or []]
    return row


def row_to_article(row: dict[str, Any], storage: Storage) -> dict[str, Any]:
    """An ``articles`` row back as the Article dict ``extract`` prints."""
    out = dict(row)
    for key in ("authors", "tags"):
        out[key] = json.loads(out[key] or "[]")
    out["sources"] = json.loads(out.get("sources") or "{}")
    out["body"] = [p for p in (out["body"] or "").split("\n\n") if p]
    out["paywalled"] = bool(out["paywalled"])
    out["truncated"] = bool(out.get("truncated"))
    out["images"] = [
        {"url": u, "caption": c, "credit": cr}
        for u, c, cr in storage.conn.execute(
            "SELECT url, caption, credit FROM images WHERE article_id = ? ORDER BY position", [row["id"]]
        )
    ]
    return out


# What one bad article can raise (bad values, constraints); anything else, such as
# a locked or full database, fails the whole batch and is the caller's to retry.
ITEM_ERRORS = (
    sqlite3.IntegrityError,
    sqlite3.InterfaceError,
    sqlite3.DataError,
    sqlite3.ProgrammingError,
    ValueError,
    TypeError,
    KeyError,
    OverflowError,
)


def _log_bad_article(article: Mapping[str, Any], error: Exception) -> None:
    logger.warning("article not stored: %s (%s)", _url_of(article), error)


def _url_of(article) -> str:
    try:
        return str(dict(article).get("canonical_url") or dict(article).get("url"))
    except (TypeError, ValueError):
        return repr(article)[:200]


def distinct_values(conn: sqlite3.Connection, column: str) -> list[str]:
    """The distinct values of an indexed articles column, by hopping through its index
    (one lookup per value) rather than scanning it: milliseconds at a million rows."""
    assert column in ("outlet", "language")  # indexed columns only; never user input
    sql = f"""
        WITH RECURSIVE v(x) AS (
          SELECT min({column}) FROM articles
          UNION ALL
          SELECT (SELECT min({column}) FROM articles WHERE {column} > x) FROM v WHERE x IS NOT NULL
        ) SELECT x FROM v WHERE x IS NOT NULL"""
    return [r[0] for r in conn.execute(sql)]


def _squeeze(text: str | None) -> str:
    return " ".join((text or "").split())


def _chunks(seq: list, size: int):
    for i in range(0, len(seq), size):
        yield seq[i : i + size]
