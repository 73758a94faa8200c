"""The article text of a page no selector knows.

    paragraphs = article_text(doc, headline=h1_element, url=page_url)

``Layout`` walks the page once (what a reader sees, where each element starts, the
candidates for a byline and a date). Then Readability's idea: every paragraph scores
the boxes around it for its length and punctuation; the best-scoring box, discounted
by how much of its text is link text, holds the article, widened to the sections of
the same article around it. Its paragraphs are read in order, leaving out what sits
inside it without being article text: boxes whose class or id names a widget (share
bars, related lists, ads, sign-up forms), lists of links to the site's own pages,
counters and in-page action links, headings with nothing under them, and the
headline with what precedes it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit


from newscrawl.guarded import Guarded
from newscrawl.parsers import text as T

# Never article text, with everything inside them.
DROP_TAGS = frozenset(
    "script style noscript template svg button input select textarea iframe object embed video audio "
    "canvas picture img figure figcaption aside nav footer map head title meta link option label dialog".split()
)
INLINE_TAGS = frozenset(
    "a abbr b bdi bdo cite code data dfn em font i kbd mark q rp rt ruby s samp small span strong sub sup "
    "time tt u var wbr br del ins".split()
)
# Class/id words of boxes that are not article text (matched per word, like T.JUNK_WORD):
# sure ones, and vague ones that CMS page builders also give the article's own region.
SURE_WIDGET = re.compile(
    r"(?:^|[-_])(?:(?:share|sharing|social|related|recommend|newsletter|comment|advert|sponsor|outbrain|taboola)\w*"
    r"|sns|subscribe|paywall|ads?|adv|promo|breadcrumbs?|popup|modal|cookie|ranking|rank"
    r"|more-?stories|read-?more|also-?read|print-?only|sr-only|visually-?hidden|visuallyhidden|skip"
    r"|off-?screen|screen-?reader(?:-only|-text)?|a11y|assistive-?text"  # words for screen readers alone
    r"|sign-?in|login|register|registration|subscription|subscriber|upsell"
    r"|(?:wp-|img-|image-|photo-)?caption(?:-text)?|cutline|leyenda|didascalia|(?:img|image|photo|foto)[-_]*credits?|author-?(?:info|bio|box|description|card)"
    r"|about-?(?:the-?)?author"
    r")(?:$|[-_])",
    re.I,
)
VAGUE_WIDGET = re.compile(r"(?:^|[-_])(?:sidebar|widget|menu|navi?|navbar|footer|masthead|banner|pickup)(?:$|[-_])", re.I)
NOT_ARTICLE = re.compile(f"{SURE_WIDGET.pattern}|{VAGUE_WIDGET.pattern}", re.I)
# ... and words that mark the article itself.
ARTICLE_WORD = re.compile(
    r"(?:^|[-_])(?:article|body|content|entry|main|post|story|text|honbun|detail|news)(?:$|[-_])", re.I
)
BOX_TAGS = frozenset("ul ol dl table div section aside form".split())
CONTROLS = frozenset("input button select textarea".split())
HIDDEN_CLASSES = frozenset("hidden is-hidden u-hidden d-none hide visually-hidden sr-only screen-reader-text".split())
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")
CJK_RUN = re.compile(f"{CJK.pattern}+")
COMMAS = re.compile(r"[,，、،;；。]")


def _words(value: str | None) -> list[str]:
    return value.split() if value else []


def class_weight(el) -> int:
    """Readability's ±25 for each of class and id that names an article or a widget."""
    return _name_weight(el.get("class")) + _name_weight(el.get("id"))


@lru_cache(maxsize=8192)
def _name_weight(value: str | None) -> int:
    # (cached like _kind_of: a site's pages repeat their class names, and the case-blind
    # NOT_ARTICLE is slow, ~5 us a search)
    tokens = _words(value)
    if any(NOT_ARTICLE.search(t) for t in tokens):
        return -25
    if any(ARTICLE_WORD.search(t) for t in tokens):
        return 25
    return 0


def is_dropped(el) -> bool:
    """Never text a reader sees: scripts, media, navigation, hidden elements."""
    tag = el.tag
    if not isinstance(tag, str) or tag in DROP_TAGS:
        return True
    return classify(tag, el.items())[0]


def widget_kind(el) -> str | None:
    """"sure" when a class, id or role names a box that is never article text, "vague"
    for names that usually are not (widget, sidebar, menu), else None. A name of the
    article itself beside it (class="article-body paywall") wins; one name that is both
    (BEM's "article__newsletter") is the widget."""
    return classify(el.tag, el.items())[1]


def classify(tag: str, items: list) -> tuple[bool, str | None, bool]:
    """(hidden or never text, widget kind, a byline box by its attributes: rel=author,
    itemprop=author, a byline class) from an element's tag and attributes (``el.items()``:
    one call into lxml instead of one per attribute)."""
    if not items:
        return tag in DROP_TAGS, None, False
    if len(items) == 1:  # most elements: a class alone, or an <a href>, an <img src>
        name, value = items[0]
        if name == "class":
            named = _by_class(value)
        elif name in CLASSIFY_KEYS:
            named = _by_attributes(items)
        else:
            return tag in DROP_TAGS, None, False
    else:
        named = _by_attributes(items)
    if named[0] or tag not in DROP_TAGS:
        return named
    return True, named[1], named[2]


@lru_cache(maxsize=8192)
def _by_class(classes: str) -> tuple[bool, str | None, bool]:
    # (A cache of its own for the most common case: with one str argument, lru_cache's
    # key is the string itself, no tuple of seven to build and hash.)
    return _by_names(classes, None, None, False, None, False)


def _by_attributes(items: list) -> tuple[bool, str | None, bool]:
    # One pass over the pairs, no dict built from them: most elements that get here hold
    # one or two of the attributes read, beside others (href, src, data-*) read by none.
    classes = id_ = role = style = itemtype = rel = itemprop = None
    hidden = seen = False
    for name, value in items:
        if name in CLASSIFY_KEYS:
            seen = True
            if name == "class":
                classes = value
            elif name == "id":
                id_ = value
            elif name == "role":
                role = value
            elif name == "style":
                style = value
            elif name == "hidden":
                hidden = True
            elif name == "itemtype":
                itemtype = value
            elif name == "rel":
                rel = value
            else:
                itemprop = value
    if not seen:
        return False, None, False
    if itemtype and "Breadcrumb" in itemtype:  # schema.org's BreadcrumbList
        role = "navigation breadcrumb"
    author = rel == "author" or itemprop == "author"
    if id_ is None and role is None and style is None and not hidden and not author:
        # A class beside attributes that say nothing here (<a href class>, a class and
        # data-*: most elements that get here): the class's own cache, keyed by the string.
        return _by_class(classes) if classes else (False, None, False)
    return _by_names(classes, id_, role, hidden, style, author)


@lru_cache(maxsize=16384)
def _by_names(classes, id_, role, hidden_attr, style, author) -> tuple[bool, str | None, bool]:
    """classify's answer from the attributes alone (the tag is added by classify: the
    same names on any tag share one entry)."""
    dropped = hidden_attr or bool(style and HIDDEN_STYLE.search(style))
    if not dropped and classes and ("hid" in classes or "none" in classes):
        tokens = classes.split()
        # CSS utility classes that hide a box ("hidden"), unless another one shows it
        # again from some screen width on (Tailwind's "hidden md:block").
        dropped = any(t in HIDDEN_CLASSES for t in tokens) and not any(
            ":" in t or t.startswith("d-") and t != "d-none" for t in tokens
        )
    kind = None
    for value in (classes, id_, role):
        if value:
            k = _kind_of(value)
            if k == "sure":
                kind = k
                break
            kind = kind or k
    byline = author or bool(classes and _byline_words(classes)) or bool(id_ and _byline_words(id_))
    return dropped, kind, byline


def _within(pattern: re.Pattern) -> re.Pattern:
    """``pattern`` (its words start and end at a name's edges or dashes), found in a list
    of names in lower case (``class="col news-share"``): one case-sensitive search of
    the whole list. Exact for ASCII lists only, where lower() and re.I fold alike."""
    edges = pattern.pattern.replace("(?:^|[-_])", r"(?:(?<!\S)|[-_])").replace("(?:$|[-_]", r"(?:(?!\S)|[-_]")
    return re.compile(edges)


# (Under re.I, sre folds the case of each character for each alternative it tries: on
# pages the crawl has not seen, these searches cost ~6% of all instructions. Lower-cased
# once and searched as one, a fifth of that.)
NOT_ARTICLE_IN = _within(NOT_ARTICLE)


@lru_cache(maxsize=8192)
def _kind_of(value: str) -> str | None:
    if value.isascii() and NOT_ARTICLE_IN.search(value.lower()) is None:
        return None  # most lists of names
    kinds, veto = set(), False
    for t in value.split():
        if SURE_WIDGET.search(t):
            kinds.add("sure")
        elif VAGUE_WIDGET.search(t):
            kinds.add("vague")
        elif ARTICLE_WORD.search(t):
            veto = True
    if veto or not kinds:
        return None
    return "sure" if "sure" in kinds else "vague"


class Box:
    """What one element holds: text weight, of it in links, and punctuation; ``own_*``
    counts only the text not inside a block child (a <div> of text and <br>s). ``tag``:
    the element's, kept from the walk (each read of ``el.tag`` builds a new string)."""

    __slots__ = ("tag", "chars", "links", "commas", "own_chars", "own_links", "own_commas", "blocks", "controls", "images")

    def __init__(self, tag: str):
        self.tag = tag
        self.chars = self.links = self.commas = self.controls = self.images = 0
        self.own_chars = self.own_links = self.own_commas = 0
        self.blocks = False  # has a block-level child


class Layout:
    """One walk over a page, for everything the generic layer asks of its layout:

    - ``boxes``: a Box for every element a reader sees (not hidden, not navigation);
    - ``position``: where each element starts, in characters of visible text before it;
    - ``order``: the elements outside widgets, in reading order;
    - ``bylines``: elements ``is_byline`` accepts, outside comments and related lists
      (a byline may sit in an <aside> or an article's <footer>).
    """

    def __init__(self, root, is_byline=None, keep=None, cjk: bool = True):
        self.root = root
        self._cjk = cjk  # count CJK characters as words (only worth it where there are any)
        self.boxes: dict = {}
        self.position: dict = {}
        self.order: list = []  # elements outside widgets, in reading order
        self.bylines: list = []
        self.named: list = []  # (element, "sure" | "vague"): boxes named as widgets
        self.article: list = []  # the boxes article_text read
        self._at = 0
        self._is_byline = is_byline
        # The boxes around the headline are never widgets, whatever their names.
        self._keep = set(keep.iterancestors()) | {keep} if keep is not None else set()
        self.unread: set = set()  # hidden or navigation: left out with what is inside
        self.boxes[root] = Box(root.tag)
        self._walk(root, root.text, root.tag == "a", False, False, self.boxes[root])

    def _text(self, b: Box, text: str, in_link: bool) -> None:
        """Count ``text`` into ``b``."""
        text = text.strip()
        n = len(text)
        if not n:
            return
        self._at += n
        if self._cjk and not text.isascii():
            # (CJK counted by runs, not by characters: a string for each run a findall
            # returns, not one for each character of Japanese text)
            w, c = n + 2 * sum(map(len, CJK_RUN.findall(text))), len(COMMAS.findall(text))
        else:  # (no CJK character and no full-width comma in ASCII text)
            w, c = n, text.count(",") + text.count(";")
        b.chars += w
        b.own_chars += w
        b.commas += c
        b.own_commas += c
        if in_link:
            b.links += w
            b.own_links += w

    def _bylines_in(self, place) -> None:
        """Byline boxes inside an <aside> or <footer>, outside comments and related lists."""
        for el in byline_places(place):
            hidden = False
            for a in el.iterancestors():
                _, kind, named_byline = classify(a.tag, a.items())
                if kind == "sure" and not named_byline:
                    hidden = True
                    break
                if a is place:
                    break
            if not hidden and (byline_class(el) or self._is_byline(el)):
                self.position[el] = self._at
                self.bylines.append(el)

    def _walk(self, el, text, in_link: bool, hidden: bool, hidden_for_bylines: bool, b: Box) -> None:
        """Count ``el``'s text (``text``: ``el.text``, read by the caller) into ``b``: its
        own Box, or its nearest boxed ancestor's when ``el`` is inline (a link, a <span>
        of a paragraph get no Box of their own). ``hidden``: inside a widget;
        ``hidden_for_bylines``: inside one that holds no byline either."""
        # The hottest loop of the generic layer (every element of every page): locals
        # only, no call for the whitespace between tags (most texts and tails), and each
        # tag and text read from lxml once (every read builds a new string).
        position, boxes, text_of, keep, unread = self.position, self.boxes, self._text, self._keep, self.unread
        is_byline, order = self._is_byline, self.order
        position[el] = self._at
        if not hidden:
            order.append(el)
        if text and not text.isspace():
            text_of(b, text, in_link)
        for child in el:
            ctag = child.tag
            if ctag.__class__ is not str or ctag in UNSEEN_TAGS:
                pass
            elif ctag in CONTROLS:
                b.controls += 1
                unread.add(child)
            elif ctag in DROP_TAGS and ctag not in BYLINE_PLACES:
                position[child] = self._at  # media, forms, navigation: nothing to read
                unread.add(child)
                if ctag in PHOTO_TAGS and not _icon(child):
                    b.images += 1
            else:
                dropped, kind, named_byline = classify(ctag, child.items())
                if kind is not None and child in keep:
                    kind = None
                child_hidden = hidden or dropped or kind == "sure"
                child_hidden_b = hidden_for_bylines or (dropped and ctag not in BYLINE_PLACES) or (
                    kind == "sure" and not named_byline
                )
                if child_hidden and child_hidden_b:
                    position[child] = self._at  # skipped, text and all
                    unread.add(child)
                else:
                    ctext = child.text
                    if dropped:
                        # An <aside> or <footer>: not text; only its bylines count.
                        unread.add(child)
                        if is_byline is not None:
                            self._bylines_in(child)
                        position[child] = self._at
                    else:
                        # A link, a <span> of a paragraph: counted into the box around it.
                        inline = ctag in INLINE_TAGS and kind is None
                        c = b if inline else Box(ctag)
                        if not inline:
                            boxes[child] = c
                        if len(child):
                            self._walk(child, ctext, in_link or ctag == "a", child_hidden, child_hidden_b, c)
                        else:  # (most elements hold a text alone: what _walk does for them, without the call)
                            position[child] = self._at
                            if not child_hidden:
                                order.append(child)
                            if ctext and not ctext.isspace():
                                text_of(c, ctext, in_link or ctag == "a")
                        if not inline:
                            b.chars += c.chars
                            b.links += c.links
                            b.commas += c.commas
                            b.controls += c.controls
                            b.images += c.images
                            if ctag in INLINE_TAGS and not c.blocks:
                                b.own_chars += c.chars
                                b.own_links += c.links
                                b.own_commas += c.commas
                            else:
                                b.blocks = True
                    if not child_hidden_b and is_byline is not None:
                        if named_byline:
                            self.bylines.append(child)
                        elif ctag == "a" or (ctext and ctext.lstrip()[:1] in LABEL_INITIALS):
                            if is_byline(child):
                                self.bylines.append(child)
                if kind is not None and child in boxes:
                    self.named.append((child, kind))
            tail = child.tail
            if tail and not tail.isspace():
                text_of(b, tail, in_link)


PHOTO_TAGS = frozenset(("img", "picture"))


def _icon(img) -> bool:
    """An image printed small (a share button, a logo, an emoji): no photo."""
    for attr in ("width", "height"):
        v = img.get(attr)
        if v and v.isdigit() and int(v) < 100:
            return True
    return False


def has_cjk(lang: str | None, title: str | None) -> bool:
    """The page is (partly) in Chinese, Japanese or Korean: its language (<html lang>) or
    its title says so."""
    return (lang or "").lower()[:2] in ("ja", "zh", "ko") or CJK.search(title or "") is not None


def byline_places(place):
    """Elements inside ``place`` that may be a byline: rel=author, itemprop=author, a
    class or id with "author"/"byline" in it, a link to an author's or reporter's page.
    (A loop over the few elements of an <aside> or <footer>: several times cheaper than
    the same test as an XPath, whose predicates libxml2 evaluates slowly.)"""
    for el in place.iterdescendants():
        # Each test needs one of these words in some attribute: one call into lxml for
        # all of them rules out most elements (a comment has none). (Substring tests:
        # several times faster than BYLINE_HREF's alternation.)
        values = el.values()
        if values:
            text = " ".join(values)
            if (
                "uthor" in text or "yline" in text or "utor" in text or "riter" in text or "eporter" in text
                or "ournalist" in text or "rofile" in text
            ) and _names_author(el):
                yield el


def _names_author(el) -> bool:
    get = el.get
    classes, id_ = get("class") or "", get("id") or ""
    return (
        get("rel") == "author"
        or get("itemprop") == "author"
        or "uthor" in classes
        or "yline" in classes
        or "uthor" in id_
        or "yline" in id_
        or (el.tag == "a" and BYLINE_HREF.search(get("href") or "") is not None)
    )


BYLINE_HREF = re.compile("uthor|utor|riter|eporter|ournalist|rofile")


def byline_class(el) -> bool:
    """A class or id naming a byline box ("byline", "author-name", "autor")."""
    return classify(el.tag, el.items())[2]


@lru_cache(maxsize=8192)
def _byline_words(value: str) -> bool:
    if value.isascii():
        return BYLINE_WORD_IN.search(value.lower()) is not None
    return any(BYLINE_WORD.search(t) for t in value.split())


BYLINE_WORD = re.compile(
    r"(?:^|[-_])(?:by-?line|bylines|authors?|autor(?:en|in)?|auteurs?|autore|writers?|reporters?|journalists?"
    r"|contributors?|verfasser|firma|kisha)(?:$|[-_]|name|names|info|link)",
    re.I,
)
BYLINE_WORD_IN = _within(BYLINE_WORD)
# Never seen by a reader, nor searched for anything.
# The attributes classify reads (an <a href> or <img src> alone needs no look-up).
CLASSIFY_KEYS = frozenset(("class", "id", "role", "hidden", "style", "rel", "itemprop", "itemtype"))
LIST_ITEMS = frozenset(("li", "dd", "dt"))
BYLINE_PLACES = frozenset(("aside", "footer"))  # searched for bylines although not article text
# First letters of the labels a byline line may start with ("Autor:", "Penulis:", "記者").
LABEL_INITIALS = frozenset("AaCcKkPpRrTtWw記记執筆著作投撰文写取글")
UNSEEN_TAGS = frozenset("script style noscript template svg head title meta link option".split())


def link_density(b: Box) -> float:
    return b.links / b.chars if b.chars else 1.0


def widgets(layout: Layout) -> list:
    """Boxes named as widgets, to leave out with what is inside them: always for the
    sure names (share, related, comments, ads ...), for the vague ones (widget, sidebar,
    menu) only when small or mostly links, as a CMS may call the article's region a
    "widget". (Never a box that holds the headline: the Layout did not name those.)"""
    boxes = layout.boxes
    total = boxes[layout.root].chars or 1
    out = [
        el
        for el, kind in layout.named
        if el in boxes and (kind == "sure" or boxes[el].chars < 0.2 * total or link_density(boxes[el]) > 0.33)
    ]
    chosen = set(out)
    out = [el for el in out if not any(a in chosen for a in el.iterancestors())]
    for el in out:  # their text no longer counts for the boxes around them
        b = boxes[el]
        for a in el.iterancestors():
            if a in boxes:
                boxes[a].chars -= b.chars
                boxes[a].links -= b.links
                boxes[a].commas -= b.commas
                boxes[a].images -= b.images
    return out


def score_candidates(boxes: dict, mass: dict | None = None) -> dict:
    """Readability's scoring: each paragraph scores the boxes around it (less the farther
    up); a run of text directly in a box is a paragraph of that box. ``mass`` (if given)
    gets, for every box, [article-like text, link and list text] inside it. (``boxes``
    in document order, as Layout lists them.)"""
    scores: dict = {}
    for el, b in boxes.items():
        tag = b.tag
        if tag in INLINE_TAGS or tag in LIST_ITEMS:
            continue  # list items score nothing (Readability's choice): a reference list is no article
        if not b.blocks or tag == "p":
            chars, links, commas, start, level = b.chars, b.links, b.commas, el.getparent(), 0
        elif b.own_chars >= 25:
            chars, links, commas, start, level = b.own_chars, b.own_links, b.own_commas, el, 0
        else:
            continue
        if mass is not None and chars:
            good, bad = (chars - links, links) if links <= 0.5 * chars else (0, chars)
            node = _boxed(start, boxes)  # (an inline wrapper around blocks has no Box: skipped)
            if node is not None:
                m = mass.setdefault(node, [0, 0])
                m[0] += good
                m[1] += bad
        if chars < 25 or links > 0.5 * chars:
            continue
        points = 1 + commas + min(chars // 100, 3)
        node = start
        while node is not None and level < 5:
            if node in boxes:  # (an inline wrapper has no Box: it takes a level, no score)
                if node not in scores:
                    scores[node] = _initial(node, boxes[node])
                scores[node] += points / (1 if level == 0 else 2 if level == 1 else level * 3)
            node, level = node.getparent(), level + 1
    if mass is not None:
        # What each box holds counts for every box around it: added up from the last box
        # to the first, each box's sum is complete before it goes to the box around it.
        for el in reversed(boxes):
            m = mass.get(el)
            if m is not None and (around := _boxed(el.getparent(), boxes)) is not None:
                a = mass.setdefault(around, [0, 0])
                a[0] += m[0]
                a[1] += m[1]
    for el in scores:
        scores[el] *= 1 - link_density(boxes[el])
    return scores


def _boxed(el, boxes):
    """``el`` or its nearest ancestor that has a Box (None if none has)."""
    while el is not None and el not in boxes:
        el = el.getparent()
    return el


def _initial(el, b: Box) -> float:
    tag, chars = b.tag, b.chars
    base = 5 if tag in ("div", "article", "section", "main") else 3 if tag in ("pre", "td", "blockquote") else (
        -3 if tag in ("ol", "ul", "dl", "dd", "dt", "li", "form") else -5 if tag in ("h1", "h2", "h3", "h4", "h5", "h6", "th") else 0
    )
    # A class that names the article counts for a box that holds some text: a 30-character
    # player message in a "content" box is no article.
    return base + class_weight(el) * min(1.0, chars / 500)


def expand(top, mass: dict, root):
    """The box to read: ``top``, or a box around it when what that adds is article-like
    text (the article split in several sections, a lead above them) more than links."""
    current = top
    for parent in top.iterancestors():
        if parent is root:
            break
        if parent not in mass:
            if parent.tag in INLINE_TAGS:
                continue  # a <span> wrapping the article's blocks
            break
        good, bad = mass[parent]
        extra_good = good - mass[current][0]
        extra_bad = bad - mass[current][1]
        if extra_good >= EXPAND_GOOD * mass[current][0] and extra_good >= EXPAND_RATIO * max(extra_bad, 1):
            current = parent
        elif extra_good or extra_bad:
            break
    return current


EXPAND_GOOD, EXPAND_RATIO = 0.2, 3.0
BEFORE_HEADLINE = 0.3


def article_text(doc, headline=None, exclude=(), url: str | None = None, layout: Layout | None = None) -> list[str]:
    """The article's paragraphs, in order. ``headline``: the headline's element, if known
    (the box holding it is never left out, and it is not repeated in the text);
    ``exclude``: elements that are not article text (the byline); ``layout``: the page's
    Layout when the caller has it (its boxes are used up here)."""
    if layout is None:
        body = doc.find("body")
        layout = Layout(body if body is not None else doc, cjk=has_cjk(doc.get("lang"), doc.findtext(".//title")))
    root, boxes = layout.root, layout.boxes
    removed = [*widgets(layout), *exclude]
    for box in removed:
        for el in box.iter():
            boxes.pop(el, None)
    layout.unread.update(removed)
    mass: dict = {}
    scores = score_candidates(boxes, mass)
    if not scores:  # no paragraph long enough to score: a page with little text gives what it has
        layout.article = [root]
        return read(root, layout, headline, urlsplit(url).hostname if url else None)
    at = layout.position.get(headline) if headline is not None else None
    if at is not None and layout._at - at >= 0.25 * layout._at:
        # The article follows its headline: a box that ends before it (a teaser, a
        # sidebar above) counts for less. (Not when little text follows the headline:
        # it may be another story's.)
        around = set(headline.iterancestors())
        for el in scores:
            if layout.position.get(el, at) < at and el not in around:
                scores[el] *= BEFORE_HEADLINE
    top = max(scores, key=scores.get)
    if top in mass:
        top = expand(top, mass, root)
        scores.setdefault(top, 0.0)
    paras = []
    layout.article = _with_siblings(top, scores, boxes)
    for el in layout.article:
        paras += read(el, layout, headline, urlsplit(url).hostname if url else None)
    paras = [p for p in without_contact_block(paras) if not PAGE_LINE.fullmatch(p) and not _calls_to_reader(p)]
    while len(paras) > 1 and END_LINE.fullmatch(paras[-1]) and not SIGNED.match(paras[-1]):
        paras.pop()  # "End of Article", "FOLLOW US ON SOCIAL MEDIA": the page's, not the article's
    return paras


# A line of contact details: "Tel: +49 40 300", "E-Mail: press@example.com", an address
# of mail or an international phone number alone.
CONTACT_LINE = re.compile(
    r"(?:^(?:tel|tél|telefon|telephone|téléphone|phone|fon|mobil|mobile|fax|e-?mail|mail|internet|web|www|電話|メール|ＴＥＬ)\b\.?\s*[:：]"
    r"|^\S+@\S+\.\w+$|^\+[\d ()/.–-]{7,}$)",
    re.I,
)
SENTENCE_END = re.compile(r"[.!?。」]$")


def without_contact_block(paras: list[str]) -> list[str]:
    """The text up to a block of contact details in its second half (a press release's
    "Pressekontakt: … Tel: … E-Mail: …", and the boilerplate after it): the article ends
    where whom to call begins. A block is two contact lines among a few short ones, and
    the short label lines just before them ("Press contact:", the company's name)."""
    total = sum(len(p) for p in paras)
    seen = 0
    for i, p in enumerate(paras):
        if seen >= total / 2 and len(p) <= 80 and CONTACT_LINE.search(p):  # (the length first: a search scans the whole line)
            window = paras[i : i + 6]
            if sum(1 for q in window if len(q) <= 80 and CONTACT_LINE.search(q)) >= 2:
                start = i
                while start > 0 and len(paras[start - 1]) <= 80 and not SENTENCE_END.search(paras[start - 1]) and i - start < 4:
                    start -= 1
                if start > 0:
                    return paras[:start]
        seen += len(p)
    return paras


# A short last line of a few words with no sentence in it (no digits, no closing
# punctuation, not a credit in parentheses or after ©).
# How long the article takes to read, a line of its own under the headline: "5 min read",
# "| Lesedauer: 3 Minuten", "Temps de lecture : 4 min", "読了時間：約3分", "Waktu baca: 2 menit".
READING_TIME = re.compile(
    r"\W*(?:(?:estimated\s+)?(?:reading|read)\s+time|lesedauer|lesezeit|temps\s+de\s+lecture|tiempo\s+de\s+lectura"
    r"|tempo\s+(?:di|de)\s+(?:lettura|leitura)|leestijd|czas\s+czytania|läsningstid|lukuaika|okuma\s+süresi|waktu\s+baca"
    r"|読了時間|この記事は約|읽는\s*시간)\s*[:：]?\s*(?:約|ca\.?|approx\.?|about|~)?\s*\d+\s*[^\W\d]*\.?(?:\s*で読めます)?\W*"
    r"|\W*\d+\s*(?:-|\s)?(?:min(?:ute)?s?|minuten|minutos?|minuti|menit|dk|분)\.?\s+(?:read|lesen|Lesezeit|de\s+lecture|de\s+lectura|de\s+leitura|di\s+lettura|baca|okuma)\W*",
    re.I,
)
# Lines of the page, never of an article, wherever they sit: how long it takes to read,
# the note the same on every site with Google's reCAPTCHA under a sign-up form, and a
# template's placeholder left in the text ("$$ARTICLEAD$$", "{{ad_slot}}", "%%AD%%").
PAGE_LINE = re.compile(
    f"{READING_TIME.pattern}|.{{0,40}}protected by reCAPTCHA and the Google.{{0,80}}"
    r"|\$\$[a-z_]\w*\$\$|\{\{\s*[\w.]+\s*\}\}|%%[a-z_]\w*%%",
    re.I,
)
# A line that asks the reader to follow, subscribe to or write to the site ("Follow
# Metro.co.uk on Twitter and Facebook…", "Got a story? Get in touch with our news team…",
# "Subscribe to our newsletter", "Folgen Sie uns auf Instagram", "Ikuti kami di Google
# News"): the site's, wherever it sits, when it is short.
# (The imperatives need a sentence's start and the rest a word's start with one of a few
# letters: the search tries its alternatives at few positions.)
CALL_TO_READER = re.compile(
    # The imperatives open a sentence: "Residents can download the city's app" or "a second
    # car would follow the convoy" say what others do, not what the reader should.
    r"(?:^|[.!?]\s+)(?=[fljagsd])(?:follow\s+(?:us|[\w.'&-]+(?:\s+[\w.'&-]+){0,3}?)\s+(?:on|at)\s+(?:twitter|x|facebook|instagram"
    r"|tiktok|youtube|linkedin|threads|bluesky|telegram|whatsapp|google news|social media)\b|follow us\s*:"
    r"|(?:like|join|add)\s+us\s+on\b|get in touch with (?:our|the) (?:news|editorial)\s*(?:team|desk)"
    r"|got a (?:story|news tip|tip)\s*\?|for more (?:stories|news|articles) like this"
    r"|(?:sign up|subscribe)\s+(?:for|to)\s+(?:\S+\s+){0,3}newsletters?\b|download our\b.{0,30}\bapp\b)"
    r"|\b(?=[nfsi])(?:news[- ]app\b.{0,40}\b(?:android|ios)\b|(?:folgen sie uns|suivez-nous|síguenos|seguici|ikuti kami)\b)",
    re.I,
)
# (A word of each alternative: a line without any is no call to the reader.)
CALL_TO_READER = Guarded(CALL_TO_READER, (
    "follow", "like", "join", "add", "get in touch", "got a ", "for more", "newsletter", "download our", "news app",
    "news-app", "folgen sie uns", "suivez-nous", "síguenos", "seguici", "ikuti kami",
))


def _calls_to_reader(paragraph: str) -> bool:
    return len(paragraph) <= 300 and CALL_TO_READER.search(paragraph) is not None


SIGNED = re.compile(r"(?:by|von|par|por|door|av|af|oleh)\s|文\s*[・:／]|.*(?:記者|기자)$", re.I)  # a byline stays
END_LINE = re.compile(r"(?![(\[（【©])[^\d.!?。」)）\]】\"”»…:]{1,30}")


def _with_siblings(top, scores, boxes) -> list:
    parent = top.getparent()
    if parent is None:
        return [top]
    threshold = max(10.0, scores[top] * 0.2)
    out = []
    for sib in parent:
        if sib is top:
            out.append(sib)
            continue
        if not isinstance(sib.tag, str) or sib not in boxes:
            continue
        if scores.get(sib, 0) >= threshold:
            out.append(sib)
        elif sib.tag == "p":
            s = boxes[sib]
            if (s.chars > 80 and link_density(s) < 0.25) or (0 < s.chars and link_density(s) == 0 and T.all_text(sib).rstrip().endswith((".", "。"))):
                out.append(sib)
    return out


LINE_TAGS = BOX_TAGS | {"p", "span"}
LETTER = re.compile(r"[^\W\d_]")
COUNTER = re.compile(r"(?<![\w.,:/])\d[\d.,]*[kKmM]?\s+[^\W\d_]+")  # "0 Suka", "1.2K views"
SENTENCE_END = re.compile(r"[.!?。！？][\"'”’)）]?\s*$")


def _person_box(el) -> bool:
    """A box that schema.org microdata marks as the author or a person."""
    return el.get("itemprop") == "author" or "Person" in (el.get("itemtype") or "")


def _ui_line(el) -> bool:
    """A short line of the page's controls: counters with no words or each with its label
    ("0 Suka 0 komentar", "12 likes · 3 comments"), or an in-page action link
    (href="#komentar", "javascript:…") with a few words beside it."""
    text = T.all_text(el)
    if text.strip() and not LETTER.search(text):
        return True
    if el.tag != "p" and len(COUNTER.findall(text)) >= 2 and not SENTENCE_END.search(text):
        return True  # (a paragraph may be a score line: "Japan 2, Australia 1")
    return any((a.get("href") or "").startswith(("#", "javascript:")) and (a.text or "").strip() for a in el.iter("a"))


# What ends a photo's caption and no paragraph of text: its credit, "(Kyodo)",
# "(AP Photo/Eugene Hoshiko)", "＝共同", "（潟沼義樹撮影）".
CREDIT_END = re.compile(
    r"(?:[(（](?:[A-Z][\w.'&-]*(?:[ /][A-Z][\w.'&-]*){0,3}|[^()（）]{1,20}撮影|(?:撮影|写真)[・:：=＝/／][^()（）]{1,20})[)）]"
    r"|[＝=][^＝=、。（）()]{1,12})\s*$"
)


def photo_caption(img):
    """The line printed right after a photo that no <figure> or caption box holds
    ("<img><p>… in Tokyo on Friday. (Kyodo)</p><p>TOKYO -- …"): short, ending with a
    credit or alone with the photo in a box, and followed by more text (a one-paragraph
    story may end "(Kyodo)" too)."""
    el = img
    while el.getnext() is None and el.getparent() is not None and not T.clean(T.all_text(el.getparent())):
        el = el.getparent()  # <a><img></a>, <div class="foto"><img></div>
    line = el.getnext()
    if line is None or line.tag not in ("p", "div", "span"):
        return None
    text = T.clean(T.all_text(line))
    after = line.getnext()
    box = line.getparent()
    boxed = after is None and box is not None and len(box) <= 3 and T.clean(T.all_text(box)) == text
    if boxed:
        after = box.getnext()  # <div><img><p>caption</p></div>: a box of its own says it is the photo's
    if not (10 <= len(text) <= 300) or not (boxed or CREDIT_END.search(text)) or after is None:
        return None
    return line if len(T.clean(T.all_text(after))) > len(text) / 2 else None


PHOTO_LINE = re.compile(r"(?:photo|image|picture|foto|bild|画像|写真|사진)s?\s*(?:[:：=]|by\s)\s*\S.{0,60}$", re.I)


def _after_photo(el) -> bool:
    prev = el.getprevious()
    if prev is not None and prev.tag != "img" and len(prev):
        # <a><img></a> before the line, with no text of its own (a box without an image
        # is no photo, whatever it holds: looked at first, without building its text)
        img = next(prev.iter("img"), None)
        prev = img if img is not None and not T.clean(T.all_text(prev)) else None
    return prev is not None and prev.tag == "img" and photo_caption(prev) is el


ONE_WORD = re.compile(r"[^\W\d_a-z]{2,20}|[\u3040-\u30ff\u3400-\u9fff]{1,2}")  # in capitals: "July" is text
COPYRIGHT = r"^(?:copyright|©|\(c\))\s*(?:©\s*)?(?:19|20)\d\d|all rights reserved|無断転載"
# A note that the rest of the story is for subscribers: "※この記事は有料会員限定です。"
PAYWALL = (
    r"有料会員|会員限定|続きは.{0,12}(?:会員|登録|購読)|subscribe (?:now )?to (?:continue|read)|to continue reading"
    r"|(?:this|the rest of this) (?:article|story) is (?:only )?(?:available )?(?:for|to) subscribers|khusus pelanggan"
)
# (The lookaheads list the alternatives' first characters: under re.I, sre's search has
# no quick skip for alternatives that start with a letter and tries each at every
# position; the lookahead gives it one. Same matches, half the instructions.)
# A word of each alternative of COPYRIGHT (its first one starts the line) and of PAYWALL,
# for Guarded.
COPYRIGHT_STARTS, COPYRIGHT_WORDS = ("copyright", "©", "(c)"), ("all rights reserved", "無断転載")
PAYWALL_WORDS = ("有料会員", "会員限定", "続きは", "subscribe", "to continue reading", "khusus pelanggan")
PAYWALL_NOTE = Guarded(re.compile(rf"(?=[有会続stk])(?:{PAYWALL})", re.I), PAYWALL_WORDS)
# A copyright notice or a paywall note: one search for both (one pass over the line).
NOTICE = Guarded(
    re.compile(rf"(?=[c©(a無有会続stk])(?:{COPYRIGHT}|{PAYWALL})", re.I), COPYRIGHT_WORDS + PAYWALL_WORDS, COPYRIGHT_STARTS
)


def _notice_line(text: str) -> bool:
    """A line that is a label alone (an ad slot's "ADVERTISEMENT", "ANZEIGE", "広告": one
    word in capitals, no sentence), the copyright notice a wire story ends with, or the
    note that the rest is for subscribers."""
    return bool((ONE_WORD.fullmatch(text) and not text.istitle()) or NOTICE.search(text))


def _bold_line(p) -> bool:
    """A paragraph that is a short bold line: a heading in all but name."""
    if not len(p) or (p.text or "").strip():
        return False  # (most paragraphs: text of their own, read before their children)
    kids = [c for c in p if isinstance(c.tag, str)]
    return (
        len(kids) == 1
        and kids[0].tag in ("strong", "b")
        and not (p.text or "").strip()
        and not (kids[0].tail or "").strip()
        and 0 < len(T.all_text(kids[0])) <= 60
    )


def _label_and_links(p) -> bool:
    """A line of a label and links only: "Baca juga: <a>…</a>", "READ MORE: <a>…</a>"."""
    links = "".join(T.all_text(a) for a in p.iter("a"))
    rest = T.clean(T.all_text(p).replace(links, " ") if links else "")
    return (
        bool(links.strip()) and 0 < len(rest) <= 25 and rest.endswith((":", "：", "|", "»", "›"))
        and not SOURCE_LABEL.match(rest)  # "Source: <a>Ministry of Finance</a>" credits the text
    )


SOURCE_LABEL = re.compile(r"(?:sources?|sumber|quelle|fuente|fonte|出典|出所|資料)\b", re.I)


def _links_home(el, host: str | None) -> bool:
    """Its links go to this site's own pages (another of its stories, a section)."""
    hrefs = [a.get("href") or "" for a in el.iter("a")]
    if not hrefs or not host:
        return False
    for href in hrefs:
        link_host = urlsplit(href).hostname if href.startswith(("http:", "https:", "//")) else None
        if link_host and _site(link_host) != _site(host):
            return False
        if href.startswith(("#", "javascript:", "mailto:")):
            return False
    return True


def _teasers(box, host: str | None) -> bool:
    """A box of cards for other stories of this site, each led by a link to one (its
    headline), whatever its summary lines say: at least two, and most of what it holds."""
    cards = [c for c in box if isinstance(c.tag, str) and c.tag not in HEADINGS]
    if len(cards) < 2:
        return False
    led = 0
    for card in cards:
        if card.tag not in TEASER_TAGS:
            return False
        link = next((a for a in card.iter("a") if T.clean(T.all_text(a))), None)  # (not the photo's)
        if link is None or len(T.clean(T.all_text(link))) < 12 or not _links_home(link, host):
            return False
        before = T.clean(card.text) + "".join(T.clean(e.text) for e in link.iterancestors() if e is not card)
        led += not before
    return led == len(cards)


TEASER_TAGS = frozenset(("div", "li", "article", "section"))


def _holds_paragraph(box, boxes) -> bool:
    """A paragraph of plain text sits inside ``box`` (an article's lead over the list of
    links that ends its box): the box is no list of links as a whole; its lists go on
    their own."""
    for p in box.iter("p"):
        s = boxes.get(p)
        if s is not None and s.chars >= PARAGRAPH_CHARS and s.links <= 0.1 * s.chars:
            return True
    return False


PARAGRAPH_CHARS = 100


def _cites_elsewhere(box, host: str | None) -> bool:
    """A list of links to other sites (sources, further reading the author chose), not to
    this site's own pages (related articles, navigation)."""
    if not host:
        return False
    hrefs = [a.get("href") or "" for a in box.iter("a")]
    if len(hrefs) < 3:
        return False  # one "see also" link is no reading list
    other = 0
    for href in hrefs:
        link_host = urlsplit(href).hostname if href.startswith(("http:", "https:", "//")) else None
        if link_host and _site(link_host) != _site(host):
            other += 1
    return other >= 0.6 * len(hrefs)


def _site(host: str) -> str:
    """news.example.co.jp -> example.co.jp (roughly: the last two labels, three when the
    second-to-last is short like "co")."""
    parts = host.lower().removeprefix("www.").split(".")
    keep = 3 if len(parts) >= 3 and len(parts[-2]) <= 3 and len(parts[-1]) == 2 else 2
    return ".".join(parts[-keep:])


def read(container, layout: Layout, headline=None, host=None) -> list[str]:
    """The container's paragraphs, minus the boxes inside it that are not article text."""
    boxes, unread = layout.boxes, layout.unread
    exclude = set()
    for el in container.iter():
        if el is container:
            continue
        if el in unread:
            exclude.add(el)
            continue
        s = boxes.get(el)
        if s is None:
            continue  # an inline element, read with its paragraph (or a comment)
        tag = s.tag
        if tag in BOX_TAGS and s.chars and link_density(s) > 0.5 and not _cites_elsewhere(el, host) and not _holds_paragraph(el, boxes):
            exclude.add(el)
        elif tag in BOX_TAGS and _teasers(el, host):
            exclude.add(el)  # cards of other stories: a linked headline, a line of summary
        elif tag in BOX_TAGS and s.chars > 100 and _person_box(el):
            exclude.add(el)  # the author's box: name, photo and a bio, not article text
        elif tag in BOX_TAGS and s.controls and s.chars < 300:
            exclude.add(el)  # a sign-up form, a font-size switch: buttons and a few words
        elif s.images == 1 and tag in PHOTO_BOXES and photo_box(el, s, boxes[container]):
            exclude.add(el)  # a photo with its caption in a box of their own: no <figure> but one
        elif tag in LINE_TAGS and s.chars < 80 and _ui_line(el):
            exclude.add(el)  # reaction counters "2 0 0 0", "komentar · Jadi yg pertama suka"
        elif tag == "p" and s.chars and link_density(s) > 0.6 and _links_home(el, host):
            exclude.add(el)  # "READ MORE | <another story of this site>"
        elif tag == "p" and s.links and s.chars < 300 and _label_and_links(el):
            exclude.add(el)  # "Baca juga: <another story>", "関連記事：<…>", on any site
        elif tag in ("p", "div", "span") and s.chars <= 300 and _after_photo(el):
            exclude.add(el)  # a bare photo's caption line
        elif (tag == "p" or (tag == "div" and not s.blocks)) and s.chars < 300 and (
            _notice_line(line := T.clean(T.all_text(el))) or (s.chars < 120 and PHOTO_LINE.match(line))
        ):
            # "ADVERTISEMENT", "広告", "Copyright 2025 … All rights reserved."; "Image:
            # Amazon.co.jp": a photo's credit, not text
            exclude.add(el)
        elif tag == "h1" or el is headline:
            exclude.add(el)
        elif tag in HEADINGS and s.chars and s.links >= 0.9 * s.chars:
            exclude.add(el)  # a heading that is a link: another story's, a promotion
    if headline is not None and any(a is container for a in headline.iterancestors()):
        # What comes before the headline (a section label, a kicker) is not article text.
        node = headline
        while node is not None and node is not container:
            exclude.update(node.itersiblings(preceding=True))
            node = node.getparent()
    for h in [*container.iter(*HEADINGS), *(p for p in container.iter("p") if _bold_line(p))]:
        # A heading with no text of its own under it (the heading of a box left out,
        # "Audios et vidéos sur le sujet"; one that ends the article) goes.
        if not _text_under(h, boxes, exclude) and (h.getnext() is not None or _last(h, container)):
            exclude.add(h)
        elif h.getnext() in exclude and T.clean(T.all_text(h)).endswith((":", "：")):
            exclude.add(h)  # "Also read:" over the links left out
    return T.paragraphs([container], exclude=exclude, skip_junk=False)


HEADINGS = ("h2", "h3", "h4", "h5", "h6")
PHOTO_BOXES = frozenset(("div", "span", "p", "section", "a", "center"))


def photo_box(el, s: Box, around: Box) -> bool:
    """A box of one photo and a few words beside it in an element of their own (its
    caption, its credit), small beside the text around it: a figure in all but name.
    (Words printed loose beside the image, "<p><img>Text…</p>", are a paragraph.)"""
    if not (0 < s.chars <= 450 and s.links < 0.5 * s.chars and s.chars < 0.3 * around.chars):
        return False
    return not (el.text or "").strip() and not any((c.tail or "").strip() for c in el)


def _text_under(h, boxes, exclude) -> bool:
    """Text that is kept follows heading ``h`` before the next heading."""
    if (h.tail or "").strip():
        return True
    for sib in h.itersiblings():
        if not isinstance(sib.tag, str):
            continue
        if sib.tag in HEADINGS:
            return False
        if sib not in exclude and (boxes[sib].chars if sib in boxes else T.all_text(sib).strip()):
            return True
        if (sib.tail or "").strip():
            return True
    return False


def _last(el, container) -> bool:
    """Nothing follows ``el`` in ``container`` (no text, no element)."""
    while el is not container:
        if (el.tail or "").strip() or el.getnext() is not None:
            return False
        el = el.getparent()
        if el is None:
            return False
    return True
