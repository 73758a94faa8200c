"""Japan Today (japantoday.com).

Feed https://japantoday.com/feed (RSS; /feed/atom is the Atom twin), confirmed in
many public feed lists. Articles live under /category/<section>/<slug>.
"""

from spiders.base import NewsSpider


class JapanTodaySpider(NewsSpider):
    name = "japantoday"
    site_slug = "japantoday"
    language = "en"
    allowed_domains = ["japantoday.com"]
    feeds = ("https://japantoday.com/feed",)
    article_url = r"japantoday\.com/category/[a-z-]+/"
