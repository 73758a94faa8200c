"""NHK NEWS WEB (www3.nhk.or.jp/news/ and the 2025 site news.web.nhk).

The classic layout puts a lead (.content--summary), then the rest of the text in
.content--detail-more (.body-title sub-headings, .body-text paragraphs); the newer site renders most of the
page with JavaScript and is read through its structured data and the generic layer."""

from newscrawl.parsers.base import ArticlePage


class NhkParser(ArticlePage):
    outlet = "nhk"
    language = "ja"
    site_names = ("NHK NEWS WEB", "NHKニュース", "NHK")
    title_layers = ("selector", "jsonld", "meta", "generic")  # og:title reads "見出し | NHK | 気象"
    title_css = (".content--title span", ".content--title", "//main//h1", "h1")
    published_css = (".content--date time[datetime]", "//header//time[@datetime]", "//main//time[@datetime]")
    paragraphs_css = (
        ".content--summary, .content--summary-more, .content--detail-more .body-title, .content--detail-more .body-text,"
        " .content--body .body-title, .content--body .body-text",
        ".content--detail-body",
        "//article//*[contains(@class, 'body-text') or contains(@class, 'summary')]",
    )
    exclude_css = ".module--sns, .content--sns, .content--link, .content--tags"
    image_css = (".content--thumb figure", ".content--detail-main figure", "//article//figure[.//img]")
    caption_css = "figcaption, .caption"
    tags_css = ".content--tags a"
