"""Japan Today (japantoday.com): English news, much of it from Kyodo, AFP and AP.

Each article ends with the wire credit ("-- Kyodo", "(AFP)") and a comment thread,
which is not article text."""

from newscrawl.parsers.base import ArticlePage


class JapanTodayParser(ArticlePage):
    outlet = "japantoday"
    language = "en"
    site_names = ("Japan Today", "JapanToday")
    title_css = ("//article//h1", "h1")
    published_css = ("//article//time[@datetime]", "//*[@itemprop='datePublished']")
    byline_css = ("//article//*[@itemprop='author']", "//article//*[contains(@class, 'author')]")
    body_css = ("//*[@itemprop='articleBody']", "div.article-body", "div.text-content")
    exclude_css = "#comments, .comments, .comment-section, .related-articles, .article-tools, .sponsored"
    image_css = ("//article//figure[.//img]", "//div[contains(@class, 'media-article')]//figure")
    caption_css = "figcaption, .caption"
    credit_css = ".credit, .photo-credit"
