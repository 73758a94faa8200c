"""One story, many copies (issue 12): wire copies share a story_id, look-alikes do not.

The fixtures are our own text in the outlets' page structure: a Kyodo story on Kyodo's
English site, the Mainichi's trimmed and edited copy, an Indonesian portal's copy like
../shared/seed's page, and a different Kyodo story from the same day on the same
meeting's anniversary (tests/fixtures/stories/*.html); Japanese and template texts in
texts.json.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newscrawl.extract import extract_file
from newscrawl.stories import Text, similarity, tokens
from newscrawl.storage import Storage, article_id
from pipelines.base import Stats
from pipelines.store import StorePipeline

FIXTURES = Path(__file__).parent / "fixtures" / "stories"
TEXTS = json.loads((FIXTURES / "texts.json").read_text())
FETCHED = "2025-05-25T07:00:00+00:00"


def page(name: str):
    return extract_file(FIXTURES / f"{name}.html", fetched_at=FETCHED)


def article(name: str, body=None, published="2025-05-24T18:00:00+09:00", outlet="mainichi", **over) -> dict:
    return {
        "url": f"https://example.jp/{outlet}/{name}", "outlet": outlet, "site": outlet, "language": "ja",
        "title": name, "body": body if body is not None else TEXTS[name], "published_at": published,
        "fetched_at": FETCHED, **over,
    }


def story_of(storage: Storage, url: str) -> str | None:
    return storage.conn.execute("SELECT story_id FROM articles WHERE id = ?", [article_id(url)]).fetchone()[0]


def test_seed_like_copies_through_the_store_pipeline_are_one_story(db_path):
    pages = {name: page(name) for name in ("kyodo_en", "mainichi_en", "portal", "kyodo_en_other")}
    pipe = StorePipeline(str(db_path), batch_size=2, batch_seconds=3600, stats=Stats())
    pipe.open_spider()
    for item in pages.values():  # two batches: the portal's copy finds Kyodo's in the database
        pipe.process_item(item)
    pipe.close_spider()

    s = Storage(db_path)
    kyodo = article_id(pages["kyodo_en"].url)
    assert story_of(s, pages["kyodo_en"].url) == kyodo  # the first copy stored founds the story
    assert story_of(s, pages["mainichi_en"].url) == kyodo  # (Kyodo) dateline, new headline, trimmed
    assert story_of(s, pages["portal"].url) == kyodo  # credited to Kyodo, a paragraph split, (By ...)
    other = pages["kyodo_en_other"].url
    assert story_of(s, other) == article_id(other)  # same day, same anniversary, another story


def test_a_copy_stored_days_later_joins_through_the_bands_on_disk(db_path):
    Storage(db_path).upsert_articles([article("kyodo_ja_in_mainichi")])
    # A new process: nothing in memory, the story is found through story_bands.
    s = Storage(db_path)
    s.upsert_articles([article("kyodo_ja_in_tokyo_np", outlet="tokyo_np", published="2025-05-26T09:00:00+09:00")])
    first = article_id("https://example.jp/mainichi/kyodo_ja_in_mainichi")
    assert story_of(s, "https://example.jp/tokyo_np/kyodo_ja_in_tokyo_np") == first


def test_another_agencys_report_of_the_same_meeting_is_another_story(db_path):
    s = Storage(db_path)
    s.upsert_articles([article("kyodo_ja_in_mainichi"), article("jiji_ja_same_meeting", outlet="sankei")])
    assert story_of(s, "https://example.jp/sankei/jiji_ja_same_meeting") == article_id(
        "https://example.jp/sankei/jiji_ja_same_meeting"
    )


@pytest.mark.parametrize("pair", [("nhk_quake_miyazaki", "nhk_quake_ibaraki"), ("kyodo_en_quake_miyazaki", "kyodo_en_quake_ibaraki")])
def test_reports_from_one_template_with_other_numbers_stay_apart(db_path, pair):
    s = Storage(db_path)
    s.upsert_articles([article(pair[0]), article(pair[1])])
    assert story_of(s, f"https://example.jp/mainichi/{pair[1]}") == article_id(f"https://example.jp/mainichi/{pair[1]}")
    # They share most of their words: only the numbers tell them apart.
    a, b = Text(TEXTS[pair[0]]), Text(TEXTS[pair[1]])
    assert len(set(a.shingles) & set(b.shingles)) > 0.4 * len(a.shingles)
    assert similarity(a, b) == 0.0


def test_the_same_text_a_month_later_is_a_new_story(db_path):
    s = Storage(db_path)
    s.upsert_articles([article("kyodo_ja_in_mainichi")])
    s.upsert_articles([article("kyodo_ja_in_mainichi", outlet="portal", published="2025-06-24T18:00:00+09:00")])
    assert story_of(s, "https://example.jp/portal/kyodo_ja_in_mainichi") == article_id(
        "https://example.jp/portal/kyodo_ja_in_mainichi"
    )


def test_a_one_line_flash_is_a_story_of_its_own(db_path):
    s = Storage(db_path)
    flash = ["石破首相が辞意を表明した。"]
    s.upsert_articles([article("flash-1", body=flash), article("flash-2", body=flash, outlet="nhk")])
    assert story_of(s, "https://example.jp/nhk/flash-2") == article_id("https://example.jp/nhk/flash-2")
    assert s.count("story_bands") == 0


def test_recrawling_an_unchanged_article_keeps_its_story(db_path):
    s = Storage(db_path)
    s.upsert_articles([article("kyodo_ja_in_mainichi"), article("kyodo_ja_in_tokyo_np", outlet="tokyo_np")])
    bands = s.count("story_bands")
    s.upsert_articles([article("kyodo_ja_in_tokyo_np", outlet="tokyo_np")])
    assert story_of(s, "https://example.jp/tokyo_np/kyodo_ja_in_tokyo_np") == article_id(
        "https://example.jp/mainichi/kyodo_ja_in_mainichi"
    )
    assert s.count("story_bands") == bands


def test_what_copies_differ_in_is_normalized_away():
    # Datelines, agency credits, byline paragraphs, widths and case.
    assert tokens(["SEOUL (Kyodo) -- Ministers met.", "(By Kenji Ono)"]) == tokens(["SEOUL - Ministers met."]) == [
        "ministers", "met"
    ]
    assert tokens(["【ソウル共同】外相は２４日会談した。（共同）"]) == tokens(["外相は24日会談した。"])
    assert tokens(["TOKYO, Jan. 21 (Reuters) - Stocks rose 1.5%."]) == ["stocks", "rose", "1.5"]
    # Ordinary short paragraphs and capitalized openings stay.
    assert tokens(["He said.", "Prime Minister Shigeru Ishiba - who spoke first - agreed."])[:4] == ["he", "said", "prime", "minister"]


def test_newscrawl_import_clusters_and_keeps_revisions(db_path, tmp_path, capsys):
    from newscrawl.cli import main

    pages = [page(name).to_dict() for name in ("kyodo_en", "mainichi_en", "portal")]
    dump = tmp_path / "copies.jsonl"
    dump.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in pages), encoding="utf-8")
    assert main(["import", "--db", str(db_path), "--quiet", str(dump)]) == 0
    s = Storage(db_path)
    assert {story_of(s, p["url"]) for p in pages} == {article_id(pages[0]["url"])}

    # The same dump a day later, the Mainichi having rewritten its headline.
    pages[1].update(title="Japan, South Korea vow youth exchanges", fetched_at="2025-05-26T07:00:00+00:00")
    dump.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in pages), encoding="utf-8")
    assert main(["import", "--db", str(db_path), "--quiet", str(dump)]) == 0
    [(title, changed)] = s.conn.execute("SELECT title, changed FROM article_revisions").fetchall()
    assert title == "Japan, South Korea agree to expand youth exchanges" and json.loads(changed) == ["title"]
    assert story_of(s, pages[1]["url"]) == article_id(pages[0]["url"])
    capsys.readouterr()
