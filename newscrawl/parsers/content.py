"""The article text of a page no selector knows.

    paragraphs = article_text(doc, headline="...")

Readability's idea, in one pass over the lxml tree: every paragraph scores its parent
and grandparent for its length and punctuation; the best-scoring container, discounted
by how much of its text is link text, holds the article. Its paragraphs are then read
in order, leaving out what sits inside it without being article text: boxes whose
class or id names a widget (share bars, related lists, ads), lists and blocks that are
mostly links (related headlines, tag clouds), and the headline itself.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from newscrawl.parsers import text as T

# Never article text, with everything inside them.
DROP_TAGS = frozenset(
    "script style noscript template svg button input select textarea iframe object embed video audio "
    "canvas picture img figure figcaption aside nav footer map head title meta link option label dialog".split()
)
# Elements whose text is a paragraph by itself.
PARAGRAPH_TAGS = frozenset("p pre td blockquote h2 h3 h4 h5 h6".split())
INLINE_TAGS = frozenset(
    "a abbr b bdi bdo cite code data dfn em font i kbd mark q rp rt ruby s samp small span strong sub sup "
    "time tt u var wbr br del ins".split()
)
# Class/id words of boxes that are not article text (matched per word, like T.JUNK_WORD):
# sure ones, and vague ones that CMS page builders also give the article's own region.
SURE_WIDGET = re.compile(
    r"(?:^|[-_])(?:(?:share|sharing|social|related|recommend|newsletter|comment|advert|sponsor|outbrain|taboola)\w*"
    r"|sns|subscribe|paywall|ads?|adv|promo|breadcrumbs?|popup|modal|cookie|ranking|rank"
    r"|more-?stories|read-?more|also-?read|print-?only|sr-only|visually-?hidden|skip"
    r"|sign-?in|login|register|registration|subscription|subscriber|upsell"
    r"|(?:wp-|img-|image-|photo-)?caption(?:-text)?|(?:img|image|photo|foto)[-_]*credits?|author-?(?:info|bio|box|description|card)"
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
COMMAS = re.compile(r"[,，、،;；。]")


def _words(value: str | None) -> list[str]:
    return value.split() if value else []


def class_weight(el) -> int:
    """Readability's ±25 for each of class and id that names an article or a widget."""
    weight = 0
    for attr in ("class", "id"):
        tokens = _words(el.get(attr))
        if any(NOT_ARTICLE.search(t) for t in tokens):
            weight -= 25
        elif any(ARTICLE_WORD.search(t) for t in tokens):
            weight += 25
    return weight


def is_dropped(el) -> bool:
    """Never text a reader sees: scripts, media, navigation, hidden elements."""
    tag = el.tag
    if not isinstance(tag, str) or tag in DROP_TAGS:
        return True
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    style = el.get("style")
    if style and HIDDEN_STYLE.search(style):
        return True
    classes = el.get("class")
    if classes and "hid" in classes or classes and "none" in classes:
        tokens = classes.split()
        # CSS utility classes that hide a box ("hidden"), unless another one shows it
        # again from some screen width on (Tailwind's "hidden md:block").
        return any(t in HIDDEN_CLASSES for t in tokens) and not any(":" in t or t.startswith("d-") and t != "d-none" for t in tokens)
    return False


def widget_kind(el) -> str | None:
    """"sure" when a class, id or role names a box that is never article text, "vague"
    for names that usually are not (widget, sidebar, menu), else None. An attribute that
    also names the article (class="article-body paywall") does not count."""
    kind = None
    for attr in ("class", "id", "role"):
        tokens = _words(el.get(attr))
        if not tokens or any(ARTICLE_WORD.search(t) for t in tokens):
            continue
        for t in tokens:
            if SURE_WIDGET.search(t):
                return "sure"
            if VAGUE_WIDGET.search(t):
                kind = "vague"
    return kind


def weight(text: str) -> int:
    """Length that counts a CJK character as three letters (a word, roughly)."""
    n = len(text)
    return n + 2 * len(CJK.findall(text)) if n else 0


class Box:
    """What one element holds: text weight, of it in links, and punctuation; ``own_*``
    counts only the text not inside a block child (a <div> of text and <br>s)."""

    __slots__ = ("chars", "links", "commas", "own_chars", "own_links", "own_commas", "blocks", "controls")

    def __init__(self):
        self.chars = self.links = self.commas = self.controls = 0
        self.own_chars = self.own_links = self.own_commas = 0
        self.blocks = False  # has a block-level child


def measure(root) -> dict:
    """A Box for every element under ``root`` that a reader sees."""
    boxes: dict = {}

    def add_text(b: Box, text: str, in_link: bool) -> None:
        text = text.strip()
        if text:
            w, c = weight(text), len(COMMAS.findall(text))
            b.chars += w
            b.own_chars += w
            b.commas += c
            b.own_commas += c
            if in_link:
                b.links += w
                b.own_links += w

    def walk(el, in_link: bool) -> Box:
        b = Box()
        boxes[el] = b
        in_link = in_link or el.tag == "a"
        if el.text:
            add_text(b, el.text, in_link)
        for child in el:
            if not is_dropped(child):
                c = walk(child, in_link)
                b.chars += c.chars
                b.links += c.links
                b.commas += c.commas
                b.controls += c.controls
                if child.tag in INLINE_TAGS and not c.blocks:
                    b.own_chars += c.chars
                    b.own_links += c.links
                    b.own_commas += c.commas
                else:
                    b.blocks = True
            elif child.tag in CONTROLS:
                b.controls += 1
            if child.tail:
                add_text(b, child.tail, in_link)
        return b

    walk(root, False)
    return boxes


def link_density(b: Box) -> float:
    return b.links / b.chars if b.chars else 1.0


def widgets(root, boxes: dict, keep=None) -> list:
    """Boxes named as widgets, to leave out with what is inside them: always for the
    sure names (share, related, comments, ads ...), for the vague ones (widget, sidebar,
    menu) only when small or mostly links, as a CMS may call the article's region a
    "widget". Never a box that holds ``keep`` (the headline)."""
    total = boxes[root].chars or 1
    spared = set(keep.iterancestors()) if keep is not None else set()
    out = []
    it = root.iter()
    for el in it:
        b = boxes.get(el)
        if b is None or el is root or el in spared:
            continue
        kind = widget_kind(el)
        if kind is None:
            continue
        if kind == "sure" or b.chars < 0.2 * total or link_density(b) > 0.33:
            out.append(el)
    out = [el for el in out if not any(a in set(out) for a in el.iterancestors())]
    for el in out:  # their text no longer counts for the boxes around them
        b = boxes[el]
        for a in el.iterancestors():
            if a in boxes:
                boxes[a].chars -= b.chars
                boxes[a].links -= b.links
                boxes[a].commas -= b.commas
    return out


def score_candidates(boxes: dict, mass: dict | None = None) -> dict:
    """Readability's scoring: each paragraph scores the boxes around it (less the farther
    up); a run of text directly in a box is a paragraph of that box. ``mass`` (if given)
    gets, for every box, [article-like text, link and list text] inside it."""
    scores: dict = {}
    for el, b in boxes.items():
        if el.tag in INLINE_TAGS:
            continue
        if not b.blocks or el.tag == "p":
            chars, links, commas, start, level = b.chars, b.links, b.commas, el.getparent(), 0
        elif b.own_chars >= 25:
            chars, links, commas, start, level = b.own_chars, b.own_links, b.own_commas, el, 0
        else:
            continue
        if mass is not None and chars:
            good, bad = (chars - links, links) if links <= 0.5 * chars else (0, chars)
            node = start
            while node is not None and node in boxes:
                m = mass.setdefault(node, [0, 0])
                m[0] += good
                m[1] += bad
                node = node.getparent()
        if chars < 25 or links > 0.5 * chars:
            continue
        points = 1 + commas + min(chars // 100, 3)
        node = start
        while node is not None and level < 5 and node in boxes:
            if node not in scores:
                scores[node] = _initial(node, boxes[node].chars)
            scores[node] += points / (1 if level == 0 else 2 if level == 1 else level * 3)
            node, level = node.getparent(), level + 1
    for el in scores:
        scores[el] *= 1 - link_density(boxes[el])
    return scores


def _initial(el, chars: int) -> float:
    tag = el.tag
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
        if parent is root or parent not in mass:
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


def article_text(doc, headline=None, exclude=(), url: str | None = None) -> list[str]:
    """The article's paragraphs, in order. ``headline``: the headline's element, if known
    (the box holding it is never left out, and it is not repeated in the text);
    ``exclude``: elements that are not article text (the byline)."""
    body = doc.find("body")
    root = body if body is not None else doc
    boxes = measure(root)
    for box in [*widgets(root, boxes, keep=headline), *exclude]:
        for el in box.iter():
            boxes.pop(el, None)
    mass: dict = {}
    scores = score_candidates(boxes, mass)
    if not scores:
        return []
    top = max(scores, key=scores.get)
    if top in mass:
        top = expand(top, mass, root)
        scores.setdefault(top, 0.0)
    paras = []
    for el in _with_siblings(top, scores, boxes):
        paras += read(el, boxes, headline, urlsplit(url).hostname if url else None)
    return paras


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
            if (s.chars > 80 and link_density(s) < 0.25) or (0 < s.chars and link_density(s) == 0 and "".join(sib.itertext()).rstrip().endswith((".", "。"))):
                out.append(sib)
    return out


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


def read(container, boxes, headline=None, host=None) -> list[str]:
    """The container's paragraphs, minus the boxes inside it that are not article text."""
    exclude = set()
    for el in container.iter():
        if el is container or not isinstance(el.tag, str):
            continue
        s = boxes.get(el)
        if s is None:
            exclude.add(el)
            continue
        if el.tag in BOX_TAGS and s.chars and link_density(s) > 0.5 and not _cites_elsewhere(el, host):
            exclude.add(el)
        elif el.tag in BOX_TAGS and s.controls and s.chars < 300:
            exclude.add(el)  # a sign-up form, a font-size switch: buttons and a few words
        elif el.tag == "h1" or el is headline:
            exclude.add(el)
    for h in container.iter(*HEADINGS):
        # A heading with no text of its own under it (the heading of a box left out,
        # "Audios et vidéos sur le sujet"; one that ends the article) goes.
        if not _text_under(h, boxes, exclude) and (h.getnext() is not None or _last(h, container)):
            exclude.add(h)
    return T.paragraphs([container], exclude=exclude, skip_junk=False)


HEADINGS = ("h2", "h3", "h4", "h5", "h6")


def _text_under(h, boxes, exclude) -> bool:
    """Text that is kept follows heading ``h`` before the next heading."""
    if (h.tail or "").strip():
        return True
    for sib in h.itersiblings():
        if not isinstance(sib.tag, str):
            continue
        if sib.tag in HEADINGS:
            return False
        if sib not in exclude and sib in boxes and boxes[sib].chars:
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
