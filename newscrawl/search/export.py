"""Searches and timelines as CSV and JSON, written a row at a time.

The same functions write ``newscrawl search/timeline --format csv|json`` and the
Datasette exports (``/-/search.csv``, ``/-/timeline.json`` ...), so a file from the
page and one from the command line have the same columns. Each yields text chunks:
a caller streams them to a socket or a file without holding the whole export.

Slugs stay in ``outlet`` (the join key); ``outlet_name`` is the name people read.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections.abc import Iterable, Iterator

from newscrawl import outlets
from newscrawl.search.copies import also_in

SEARCH_FIELDS = (
    "rank", "published_at", "relative_time", "outlet", "outlet_name", "language", "title", "authors",
    "section", "snippet", "url", "score", "id", "story_id", "also_in",
)
TIMELINE_FIELDS = ("period", "start", "end", "outlet", "outlet_name", "matching", "total", "share")


def plain(marked: str) -> str:
    """A snippet or title without its <mark> tags, as text."""
    return html.unescape(re.sub(r"</?mark>", "", marked or ""))


def csv_lines(rows: Iterable[Iterable]) -> Iterator[str]:
    """Each row as one CSV line (RFC 4180, as the csv module writes it)."""
    buf = io.StringIO()
    w = csv.writer(buf)
    for row in rows:
        w.writerow(row)
        yield buf.getvalue()
        buf.seek(0)
        buf.truncate()


def search_rows(hits: Iterable, offset: int = 0) -> Iterator[list]:
    yield list(SEARCH_FIELDS)
    for rank, h in enumerate(hits, offset + 1):
        row = dict(
            h.to_dict(), rank=rank, authors="; ".join(h.authors), snippet=plain(h.snippet),
            outlet_name=outlets.label(h.outlet), also_in="; ".join(also_in(h)),
        )
        yield [row[f] for f in SEARCH_FIELDS]


def hit_dict(hit) -> dict:
    return dict(hit.to_dict(), outlet_name=outlets.label(hit.outlet))


def search_json(head: dict, hits: Iterable) -> Iterator[str]:
    """``{**head, "hits": [...]}`` one hit per chunk."""
    start = json.dumps(head, ensure_ascii=False, indent=2)[:-2]  # drop the closing "\n}"
    yield start + (',\n  "hits": [' if head else '{\n  "hits": [')
    sep = "\n"
    for h in hits:
        yield sep + "    " + json.dumps(hit_dict(h), ensure_ascii=False)
        sep = ",\n"
    yield "\n  ]\n}\n"


def timeline_rows(t, total: bool = False) -> Iterator[list]:
    """One row per period and outlet (every outlet, zeros included); with ``total``,
    one per period for all outlets together."""
    yield list(TIMELINE_FIELDS)
    for c in t.totals if total else t.rows:
        d = c.to_dict()
        d["outlet_name"] = outlets.label(c.outlet)
        yield ["" if d[f] is None else d[f] for f in TIMELINE_FIELDS]


def timeline_dict(t, lang: str = "en") -> dict:
    """The timeline as one JSON document: each period with its outlets nested."""
    per: dict[str, dict] = {}
    for c in t.rows:
        d = c.to_dict()
        per.setdefault(c.period, {})[c.outlet] = {
            "name": outlets.label(c.outlet), **{k: d[k] for k in ("matching", "total", "share")}
        }
    return {
        "query": t.plan.query.describe(),
        "by": t.by,
        "tz": t.tz,
        "count": t.count,
        "since": t.plan.since.isoformat() if t.plan.since else None,
        "until": t.plan.until.isoformat() if t.plan.until else None,
        "notes": t.notes(lang),
        "matching": t.matching,
        "periods": [
            {**{k: v for k, v in c.to_dict().items() if k != "outlet"}, "outlets": per.get(c.period, {})}
            for c in t.totals
        ],
    }
