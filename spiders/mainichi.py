"""毎日新聞 (mainichi.jp).

Flash feed https://mainichi.jp/rss/etc/mainichi-flash.rss (fundus publisher
definition JP.MainichiShimbun).
"""

from spiders.base import NewsSpider


class MainichiSpider(NewsSpider):
    name = "mainichi"
    site_slug = "mainichi"
    language = "ja"
    allowed_domains = ["mainichi.jp"]
    feeds = ("https://mainichi.jp/rss/etc/mainichi-flash.rss",)
    article_url = r"mainichi\.jp/articles/\d{8}/"
