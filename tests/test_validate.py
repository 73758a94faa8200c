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


def test_in_a_crawl_a_dropped_item_is_scrapys_drop():
    # Scrapy's item pipeline treats only scrapy.exceptions.DropItem as "drop": anything
    # else would be logged as a pipeline error on every empty page.
    from scrapy.exceptions import DropItem as ScrapyDropItem

    pipeline = validate.ValidatePipeline(Stats())
    with pytest.raises(ScrapyDropItem, match="neither title nor body"):
        pipeline.process_item(Article(url="https://mainichi.jp/a"))
    assert pipeline.process_item(Article(url="https://mainichi.jp/a", title="見出し")).title == "見出し"
