"""日本経済新聞 (www.nikkei.com): Japanese edition.

Class names are generated ("paragraph_p18mfke4"); the article section is marked with
a stable data attribute, which the selectors rely on instead. Boxes after the text
(profiles of appointees, 【関連記事】 lists) are not article text."""

from newscrawl.parsers.base import ArticlePage

_SECTION = "section[data-track-article-content]"


class NikkeiParser(ArticlePage):
    outlet = "nikkei"
    language = "ja"
    site_names = ("日本経済新聞", "日経電子版", "日本経済新聞社")
    title_css = ("//article//h1",)
    published_css = ("//article//time[@datetime][1]",)
    paragraphs_css = (f"{_SECTION} > p, {_SECTION} > div > h2, {_SECTION} > h2",)
    image_css = (f"{_SECTION} figure",)
    tags_css = "//article//header//div[contains(@class, 'topicLink')]//a"
    paywall_css = ("//*[@data-track-article-content]//*[contains(@class, 'paywall') or contains(@class, 'subscription')]",)
