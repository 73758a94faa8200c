"""中日新聞Web (www.chunichi.co.jp).

News sitemap https://www.chunichi.co.jp/sitemap.xml (fundus publisher definition
JP.ChunichiShimbun). Articles at /article/<number>.
"""

from spiders.base import NewsSpider


class ChunichiSpider(NewsSpider):
    name = "chunichi"
    site_slug = "chunichi"
    language = "ja"
    allowed_domains = ["www.chunichi.co.jp"]
    sitemaps = ("https://www.chunichi.co.jp/sitemap.xml",)
    article_url = r"chunichi\.co\.jp/article/\d+"
