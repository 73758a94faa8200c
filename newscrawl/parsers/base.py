"""The page object every article parser is: HTML + URL -> an Article with raw fields.

Each field is looked up in up to three layers, and ``Article.sources`` records which
one answered:

1. ``jsonld`` / ``meta``: structured data the outlet publishes for search engines
   (JSON-LD NewsArticle, Open Graph, ``article:*`` meta). Stable across redesigns.
2. ``selector``: the outlet's own CSS/XPath selectors, declared as class attributes
   by each outlet module (see ``mainichi.py`` for a small example).
3. ``generic``: guesses that work on any page (<h1>, <time>, the article text found
   by ``content.article_text``). They run only when the outlet's layers come up
   short; ``newscrawl/parse/fallback_<field>`` stats count those pages, which is how
   a redesign that breaks selectors shows up. Sites no module knows get the whole
   generic layer (``generic.py``).

Two exceptions to "structured data first", both because structured data is worse
there: the body (JSON-LD ``articleBody`` is often a teaser or one flattened line, so
the selectors come first) and images (structured data has no captions).

Parsers put what the page PRINTS into the raw fields; turning it into clean values
(times, names, credits) is the job of ``pipelines/``.
"""

from __future__ import annotations

import json
import re
from functools import cached_property
from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml import etree

from newscrawl.items import Article
from newscrawl.parsers import text as T

Selector = str | tuple[str, ...] | None

# Structured-data types that describe an article.
_ARTICLE_TYPE = re.compile(r"Article$|^BlogPosting$|^LiveBlogPosting$|^Report$")
# Meta tags that carry the publication time, most exact first.
PUBLISHED_METAS = (
    "article:published_time",
    "og:article:published_time",
    "datePublished",
    "pubdate",
    "publishdate",
    "DC.date.issued",
    "dcterms.created",
    "cXenseParse:recs:publishtime",
    "published_at",
    "date",
)
UPDATED_METAS = ("article:modified_time", "og:updated_time", "dateModified", "lastupdate", "DC.date.modified")
# Author meta values that name nobody.
_NO_AUTHOR = re.compile(r"^(no author|none|null|admin|staff|unknown)$|^https?://|^[\W\d_]+$", re.I)  # or an id number
_LOGIN = re.compile(r"[a-z0-9_\-]+")  # a CMS account ("admin", "webteam", "jdoe"), not a byline


def no_author(name: str) -> bool:
    return bool(_NO_AUTHOR.search(name) or _LOGIN.fullmatch(name))


# Generic guesses, for any site: photos in the article, byline boxes, <time> elements.
GENERIC_IMAGE_CSS = ("//article//figure[.//img]", "//main//figure[.//img]", "//*[@itemprop='articleBody']//figure[.//img]")
GENERIC_BYLINE_CSS = (
    "//article//*[contains(concat(' ', normalize-space(@class), ' '), ' byline ')]",
    "//main//*[contains(concat(' ', normalize-space(@class), ' '), ' byline ')]",
    "//article//*[@rel='author']",
    "//article//*[@itemprop='author']//*[@itemprop='name']",
)
GENERIC_TIME_CSS = (
    "//*[@itemprop='datePublished'][@datetime or @content]",
    "//article//time[@datetime]",
    "//main//time[@datetime]",
    "//time[@pubdate][@datetime]",
)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
# collect_ids=False: no table of id attributes (nothing here looks elements up by XPath's
# id(); "#x" selectors test @id), which saves ~4% of the parse.
# The text goes in as UTF-8 bytes with the encoding named: libxml2 works in UTF-8, and a
# str went through its converter from Python's internal form first (~8% of the parse).
# Naming the encoding also keeps a page's own <meta charset> from overriding it: the text
# is already decoded.
_PARSER = etree.HTMLParser(
    remove_comments=True, remove_pis=True, recover=True, collect_ids=False, encoding="utf-8"
)
INDEXED_TAGS = ("meta", "link", "script", "title", "h1", "h2", "h3", "time")  # ArticlePage.tagged
_INLINE_TAGS = re.compile(r"</?(?:font|span|b|i|u|em|strong|small|big|center|nobr)\b[^>]*>", re.I)


def _parse(html: str):
    try:
        return lxml.html.document_fromstring((html or "<html></html>").encode("utf-8", "replace"), parser=_PARSER)
    except (etree.ParserError, ValueError):
        return lxml.html.document_fromstring(b"<html></html>", parser=_PARSER)


def _alternatives(sel: Selector) -> tuple[str, ...]:
    if not sel:
        return ()
    return (sel,) if isinstance(sel, str) else tuple(sel)


class ArticlePage:
    """Base page object. Outlet modules subclass it and fill in the class attributes."""

    outlet: str | None = None  # slug: mainichi, japantimes, ...
    language: str | None = None  # default when the page does not say
    site_names: tuple[str, ...] = ()  # printed names stripped off titles ("毎日新聞")

    # --- selector layer: CSS, or XPath when the string starts with "/", "(" or "./".
    # A tuple lists alternatives, tried in order (current layout first, older ones after).
    title_css: Selector = None
    published_css: Selector = None  # element whose @datetime / @content / text is the time
    updated_css: Selector = None
    byline_css: Selector = None
    section_css: Selector = None
    tags_css: Selector = None
    body_css: Selector = None  # containers whose paragraphs are walked in order
    paragraphs_css: Selector = None  # or: each match is one paragraph (split at <br>)
    exclude_css: Selector = None  # inside the body: boxes that are not article text
    image_css: Selector = None  # one match per photo (a <figure> or its wrapper)
    caption_css: str = "figcaption, .caption, [class*='caption'], [class*='Caption']"  # inside an image match
    credit_css: str | None = None  # inside an image match, when the credit is printed apart
    paywall_css: Selector = None  # present on members-only stubs
    author_metas: tuple[str, ...] = ("author",)  # meta names listing authors (persons)
    # Where the headline comes from, in order; an outlet whose og:title carries extra
    # parts ("見出し | NHK | 気象") puts "selector" first.
    title_layers: tuple[str, ...] = ("jsonld", "meta", "selector", "generic")

    def __init__(self, html: str, url: str):
        self.html = html
        self.url = url
        self.sources: dict[str, str] = {}
        html = _XML_DECL.sub("", html or "", count=1)
        self.doc = _parse(html)
        if any(e.type_name == "ERR_RESOURCE_LIMIT" for e in _PARSER.error_log):
            # Tags left open (<font> on every line of an old page) nest past libxml2's
            # depth limit, which drops the rest of the page: without them it reads whole.
            self.doc = _parse(_INLINE_TAGS.sub("", html))
        if "<amp-img" in html:  # an AMP page's photos
            for el in self.doc.iter("amp-img"):
                el.tag = "img"

    # ------------------------------------------------------------------ helpers
    @cached_property
    def _tagged(self) -> dict[str, list]:
        # One walk over the page collects every tag looked up over the whole page: an
        # lxml iter(tag) costs about what a walk over every element does, and the page
        # was walked once for each (its <meta>s, <script>s, <link>s, <title>, <h1>s …).
        out: dict[str, list] = {tag: [] for tag in INDEXED_TAGS}
        for el in self.doc.iter(*INDEXED_TAGS):
            out[el.tag].append(el)
        return out

    def tagged(self, tag: str) -> list:
        """Every ``<tag>`` of the page in document order; ``tag`` is one of INDEXED_TAGS."""
        return self._tagged[tag]

    @cached_property
    def page_title(self) -> str:
        """The text of the page's <title>, cleaned ("" when it has none)."""
        titles = self.tagged("title")
        return T.clean(titles[0].text) if titles else ""

    @cached_property
    def sel(self):
        """A parsel Selector over the same tree (no second parse), for subclasses that prefer parsel."""
        import parsel

        return parsel.Selector(root=self.doc, type="html")

    @cached_property
    def metas(self) -> dict[str, list[str]]:
        """Every <meta name|property|itemprop=...> in the page, by lower-cased key, values in order."""
        out: dict[str, list[str]] = {}
        for m in self.tagged("meta"):
            key = m.get("property") or m.get("name") or m.get("itemprop")
            value = m.get("content") if m.get("content") is not None else m.get("value")
            if key and value is not None and value.strip():
                out.setdefault(key.strip().lower(), []).append(value.strip())
        return out

    def meta(self, *names: str) -> str | None:
        for name in names:
            values = self.metas.get(name.lower())
            if values:
                return values[0]
        return None

    @cached_property
    def jsonld_objects(self) -> list[dict]:
        """Every object of the page's JSON-LD, nested ones too (@graph, mainEntity ...)."""
        out = []
        for script in self.tagged("script"):
            if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
                continue
            try:
                data = json.loads(script.text, strict=False)
            except ValueError:
                continue
            out += _flatten(data)
        return out

    @cached_property
    def jsonld(self) -> dict:
        """The page's JSON-LD article object ({} when there is none)."""
        for obj in self.jsonld_objects:
            types = obj.get("@type")
            types = types if isinstance(types, list) else [types]
            if any(isinstance(t, str) and _ARTICLE_TYPE.search(t) for t in types):
                return obj
        return {}

    def ld(self, key: str):
        value = self._resolved(self.jsonld.get(key))
        return None if value in ("", None, [], {}) else value

    def _resolved(self, value):
        """A reference to another object of the page's graph ({"@id": "#author-1"}, as
        WordPress's Yoast writes authors) is that object."""
        if isinstance(value, list):
            return [self._resolved(v) for v in value]
        if isinstance(value, dict) and "@id" in value and "name" not in value:
            for obj in self.jsonld_objects:
                if obj is not value and obj.get("@id") == value["@id"] and len(obj) > len(value):
                    return obj
        return value

    def first(self, sel: Selector, root=None) -> list:
        """Elements of the first alternative that matches anything."""
        root = self.doc if root is None else root
        for alt in _alternatives(sel):
            found = T.select(root, alt)
            if found:
                return found
        return []

    def first_text(self, sel: Selector) -> str | None:
        for alt in _alternatives(sel):
            for s in T.select_strings(self.doc, alt):
                if s:
                    return s
        return None

    def absolute(self, url: str | None) -> str | None:
        if not url:
            return None
        url = url.strip().split()[0]
        return urljoin(self.url, url) if not url.startswith("data:") else None

    def pick(self, field: str, *candidates):
        """First non-empty (layer, value) candidate wins; record its layer. Candidates are
        (layer, callable) pairs so later layers cost nothing once an earlier one answered."""
        for layer, get in candidates:
            value = get()
            if value not in (None, "", [], {}):
                self.sources[field] = layer
                return value
        return None

    # ------------------------------------------------------------------ fields
    def site_name_candidates(self) -> list[str]:
        names = list(self.site_names)
        names += self.metas.get("og:site_name", []) + self.metas.get("application-name", [])
        publisher = self.ld("publisher")
        if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
            names.append(T.unescape(publisher["name"]))
        return names

    def title(self) -> str | None:
        layers = {
            "jsonld": lambda: T.unescape(_text_value(self.ld("headline"))),
            "meta": lambda: T.unescape(self.meta("og:title", "twitter:title")),
            "selector": lambda: self.first_text(self.title_css),
            "generic": self.generic_title,
        }
        raw = self.pick("title", *((name, layers[name]) for name in self.title_layers))
        return T.strip_site_name(raw, self.site_name_candidates()) if raw else None

    def generic_title(self) -> str | None:
        h1 = [T.element_text(h) for h in self.tagged("h1")]
        h1 = [h for h in h1 if h]
        page_title = self.page_title
        for h in h1:  # the <h1> that begins the <title> is the headline
            if page_title.startswith(h):
                return h
        if page_title:
            stripped = T.strip_site_name(page_title, self.site_name_candidates())
            return stripped if stripped != page_title else T.split_title(page_title)
        return h1[0] if h1 else None

    def published_raw(self) -> str | None:
        return self.pick(
            "published_raw",
            ("jsonld", lambda: _text_value(self.ld("datePublished") or self.ld("dateCreated"))),
            ("meta", lambda: self.meta(*PUBLISHED_METAS)),
            ("selector", lambda: self.time_of(self.published_css)),
            ("generic", self.generic_published),
        )

    def updated_raw(self) -> str | None:
        return self.pick(
            "updated_raw",
            ("jsonld", lambda: _text_value(self.ld("dateModified"))),
            ("meta", lambda: self.meta(*UPDATED_METAS)),
            ("selector", lambda: self.time_of(self.updated_css)),
        )

    def time_of(self, sel: Selector) -> str | None:
        """The most exact form an element gives: @datetime/@content if it has a time, else its text."""
        for el in self.first(sel):
            machine = el.get("datetime") or el.get("content")
            printed = T.element_text(el)
            if machine and ("T" in machine or ":" in machine or not printed):
                return machine.strip()
            if printed:
                return printed
        return None

    def generic_published(self) -> str | None:
        for xp in GENERIC_TIME_CSS:
            for el in T.select(self.doc, xp):
                value = (el.get("datetime") or el.get("content") or "").strip()
                if value:
                    return value
        from newscrawl.parsers.dates import htmldate_guess  # (it reads lxml.html trees, not this one)

        return htmldate_guess(self.html)

    def authors(self) -> list[str]:
        persons, houses = _ld_people(self.ld("author")), []
        persons += [T.unescape(c) for c in _as_list(self.ld("creator")) if isinstance(c, str)]
        houses = _ld_people(self.ld("author"), want="org")
        metas = []
        for name in self.author_metas:
            for v in self.metas.get(name.lower(), []):
                metas += [T.clean(x) for x in re.split(r"[,、]", v)]
        metas = [m for m in metas if m and not no_author(m)]
        return self.pick(
            "authors",
            ("jsonld", lambda: _unique(persons)),
            ("meta", lambda: _unique(metas)),
            ("jsonld", lambda: _unique(houses)),
        ) or []

    def byline(self) -> str | None:
        return self.pick(
            "byline",
            ("selector", lambda: self.first_text(self.byline_css)),
            ("generic", lambda: self.first_text(GENERIC_BYLINE_CSS)),
        )

    def section(self) -> str | None:
        def from_ld():
            s = self.ld("articleSection")
            s = s[0] if isinstance(s, list) and s else s
            return T.unescape(s) if isinstance(s, str) else None

        return self.pick(
            "section",
            ("jsonld", from_ld),
            ("meta", lambda: self.meta("article:section")),
            ("selector", lambda: self.first_text(self.section_css)),
        )

    def tags(self) -> list[str]:
        def from_ld():
            kw = self.ld("keywords")
            items = kw if isinstance(kw, list) else re.split(r"[,、]", kw) if isinstance(kw, str) else []
            return _unique(T.unescape(k) for k in items if isinstance(k, str))

        return self.pick(
            "tags",
            ("jsonld", from_ld),
            ("meta", lambda: _unique(self.metas.get("article:tag", []))),
            ("selector", lambda: _unique(s for alt in _alternatives(self.tags_css) for s in T.select_strings(self.doc, alt))),
            ("meta", lambda: _unique(T.clean(k) for k in re.split(r"[,、]", self.meta("news_keywords", "keywords") or ""))),
        ) or []

    # --- body
    def body(self) -> list[str]:
        paras = self.selector_body()
        if paras and not self.too_short(paras):
            self.sources["body"] = "selector"
            return paras
        ld_body = [T.clean(p) for p in re.split(r"\n+", _text_value(self.ld("articleBody")) or "")]
        ld_body = [p for p in ld_body if p]
        if ld_body and not self.too_short(ld_body):
            self.sources["body"] = "jsonld"
            return ld_body
        generic = self.generic_body()
        if generic:
            self.sources["body"] = "generic"
            return generic
        best = paras or ld_body
        if best:
            self.sources["body"] = "selector" if paras else "jsonld"
        return best

    def too_short(self, paras: list[str]) -> bool:
        """Selectors "came up short" when the body is shorter than the page's own teaser."""
        teaser = T.unescape(self.meta("og:description", "description") or "").rstrip(".…。 ")
        return sum(len(p) for p in paras) < min(len(teaser), 400) * 0.8

    def body_exclusions(self) -> set:
        return {e for alt in _alternatives(self.exclude_css) for e in T.select(self.doc, alt)}

    def selector_body(self) -> list[str]:
        exclude = self.body_exclusions()
        for alt in _alternatives(self.paragraphs_css):
            found = _outermost(T.select(self.doc, alt))
            paras = T.paragraphs(found, exclude)
            if paras:
                return paras
        for alt in _alternatives(self.body_css):
            found = _outermost(T.select(self.doc, alt))
            paras = T.paragraphs(found, exclude)
            if paras:
                return paras
        return []

    def generic_body(self) -> list[str]:
        from newscrawl.parsers.generic import GenericParser  # the generic layer, on this page's tree

        return GenericParser.over(self).generic_body()

    # --- images
    def images(self) -> list[dict]:
        return self.pick(
            "images",
            ("selector", lambda: self.selector_images(self.image_css)),
            ("generic", self.generic_images),
            ("jsonld", lambda: [{"url": u, "caption": None, "credit": None} for u in _ld_image_urls(self.ld("image"), self)]),
            ("meta", lambda: [{"url": self.absolute(u), "caption": None, "credit": None} for u in self.metas.get("og:image", [])[:1]]),
        ) or []

    def generic_images(self) -> list[dict]:
        return self.selector_images(GENERIC_IMAGE_CSS)

    def selector_images(self, sel: Selector) -> list[dict]:
        """Photos from the first alternative that finds any (a CSS union such as
        "div.wrap, div.thumb" takes several kinds at once, in page order)."""
        out, seen = [], set()
        for alt in _alternatives(sel):
            if out:
                break
            for el in T.select(self.doc, alt):
                image = self.image_of(el)
                key_url, key_cap = image.get("url"), image.get("caption")
                if not (key_url or key_cap) or key_url in seen or (key_cap and key_cap in seen):
                    continue
                seen.update(k for k in (key_url, key_cap) if k)
                out.append(image)
        return out

    def photo_text(self, el) -> tuple[list, list]:
        """(caption elements, credit elements) inside one photo match."""
        credit_els = T.select(el, self.credit_css) if self.credit_css else []
        return T.select(el, self.caption_css), credit_els

    def image_of(self, el) -> dict:
        img = el if el.tag == "img" else next(el.iter("img"), None)
        url = None
        if img is not None:
            # Lazy loading keeps the photo in data-* and a placeholder in src.
            url = (
                img.get("data-src") or img.get("data-lazy-src") or img.get("data-original")
                or img.get("src") or _first_src(img.get("srcset"))
            )
            if not url or url.startswith("data:"):
                url = _first_src(img.get("srcset") or img.get("data-srcset")) or url
        if not url or url.startswith("data:"):
            url = _lazy_url(el, img) or (None if url and url.startswith("data:") else url)
        caption_els, credit_els = self.photo_text(el)
        credit = T.clean(" ".join(T.element_text(c) for c in credit_els)) or None
        caption = None
        for cap in caption_els:
            if cap in credit_els:
                continue
            caption = T.element_text(cap, exclude=set(credit_els)) or None
            if caption:
                break
        if caption is None and img is not None:
            caption = T.clean(img.get("data-caption")) or None  # galleries keep captions in data-*
        return {"url": self.absolute(url), "caption": caption, "credit": credit}

    # --- the rest
    def paywalled(self) -> bool:
        if self.first(self.paywall_css):
            self.sources["paywalled"] = "selector"
            return True
        free = self.jsonld.get("isAccessibleForFree")
        if free is False or (isinstance(free, str) and free.strip().lower() == "false"):
            self.sources["paywalled"] = "jsonld"
            return True
        return False

    def canonical_url(self) -> str:
        return self.pick(
            "canonical_url",
            ("meta", lambda: self.absolute(next((l.get("href") for l in self.tagged("link") if l.get("rel") == "canonical"), None))),
            ("meta", lambda: self.absolute(self.meta("og:url"))),
        ) or self.url

    def page_language(self) -> str | None:
        return self.pick(
            "language",
            ("meta", lambda: T.lang_code(self.doc.get("lang") or self.doc.get("xml:lang"))),
            ("jsonld", lambda: T.lang_code(_text_value(self.ld("inLanguage")))),
            ("meta", lambda: T.lang_code(self.meta("og:locale"))),
        ) or self.language

    def site_slug(self) -> str:
        host = (urlsplit(self.url).hostname or "").lower()
        return host.removeprefix("www.")

    def article(self, **context) -> Article:
        """The Article with every raw field this page gives. ``context``: site, outlet,
        fetched_at, published_hints (what the spider knew before the page)."""
        title = self.title()
        body = self.body()
        if body and title and T.clean(body[0]) == title:
            body = body[1:]  # a headline the body container repeated
        return Article(
            url=self.url,
            canonical_url=self.canonical_url(),
            site=context.get("site") or self.outlet or self.site_slug(),
            outlet=context.get("outlet") or self.outlet,
            language=self.page_language(),
            title=title,
            published_raw=self.published_raw(),
            published_hints=list(context.get("published_hints") or []),
            updated_raw=self.updated_raw(),
            authors=self.authors(),
            byline=self.byline(),
            section=self.section(),
            tags=self.tags(),
            body=body,
            images=self.images(),
            paywalled=self.paywalled(),
            fetched_at=context.get("fetched_at"),
            sources=dict(self.sources),
        )


# ---------------------------------------------------------------------- JSON-LD helpers
def _flatten(data, depth: int = 0):
    """Objects in document order, each before the objects nested in it."""
    if depth > 6:
        return
    if isinstance(data, list):
        for item in data:
            yield from _flatten(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        for key in ("@graph", "mainEntity", "mainEntityOfPage"):  # not lists of other articles
            if isinstance(data.get(key), (dict, list)):
                yield from _flatten(data[key], depth + 1)


def _as_list(value) -> list:
    return value if isinstance(value, list) else [] if value is None else [value]


LAZY_ATTRS = ("data-url", "data-srcset", "data-lazy-srcset")  # (data-src, data-lazy-src, data-original: read first)


def _lazy_url(el, img) -> str | None:
    """A photo's address where lazy loading put it: the <img>'s data-* attributes, a
    <source>'s srcset, the <img> in <noscript> (not a template: "…_${formatId}.jpg")."""
    candidates = [img.get(a) for a in LAZY_ATTRS] if img is not None else []
    candidates += [s.get("srcset") or s.get("data-srcset") for s in el.iter("source")]
    candidates += [i.get("src") for i in el.iter("img") if i is not img]
    for c in map(_first_src, candidates):
        if c and not c.startswith("data:") and "{" not in c:
            return c
    return None


def _first_src(srcset: str | None) -> str | None:
    """The first address of a srcset ("a.jpg 480w, b.jpg 960w" -> "a.jpg")."""
    first = (srcset or "").split(",")[0].strip()
    return first.split()[0] if first else None


def _text_value(value) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("@value") or value.get("name")
    return str(value).strip() if value not in (None, "") else None


def _ld_people(value, want: str = "person") -> list[str]:
    """Names of JSON-LD authors: persons (or bare strings), or organizations (house credits)."""
    out = []
    for a in _as_list(value):
        if isinstance(a, str):
            if want == "person":
                out.append(T.unescape(a))
        elif isinstance(a, dict) and isinstance(a.get("name"), str):
            is_org = "Organization" in str(a.get("@type", ""))
            if is_org == (want == "org"):
                out.append(T.unescape(a["name"]))
    return [n for n in out if n and not no_author(n)]


def _ld_image_urls(value, page: ArticlePage) -> list[str]:
    urls = []
    for item in _as_list(value):
        url = item.get("url") or item.get("contentUrl") if isinstance(item, dict) else item
        if isinstance(url, str) and url.strip():
            urls.append(page.absolute(url))
    return _unique(urls)


def _unique(items) -> list:
    seen, out = set(), []
    for item in items:
        if item and item not in seen:
            seen.add(item)
            out.append(item)
    return out


def _outermost(elements: list) -> list:
    """Drop matches nested inside other matches, so no paragraph is read twice."""
    chosen = set(elements)
    return [e for e in elements if not any(a in chosen for a in e.iterancestors())]
