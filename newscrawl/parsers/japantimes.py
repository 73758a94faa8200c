"""The Japan Times (www.japantimes.co.jp).

Selectors for the current layout (div.article-body, div.jt-byline) come first, then
the pre-2023 WordPress one (#jtarticle, p.credit, time[pubdate]). Photos in the
current layout print the credit in its own element."""

from newscrawl.parsers.base import ArticlePage


class JapanTimesParser(ArticlePage):
    outlet = "japantimes"
    language = "en"
    site_names = ("The Japan Times",)
    author_metas = ("cXenseParse:jat-credit", "author")
    title_css = ("//main//h1", "//article//h1", "h1")
    published_css = ("//time[@pubdate][@datetime]", "//div[contains(@class, 'publish-date')]", "//main//time[@datetime]")
    byline_css = ("div.jt-byline .author", "div.jt-byline", "p.credit", ".author-name")
    body_css = ("div.article-body", "#jtarticle", "div.entry")
    exclude_css = (
        ".jt_content_ad, .single-sns-area, .jtarticle_related, .content-related-stories, .jt-related-stories, "
        ".post-keywords, .newsletter-signup, .DisplayAd, .jt-subscribe-box, .note-to-commenters, .basic-footer-menu, "
        ".join-the-conversation, .with-take5, .coronavirus-banner"
    )
    image_css = ("div.article-body figure", "div.inline_image", "ul.slides li.slide_image", "#jtarticle figure")
    caption_css = "figcaption .caption, figcaption, .caption, div > div"
    credit_css = "figcaption .credit, .photo-credit, .credit"
    paywall_css = ("#jt-paywall", ".jt-paywall", "//*[contains(@class, 'piano-paywall')]")
