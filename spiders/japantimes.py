"""The Japan Times (www.japantimes.co.jp).

Feed https://www.japantimes.co.jp/feed/ (WordPress; confirmed in many public feed
lists, e.g. listed valid HTTP 200 in Feb/Mar 2026 monitoring tables).
Article URLs carry the date: /news/2020/02/18/national/…
"""

from spiders.base import NewsSpider


class JapanTimesSpider(NewsSpider):
    name = "japantimes"
    site_slug = "japantimes"
    language = "en"
    allowed_domains = ["japantimes.co.jp"]
    feeds = ("https://www.japantimes.co.jp/feed/",)
    article_url = r"japantimes\.co\.jp/[a-z-]+/\d{4}/\d\d/\d\d/"
