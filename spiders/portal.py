"""An Indonesian portal that republishes Japanese media (see newscrawl/parsers/portal.py).

Discovery is the portal's listing page rather than a feed: each card gives the link,
the outlet label ("MAINICHI") and the printed time ("12 jam yang lalu"), which rides
along as a published hint. Start URL, selectors and page count are arguments, so a
different portal needs no code:

    scrapy crawl portal -a start_url=https://beritajepang.example/media-jepang/ \\
        -a item_css="div.news article" -a link_css="h2 a::attr(href)" -a pages=3

(or settings ``PORTAL_START_URL`` / ``PORTAL_SELECTORS`` = {"item_css": …}). Defaults
fit the sample site's invented portal.
"""

from __future__ import annotations

from datetime import datetime

from scrapy.http import TextResponse

from newscrawl.errors import UserError
from newscrawl.parsers.portal import PortalParser, PortalSelectors, outlet_slug
from newscrawl.urls import canonical
from spiders.base import NewsSpider, fetched_at, page_text, with_encoding
from newscrawl.timeparse import parse_time
from spiders.discovery import JST

DEFAULT_START_URL = "https://beritajepang.example/media-jepang/"


class PortalSpider(NewsSpider):
    name = "portal"
    site_slug = "portal"
    language = "id"
    default_since = None  # listings say "12 jam yang lalu", not dates; pages bounds a run
    extra_arguments = tuple(PortalSelectors.__dataclass_fields__)

    def __init__(self, *args, start_url=None, pages="1", **kwargs):
        options = {k: kwargs.pop(k) for k in list(kwargs) if k in PortalSelectors.__dataclass_fields__}
        super().__init__(*args, **kwargs)
        self._start_url_arg = start_url
        self._selector_args = options
        try:
            self.max_pages = int(pages)
        except ValueError:
            raise UserError(f"pages={pages!r} is not a number: write e.g. pages=3") from None

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        spider.start_url = spider._start_url_arg or settings.get("PORTAL_START_URL") or DEFAULT_START_URL
        spider.selectors = PortalSelectors.from_options(
            {**(settings.getdict("PORTAL_SELECTORS") or {}), **spider._selector_args}
        )
        return spider

    def discovery_requests(self):
        yield self.listing_request(self.start_url, page=1)

    def listing_request(self, url, page):
        return self.document_request(url, callback=self.parse_listing, cb_kwargs={"page": page})

    def parse_listing(self, response, page=1):
        s = self.selectors
        cards = response.css(s.item_css)
        if not cards:
            self.count("empty_listing")
            self.logger.warning("no article cards (%s) on %s: check item_css", s.item_css, response.url)
        else:
            self.count("document_read")
        urls, hints = [], {}
        for card in cards:
            href = card.css(s.link_css).get()
            if not href:
                continue
            url = canonical(response.urljoin(href.strip()))
            if url in self._seen:
                self.count("duplicate")
                continue
            self._seen.add(url)
            printed = (card.css(s.listing_time_css).get() or "").strip()
            # Only to skip what is older than `since`; the timestamp pipeline reads
            # the same text again from the item's published_hints.
            listed = parse_time(printed, served_at(response), JST) if self.since is not None else None
            if listed is not None and listed.dt < self.since:
                self.count("too_old")
                continue
            urls.append(url)
            hints[url] = ([printed] if printed else [], (card.css(s.listing_outlet_css).get() or "").strip())
        stored = self.stored_urls(urls)
        for url in urls:
            if url in stored:
                self.count("already_stored")
                continue
            self.count("requested")
            printed, label = hints[url]
            yield self.article_request(url, hints=printed, label=label)
        next_href = response.css(s.next_css).get() if s.next_css else None
        if next_href and page < self.max_pages:
            yield self.listing_request(response.urljoin(next_href), page=page + 1)

    def parse_article(self, response, hints=(), label=""):
        if not isinstance(response, TextResponse):
            self.count("not_html")
            return
        decoded = page_text(response)
        article = PortalParser(decoded.text, response.url, self.selectors).article(
            site=self.site_slug,
            outlet=outlet_slug(label),
            fetched_at=fetched_at(response),
            published_hints=list(hints),
        )
        yield with_encoding(article, decoded, self)


def served_at(response) -> datetime:
    """The moment the listing's "12 jam yang lalu" counts back from."""
    return datetime.fromisoformat(fetched_at(response))
