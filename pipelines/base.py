"""The thin Scrapy wrapper every normalizing pipeline shares.

Each concern is a plain function ``normalize(adapter, stats)`` so that ``newscrawl
extract`` and the crawl run the very same code; the class only plugs it into Scrapy.
Nothing here imports Scrapy (nor itemadapter, which imports Scrapy when imported):
``newscrawl extract`` on one page would otherwise spend most of its time loading it.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import MutableMapping
from functools import lru_cache

from newscrawl.errors import DropItem


class Stats(Counter):
    """What ``normalize`` functions need of Scrapy's stats collector, for use outside a crawl."""

    def inc_value(self, key: str, count: int = 1, start: int = 0) -> None:
        self[key] += count


@lru_cache(maxsize=None)
def _field_names(cls) -> frozenset[str]:
    """A dataclass's field names, read once per class, not once per item."""
    return frozenset(f.name for f in dataclasses.fields(cls))


class FieldAdapter(MutableMapping):
    """The mapping view ``normalize`` functions use, over a dataclass item (an Article) or a
    dict: ItemAdapter's interface for the items this project builds, without its import."""

    def __init__(self, item):
        self.item = item
        self._fields = None if isinstance(item, dict) else _field_names(type(item))

    def __getitem__(self, key):
        if self._fields is None:
            return self.item[key]
        if key not in self._fields:
            raise KeyError(key)
        return getattr(self.item, key)

    def __setitem__(self, key, value):
        if self._fields is None:
            self.item[key] = value
        elif key in self._fields:
            setattr(self.item, key, value)
        else:
            raise KeyError(f"{type(self.item).__name__} does not support field: {key}")

    def __delitem__(self, key):
        if self._fields is not None:
            raise NotImplementedError("a dataclass field cannot be deleted")
        del self.item[key]

    def __iter__(self):
        return iter(self.item if self._fields is None else self._fields)

    def __len__(self):
        return len(self.item if self._fields is None else self._fields)


class NormalizerPipeline:
    normalize = None  # set to staticmethod(fn) in subclasses

    def __init__(self, stats):
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)

    def process_item(self, item):
        from itemadapter import ItemAdapter  # a crawl: Scrapy (and so itemadapter) is loaded

        try:
            type(self).normalize(ItemAdapter(item), self.stats)
        except DropItem as e:
            # The only exception Scrapy's item pipeline treats as "drop this item".
            from scrapy.exceptions import DropItem as ScrapyDropItem

            raise ScrapyDropItem(str(e)) from e
        return item
