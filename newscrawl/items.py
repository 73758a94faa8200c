"""The one item type: what a page says about an article, raw at first, normalized later.

Parsers fill the raw fields (``*_raw``, ``byline``, image captions as printed);
the pipelines in ``pipelines/`` turn them into the clean ones; storage writes the
result. A dataclass rather than ``scrapy.Item`` so that parsers, ``newscrawl
extract`` and tests can build one without Scrapy; ``itemadapter`` handles both.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any


@dataclass
class Image:
    url: str | None = None
    caption: str | None = None
    credit: str | None = None


@dataclass
class Article:
    url: str
    canonical_url: str | None = None
    site: str | None = None  # slug of the site that served the page
    outlet: str | None = None  # slug of the original publisher
    language: str | None = None
    title: str | None = None

    # ISO 8601 with the offset the page implies; *_raw keeps what was printed.
    published_at: str | None = None
    published_precision: int | None = None  # seconds of uncertainty
    published_raw: str | None = None
    # Other printed forms of the publication time (a listing's "12 jam yang lalu"):
    # the timestamp pipeline keeps whichever is most precise.
    published_hints: list[str] = field(default_factory=list)
    updated_at: str | None = None
    updated_raw: str | None = None

    authors: list[str] = field(default_factory=list)
    byline: str | None = None
    dateline: str | None = None
    agency: str | None = None
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    images: list[dict[str, Any]] = field(default_factory=list)
    paywalled: bool = False
    truncated: bool = False  # the body was longer than the stored cap (pipelines/validate.py)

    # When the page was fetched (the response's Date header, else the crawl clock):
    # relative times on the page are resolved against it.
    fetched_at: str | None = None
    # Which layer produced each field: "jsonld", "meta", "selector", "generic", "listing".
    sources: dict[str, str] = field(default_factory=dict)
    # How the page's bytes were read (newscrawl/encoding.py): the encoding used, and
    # whether it was guessed from the bytes rather than declared (BOM, HTTP, <meta>).
    encoding: str | None = None
    encoding_guessed: bool | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Article":
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


ARTICLE_FIELDS = tuple(f.name for f in fields(Article))
