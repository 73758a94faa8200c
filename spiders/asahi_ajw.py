"""The Asahi Shimbun Asia & Japan Watch, English (www.asahi.com/ajw/).

Article URLs /ajw/articles/<digits> (public pages linking AJW articles). The AJW
feed path is UNCONFIRMED (public lists name rss.xml, rss/news.xml, feed/ and one
marks its feed malformed), so discovery reads the sitemaps www.asahi.com/robots.txt
names, following only the AJW ones, and keeps AJW article URLs.
"""

from spiders.base import NewsSpider


class AsahiAjwSpider(NewsSpider):
    name = "asahi_ajw"
    site_slug = "asahi_ajw"
    language = "en"
    allowed_domains = ["www.asahi.com"]
    sitemaps = ("https://www.asahi.com/robots.txt",)
    sitemap_follow = r"ajw"
    article_url = r"/ajw/articles/\d+"
