"""Pages of sites no outlet module knows: what every news page has in common.

An unknown site gets no selectors, so every field comes from what pages share:
structured data (JSON-LD, Open Graph), and the page's own layout around its headline.
The headline is the anchor: the visible <h1> that matches what the page's metadata
calls its title (never the site's name in a logo <h1>); the byline and the printed
date sit next to it; the article text is the block of paragraphs around it
(``content.py``), without the widgets a CMS puts there.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from datetime import datetime
from functools import cached_property
from typing import NamedTuple

from newscrawl.parsers import text as T
from newscrawl.parsers.base import ArticlePage, _text_value
from newscrawl.items import Article
from newscrawl.parsers import dates
from newscrawl.parsers.content import article_text, is_dropped, widget_kind

# Class/id words of byline boxes, and author-page links.
BYLINE_WORD = re.compile(
    r"(?:^|[-_])(?:by-?line|bylines|authors?|autor(?:en|in)?|auteurs?|autore|writers?|reporters?|journalists?"
    r"|contributors?|verfasser|firma|kisha)(?:$|[-_]|name|names|info|link)",
    re.I,
)
AUTHOR_HREF = re.compile(
    r"/(?:authors?|autor(?:en)?|auteurs?|autore|writers?|reporters?|journalists?|columnists?|staff|people|profiles?)[/_-]([^/?#]+)",
    re.I,
)
# The word that introduces a name: By, Von, Par, Por, Di, Door, Av, Af, Oleh, 文・
BY_WORD = re.compile(
    r"(?:^|\s|(?<=[a-zäöü]))(?:by|von|par|por|di|door|av|af|przez|oleh|tekst|text|texto|testo|reportage)\s*:?\s+(?=\S)|^文\s*[・:／/]\s*",
    re.I,
)
# A label before the names, in a line of its own: "Autorin/Autor Roman Goncharenko".
AUTHOR_LABEL = re.compile(
    r"^(?:autor(?:in)?(?:/autor)?|autoren|authors?|auteurs?|autore|reporter|written by|texte?|記者|文|글)\s*[:：]?\s+(?=\S)",
    re.I,
)
# Where a byline box goes on after the names: "Jane Doe · CBC News · Posted: …".
BYLINE_END = re.compile(r"\s+(?:[|·•●◆/]|-{1,2}|–|—)\s+|\s*\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\s+(?:updated|posted|published)\b", re.I)
TOKEN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uff66-\uff9f\uac00-\ud7af]|[^\W_]+")
# A heading inside these is navigation or a teaser, not the article's headline.
NOT_HEADLINE_PLACES = frozenset(("nav", "aside", "footer", "a", "li", "form"))


def tokens(text: str | None) -> Counter:
    """Words (one per CJK character), case- and width-folded: how titles are compared."""
    return Counter(TOKEN.findall(unicodedata.normalize("NFKC", text or "").lower()))


def similarity(a: str | None, b: str | None) -> float:
    """Token F1 of two strings (1.0: the same words)."""
    ta, tb = tokens(a), tokens(b)
    overlap = sum((ta & tb).values())
    if not overlap:
        return 0.0
    p, r = overlap / sum(ta.values()), overlap / sum(tb.values())
    return 2 * p * r / (p + r)


class Byline(NamedTuple):
    names: list[str]  # from author links
    text: str | None  # else the printed line, for the byline pipeline
    element: object  # the byline box (never article text)


class GenericParser(ArticlePage):
    """Structured data plus the page's layout around its headline."""

    fetched_at: datetime | None = None

    def article(self, **context) -> Article:
        self.fetched_at = _aware(context.get("fetched_at"))
        article = super().article(**context)
        if self.found_published is not None and self.found_published.local:
            article.published_at = self.found_published.local  # the page's own offset
        return article

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
    def meta_titles(self) -> list[str]:
        """What the page's metadata calls it, site names cut off, best first."""
        names = self.site_name_candidates()
        raw = [
            T.unescape(_text_value(self.ld("headline"))),
            T.unescape(self.meta("og:title", "twitter:title")),
            T.clean(self.doc.findtext(".//title")),
        ]
        out = []
        for t in raw:
            if not t:
                continue
            stripped = T.strip_site_name(t, names)
            out.append(stripped if stripped != t else T.split_title(t))
        return list(dict.fromkeys(out))

    @cached_property
    def headline(self):
        """(element, text) of the visible headline, or (None, None)."""
        titles = self.meta_titles()
        site_names = {T.clean(n).lower() for n in self.site_name_candidates() if n}
        best, best_text, best_score = None, None, 0.0
        h1s = [h for h in self.doc.iter("h1") if self._may_be_headline(h)]
        for level, tag in enumerate(("h1", "h2")):
            for h in self.doc.iter(tag):
                if not self._may_be_headline(h):
                    continue
                # A kicker printed in its own span ("Eskalation im Nahen Osten - «…»"): the
                # part that matches the metadata's title is the headline.
                parts = [c for c in h if isinstance(c.tag, str)]
                texts = [T.element_text(h)]
                texts += [T.element_text(c) for c in parts] + [T.element_text(h, exclude={c}) for c in parts]
                for text in texts:
                    if not text or text.lower() in site_names:
                        continue
                    score = max((similarity(text, t) for t in titles), default=0.0)
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
            if text and text.lower() not in site_names and len(tokens(text)) >= 3:
                return h1s[0], text
        return None, None

    def _may_be_headline(self, h) -> bool:
        for a in [h, *h.iterancestors()]:
            if is_dropped(a) or a.tag in NOT_HEADLINE_PLACES:
                return False
        return True

    def title(self) -> str | None:
        if self.title_css:
            return super().title()
        el, text = self.headline
        titles = self.meta_titles()
        if text:
            self.sources["title"] = "generic"
            # The same words as the metadata's title: its punctuation is the one printed
            # on a line (a kicker in its own <span> loses its colon in the <h1>).
            same = [t for t in titles if tokens(t) == tokens(text)]
            return same[0] if same else text
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
        found = []  # (position, element, (names, text))
        position, anchor_at = 0, None
        for el in self._visible():
            if el is anchor:
                anchor_at = position
            position += len(el.text or "") + len(el.tail or "")
            if not _is_byline_box(el):
                continue
            if any(a.tag in ("blockquote", "q", "figure", "figcaption", "cite") for a in el.iterancestors()):
                continue  # who said a quote, who took a photo
            if el.tag == "a":
                el = _link_group(el)
            names = _byline_of(el)
            if names is not None:
                found.append((position, el, names))
        # A box around a byline box (byline plus share and font-size buttons) is not the byline.
        inner = {el for _, el, _ in found}
        found = [f for f in found if not any(a in inner for a in f[1].iter() if a is not f[1])]
        if not found:
            return Byline([], None, None)
        at = anchor_at if anchor_at is not None else 0
        _, el, (names, text) = min(found, key=lambda f: abs(f[0] - at))
        return Byline(names, text, el)

    def _visible(self):
        """Elements in reading order, without widgets and what is inside them (for bylines)."""
        body = self.doc.find("body")
        if body is None:
            return
        it = body.iter()
        skip = None
        for el in it:
            if skip is not None:
                if el in skip:
                    continue
                skip = None
            if not isinstance(el.tag, str):
                continue
            # A byline may sit in an <aside>, an article's <footer>, an author box (not in
            # a comment or a related-article list).
            if (is_dropped(el) and el.tag not in ("aside", "footer")) or (widget_kind(el) == "sure" and not _byline_class(el)):
                skip = set(el.iter())
                continue
            yield el

    # --- body
    def generic_body(self) -> list[str]:
        el, text = self.headline
        # The byline and the dateline by the headline are not article text (when small:
        # a box that holds the whole article is no byline box).
        found = self.found_published
        lines = (self.printed_byline.element, found.element if found else None)
        exclude = {e for e in lines if e is not None and len("".join(e.itertext())) < 300}
        return article_text(self.doc, headline=el, exclude=exclude, url=self.url)


def _people(value) -> list[str]:
    """Persons named in a JSON-LD author value (not organizations)."""
    out = []
    for a in value if isinstance(value, list) else [value]:
        if isinstance(a, str) and a.strip():
            out.append(a)
        elif isinstance(a, dict) and isinstance(a.get("name"), str) and "Organization" not in str(a.get("@type", "")):
            out.append(a["name"])
    return out


def _is_byline_box(el) -> bool:
    if el.get("rel") == "author" or el.get("itemprop") == "author":
        return True
    if el.tag == "a" and AUTHOR_HREF.search(el.get("href") or ""):
        # An author page named after its author (/author/jane-doe ↔ "Jane Doe"); a link to
        # any /profile/ page in the text, or to a programme called "Reporter", is not one.
        return _slug_names(AUTHOR_HREF.search(el.get("href")).group(1), T.element_text(el)) or _byline_class(el)
    if _byline_class(el):
        return True
    # A short line that starts with a label ("Autor: …") and holds no block of its own.
    return len(el) <= 3 and bool(el.text and AUTHOR_LABEL.match(T.clean("".join(el.itertext()))[:40]))


def _slug_names(slug: str, text: str) -> bool:
    slug = set(re.split(r"[^a-z]+", unicodedata.normalize("NFKD", slug.lower()).encode("ascii", "ignore").decode()))
    words = [unicodedata.normalize("NFKD", w.lower()).encode("ascii", "ignore").decode() for w in re.findall(r"\w+", text)]
    words = [w for w in words if len(w) > 1]
    return bool(words) and sum(w in slug for w in words) >= max(1, len(words) - 1)


def _byline_class(el) -> bool:
    for attr in ("class", "id"):
        value = el.get(attr)
        if value and any(BYLINE_WORD.search(t) for t in value.split()):
            return True
    return False


def _link_group(a):
    """The box holding an author link with its co-authors' links ("A and B")."""
    box = a
    for parent in a.iterancestors():
        if len("".join(parent.itertext())) > 200:
            break
        box = parent
    return box


def _byline_of(el) -> tuple[list[str], str | None] | None:
    """(names of the author links in a byline box, or its text from the By-word to where
    dates and outlet names begin), or None when it names nobody."""
    links = [a for a in el.iter("a") if a.get("rel") == "author" or AUTHOR_HREF.search(a.get("href") or "")]
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
    if by:
        text = text[by[-1].end():]
    text = BYLINE_END.split(text, maxsplit=1)[0].strip(" ,;:-[]()【】（）")
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
    if re.fullmatch(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af・· ]{2,12}", text):
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
