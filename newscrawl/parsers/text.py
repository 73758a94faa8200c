"""Turning page elements into the text a reader sees: paragraphs, captions, titles.

Shared by every parser layer. Pure functions over lxml elements, no Scrapy.
"""

from __future__ import annotations

import html as htmllib
import re
from functools import lru_cache

from lxml import etree

# Elements that start and end a paragraph of their own.
BLOCK_TAGS = frozenset(
    "p div section article main header h1 h2 h3 h4 h5 h6 li ul ol dl dt dd blockquote pre table "
    "thead tbody tr td th hr address center details summary".split()
)
# Never article text: scripts, media, widgets; figures and captions become `images`,
# never body paragraphs.
SKIP_TAGS = frozenset(
    "script style noscript template svg button form input select textarea iframe object embed "
    "video audio canvas picture img figure figcaption aside nav footer map".split()
)
# Class/id words of boxes that sit inside article bodies without being article text:
# share bars, related-article lists, ad slots, paywall prompts. Matched per class token
# at word boundaries ("ad-slot", "related_links"), so "header" or "gptAd" never match.
JUNK_WORD = re.compile(
    r"(?:^|[-_])(?:share|sns|social|related|recommend|newsletter|subscribe|paywall|outbrain|taboola"
    r"|comments?|advert\w*|ads?|promo|read-?more|breadcrumbs?)(?:$|[-_])",
    re.I,
)

_SPACES = "\t\r\n\f\v\xa0\u200b"  # each becomes a space; runs of spaces become one
_EDGE = " \t\r\n\f\v\xa0\u3000\ufeff\u200b"


def clean(text: str | None) -> str:
    """Collapse runs of ASCII whitespace to one space and trim the edges (including the
    full-width indent Japanese paragraphs start with); inner full-width spaces stay as printed."""
    if not text:
        return ""
    if text.isprintable() and "  " not in text:
        # Nothing to collapse: printable text holds no tab, newline, no-break or
        # zero-width space and no BOM (most texts; two C scans).
        return text.strip(_EDGE)
    # A space for each of the others, then runs of spaces halved until none is left:
    # C string passes, half the cost of a regex substitution over a long text. (Runs of
    # eight go first: the indentation of HTML source, a newline and a dozen spaces, is
    # gone in one pass instead of four.)
    text = text.replace("\ufeff", "")
    for c in _SPACES:
        if c in text:
            text = text.replace(c, " ")
    while _EIGHT_SPACES in text:
        text = text.replace(_EIGHT_SPACES, " ")
    while "  " in text:
        text = text.replace("  ", " ")
    return text.strip(_EDGE)


_EIGHT_SPACES = " " * 8


def unescape(text: str | None) -> str:
    """Structured data sometimes carries HTML entities twice-encoded (`\\u0026quot;`)."""
    return clean(htmllib.unescape(text)) if text else ""


@lru_cache(maxsize=512)
def compile_selector(expr: str):
    """CSS, or XPath when it starts with '/', '(' or './' -> a compiled lxml callable.

    Compiled once per process: parsers declare selectors as class-level strings."""
    if expr.lstrip().startswith(("/", "(", "./", "..")):
        return etree.XPath(expr)
    from lxml.cssselect import CSSSelector  # cssselect costs ~0.1 s to import; XPath-only pages skip it

    return CSSSelector(expr)


def select(root, expr: str | None) -> list:
    if not expr:
        return []
    return [e for e in compile_selector(expr)(root) if isinstance(e, etree._Element)]


def select_strings(root, expr: str | None) -> list[str]:
    """Like `select`, but an XPath may also end in @attr or text()."""
    if not expr:
        return []
    out = []
    for e in compile_selector(expr)(root):
        out.append(str(e) if not isinstance(e, etree._Element) else element_text(e))
    return [s for s in (clean(x) for x in out) if s]


def is_junk(el) -> bool:
    for attr in ("class", "id"):
        value = el.get(attr)
        if value and any(JUNK_WORD.search(token) for token in value.split()):
            return True
    return False


def paragraphs(elements, exclude=frozenset(), skip_junk: bool = True) -> list[str]:
    """The paragraphs a reader sees in ``elements`` (in order): each block element and
    each <br> ends a paragraph; inline markup (links, <strong>, <ruby>) stays inside it.

    ``exclude`` holds elements to leave out with everything inside them."""
    out: list[str] = []
    buf: list[str] = []
    for el in elements:
        _flush(buf, out)
        _walk(el, True, buf, out, exclude, skip_junk)
    _flush(buf, out)
    return out


# _walk and _flush live at module level, not as closures inside paragraphs(): a nested
# function that calls itself is a reference cycle, which kept each call's elements (and so
# the whole parsed document) alive until the cyclic garbage collector came by; at ~800
# calls a page that was most of the collector's work.
def _flush(buf: list[str], out: list[str]) -> None:
    if buf:
        text = clean("".join(buf))
        buf.clear()
        if text:
            out.append(text)


def _walk(el, top: bool, buf: list[str], out: list[str], exclude, skip_junk: bool) -> None:
    tag = el.tag
    if not isinstance(tag, str):  # comment or processing instruction
        return
    if not tag.islower():  # (HTML parsers give lower case: no new string for each tag)
        tag = tag.lower()
    # The elements asked for are read whatever they are (a <figcaption> for its
    # caption); only what is inside them is filtered.
    if not top and (tag in SKIP_TAGS or el in exclude or (skip_junk and is_junk(el))):
        return
    if tag == "br":
        if buf:
            _flush(buf, out)
        return
    if tag == "rt" and not any(c.tag == "rp" for c in el.itersiblings(preceding=True)):
        # The reading over a kanji (大雪<rt>おおゆき</rt>) is no text of its own; a page
        # that gives it parentheses for browsers without ruby (<rp>（</rp>) prints it so.
        return
    block = tag in BLOCK_TAGS
    if block and buf:  # (a call only when there is text to end)
        _flush(buf, out)
    if text := el.text:  # (each read of a text builds a new string: once)
        buf.append(text)
    for child in el:
        _walk(child, False, buf, out, exclude, skip_junk)
        if tail := child.tail:
            buf.append(tail)
    if block and buf:
        _flush(buf, out)


def all_text(el) -> str:
    """Every text inside element ``el`` joined as printed, markup or not (what
    ``"".join(el.itertext())`` gives, in one call into libxml2 instead of a string for
    each piece of text: several times faster on a box of many)."""
    if el.__class__ is _ELEMENT and not len(el):
        return el.text or ""  # (an element with no child holds one text: no serializer for it)
    return etree.tostring(el, method="text", encoding=str, with_tail=False)


_ELEMENT = etree._Element  # (a comment or a processing instruction is a subclass: its .text is no text of the page)


def element_text(el, exclude=frozenset()) -> str:
    """All text of one element as a single line (captions, bylines, titles)."""
    return " ".join(paragraphs([el], exclude, skip_junk=False)) if el is not None else ""


# Separators outlets put between a headline and their name in <title> / og:title.
_SEPARATORS = (" - ", " | ", "｜", "：", " : ", " — ", " – ", " ― ", " · ", ":", "|", " -", "－")


def strip_site_name(title: str, names) -> str:
    """Drop a trailing (or leading) site name: "… - 毎日新聞", "… | The Japan Times",
    "…：朝日新聞デジタル", "The Japan News - …"."""
    title = clean(title)
    for name in sorted({clean(n) for n in names if n and clean(n)}, key=len, reverse=True):
        for sep in _SEPARATORS:
            if title.endswith(sep + name) and len(title) > len(sep + name):
                return clean(title[: -len(sep + name)])
            if title.startswith(name + sep) and len(title) > len(name + sep):
                return clean(title[len(name + sep) :])
    return title


def split_title(title: str) -> str:
    """Best guess for an unknown site: cut the last " | Site" / " - Site" part if short
    (and a " | Section" before it); a part in lower case goes on the headline ("Why
    cities run night buses - and who rides them")."""
    for sep in (" | ", " - ", " — ", " – ", "｜", "：", " :: "):
        if sep in title:
            head, _, tail = title.rpartition(sep)
            if head and len(tail) <= 40 and len(tail) < len(head) and not tail[:1].islower():
                if sep in (" | ", "｜"):
                    section, _, rest = head.rpartition(sep)
                    if section and len(rest) <= 25 and len(rest) < len(section):
                        head = section
                return clean(head)
            break
    return title


def lang_code(value: str | None) -> str | None:
    """"ja_JP" / "en-US" / "EN" -> "ja" / "en"."""
    if not value:
        return None
    code = re.split(r"[-_]", value.strip())[0].lower()
    return code if re.fullmatch(r"[a-z]{2,3}", code) else None
