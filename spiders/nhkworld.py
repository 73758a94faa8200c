"""NHK World-Japan news in English (www3.nhk.or.jp/nhkworld/en/news/).

Article pages are filled in by JavaScript from /nhkworld/data/en/news/<id>.json
(seen in a public NHK World scraper), so they are rendered in Chromium.
Discovery: the sitemaps robots.txt names (filtered to nhkworld), plus
/nhkworld/en/news/rss.xml — UNCONFIRMED: public feed lists disagree on the feed's
path (rss.xml, all.rss, feed.xml) and one reports it retired; a 404 only costs a log line.
"""

from spiders.base import NewsSpider


class NhkWorldSpider(NewsSpider):
    name = "nhkworld"
    site_slug = "nhkworld"
    language = "en"
    needs_js = True
    allowed_domains = ["www3.nhk.or.jp"]
    feeds = ("https://www3.nhk.or.jp/nhkworld/en/news/rss.xml",)
    sitemaps = ("https://www3.nhk.or.jp/robots.txt",)
    sitemap_follow = r"nhkworld"
    article_url = r"/nhkworld/en/news/\d{8}_[A-Z0-9_]+/?$"
