"""When a page of an unknown site says it was published.

    found = published(page, headline_element, fetched_at)

Where pages say it, most trusted first:

1. structured data: the JSON-LD article's ``datePublished``, publication ``<meta>``s;
2. the date printed next to the headline (a ``<time>``, a dateline like
   ``2019年3月15日 09:43`` or ``Veröffentlicht am 13. Mai 2026 um 15:44``): the
   nearest one wins, so a related-article list or a sidebar never does;
3. other structured data that dates the page (a WebPage's ``datePublished``);
4. a date in the URL (``/2020/04/24/``);
5. htmldate's guess (the trafilatura author's date library) from the rest of the page.

Structured data gives only a day now and then (or its midnight) while the page prints
the time too: the printed time is taken when it falls on that day. A UTC instant
(``…Z``) is given in the page's own offset when the page shows it (another timestamp
with an offset, or the local time printed by the headline), so that an evening article
of a US site keeps its day. Whatever names no zone is read in the page's (its other
timestamps', else its country's); a day alone is given as its noon, the same day in
any offset within 12 hours. Month names are those of the page's language, or where it
declares none, of its headline's script.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from itertools import chain
import zoneinfo
from dataclasses import dataclass
from typing import NamedTuple
from functools import lru_cache
from pathlib import Path
from datetime import datetime, timedelta, timezone
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import lxml.html

from newscrawl.parsers import text as T
from newscrawl.timeparse import DAY, ZONE_RE, Parsed, ascii_digits, nfkc, parse_time, relative_rules

# Publication-time <meta> names (lower case), most exact first.
PUBLISHED_METAS = (
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "article:published",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "published_time",
    "published_at",
    "dc.date.issued",
    "dcterms.issued",
    "dcterms.created",
    "dc.date.created",
    "sailthru.date",
    "parsely-pub-date",
    "cxenseparse:recs:publishtime",
    "citation_publication_date",
    "citation_online_date",
    "citation_date",
    "dc.date",
    "date",
)
MODIFIED_METAS = ("article:modified_time", "og:updated_time", "datemodified", "lastupdate", "dc.date.modified")
# What a printed date needs besides digits: a year (a Thai one counts from the Buddha:
# 2568, an Iranian one from the Hijra: 1403), a month name or CJK date marks, or a
# relative time ("3 hours ago"), or it is a day/month pair standing alone ("1/14(火)
# 9:30"), or a date with a two-digit year ("20.01.25 | 18:30") or an era by its letter
# ("R7.1.14").
DATE_HINT = re.compile(
    r"(?=[\d年月日RHSaly前])(?:(?:1[34]|19|20|25)\d\d|[年月日]|(?<![A-Za-z])[RHS]\d{1,2}[./]\d{1,2}[./]\d|\b(?:ago|lalu|yang)\b|前"
    r"|\d{1,2}/\d{1,2}\s*(?:[(（][^)）]{1,3}[)）]|\d{1,2}:\d\d)|\d{1,2}([./-])\d{1,2}\1\d\d\b)",  # (led by its first characters: sre tries no alternative elsewhere)
    re.I,
)
URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?=/|[-_.]|$)")
WINDOW_AFTER = 2500  # characters of page text after the headline a byline date may sit in
WINDOW_BEFORE = 600  # ... and before it (a date over the headline)
UTC = timezone.utc


@dataclass
class Found:
    raw: str  # what the page says, as printed (or as its structured data writes it)
    source: str  # jsonld, meta, generic
    local: str | None = None  # ISO in the page's own offset, when the raw text has another
    element: object = None  # where the page prints it (never article text)
    precision: int | None = None  # seconds of uncertainty of ``local``: what ``raw`` prints


def published(page, headline, fetched_at: datetime | None) -> Found | None:
    found = _published(page, headline, fetched_at)
    if found is None:
        return None
    if found.local is None:
        # A day or a clock without a zone (from the URL, a <time>, htmldate, a naive
        # structured value) is in the page's own zone, as printed dates are.
        found.local, found.precision = _in_page_offset(page, found.raw, fetched_at)
    elif found.precision is None:
        parsed = parse_time(found.raw, fetched_at, UTC, rules_only=True, language=page_language(page))
        found.precision = parsed.precision if parsed else 1
    return found


def _published(page, headline, fetched_at: datetime | None) -> Found | None:
    zone = timezone(timedelta(0))  # only to compare instants: raw text keeps its own zone
    structured = _structured(page)
    by_headline = printed_dates(page, headline, fetched_at, far=False)
    printed = by_headline.near
    first = structured[0] if structured else None
    if first is not None:
        value = parse_time(first[1], fetched_at, zone, rules_only=True)
        if value is None or not _plausible(value, fetched_at):
            first = None
    if first is not None:
        source, raw = first
        # A day alone, or written as its midnight ("2025-01-20T00:00:00+09:00", what a
        # CMS that stores days writes): the printed clock on that day is the time.
        day_only = value.precision >= DAY or not (value.dt.hour or value.dt.minute or value.dt.second)
        if day_only and printed is not None:
            p_raw, p, _ = printed
            if p.precision < DAY and p.dt.date() == value.dt.date():
                return Found(p_raw, "generic", None, printed[2])
        if printed is not None and _local_time_marked_utc(value, _in_page_zone(page, printed, fetched_at)):
            return Found(printed[0], "generic", None, printed[2])
        return Found(raw, source, _local(page, raw, value, printed, fetched_at), printed and printed[2])
    if printed is not None:
        return Found(printed[0], "generic", None, printed[2])
    for source, raw in structured[1:]:
        if _plausible(parse_time(raw, fetched_at, zone, rules_only=True), fetched_at):
            return Found(raw, source)
    m = URL_DATE.search(page.url or "")
    if m:
        return Found("-".join(m.groups()), "generic")
    # (The window around the headline was read above, with no date in it: the rest alone.)
    later, masthead = printed_dates(page, headline, fetched_at, window=False).later, by_headline.masthead
    if later is not None:  # a "Datum 28.04.2023" box under the article
        return Found(later[0], "generic", None, later[2])
    scripted = scripted_date(page, headline)
    if scripted is not None:
        return Found(scripted, "generic")
    guess = _htmldate(page)
    if guess:
        return Found(guess, "generic")
    if masthead is not None:  # the day the page was made: better than no day at all
        return Found(masthead[0], "generic", None, masthead[2])
    return None


EARLIEST = datetime(1994, 1, 1, tzinfo=UTC)  # the first news sites


def _plausible(value: Parsed | None, fetched_at: datetime | None) -> bool:
    """A publication time a page may really have: not before the web had news sites
    (a CMS's empty date is 1970-01-01 or 0001-01-01), not after the page was fetched."""
    if value is None or value.dt < EARLIEST:
        return False
    return fetched_at is None or value.dt <= fetched_at + timedelta(days=1)


def page_language(page) -> str | None:
    """The page's language, whose month names its dates may print; where the page
    declares none, the language its headline's script is mostly written in."""
    declared = page.page_language() if hasattr(page, "page_language") else None
    if declared:
        return declared
    headline = getattr(page, "headline", (None, None))[1]
    return script_language(headline or page.page_title)


# Scripts written mostly in one language, for its month names (a Persian page on the
# Arabic script declares its language more often than an Arabic one does). Chinese
# characters are Japanese beside kana, else Chinese.
SCRIPT_LANGUAGES = (
    ("ar", "\u0600-\u06ff"), ("ru", "\u0400-\u04ff"), ("el", "\u0370-\u03ff"), ("he", "\u0590-\u05ff"),
    ("th", "\u0e00-\u0e7f"), ("ko", "\uac00-\ud7af"), ("hi", "\u0900-\u097f"), ("ka", "\u10a0-\u10ff"),
    ("hy", "\u0530-\u058f"), ("ja", "\u3040-\u30ff"), ("zh", "\u3400-\u9fff"),
)
SCRIPT_RE = [(code, re.compile(f"[{chars}]")) for code, chars in SCRIPT_LANGUAGES]


def script_language(text: str) -> str | None:
    """The language of the script most of ``text``'s letters are in, or None."""
    counts = {code: len(regex.findall(text)) for code, regex in SCRIPT_RE}
    if counts["ja"]:
        counts["ja"] += counts.pop("zh")
    code = max(counts, key=counts.get)
    n = counts[code]
    return code if n and n * 2 >= sum(c.isalpha() for c in text) else None


def _local_time_marked_utc(value: Parsed, printed: Parsed) -> bool:
    """Structured data writes the page's local clock with a "Z" (a common CMS slip): the
    time by the headline carries its own offset, not UTC, and shows the same clock."""
    if value.precision >= DAY or printed.precision >= DAY or value.dt.utcoffset() != timedelta(0):
        return False
    offset = printed.dt.utcoffset()
    return bool(offset) and printed.dt.replace(tzinfo=None, second=0) == value.dt.replace(tzinfo=None, second=0)


def _in_page_zone(page, printed, fetched_at) -> Parsed:
    """The printed time by the headline; one that names no zone in the page's own
    (its other timestamps', else its country's)."""
    raw, parsed = printed[0], printed[1]
    if _prints_zone(raw):
        return parsed
    offset = page_offset(page)
    zone = timezone(offset) if offset is not None else site_zone(page)
    if zone is None:
        return parsed
    return parse_time(raw, fetched_at, zone, rules_only=True, language=page_language(page)) or parsed


def _structured(page) -> list[tuple[str, str]]:
    """(layer, raw value) candidates: the article's JSON-LD, <meta>s, other JSON-LD."""
    out = []
    for key in ("datePublished", "dateCreated"):
        v = _first_text(page.jsonld.get(key))
        if v:
            out.append(("jsonld", v))
    for name in PUBLISHED_METAS:
        for v in page.metas.get(name, []):
            out.append(("meta", v))
    for obj in page.jsonld_objects:
        v = _first_text(obj.get("datePublished"))
        if v and obj is not page.jsonld:
            out.append(("jsonld", v))
    return out


def _first_text(value) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(int(value))  # Unix seconds or milliseconds, written as a number
    return value.strip() if isinstance(value, str) and value.strip() else None


# ---------------------------------------------------------------------- printed dates
class Printed(NamedTuple):
    """Dates printed around the headline, each a (raw, Parsed, element) or None."""

    near: tuple | None  # the nearest to the headline
    later: tuple | None  # the first below the window around it
    masthead: tuple | None  # the first above it in the page's masthead


def printed_dates(page, headline, fetched_at, far: bool = True, window: bool = True) -> Printed:
    """The date printed nearest the headline (a <time>'s machine value or a line of text
    that reads as a date), the first one farther down the page, and one in the page's
    masthead. ``far``: also look below the window around the headline (the whole rest of
    the page: only when nothing else dates it); ``window``: look in that window (not when
    it was read before and held no date: what is below it then reads the same alone)."""
    anchor = headline
    if anchor is None:
        anchor = next(iter(page.tagged("h1")), None)
    if anchor is None:
        return Printed(None, None, None)
    zone = UTC
    near, later, masthead = [], None, None  # (distance, raw, parsed, element)
    # How far up from the headline each of its boxes is: a date above the headline that
    # shares with it only a box far up is the page's masthead ("Sunday, July 19, 2020 |
    # Today's Paper"): the day the page was made, not the article's.
    levels = {a: i for i, a in enumerate(anchor.iterancestors())}
    position = page.layout.position
    language = page_language(page)
    rules = relative_rules(language) if language else None
    relative = rules.any if rules else None
    anchor_at = _position(page.layout, anchor) or 0
    nearest = None  # the least distance + penalty of a date found in the window
    told = False  # a date below the window went on to tell the story: the rest is its dates
    read: dict = {}  # text -> parse_time's answer
    for distance, el, texts in _around(page, anchor, far, window):
        if distance > WINDOW_AFTER and (near or later is not None or told):
            break
        if nearest is not None and distance > nearest + LINE_CHARS:
            break  # nearest first: nothing farther beats it, nor shares its line
        for raw, extra, update in _readings(el, texts, relative):
            # (A box's whole text is read again for each of its lines: parsed once.)
            parsed = read.get(raw, read)
            if parsed is read:
                parsed = read[raw] = parse_time(raw, fetched_at, zone, rules_only=True, language=language)
            if parsed is None or parsed.precision > DAY or _in_photo_box(el):
                continue
            if not _plausible(parsed, fetched_at):
                continue  # a page never prints its publication in the future
            d = distance + extra + (400 if update or _named_update(el) else 0)
            d += 400 if _is_sentence(raw) else 0
            if position.get(el, 0) < anchor_at and _masthead(el, levels):
                masthead = masthead or (d, raw, parsed, el)
            elif distance > WINDOW_AFTER:
                if _tells(raw):
                    told = True
                else:
                    later = (d, raw, parsed, el)
            else:
                near.append((d, raw, parsed, el))
                nearest = d if nearest is None else min(nearest, d)
            break
    best = min(near, key=lambda c: (c[0], c[2].precision), default=None)
    if best is not None:
        best = _first_of_line(best, near)
    return Printed(*(c[1:] if c else None for c in (best, later, masthead)))


LINE_CHARS = 200  # the text of a line of dates ("28. Juni 2025 - 16.03 Uhr Akt.: 29. Juni …")


def _first_of_line(best, near):
    """Two dates on the line of the nearest one are its publication and its last update,
    in whatever words the page says it ("Akt.:", "수정", "atualizado em"): the earlier
    one (on the same day, the more precise)."""
    line = best[3]
    for parent in line.iterancestors():
        if _text_longer(parent, LINE_CHARS, strip=True):
            break
        line = parent
    inside = [c for c in near if c[3] is line or any(a is line for a in c[3].iterancestors())]
    return min(inside, key=lambda c: (c[2].dt.date(), c[2].precision, c[0]), default=best)


def _text_longer(el, limit: int, strip: bool = False) -> bool:
    """``el`` holds more than ``limit`` characters of text (each piece stripped, if
    asked): counted only until it does, as a box far up holds the whole page."""
    n = 0
    for t in el.itertext():
        n += len(t.strip()) if strip else len(t)
        if n > limit:
            return True
    return False


MASTHEAD_LEVELS = 4  # boxes up from the headline to the one it shares with a date above it


def _masthead(el, levels: dict) -> bool:
    """A box above the headline that shares with it only a box far up, or only the
    page's <body> with a bar of links (a shallow page's top bar: logo, today's date,
    menu; a date line of its own over the headline is the article's)."""
    level = _shared_level(el, levels)
    if level >= MASTHEAD_LEVELS:
        return True
    if level < len(levels) - 2:
        return False
    branch = el
    for a in el.iterancestors():
        if a in levels:
            break
        branch = a
    return next(branch.iter("a"), None) is not None


def _shared_level(el, levels: dict) -> int:
    """Boxes up from the headline to the first box that also holds ``el``."""
    for a in el.iterancestors():
        if a in levels:
            return levels[a]
    return len(levels)


def _readings(el, texts, relative=None):
    """(text to read, distance penalty, is an update) for one element: a <time>'s machine
    value, its own text, then all its text (a date split over <span>s), which is less
    specific. A line that also says when it was updated is read in parts, the
    publication's first ("更新日：2025.01.15　公開日：2025.01.14"). ``relative``: the page
    language's relative times ("vor 3 Stunden"), which are dates too."""
    update = _is_update(texts[-1] if texts else None)
    if el.tag == "time" or el.get("itemprop") in ("datePublished", "dateCreated"):
        machine = (el.get("datetime") or el.get("content") or "").strip()
        if machine:
            yield machine, 0, update
    hint = lambda t: DATE_HINT.search(ascii_digits(t)) or (relative and relative.search(t))  # noqa: E731
    for i, text in enumerate(texts):
        if not text or len(text) > LINE_CHARS:
            continue
        if len(text) <= 80 and hint(text) and not _is_update(text):
            yield text, 50 * i, update
            continue
        parts = [p for p in LINE_PARTS.split(text) if p]  # "Published: … EST | Updated: …"
        for part in sorted(parts, key=_is_update):
            if len(part) <= 80 and hint(part):
                yield part, 50 * i, _is_update(part) or (update and len(parts) == 1)
                break


# The parts of a line of metadata: apart by a bar, a dot or wide space, or each with
# its label ("Posted … Updated …", "公開日 … 更新日 …").
LINE_PARTS = re.compile(
    r"\s+[|·•]\s+|\s{2,}|\u3000|\s*(?=\b(?:updated?|published|posted|aktualisiert|veröffentlicht)\b)"
    r"|\s*(?=(?:最終)?(?:更新|公開|配信|掲載|投稿|입력|수정))",
    re.I,
)


# (Led by its words' first characters: sre tries no alternative at any other place.)
UPDATE_WORD = re.compile(r"(?=[uam更수])(?:updated?|aktualisiert|actualizado|mis à jour|更新|수정)", re.I)
SKIP_TAGS = frozenset(("script", "style", "noscript", "template", "option", "title"))


def _is_update(text: str | None) -> bool:
    return bool(text and UPDATE_WORD.search(text))


SENTENCE_END = re.compile(r"[.!?。！？]\W*$")
WORD = re.compile(r"[^\W\d_]{2,}")
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


def _is_sentence(text: str) -> bool:
    """A sentence of the article that mentions a day ("On Dec. 3, 2024, the council
    first…", "政府は1月20日、…を発表した。"), not a line that dates it: many words (or
    Chinese characters), and a sentence's end."""
    if len(text) <= 40 or not SENTENCE_END.search(text):
        return False
    return len(WORD.findall(text)) >= 7 or len(CJK.findall(text)) >= 20


# A date, then a comma and the words of what happened that day, to the end of the text.
TOLD = re.compile(r"\d[日일号號]?\s*[,，、](\D+)$")


def _tells(text: str) -> bool:
    """The date opens a clause of the story ("2017年7月18日，正式加盟环球音乐…", "On July 18,
    2017, the band signed with a new label"): what happened on a day, not the day a text
    was put out, which a date line ends or stands beside ("Hamburg, den 02. Dezember
    2022", "Datum 28.04.2023")."""
    m = TOLD.search(text)
    return bool(m) and (len(CJK.findall(m.group(1))) >= 10 or len(WORD.findall(m.group(1))) >= 4)


UPDATE_NAME = re.compile(r"modif|updat|edited|revis|aktualisiert", re.I)


def _named_update(el) -> bool:
    """The date's box says in its markup that it is the last change, whatever its text:
    class="updated", itemprop="dateModified", id="last-modified"."""
    for box in (el, el.getparent()):
        if box is not None and any(UPDATE_NAME.search(box.get(a) or "") for a in ("class", "id", "itemprop")):
            return True
    return False


def _around(page, anchor, far: bool = True, window: bool = True):
    """(distance in characters, element, texts to read) for the elements around
    ``anchor`` that may print a date, nearest first, skipping widgets (related lists,
    share bars) and photo captions."""
    layout = page.layout
    anchor_at = _position(layout, anchor)
    if anchor_at is None:
        return
    # Boxes around the headline hold its text (which may hold a date: "…(2020/7/11-12)");
    # a <span> inside it that is not the headline may be the date ("1. Februar 2022").
    around = set(anchor.iterancestors())
    headline_text = T.element_text(anchor)
    position = layout.position
    order = layout.order  # (in reading order, so their starts rise: the window is a bisection)
    lo = bisect_left(order, anchor_at - WINDOW_BEFORE, key=position.__getitem__)
    hi = bisect_right(order, anchor_at + WINDOW_AFTER, key=position.__getitem__)
    # The window around the headline, nearest first; then the rest of the page below it.
    inside = order[lo:hi] if window else []
    distances = [abs(position[el] - anchor_at) for el in inside]
    near = ((distances[i], inside[i]) for i in sorted(range(len(inside)), key=distances.__getitem__))
    below = ((position[el] - anchor_at, el) for el in (order[hi:] if far else ()))
    for distance, el in chain(near, below):
        if el in around or el is anchor or not _may_print_date(el):
            continue
        texts = [T.clean(_own_text(el, el.tag))]
        if texts[0] and texts[0] in headline_text and len(texts[0]) > 0.5 * len(headline_text):
            continue
        if len(el) and len(el) <= 12:
            texts.append(T.clean(T.all_text(el)))
        parent = el.getparent()
        if parent is not None and parent not in around and len(parent) <= 12 and parent.tag not in SKIP_TAGS:
            whole = T.clean(T.all_text(parent))  # <span>13.</span> <span>Mai 2026</span>
            if len(whole) <= 80:
                texts.append(whole)
        yield distance, el, texts


def _position(layout, el) -> int | None:
    """Where ``el`` starts in the page's text; inside a box the walk skipped (a headline
    over the lead photo, in its <figure>), where that box starts."""
    for a in (el, *el.iterancestors()):
        if a in layout.position:
            return layout.position[a]
    return None


DIGIT = re.compile(r"\d")


def _own_text(el, tag: str) -> str | None:
    """The text ``el`` starts: a <br>'s is its tail, the next line of a block broken by
    <br>s ("…<br>Hamburg, den 2. Dezember 2022<br>"), read where it stands and not as
    part of the whole block."""
    return el.tail if tag == "br" else el.text


def _may_print_date(el) -> bool:
    """A <time>, a datePublished item, or a digit in the element's own short text."""
    tag = el.tag  # (each read of .tag, .text or .tail makes a new string: once each)
    if tag == "time" or el.get("itemprop") in ("datePublished", "dateCreated"):
        return True
    # (Most texts are the white space between tags, which has no digit: isspace() says
    # so faster than the search.)
    text = _own_text(el, tag)
    if text and len(text) < 300 and not text.isspace() and DIGIT.search(text):
        return True
    for child in el:
        tail = child.tail
        if tail and len(tail) < 300 and not tail.isspace() and DIGIT.search(tail):
            return True
    return False


def _in_photo_box(el) -> bool:
    """Text in or beside a photo in a small box: its caption ("…, 24. April 2023"). A box
    with a heading is a short article with its photo, not a photo's box."""
    for box in (el, el.getparent()):
        if box is not None and next(box.iter("img"), None) is not None:
            return not _text_longer(box, 399) and next(box.iter("h1", "h2", "h3"), None) is None
    return False


# ---------------------------------------------------------------------- the page's offset
def _local(page, raw, value: Parsed, printed, fetched_at) -> str | None:
    """``raw`` in the page's own offset, when it is UTC and the page shows another (or
    the site is in a country whose zone is known)."""
    if value.precision >= DAY or value.dt.utcoffset() != timedelta(0):
        return None
    offset = _printed_offset(value, printed, page_language(page))  # timedelta(0): the page shows UTC itself
    for guess in (page_offset, lambda p: _written_offset(p.html, value.dt)):
        if offset is None:
            offset = guess(page)
    if offset is None:
        zone = site_zone(page)
        offset = value.dt.astimezone(zone).utcoffset() if zone else None
    if offset is None or offset == timedelta(0):
        return None
    return value.dt.astimezone(timezone(offset)).isoformat(timespec="seconds")


def _printed_offset(value: Parsed, printed, language: str | None = None) -> timedelta | None:
    """The local time printed by the headline (a <time>'s text rather than its machine
    value), against the same instant in UTC."""
    if printed is None:
        return None
    shown = printed[1]
    element = printed[2]
    if element is not None and element.tag == "time":
        # The machine value is the same instant: only the <time>'s text shows the clock.
        shown = parse_time(T.clean(T.all_text(element)), None, UTC, rules_only=True, language=language)
    if shown is None or shown.precision >= DAY:
        return None
    if _prints_zone(element_text_or(printed)):
        # "9:25 PM EST", "4:59 AM UTC": the zone it names, if it is the same instant.
        return shown.dt.utcoffset() if abs(shown.dt - value.dt) < timedelta(minutes=1) else None
    diff = shown.dt.replace(tzinfo=None) - value.dt.astimezone(UTC).replace(tzinfo=None)
    minutes = round(diff.total_seconds() / 60)
    if abs(minutes) <= 14 * 60 and minutes % 15 == 0:
        return timedelta(minutes=minutes)
    return None


def element_text_or(printed) -> str:
    element = printed[2]
    if element is not None and element.tag == "time":
        return T.clean(T.all_text(element))
    return printed[0]


WRITTEN_TIME = re.compile(
    r"((?:19|20)\d\d)-(\d\d)-(\d\d)[T ](\d\d):(\d\d)(?::(\d\d))?(?:\.\d+)?(Z|[+-]\d\d:?\d\d)?(?![\d:])"
)


def _written_offset(html: str, instant: datetime) -> timedelta | None:
    """The offset of the same instant written elsewhere in the page's source (a script's
    "2020-02-24T21:25:54-05:00", "publication_date = '2020-12-06 00:15'")."""
    utc = instant.astimezone(UTC).replace(tzinfo=None)
    html = html or ""
    for m in _near_days(html, utc):
        y, mo, d, hh, mm, ss, zone = m.groups()
        try:
            wall = datetime(int(y), int(mo), int(d), int(hh), int(mm), int(ss or 0))
        except ValueError:
            continue
        if ss is None and utc.second:
            wall = wall.replace(second=utc.second)
        diff = wall - utc
        minutes = diff.total_seconds() / 60
        if not minutes or minutes % 15 or abs(minutes) > 14 * 60:
            continue
        if zone and zone != "Z":  # written with its offset: it must be that offset
            sign = 1 if zone[0] == "+" else -1
            if sign * (int(zone[1:3]) * 60 + int(zone[-2:])) != minutes:
                continue
        elif zone == "Z":
            continue
        return timedelta(minutes=minutes)
    return None


def _near_days(html: str, utc: datetime):
    """WRITTEN_TIME matches that start with the instant's day or the days beside it, the
    instant's own first (str.find is much faster than running the pattern over the whole
    page). The days of one month are found in one pass over the page, by their month."""
    days = [(utc + timedelta(days=delta)).strftime("%Y-%m-%d") for delta in (0, -1, 1)]
    starts: dict[str, list[int]] = {day: [] for day in days}
    for month in dict.fromkeys(day[:8] for day in days):  # "2020-02-"
        start = html.find(month)
        while start >= 0:
            day = html[start : start + 10]
            if day in starts:
                starts[day].append(start)
            start = html.find(month, start + 1)
    for day in days:
        end = 0  # (a day is read again only after the last one: "2020-02-2020-02-20" is one)
        for start in starts[day]:
            if start >= end:
                end = start + 10
                m = WRITTEN_TIME.match(html, start)
                if m:
                    yield m


OFFSET_AT_END = re.compile(r"T\d\d:?\d\d(?::?\d\d(?:[.,]\d+)?)?\s*([+-]\d\d):?(\d\d)$")


def page_offset(page) -> timedelta | None:
    """The UTC offset the page's own timestamps carry (not UTC itself), or None."""
    values = []
    for name in PUBLISHED_METAS + MODIFIED_METAS:
        values += page.metas.get(name, [])
    for obj in page.jsonld_objects:
        for key in ("datePublished", "dateModified", "dateCreated", "uploadDate"):
            v = _first_text(obj.get(key))
            if v:
                values.append(v)
    for el in page.tagged("time"):
        machine = el.get("datetime")
        if machine:
            values.append(machine)
    for v in values:
        m = OFFSET_AT_END.search(v.strip())
        if m and (m.group(1), m.group(2)) not in (("+00", "00"), ("-00", "00")):
            sign = 1 if m.group(1)[0] == "+" else -1
            return sign * timedelta(hours=int(m.group(1)[1:]), minutes=int(m.group(2)))
    return None


def _in_page_offset(page, raw: str, fetched_at) -> tuple[str | None, int | None]:
    """(ISO, precision) of a printed time or day in the zone it prints, else in the
    page's offset: from the page's own timestamps, else from where the site is."""
    zone = None
    if not _prints_zone(raw):
        offset = page_offset(page)
        zone = timezone(offset) if offset is not None else site_zone(page)
    # A clock in an unknown zone is read in UTC, the zone nearest to most (Tokyo, the
    # pipeline's default for the outlets, is 13 hours from America).
    parsed = parse_time(raw, fetched_at, zone or UTC, rules_only=True, language=page_language(page))
    if parsed is None or parsed.precision > DAY:
        return None, None
    dt = parsed.dt
    if parsed.precision == DAY and not (dt.hour or dt.minute):
        # A day alone stands for the whole day: its noon, the middle, is that same day
        # in any offset within 12 hours of the page's own (midnight is the day before
        # anywhere west of it). Where the zone is unknown, noon in UTC.
        dt = dt.replace(hour=12)
    return dt.isoformat(timespec="seconds"), parsed.precision


# Where a site is, for the zone of times it prints without one: the country of its
# domain (.de), else the region of its language tag (fr-CA), else a language spoken in
# one zone. A country's zone is the first tzdata lists for it (zone.tab), except where
# most people live in another.
MAIN_ZONES = {
    "ca": "America/Toronto", "au": "Australia/Sydney", "br": "America/Sao_Paulo", "ru": "Europe/Moscow",
    "ua": "Europe/Kyiv",
}
COUNTRY_ALIASES = {"uk": "gb"}  # the domain of a country whose ISO code differs


@lru_cache(maxsize=1)
def country_zones() -> dict[str, str]:
    """ISO country code (lower case) -> zone name, from tzdata's zone.tab."""
    text = ""
    for base in zoneinfo.TZPATH:
        path = Path(base) / "zone.tab"
        if path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            break
    else:
        try:
            from importlib.resources import files

            text = files("tzdata.zoneinfo").joinpath("zone.tab").read_text(encoding="utf-8")
        except Exception:  # no tz database at all: no zone is known
            pass
    out: dict[str, str] = {}
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) >= 3 and not line.startswith("#"):
            out.setdefault(parts[0].lower(), parts[2])
    out.update(MAIN_ZONES)
    for alias, code in COUNTRY_ALIASES.items():
        if code in out:
            out[alias] = out[code]
    return out


LANGUAGE_COUNTRY = {
    "ja": "jp", "ko": "kr", "zh": "cn", "de": "de", "it": "it", "nl": "nl", "pl": "pl", "sv": "se", "da": "dk",
    "nb": "no", "no": "no", "fi": "fi", "el": "gr", "tr": "tr", "th": "th", "vi": "vn", "id": "id", "cs": "cz",
    "hu": "hu", "ro": "ro", "uk": "ua", "he": "il",
}
# Country domains sold to anyone (.io, .tv): they say nothing of where a site is.
GENERIC_CCTLDS = frozenset("co io tv me ai fm ly to cc ws gg la am nu sh ac tk vc sc pw bz st cx ms im".split())


def site_zone(page):
    """The zone of the country the site is in, or None when nothing tells."""
    host = (urlsplit(page.url or "").hostname or "").lower()
    tld = host.rsplit(".", 1)[-1] if "." in host else ""
    zones = country_zones()
    country = tld if tld in zones and tld not in GENERIC_CCTLDS else None
    if country is None:
        for tag in (page.doc.get("lang"), page.meta("og:locale")):
            parts = re.split(r"[-_]", (tag or "").strip().lower())
            if len(parts) > 1 and parts[-1] in zones:
                country = parts[-1]
                break
            if parts[0] in LANGUAGE_COUNTRY and country is None:
                country = LANGUAGE_COUNTRY[parts[0]]
    if country is None:  # the language the page declares elsewhere, or its script's
        country = LANGUAGE_COUNTRY.get(page_language(page) or "")
    return _zone(zones[country]) if country in zones else None


def _zone(name: str):
    try:
        return ZoneInfo(name)
    except Exception:  # no tz database here: say nothing rather than something wrong
        return None


def _prints_zone(raw: str) -> bool:
    text = nfkc(raw)
    return bool(re.search(r"(?:Z|[+-]\d\d:?\d\d)\s*$", text) or ZONE_RE.search(text))


# ---------------------------------------------------------------------- scripts
# A script that prints the date where it stands (old CMS templates, forums): one call
# with the date as its literal, `showDate("2020/04/17 01:43:09")`, `document.write('…')`.
SCRIPT_CALL = re.compile(r"""\s*[\w.$]+\s*\(\s*(["'])([^"'<>]{6,60})\1\s*\)\s*;?\s*""")
SCRIPT_DATE = re.compile(r"(?<!\d)(?:19|20)\d\d\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}(?!\d)")


def scripted_date(page, headline) -> str | None:
    """The date a short inline script prints nearest the headline (in the window around
    it; the page's start where it has none), or None: what the reader sees once the
    script has run."""
    layout = page.layout
    anchor = headline if headline is not None else next(iter(page.tagged("h1")), None)
    anchor_at = (_position(layout, anchor) if anchor is not None else None) or 0
    best = None
    for script in page.tagged("script"):
        m = SCRIPT_CALL.fullmatch(script.text or "") if script.get("src") is None else None
        if m is None or not SCRIPT_DATE.search(m.group(2)):
            continue
        at = _position(layout, script)
        if at is None or not -WINDOW_BEFORE <= at - anchor_at <= WINDOW_AFTER:
            continue
        if best is None or abs(at - anchor_at) < best[0]:
            best = (abs(at - anchor_at), m.group(2).strip())
    return best and best[1]


# ---------------------------------------------------------------------- htmldate
def _htmldate(page) -> str | None:
    return htmldate_guess(page.html)


def htmldate_guess(html: str | None) -> str | None:
    """htmldate's guess of a page's day (from its URL-less markup), or None."""
    try:
        from htmldate import find_date

        # htmldate reads lxml.html trees only; the parsers use plain (faster) etree ones.
        # Not its extensive search: that one runs dateparser over free text, which
        # costs seconds on the first call and reads a date into any number.
        tree = lxml.html.document_fromstring(re.sub(r"^\s*<\?xml[^>]*\?>", "", html or "", count=1))
        return find_date(tree, outputformat="%Y-%m-%d", extensive_search=False, original_date=True)
    except Exception:  # a guess; never lose the article over it
        return None
