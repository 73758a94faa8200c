"""Reading feeds and sitemaps: the pure half of discovery, testable without a crawl.

Spiders find articles in three kinds of documents: RSS (2.0 and the RDF 1.0 flavour
Japanese outlets still serve), Atom, and sitemaps (index files, plain url sets and
Google news sitemaps with ``news:publication_date``). Each reader yields ``Entry``
tuples; ``spiders.base.NewsSpider`` decides what to request.

Sitemaps are parsed the way Scrapy's own ``scrapy.utils.sitemap.Sitemap`` does it
(lxml with entity resolution off, recovering from broken markup), but keeping the
nested ``news:`` fields that class drops.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin

import lxml.etree

from newscrawl.errors import UserError
from newscrawl.timespan import TimeSpanError, parse_when

JST = timezone(timedelta(hours=9))


@dataclass(frozen=True)
class Entry:
    """One link found in a feed or sitemap."""

    url: str
    published: datetime | None = None  # pubDate / dc:date / news:publication_date
    modified: datetime | None = None  # lastmod / atom:updated
    published_raw: str | None = None  # as printed, handed to the parser as a hint
    title: str | None = None
    is_sitemap: bool = False  # a child of a sitemap index

    @property
    def newest(self) -> datetime | None:
        dates = [d for d in (self.published, self.modified) if d]
        return max(dates) if dates else None


# -- dates ---------------------------------------------------------------------


def parse_date(text: str | None, default_tz=JST) -> datetime | None:
    """A feed or sitemap date -> an aware datetime, or None when unreadable.

    W3C/ISO forms (sitemaps, dc:date, Atom) and RFC 822 (RSS pubDate). A date
    without a zone is read in ``default_tz``: these outlets publish in Japan time.
    """
    text = (text or "").strip()
    if not text:
        return None
    try:
        dt = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            dt = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=default_tz)
    return dt


def parse_since(value: str | None, now: datetime | None = None) -> datetime | None:
    """``-a since=`` -> the oldest publication time a run wants, or None for no bound.

    The grammar of ``newscrawl search --since`` (``newscrawl.timespan``): a span back
    from now (``30min``, ``12h``, ``2d``, ``1w``, ``3mo``, ``1y``), a date (a Tokyo
    day) or a full ISO timestamp; ``all`` or an empty value means no bound. Anything
    else is a ``UserError`` saying what to write.
    """
    if value is None:
        return None
    value = str(value).strip()
    if value.lower() in ("", "all", "none"):
        return None
    try:
        return parse_when(value, now or datetime.now(timezone.utc))
    except TimeSpanError as e:
        raise UserError(e.message("since", "en", "crawl")) from None


# -- documents -------------------------------------------------------------------


def _root(body: bytes):
    parser = lxml.etree.XMLParser(
        recover=True, resolve_entities=False, remove_comments=True, remove_pis=True, no_network=True
    )
    try:
        return lxml.etree.fromstring(body, parser=parser)
    except lxml.etree.XMLSyntaxError:
        return None


def _local(tag) -> str:
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _children(el) -> dict[str, list]:
    out: dict[str, list] = {}
    for child in el:
        out.setdefault(_local(child.tag), []).append(child)
    return out


def _text(els) -> str | None:
    if not els:
        return None
    t = "".join(els[0].itertext()).strip()
    return t or None


def document_kind(body: bytes) -> str | None:
    """'rss', 'atom', 'urlset', 'sitemapindex' or None for whatever else."""
    root = _root(body)
    if root is None:
        return None
    name = _local(root.tag).lower()
    if name in ("rss", "rdf"):
        return "rss"
    if name == "feed":
        return "atom"
    if name in ("urlset", "sitemapindex"):
        return name
    return None


def read_document(body: bytes, base_url: str = "") -> list[Entry]:
    """Every entry of a feed or sitemap (empty for anything unreadable)."""
    root = _root(body)
    if root is None:
        return []
    name = _local(root.tag).lower()
    if name in ("rss", "rdf"):
        return list(_rss(root, base_url))
    if name == "feed":
        return list(_atom(root, base_url))
    if name in ("urlset", "sitemapindex"):
        return list(_sitemap(root, base_url, index=name == "sitemapindex"))
    return []


def _rss(root, base_url: str):
    # RSS 2.0 nests items in <channel>; RSS 1.0 (RDF) puts them beside it.
    for item in root.iter():
        if _local(item.tag) != "item":
            continue
        kids = _children(item)
        link = _text(kids.get("link")) or item.get("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about")
        guid = kids.get("guid")
        if not link and guid and guid[0].get("isPermaLink", "true") != "false":
            link = _text(guid)
        if not link:
            continue
        raw = _text(kids.get("pubDate")) or _text(kids.get("date")) or _text(kids.get("issued"))
        yield Entry(
            url=urljoin(base_url, link),
            published=parse_date(raw),
            modified=parse_date(_text(kids.get("modified"))),
            published_raw=raw,
            title=_text(kids.get("title")),
        )


def _atom(root, base_url: str):
    for entry in root:
        if _local(entry.tag) != "entry":
            continue
        kids = _children(entry)
        links = kids.get("link") or []
        href = next((ln.get("href") for ln in links if ln.get("rel", "alternate") == "alternate"), None)
        if not href:
            continue
        raw = _text(kids.get("published"))
        yield Entry(
            url=urljoin(base_url, href),
            published=parse_date(raw),
            modified=parse_date(_text(kids.get("updated"))),
            published_raw=raw,
            title=_text(kids.get("title")),
        )


def _sitemap(root, base_url: str, index: bool):
    for el in root:
        if _local(el.tag) not in ("url", "sitemap"):
            continue
        kids = _children(el)
        loc = _text(kids.get("loc"))
        if not loc:
            continue
        news = _children(kids["news"][0]) if kids.get("news") else {}
        raw = _text(news.get("publication_date"))
        yield Entry(
            url=urljoin(base_url, loc),
            published=parse_date(raw),
            modified=parse_date(_text(kids.get("lastmod"))),
            published_raw=raw,
            title=_text(news.get("title")),
            is_sitemap=index,
        )
