"""Kyodo News English (english.kyodonews.net).

Sitemap index https://english.kyodonews.net/sitemap.xml with one child per year
(sitemap-2025.xml …; confirmed in a public Kyodo scraper, which also documents the
/articles/-/<id> URLs of the 2025 site). The RSS feed rss/all.xml is listed by many
public feed lists; one reports it 404 since the redesign, so the sitemap is primary.
"""

from spiders.base import NewsSpider


class KyodoEnSpider(NewsSpider):
    name = "kyodo_en"
    site_slug = "kyodo_en"
    language = "en"
    allowed_domains = ["english.kyodonews.net"]
    feeds = ("https://english.kyodonews.net/rss/all.xml",)
    sitemaps = ("https://english.kyodonews.net/sitemap.xml",)
    sitemap_follow = r"sitemap-(news|\d{4})"  # not sitemap-static.xml (navigation pages)
    article_url = r"/(articles/-/\d+|news/\d{4}/\d\d/)"
