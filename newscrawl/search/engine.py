"""``search()``: a query string and filters in, ranked and highlighted articles out.

The one function behind ``newscrawl search``, the Datasette page and notebooks.
Text queries run as one FTS5 MATCH joined to ``articles`` (FTS first: the index
narrows, the table filters), ranked by bm25 — title hits weigh four times body hits
— times a recency factor that halves the score of very old articles against today's
(``0.5 + 0.5 / (1 + age_days / 30)``): relevance decides, recency breaks near-ties.
The total comes from the same pass (a window count), so paging costs nothing extra.
Without words, filters alone browse newest first.

Common words are decided by the index's statistics: an unquoted term found in at
least ``COMMON_SHARE`` of the articles is left out and reported in ``notes`` (a term
in nine articles out of ten neither narrows nor ranks, and costs the most to
evaluate). Collections too small for statistics to mean anything (fewer than
``COMMON_MIN_DOCS``) use a short list of stop words instead.
"""

from __future__ import annotations

import heapq
import json
import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

from newscrawl import outlets
from newscrawl.humanize import absolute_time, relative_time, ui_language
from newscrawl.search import copies, romaji
from newscrawl.search.fts import Vocabulary, grams_expr, match_expr, term_expr, tokens_expr, words_expr
from newscrawl.search.highlight import Highlighter
from newscrawl.search.messages import Message
from newscrawl.search.timeline import MISSING, Timeline
from newscrawl.search.query import Filter, Query, QueryError, Term, parse_query, parse_time
from newscrawl.storage import distinct_values, index_state, reindex_reason
from newscrawl.textindex import has_cjk, normalize, query_words
from newscrawl.timespan import TOKYO

COMMON_SHARE = 0.5
COMMON_MIN_DOCS = 200
COMMON_SAMPLE = 20_000  # newest articles in which a word's share is measured
DEFAULT_WINDOW = timedelta(days=365)  # the seed site's "Maksimal 1 tahun yang lalu"
TITLE_WEIGHT = 4.0
GRAMS_WEIGHT = 0.2  # a string match (the fallback) counts for less than a word
RECENCY_DAYS = 30.0
MAX_LIMIT = 1000
IN_MEMORY_DATES = True  # rank with newscrawl.search.timeline when only dates filter
STOP_WORDS = frozenset(
    "a an and are as at be by for from has have in is it its of on or that the this to was were will with "
    "の に は を が と で も へ や から まで です ます".split()
)
# facet name -> (SQL value, name of the filter it selects); grouped as filtered, so
# a count is exactly what choosing that value would give
FACETS = {"outlet": ("a.outlet", "outlet"), "language": ("lower(a.language)", "lang")}
_CJK_SHARES: dict[tuple[str, int], float] = {}
# bm25 (title hits weigh TITLE_WEIGHT) times the recency factor; the two ? are "now"
# as a Julian day. Undated articles count as ten years old.
SCORE_SQL = (
    f"(0.001 - bm25(articles_fts, {TITLE_WEIGHT}, 1.0, {GRAMS_WEIGHT})) * (0.5 + 0.5 / (1.0 + "
    f"max(0.0, ? - coalesce(julianday(a.published_utc), ? - 3650.0)) / {RECENCY_DAYS}))"
)
_COLUMNS = "rowid, id, url, site, title, outlet, language, published_at, published_utc, authors, dateline, agency, section, body"


@dataclass
class Hit:
    id: str
    url: str
    title: str | None
    outlet: str | None
    language: str | None
    published_at: str | None
    published_utc: str | None
    relative_time: str
    snippet: str  # HTML: escaped text, hits in <mark>
    title_html: str  # HTML: escaped title, hits in <mark>
    score: float
    authors: list[str] = field(default_factory=list)
    dateline: str | None = None
    agency: str | None = None
    section: str | None = None
    image: dict[str, Any] | None = None
    lead: list[str] = field(default_factory=list)
    absolute_time: str = ""  # published_at as "2025-01-14 15:00 +09:00"
    via: str = ""  # the site that republished it (a portal: BERITAJEPANG), when not the outlet
    story_id: str | None = None  # newscrawl.search.copies: the story this article is a copy in
    copies: list[dict[str, Any]] = field(default_factory=list)  # the story's other articles

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class SearchResult:
    hits: list[Hit]
    total: int
    notes: list[str]  # in ui_lang, worded for any surface
    query: Query
    since: datetime | None = None
    until: datetime | None = None
    # The notes as message ids and parameters, for another language or surface:
    # ``[m.render("en", "cli") for m in result.messages]``.
    messages: list[Message] = field(default_factory=list)
    # Requested facets: {"outlet": [(value, count), ...]}, most articles first.
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    # Whether results follow this page (with one per story, pages hold fewer than total).
    more: bool = False


@dataclass
class Plan:
    """What a query selects, before anything is ranked: its terms as an FTS5
    expression, its filters and its window. ``matching_sql()`` is the SQL of every
    match (the articles table as ``a``) and ``scope_sql()`` the same without the
    words: what a match's share is a share of. The timeline and the exports count
    and stream from these, so they select exactly what the search does."""

    query: Query
    match: str | None  # FTS5 expression of the terms, None without words
    neg: str | None  # of the exclusions, when there are no words
    filters: list[Filter]
    chosen: dict[str, Filter]
    since: datetime | None
    until: datetime | None
    messages: list[Message]

    def matching_sql(self) -> tuple[str, list]:
        """``FROM ... WHERE ...`` selecting every match, with its parameters."""
        where, params = _conditions(self.filters, self.since, self.until, self.neg)
        if not self.match:
            return "FROM articles AS a" + (" WHERE " + " AND ".join(where) if where else ""), params
        conds = "".join(f" AND {w}" for w in where)
        return (
            "FROM articles_fts CROSS JOIN articles AS a ON a.rowid = articles_fts.rowid "
            f"WHERE articles_fts MATCH ?{conds}",
            [self.match, *params],
        )

    def scope_sql(self) -> tuple[str, list]:
        """``FROM ... WHERE ...`` of the articles the filters and window allow, words aside."""
        where, params = _conditions(self.filters, self.since, self.until)
        return "FROM articles AS a" + (" WHERE " + " AND ".join(where) if where else ""), params


@contextmanager
def connection(conn_or_path: sqlite3.Connection | str | os.PathLike):
    """The connection given, or a read-only one on the database file given (closed
    after): a one-off call from the CLI or a notebook."""
    if isinstance(conn_or_path, sqlite3.Connection):
        yield conn_or_path
        return
    path = os.fspath(conn_or_path)
    if not os.path.exists(path):
        raise FileNotFoundError(f"no database at {path}: run a crawl first (newscrawl demo)")
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        yield conn
    finally:
        conn.close()


def stream(
    conn: sqlite3.Connection,
    text: str = "",
    *,
    now: datetime | None = None,
    ui_lang: str = "id",
    batch: int = 500,
    **filters,
) -> tuple[Plan, Iterator[Hit]]:
    """Every match of a search, not one page: its Plan (notes, what it selected) and an
    iterator of Hits in ranked order. ``filters`` are ``search``'s (outlet, lang, since,
    until, all_time). For exports: nothing is held but one batch."""
    now = now or datetime.now(timezone.utc)
    s = _Search(conn, now if now.tzinfo else now.replace(tzinfo=timezone.utc), ui_language(ui_lang))
    p = s.plan(text, **filters)
    return p, s.stream(p, batch)


def search(
    conn_or_path: sqlite3.Connection | str | os.PathLike,
    text: str = "",
    *,
    outlet: str | list[str] | None = None,
    lang: str | list[str] | None = None,
    since: str | datetime | None = None,
    until: str | datetime | None = None,
    all_time: bool = False,
    limit: int = 20,
    offset: int = 0,
    now: datetime | None = None,
    ui_lang: str = "id",
    facets: tuple[str, ...] | list[str] = (),
    deadline: float | None = None,
    one_per_story: bool = True,
) -> SearchResult:
    """Search the articles; see the module docstring and ``newscrawl.search.query``.

    Notes and errors are in ``ui_lang`` (id, en or ja). Raises QueryError (a
    one-line message; ``e.message(lang)`` for another language) for queries that
    cannot run and FileNotFoundError when ``conn_or_path`` names no database.
    Given a connection (Datasette, a notebook), the first search loads publication
    times into memory (newscrawl.search.timeline) and later ones rank faster;
    given a path, one search runs without that load.

    ``deadline`` (a ``time.perf_counter()`` value) bounds the work done in Python
    (analysis, highlighting) as SQLite's progress handler bounds the SQL: past it
    the search stops with QueryError("interrupted").

    ``facets=("outlet", "language")`` also counts the matches per value, one
    GROUP BY each (see ``_Search._facets``). With ``limit=0`` no hits are ranked:
    the call costs the counts alone, and ``total`` comes from them.

    ``one_per_story`` (the default) shows each story once, at its best-ranked
    copy, with the others in ``hit.copies`` (``newscrawl.search.copies``);
    ``total`` still counts every matching article.
    """
    lang_ = ui_language(ui_lang)
    try:
        if not isinstance(limit, int) or not isinstance(offset, int) or limit < 0 or offset < 0:
            raise QueryError("bad_paging")
        unknown = set(facets) - set(FACETS)
        if unknown:
            raise ValueError(f"facets can be {', '.join(FACETS)}, not {', '.join(sorted(unknown))}")
        limit = min(limit, MAX_LIMIT)
        now = now or datetime.now(timezone.utc)
        if now.tzinfo is None:
            now = now.replace(tzinfo=timezone.utc)
        args = (text, outlet, lang, since, until, all_time, limit, offset, tuple(facets), one_per_story)
        with connection(conn_or_path) as conn:
            return _Search(conn, now, lang_, reuse=conn is conn_or_path, deadline=deadline).run(*args)
    except QueryError as e:
        e.lang = lang_  # str(e) in the reader's language
        raise


class _Search:
    def __init__(self, conn: sqlite3.Connection, now: datetime, ui_lang: str, reuse: bool = False, deadline: float | None = None):
        self.conn = conn
        self.deadline = deadline
        self.reuse = reuse  # a connection the caller keeps: worth loading the timeline for
        self.now = now
        self.ui_lang = ui_lang
        self.notes: list[Message] = []
        try:
            self.vocab = Vocabulary(conn)
        except sqlite3.OperationalError as e:
            if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'articles'").fetchone():
                raise QueryError("old_index") from None
            raise QueryError("no_index", error=str(e)) from None
        # The bigram index of newscrawl before schema 5: its words are not ours, so a
        # query with words is refused; filters and counts alone do not need it.
        self.old_index = not index_state(conn)
        reason = None if self.old_index else reindex_reason(conn)
        if reason:
            self.notes.append(Message("reindex", {"reason": reason}))

    # -- plan -----------------------------------------------------------

    def plan(self, text, outlet=None, lang=None, since=None, until=None, all_time=False, tz=TOKYO) -> "Plan":
        """What the query selects; dates in it (and in ``since``/``until``) are days in ``tz``."""
        q = parse_query(text or "", self.now, tz)
        typed_terms = bool(q.groups)
        if self.old_index and (q.groups or q.excluded):
            raise QueryError("old_index")
        self._drop_unsearchable(q)
        self._drop_common(q)
        self._plan_words(q)
        self._in_time()
        if typed_terms and not q.groups and not q.excluded and not q.filters and q.since is None and q.until is None:
            raise QueryError("nothing_left", notes=list(self.notes)) if self.notes else QueryError("nothing_to_search")
        filters = list(q.filters)
        chosen: dict[str, Filter] = {}  # the outlet= and lang= arguments: what a facet list selects
        for name, value in (("outlet", outlet), ("language", lang)):
            if value:
                values = [value] if isinstance(value, str) else list(value)
                chosen[name] = Filter(FACETS[name][1], [v.lower() for v in values])
                filters.append(chosen[name])
        self._resolve_outlets(filters)
        lo, hi = q.since, q.until
        if since:
            s = parse_time(since, self.now, name="since", tz=tz)
            lo = max(lo, s) if lo else s
        if until:
            u = parse_time(until, self.now, end=True, name="until", tz=tz)
            hi = min(hi, u) if hi else u
        if lo is None and hi is None and not all_time:
            lo = self.now - DEFAULT_WINDOW
            if self._has_older(lo):
                self.notes.append(Message("default_window", {"since": f"{lo:%Y-%m-%d}"}))
        if lo and hi and lo >= hi:
            raise QueryError("since_after_until", since=f"{lo:%Y-%m-%d %H:%M}", until=f"{hi:%Y-%m-%d %H:%M}")
        pos, neg = match_expr(q.groups, q.excluded)
        return Plan(q, pos, neg, filters, chosen, lo, hi, self.notes)

    def run(self, text, outlet, lang, since, until, all_time, limit, offset, facets=(), one_per_story=True) -> SearchResult:
        p = self.plan(text, outlet, lang, since, until, all_time)
        q, pos, neg, filters, chosen, lo, hi = p.query, p.match, p.neg, p.filters, p.chosen, p.since, p.until
        where, params = _conditions(filters, lo, hi, neg)
        try:
            timeline = Timeline.for_connection(self.conn, load=self.reuse) if pos and IN_MEMORY_DATES and not filters and not neg else None

            def rank(n: int, skip: int = 0):
                if timeline is not None:
                    return self._ranked_in_memory(pos, timeline, lo, hi, n, skip)
                if pos:
                    return self._ranked(pos, where, params, n, skip)
                return self._browse(where, params, n, skip)

            more = False
            if limit == 0:  # counts only: nothing to rank
                ranked, total = [], None
            elif one_per_story:
                ranked, total, more = copies.one_per_story(self.conn, rank, limit, offset)
            else:
                ranked, total = rank(limit, offset)
                more = offset + len(ranked) < total
            counts = {name: self._facet(name, pos, filters, chosen, lo, hi, neg) for name in facets}
            if total is None:
                total = _total(counts, chosen) if counts else self._count(pos, where, params)
        except sqlite3.OperationalError as e:
            raise QueryError("search_failed", error=str(e)) from None
        hits = self._hits(ranked, self._highlighter(q))
        copies.attach(self.conn, hits)
        return SearchResult(
            hits=hits,
            total=total,
            notes=[m.render(self.ui_lang) for m in self.notes],
            query=q,
            since=lo,
            until=hi,
            messages=list(self.notes),
            facets={name: sorted(((v, n) for v, n in rows if v is not None), key=lambda c: (-c[1], c[0]))
                    for name, rows in counts.items()},
            more=more,
        )

    def _in_time(self) -> None:
        if self.deadline is not None and time.perf_counter() > self.deadline:
            raise QueryError("interrupted")

    def _resolve_outlets(self, filters: list[Filter]) -> None:
        """Outlet filters name families (``outlet:kyodo`` is kyodo_en, ``outlet:mainichi``
        both editions); a name no outlet has is noted with the ones there are."""
        wanted = [f for f in filters if f.name == "outlet"]
        if not wanted:
            return
        present = distinct_values(self.conn, "outlet")
        for f in wanted:
            f.values, unknown = outlets.resolve(f.values, present)
            if unknown:
                self.notes.append(
                    Message("unknown_outlet", {"outlet": ", ".join(unknown), "known": ", ".join(outlets.known(present))})
                )

    def _drop_unsearchable(self, q: Query) -> None:
        for terms in [*q.groups, q.excluded]:
            for t in list(terms):
                if not query_words(t.text):
                    terms.remove(t)
                    self.notes.append(Message("unsearchable", {"term": t.text}))
        q.groups = [g for g in q.groups if g]

    def _plan_words(self, q: Query) -> None:
        """Romanized Japanese words also search their Japanese spellings; a term no
        word of the index matches is searched as a string instead (the fallback)."""
        for t in q.terms():
            self._romaji(t)
            expr = words_expr(t)
            if expr and grams_expr(t) and not self.vocab.has(expr):
                t.fallback = True
                self.notes.append(Message("substring", {"term": t.text}))

    def _romaji(self, t: Term) -> None:
        words = query_words(t.text)
        if len(words) != 1 or has_cjk(t.text):
            return
        r = romaji.readings(t.text)
        if r is None:
            return
        tokens = r.tokens()
        # A word the collection uses in English more than in Japanese is English
        # ("mine" is not 峰): its reading is only offered.
        if self._sample_count(words_expr(t)) > self._sample_count(tokens_expr(tokens)):
            self.notes.append(Message("romaji_suggest", {"term": t.text, "words": " ".join(r.spellings() + list(r.words[1:] if not r.ambiguous else r.words))}))
            return
        t.also = tokens
        self.notes.append(Message("romaji", {"term": t.text, "spellings": " ".join(r.spellings())}))
        if r.ambiguous:
            self.notes.append(Message("romaji_suggest", {"term": t.text, "words": " ".join(r.words)}))

    def _sample_count(self, expr: str | None) -> int:
        """Articles matching ``expr`` among the newest COMMON_SAMPLE (bounded cost)."""
        if not expr:
            return 0
        top = self.conn.execute("SELECT max(rowid) FROM articles_fts_docsize").fetchone()[0] or 0
        return self.conn.execute(
            "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ? AND rowid BETWEEN ? AND ?",
            (expr, max(1, top - COMMON_SAMPLE + 1), top),
        ).fetchone()[0]

    def _drop_common(self, q: Query) -> None:
        candidates = [t for g in q.groups for t in g if not t.phrase]
        if not candidates:
            return
        total = self.vocab.total()
        cjk_share = self._cjk_share() if total >= COMMON_MIN_DOCS else 0.0
        for group in q.groups:
            for t in list(group):
                if t.phrase:
                    continue
                # A word can only occur in articles of its own script: "the" in every
                # English article of a half-Japanese collection is still "every".
                script_share = cjk_share if has_cjk(t.text) else 1.0 - cjk_share
                scope = total * script_share if 0.05 < script_share < 0.95 else total
                share = self._share(t, total, scope)
                if share is None:
                    continue
                group.remove(t)
                q.ignored.append(t.text)
                if share < 0:
                    self.notes.append(Message("stop_word", {"term": t.text}))
                else:
                    msg_id = "common" if scope == total else ("common_cjk" if has_cjk(t.text) else "common_latin")
                    self.notes.append(Message(msg_id, {"term": t.text, "share": min(share, 1.0)}))
        q.groups = [g for g in q.groups if g]

    def _cjk_share(self) -> float:
        """Share of articles in Japanese, Chinese or Korean, from 400 evenly spaced
        rows (a count over a million rows would cost more than the search);
        remembered per database file until it grows."""
        top = self.conn.execute("SELECT max(rowid) FROM articles").fetchone()[0] or 0
        file = next((r[2] for r in self.conn.execute("PRAGMA database_list") if r[1] == "main"), "")
        key = (file or str(id(self.conn)), top)
        if key in _CJK_SHARES:
            return _CJK_SHARES[key]
        ids = sorted({1 + (top - 1) * i // 399 for i in range(400)}) if top else []
        langs = [
            r[0] or ""
            for r in self.conn.execute(f"SELECT language FROM articles WHERE rowid IN ({', '.join('?' * len(ids))})", ids)
        ] if ids else []
        share = sum(lang[:2].lower() in ("ja", "zh", "ko") for lang in langs) / len(langs) if langs else 0.0
        if len(_CJK_SHARES) > 100:
            _CJK_SHARES.clear()
        _CJK_SHARES[key] = share
        return share

    def _share(self, term: Term, total: int, scope: float) -> float | None:
        """Share of the articles in ``scope`` containing ``term`` if it is common,
        -1 for a stop word, None when it is worth searching.

        Counted over the newest ``COMMON_SAMPLE`` articles (FTS5 seeks straight to a
        rowid range, so this costs about a millisecond however common the word):
        the index keeps no per-term document counts, and counting a word found in
        half a million articles would cost as much as the search it is meant to spare.
        """
        text = normalize(term.text).strip()
        if len(text) == 1 and "\u3041" <= text <= "\u309f":
            return -1.0  # a lone hiragana is a particle or an inflection, never a topic
        if total < COMMON_MIN_DOCS:
            return -1.0 if text in STOP_WORDS else None
        top = self.conn.execute("SELECT max(rowid) FROM articles_fts_docsize").fetchone()[0] or 0
        lo = max(1, top - COMMON_SAMPLE + 1)
        sampled = self.conn.execute(
            "SELECT count(*) FROM articles_fts_docsize WHERE id BETWEEN ? AND ?", (lo, top)
        ).fetchone()[0]
        if not sampled:
            return None
        found = self.conn.execute(
            "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ? AND rowid BETWEEN ? AND ?",
            (term_expr(term), lo, top),
        ).fetchone()[0]
        share = found / (sampled * scope / total)
        return share if share >= COMMON_SHARE else None

    def _has_older(self, lo: datetime) -> bool:
        row = self.conn.execute(
            "SELECT 1 FROM articles WHERE published_utc < ? LIMIT 1", (_utc(lo),)
        ).fetchone()
        return row is not None

    # -- execute --------------------------------------------------------

    def _ranked_in_memory(self, match: str, timeline: Timeline, lo, hi, limit: int, offset: int):
        """The same ranking as ``_ranked`` with dates from the in-memory timeline:
        FTS5 computes bm25 only for matches inside the window, nothing reads
        ``articles``, and the top ``limit`` are picked in Python."""
        at = timeline.at
        lo_ts = int(lo.timestamp()) if lo else None
        hi_ts = int(hi.timestamp()) if hi else None
        if lo or hi:
            rows = self._windowed(match, at, lo_ts, hi_ts)
        else:
            rows = self.conn.execute(
                f"SELECT rowid, bm25(articles_fts, {TITLE_WEIGHT}, 1.0, {GRAMS_WEIGHT}) FROM articles_fts WHERE articles_fts MATCH ?",
                (match,),
            )
        now_ts = self.now.timestamp()
        undated_boost = 0.5 + 0.5 / (1.0 + 3650.0 / RECENCY_DAYS)
        scored = []
        for rowid, bm in rows:
            t = at(rowid)
            boost = undated_boost if t == MISSING else 0.5 + 0.5 / (1.0 + max(0.0, (now_ts - t) / 86400.0) / RECENCY_DAYS)
            scored.append(((0.001 - bm) * boost, rowid))
        top = heapq.nlargest(offset + limit, scored)[offset:]
        return [(rowid, score) for score, rowid in top], len(scored)

    def _windowed(self, match: str, at, lo_ts: int | None, hi_ts: int | None):
        lo_ts = MISSING + 1 if lo_ts is None else lo_ts
        hi_ts = 2**62 if hi_ts is None else hi_ts
        self.conn.create_function("nc_in_window", 1, lambda rowid: lo_ts <= at(rowid) < hi_ts, deterministic=True)
        return self.conn.execute(
            f"SELECT rowid, bm25(articles_fts, {TITLE_WEIGHT}, 1.0, {GRAMS_WEIGHT}) FROM articles_fts "
            "WHERE articles_fts MATCH ? AND nc_in_window(rowid)",
            (match,),
        )

    def _ranked(self, match: str, where: list[str], params: list, limit: int, offset: int):
        now_jd = _julian(self.now)
        conds = "".join(f" AND {w}" for w in where)
        sql = f"""
            SELECT rid, score, count(*) OVER () FROM (
              SELECT a.rowid AS rid, {SCORE_SQL} AS score
              FROM articles_fts CROSS JOIN articles AS a ON a.rowid = articles_fts.rowid
              WHERE articles_fts MATCH ?{conds}
            ) ORDER BY score DESC, rid DESC LIMIT ? OFFSET ?"""
        rows = self.conn.execute(sql, [now_jd, now_jd, match, *params, limit, offset]).fetchall()
        if rows:
            total = rows[0][2]
        elif offset:
            total = self._count(match, where, params)
        else:
            total = 0
        return [(r[0], r[1]) for r in rows], total

    def stream(self, p: Plan, batch: int = 500) -> Iterator[Hit]:
        """Every match of ``p`` as a Hit, in the search's order (newest first without
        words), read and highlighted ``batch`` at a time: an export of any size in
        constant memory (SQLite sorts the matches, spilling to disk if it must)."""
        from_sql, params = p.matching_sql()
        if p.match:
            now_jd = _julian(self.now)
            sql = f"SELECT a.rowid, {SCORE_SQL} AS score {from_sql} ORDER BY score DESC, a.rowid DESC"
            params = [now_jd, now_jd, *params]
        else:
            sql = f"SELECT a.rowid, 0.0 {from_sql} ORDER BY a.published_utc DESC, a.rowid DESC"
        hl = self._highlighter(p.query)
        cursor = self.conn.execute(sql, params)
        while rows := cursor.fetchmany(batch):
            hits = self._hits(rows, hl)
            copies.attach(self.conn, hits)  # every copy is exported, each saying its story
            yield from hits

    def _highlighter(self, q: Query) -> Highlighter:
        # Fallback matches are strings, not words: nothing in them is marked as one.
        return Highlighter([t for t in q.terms() if not t.fallback])

    def _count(self, match: str | None, where: list[str], params: list) -> int:
        if not match:
            cond = " WHERE " + " AND ".join(where) if where else ""
            return self.conn.execute(f"SELECT count(*) FROM articles AS a{cond}", params).fetchone()[0]
        conds = "".join(f" AND {w}" for w in where)
        return self.conn.execute(
            "SELECT count(*) FROM articles_fts CROSS JOIN articles AS a ON a.rowid = articles_fts.rowid "
            f"WHERE articles_fts MATCH ?{conds}",
            [match, *params],
        ).fetchone()[0]

    def _facet(self, name: str, match: str | None, filters: list[Filter], chosen: dict[str, Filter], lo, hi, neg):
        """(value, matches) for every value of facet ``name``, NULL included.

        One GROUP BY over the same match and filters, except the facet's own
        selection (``outlet=`` for "outlet"): with one outlet chosen, the list still
        shows the others and how many each would give, as faceted search does. A
        ``outlet:`` typed in the query stays: it is part of the query. (The Datasette
        page used to ask each outlet in turn: one whole search per outlet.)
        """
        own = chosen.get(name)
        where, params = _conditions([f for f in filters if f is not own], lo, hi, neg)
        column = FACETS[name][0]
        if match:
            conds = "".join(f" AND {w}" for w in where)
            sql = (
                f"SELECT {column}, count(*) FROM articles_fts CROSS JOIN articles AS a ON a.rowid = articles_fts.rowid "
                f"WHERE articles_fts MATCH ?{conds} GROUP BY 1"
            )
            params = [match, *params]
        else:
            cond = " WHERE " + " AND ".join(where) if where else ""
            sql = f"SELECT {column}, count(*) FROM articles AS a{cond} GROUP BY 1"
        return self.conn.execute(sql, params).fetchall()

    def _browse(self, where: list[str], params: list, limit: int, offset: int):
        cond = " WHERE " + " AND ".join(where) if where else ""
        total = self.conn.execute(f"SELECT count(*) FROM articles AS a{cond}", params).fetchone()[0]
        rows = self.conn.execute(
            f"SELECT a.rowid FROM articles AS a{cond} ORDER BY a.published_utc DESC, a.rowid DESC LIMIT ? OFFSET ?",
            [*params, limit, offset],
        ).fetchall()
        return [(r[0], 0.0) for r in rows], total

    def _hits(self, ranked: list[tuple[int, float]], hl: Highlighter) -> list[Hit]:
        if not ranked:
            return []
        marks = ", ".join("?" * len(ranked))
        rows = {
            r[0]: r
            for r in self.conn.execute(f"SELECT {_COLUMNS} FROM articles WHERE rowid IN ({marks})", [r for r, _ in ranked])
        }
        ids = [rows[r][1] for r, _ in ranked if r in rows]
        images: dict[str, dict] = {}
        for article_id, url, caption, credit in self.conn.execute(
            f"SELECT article_id, url, caption, credit FROM images WHERE article_id IN ({', '.join('?' * len(ids))}) "
            "ORDER BY article_id, position DESC",
            ids,
        ):
            images[article_id] = {"url": url, "caption": caption, "credit": credit}  # last write = position 0
        hits = []
        for rowid, score in ranked:
            self._in_time()
            row = rows.get(rowid)
            if row is None:
                continue
            _, id_, url, site, title, outlet, language, published_at, published_utc, authors, dateline, agency, section, body = row
            paragraphs = [p for p in (body or "").split("\n\n") if p.strip()]
            when = published_at or published_utc
            try:
                rel = relative_time(when, self.now, self.ui_lang) if when else ""
            except ValueError:
                rel = ""
            hits.append(
                Hit(
                    id=id_,
                    url=url,
                    title=title,
                    outlet=outlet,
                    via=outlets.site_name(site, url) if site and outlet and site != outlet else "",
                    language=language,
                    published_at=published_at,
                    published_utc=published_utc,
                    relative_time=rel,
                    snippet=hl.snippet(paragraphs),
                    title_html=hl.mark(title or ""),
                    score=round(float(score or 0.0), 4),
                    authors=_json_list(authors),
                    dateline=dateline,
                    agency=agency,
                    section=section,
                    image=images.get(id_),
                    lead=paragraphs[:2],
                    absolute_time=absolute_time(published_at or published_utc),
                )
            )
        self._in_time()
        return hits


def _total(counts: dict[str, list[tuple[str | None, int]]], chosen: dict[str, Filter]) -> int:
    """The search's total from one facet's counts: the values its own filter
    selects (every value, NULL too, when nothing is selected)."""
    name, rows = next(iter(counts.items()))
    own = chosen.get(name)
    return sum(n for value, n in rows if own is None or value in own.values)


def _conditions(filters: list[Filter], lo: datetime | None, hi: datetime | None, neg: str | None = None) -> tuple[list[str], list]:
    where: list[str] = []
    params: list = []
    for f in filters:
        marks = ", ".join("?" * len(f.values))
        if f.name == "outlet":
            sql, vals = f"a.outlet IN ({marks})", f.values
        elif f.name == "lang":
            sql, vals = f"lower(a.language) IN ({marks})", f.values
        elif f.name == "section":
            sql = "(" + " OR ".join("a.section LIKE ? ESCAPE '\\'" for _ in f.values) + ")"
            vals = [_like(v) for v in f.values]
        else:  # author: any author whose name contains the value
            sql = (
                "EXISTS (SELECT 1 FROM article_authors AS aa JOIN authors AS au ON au.id = aa.author_id "
                "WHERE aa.article_id = a.id AND ("
                + " OR ".join("au.name LIKE ? ESCAPE '\\'" for _ in f.values)
                + "))"
            )
            vals = [f"%{_like(v)}%" for v in f.values]
        where.append(f"NOT coalesce({sql}, 0)" if f.negated else sql)
        params.extend(vals)
    if lo:
        where.append("a.published_utc >= ?")
        params.append(_utc(lo))
    if hi:
        where.append("a.published_utc < ?")
        params.append(_utc(hi))
    if neg:  # exclusions only: browse what does not match them
        where.append("a.rowid NOT IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
        params.append(neg)
    return where, params


def _like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _utc(dt: datetime) -> str:
    return dt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _julian(dt: datetime) -> float:
    return dt.timestamp() / 86400.0 + 2440587.5


def _json_list(value: str | None) -> list[str]:
    try:
        out = json.loads(value or "[]")
    except ValueError:
        return []
    return out if isinstance(out, list) else []
