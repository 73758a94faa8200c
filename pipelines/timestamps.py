"""Printed times -> ``published_at``/``updated_at`` (ISO 8601 with the page's offset)
plus ``published_precision`` (seconds of uncertainty).

Every printed form of the publication time is a candidate: an ISO ``published_at``
a parser already set, ``published_raw``, and each of ``published_hints`` (a portal
listing's "12 jam yang lalu"). The most precise one wins; on a tie, the earlier in
that order. The rules themselves live in ``newscrawl.timeparse``.

A value no rule understands leaves its ``*_at`` empty, keeps its ``*_raw`` and counts
``newscrawl/normalize/unparsed_timestamp``: the article is stored all the same.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

from pipelines.base import NormalizerPipeline
from newscrawl.timeparse import Parsed, parse_time

try:
    TOKYO: tzinfo = ZoneInfo("Asia/Tokyo")
except Exception:  # no tz database on this machine: Japan has kept +09:00 all year since 1951
    TOKYO = timezone(timedelta(hours=9))

# Which zone a naive printed time is in, when the text names none (a printed JST,
# WIB, WITA, WIT or +hh:mm always wins; relative times need no zone at all, they
# are resolved against fetched_at). Looked up by site, then outlet, then language.
# Every outlet we crawl is Japanese, and their Japanese and English editions print
# Japan time, so the default is Asia/Tokyo. Indonesian portals print WIB/WITA/WIT
# with their clock times and relative times ("12 jam yang lalu") for the rest, so
# Indonesian text needs no row; a site that prints another local clock without
# naming it gets its own row in ZONES_BY_SITE.
ZONES_BY_SITE: dict[str, tzinfo] = {}
ZONES_BY_LANGUAGE: dict[str, tzinfo] = {"ja": TOKYO, "en": TOKYO}
DEFAULT_ZONE: tzinfo = TOKYO

UNPARSED = "newscrawl/normalize/unparsed_timestamp"


def zone_for(adapter) -> tzinfo:
    for key in ("site", "outlet"):
        zone = ZONES_BY_SITE.get(_text(adapter.get(key)) or "")
        if zone:
            return zone
    language = (_text(adapter.get("language")) or "").lower().split("-")[0]
    return ZONES_BY_LANGUAGE.get(language, DEFAULT_ZONE)


def fetched_time(adapter) -> datetime | None:
    """The item's fetch moment, aware, or None: relative times are never resolved
    against the clock of whoever runs the pipeline."""
    raw = _text(adapter.get("fetched_at"))
    if not raw:
        return None
    try:
        dt = datetime.fromisoformat(raw.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return dt if dt.tzinfo else None


def normalize(adapter, stats) -> None:
    zone = zone_for(adapter)
    now = fetched_time(adapter)
    language = _text(adapter.get("language"))

    candidates = [adapter.get("published_at"), adapter.get("published_raw")]
    hints = adapter.get("published_hints")
    if isinstance(hints, (list, tuple)):
        candidates += list(hints)
    elif isinstance(hints, str):
        candidates.append(hints)
    best: tuple[Parsed, str] | None = None
    unparsed = False
    for text in dict.fromkeys(c for c in candidates if isinstance(c, str) and c.strip()):
        parsed = parse_time(text, now, zone, language=language)
        if parsed is None:
            unparsed = True
            continue
        if text == candidates[0]:
            parsed = _known_precision(parsed, adapter.get("published_precision"))
        if best is None or parsed.precision < best[0].precision:
            best = (parsed, text)
    if unparsed:
        stats.inc_value(UNPARSED)
    if best is not None:
        parsed, text = best
        adapter["published_at"] = iso(parsed.dt)
        adapter["published_precision"] = parsed.precision
        if not _text(adapter.get("published_raw")) and text != candidates[0]:
            # Hints are not stored: keep the printed text the time came from.
            adapter["published_raw"] = text
    else:
        adapter["published_at"] = None
        adapter["published_precision"] = None

    # The last update is kept beside the publication time, never instead of it.
    updated = None
    for text in dict.fromkeys(t for t in (adapter.get("updated_at"), adapter.get("updated_raw")) if _text(t)):
        updated = parse_time(text, now, zone, language=language)
        if updated:
            break
        stats.inc_value(UNPARSED)
    adapter["updated_at"] = iso(updated.dt) if updated else None


def _known_precision(parsed: Parsed, precision) -> Parsed:
    """A ``published_at`` normalized before keeps the precision found with it, so
    normalizing twice changes nothing (its seconds are not a printed precision)."""
    if isinstance(precision, int) and not isinstance(precision, bool) and precision > 0:
        return parsed._replace(precision=precision)
    return parsed


def iso(dt: datetime) -> str:
    """ISO 8601 with the offset, seconds always printed: 2025-01-14T21:17:00+09:00."""
    return dt.isoformat(timespec="seconds")


def _text(value) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


class TimestampPipeline(NormalizerPipeline):
    normalize = staticmethod(normalize)
