"""What every later stage relies on, and the fallback counters a redesign shows up in."""

import pytest
from itemadapter import ItemAdapter
from newscrawl.errors import DropItem

from newscrawl.items import Article
from newscrawl.runs import summarize
from pipelines import validate
from pipelines.base import Stats


def test_generic_layer_fields_are_counted_as_fallbacks():
    article = Article(url="https://mainichi.jp/a", title="見出し", body=["本文"],
                      sources={"title": "jsonld", "body": "generic", "published_raw": "generic"})
    stats = Stats()
    validate.normalize(ItemAdapter(article), stats)
    assert stats == {"newscrawl/parse/fallback_body": 1, "newscrawl/parse/fallback_published_raw": 1}
    assert summarize({**stats, "newscrawl/store/articles": 1})["fallbacks"] == 2


def test_page_without_title_or_body_is_dropped_and_counted():
    stats = Stats()
    with pytest.raises(DropItem):
        validate.normalize(ItemAdapter(Article(url="https://mainichi.jp/a", body=["  "])), stats)
    assert stats["newscrawl/validate/dropped_empty"] == 1


def test_canonical_url_and_outlet_default_to_what_the_page_gave():
    article = Article(url="https://portal.example/a", site="portal", title="  Judul   berita ")
    validate.normalize(ItemAdapter(article), Stats())
    assert (article.canonical_url, article.outlet, article.title) == ("https://portal.example/a", "portal", "Judul berita")


def test_an_article_with_no_site_is_the_site_of_its_url():
    # A record imported from another tool names neither: it was stored with no outlet,
    # so its card showed no source ("| 10 jam yang lalu") and the timeline's per-outlet
    # rows left it out (they no longer added up to the totals).
    article = Article(url="https://www.kobe-np.co.jp/news/1.shtml", title="見出し")
    validate.normalize(ItemAdapter(article), Stats())
    assert (article.site, article.outlet) == ("kobe-np.co.jp", "kobe-np.co.jp")


def normalized(**fields):
    article = Article(**{"url": "https://mainichi.jp/english/articles/1", "title": "A title", "body": ["Text."], **fields})
    stats = Stats()
    validate.normalize(ItemAdapter(article), stats)
    return article, stats


def test_control_characters_are_stripped_from_every_text_field():
    article, _ = normalized(title="Bell\x07 and \x1b[31mescape\x00", body=["one\x85two", "tab\tkept\r\nline"],
                            byline="By\x0c Taro", images=[{"url": "https://cdn.mainichi.jp/a.jpg", "caption": "cap\x1f", "credit": None}])
    assert article.title == "Bell and [31mescape"
    assert article.body == ["onetwo", "tab\tkept\nline"]
    assert (article.byline, article.images[0]["caption"]) == ("By Taro", "cap")


def test_invisible_characters_that_change_what_is_read_are_stripped():
    article, _ = normalized(title="exe.\u202etxt", body=["Some\xadthing \u200fmarked\u2060 here\ufeff", "子\u200dども"])
    assert article.title == "exe.txt"
    assert article.body == ["Something marked here", "子\u200dども"]  # a zero-width joiner binds emoji and scripts


def test_only_http_urls_survive():
    article, stats = normalized(canonical_url="javascript:alert(document.cookie)",
                                images=[{"url": "data:image/svg+xml,<svg onload=alert(1)>", "caption": "c"},
                                        {"url": "https://cdn.mainichi.jp/b.jpg", "caption": None}])
    assert article.canonical_url == "https://mainichi.jp/english/articles/1"
    assert [i["url"] for i in article.images] == [None, "https://cdn.mainichi.jp/b.jpg"]
    assert stats["newscrawl/validate/canonical_not_http"] == 1
    with pytest.raises(DropItem):
        normalized(url="javascript:alert(1)")


def test_a_canonical_link_to_another_site_is_ignored():
    """A page could name another site's article as its canonical URL and overwrite it."""
    article, stats = normalized(url="https://beritajepang.example/media-jepang/x",
                                canonical_url="https://mainichi.jp/english/articles/20250122/p2a/00m/0na/011000c")
    assert article.canonical_url == "https://beritajepang.example/media-jepang/x"
    assert stats["newscrawl/validate/canonical_other_site"] == 1
    article, _ = normalized(url="https://www3.nhk.or.jp/news/html/a.html",
                            canonical_url="https://www.nhk.or.jp/news/html/a.html?utm_source=x")
    assert article.canonical_url == "https://www.nhk.or.jp/news/html/a.html"


def test_a_relative_canonical_link_is_read_against_the_page():
    article, _ = normalized(url="https://mainichi.jp/english/articles/1?ref=top", canonical_url="/english/articles/1")
    assert article.canonical_url == "https://mainichi.jp/english/articles/1"


def test_urls_are_canonicalized_before_storing():
    article, _ = normalized(url="https://mainichi.jp/english/articles/1?ref=rss#top", canonical_url=None)
    assert article.url == article.canonical_url == "https://mainichi.jp/english/articles/1"


def test_a_huge_body_is_capped_and_flagged():
    article, stats = normalized(body=["x" * 150_000, "y" * 150_000, "z" * 10])
    assert [len(p) for p in article.body] == [150_000, validate.MAX_BODY_CHARS - 150_000]
    assert article.truncated is True and stats["newscrawl/validate/truncated_body"] == 1
    article, stats = normalized(body=["short"])
    assert article.truncated is False and "newscrawl/validate/truncated_body" not in stats


def test_in_a_crawl_a_dropped_item_is_scrapys_drop():
    # Scrapy's item pipeline treats only scrapy.exceptions.DropItem as "drop": anything
    # else would be logged as a pipeline error on every empty page.
    from scrapy.exceptions import DropItem as ScrapyDropItem

    pipeline = validate.ValidatePipeline(Stats())
    with pytest.raises(ScrapyDropItem, match="neither title nor body"):
        pipeline.process_item(Article(url="https://mainichi.jp/a"))
    assert pipeline.process_item(Article(url="https://mainichi.jp/a", title="見出し")).title == "見出し"
