"""Offline replay: send every request to a loopback server instead of the real site.

With ``NEWSCRAWL_REPLAY_HOST=127.0.0.1:8123`` a request for
``https://mainichi.jp/articles/x`` is fetched from
``http://127.0.0.1:8123/mainichi.jp/articles/x`` and its response handed back under
the real URL, so spiders, parsers and pipelines run exactly as they do live. This is
how ``newscrawl demo`` and the tests crawl without network, through one code path.

Nothing may leave loopback while replaying: a redirect's new request (which Scrapy
builds from the real URL) is rewritten like any other, and pages rendered in
Chromium may load nothing from elsewhere (``keep_browser_offline``).
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urljoin, urlsplit

from scrapy.exceptions import NotConfigured

META_KEY = "newscrawl_replay_of"
# Replay hosts of the crawls in this process: the browser predicate below has no
# crawler to ask, and replaying is a property of the whole process anyway.
_ACTIVE: set[str] = set()


def replay_url(url: str, host: str) -> str:
    parts = urlsplit(url)
    path = parts.path or "/"
    query = f"?{parts.query}" if parts.query else ""
    return f"http://{host}/{parts.netloc}{path}{query}"


def is_loopback(url_or_host: str) -> bool:
    host = urlsplit(url_or_host).hostname if "//" in url_or_host else url_or_host.rpartition(":")[0] or url_or_host
    host = (host or "").strip("[]").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def keep_browser_offline(request) -> bool:
    """``PLAYWRIGHT_ABORT_REQUEST``: while replaying, abort every browser request
    (images, scripts, frames, redirects) that is not for the loopback server."""
    return bool(_ACTIVE) and not is_loopback(request.url)


class ReplayMiddleware:
    def __init__(self, host: str):
        self.host = host
        _ACTIVE.add(host)

    @classmethod
    def from_crawler(cls, crawler):
        host = crawler.settings.get("NEWSCRAWL_REPLAY_HOST")
        if not host:
            raise NotConfigured
        if not is_loopback(host):
            # The replay server stands in for the whole web: it must be this machine.
            raise NotConfigured(f"NEWSCRAWL_REPLAY_HOST must be a loopback address, not {host!r}")
        return cls(host)

    def process_request(self, request):
        if urlsplit(request.url).netloc == self.host:
            return None  # already on its way to the replay server
        # A redirect's request arrives here with the real URL and the old meta: it is
        # rewritten too. robots.txt and offsite rules were applied to the real URL.
        meta = {**request.meta, META_KEY: request.url, "allow_offsite": True, "dont_obey_robotstxt": True}
        return request.replace(url=replay_url(request.url, self.host), meta=meta, dont_filter=True)

    def process_response(self, request, response):
        original = request.meta.get(META_KEY)
        if not original or response.url != request.url:
            return response
        location = response.headers.get(b"Location")
        if location:
            # Scrapy resolves a relative Location against the request, which is the
            # replay URL; the real site meant it relative to the real one.
            headers = response.headers.copy()
            headers[b"Location"] = urljoin(original, location.decode("latin-1"))
            response = response.replace(headers=headers)
        return response.replace(url=original)
