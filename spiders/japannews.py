"""The Japan News by the Yomiuri Shimbun (japannews.yomiuri.co.jp).

News sitemap https://japannews.yomiuri.co.jp/sitemap-news.xml (fundus publisher
definition JP.TheJapanNews, NewsMap); WordPress feed /feed/ (public feed lists).
"""

from spiders.base import NewsSpider


class JapanNewsSpider(NewsSpider):
    name = "japannews"
    site_slug = "japannews"
    language = "en"
    allowed_domains = ["japannews.yomiuri.co.jp"]
    feeds = ("https://japannews.yomiuri.co.jp/feed/",)
    sitemaps = ("https://japannews.yomiuri.co.jp/sitemap-news.xml",)
    article_url = r"japannews\.yomiuri\.co\.jp/[a-z-]+/[a-z-]+/\d{8}-\d+/"
