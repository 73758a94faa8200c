"""Article parsers: HTML + URL -> an Article with raw fields.

Pure functions of the page, no Scrapy engine needed: spiders call ``parse_article``
with a response's text, ``newscrawl extract`` with a saved file's.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from newscrawl.items import Article
from newscrawl.parsers.generic import GenericParser

# host suffix -> parser class; the first suffix the URL's host ends with wins.
PARSERS: dict[str, type[GenericParser]] = {}


def parser_for(url: str) -> type[GenericParser]:
    host = (urlsplit(url).hostname or "").lower()
    for suffix, parser in PARSERS.items():
        if host == suffix or host.endswith("." + suffix):
            return parser
    return GenericParser


def parse_article(html: str, url: str, **context) -> Article:
    """Extract the raw Article from ``html`` served at ``url``.

    ``context`` carries what the spider knew before the page (``site``, ``outlet``,
    ``fetched_at``, ``published_hints`` from a listing).
    """
    return parser_for(url)(html, url).article(**context)
