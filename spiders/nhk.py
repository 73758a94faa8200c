"""NHK NEWS WEB (www3.nhk.or.jp/news, moving to news.web.nhk).

Main-news feed https://www3.nhk.or.jp/rss/news/cat0.xml (NHK's RSS index page
https://www.nhk.or.jp/toppage/rss/index.html; used by many public readers) and the
three-day news sitemap https://www3.nhk.or.jp/news/sitemap-news-flow-3days.xml
(named in public NHK scrapers).
"""

from spiders.base import NewsSpider


class NhkSpider(NewsSpider):
    name = "nhk"
    site_slug = "nhk"
    language = "ja"
    allowed_domains = ["www3.nhk.or.jp", "news.web.nhk"]
    feeds = ("https://www3.nhk.or.jp/rss/news/cat0.xml",)
    sitemaps = ("https://www3.nhk.or.jp/news/sitemap-news-flow-3days.xml",)
    article_url = r"(www3\.nhk\.or\.jp/news/html/\d{8}/k\d+|news\.web\.nhk/newsweb/)"
