"""日本経済新聞 (www.nikkei.com).

Sitemap index https://www.nikkei.com/sitemap.xml; fundus (JP.Nikkei) reads only its
children named like ``<word>.sitemap.xml`` (the news maps), and so do we.
Most articles are for subscribers: the parser marks the stub ``paywalled``.
"""

from spiders.base import NewsSpider


class NikkeiSpider(NewsSpider):
    name = "nikkei"
    site_slug = "nikkei"
    language = "ja"
    allowed_domains = ["www.nikkei.com"]
    sitemaps = ("https://www.nikkei.com/sitemap.xml",)
    sitemap_follow = r"/[a-z]*\.sitemap\.xml$"
    article_url = r"nikkei\.com/article/[A-Z0-9]+/"
