"""Articles from elsewhere into the database, through the crawl's own pipelines.

    with Importer("data/newscrawl.db") as imp:
        for record in records:          # dicts in the shape `newscrawl extract` prints, or Articles
            imp.add(record, where="articles.jsonl:12")
    imp.summary.stored, imp.summary.updated, imp.summary.rejected

Each record is normalized by ``pipelines.normalize_article`` (the crawl's validate,
timestamp, byline and caption stages) and written by the crawl's store pipeline,
in the same batched transactions: an import is a crawl whose pages came from a file.
``newscrawl import`` reads JSON lines into it; other readers (WARC files, another
tool's export) only have to produce records.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from newscrawl.errors import DropItem

from newscrawl.items import Article
from pipelines import normalize_article
from pipelines.base import Stats
from pipelines.store import StorePipeline

BATCH_SIZE = 500
BATCH_SECONDS = 5.0


@dataclass
class ImportSummary:
    stored: int = 0  # new articles
    updated: int = 0  # articles already in the database (or earlier in the input), rewritten
    rejected: Counter = field(default_factory=Counter)  # reason -> records
    first_rejected: dict[str, str] = field(default_factory=dict)  # reason -> where it first happened

    @property
    def total_rejected(self) -> int:
        return sum(self.rejected.values())

    def lines(self) -> list[str]:
        """The summary as ``newscrawl import`` prints it."""
        out = [f"{self.stored:,} stored, {self.updated:,} updated, {self.total_rejected:,} rejected"]
        for reason, n in self.rejected.most_common():
            where = self.first_rejected.get(reason)
            out.append(f"  {n:,} × {reason}" + (f" (first: {where})" if where else ""))
        return out


class Importer:
    """Normalizes and stores records one by one; ``close()`` writes the last batch."""

    def __init__(self, db_path, *, batch_size: int = BATCH_SIZE, stats: Stats | None = None):
        self.stats = stats if stats is not None else Stats()
        self.store = StorePipeline(str(db_path), batch_size, BATCH_SECONDS, self.stats)
        self.store.open_spider()
        self.summary = ImportSummary()
        self._seen: set[str] = set()

    def __enter__(self) -> "Importer":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def add(self, record: Mapping[str, Any] | Article, where: str | None = None) -> bool:
        """Normalize and queue one record; False (and a reason in the summary) if rejected."""
        try:
            article = to_article(record)
            fragment = urlsplit(article.canonical_url or article.url).fragment
            normalize_article(article, self.stats)
        except DropItem as e:
            # "neither title nor body found at https://..." -> one reason for every such record
            reason = str(e).replace(f" at {article.url}", "").replace(article.url, "").strip()
            return self.reject(reason or "dropped by the pipelines", where)
        except RecordError as e:
            return self.reject(str(e), where)
        if fragment:
            # A crawl drops fragments (one page, one article), and so `newscrawl
            # extract` never prints one: a record that has one comes from a tool that
            # tells articles apart by it (headlines listed on one page, #12, #13).
            article.url = f"{article.url.split('#')[0]}#{fragment}"
            article.canonical_url = f"{(article.canonical_url or article.url).split('#')[0]}#{fragment}"
        url = article.canonical_url or article.url
        known = url in self._seen or bool(self.store.storage.stored_urls([url]))
        self._seen.add(url)
        self.store.process_item(article)
        if known:
            self.summary.updated += 1
        else:
            self.summary.stored += 1
        return True

    def reject(self, reason: str, where: str | None = None) -> bool:
        self.summary.rejected[reason] += 1
        if where:
            self.summary.first_rejected.setdefault(reason, where)
        return False

    def close(self) -> ImportSummary:
        if self.store.storage is not None:
            self.store.close_spider()
            self.store.storage = None
        return self.summary


def import_articles(db_path, records: Iterable[Mapping[str, Any] | Article]) -> ImportSummary:
    """Import ``records`` into the database at ``db_path``; returns the summary."""
    with Importer(db_path) as imp:
        for record in records:
            imp.add(record)
    return imp.summary


class RecordError(ValueError):
    """A record that is not an article: the message is the reason shown to the user."""


_LISTS = ("body", "authors", "tags", "images", "published_hints")


def to_article(record: Mapping[str, Any] | Article) -> Article:
    """A record as an Article, or RecordError saying what is wrong with it.

    Lenient where the meaning is plain (a body given as one string is its
    paragraphs, split on blank lines; one author as a string is a list of one);
    strict where guessing would store nonsense (a url that is not text)."""
    if isinstance(record, Article):
        return record
    if not isinstance(record, Mapping):
        raise RecordError("not a JSON object")
    data = dict(record)
    for name in ("url", "canonical_url", "title", "language", "outlet", "site", "published_at", "fetched_at"):
        value = data.get(name)
        if value is not None and not isinstance(value, str):
            raise RecordError(f"{name} is not a string")
    if not data.get("url"):
        data["url"] = data.get("canonical_url")
    if not data.get("url"):
        raise RecordError("no url")
    for name in _LISTS:
        value = data.get(name)
        if value is None:
            data.pop(name, None)
        elif isinstance(value, str):
            data[name] = re.split(r"\n\s*\n", value) if name == "body" else [value]
        elif not isinstance(value, list):
            raise RecordError(f"{name} is not a list")
    if any(not isinstance(p, str) for p in data.get("body", [])):
        raise RecordError("body has paragraphs that are not strings")
    if any(not isinstance(i, Mapping) for i in data.get("images", [])):
        raise RecordError("images are not objects")
    if data.get("sources") is not None and not isinstance(data["sources"], Mapping):
        raise RecordError("sources is not an object")
    return Article.from_dict(data)
