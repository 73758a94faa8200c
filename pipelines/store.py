"""Write normalized articles to SQLite in batched transactions."""

from __future__ import annotations

import logging
import time

from itemadapter import ItemAdapter

from newscrawl.storage import Storage

logger = logging.getLogger(__name__)


class StorePipeline:
    def __init__(self, path, batch_size, batch_seconds, stats):
        self.path = path
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
        )

    def open_spider(self):
        self.storage = Storage(self.path)
        logger.info("storing articles in %s", self.storage.path)

    def process_item(self, item):
        self.pending.append(ItemAdapter(item).asdict())
        if len(self.pending) >= self.batch_size or time.monotonic() - self.last_flush >= self.batch_seconds:
            self.flush()
        return item

    def flush(self):
        if self.pending:
            written = self.storage.upsert_articles(self.pending)
            self.stats.inc_value("newscrawl/store/articles", written)
            self.stats.inc_value("newscrawl/store/batches")
            self.pending = []
        self.last_flush = time.monotonic()

    def close_spider(self):
        self.flush()
        self.storage.close()
