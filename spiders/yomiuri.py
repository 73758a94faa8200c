"""読売新聞オンライン (www.yomiuri.co.jp).

News sitemap https://www.yomiuri.co.jp/sitemap-news-latest.xml (fundus publisher
definition JP.YomiuriShimbun).
"""

from spiders.base import NewsSpider


class YomiuriSpider(NewsSpider):
    name = "yomiuri"
    site_slug = "yomiuri"
    language = "ja"
    allowed_domains = ["www.yomiuri.co.jp"]
    sitemaps = ("https://www.yomiuri.co.jp/sitemap-news-latest.xml",)
    article_url = r"yomiuri\.co\.jp/[a-z]+/(?:[a-z]+/)?\d{8}-OYT"
