"""Outlet names as people read them, and filters by outlet family."""

import pytest

from newscrawl import outlets
from newscrawl.cli import main
from newscrawl.search import search
from newscrawl.storage import Storage
from tests.test_search import NOW, article


@pytest.mark.parametrize("slug, name, edition, label", [
    ("mainichi", "MAINICHI", "", "MAINICHI"),
    ("mainichi_en", "MAINICHI", "EN", "MAINICHI EN"),
    ("kyodo_en", "KYODO", "EN", "KYODO EN"),
    ("nhkworld", "NHK", "EN", "NHK EN"),
    ("japantimes", "JAPAN TIMES", "", "JAPAN TIMES"),
    ("jiji_press", "JIJI PRESS", "", "JIJI PRESS"),  # a portal's label no table lists
    ("news.example", "news.example", "", "news.example"),  # a generic site's host
    (None, "", "", ""),
])
def test_names_never_show_a_slug(slug, name, edition, label):
    assert (outlets.name(slug), outlets.edition(slug), outlets.label(slug)) == (name, edition, label)


@pytest.mark.parametrize("site, url, name", [
    ("mainichi_en", "https://mainichi.jp/english/articles/1", "MAINICHI"),  # a known outlet's masthead
    ("portal", "https://beritajepang.example/media-jepang/mainichi/1", "BERITAJEPANG"),
    ("portal", "https://news.detik.com/internasional/d-1", "DETIK"),  # the site, not the subdomain
    ("www.kobe-np.co.jp", None, "KOBE-NP"),  # a generic site stored under its host
])
def test_a_republishing_site_is_named_from_its_host(site, url, name):
    assert outlets.site_name(site, url) == name


def test_language_names_in_the_readers_language():
    assert [outlets.language_name("en", ui) for ui in ("id", "en", "ja")] == ["Inggris", "English", "英語"]
    assert outlets.language_name("ja", "id") == "Jepang"
    assert outlets.language_name("xx", "id") == "xx" and outlets.language_name(None) == ""


@pytest.mark.parametrize("typed, slugs", [
    (["mainichi"], ["mainichi", "mainichi_en"]),
    (["kyodo"], ["kyodo_en"]),
    (["KYODO_EN"], ["kyodo_en"]),
    (["Japan Times"], ["japantimes"]),
    (["the japan news"], ["japannews"]),
    (["nhk", "asahi_ajw"], ["nhk", "nhkworld", "asahi_ajw"]),
])
def test_a_filter_value_is_a_family_an_edition_or_a_printed_name(typed, slugs):
    assert outlets.resolve(typed) == (slugs, [])


def test_each_edition_has_a_filter_value_of_its_own():
    # "mainichi" is the family (both editions): the Japanese paper alone had no name,
    # so the page's "MAINICHI" facet and option listed it and selected both.
    assert [outlets.filter_key(s) for s in ("mainichi", "nhk", "mainichi_en", "kyodo_en", "japantimes", "tempo_co")] == [
        "mainichi_ja", "nhk_ja", "mainichi_en", "kyodo_en", "japantimes", "tempo_co"]
    for slug in outlets.BY_SLUG:
        assert outlets.resolve([outlets.filter_key(slug)]) == ([slug], []), slug
    assert outlets.resolve(["nhk_en"]) == (["nhkworld"], [])  # a family and a language name an edition


def test_outlets_only_the_database_knows_still_filter():
    assert outlets.resolve(["tempo_co"], present=["tempo_co"]) == (["tempo_co"], [])
    assert outlets.resolve(["tempo"], present=["tempo_co"]) == (["tempo"], ["tempo"])


@pytest.fixture
def db(db_path):
    storage = Storage(db_path)
    storage.upsert_articles([
        article("m-ja", "地震の速報", ["地震があった。"], outlet="mainichi", language="ja"),
        article("m-en", "Quake report", ["A quake struck."], outlet="mainichi_en"),
        article("k-en", "Quake felt in Tokyo", ["Tokyo felt the quake."], outlet="kyodo_en"),
        article("jt", "Quake and markets", ["Markets fell after the quake."], outlet="japantimes"),
    ])
    storage.close()
    return db_path


def found(db, text, **kw):
    return sorted(h.url.rsplit("/", 1)[1] for h in search(db, text, now=NOW, **kw).hits)


def test_outlet_filter_finds_the_family(db):
    assert found(db, "outlet:kyodo") == ["k-en"]
    assert found(db, "outlet:mainichi") == ["m-en", "m-ja"]
    assert found(db, "quake", outlet="mainichi") == ["m-en"]
    assert found(db, "outlet:mainichi -outlet:mainichi_en") == ["m-ja"]
    assert found(db, "outlet:mainichi_en") == ["m-en"]
    assert found(db, "outlet:mainichi_ja") == ["m-ja"]


def test_an_unknown_outlet_finds_nothing_and_lists_the_known_ones(db):
    result = search(db, "quake outlet:mainichy", now=NOW, ui_lang="en")
    assert result.hits == []
    (note,) = result.notes
    assert note.startswith("no outlet is called 'mainichy'; the outlets are mainichi, kyodo,")
    assert search(db, "quake", outlet="kyodonews", now=NOW, ui_lang="id").notes[0].startswith(
        "tidak ada media bernama 'kyodonews'"
    )


def test_cli_outlet_takes_the_family_and_prints_names(db, capsys):
    assert main(["search", "--db", str(db), "--all", "--outlet", "kyodo", "quake"]) == 0
    out = capsys.readouterr().out
    assert "1 article(s)" in out and "KYODO EN" in out and "kyodo_en" not in out.split("\n", 1)[1]
    assert main(["search", "--db", str(db), "--all", "--outlet", "kyodonews", "quake", "--lang", "en"]) == 0
    assert "note: no outlet is called 'kyodonews'; the outlets are" in capsys.readouterr().out
