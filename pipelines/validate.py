"""Drop what is not an article at all; tidy what every later stage relies on.

What a page says is not trusted: control characters are stripped from every text
field (they make the Atom feed invalid XML and the terminal beep), only http(s) URLs
are kept (a ``javascript:`` canonical link or image would become a link on the
article page), a ``<link rel=canonical>`` counts only on the page's own site (else
any page could overwrite another site's article), URLs are canonicalized (tracking
parameters and fragments off, see newscrawl/urls.py) and the body is capped.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

from newscrawl.errors import DropItem

from newscrawl import urls
from pipelines.base import NormalizerPipeline

# C0 and C1 control characters but tab and newline (DEL included), and the invisible
# ones that change what a reader sees or a search matches: soft hyphens (Some\xadthing is
# no "something"), bidi marks and overrides (U+202E shows text reversed), word joiners, BOMs.
_C0_C1 = r"\x00-\x08\x0b-\x1f\x7f-\x9f"
CONTROL = re.compile(rf"[{_C0_C1}\xad\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
NOT_TEXT = re.compile(rf"[{_C0_C1}\ufffd]")  # in text, rare; in binary, one in ten
# Stored body text at most: a long feature is ~30 000 characters; past this it is a
# page dump or an attack, and every search matching it would pay for its size.
MAX_BODY_CHARS = 200_000


def strip_controls(value):
    """``value`` with control characters removed from every string inside it."""
    if isinstance(value, str):
        if value.isprintable():
            return value  # no control character, no \r (most values: one C scan, no regex)
        return CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
    if isinstance(value, list):
        return [strip_controls(v) for v in value]
    if isinstance(value, dict):
        return {k: strip_controls(v) for k, v in value.items()}
    return value


def _binary(body) -> bool:
    """Bytes that decode to no text: a PDF or an image served as text/html, or a page in
    an encoding nothing recognized (one character in ten a replacement or a control)."""
    parts = [p for p in body or [] if isinstance(p, str)]
    if all(p.isprintable() and "\ufffd" not in p for p in parts):
        # No control character in printable text (two C scans a paragraph, no regex), nor
        # then in the first 20,000 characters: no copy of the whole text to make.
        return False
    text = "".join(parts)[:20_000]
    return len(text) >= 200 and len(NOT_TEXT.findall(text)) > len(text) / 10


def cap_body(paragraphs: list[str], limit: int = MAX_BODY_CHARS) -> tuple[list[str], bool]:
    """The paragraphs that fit in ``limit`` characters (the last one cut), and whether any were cut."""
    out, used = [], 0
    for p in paragraphs:
        if used + len(p) > limit:
            if limit - used > 0:
                out.append(p[: limit - used])
            return out, True
        out.append(p)
        used += len(p)
    return out, False


def page_canonical(url: str, canonical: str | None, stats) -> str:
    """The page's canonical URL when it is http(s) on the page's own site, else its own URL."""
    if not canonical or canonical == url:
        return url
    canonical = urljoin(url, canonical.strip())  # relative, as a browser reads it
    if not urls.is_http(canonical):
        stats.inc_value("newscrawl/validate/canonical_not_http")
        return url
    if not urls.same_site(url, canonical):
        stats.inc_value("newscrawl/validate/canonical_other_site")
        return url
    return urls.canonical(canonical)


def normalize(adapter, stats) -> None:
    if _binary(adapter.get("body")):
        stats.inc_value("newscrawl/validate/dropped_binary")
        raise DropItem(f"not text (a binary file or undecodable bytes) at {adapter.get('url')}")
    for key, value in adapter.items():
        if key not in ("sources",) and value is not None:
            adapter[key] = strip_controls(value)
    adapter["title"] = " ".join((adapter.get("title") or "").split()) or None
    adapter["body"] = [p.strip() for p in adapter.get("body") or [] if p and p.strip()]
    if not urls.is_http(adapter.get("url")):
        stats.inc_value("newscrawl/validate/dropped_no_url")
        raise DropItem(f"item has no http(s) url: {adapter.get('url')!r}")
    if not adapter["title"] and not adapter["body"]:
        stats.inc_value("newscrawl/validate/dropped_empty")
        raise DropItem(f"neither title nor body found at {adapter['url']}")
    url, link = adapter["url"], adapter.get("canonical_url")
    adapter["url"] = urls.canonical(url)
    # (Most pages link to themselves: their one URL canonicalized once, not twice.)
    adapter["canonical_url"] = adapter["url"] if link == url else page_canonical(adapter["url"], link, stats)
    adapter["images"] = [dict(i, url=urls.http_url(i.get("url"))) for i in adapter.get("images") or []]
    adapter["body"], adapter["truncated"] = cap_body(adapter["body"])
    if adapter["truncated"]:
        stats.inc_value("newscrawl/validate/truncated_body")
    if not adapter.get("site"):  # a record from another tool: the site that served it
        adapter["site"] = urls.site_slug(adapter["url"])
    if not adapter.get("outlet"):
        adapter["outlet"] = adapter.get("site")
    # A redesign that breaks an outlet's selectors shows up as a jump in these
    # counters (and in crawl_runs.fallbacks), not as quietly empty articles.
    for field, layer in (adapter.get("sources") or {}).items():
        if layer == "generic":
            stats.inc_value(f"newscrawl/parse/fallback_{field}")


class ValidatePipeline(NormalizerPipeline):
    normalize = staticmethod(normalize)
