"""The search page's query parameters: parsed once, turned back into links.

Everything an analyst chose lives in the URL (``/-/search?q=...&outlet=...&range=1m``)
so a search can be bookmarked, shared, or subscribed to as ``/-/search.atom?...``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timezone
from urllib.parse import urlencode

from newscrawl.datasette_plugin.i18n import DEFAULT_LANGUAGE, DEFAULT_RANGE, range_delta, ui_language

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
        )

    def search_kwargs(self, now: datetime | None = None) -> dict:
        """Keyword arguments for ``newscrawl.search.search`` (everything but the text)."""
        now = now or datetime.now(timezone.utc)
        _, delta = range_delta(self.range)
        return dict(
            outlet=self.outlet or None,
            lang=self.lang or None,
            since=None if delta is None else now - delta,
            all_time=delta is None,
            limit=PAGE_SIZE,
            offset=(self.page - 1) * PAGE_SIZE,
            now=now,
            ui_lang=self.hl,
        )

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
            ("page", "" if p.page == 1 else str(p.page)),
            ("hl", "" if p.hl == DEFAULT_LANGUAGE else p.hl),
        ]
        qs = urlencode([(k, v) for k, v in pairs if v])
        return "?" + qs if qs else ""
