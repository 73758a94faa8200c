"""Indonesian portals that republish Japanese media (like ../shared/seed's page).

No real portal is given, so the page structure is the one ``data/sample_site``
defines (host ``beritajepang.example``), and every selector can be replaced: the
``portal`` spider passes ``-a title_css=…`` etc. through ``PortalSelectors``. What
such a page prints, and how it lands in the Article:

- ``MAINICHI | 12 jam yang lalu``: the outlet label becomes the outlet slug (English
  pages map to the English edition: MAINICHI -> mainichi_en); the relative time is
  ``published_raw``, resolved later against ``fetched_at`` by the timestamp pipeline.
- a photo caption ending ``(Kyodo)``: kept as printed; the caption pipeline splits it.
- ``WASHINGTON (Kyodo) --`` and a trailing ``(By …)`` paragraph: kept in the body;
  the byline pipeline moves them into dateline/agency/authors.
- reaction counters, "komentar", "Jadi yg pertama suka", the search box: not body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields

import parsel

from newscrawl.items import Article
from newscrawl.outlets import from_printed


@dataclass
class PortalSelectors:
    """CSS selectors for a portal's listing and article pages (defaults: the sample site)."""

    # listing page
    item_css: str = "div.daftar-berita article.kartu-berita"
    link_css: str = "a.kartu-berita__judul::attr(href)"
    listing_outlet_css: str = ".kartu-berita__media::text"
    listing_time_css: str = ".kartu-berita__waktu::text"
    next_css: str = "a.halaman-berikut::attr(href)"
    # article page
    article_css: str = "article.berita"
    title_css: str = "h1.berita__judul"
    outlet_css: str = ".berita__media"
    time_css: str = ".berita__waktu"
    body_css: str = "div.berita__isi > p"
    figure_css: str = "figure.berita__foto"
    image_css: str = "img::attr(src)"
    caption_css: str = "figcaption"
    lang_css: str = "::attr(lang)"
    drop_css: str = ".berita__reaksi, .berita__aksi, .iklan, script, style"

    @classmethod
    def from_options(cls, options: dict) -> "PortalSelectors":
        """Selectors from spider arguments/settings, ignoring keys that are not selectors."""
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in options.items() if k in names and v})


_KANA = re.compile(r"[\u3040-\u30ff]")

# The printed outlet label -> its slug; English pages get the English edition, so
# outlet:mainichi_en finds the republished copies too (the table: newscrawl.outlets).
outlet_slug = from_printed


def _text(sel) -> str:
    return re.sub(r"\s+", " ", " ".join(sel.xpath(".//text()").getall())).strip()


class PortalParser:
    """Page object: portal article HTML + URL -> Article with raw fields."""

    site = "portal"
    # Fallbacks when a page lacks the label or a lang attribute: an unlabeled article
    # is credited to the portal itself; these portals republish English editions.
    outlet = "portal"
    language = "en"

    def __init__(self, html: str, url: str, selectors: PortalSelectors | None = None):
        self.html = html
        self.url = url
        self.s = selectors or PortalSelectors()
        self.sel = parsel.Selector(text=html)
        if self.s.drop_css:
            self.sel.css(self.s.drop_css).drop()  # widgets must never reach the body
        found = self.sel.css(self.s.article_css)
        self.root = found[0] if found else self.sel

    def first_text(self, css: str) -> str | None:
        found = self.root.css(css)
        text = _text(found[0]) if found else ""
        return text or None

    def article(self, **context) -> Article:
        s, sources = self.s, {}
        title = self.first_text(s.title_css)
        body = [t for t in (_text(p) for p in self.root.css(s.body_css)) if t]
        if title:
            sources["title"] = "selector"
        if body:
            sources["body"] = "selector"
        else:
            # The selectors missed (the portal changed its markup): the generic layer.
            from newscrawl.parsers.generic import GenericParser

            fallback = GenericParser(self.html, self.url).article()
            body, sources["body"] = fallback.body, "generic"
            if not title:
                title, sources["title"] = fallback.title, "generic"
        language = (self.root.css(s.lang_css).get() or "").strip().lower()[:2] or None
        if not language:
            language = "ja" if _KANA.search(" ".join(body[:3])) else self.language
        label = self.first_text(s.outlet_css)
        outlet = outlet_slug(label, language) or context.get("outlet") or self.outlet
        published_raw = self.first_text(s.time_css)
        images = []
        for fig in self.root.css(s.figure_css):
            src = fig.css(s.image_css).get()
            caption = fig.css(s.caption_css)
            images.append(
                {"url": self._absolute(src), "caption": (_text(caption[0]) if caption else None) or None, "credit": None}
            )
        for name, value in (("outlet", label), ("published_raw", published_raw), ("images", images)):
            if value:
                sources[name] = "selector"
        return Article(
            url=self.url,
            canonical_url=self.sel.css('link[rel="canonical"]::attr(href)').get() or self.url,
            site=context.get("site") or self.site,
            outlet=outlet,
            language=language,
            title=title,
            published_raw=published_raw,
            published_hints=list(context.get("published_hints") or []),
            body=body,
            images=images,
            fetched_at=context.get("fetched_at"),
            sources=sources,
        )

    def _absolute(self, src: str | None) -> str | None:
        if not src:
            return None
        from urllib.parse import urljoin

        return urljoin(self.url, src)
