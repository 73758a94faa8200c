"""How far back, as people type it: ``30min``, ``12h``, ``2d``, ``1w``, ``3mo``, ``1y`` or a date.

One grammar for every place that asks: a crawl's ``-a since=``, ``newscrawl search
--since``/``--until`` and ``since:``/``until:`` in a query, ``newscrawl timeline``.
A bare ``m`` is refused: a crawl used to read ``3m`` as three minutes and search as
three months, so the reader is asked which was meant (``3min`` or ``3mo``).

Dates without a zone are days in Asia/Tokyo (the outlets' day, and the timeline's),
unless the caller names another zone; ``end=True`` makes a date mean the end of that
day, month or year (``until:2025-01-31`` includes the 31st).
"""

from __future__ import annotations

import re
from datetime import datetime, tzinfo
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta

TOKYO = ZoneInfo("Asia/Tokyo")

# unit as typed (English, Indonesian, Japanese) -> relativedelta keyword
UNITS = {
    **dict.fromkeys(("min", "mins", "minute", "minutes", "menit", "分"), "minutes"),
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours", "jam", "時間"), "hours"),
    **dict.fromkeys(("d", "day", "days", "hari", "日"), "days"),
    **dict.fromkeys(("w", "wk", "week", "weeks", "minggu", "週", "週間"), "weeks"),
    **dict.fromkeys(("mo", "mon", "month", "months", "bulan", "か月", "ヶ月", "カ月"), "months"),
    **dict.fromkeys(("y", "yr", "year", "years", "tahun", "年"), "years"),
}
EXAMPLES = "30min, 12h, 2d, 1w, 3mo, 1y"
_SPAN = re.compile(r"^(\d+)\s*([^\d\s]+)$")


class TimeSpanError(ValueError):
    """A value that is neither a span nor a date. ``id`` names the message in
    ``newscrawl.search.messages`` (``bad_time`` or ``minutes_or_months``), ``params``
    fill it, so each caller words it for its own surface and language."""

    def __init__(self, msg_id: str, **params):
        super().__init__(msg_id)
        self.id = msg_id
        self.params = params

    def message(self, name: str = "since", lang: str = "en", surface: str | None = None) -> str:
        from newscrawl.search.messages import render

        return render(self.id, lang, surface, name=name, **self.params)

    def __str__(self) -> str:
        return self.message()


def parse_span(text: str) -> relativedelta | None:
    """``2d`` -> ``relativedelta(days=2)``; None when ``text`` is not a span at all.
    Raises TimeSpanError for ``3m`` (minutes or months?)."""
    m = _SPAN.match(text.strip().lower())
    if not m:
        return None
    n, unit = int(m.group(1)), m.group(2)
    if unit == "m":
        raise TimeSpanError("minutes_or_months", value=text.strip(), n=n)
    if unit not in UNITS:
        return None
    return relativedelta(**{UNITS[unit]: n})


def parse_when(value: str | datetime, now: datetime, *, end: bool = False, tz: tzinfo = TOKYO) -> datetime:
    """A span back from ``now`` or a date/time, as an aware datetime.

    ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` and ISO times without an offset are read in
    ``tz``; with ``end=True`` a date, month or year means its end (exclusive).
    Raises TimeSpanError (``e.params["value"]`` is what was typed).
    """
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=tz)
    text = str(value).strip()
    span = parse_span(text)
    if span is not None:
        return now - span
    try:
        if re.fullmatch(r"\d{4}", text):
            start, step = datetime(int(text), 1, 1, tzinfo=tz), relativedelta(years=1)
        elif re.fullmatch(r"\d{4}-\d{2}", text):
            start, step = datetime.fromisoformat(text + "-01").replace(tzinfo=tz), relativedelta(months=1)
        elif re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            start, step = datetime.fromisoformat(text).replace(tzinfo=tz), relativedelta(days=1)
        else:
            dt = datetime.fromisoformat(text.upper().replace("Z", "+00:00"))
            return dt if dt.tzinfo else dt.replace(tzinfo=tz)
    except ValueError:
        raise TimeSpanError("bad_time", value=text) from None
    return start + step if end else start
