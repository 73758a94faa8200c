"""The search page's query parameters: parsed once, turned back into links.

Everything an analyst chose lives in the URL (``/-/search?q=...&outlet=...&range=1mo``)
so a search can be bookmarked, shared, or subscribed to as ``/-/search.atom?...``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timezone
from urllib.parse import urlencode

from newscrawl.datasette_plugin.i18n import DEFAULT_LANGUAGE, DEFAULT_RANGE, auto_by, range_delta, ui_language
from newscrawl.search.attention import BY, period_bounds


def _period(value: str | None) -> str:
    """``?period=`` if it names a period, else "" (a mangled link shows the whole range)."""
    try:
        period_bounds(value or "")
    except ValueError:
        return ""
    return value.strip()

PAGE_SIZE = 20
MAX_PAGE = 500  # deep pages are a scraper, not an analyst


@dataclass(frozen=True)
class SearchParams:
    q: str = ""
    outlet: str = ""
    lang: str = ""  # the articles' language; the interface language is ``hl``
    range: str = DEFAULT_RANGE
    page: int = 1
    hl: str = DEFAULT_LANGUAGE
    period: str = ""  # one bar of the chart (2025-01-14, 2025-W03, 2025-01): narrows the results
    by: str = ""  # the chart's period; "" = auto_by(range)

    @classmethod
    def from_args(cls, args) -> "SearchParams":
        """From Datasette's ``request.args`` (or any mapping with ``.get``)."""
        try:
            page = min(max(int(args.get("page") or 1), 1), MAX_PAGE)
        except ValueError:
            page = 1
        return cls(
            q=(args.get("q") or "").strip(),
            outlet=(args.get("outlet") or "").strip(),
            lang=(args.get("lang") or "").strip(),
            range=range_delta(args.get("range"))[0],
            page=page,
            hl=ui_language(args.get("hl")),
            period=_period(args.get("period")),
            by=args.get("by") if args.get("by") in BY else "",
        )

    def search_kwargs(self, now: datetime | None = None) -> dict:
        """Keyword arguments for ``newscrawl.search.search`` (everything but the text):
        the range, or the one period a chart bar chose."""
        kwargs = dict(self.filter_kwargs(now), limit=PAGE_SIZE, offset=(self.page - 1) * PAGE_SIZE, ui_lang=self.hl)
        if self.period:
            kwargs.update(zip(("since", "until"), period_bounds(self.period)), all_time=False)
        return kwargs

    def filter_kwargs(self, now: datetime | None = None) -> dict:
        """Outlet, language and the range: what the chart counts over (a chosen period aside)."""
        now = now or datetime.now(timezone.utc)
        _, delta = range_delta(self.range)
        return dict(
            outlet=self.outlet or None,
            lang=self.lang or None,
            since=None if delta is None else now - delta,
            all_time=delta is None,
            now=now,
        )

    @property
    def chart_by(self) -> str:
        return self.by or auto_by(self.range)

    def query_string(self, **changes) -> str:
        """``?q=...`` for these parameters with ``changes`` applied; defaults are left out
        so links stay short. Changing a filter goes back to page 1 unless told otherwise."""
        if "page" not in changes:
            changes["page"] = 1
        p = replace(self, **changes)
        pairs = [
            ("q", p.q),
            ("outlet", p.outlet),
            ("lang", p.lang),
            ("range", "" if p.range == DEFAULT_RANGE else p.range),
            ("period", p.period),
            ("by", p.by),
            ("page", "" if p.page == 1 else str(p.page)),
            ("hl", "" if p.hl == DEFAULT_LANGUAGE else p.hl),
        ]
        qs = urlencode([(k, v) for k, v in pairs if v])
        return "?" + qs if qs else ""
