"""Write normalized articles to SQLite in batched transactions."""

from __future__ import annotations

import logging
import time

from itemadapter import ItemAdapter

from newscrawl.storage import Storage

logger = logging.getLogger(__name__)


class StorePipeline:
    def __init__(self, path, batch_size, batch_seconds, stats, periodic=False):
        self.path = path
        self.periodic = periodic
        self.timer = None
        self.batch_size = batch_size
        self.batch_seconds = batch_seconds
        self.stats = stats
        self.storage = None
        self.pending = []
        self.last_flush = time.monotonic()

    @classmethod
    def from_crawler(cls, crawler):
        s = crawler.settings
        return cls(
            s.get("NEWSCRAWL_DB"),
            s.getint("NEWSCRAWL_BATCH_SIZE", 200),
            s.getfloat("NEWSCRAWL_BATCH_SECONDS", 5.0),
            crawler.stats,
            periodic=True,
        )

    def open_spider(self):
        self.storage = Storage(self.path)
        logger.info("storing articles in %s", self.storage.path)
        if self.periodic and self.batch_seconds > 0:
            # A slow crawl must not keep a finished article in memory for long:
            # flush on a clock too, not only when the next item arrives.
            from scrapy.utils.asyncio import create_looping_call

            self.timer = create_looping_call(self.flush_if_due)
            self.timer.start(self.batch_seconds, now=False)

    def process_item(self, item):
        # A shallow copy: ItemAdapter.asdict() walks every nested value looking for
        # items, which cost more than the SQLite writes themselves.
        self.pending.append(dict(ItemAdapter(item).items()))
        if len(self.pending) >= self.batch_size:
            self.flush()
        else:
            self.flush_if_due()
        return item

    def flush_if_due(self):
        if time.monotonic() - self.last_flush >= self.batch_seconds:
            self.flush()

    def flush(self):
        if self.pending:
            # A locked or full database raises and keeps the batch for the next flush;
            # one bad article is only counted (crawl_runs: "could not be stored").
            written = self.storage.upsert_articles(self.pending, on_error=self.not_stored)
            self.stats.inc_value("newscrawl/store/articles", written)
            self.stats.inc_value("newscrawl/store/batches")
            self.pending = []
        self.last_flush = time.monotonic()

    def not_stored(self, article, error):
        self.stats.inc_value("newscrawl/store/failed")
        url = article.get("canonical_url") or article.get("url")
        logger.error("article not stored: %s (%s: %s)", url, type(error).__name__, error)

    def close_spider(self):
        if self.timer is not None and self.timer.running:
            self.timer.stop()
        self.flush()
        self.storage.close()
