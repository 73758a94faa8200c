"""The Mainichi, English edition (mainichi.jp/english).

Feed confirmed in public feed lists (e.g. several news aggregators' source tables list
https://mainichi.jp/rss/etc/english_latest.rss as valid, HTTP 200, Feb 2026).
"""

from spiders.base import NewsSpider


class MainichiEnSpider(NewsSpider):
    name = "mainichi_en"
    site_slug = "mainichi_en"
    language = "en"
    allowed_domains = ["mainichi.jp"]
    feeds = ("https://mainichi.jp/rss/etc/english_latest.rss",)
    article_url = r"mainichi\.jp/english/articles/\d{8}/"
