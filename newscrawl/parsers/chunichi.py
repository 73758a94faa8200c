"""中日新聞Web (www.chunichi.co.jp). 東京新聞 runs on the same system (tokyo_np.py).

Each paragraph is a div.block; photos sit in div.block too (div.wrap + p.caption), or
in a gallery above the text (div.thumb + p.thumb-caption, thumbnails with
data-caption). Members-only stubs end with a registration box (cmp-misc021)."""

from newscrawl.parsers.base import ArticlePage


class ChunichiParser(ArticlePage):
    outlet = "chunichi"
    language = "ja"
    site_names = ("中日新聞Web", "中日新聞")
    title_css = ("//div[@id='entry']//h1", "h1")
    published_css = ("//*[contains(@class, 'article-date') or contains(@class, 'detail-info')]//time", "//span[contains(@class, 'date')]")
    paragraphs_css = ("//div[@id='entry']/div[contains(concat(' ', @class, ' '), ' block ')]",)
    # Photos, keyword lists and share bars inside the blocks; member prompts after them.
    exclude_css = "div.wrap, div.image, p.caption, div.clear, [class^='cmp-']"
    image_css = "#entry div.thumb, #entry ul.list li, #entry div.block div.wrap"
    caption_css = "p.caption, p.thumb-caption, figcaption"
    paywall_css = ("div.cmp-misc021", "//*[contains(text(), 'この記事は会員限定です')]")
