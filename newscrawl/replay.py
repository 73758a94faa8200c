"""Offline replay: send every request to a loopback server instead of the real site.

With ``NEWSCRAWL_REPLAY_HOST=127.0.0.1:8123`` a request for
``https://mainichi.jp/articles/x`` is fetched from
``http://127.0.0.1:8123/mainichi.jp/articles/x`` and its response handed back under
the real URL, so spiders, parsers and pipelines run exactly as they do live. This is
how ``newscrawl demo`` and the tests crawl without network, through one code path.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from scrapy.exceptions import NotConfigured

META_KEY = "newscrawl_replay_of"


def replay_url(url: str, host: str) -> str:
    parts = urlsplit(url)
    path = parts.path or "/"
    query = f"?{parts.query}" if parts.query else ""
    return f"http://{host}/{parts.netloc}{path}{query}"


class ReplayMiddleware:
    def __init__(self, host: str):
        self.host = host

    @classmethod
    def from_crawler(cls, crawler):
        host = crawler.settings.get("NEWSCRAWL_REPLAY_HOST")
        if not host:
            raise NotConfigured
        if not (host.startswith("127.") or host.startswith("localhost") or host.startswith("[::1]")):
            # The replay server stands in for the whole web: it must be this machine.
            raise NotConfigured(f"NEWSCRAWL_REPLAY_HOST must be a loopback address, not {host!r}")
        return cls(host)

    def process_request(self, request):
        if META_KEY in request.meta:
            return None
        # robots.txt and offsite rules were already applied to the real URL.
        meta = {**request.meta, META_KEY: request.url, "allow_offsite": True, "dont_obey_robotstxt": True}
        return request.replace(url=replay_url(request.url, self.host), meta=meta, dont_filter=True)

    def process_response(self, request, response):
        original = request.meta.get(META_KEY)
        if original and response.url == request.url:
            return response.replace(url=original)
        return response
