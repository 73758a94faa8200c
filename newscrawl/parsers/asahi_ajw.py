"""The Asahi Shimbun Asia & Japan Watch (www.asahi.com/ajw/), English edition.

Layout: .ArticleTitle h1, p.EnArticleName (byline, "By TARO YAMADA/ Staff Writer"),
p.EnLastUpdated ("January 22, 2025 at 06:30 JST"), the text in .ArticleText, photos in
div.Image / div.insert_image_full with the caption (credit included) under them."""

from newscrawl.parsers.base import ArticlePage


class AsahiAjwParser(ArticlePage):
    outlet = "asahi_ajw"
    language = "en"
    site_names = ("The Asahi Shimbun", "The Asahi Shimbun: Breaking News, Japan News and Analysis", "AJW")
    title_css = (".ArticleTitle h1", "#MainInner h1", "h1")
    published_css = ("p.EnLastUpdated", ".ArticleTitle .LastUpdated")
    byline_css = ("p.EnArticleName", ".ArticleTitle .Name")
    body_css = (".ArticleText", "#MainInner .ArticleBody")
    exclude_css = ".SnsUtilityArea, .Image, .insert_image_full, .RelatedArticle, .Tag"
    image_css = ("#MainInner div.Image", "#MainInner div.insert_image_full", "#MainInner ul.Thum li")
    caption_css = ".Caption, figcaption, p, div > div"
    paywall_css = ("//*[contains(@class, 'PremiumArea') or contains(@class, 'LoginArea')]",)
