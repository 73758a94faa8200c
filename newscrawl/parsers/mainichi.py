"""毎日新聞 (mainichi.jp): Japanese edition."""

from newscrawl.parsers.base import ArticlePage


class MainichiParser(ArticlePage):
    outlet = "mainichi"
    language = "ja"
    site_names = ("毎日新聞", "毎日新聞デジタル")
    # JSON-LD names only the house (毎日新聞); the reporter is in cXense meta.
    author_metas = ("cXenseParse:author", "author")
    title_css = "h1.title-page, h1"
    published_css = ("//*[contains(@class, 'articledetail-head')]//time", "//p[contains(@class, 'date')]//time")
    body_css = ("#articledetail-body", "div.articledetail-body", "div.main-text")
    exclude_css = "aside, .articledetail-image-scale, .ad-article-text, .paywall-area, .articledetail-bottom"
    image_css = "#articledetail-body figure, .articledetail-body figure, .articledetail-head figure"
    byline_css = ("//*[contains(@class, 'articledetail-head')]//*[contains(@class, 'author')]",)
    paywall_css = ("//*[contains(@class, 'paywall-message')]", "//*[contains(@class, 'premium-lead')]")
    tags_css = "//*[contains(@class, 'articletag')]//a"
