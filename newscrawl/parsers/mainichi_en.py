"""The Mainichi, English edition (mainichi.jp/english/).

Shares the Japanese edition's article skeleton; the date is printed as
"January 22, 2025 (Mainichi Japan)" and bylines end the text ("(Mainichi)",
"By Taro Yamada, Staff Writer") or open it."""

from newscrawl.parsers.mainichi import MainichiParser


class MainichiEnParser(MainichiParser):
    outlet = "mainichi_en"
    language = "en"
    site_names = ("The Mainichi", "Mainichi Japan", "毎日新聞")
    title_css = ("//main//h1", "h1")
    published_css = ("//*[contains(@class, 'articledetail-head')]//p[contains(@class, 'date')]", "//p[contains(@class, 'post')]", "//main//time")
    body_css = ("#articledetail-body", "div.articledetail-body", "div.main-text", "#main .article-body")
    byline_css = ("//*[contains(@class, 'articledetail-head')]//*[contains(@class, 'author')]",)
