"""日刊ゲンダイDIGITAL (www.nikkan-gendai.com).

Sitemap index https://www.nikkan-gendai.com/sitemap.xml; only its children with
``type=articles`` list articles (fundus publisher definition JP.NikkanGeadai).
"""

from spiders.base import NewsSpider


class NikkanGendaiSpider(NewsSpider):
    name = "nikkan_gendai"
    site_slug = "nikkan_gendai"
    language = "ja"
    allowed_domains = ["www.nikkan-gendai.com"]
    sitemaps = ("https://www.nikkan-gendai.com/sitemap.xml",)
    sitemap_follow = r"type=articles"
    article_url = r"nikkan-gendai\.com/articles/view/[a-z]+/\d+"
