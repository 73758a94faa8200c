"""NHK WORLD-JAPAN News (www3.nhk.or.jp/nhkworld/): English and other languages."""

from newscrawl.parsers.base import ArticlePage


class NhkWorldParser(ArticlePage):
    outlet = "nhkworld"
    language = "en"
    site_names = ("NHK WORLD-JAPAN News", "NHK WORLD-JAPAN", "NHK WORLD")
    title_css = (".p-article__title", "//article//h1", "//main//h1", "h1")
    published_css = (".p-article__date time[datetime]", "//article//time[@datetime]", "//main//time[@datetime]")
    body_css = (".p-article__body", ".c-articleBody", "div.detail-body", "//article//div[contains(@class, 'body')]")
    exclude_css = ".c-sns, .p-article__sns, .p-article__related, .c-related"
    image_css = (".p-article__image figure", ".p-article__main figure", "//article//figure[.//img]")
