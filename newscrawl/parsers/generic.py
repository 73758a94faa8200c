"""Pages of sites no outlet module knows: what every news page has in common.

An unknown site gets no selectors, so every field comes from what pages share:
structured data (JSON-LD, Open Graph), and the page's own layout around its headline.
The headline is the anchor: the visible <h1> that matches what the page's metadata
calls its title (never the site's name in a logo <h1>); the byline and the printed
date sit next to it (``dates.py``); the article text is the block of paragraphs
around it (``content.py``), without the widgets a CMS puts there; a portal's line
"MAINICHI | 12 jam yang lalu" under it names the outlet. Outlet parsers whose
selectors come up short use this layer too (``GenericParser.over``).
"""

from __future__ import annotations

import html as htmllib
import re
import unicodedata
from collections import Counter
from datetime import datetime
from functools import cached_property, lru_cache
from typing import NamedTuple
from urllib.parse import urlsplit

from lxml import etree

from newscrawl.parsers import text as T
from newscrawl.parsers.base import ArticlePage, _parse, _text_value, no_author
from newscrawl import outlets
from newscrawl.items import Article
from newscrawl.parsers import dates
from newscrawl.parsers.payload import article_html
from newscrawl.parsers.content import (
    PAYWALL_NOTE, PHOTO_BOXES, Layout, article_text, byline_class, has_cjk, is_dropped, photo_box, photo_caption, widget_kind,
)
from newscrawl.timeparse import is_relative

# Author-page links.
AUTHOR_HREF = re.compile(
    r"/(?:authors?|autor(?:en)?|auteurs?|autore|writers?|reporters?|journalists?|columnists?|staff|people|profiles?)[/_-]([^/?#]+)",
    re.I,
)
# The word that introduces a name: By, Von, Par, Por, Di, Door, Av, Af, Oleh, 文・
BY_WORD = re.compile(
    r"(?:^|(?<=[\s:|]))(?:by|von|par|por|di|door|av|af|przez|oleh|tekst|text|texto|testo|reportage)\s*:?\s+(?=\S)|^文\s*[・:／/]\s*",
    re.I,
)
# A label before the names, in a line of its own: "Autor: …", "Autorin/Autor …", "記者 …",
# "Penulis: …" (Indonesian portals), "投稿者：…" (a Japanese blog), "作者：…" (Chinese pages).
# German labels come in gendered forms (Autorin, Autor:in, Autor*in, Autorin/Autor).
_LABEL = r"(?:autor[:*/_]in(?:nen)?|autor(?:in|innen|en)?|authors?|auteure?s?|autore|reporter|written by|texte?|penulis|pewarta|wartawan|kontributor|contributors?|記者|记者|執筆者?|筆者|著者|作者|投稿者|撰文|글)"
AUTHOR_LABEL = re.compile(
    rf"^{_LABEL}(?:\s*/\s*{_LABEL})?(?:\s*[:：]\s*|\s+)(?=\S)|^(?:文と写真|写真と文|取材・文|文・写真|文)\s*[・:：=＝/／]\s*", re.I
)
INLINE_BLOCKLESS = frozenset(("a", "span", "strong", "b", "em", "i", "small"))
LABEL_WORDS = (
    "autor", "author", "auteur", "reporter", "written", "text", "penulis", "pewarta", "wartawan", "kontributor",
    "contributor", "記者", "记者", "執筆", "筆者", "著者", "作者", "投稿者", "撰文", "文", "写真と文", "取材・文", "글",
)
LABEL_START = re.compile(rf"(?:{_LABEL}(?:\s*/\s*{_LABEL})?|文(?:と写真|・写真)?|写真と文|取材・文)\s*(?:[:：・=＝]|\s|$)", re.I)
# Where a byline box goes on after the names: "Jane Doe · CBC News · Posted: …".
BYLINE_END = re.compile(
    r"\s+(?:[|·•●◆/]|-{1,2}|–|—)\s+|\s*\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\s+(?:updated|posted|published)\b"
    r"|\s*[0-9０-９]{1,4}\s*[年月]\s*[0-9０-９]",  # 文・佐々木健太　2024年9月19日
    re.I,
)
# Words before a By-word that name who did something else: "Reporting by Tim Kelly;
# Editing by Lincoln Feast", "Photos by …".
_OTHER_ROLES = r"edit(?:ing|ed|or)|compiled|translat\w+|photos?|photography|graphics?|illustrations?"
NOT_WRITTEN_BY = re.compile(rf"\b(?:{_OTHER_ROLES})\s*$", re.I)
PLACE_EQUALS = re.compile(r"^[가-힣\u3040-\u30ff\u3400-\u9fff]{1,8}\s*[=＝]\s*")
# Where the writers' names end and other credits begin: "Text: Kenji Mori, Photos: Aya
# Sato", "Written by Kenji Mori and edited by Aya Sato".
OTHER_CREDITS = re.compile(rf"[,;]?\s*(?:\band\s+)?\b(?:{_OTHER_ROLES})\b", re.I)
TITLE_PARTS = re.compile(r"\s+[|\-—–:]\s+|\s*[｜：]\s*|\s+::\s+")
SOURCE_CREDIT = re.compile(r"^(?:sumber|source|quelle|fuente|出典|出所|via)\s*[:：]\s*(.{2,40}?)\.?$", re.I)


def _source_line(body: list[str]) -> str | None:
    """A known outlet a portal credits at the end of the text ("Sumber: Mainichi")."""
    for line in body[-2:]:
        m = SOURCE_CREDIT.match(line.strip())
        if m and outlets.PRINTED.get(m.group(1).strip().lower()):
            return m.group(1).strip()
    return None


UNMARKED_HEADLINE_TAGS = ("b", "strong", "font", "span", "div", "p", "td", "big")
# A portal's source line: label, separator, time ("KYODO | 5 menit yang lalu").
SOURCE_LINE = re.compile(r"^([^|·•/\d]{2,40}?)\s*[|·•/]\s*(.{2,60})$")
CAPTION_CLASS = re.compile(r"caption|legend|description|bildtext|cutline|leyenda|didascalia|legenda", re.I)
CREDIT_ITEMPROPS = frozenset(("author", "creator", "copyrightHolder", "copyrightNotice"))  # schema.org, in a photo
PHOTO_BOX_CAPTION = re.compile(r"caption|bildtext|cutline|leyenda|didascalia", re.I)  # marks a photo box that is no <figure>
CREDIT_CLASS = re.compile(r"credit|copyright|source|quelle|photographer|fotograf|autor", re.I)


# (Both cached like content._kind_of: a site's pages repeat their class strings, and a
# case-blind search runs over each position of a class string, some hundreds long.)
@lru_cache(maxsize=8192)
def _names_caption_box(classes: str) -> bool:
    """The class names a photo box that is no <figure> by its caption ("wp-caption")."""
    return PHOTO_BOX_CAPTION.search(classes) is not None


@lru_cache(maxsize=8192)
def _photo_class(classes: str) -> str | None:
    """What the class names inside a photo box: "credit" (the first that says), "caption", or None."""
    if CREDIT_CLASS.search(classes):
        return "credit"
    return "caption" if CAPTION_CLASS.search(classes) else None


# Labels before a caption or a credit: "Legende:", "BILD: SN/APA", "Foto: Deja Gaston".
CAPTION_LABEL = re.compile(r"^(?:legende|bildunterschrift|caption|keterangan)\s*:\s*", re.I)
CREDIT_LABEL_ANY = re.compile(
    r"(?:^|\s)(?:(?:bild|bildquelle|foto|photo(?:graph)?|picture|image|credit|quelle|source)\s*[:：]|copyright\b|©)\s*", re.I
)
TOKEN = re.compile(r"[\u3005\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uff66-\uff9f\uac00-\ud7af]|[^\W_]+")
# A heading inside these is navigation or a teaser, not the article's headline.
NOT_HEADLINE_PLACES = frozenset(("nav", "aside", "footer", "a", "li", "form"))
H1_NOT_HEADLINE_PLACES = frozenset(("nav", "aside", "footer", "a", "form"))


def tokens(text: str | None) -> Counter:
    """Words (one per CJK character), case- and width-folded: how titles are compared."""
    return Counter(TOKEN.findall(unicodedata.normalize("NFKC", text or "").lower()))


def token_f1(ta: Counter, tb: Counter) -> float:
    """Token F1 of two texts' tokens() (1.0: the same words)."""
    overlap = shared(ta, tb)
    if not overlap:
        return 0.0
    p, r = overlap / sum(ta.values()), overlap / sum(tb.values())
    return 2 * p * r / (p + r)


def shared(ta: Counter, tb: Counter) -> int:
    """How many tokens two tokens() have in common: ``sum((ta & tb).values())`` without
    building that Counter (its ``&`` is a Python loop over every word of ``ta``; the
    words both have are found by a set intersection in C)."""
    return sum(min(ta[w], tb[w]) for w in ta.keys() & tb.keys())



class PhotoLine(NamedTuple):
    """A photo no box holds and the caption line printed after it."""

    img: object
    line: object

    def iterancestors(self):
        return self.img.iterancestors()

class Byline(NamedTuple):
    names: list[str]  # from author links
    text: str | None  # else the printed line, for the byline pipeline
    element: object  # the byline box (never article text)


class GenericParser(ArticlePage):
    """Structured data plus the page's layout around its headline."""

    fetched_at: datetime | None = None

    @classmethod
    def over(cls, page: ArticlePage) -> "GenericParser":
        """The generic layer over another parser's page (its tree is not parsed twice):
        an outlet parser's fallback when its selectors come up short."""
        generic = cls.__new__(cls)
        generic.html, generic.url, generic.doc, generic.sources = page.html, page.url, page.doc, {}
        return generic

    def article(self, **context) -> Article:
        self.fetched_at = _aware(context.get("fetched_at"))
        article = super().article(**context)
        found = self.found_published
        if found is not None and found.local:
            # The time in the page's own offset, with the precision of what was printed.
            article.published_at, article.published_precision = found.local, found.precision
        if not context.get("outlet"):
            label = self.source_label or _source_line(article.body)
            credited = outlets.from_printed(label, article.language)
            if credited:
                article.outlet = credited
                article.sources["outlet"] = "generic"
        return article

    # --- portals
    @cached_property
    def source_label(self) -> str | None:
        """The outlet a portal credits on the line of the headline's time, as the seed page
        prints it: "MAINICHI | 12 jam yang lalu". A known outlet's name, or a masthead in
        capitals beside a relative time (a section name beside a date is no outlet)."""
        found = self.found_published
        if found is None or found.element is None:
            return None
        for line in (found.element, found.element.getparent()):
            if line is None:
                continue
            text = T.clean(" ".join(line.itertext()))
            if found.raw in text and len(text) <= 80:  # "2025年1月14日 10時30分 毎日新聞": a known name beside the time
                rest = T.clean(text.replace(found.raw, " ")).strip(" |·•/-–—")
                if outlets.PRINTED.get(rest.lower()):
                    return rest
            m = SOURCE_LINE.match(text)
            if not m or (found.raw not in m.group(2) and m.group(2) not in found.raw):
                continue
            label = m.group(1).strip()
            if outlets.PRINTED.get(label.lower()) or (
                label.isupper() and len(label.split()) <= 3 and is_relative(m.group(2))
            ):
                return label
        return None

    def page_language(self) -> str | None:
        return self._page_language

    @cached_property
    def _page_language(self) -> str | None:
        """(Found once: every printed date read asks for it.) A portal marks the
        republished article in its own language (<article lang="en"> on an Indonesian page)."""
        el = self.headline[0]
        for a in ([el, *el.iterancestors()] if el is not None else []):
            code = T.lang_code(a.get("lang"))
            if code:
                if a.tag != "html":
                    self.sources["language"] = "generic"
                    return code
                break
        return super().page_language()

    @cached_property
    def layout(self) -> Layout:
        body = self.doc.find("body")
        root = body if body is not None else self.doc
        return Layout(root, is_byline=_is_byline_box, keep=self.headline[0], cjk=has_cjk(self.doc.get("lang"), self.page_title))

    # --- time
    @cached_property
    def found_published(self) -> dates.Found | None:
        return dates.published(self, self.headline[0], self.fetched_at)

    def published_raw(self) -> str | None:
        if self.published_css:
            return super().published_raw()
        found = self.found_published
        if found is None:
            return None
        self.sources["published_raw"] = found.source
        return found.raw

    # --- title
    @cached_property
    def titles_by_source(self) -> dict[str, tuple[str, str]]:
        """What the page's metadata calls it, as written and with the site's name cut
        off: JSON-LD's headline ("jsonld"), Open Graph's title ("meta"), the <title>."""
        names = self.site_name_candidates()
        raw = {
            "jsonld": T.unescape(_text_value(self.ld("headline"))),
            "meta": T.unescape(self.meta("og:title", "twitter:title")),
            "title": self.page_title,
        }
        out = {}
        for source, t in raw.items():
            if t:
                stripped = T.strip_site_name(t, names)
                out[source] = (t, stripped if stripped != t else T.split_title(t))
        return out

    def meta_titles(self) -> list[str]:
        """What the page's metadata calls it, site names cut off, best first."""
        return list(dict.fromkeys(stripped for _, stripped in self.titles_by_source.values()))

    @cached_property
    def headline(self):
        """(element, text) of the visible headline, or (None, None)."""
        titles = self.meta_titles()
        site_names = {T.clean(n).lower() for n in self.site_name_candidates() if n} | self._title_site_parts()
        best, best_text, best_score = None, None, 0.0
        title_tokens = [self.words(t) for t in titles]
        h1s = [h for h in self.tagged("h1") if self._may_be_headline(h)]
        # A trail of links that ends in the page's title ("Home > City > <h1>…</h1>") prints
        # it as navigation: the article's own heading of that title, if any, comes first.
        trail = [h for h in h1s if _in_breadcrumb(h)]
        for tag in ("h1", "h2", "h3", "trail"):
            if tag in ("h2", "h3"):
                headings = [h for h in self.tagged(tag) if self._may_be_headline(h)]
            else:  # (the <h1>s that may be, known already)
                headings = trail if tag == "trail" else [h for h in h1s if h not in trail]
            for h in headings:
                # A kicker printed in its own span ("Eskalation im Nahen Osten - «…»"): the
                # part that matches the metadata's title is the headline.
                parts = [c for c in h if isinstance(c.tag, str) and c.tag != "br"]  # a <br> is no kicker
                texts = [T.element_text(h)]
                texts += [T.element_text(c) for c in parts] + [T.element_text(h, exclude={c}) for c in parts]
                for text in texts:
                    if not text or text.lower() in site_names:
                        continue
                    words = self.words(text)
                    score = max((token_f1(words, tt) for tt in title_tokens), default=0.0)
                    if score > best_score + 0.01:
                        best, best_text, best_score = h, text, score
            if best_score >= 0.5 or (best is not None and not titles):
                break
        if best is not None and best_score >= 0.5:
            return best, best_text
        if len(h1s) == 1:
            # One <h1> unlike the metadata's title: metadata carries an SEO variant, the
            # page prints the headline (a site's name in it was ruled out above).
            text = T.element_text(h1s[0])
            if text and text.lower() not in site_names and len(self.words(text)) >= 3 and not self._masthead_h1(h1s[0], text):
                return h1s[0], text
        return self._unmarked_headline(titles)

    def _title_site_parts(self) -> set[str]:
        """Parts of the <title> that the metadata's own title does not say: the site's or
        the section's name ("Home | The Riverside Ledger" beside og:title "Night buses …"),
        which a logo's <h1> prints."""
        written = self.titles_by_source
        meta = [written[k][1] for k in ("jsonld", "meta") if k in written]
        if not meta or "title" not in written:
            return set()
        parts = [p.strip() for p in TITLE_PARTS.split(written["title"][0]) if p.strip()]
        if len(parts) < 2:
            return set()
        meta_words = [self.words(m) for m in meta]
        return {p.lower() for p in parts if max(token_f1(self.words(p), words) for words in meta_words) < 0.5}

    def _masthead_h1(self, h1, text: str) -> bool:
        """An <h1> that holds the site's name: a link home (the logo), or one part of a
        title that has several ("Home | The Riverside Ledger", "… - ライブドアニュース")."""
        for a in h1.iter("a"):
            path = urlsplit(a.get("href") or "").path
            if path in ("", "/") and T.element_text(a) == text:
                return True
        key = text.lower()
        return any(
            len(parts) > 1 and key in parts
            for written, _ in self.titles_by_source.values()
            for parts in [[p.strip().lower() for p in TITLE_PARTS.split(written)]]
        )

    def _unmarked_headline(self, titles):
        """A page that marks no heading (<font size="4"><b>…</b></font> in a table
        layout) prints its title as a line of its own: the first one that reads it."""
        body = self.doc.find("body")
        if body is None or not titles:
            return None, None
        sizes = [len(t) for t in titles]
        for el in body.iter(*UNMARKED_HEADLINE_TAGS):
            text = T.clean(el.text)
            if not text or not (0.7 * min(sizes) <= len(text) <= 1.3 * max(sizes)) or is_dropped(el):
                continue
            if el.getparent() is not None and el.getparent().tag == "a":
                continue  # a link to another page
            words = tokens(text)
            if max(token_f1(words, self.words(t)) for t in titles) >= 0.9:
                return el, text
        return None, None

    def _may_be_headline(self, h) -> bool:
        # An <h1> is the page's own headline wherever a layout puts it: in a list item
        # that holds the whole page, over the lead photo in a <figure>. Lower headings
        # there are teasers and captions.
        h1 = h.tag == "h1"
        places = H1_NOT_HEADLINE_PLACES if h1 else NOT_HEADLINE_PLACES
        dropped = self._dropped
        for a in [h, *h.iterancestors()]:
            tag = a.tag
            if tag in places:
                return False
            hidden = dropped.get(a)
            if hidden is None:
                hidden = dropped[a] = is_dropped(a)
            if hidden and not (h1 and tag in ("figure", "figcaption")):
                return False
        return True

    @cached_property
    def _tokens(self) -> dict:
        return {}

    def words(self, text: str | None) -> Counter:
        """tokens(text), each text once a page: the metadata's titles are compared with
        each heading, with the <title>'s parts and with the headline (not to be changed:
        the Counter is shared)."""
        found = self._tokens.get(text)
        if found is None:
            found = self._tokens[text] = tokens(text)
        return found

    @cached_property
    def _dropped(self) -> dict:
        """is_dropped() of the boxes around headings, each asked once: a page's headings
        share most of their ancestors."""
        return {}

    def title(self) -> str | None:
        if self.title_css:
            return super().title()
        el, text = self.headline
        if text:
            printed = self.words(text)
            written = self.titles_by_source
            same = next((t for pair in written.values() for t in pair[::-1] if self.words(t) == printed), None)
            if same is not None:
                # The same words as the metadata's title: its punctuation is the one
                # printed on a line (a kicker in its own <span> loses its colon in the <h1>).
                self.sources["title"] = "generic"
                return same
            ld, og = written.get("jsonld", (None, None))[1], written.get("meta", (None, None))[1]
            if ld and og and self.words(ld) == self.words(og) and token_f1(printed, self.words(ld)) >= 0.5:
                # JSON-LD and Open Graph agree on a title the <h1> prints a variant of
                # ("Joburg" for "Johannesburg", the title without its last part): the
                # site's title of record. (An <h1> in other words wins: metadata then
                # carries an SEO title.)
                self.sources["title"] = "jsonld"
                return ld
            self.sources["title"] = "generic"
            return text
        titles = self.meta_titles()
        if titles:
            self.sources["title"] = "jsonld" if self.ld("headline") else "meta"
            return titles[0]
        return super().title()

    # --- authors
    def authors(self) -> list[str]:
        if self.byline_css:
            return super().authors()
        persons = _people(self.ld("author"))
        if persons:
            self.sources["authors"] = "jsonld"
            return list(dict.fromkeys(T.unescape(p) for p in persons))
        linked = self.printed_byline.names
        if linked:
            self.sources["authors"] = "generic"
            return linked
        # The house's name where no person signs ("Salzburger Nachrichten"): as the
        # pipelines credit it.
        return super().authors()

    def byline(self) -> str | None:
        if self.byline_css:
            return super().byline()
        linked, text, _ = self.printed_byline
        if linked or text is None or _people(self.ld("author")):
            # Structured data or author links name the people: the printed line adds
            # nothing but the chance of misreading it.
            return None
        self.sources["byline"] = "generic"
        return text

    @cached_property
    def printed_byline(self) -> Byline:
        """The byline nearest the headline: the names of its author links (rel=author,
        /author/… pages, itemprop=author), else its text from the By-word on."""
        anchor = self.headline[0]
        position = self.layout.position
        at = position.get(anchor, 0) if anchor is not None else 0
        candidates = sorted(self.layout.bylines, key=lambda el: abs(position.get(el, 0) - at))
        for el in candidates:
            found = self._byline_at(el)
            if found is None:
                continue
            # A box around a byline box (byline plus share and font-size buttons) is not
            # the byline: a byline box inside it that reads is.
            box = found[1]
            for inner in candidates:
                if inner is not el and inner is not box and any(a is box for a in inner.iterancestors()):
                    nested = self._byline_at(inner)
                    if nested is not None and any(a is box for a in nested[1].iterancestors()):
                        return Byline(*nested[0], nested[1])
            return Byline(*found[0], box)
        return Byline([], None, None)

    def _byline_at(self, el):
        """((names, text), box) for a byline candidate, or None when it names nobody."""
        if any(a.tag in ("blockquote", "q", "figure", "figcaption", "cite") for a in el.iterancestors()):
            return None  # who said a quote, who took a photo
        box = _link_group(el) if el.tag == "a" else el
        if box is el and len(el) == 0 and _only_label(el.text) and el.getparent() is not None:
            box = el.getparent()  # <strong>Autorin/Autor</strong> Roman Goncharenko
        names = _byline_of(box)
        return (names, box) if names is not None else None

    # --- photos
    def photo_text(self, el) -> tuple[list, list]:
        """Inside a photo box: the caption (<figcaption>, a caption-named element) and the
        credit printed apart from it (a credit-, copyright- or source-named element). A
        box of one photo and a few words that names neither has those words as caption;
        a <figcaption> printed after the image and outside any <figure> is its caption."""
        captions, credits = [], []
        paired = self._captions.get(el)
        for e in (el if paired is None else paired).iter(etree.Element):
            cls = e.get("class")
            named = _photo_class(cls) if cls else None
            if named == "credit" or e.get("itemprop") in CREDIT_ITEMPROPS:
                if not any(c in credits for c in e.iterancestors()):
                    credits.append(e)
            elif e.tag == "figcaption" or named == "caption":
                captions.append(e)
        if paired is not None and not captions:
            captions.append(paired)
        for cap in captions if not credits else ():
            # A caption that ends in a <small> or <cite> of a few words: its credit.
            last = cap[-1] if len(cap) and isinstance(cap[-1].tag, str) else None
            if last is not None and last.tag in ("small", "cite") and not (last.tail or "").strip():
                text = T.element_text(last)
                if 0 < len(text) <= 80 and len(text) < len(T.element_text(cap)) - 10:
                    credits.append(last)
                    break
        if not captions and el.tag != "figure" and el in self._photo_boxes:
            # Its words are the caption, but for a line of them that starts as a credit
            # ("Foto: Deja Gaston", "Photo: AFP").
            captions.append(el)
            if not credits:
                credits = [e for e in el.iter() if e is not el and _credit_line(e)]
        return captions, credits

    @cached_property
    def _captions(self) -> dict:
        return {}

    @cached_property
    def _photo_boxes(self) -> set:
        return set()

    def generic_images(self) -> list[dict]:
        """Photos of the article: <figure>s, boxes of one image with a caption-named
        element, boxes of one image and a few words that the article text left out as
        such (``Layout.photos``), images followed by a <figcaption> of their own; between
        the headline and the end of the article text."""
        region = self.article_region()
        if region is None:
            return super().generic_images()
        boxes = [f for f in region.iter("figure") if next(f.iter("img"), None) is not None]
        headline = self.headline[0]
        for cap in region.iter(etree.Element):
            cls = cap.get("class")
            if not cls or not _names_caption_box(cls) or cap.tag == "figure":
                continue
            box = cap  # the caption-named box may hold the image itself ("wp-caption")
            while box is not None and box is not region and next(box.iter("img"), None) is None:
                box = box.getparent()
            if box is None or box is region or any(b in boxes for b in [box, *box.iterancestors()]):
                continue
            if headline is not None and _holds(box, headline):
                continue  # a header "hasCaption": the headline's box is no photo's
            boxes.append(box)
        boxes += self._photo_boxes_in(region, boxes)
        for fc in region.iter("figcaption"):
            if any(a.tag == "figure" for a in fc.iterancestors()):
                continue
            image = fc.getprevious()
            if image is not None and (image.tag in ("img", "picture") or next(image.iter("img"), None) is not None):
                if not any(b in boxes for b in [image, *image.iterancestors()]):
                    boxes.append(image)
                    self._captions[image] = fc
        for img in region.iter("img"):
            line = photo_caption(img)
            if line is not None and not any(b in boxes for b in [img, *img.iterancestors()]):
                boxes.append(PhotoLine(img, line))
        out, seen, widgets = [], set(), {}
        for box in sorted(boxes, key=lambda b: self.layout.position.get(getattr(b, "img", b), 0)):
            if any(_sure_widget(a, widgets) for a in box.iterancestors()):
                continue  # a related article's teaser photo
            image = self.image_of(box)
            key = image["url"] or image["caption"]  # (a caption whose photo's address is unreadable counts too)
            if key and key not in seen:
                seen.add(key)
                out.append(image)
        lead = self._structured_photo()
        if lead and not any(i["url"] == lead["url"] or _same_caption(i["caption"], lead["caption"]) for i in out):
            out.insert(0, lead)  # the lead photo the page prints outside the article's box
        return out

    def _structured_photo(self) -> dict | None:
        """The article's photo with its caption from JSON-LD (an ImageObject, perhaps
        given by its @id elsewhere in the graph)."""
        value = self.ld("image")
        value = value[0] if isinstance(value, list) and value else value
        if isinstance(value, dict) and "@id" in value and "caption" not in value:
            value = next((o for o in self.jsonld_objects if o.get("@id") == value["@id"] and o is not value), value)
        if not isinstance(value, dict) or not isinstance(value.get("caption"), str):
            return None
        caption = T.unescape(value["caption"])
        url = value.get("url") or value.get("contentUrl")
        return {"url": self.absolute(url) if isinstance(url, str) else None, "caption": caption or None, "credit": None} if caption else None

    def _photo_boxes_in(self, region, found) -> list:
        """Boxes of one photo and a few words (``content.photo_box``) in ``region``, outside
        the photo boxes ``found`` already, and not the byline's or the headline's box (an
        author's portrait beside the name, a hero image under the headline)."""
        layout, out = self.layout, []
        around = layout.boxes.get(region)
        if around is None:
            return out
        taken = set(found)
        lines = {e for e in (*layout.bylines, self.headline[0], getattr(self.found_published, "element", None)) if e is not None}
        for img in region.iter("img", "picture") if around.images else ():
            el = None  # the outermost box of this one photo and a few words
            for a in img.iterancestors():
                s = layout.boxes.get(a)
                if a is region or (s is not None and s.images > 1):
                    break
                if s is not None and a.tag in PHOTO_BOXES and photo_box(a, s, around):
                    el = a
            if el is None or el in taken or any(a in taken for a in el.iterancestors()):
                continue
            if any(e in lines for e in el.iter()) or any(a in lines for a in el.iterancestors()):
                continue
            if _teaser(el):
                continue
            taken.add(el)
            out.append(el)
            self._photo_boxes.add(el)
        return out

    def article_region(self):
        """The smallest box that holds the headline and the article text, or the
        <article> around it when that adds little text (its lead photo above them)."""
        self.body()  # reads the article (once) and so knows where it is
        boxes = list(self.layout.article)
        headline = self.headline[0]
        if not boxes:
            return None
        region = boxes[0].getparent() if len(boxes) > 1 else boxes[0]
        if headline is not None:
            while region is not None and not _holds(region, headline):
                region = region.getparent()
        if region is None:
            return None
        sizes = self.layout.boxes
        for a in [region, *region.iterancestors()]:
            if a.tag == "article":
                if a is not region and a in sizes and region in sizes and sizes[a].chars <= 1.2 * sizes[region].chars + 300:
                    region = a
                break
        return region

    def image_of(self, el) -> dict:
        if isinstance(el, PhotoLine):
            image = super().image_of(el.img)
            image["caption"] = T.clean(T.all_text(el.line))
            return image
        image = super().image_of(el)
        img = el if el.tag == "img" else next(el.iter("img"), None)
        if not image.get("caption") and img is not None and len(T.clean(img.get("title")).split()) >= 3:
            image["caption"] = T.clean(img.get("title"))  # no caption printed: the one the image carries
        if image.get("caption"):
            image["caption"] = CAPTION_LABEL.sub("", image["caption"]).strip(" ,;|") or None
        if image.get("caption") and not image.get("credit"):
            # The image's title or alt printing the caption and then its credit ("… |
            # Getty Images/Naomi Baker"): the caption pipeline splits that longer line.
            for attr in ("title", "alt") if img is not None else ():
                printed = T.clean(img.get(attr))
                if len(printed) > len(image["caption"]) + 2 and printed.startswith(image["caption"]):
                    image["caption"] = printed
                    break
        if image.get("credit"):
            # "BILD: SN/APA/X Bild: SN/APA/X" (a credit box and a hidden copy of it): once.
            parts = [p.strip(" ,;|") for p in CREDIT_LABEL_ANY.split(image["credit"].strip("()（） "))]
            image["credit"] = " / ".join(dict.fromkeys(p for p in parts if p)) or None
        return image

    def paywalled(self) -> bool:
        if super().paywalled():
            return True
        region = self.article_region()
        tail = T.all_text(region)[-2000:] if region is not None else ""
        if PAYWALL_NOTE.search(tail):
            self.sources["paywalled"] = "generic"
            return True
        return False

    # --- body
    def body(self) -> list[str]:
        if self.body_css or self.paragraphs_css:
            return super().body()
        layer, paras = self._body
        if paras:
            self.sources["body"] = layer
        return list(paras)

    @cached_property
    def _body(self) -> tuple[str, list[str]]:
        """The page's own text unless structured data holds much more of it (a page
        whose layout hides the article): JSON-LD's articleBody is flattened (no
        subheadings, captions run into the text) and sometimes carries markup."""
        generic = self.generic_body()
        ld = [T.clean(p) for p in re.split(r"\n+", _strip_markup(_text_value(self.ld("articleBody")) or ""))]
        ld = [p for p in ld if p]
        size = lambda ps: sum(len(p) for p in ps)  # noqa: E731
        if max(size(generic), size(ld)) < SHORT_BODY:
            # Little text in the markup: a page the browser renders from its scripts.
            carried = self._carried_body()
            if size(carried) > 2 * max(size(generic), size(ld)):
                return "generic", carried
        if generic and size(generic) >= 0.5 * size(ld):
            return "generic", generic
        if ld and not self.too_short(ld):
            return "jsonld", ld
        return ("generic", generic) if generic else ("jsonld", ld)

    def _carried_body(self) -> list[str]:
        """The article text in the HTML the page's scripts carry (``payload``)."""
        html = article_html(self.doc)
        if html is None:
            return []
        doc = _parse(f"<html><body><article>{html}</article></body></html>")
        return article_text(doc, url=self.url)

    def generic_body(self) -> list[str]:
        el, text = self.headline
        # The byline and the dateline by the headline are not article text (when small:
        # a box that holds the whole article is no byline box).
        found = self.found_published
        lines = (self.printed_byline.element, found.element if found else None)
        # (A date on a line of a block broken by <br>s is that <br>'s tail: it stays, as
        # leaving the <br> out would run the lines around it together.)
        exclude = {_line_box(e, el) for e in lines if e is not None and e.tag != "br" and len(T.all_text(e)) < 300}
        return article_text(self.doc, headline=el, exclude=exclude, url=self.url, layout=self.layout)


SHORT_BODY = 500  # characters: less text than a short news story
IMAGE_HREF = re.compile(r"\.(?:jpe?g|png|gif|webp|avif)(?:$|\?)", re.I)


def _sure_widget(el, seen: dict) -> bool:
    """``el`` is named as a box that is never article text (``seen``: what the boxes asked
    before said, as a page's photos share most of their ancestors)."""
    sure = seen.get(el)
    if sure is None:
        sure = seen[el] = widget_kind(el) == "sure"
    return sure


def _teaser(box) -> bool:
    """Another story's card (its photo, title and summary): a heading, or a link to a
    page that is not the photo itself."""
    for e in box.iter("a", "h2", "h3", "h4", "h5", "h6"):
        if e.tag != "a":
            return True
        href = e.get("href")
        if href and not href.startswith(("#", "javascript:")) and not IMAGE_HREF.search(href):
            return True
    return False


def _same_caption(a: str | None, b: str | None) -> bool:
    """One caption is the other, or begins it (one printed with its credit)."""
    a, b = tokens(a), tokens(b)
    return bool(a and b) and (shared(a, b) >= 0.8 * min(sum(a.values()), sum(b.values())))


def _credit_line(el) -> bool:
    """An element whose words are a photo credit with its label ("Foto: Deja Gaston")."""
    if not isinstance(el.tag, str) or not (el.text or "").strip():
        return False
    text = T.element_text(el)
    return len(text) <= 80 and CREDIT_LABEL_ANY.match(text) is not None


def _strip_markup(text: str) -> str:
    """articleBody written as HTML ("<p>…</p>", or escaped once more: "&lt;p&gt;…"):
    its text, a paragraph per block."""
    if "&" in text and "<" not in text:
        text = htmllib.unescape(text)
    if "<" not in text or not re.search(r"</?[a-zA-Z][^>]*>", text):
        return text
    from lxml import html as lxml_html

    try:
        root = lxml_html.fragment_fromstring(text, create_parent="div")
    except Exception:  # not parseable after all: the text as it is
        return text
    return "\n".join(T.paragraphs([root], skip_junk=True))


def _holds(box, el) -> bool:
    """``el`` is ``box`` or inside it (its ancestors are few; ``box``'s subtree may be the page)."""
    return el is box or any(a is box for a in el.iterancestors())


def _line_box(el, headline):
    """The small box a byline or date sits in ("Date 23.05.2011 · Auteur … · Imprimer"):
    up while what the box around adds is a few words, never up to paragraphs of text."""
    box, size = el, len(T.all_text(el))
    for parent in el.iterancestors():
        if parent.tag in ("body", "article", "main") or (headline is not None and _holds(parent, headline)):
            break
        whole = len(T.all_text(parent))
        if whole - size > 80 or any(c is not box and isinstance(c.tag, str) and c.tag in ("p", "li") and len(T.all_text(c).strip()) > 30 for c in parent):
            break
        box, size = parent, whole
    return box


def _people(value) -> list[str]:
    """Persons named in a JSON-LD author value (not organizations)."""
    out = []
    for a in value if isinstance(value, list) else [value]:
        if isinstance(a, str) and a.strip():
            out.append(a)
        elif isinstance(a, dict) and isinstance(a.get("name"), str) and "Organization" not in str(a.get("@type", "")):
            out.append(a["name"])
    return [n for n in out if not no_author(n.strip())]


def _is_byline_box(el) -> bool:
    """Beyond what attributes say (rel=author, itemprop=author, a byline class: see
    content.classify): an author-page link named after its author (/author/jane-doe ↔
    "Jane Doe"; not any /profile/ link in the text, nor a programme called "Reporter"),
    or a short line that starts with a label ("Autor: …", <strong>Autorin/Autor</strong>)."""
    if el.tag == "a":
        href = el.get("href") or ""
        m = _author_href(href)
        if m:
            name = T.element_text(el)
            return _slug_names(m.group(1), name) and not _in_sentence(el, name)
        return _after_by(el)
    text = el.text
    if not text or len(el) > 3:
        return False
    start = text.lstrip()[:12].lower()
    return start.startswith(LABEL_WORDS) and bool(LABEL_START.match(text.lstrip()[:30]))


def _author_href(href: str):
    """AUTHOR_HREF's match in a link's address, or None. A look for its words alone
    first (str's own search, several times faster than a regex's, and written out: a
    loop over them costs more than the searches): a page has hundreds of links, few to
    author pages."""
    if (
        "uthor" in href or "utor" in href or "uteur" in href or "riter" in href or "eporter" in href
        or "ournalist" in href or "olumnist" in href or "staff" in href or "people" in href or "rofile" in href
    ):
        return AUTHOR_HREF.search(href)
    return None


BY_BEFORE = re.compile(r"(?:^|\s)(?:by|von|par|por|door|av|af|oleh)\s*:?\s*$", re.I)
BY_LAST = frozenset("yYnNrRvVfFhH:")  # how those words end: most text before a link does not


def _after_by(link) -> bool:
    """A link printed right after a By-word ("By <a>Jane Doe</a>", "<span>By</span>
    <span><a>Jane Doe</a></span>") that reads as a name: a byline, wherever the link goes."""
    el = link
    for _ in range(2):
        prev = el.getprevious()
        if prev is not None:
            tail = prev.tail
            before = tail if tail and not tail.isspace() else prev.text if len(prev) == 0 else None
            if before and not before.isspace():
                break
            return False
        parent = el.getparent()  # (asked only for a link that opens its box: most do not)
        before = parent.text if parent is not None else None
        if before and not before.isspace():
            break
        if parent is None or parent.tag not in INLINE_BLOCKLESS:
            return False
        el = parent
    else:
        return False
    tail = before.rstrip()[-8:]
    if not tail or tail[-1] not in BY_LAST or BY_BEFORE.search(tail + " ") is None:
        return False
    name = T.element_text(link)
    return looks_like_name(name) and not _in_sentence(link, name)


def _named_page(link) -> bool:
    """A link to a page whose address ends in its text ("/marisha-goldhamer")."""
    slug = (link.get("href") or "").rstrip("/").rsplit("/", 1)[-1]
    return bool(slug) and _slug_names(slug, T.element_text(link))


def _in_sentence(link, name: str) -> bool:
    """The link sits inside a sentence of the text ("… drafted by <a>Ken Ito</a>, a
    planner who …"), not on a byline line: its paragraph says much more around it."""
    block = link.getparent()
    while block is not None and block.tag in INLINE_BLOCKLESS:
        block = block.getparent()
    if block is None:
        return False
    own = (block.text or "") + "".join(c.tail or "" for c in block)
    return len(T.clean(own)) > 40


def _only_label(text: str | None) -> bool:
    text = T.clean(text)
    m = AUTHOR_LABEL.match(text + " x")
    return m is not None and m.end() >= len(text)


def _slug_names(slug: str, text: str) -> bool:
    slug = set(re.split(r"[^a-z]+", unicodedata.normalize("NFKD", slug.lower()).encode("ascii", "ignore").decode()))
    words = [unicodedata.normalize("NFKD", w.lower()).encode("ascii", "ignore").decode() for w in re.findall(r"\w+", text)]
    words = [w for w in words if len(w) > 1]
    # A word counts inside a slug that runs the names together, as a login does
    # ("/author/wladekflakin" for Nathaniel Flakin): when long enough to mean the name.
    found = sum(w in slug or (len(w) >= 4 and any(w in part for part in slug)) for w in words)
    return bool(words) and found >= max(1, len(words) - 1)


def _in_breadcrumb(el) -> bool:
    """``el`` is in a box named as the page's trail of links ("breadcrumb")."""
    return any("breadcrumb" in ((a.get("class") or "") + (a.get("id") or "")).lower() for a in (el, *el.iterancestors()))


def _link_group(a):
    """The box holding an author link with its co-authors' links ("A and B")."""
    box = a
    for parent in a.iterancestors():
        if len(T.all_text(parent)) > 200:
            break
        box = parent
    return box


def _byline_of(el) -> tuple[list[str], str | None] | None:
    """(names of the author links in a byline box, or its text from the By-word to where
    dates and outlet names begin), or None when it names nobody."""
    links = [a for a in el.iter("a") if a.get("rel") == "author" or AUTHOR_HREF.search(a.get("href") or "") or _after_by(a)]
    if links:
        # Co-authors after the first name: links to pages named after them ("By <a>A</a>,
        # <a href="/b-c">B C</a>"), wherever those pages are.
        links += [a for a in el.iter("a") if a not in links and _named_page(a)]
    names = [T.element_text(a) for a in links]
    if not names:
        names = [T.element_text(n) for n in el.iter() if n.get("itemprop") == "name"]
    names = [n for n in dict.fromkeys(names) if looks_like_name(n)]
    if names:
        return names, None
    text = T.clean(" ".join(el.itertext()))  # <span>dpa</span><span>Redaktion</span>: two names
    if not text or len(text) > 200:
        return None
    label = AUTHOR_LABEL.match(text)
    by = [label] if label else list(BY_WORD.finditer(text))
    others = [m for m in by if NOT_WRITTEN_BY.search(text[: m.start()])]  # "; Editing by …"
    by = [m for m in by if m not in others]
    if others and not by:
        return None
    if by:
        end = next((m.start() for m in others if m.start() > by[-1].start()), len(text))
        text = text[by[-1].end():end]
        text = NOT_WRITTEN_BY.sub("", text)
    text = BYLINE_END.split(text, maxsplit=1)[0]
    text = PLACE_EQUALS.sub("", text)  # 도쿄=김철수 특파원: a place or the paper before the reporter
    text = OTHER_CREDITS.split(text, maxsplit=1)[0].strip(" ,;:-[]()【】（）")
    if not by and len(text.split()) < 2 and not re.search(r"[^\x00-\u024f]", text):
        return None  # one Latin word with no By before it: a label ("Reporter"), not a name
    parts = [p.strip() for p in re.split(r"\s*[,，、;]\s*|\s+(?:and|und|og|och|et|y|e|en|i|ve|dan|und)\s+", text) if p.strip()]
    if not parts or not all(looks_like_name(p) or is_org(p) for p in parts):
        return None
    return [], text


ROLES = re.compile(r"\s*(?:기자|특파원|記者|特派員|编辑|記者撮影)$")
ORG = re.compile(r"\b(?:Inc|Ltd|GmbH|AG|Corp|LLC|SE|SA|S\.A|Co)\b\.?|社$|일보$|新聞$|通信$", re.I)
PARTICLES = frozenset("de da das do dos del della di du des la le van von der den ter bin binti al el y e".split())


def is_org(text: str) -> bool:
    return bool(ORG.search(text))


def looks_like_name(text: str | None) -> bool:
    """A person's name as bylines print it: two to five capitalized words (particles
    such as "de" or "van" aside), or a CJK/Hangul name; no digits, not a sentence, not a
    button label."""
    if not text:
        return False
    text = ROLES.sub("", T.clean(text))
    if not (2 <= len(text) <= 60) or re.search(r"\d", text):
        return False
    if re.fullmatch(r"[\u3005\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af・· ]{2,12}", text):
        return True
    words = text.replace("’", "'").split()
    if not 1 <= len(words) <= 5:
        return False
    capitalized = [w for w in words if w[0].isupper() or (w[0] in "'(" and len(w) > 1 and w[1].isupper())]
    lower = [w for w in words if w not in capitalized]
    if any(w.lower() not in PARTICLES for w in lower):
        # "der Michel" (a nickname with its article) is fine; "more papers by this author" is not
        return len(words) == 2 and words[0].lower() in PARTICLES and bool(capitalized)
    return bool(capitalized) and all(re.fullmatch(r"[^\W\d_][\w'.\-]*\.?", w.strip("()")) for w in words)


def _aware(value) -> datetime | None:
    if isinstance(value, datetime):
        return value if value.tzinfo else None
    if isinstance(value, str) and value.strip():
        try:
            dt = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            return None
        return dt if dt.tzinfo else None
    return None
