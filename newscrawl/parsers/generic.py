"""The layer every parser falls back to: structured data, then a main-text extractor.

(First cut; issue 3 adds outlet parsers and per-field provenance.)"""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import parsel

from newscrawl.items import Article


class GenericParser:
    outlet: str | None = None
    language: str | None = None

    def __init__(self, html: str, url: str):
        self.html = html
        self.url = url
        self.sel = parsel.Selector(text=html)

    def meta(self, name: str) -> str | None:
        v = self.sel.xpath(f'//meta[@property="{name}" or @name="{name}"]/@content').get()
        return v.strip() if v else None

    def jsonld(self) -> dict:
        for raw in self.sel.xpath('//script[@type="application/ld+json"]/text()').getall():
            try:
                data = json.loads(raw)
            except ValueError:
                continue
            for obj in data if isinstance(data, list) else data.get("@graph", [data]):
                if isinstance(obj, dict) and "Article" in str(obj.get("@type", "")):
                    return obj
        return {}

    def article(self, **context) -> Article:
        ld = self.jsonld()
        title = ld.get("headline") or self.meta("og:title") or self.sel.xpath("//title/text()").get()
        authors = ld.get("author") or []
        if isinstance(authors, dict):
            authors = [authors]
        names = [a.get("name") if isinstance(a, dict) else str(a) for a in authors]
        canonical = self.sel.xpath('//link[@rel="canonical"]/@href').get()
        body = self.body()
        host = (urlsplit(self.url).hostname or "").removeprefix("www.")
        art = Article(
            url=self.url,
            canonical_url=canonical or self.url,
            site=context.get("site") or self.outlet or host,
            outlet=context.get("outlet") or self.outlet,
            language=self.language or self.sel.xpath("/html/@lang").get(),
            title=title,
            published_raw=ld.get("datePublished") or self.meta("article:published_time"),
            updated_raw=ld.get("dateModified") or self.meta("article:modified_time"),
            authors=[n for n in names if n],
            body=body,
            fetched_at=context.get("fetched_at"),
            published_hints=list(context.get("published_hints") or []),
        )
        return art

    def body(self) -> list[str]:
        import trafilatura

        text = trafilatura.extract(self.html, url=self.url, include_comments=False) or ""
        return [p.strip() for p in text.split("\n") if p.strip()]
