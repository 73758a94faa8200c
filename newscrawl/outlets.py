"""The outlets: slugs as stored, names as people read them, families for filters.

A slug (``mainichi_en``) is the join key in the database and in URLs; nobody should
have to read one. People read the masthead as the outlets and portals print it —
"MAINICHI", "KYODO", "NHK" — with the edition as a small tag ("EN"). An outlet's
family is every edition of it: ``outlet:mainichi`` finds the Japanese paper and its
English edition, ``outlet:kyodo`` finds kyodo_en.

    >>> name("kyodo_en"), edition("kyodo_en"), label("kyodo_en")
    ('KYODO', 'EN', 'KYODO EN')
    >>> resolve(["mainichi"], present=["mainichi", "mainichi_en", "nhk"])
    (['mainichi', 'mainichi_en'], [])

Adding an outlet is one line in ``OUTLETS``. Languages get their names from the
Unicode CLDR through Babel ("Jepang", "Japanese", "日本語").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Outlet:
    slug: str
    name: str  # the masthead in capitals, as the seed portal prints it
    family: str  # every edition of one outlet shares it
    edition: str = ""  # the small tag beside the name: "EN" for an English edition
    printed: tuple[str, ...] = ()  # how portals print it, lower case (besides the name)
    language: str = "ja"


OUTLETS = (
    Outlet("mainichi", "MAINICHI", "mainichi", printed=("mainichi shimbun", "毎日新聞")),
    Outlet("mainichi_en", "MAINICHI", "mainichi", "EN", printed=("the mainichi",), language="en"),
    Outlet("kyodo_en", "KYODO", "kyodo", "EN", printed=("kyodo", "kyodo news", "共同通信"), language="en"),
    Outlet("asahi", "ASAHI", "asahi", printed=("asahi shimbun", "朝日新聞")),
    Outlet("asahi_ajw", "ASAHI", "asahi", "EN", printed=("asahi ajw", "asia & japan watch"), language="en"),
    Outlet("yomiuri", "YOMIURI", "yomiuri", printed=("yomiuri shimbun", "読売新聞")),
    Outlet("japannews", "JAPAN NEWS", "yomiuri", printed=("the japan news",), language="en"),
    Outlet("nhk", "NHK", "nhk"),
    Outlet("nhkworld", "NHK", "nhk", "EN", printed=("nhk world", "nhk world-japan"), language="en"),
    Outlet("nikkei", "NIKKEI", "nikkei", printed=("日本経済新聞", "日経")),
    Outlet("sankei", "SANKEI", "sankei", printed=("sankei shimbun", "産経新聞")),
    Outlet("tokyo_np", "TOKYO SHIMBUN", "tokyo_np", printed=("東京新聞",)),
    Outlet("chunichi", "CHUNICHI", "chunichi", printed=("chunichi shimbun", "中日新聞")),
    Outlet("nikkan_gendai", "NIKKAN GENDAI", "nikkan_gendai", printed=("日刊ゲンダイ",)),
    Outlet("japantimes", "JAPAN TIMES", "japantimes", printed=("the japan times",), language="en"),
    Outlet("japantoday", "JAPAN TODAY", "japantoday", language="en"),
)
BY_SLUG = {o.slug: o for o in OUTLETS}
FAMILIES: dict[str, list[str]] = {}
for _o in OUTLETS:
    FAMILIES.setdefault(_o.family, []).append(_o.slug)
# printed name -> the outlet's home edition (the first of its family listed above
# whose name it is); English pages then take the family's English edition.
PRINTED: dict[str, str] = {}
for _o in OUTLETS:
    for _p in (_o.name.lower(), *_o.printed):
        PRINTED.setdefault(_p, _o.slug)


def key(text: str) -> str:
    """A slug as typed: "Japan Times", "japan-times" and "japan_times" are one key."""
    return re.sub(r"[^0-9a-z\u3040-\u30ff\u4e00-\u9fff]+", "_", text.strip().lower()).strip("_")


def name(slug: str | None) -> str:
    """The masthead people read: "MAINICHI" for mainichi_en; unknown slugs in capitals."""
    if not slug:
        return ""
    if slug in BY_SLUG:
        return BY_SLUG[slug].name
    if "." in slug:  # a generic site stored under its host name
        return slug
    return slug.replace("_", " ").upper()


def site_name(site: str | None, url: str | None = None) -> str:
    """The name people read for the site that served a page: the masthead of an
    outlet we know, else the site's own name from its host (BERITAJEPANG for
    beritajepang.example, DETIK for news.detik.com)."""
    if site in BY_SLUG:
        return BY_SLUG[site].name
    from urllib.parse import urlsplit

    from newscrawl.urls import registrable_domain

    host = urlsplit(url).hostname if url else (site if site and "." in site else None)
    if host:
        return registrable_domain(host).split(".")[0].upper()
    return name(site)


def edition(slug: str | None) -> str:
    """The edition tag ("EN"), or "" for an outlet's home edition or an unknown slug."""
    return BY_SLUG[slug].edition if slug in BY_SLUG else ""


def label(slug: str | None) -> str:
    """Name and edition as plain text: "MAINICHI EN", "NHK", "JAPAN TIMES"."""
    return " ".join(p for p in (name(slug), edition(slug)) if p)


def filter_key(slug: str) -> str:
    """The filter value that selects this edition alone: its slug, or, for a home
    edition whose slug is its family's name (``mainichi``: both editions), the family
    and the edition's language (``mainichi_ja``)."""
    if slug in BY_SLUG and len(FAMILIES.get(slug, ())) > 1:
        return f"{slug}_{BY_SLUG[slug].language}"
    return slug


def _edition_in(k: str) -> str | None:
    """``mainichi_ja`` -> mainichi, ``nhk_en`` -> nhkworld: a family's one edition in a language."""
    family, _, language = k.rpartition("_")
    found = [s for s in FAMILIES.get(family, ()) if BY_SLUG[s].language == language]
    return found[0] if len(found) == 1 else None


def from_printed(printed: str | None, language: str | None = None) -> str | None:
    """The slug for an outlet as a portal prints it ("MAINICHI", "The Japan Times");
    an English page gets the family's English edition. Unknown names become a slug
    of their own words."""
    if not printed:
        return None
    text = re.sub(r"\s+", " ", printed).strip().lower()
    slug = PRINTED.get(text) or PRINTED.get(key(text).replace("_", " ")) or key(text) or None
    if language == "en" and slug in BY_SLUG and BY_SLUG[slug].language != "en":
        english = [s for s in FAMILIES[BY_SLUG[slug].family] if BY_SLUG[s].language == "en"]
        slug = english[0] if english else slug
    return slug


def resolve(values: Iterable[str], present: Iterable[str] = ()) -> tuple[list[str], list[str]]:
    """The slugs an outlet filter selects, and the values that name no outlet.

    A value is a family (every edition), a slug, a family and a language (one
    edition: ``mainichi_ja``, see ``filter_key``), or a printed name; ``present`` (the
    outlets in the database) counts as known too, so sites no table lists still filter.
    """
    present = set(present)
    slugs: list[str] = []
    unknown: list[str] = []
    for value in values:
        k = key(value)
        if k in FAMILIES:
            found = FAMILIES[k] + [s for s in present if key(s) == k and s not in FAMILIES[k]]
        elif k in BY_SLUG or k in present:
            found = [k]
        elif edition := _edition_in(k):
            found = [edition]
        elif value.strip().lower() in present:
            found = [value.strip().lower()]
        elif k.replace("_", " ") in PRINTED:
            found = [PRINTED[k.replace("_", " ")]]
        else:
            unknown.append(value)
            found = [k or value]  # still filtered: an unknown outlet finds nothing, and says so
        slugs.extend(s for s in found if s not in slugs)
    return slugs, unknown


def known(present: Iterable[str] = ()) -> list[str]:
    """What to suggest for an unknown outlet: every family, and any other outlet the
    database holds, as they are typed in a filter."""
    out = list(FAMILIES)
    out += sorted(p for p in set(present) if p and p not in BY_SLUG and p not in out)
    return out


@lru_cache(maxsize=64)
def language_name(code: str | None, ui_lang: str = "id") -> str:
    """``ja`` in the reader's language: "Jepang", "Japanese", "日本語" (the code itself
    when CLDR has no name for it)."""
    if not code:
        return ""
    from babel import Locale, UnknownLocaleError

    try:
        names = Locale.parse(ui_lang).languages
    except (ValueError, UnknownLocaleError):
        return code
    base = code.replace("_", "-").split("-")[0].lower()
    return names.get(code.replace("-", "_")) or names.get(base) or code
