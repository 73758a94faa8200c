"""日刊ゲンダイDIGITAL (www.nikkan-gendai.com).

The text is one <p class="full-text"> with paragraphs separated by <br><br>; the <h2>
above it is a deck (sub-title), not part of the text."""

from newscrawl.parsers.base import ArticlePage


class NikkanGendaiParser(ArticlePage):
    outlet = "nikkan_gendai"
    language = "ja"
    site_names = ("日刊ゲンダイDIGITAL", "日刊ゲンダイ")
    title_css = ("//div[contains(@class, 'article-title')]//h1", "//main//h1")
    published_css = ("//main//time[@datetime]",)
    paragraphs_css = ("div.article-wrap p.full-text", "div.article-detail-box p")
    image_css = ("div.article-detail-box figure",)
    tags_css = "//main//div[contains(@class, 'm-keyword-list')]//li//a"
    paywall_css = ("//*[contains(@class, 'article-premium') or contains(@class, 'premium-box')]",)
