"""産経新聞 (www.sankei.com).

Google news sitemap index https://www.sankei.com/feeds/google-sitemapindex/ (named
in fundus' publisher definition JP.SankeiShimbun, which also reads the category
index /feeds/sitemapindex-category/?outputType=xml).
"""

from spiders.base import NewsSpider


class SankeiSpider(NewsSpider):
    name = "sankei"
    site_slug = "sankei"
    language = "ja"
    allowed_domains = ["www.sankei.com"]
    sitemaps = ("https://www.sankei.com/feeds/google-sitemapindex/",)
    article_url = r"sankei\.com/article/\d{8}-[A-Z0-9]+/"
