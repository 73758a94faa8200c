"""読売新聞オンライン (www.yomiuri.co.jp): Japanese edition (WordPress)."""

from newscrawl.parsers.base import ArticlePage


class YomiuriParser(ArticlePage):
    outlet = "yomiuri"
    language = "ja"
    site_names = ("読売新聞オンライン", "読売新聞")
    title_css = ("//article//h1", "h1")
    published_css = ("//article//header//time[@datetime]",)
    body_css = ("div.p-main-contents", "//*[@itemprop='articleBody']/..")
    exclude_css = "a.c-square-arrow-btn, kijikugiri, .p-ad-dfp-premiumrec, .p-related-tags, .p-member-only"
    image_css = "div.p-main-contents figure, article figure.wp-caption"
    tags_css = "div.p-related-tags li a"
    paywall_css = ("//*[contains(@class, 'p-member-only') or contains(@class, 'p-premium-content')]",)
