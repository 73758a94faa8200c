"""The one discovery logic every outlet spider shares.

An outlet module only declares *where* to look (``feeds``, ``sitemaps``) and *what*
it is (``site_slug``, ``language``, ``needs_js``); this class reads those documents,
decides which article pages are worth a request, and hands each page to
``newscrawl.parsers.parse_article``. Spiders never extract fields themselves and
never normalize: parsers and pipelines do.

What a run fetches (spider arguments, ``scrapy crawl NAME -a since=2d``):

- ``since``: skip entries the feed or sitemap dates before this (``30min``, ``12h``,
  ``2d``, ``1w``, ``3mo``, ``2025-01-01``; ``all`` for no bound; the grammar of
  ``newscrawl search --since``, see ``newscrawl.timespan``). Default ``default_since``
  (7 days), so an outlet's yearly sitemaps are not walked back to 2017 by accident.
- ``urls``: comma-separated article URLs to fetch as they are, without discovery.
- ``js``: ``1`` renders every article page in Chromium (scrapy-playwright), as
  outlets with ``needs_js = True`` always do.

Articles already in the database (``NEWSCRAWL_DB``) are skipped unless the feed or
sitemap says they changed after we fetched them. Counters go to the crawl stats as
``newscrawl/discover/<outcome>`` and so into ``crawl_runs``.
"""

from __future__ import annotations

import inspect
import re
import sys
from dataclasses import replace
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import scrapy
from scrapy.utils.url import url_is_from_any_domain
from scrapy.http import TextResponse
from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import sitemap_urls_from_robots

from newscrawl import runs
from newscrawl.encoding import Decoded, decode_html
from newscrawl.errors import UserError
from newscrawl.parsers import parse_article
from newscrawl.replay import META_KEY as REPLAYED_FROM
from newscrawl.urls import canonical, is_http
from spiders.discovery import Entry, parse_date, parse_since, read_document

_YEARLY = re.compile(r"sitemap[-_](\d{4})\.xml")
TRUE_WORDS = {"1", "true", "yes", "on", "y"}
# Arguments schedulers add to every spider they start (scrapyd's job id).
SCHEDULER_ARGUMENTS = {"_job"}


def truthy(value) -> bool:
    return str(value).strip().lower() in TRUE_WORDS if value is not None else False


def fetched_at(response) -> str:
    """When the page was fetched: the server's Date header (ISO 8601 with offset), else now.

    Relative times on the page ("12 jam yang lalu") are resolved against this, so it
    must be the moment the page was served, not when a pipeline runs.
    """
    raw = response.headers.get(b"Date")
    if raw:
        try:
            dt = parsedate_to_datetime(raw.decode("latin-1"))
            if dt.tzinfo is not None:
                return dt.isoformat(timespec="seconds")
        except (TypeError, ValueError, IndexError):
            pass
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def page_text(response) -> Decoded:
    """An article page's text, decoded as a browser would with Japanese detection
    (newscrawl/encoding.py) rather than Scrapy's UTF-8-or-cp1252 guess. A page the
    browser rendered is already text: its encoding is the browser's."""
    if "playwright" in response.flags:
        return Decoded(response.text, response.encoding, False)
    return decode_html(response.body, response.headers.get(b"Content-Type"))


def with_encoding(article, decoded: Decoded, spider):
    article.encoding, article.encoding_guessed = decoded.encoding, decoded.guessed
    if decoded.guessed and decoded.encoding != "utf-8":
        spider.count(f"encoding_guessed/{decoded.encoding}")
    return article


PLAYWRIGHT_HANDLER = "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler"
PLAIN_HANDLER = "scrapy.core.downloader.handlers.http11.HTTP11DownloadHandler"


def plain_downloads(settings) -> None:
    """Use Scrapy's own HTTP handler when no request of this crawl needs a browser.

    The playwright handler passes plain requests through, but starting it costs a
    Playwright driver process and seconds per crawl; a spider that renders nothing
    (no ``needs_js``, no ``-a js=1``) does not pay that. Handlers set to anything
    else are left alone.
    """
    handlers = dict(settings.getdict("DOWNLOAD_HANDLERS"))
    swapped = {k: PLAIN_HANDLER for k, v in handlers.items() if v == PLAYWRIGHT_HANDLER}
    if swapped and not settings.frozen:
        settings.set("DOWNLOAD_HANDLERS", {**handlers, **swapped}, priority="spider")


def without_query(url: str) -> str:
    p = urlsplit(url)
    return urlunsplit((p.scheme, p.netloc, p.path, "", ""))


class NewsSpider(scrapy.Spider):
    """Feeds and news sitemaps -> article requests -> ``parse_article`` -> Article."""

    # What an outlet module declares.
    site_slug: str = ""  # the join key everywhere (see newscrawl.parsers)
    outlet_slug: str | None = None  # original publisher, when not the site itself
    language: str = "ja"
    feeds: tuple[str, ...] = ()  # RSS/RDF/Atom
    sitemaps: tuple[str, ...] = ()  # sitemap indexes, news sitemaps, or robots.txt
    sitemap_follow: str | None = None  # regex: children of a sitemap index worth reading
    article_url: str | None = None  # regex: links that are articles (the rest is ignored)
    needs_js: bool = False
    max_sitemap_depth: int = 3  # sitemap indexes followed below a start document
    default_since: str | None = "7d"

    custom_settings: dict = {}

    # Spider arguments an outlet takes besides those of its __init__ (the portal's selectors).
    extra_arguments: tuple[str, ...] = ()

    def __init__(self, *args, since=None, urls=None, js=None, **kwargs):
        unknown = sorted(set(kwargs) - set(self.known_arguments()) - SCHEDULER_ARGUMENTS)
        if unknown:
            raise UserError(
                f"unknown argument{'s' * (len(unknown) > 1)} {', '.join(unknown)}: "
                f"{self.name} takes {', '.join(self.known_arguments())}"
            )
        super().__init__(*args, **kwargs)
        self.since = parse_since(self.default_since if since is None else since)
        self.urls = [u.strip() for u in (urls or "").split(",") if u.strip()]
        for u in self.urls:
            if not is_http(u):
                raise UserError(f"urls: {u!r} is not an http(s) URL; give full URLs separated by commas")
        self.urls = [canonical(u) for u in self.urls]
        domains = getattr(self, "allowed_domains", None)
        for u in self.urls:
            # Scrapy's offsite filter would drop it without a word and the run would look fine.
            if domains and not url_is_from_any_domain(u, domains):
                raise UserError(f"urls: {u} is not on {', '.join(domains)}: use the spider for that site")
        self.use_js = self.needs_js or truthy(js)
        self._storage = None
        self._seen: set[str] = set()  # feeds and sitemaps often list the same article
        self._article_re = re.compile(self.article_url) if self.article_url else None
        self._follow_re = re.compile(self.sitemap_follow) if self.sitemap_follow else None

    @classmethod
    def known_arguments(cls) -> list[str]:
        """Every ``-a NAME=…`` this spider understands."""
        names = []
        for klass in cls.__mro__:
            if "__init__" in vars(klass) and issubclass(klass, NewsSpider):
                params = list(inspect.signature(vars(klass)["__init__"]).parameters.values())[1:]  # not self
                names += [p.name for p in params if p.kind in (p.KEYWORD_ONLY, p.POSITIONAL_OR_KEYWORD)]
            names += list(vars(klass).get("extra_arguments", ()))
        return list(dict.fromkeys(names))

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        try:
            spider = super().from_crawler(crawler, *args, **kwargs)
        except UserError as e:
            # A bad -a argument is the user's to fix: one line, no traceback.
            print(f"scrapy crawl {cls.name}: error: {e}", file=sys.stderr, flush=True)
            raise SystemExit(2) from None
        if not spider.use_js:
            plain_downloads(crawler.settings)
        return spider

    # -- start ------------------------------------------------------------------

    async def start(self):
        if self.urls:
            for url in self.urls:
                yield self.article_request(url)
            return
        for request in self.discovery_requests():
            yield request

    def discovery_requests(self):
        """Where discovery begins: the outlet's feeds and sitemaps."""
        for url in (*self.feeds, *self.sitemaps):
            yield self.document_request(url)

    def document_request(self, url: str, depth: int = 0, **kwargs) -> scrapy.Request:
        """A feed, sitemap or listing: fetched again on every run, also when resuming
        a JOBDIR (dont_filter), because what it lists changes. ``depth`` counts
        sitemap indexes above it."""
        kwargs.setdefault("callback", self.parse_document)
        meta = {**kwargs.pop("meta", {}), "sitemap_depth": depth}
        return scrapy.Request(url, errback=self.document_failed, dont_filter=True, meta=meta, **kwargs)

    def document_failed(self, failure):
        self.failed(failure, runs.DOCUMENT_FAILED, "feed or sitemap")

    def article_failed(self, failure):
        self.failed(failure, runs.ARTICLE_FAILED, "article")

    def failed(self, failure, prefix: str, what: str) -> None:
        """Count a failed request by reason, keep the first URL per reason for
        crawl_runs.causes, and say it in one log line rather than a traceback."""
        reason = runs.failure_reason(failure)
        request = getattr(failure, "request", None)
        url = request.meta.get(REPLAYED_FROM, request.url) if request is not None else "?"
        stats = self.crawler.stats
        stats.inc_value(prefix + reason)
        if stats.get_value(prefix + runs.FIRST_URL + reason) is None:
            stats.set_value(prefix + runs.FIRST_URL + reason, url)
        self.logger.warning("%s not fetched: %s (%s)", what, runs.reason_words(reason), url)

    # -- discovery --------------------------------------------------------------

    def parse_document(self, response):
        """A feed, a sitemap (index), or robots.txt naming sitemaps."""
        depth = response.meta.get("sitemap_depth", 0)
        if response.url.endswith("/robots.txt"):
            for url in sitemap_urls_from_robots(response.body, base_url=response.url):
                if self._follow_re is None or self._follow_re.search(url):
                    yield self.document_request(url, depth=depth + 1)
            return
        body = response.body
        if body[:2] == b"\x1f\x8b":  # a .xml.gz sitemap served as a file, not Content-Encoding
            try:
                body = gunzip(body, max_size=self.settings.getint("DOWNLOAD_MAXSIZE"))
            except (OSError, EOFError, ValueError):  # corrupt, or a gzip bomb past DOWNLOAD_MAXSIZE
                self.count("unreadable_document")
                self.logger.warning("cannot gunzip %s (corrupt, or larger than DOWNLOAD_MAXSIZE)", response.url)
                return
        entries = read_document(body, response.url)
        if not entries:
            self.count("unreadable_document")
            self.logger.warning("no entries in %s (not a feed or sitemap, or empty)", response.url)
            return
        self.count("document_read")
        # One form per URL (…/x?ref=rss is …/x): what is requested, skipped and stored.
        entries = [replace(e, url=canonical(e.url)) for e in entries]
        yield from self.follow_sitemaps([e for e in entries if e.is_sitemap], depth + 1)
        yield from self.article_requests([e for e in entries if not e.is_sitemap])

    def follow_sitemaps(self, entries: list[Entry], depth: int = 1):
        for e in entries:
            if e.url in self._seen:
                self.count("duplicate")
                continue
            if depth > self.max_sitemap_depth:
                # Real indexes nest once or twice; deeper is a loop or a trap.
                self.count("sitemap_too_deep")
                continue
            if self._follow_re is not None and not self._follow_re.search(e.url):
                self.count("sitemap_not_followed")
                continue
            if self.since and e.modified and e.modified < self.since:
                self.count("sitemap_too_old")
                continue
            year = _YEARLY.search(e.url)
            if self.since and year and int(year.group(1)) < self.since.year:
                # Yearly sitemaps (Kyodo's sitemap-2019.xml) whose lastmod moves every day.
                self.count("sitemap_too_old")
                continue
            self._seen.add(e.url)
            yield self.document_request(e.url, depth=depth)

    def article_requests(self, entries: list[Entry]):
        """Requests for the entries worth fetching: articles, recent, not stored unchanged."""
        wanted = []
        for e in entries:
            if e.url in self._seen:
                self.count("duplicate")
            elif self._article_re is not None and not self._article_re.search(e.url):
                self.count("not_article")
            elif self.is_too_old(e):
                self.count("too_old")
            else:
                self._seen.add(e.url)
                wanted.append(e)
        stored = self.stored_urls([u for e in wanted for u in {e.url, without_query(e.url)}])
        for e in wanted:
            key = e.url if e.url in stored else without_query(e.url)
            if key in stored:
                fetched = parse_date(stored[key])
                if not (e.modified and fetched and e.modified > fetched):
                    self.count("already_stored")
                    continue
                self.count("changed_since_stored")
            self.count("requested")
            yield self.article_request(e.url, hints=[e.published_raw] if e.published_raw else [])

    def is_too_old(self, entry: Entry) -> bool:
        if self.since is None:
            return False
        when = entry.published or entry.newest
        return when is not None and when < self.since

    def stored_urls(self, urls: list[str]) -> dict[str, str | None]:
        """Which of ``urls`` the database already holds (canonical_url -> fetched_at)."""
        if not urls:
            return {}
        if self._storage is None:
            if self.settings.get("NEWSCRAWL_REDIS_URL"):
                # A worker of a distributed crawl: the ingester's index, not a local file.
                from newscrawl.distributed import StoredIndex

                self._storage = StoredIndex.from_settings(self.settings)
            else:
                path = Path(self.settings.get("NEWSCRAWL_DB") or "data/newscrawl.db")
                if not path.exists():
                    return {}
                from newscrawl.storage import Storage

                self._storage = Storage(path, readonly=True)
        return self._storage.stored_urls(urls)

    def closed(self, reason):
        if self._storage is not None:
            self._storage.close()

    # -- articles ---------------------------------------------------------------

    def article_request(self, url: str, hints=(), **cb_kwargs) -> scrapy.Request:
        meta = {"playwright": True} if self.use_js else {}
        return scrapy.Request(
            url,
            callback=self.parse_article,
            errback=self.article_failed,
            meta=meta,
            cb_kwargs={"hints": list(hints), **cb_kwargs},
        )

    def parse_article(self, response, hints=()):
        if not isinstance(response, TextResponse):
            self.count("not_html")
            return
        decoded = page_text(response)
        article = parse_article(
            decoded.text,
            response.url,
            site=self.site_slug,
            outlet=self.outlet_slug or self.site_slug,
            fetched_at=fetched_at(response),
            published_hints=list(hints),
        )
        yield with_encoding(article, decoded, self)

    def count(self, outcome: str) -> None:
        if getattr(self, "crawler", None) is not None:
            self.crawler.stats.inc_value(f"newscrawl/discover/{outcome}")
