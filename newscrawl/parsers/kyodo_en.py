"""Kyodo News English (english.kyodonews.net).

Articles open with a "WASHINGTON (Kyodo) --" dateline and may end with a "(By …)"
byline paragraph; both stay in the body for the byline pipeline to read."""

from newscrawl.parsers.base import ArticlePage


class KyodoEnParser(ArticlePage):
    outlet = "kyodo_en"
    language = "en"
    site_names = ("Kyodo News Plus", "Kyodo News", "KYODO NEWS")
    title_css = ("//article//h1", "//main//h1", "h1")
    published_css = ("//article//time[@datetime]", "//p[contains(@class, 'credit')]", "//div[contains(@class, 'article-date')]")
    byline_css = ("//article//*[contains(@class, 'byline')]",)
    body_css = ("div.article-body", "#js-article-body", "div.article__body", "div.main-content")
    exclude_css = ".sns-buttons, .ad-area, .related-articles, .c-share, .mainpic .credit"
    image_css = ("div.mainpic", "article figure", "div.article-body figure")
    caption_css = "figcaption, p.caption, .caption"
    paywall_css = ("//*[contains(@class, 'paywall') or contains(@class, 'members-only')]",)
