"""URLs as the project keys articles by: canonical, http(s) only, one site's own.

``canonical(url)`` is what spiders request and what storage keys a row by, so
``…/011000c``, ``…/011000c?ref=rss`` and ``…/011000c?utm_source=x#top`` are one
article: w3lib's ``canonicalize_url`` (lower-case host, sorted query, normalized
percent-encoding, no fragment), without the default port, after dropping tracking
parameters as courlan knows them (``utm_*``, ``fbclid``, ``ref``…).

``http_url`` keeps a URL only when it is http(s): ``javascript:`` and ``data:`` from
a page never become links. ``same_site`` compares registrable domains (the public
suffix list bundled with tldextract, never fetched), so a page's
``<link rel=canonical>`` can name another host of its own site (www3.nhk.or.jp ->
www.nhk.or.jp) but not another site.
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from w3lib.url import canonicalize_url

# Referral tags Japanese outlets add to links between their own pages, which
# courlan's list (built from European and US sites) does not know.
MORE_TRACKERS = frozenset({"ito", "iref"})


def is_tracker(name: str) -> bool:
    """Whether a query parameter only tracks the click. courlan's pattern finds
    tracker words anywhere in a name; we take it when it names the whole parameter
    (``fbclid``, ``n_cid``, ``ref``) or its prefix (``utm_source``), not a longer
    word that starts the same way (``gallery``, ``global``, ``refresh``)."""
    name = name.lower()
    if name in MORE_TRACKERS:
        return True
    m = _trackers().search(name)
    return bool(m) and (m.end() == len(name) or name[m.end() - 1] == "_")


def is_http(url) -> bool:
    return isinstance(url, str) and urlsplit(url.strip()).scheme.lower() in ("http", "https") and bool(
        urlsplit(url.strip()).netloc
    )


def http_url(url) -> str | None:
    """``url`` when it is an http(s) URL, else None (javascript:, data:, mailto:, junk)."""
    return url.strip() if is_http(url) else None


def canonical(url: str) -> str:
    """The one form of ``url`` the crawl requests and stores (non-http URLs unchanged)."""
    if not is_http(url):
        return url
    parts = urlsplit(url.strip())
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not is_tracker(k)]
    netloc = parts.netloc
    if (parts.scheme.lower(), parts.port) in (("http", 80), ("https", 443)):
        netloc = netloc.rpartition(":")[0]
    cleaned = urlunsplit((parts.scheme.lower(), netloc, parts.path or "/", urlencode(query), ""))
    return canonicalize_url(cleaned)


@lru_cache(maxsize=1)
def _trackers():
    # courlan imports urllib3 and its network code (~90 ms) for a pattern we read once.
    from courlan.clean import TRACKERS_RE

    return TRACKERS_RE


@lru_cache(maxsize=1)
def _extract():
    import tldextract

    # The bundled snapshot of the public suffix list: no download, ever.
    return tldextract.TLDExtract(cache_dir=None, suffix_list_urls=(), include_psl_private_domains=True)


@lru_cache(maxsize=4096)
def site_slug(url: str) -> str:
    """How a site no parser knows is stored: its host without ``www.``."""
    return (urlsplit(url).hostname or "").lower().removeprefix("www.")


def registrable_domain(host: str) -> str:
    """``www3.nhk.or.jp`` -> ``nhk.or.jp``; a host with no known public suffix
    (an IP address, ``localhost``, ``*.example``) is its own site."""
    host = (host or "").lower().rstrip(".")
    return _extract()(host).top_domain_under_public_suffix or host


def same_site(url: str, other: str) -> bool:
    a, b = urlsplit(url).hostname, urlsplit(other).hostname
    return bool(a and b) and registrable_domain(a) == registrable_domain(b)
