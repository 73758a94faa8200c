"""東京新聞 TOKYO Web (www.tokyo-np.co.jp).

News sitemap https://www.tokyo-np.co.jp/sitemap.xml (fundus publisher definition
JP.TokyoShimbun). Same CMS as Chunichi: articles at /article/<number>.
"""

from spiders.base import NewsSpider


class TokyoNpSpider(NewsSpider):
    name = "tokyo_np"
    site_slug = "tokyo_np"
    language = "ja"
    allowed_domains = ["www.tokyo-np.co.jp"]
    sitemaps = ("https://www.tokyo-np.co.jp/sitemap.xml",)
    article_url = r"tokyo-np\.co\.jp/article/\d+"
