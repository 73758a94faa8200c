"""One ``crawl_runs`` row per crawl: when, how it ended, counts, and a verdict.

Each run gets a ``status`` — ``ok``, ``degraded`` (something went wrong but articles
came in) or ``failed`` (the run did not do its job) — and ``causes``, a JSON list of
sentences saying why: "no feed or sitemap could be read: connection refused
(https://mainichi.jp/rss/etc/english_latest.rss)", "body from the generic extractor on
8 of 10 pages: the site's layout may have changed". ``scrapy crawl`` exits with 1
when a run failed (newscrawl/scrapy_commands/crawl.py), so a scheduled job notices.

The verdict is built from the crawl stats (``judge``) plus whatever other checks
add while the crawl runs or closes::

    from newscrawl.runs import add_cause
    add_cause(crawler.stats, "degraded", "only 3 articles, fewer than the usual 50")

The row is written when the engine stops, after every ``spider_closed`` handler
(monitors included) has had its say.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timezone

from scrapy import signals

from newscrawl.storage import Storage

logger = logging.getLogger(__name__)

OK, DEGRADED, FAILED = "ok", "degraded", "failed"
STATUSES = (OK, DEGRADED, FAILED)  # in order of severity
CAUSES_KEY = "newscrawl/run/causes"  # stats: causes other checks added
STATUS_KEY = "newscrawl/run/status"  # stats: the verdict, for the crawl command's exit status
VERDICT_KEY = "newscrawl/run/verdict"  # stats: every cause behind it, as written to crawl_runs

# Stats the spider keeps per failed request (see spiders/base.py): a counter per
# reason and the first URL that failed for it.
DOCUMENT_FAILED = "newscrawl/discover/failed/"
ARTICLE_FAILED = "newscrawl/fetch/failed/"
FIRST_URL = "first_url/"

# What a reason slug says in words.
REASONS = {
    "dns_lookup_failed": "DNS lookup failed",
    "connection_refused": "connection refused",
    "timeout": "timed out",
    "connection_lost": "connection lost",
    "tls_error": "TLS handshake failed",
    "too_large": "response larger than DOWNLOAD_MAXSIZE",
    "robots_txt": "forbidden by robots.txt",
    "offsite": "redirected off the site",
    "too_many_redirects": "too many redirects",
    "unreadable_response": "unreadable response",
}


@dataclass(frozen=True)
class Cause:
    status: str  # DEGRADED or FAILED
    text: str


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def add_cause(stats, status: str, text: str) -> None:
    """Record that this run is ``status`` (degraded/failed) because of ``text``."""
    if status not in (DEGRADED, FAILED):
        raise ValueError(f"a cause is {DEGRADED!r} or {FAILED!r}, not {status!r}")
    causes = list(stats.get_value(CAUSES_KEY) or [])
    causes.append({"status": status, "cause": text})
    stats.set_value(CAUSES_KEY, causes)


def failure_reason(failure) -> str:
    """A short slug for why a request failed: ``http_403``, ``dns_lookup_failed``…"""
    from scrapy import exceptions as ex
    from scrapy.spidermiddlewares.httperror import HttpError
    from twisted.internet import defer
    from twisted.internet import error as net

    exc = failure.value
    if isinstance(exc, HttpError):
        return f"http_{exc.response.status}"
    kinds = (
        ((ex.CannotResolveHostError, net.DNSLookupError), "dns_lookup_failed"),
        ((ex.DownloadConnectionRefusedError, net.ConnectionRefusedError), "connection_refused"),
        ((ex.DownloadTimeoutError, net.TimeoutError, net.TCPTimedOutError), "timeout"),
        ((ex.DownloadCancelledError, defer.CancelledError), "too_large"),  # over DOWNLOAD_MAXSIZE
        ((ex.ResponseDataLossError, net.ConnectionLost, net.ConnectionDone), "connection_lost"),
    )
    for types, slug in kinds:
        if isinstance(exc, types):
            return slug
    message = str(exc).lower()
    if isinstance(exc, ex.IgnoreRequest):
        if "robots.txt" in message:
            return "robots_txt"
        if "exceeded" in message or "max size" in message or "maxsize" in message:
            return "too_large"  # HttpCompressionMiddleware: a gzip bomb
        if "offsite" in message:
            return "offsite"
        if "redirect" in message:
            return "too_many_redirects"
    if "ssl" in message or "tls" in message or "certificate" in message:
        return "tls_error"
    return type(exc).__name__.lower()


def reason_words(slug: str) -> str:
    if slug.startswith("http_"):
        return f"HTTP {slug[5:]}"
    return REASONS.get(slug, slug.replace("_", " "))


def _failures(stats: dict, prefix: str) -> list[tuple[str, int, str | None]]:
    """(reason slug, count, first URL) for every failure counter under ``prefix``."""
    out = []
    for key, value in stats.items():
        if key.startswith(prefix) and not key.startswith(prefix + FIRST_URL) and isinstance(value, int):
            slug = key[len(prefix) :]
            out.append((slug, value, stats.get(prefix + FIRST_URL + slug)))
    return sorted(out, key=lambda f: -f[1])


def _describe(failures) -> str:
    parts = []
    for slug, n, url in failures:
        words = reason_words(slug) + (f" ×{n}" if n > 1 else "")
        parts.append(f"{words} ({url})" if url else words)
    return "; ".join(parts)


def stored_count(stats: dict) -> int:
    """Articles stored, or for a distributed worker handed to the Redis queue for storing."""
    return stats.get("newscrawl/store/articles", 0) + stats.get("newscrawl/queue/articles", 0)


def judge(stats: dict, finish_reason: str | None) -> list[Cause]:
    """The causes a run's own stats show."""
    causes: list[Cause] = []
    stored = stored_count(stats)
    store_failed = stats.get("newscrawl/store/failed", 0)
    doc_failures = _failures(stats, DOCUMENT_FAILED)
    article_failures = _failures(stats, ARTICLE_FAILED)
    read = stats.get("newscrawl/discover/document_read", 0)
    empty = stats.get("newscrawl/discover/unreadable_document", 0) + stats.get("newscrawl/discover/empty_listing", 0)
    documents = read + empty + sum(n for _, n, _ in doc_failures)
    exceptions = sum(v for k, v in stats.items() if k.startswith("spider_exceptions/") and isinstance(v, int))

    if finish_reason not in (None, "finished"):
        causes.append(Cause(FAILED, f"the crawl stopped before it was done ({finish_reason})"))
    if documents and not read:
        what = [_describe(doc_failures)] if doc_failures else []
        if empty:
            what.append(f"no entries in {empty} of them")
        causes.append(Cause(FAILED, "no feed, sitemap or listing could be read: " + "; ".join(what)))
    elif documents:
        if doc_failures:
            n = sum(c for _, c, _ in doc_failures)
            causes.append(Cause(DEGRADED, f"{n} of {documents} feeds, sitemaps or listings failed: {_describe(doc_failures)}"))
        if empty:
            causes.append(Cause(DEGRADED, f"no entries in {empty} of {documents} feeds, sitemaps or listings"))
    problems = []
    if article_failures:
        n = sum(c for _, c, _ in article_failures)
        problems.append(f"{n} article page(s) failed: {_describe(article_failures)}")
    if store_failed:
        problems.append(f"{store_failed} article(s) could not be stored (see the log)")
    if exceptions:
        problems.append(f"{exceptions} exception(s) in the spider (see the log)")
    if problems and not stored and not (documents and not read):
        causes.append(Cause(FAILED, "nothing stored: " + "; ".join(problems)))
    elif problems and stored:
        causes.extend(Cause(DEGRADED, p) for p in problems)
    errors = stats.get("log_count/ERROR", 0)
    if errors and not causes:
        causes.append(Cause(DEGRADED, f"{errors} error(s) in the log"))
    causes.extend(_fallback_causes(stats))
    return causes


def _fallback_causes(stats: dict) -> list[Cause]:
    """A redesign shows as the outlet's own selectors missing on most pages."""
    pages = stats.get("item_scraped_count", 0) + stats.get("item_dropped_count", 0)
    out = []
    for field in ("title", "body"):
        n = stats.get(f"newscrawl/parse/fallback_{field}", 0)
        if pages >= 2 and n * 2 >= pages:
            out.append(
                Cause(
                    DEGRADED,
                    f"{field} from the generic extractor on {n} of {pages} pages: the site's layout may have changed",
                )
            )
    return out


def verdict(causes: list[Cause]) -> str:
    """The worst status among ``causes`` (``ok`` for none)."""
    return max((c.status for c in causes), key=STATUSES.index, default=OK)


def all_causes(stats: dict, finish_reason: str | None) -> list[Cause]:
    """``judge``'s causes and those other checks added, failures first."""
    added = [Cause(c["status"], c["cause"]) for c in stats.get(CAUSES_KEY) or []]
    causes = judge(stats, finish_reason) + added
    return sorted(causes, key=lambda c: -STATUSES.index(c.status))


def summarize(stats: dict) -> dict:
    """The crawl_runs counters from a Scrapy stats dict."""

    def total(prefix: str) -> int:
        return sum(v for k, v in stats.items() if k.startswith(prefix) and isinstance(v, int))

    return {
        "pages": stats.get("response_received_count", 0),
        # A distributed worker hands its articles to the Redis queue instead.
        "stored": stored_count(stats),
        "dropped": stats.get("item_dropped_count", 0),
        "errors": stats.get("log_count/ERROR", 0) + total("spider_exceptions/"),
        "fallbacks": total("newscrawl/parse/fallback_"),
        "unparsed": total("newscrawl/normalize/unparsed_"),
    }


class CrawlRunRecorder:
    def __init__(self, crawler):
        self.crawler = crawler
        self.storage = None
        self.run_id = None
        self.spider_name = None
        self.finish_reason = None

    @classmethod
    def from_crawler(cls, crawler):
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(ext.engine_stopped, signal=signals.engine_stopped)
        return ext

    def spider_opened(self, spider):
        self.spider_name = spider.name
        self.started_at = _now()
        if self.crawler.settings.get("NEWSCRAWL_REDIS_URL"):
            return  # a distributed worker has no database: its run goes through the queue
        self.storage = Storage(self.crawler.settings.get("NEWSCRAWL_DB"))
        self.run_id = self.storage.start_run(spider.name, self.started_at)

    def spider_closed(self, spider, reason):
        self.finish_reason = reason

    def engine_stopped(self):
        if self.spider_name is None:
            return
        stats = self.crawler.stats
        values = dict(stats.get_stats())
        causes = all_causes(values, self.finish_reason)
        status = verdict(causes)
        stats.set_value(STATUS_KEY, status)
        stats.set_value(VERDICT_KEY, [{"status": c.status, "cause": c.text} for c in causes])
        for cause in causes:
            log = logger.error if cause.status == FAILED else logger.warning
            log("crawl %s: %s", cause.status, cause.text)
        keep = {k: v for k, v in values.items() if k.startswith(("newscrawl/", "item_", "response_", "log_count/"))}
        for key in (CAUSES_KEY, STATUS_KEY, VERDICT_KEY):
            keep.pop(key, None)
        fields = dict(
            finished_at=_now(),
            finish_reason=self.finish_reason,
            status=status,
            causes=[c.text for c in causes],
            stats=keep,
            **summarize(values),
        )
        if self.storage is None:
            from newscrawl.distributed import queue_run

            queue_run(self.crawler.settings, {"spider": self.spider_name, "started_at": self.started_at, **fields})
        else:
            self.storage.finish_run(self.run_id, **fields)
            self.storage.close()
            self.storage = None
        self.spider_name = None
