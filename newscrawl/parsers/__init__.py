"""Article parsers: HTML + URL -> an Article with raw fields.

Pure functions of the page, no Scrapy engine needed: spiders call ``parse_article``
with a response's text, ``newscrawl extract`` with a saved file's. One small module
per outlet (a page object declaring its selectors, see ``base.py``); pages of any
other site go through ``GenericParser``.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from newscrawl.items import Article
from newscrawl.parsers.asahi import AsahiParser
from newscrawl.parsers.asahi_ajw import AsahiAjwParser
from newscrawl.parsers.base import ArticlePage
from newscrawl.parsers.chunichi import ChunichiParser
from newscrawl.parsers.generic import GenericParser
from newscrawl.parsers.japannews import JapanNewsParser
from newscrawl.parsers.japantimes import JapanTimesParser
from newscrawl.parsers.japantoday import JapanTodayParser
from newscrawl.parsers.kyodo_en import KyodoEnParser
from newscrawl.parsers.mainichi import MainichiParser
from newscrawl.parsers.mainichi_en import MainichiEnParser
from newscrawl.parsers.nhk import NhkParser
from newscrawl.parsers.nhkworld import NhkWorldParser
from newscrawl.parsers.nikkan_gendai import NikkanGendaiParser
from newscrawl.parsers.nikkei import NikkeiParser
from newscrawl.parsers.portal import PortalParser
from newscrawl.parsers.sankei import SankeiParser
from newscrawl.parsers.tokyo_np import TokyoNpParser
from newscrawl.parsers.yomiuri import YomiuriParser

# "host" or "host/path-prefix" -> parser class. A host matches itself and its
# subdomains; the longest matching key wins, so "mainichi.jp/english" beats
# "mainichi.jp". Registering another site is one line.
PARSERS: dict[str, type[ArticlePage]] = {
    "mainichi.jp": MainichiParser,
    "mainichi.jp/english": MainichiEnParser,
    "asahi.com": AsahiParser,
    "asahi.com/ajw": AsahiAjwParser,
    "yomiuri.co.jp": YomiuriParser,
    "japannews.yomiuri.co.jp": JapanNewsParser,
    "nikkei.com": NikkeiParser,
    "sankei.com": SankeiParser,
    "tokyo-np.co.jp": TokyoNpParser,
    "chunichi.co.jp": ChunichiParser,
    "nikkan-gendai.com": NikkanGendaiParser,
    "www3.nhk.or.jp/news": NhkParser,
    "news.web.nhk": NhkParser,
    "www3.nhk.or.jp/nhkworld": NhkWorldParser,
    "english.kyodonews.net": KyodoEnParser,
    "japantimes.co.jp": JapanTimesParser,
    "japantoday.com": JapanTodayParser,
    "beritajepang.example": PortalParser,  # the sample site's portal; other portals: spiders/portal.py selectors
}


def _matches(key: str, host: str, path: str) -> bool:
    key_host, _, key_path = key.partition("/")
    if not (host == key_host or host.endswith("." + key_host)):
        return False
    return not key_path or path == "/" + key_path or path.startswith("/" + key_path + "/")


def parser_for(url: str) -> type[ArticlePage]:
    """The parser class for ``url`` (GenericParser for sites no module knows)."""
    parts = urlsplit(url)
    host, path = (parts.hostname or "").lower(), parts.path or "/"
    best = max((k for k in PARSERS if _matches(k, host, path)), key=len, default=None)
    return PARSERS[best] if best else GenericParser


def parse_article(html: str, url: str, **context) -> Article:
    """Extract the raw Article from ``html`` served at ``url``.

    ``context`` carries what the spider knew before the page (``site``, ``outlet``,
    ``fetched_at``, ``published_hints`` from a listing).
    """
    return parser_for(url)(html, url).article(**context)


__all__ = ["PARSERS", "ArticlePage", "GenericParser", "parse_article", "parser_for"]
