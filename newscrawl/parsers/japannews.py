"""The Japan News by The Yomiuri Shimbun (japannews.yomiuri.co.jp), WordPress.

The photo credit is printed apart from the caption (<figcaption><span>The Yomiuri
Shimbun</span><br>caption…), so it goes to ``credit``; byline and "17:41 JST,
October 13, 2024" sit inside the article block as p.byline / p.postdate."""

from newscrawl.parsers.base import ArticlePage


class JapanNewsParser(ArticlePage):
    outlet = "japannews"
    language = "en"
    site_names = ("The Japan News", "The Japan News by The Yomiuri Shimbun")
    title_css = ("//article//h1", "h1")
    published_css = ("#p-article-block p.postdate", "p.postdate")
    byline_css = ("#p-article-block p.byline", "p.byline")
    body_css = ("#p-article-block", "div.p-article-block")
    exclude_css = "p.byline, p.postdate, #article-inline-offer, .goolenewsfeed, .latestlist"
    image_css = ("#p-article-block figure",)
    credit_css = "figcaption > span"
    paywall_css = ("//*[contains(@class, 'premium-content-message') or contains(@class, 'p-premium')]",)
