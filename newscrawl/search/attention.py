"""Attention over time: how many articles match a query per day, week or month and
outlet, out of how many there were — the question analysts ask after "which articles".

    t = timeline("data/newscrawl.db", '"Ishiba" outlet:kyodo', by="week")
    for p in t.totals: print(p.period, p.matching, p.total, p.share)

The matches are exactly a search's (``engine.plan``: same query language, filters
and window); ``total`` counts the articles the filters and window allow, words aside,
so ``share`` is the query's share of what the outlets published. Periods are days in
Asia/Tokyo by default (any IANA zone works, summer time included), and every period
of the window is listed, empty ones as zero. ``count="stories"`` counts stories
instead of articles: copies of one story (``articles.story_id``) count once per
period and outlet; an article no story holds is a story of its own.

Counting is two GROUP BYs in SQLite (matches, and everything in scope) keyed by the
local day, ``date(published_utc, offset)`` — no Python loop over articles.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from newscrawl.humanize import ui_language
from newscrawl.search.engine import Plan, _Search, connection
from newscrawl.search.messages import Message
from newscrawl.search.query import QueryError
from newscrawl.search.timeline import file_key
from newscrawl.timespan import TOKYO

BY = ("day", "week", "month")
COUNTS = ("articles", "stories")
MAX_PERIODS = 20_000  # 55 years of days: beyond that a window is a mistake
_CACHE: dict[tuple, tuple[dict, dict]] = {}


@dataclass
class Count:
    """One period (and outlet, or all outlets when ``outlet`` is None)."""

    period: str  # 2025-01-14, 2025-W03 or 2025-01
    start: datetime  # aware, in the timeline's zone
    end: datetime  # exclusive
    outlet: str | None
    matching: int
    total: int

    @property
    def share(self) -> float | None:
        return self.matching / self.total if self.total else None

    def to_dict(self) -> dict:
        return {
            "period": self.period,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "outlet": self.outlet,
            "matching": self.matching,
            "total": self.total,
            "share": None if self.share is None else round(self.share, 6),
        }


@dataclass
class Attention:
    """A query's counts over time: ``totals`` per period, ``rows`` per period and
    outlet; ``plan`` is what the query selected (its filters, window and notes)."""

    plan: Plan
    by: str
    tz: str
    count: str
    totals: list[Count]  # one per period, all outlets together
    rows: list[Count]  # one per period and outlet, for every outlet in scope
    outlets: list[str]
    undated: int = 0  # matches without a publication time: in no period
    messages: list[Message] = field(default_factory=list)

    @property
    def matching(self) -> int:
        return sum(c.matching for c in self.totals)

    def notes(self, lang: str = "en", surface: str | None = None) -> list[str]:
        return [m.render(lang, surface) for m in self.messages]


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise QueryError("bad_tz", tz=name) from None


def timeline(
    conn_or_path: sqlite3.Connection | str | os.PathLike,
    text: str = "",
    *,
    outlet: str | list[str] | None = None,
    lang: str | list[str] | None = None,
    since: str | datetime | None = None,
    until: str | datetime | None = None,
    all_time: bool = False,
    by: str = "day",
    tz: str = "Asia/Tokyo",
    count: str = "articles",
    now: datetime | None = None,
    ui_lang: str = "en",
) -> Attention:
    """Matches and totals per period and outlet; see the module docstring.

    Raises QueryError (``e.message(lang)``) for queries that cannot run, a bad
    ``by``/``count``/``tz``, or a window of more than MAX_PERIODS periods.
    """
    lang_ = ui_language(ui_lang)
    try:
        if by not in BY:
            raise QueryError("bad_choice", name="by", value=by, choices=", ".join(BY))
        if count not in COUNTS:
            raise QueryError("bad_choice", name="count", value=count, choices=", ".join(COUNTS))
        tzinfo = zone(tz)
        now = now or datetime.now(timezone.utc)
        if now.tzinfo is None:
            now = now.replace(tzinfo=timezone.utc)
        with connection(conn_or_path) as conn:
            return _count(conn, text, outlet, lang, since, until, all_time, by, tz, tzinfo, count, now)
    except QueryError as e:
        e.lang = lang_
        raise


def _count(conn, text, outlet, lang, since, until, all_time, by, tz, tzinfo, count, now) -> Attention:
    plan = _Search(conn, now, "en").plan(text, outlet, lang, since, until, all_time, tzinfo)
    what = "count(*)"
    if count == "stories" and has_column(conn, "articles", "story_id"):
        what = "count(DISTINCT coalesce(a.story_id, a.id))"
    lo = plan.since or _earliest(conn)
    hi = plan.until or now
    day = local_day_sql(tzinfo, lo, hi)
    period = {"day": day, "week": f"date({day}, '-6 days', 'weekday 1')", "month": f"substr({day}, 1, 7)"}[by]
    try:
        scope, scope_totals = _grouped(conn, period, what, *plan.scope_sql(), cache=True)
        if plan.match or plan.neg:
            matches, match_totals = _grouped(conn, period, what, *plan.matching_sql())
        else:  # no words: every article in scope matches
            matches, match_totals = scope, dict(scope_totals)
    except sqlite3.OperationalError as e:
        raise QueryError("search_failed", error=str(e)) from None
    undated = match_totals.pop(None, 0)
    scope_totals = {k: n for k, n in scope_totals.items() if k is not None}
    keys = [k for k in (*match_totals, *scope_totals) if k]
    first = _local_date(lo, tzinfo) if plan.since or not keys else min(date.fromisoformat(k[:7] + "-01" if by == "month" else k) for k in keys)
    last = _local_date(hi - timedelta(microseconds=1), tzinfo)
    if keys:
        last = max(last, max(date.fromisoformat(k[:7] + "-01" if by == "month" else k) for k in keys))
    periods = list(_periods(first, last, by, tzinfo))
    outlets_ = sorted({o for _, o in (*scope, *matches) if o is not None})
    totals, rows = [], []
    for sql_key, key, start, end in periods:
        totals.append(Count(key, start, end, None, match_totals.get(sql_key, 0), scope_totals.get(sql_key, 0)))
        for o in outlets_:
            rows.append(Count(key, start, end, o, matches.get((sql_key, o), 0), scope.get((sql_key, o), 0)))
    messages = list(plan.messages)
    if undated:
        messages.append(Message("undated", {"n": undated}))
    return Attention(plan, by, tz, count, totals, rows, outlets_, undated, messages)


def has_column(conn, table: str, column: str) -> bool:
    return any(r[1] == column for r in conn.execute(f"PRAGMA table_info({table})"))


def _earliest(conn) -> datetime:
    row = conn.execute("SELECT min(published_utc) FROM articles WHERE published_utc IS NOT NULL").fetchone()
    try:
        return datetime.fromisoformat(row[0].replace("Z", "+00:00"))
    except (TypeError, AttributeError, ValueError):
        return datetime.now(timezone.utc)


def _grouped(conn, period: str, what: str, from_sql: str, params: list, cache: bool = False):
    """({(period, outlet): n}, {period: n}) for the articles ``from_sql`` selects.

    With ``cache``, remembered until the database file or its WAL changes: the
    scope of a search (filters and window, words aside) is the same for every query
    an analyst tries, and counting it is most of a timeline's cost.
    """
    key = _cache_key(conn, period, what, from_sql, params) if cache else None
    if key is not None and key in _CACHE:
        return _CACHE[key]
    rows = conn.execute(f"SELECT {period}, a.outlet, {what} {from_sql} GROUP BY 1, 2", params).fetchall()
    per_outlet = {(p, o): n for p, o, n in rows}
    if what == "count(*)":
        totals: dict = {}
        for (p, _), n in per_outlet.items():
            totals[p] = totals.get(p, 0) + n
    else:  # a story in two outlets is one story: totals are counted, not summed
        totals = dict(conn.execute(f"SELECT {period}, {what} {from_sql} GROUP BY 1", params).fetchall())
    if key is not None:
        if len(_CACHE) >= 16:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[key] = (per_outlet, totals)
    return per_outlet, totals


def _cache_key(conn, *parts) -> tuple | None:
    path = next((r[2] for r in conn.execute("PRAGMA database_list") if r[1] == "main"), "")
    if not path or not os.path.exists(path):
        return None
    return (path, file_key(path), *parts[:-1], tuple(str(p) for p in parts[-1]))


def _local_date(dt: datetime, tzinfo) -> date:
    return dt.astimezone(tzinfo).date()


def _periods(first: date, last: date, by: str, tzinfo):
    """(key in SQL's form, key as shown, start, end) for every period from the one
    holding ``first`` to the one holding ``last``."""
    if by == "week":
        first -= timedelta(days=first.weekday())
    elif by == "month":
        first = first.replace(day=1)
    d = first
    n = 0
    while d <= last:
        n += 1
        if n > MAX_PERIODS:
            raise QueryError("too_many_periods", n=MAX_PERIODS, by=by)
        if by == "day":
            nxt, sql_key, key = d + timedelta(days=1), d.isoformat(), d.isoformat()
        elif by == "week":
            iso = d.isocalendar()
            nxt, sql_key, key = d + timedelta(days=7), d.isoformat(), f"{iso.year}-W{iso.week:02d}"
        else:
            nxt = (d.replace(day=28) + timedelta(days=4)).replace(day=1)
            sql_key = key = d.isoformat()[:7]
        yield sql_key, key, _midnight(d, tzinfo), _midnight(nxt, tzinfo)
        d = nxt


def _midnight(d: date, tzinfo) -> datetime:
    return datetime(d.year, d.month, d.day, tzinfo=tzinfo)


def period_bounds(key: str, tz=TOKYO) -> tuple[datetime, datetime]:
    """``2025-01-14``, ``2025-W03`` or ``2025-01`` as (start, end) in ``tz``: what a
    click on that bar narrows a search to. Raises ValueError for anything else."""
    key = key.strip()
    if len(key) == 10:
        d = date.fromisoformat(key)
        return _midnight(d, tz), _midnight(d + timedelta(days=1), tz)
    if len(key) == 8 and key[4:6].upper() == "-W":
        d = date.fromisocalendar(int(key[:4]), int(key[6:]), 1)
        return _midnight(d, tz), _midnight(d + timedelta(days=7), tz)
    if len(key) == 7 and key[4] == "-":
        d = date.fromisoformat(key + "-01")
        return _midnight(d, tz), _midnight((d.replace(day=28) + timedelta(days=4)).replace(day=1), tz)
    raise ValueError(f"not a period: {key!r}")


def local_day_sql(tzinfo, lo: datetime, hi: datetime) -> str:
    """SQL for the local date of ``a.published_utc`` in ``tzinfo`` between ``lo`` and
    ``hi``: one fixed offset when the zone kept one (Asia/Tokyo since 1951), else a
    CASE over the offsets in force between its transitions (summer time)."""
    spans = _offsets(tzinfo, lo, hi)
    if len(spans) == 1:
        return f"date(a.published_utc, '{_minutes(spans[0][1])}')"
    cases = " ".join(
        f"WHEN a.published_utc < '{until:%Y-%m-%dT%H:%M:%SZ}' THEN '{_minutes(offset)}'" for until, offset in spans[:-1]
    )
    return f"date(a.published_utc, CASE {cases} ELSE '{_minutes(spans[-1][1])}' END)"


def _minutes(offset: timedelta) -> str:
    return f"{int(offset.total_seconds() // 60):+d} minutes"


def _offsets(tzinfo, lo: datetime, hi: datetime) -> list[tuple[datetime, timedelta]]:
    """[(UTC instant up to which an offset holds, offset), ...] covering lo..hi; found
    by stepping a day at a time and bisecting each change to the second."""
    lo = lo.astimezone(timezone.utc).replace(microsecond=0) - timedelta(days=1)
    hi = hi.astimezone(timezone.utc) + timedelta(days=1)
    spans: list[tuple[datetime, timedelta]] = []
    t, off = lo, lo.astimezone(tzinfo).utcoffset()
    while t < hi:
        step = min(t + timedelta(days=1), hi)
        nxt = step.astimezone(tzinfo).utcoffset()
        if nxt != off:
            a, b = int(t.timestamp()), int(step.timestamp())  # offsets change on whole seconds
            while b - a > 1:
                mid = (a + b) // 2
                if datetime.fromtimestamp(mid, tzinfo).utcoffset() == off:
                    a = mid
                else:
                    b = mid
            change = datetime.fromtimestamp(b, timezone.utc)
            spans.append((change, off))
            off = nxt
        t = step
    spans.append((hi, off))
    return spans
