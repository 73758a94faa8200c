"""The thin Scrapy wrapper every normalizing pipeline shares.

Each concern is a plain function ``normalize(adapter, stats)`` so that ``newscrawl
extract`` and the crawl run the very same code; the class only plugs it into Scrapy.
"""

from __future__ import annotations

from collections import Counter

from itemadapter import ItemAdapter


class Stats(Counter):
    """What ``normalize`` functions need of Scrapy's stats collector, for use outside a crawl."""

    def inc_value(self, key: str, count: int = 1, start: int = 0) -> None:
        self[key] += count


class NormalizerPipeline:
    normalize = None  # set to staticmethod(fn) in subclasses

    def __init__(self, stats):
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)

    def process_item(self, item):
        type(self).normalize(ItemAdapter(item), self.stats)
        return item
