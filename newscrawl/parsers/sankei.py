"""産経ニュース (www.sankei.com): Japanese edition (Arc XP)."""

from newscrawl.parsers.base import ArticlePage


class SankeiParser(ArticlePage):
    outlet = "sankei"
    language = "ja"
    site_names = ("産経ニュース", "産経新聞：産経ニュース", "産経新聞")
    title_css = ("//article//h1", "h1")
    published_css = ("//div[contains(@class, 'article-header')]//time[@datetime]", "//time[@datetime]")
    byline_css = (".author-info-link", ".author-name")
    body_css = ("div.article-body",)
    exclude_css = ".inline-gptAd, .article-footer-wrapper"
    image_css = ("div.article-body figure",)
    paywall_css = ("//*[contains(@class, 'article-paywall') or contains(@class, 'premium-paywall')]",)
