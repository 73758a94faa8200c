"""朝日新聞デジタル (www.asahi.com).

Headlines feed https://www.asahi.com/rss/asahi/newsheadlines.rdf (RSS 1.0/RDF; in
many public feed lists, listed valid Feb 2026) and the news sitemap
https://www.asahi.com/sitemap.xml (fundus publisher definition JP.AsahiShimbun).
"""

from spiders.base import NewsSpider


class AsahiSpider(NewsSpider):
    name = "asahi"
    site_slug = "asahi"
    language = "ja"
    allowed_domains = ["www.asahi.com"]
    feeds = ("https://www.asahi.com/rss/asahi/newsheadlines.rdf",)
    sitemaps = ("https://www.asahi.com/sitemap.xml",)
    article_url = r"asahi\.com/articles/[A-Z0-9]+\.html"
