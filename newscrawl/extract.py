"""A saved page -> the Article the crawl would store for it, without Scrapy's engine.

Same parser, same normalization pipelines as ``scrapy crawl``: one code path, two
entrances.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from newscrawl.encoding import decode_html
from newscrawl.errors import UserError
from newscrawl.items import Article
from newscrawl.parsers import parse_article
from pipelines import normalize_article
from pipelines.base import Stats


def canonical_link(html: str) -> str | None:
    import parsel

    return parsel.Selector(text=html).xpath('//link[@rel="canonical"]/@href').get()


def extract_file(path: str | Path, url: str | None = None, fetched_at: str | None = None, stats=None) -> Article:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise UserError(f"cannot read {path}: {e.strerror or e}") from e
    if not data.strip():
        raise UserError(f"{path} is empty")
    # As the crawl reads a response (BOM, <meta charset>, then detection), so
    # Shift_JIS, EUC-JP and ISO-2022-JP pages read the same here as there.
    decoded = decode_html(data)
    html = decoded.text
    if "<" not in html:
        raise UserError(f"{path} does not look like an HTML page")
    url = url or canonical_link(html)
    if not url:
        raise UserError(f"{path} has no <link rel=canonical>: pass --url URL")
    if fetched_at is None:
        # A saved page's modification time is the best guess of when it was fetched.
        fetched_at = datetime.fromtimestamp(path.stat().st_mtime, timezone.utc).isoformat(timespec="seconds")
    article = parse_article(html, url, fetched_at=fetched_at)
    article.encoding, article.encoding_guessed = decoded.encoding, decoded.guessed
    stats = stats if stats is not None else Stats()
    return normalize_article(article, stats)
