"""One ``crawl_runs`` row per crawl: when, how it ended, and counts per outcome.

A site redesign shows up here as a jump in ``fallbacks`` (fields the outlet's own
layers could not give and the generic extractor had to) rather than as quietly
empty articles.
"""

from __future__ import annotations

from datetime import datetime, timezone

from scrapy import signals

from newscrawl.storage import Storage


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def summarize(stats: dict) -> dict:
    """The crawl_runs counters from a Scrapy stats dict."""

    def total(prefix: str) -> int:
        return sum(v for k, v in stats.items() if k.startswith(prefix) and isinstance(v, int))

    return {
        "pages": stats.get("response_received_count", 0),
        # A distributed worker hands its articles to the Redis queue instead.
        "stored": stats.get("newscrawl/store/articles", 0) + stats.get("newscrawl/queue/articles", 0),
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

    @classmethod
    def from_crawler(cls, crawler):
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self, spider):
        self.started_at = _now()
        if self.crawler.settings.get("NEWSCRAWL_REDIS_URL"):
            return  # a distributed worker has no database: its run goes through the queue
        self.storage = Storage(self.crawler.settings.get("NEWSCRAWL_DB"))
        self.run_id = self.storage.start_run(spider.name, self.started_at)

    def spider_closed(self, spider, reason):
        stats = self.crawler.stats.get_stats()
        keep = {k: v for k, v in stats.items() if k.startswith(("newscrawl/", "item_", "response_", "log_count/"))}
        fields = dict(finished_at=_now(), finish_reason=reason, stats=keep, **summarize(stats))
        if self.storage is None:
            from newscrawl.distributed import queue_run

            queue_run(self.crawler.settings, {"spider": spider.name, "started_at": self.started_at, **fields})
            return
        self.storage.finish_run(self.run_id, **fields)
        self.storage.close()
