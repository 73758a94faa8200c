"""Search in the reader's language (notes, errors) and facet counts in one pass.

Articles are our own text; see tests/test_search.py for the search itself.
"""

import re
import string
from datetime import datetime, timedelta, timezone

import pytest

from newscrawl.search import QueryError, engine, parse_query, search
from newscrawl.search.messages import LANGUAGES, MESSAGES, Message
from newscrawl.storage import Storage

NOW = datetime(2025, 1, 22, 12, 0, tzinfo=timezone.utc)


def article(slug, body, *, days=1.0, outlet="mainichi", language="en"):
    return {
        "url": f"https://news.example/{slug}",
        "title": slug.replace("-", " ").capitalize(),
        "body": [body],
        "outlet": outlet,
        "language": language,
        "published_at": (NOW - timedelta(days=days)).isoformat(timespec="seconds"),
    }


@pytest.fixture
def common_db(db_path, monkeypatch):
    """30 English reports, every one with "the", six about a typhoon."""
    monkeypatch.setattr(engine, "COMMON_MIN_DOCS", 20)
    Storage(db_path).upsert_articles(
        [article(f"n{i}", f"The report {i} on the {'typhoon' if i % 5 == 0 else 'weather'}.") for i in range(30)]
    )
    return db_path


# -- notes and errors in three languages ---------------------------------------------


@pytest.mark.parametrize(
    "lang, note",
    [
        ("en", "'the' matches 100% of articles; ignored — quote a phrase to keep it"),
        ("id", "'the' ada di 100% artikel; diabaikan — pakai tanda kutip untuk mempertahankannya"),
        ("ja", "「the」は記事の100%に含まれるため無視しました。残すには引用符で囲んでください"),
    ],
)
def test_common_word_note_in_the_readers_language(common_db, lang, note):
    result = search(common_db, "the typhoon", now=NOW, ui_lang=lang)
    assert result.total == 6
    assert result.notes == [note]
    assert [m.id for m in result.messages] == ["common"]


@pytest.mark.parametrize(
    "lang, message",
    [
        ("en", 'unbalanced double quote: close the phrase with another " (e.g. "prime minister")'),
        ("id", 'tanda kutip tidak berpasangan: tutup frasa dengan " lagi (misalnya "prime minister")'),
        ("ja", '引用符が閉じていません。フレーズの終わりにも " を付けてください(例: "prime minister")'),
    ],
)
def test_bad_query_in_the_readers_language(common_db, lang, message):
    with pytest.raises(QueryError) as err:
        search(common_db, '"typhoon', now=NOW, ui_lang=lang)
    assert str(err.value) == message
    assert err.value.id == "unbalanced_quote"


def test_an_error_can_be_shown_in_another_language(common_db):
    with pytest.raises(QueryError) as err:
        search(common_db, "the", now=NOW, ui_lang="id")  # only a common word: nothing left
    e = err.value
    assert str(e).startswith("tidak ada lagi yang bisa dicari: 'the' ada di 100% artikel")
    # the notes quoted inside the error follow the error's language
    assert e.message("en").startswith("nothing left to search: 'the' matches 100% of articles")
    assert e.message("ja").startswith("検索できる語が残りませんでした: 「the」は記事の100%")


def test_an_error_raised_outside_search_is_english():
    with pytest.raises(QueryError) as err:
        parse_query("since:yesterday")
    assert str(err.value) == "since: wants 30min, 12h, 2d, 1w, 3mo, 1y or a date like 2025-01-01, not 'yesterday'"
    assert err.value.message("id").startswith("since: perlu 30min")


def test_a_note_names_cli_flags_only_when_asked_for_the_cli_wording(db_path):
    Storage(db_path).upsert_articles([article("old", "An old typhoon.", days=800)])
    result = search(db_path, "typhoon", now=NOW, ui_lang="id")
    (note,) = result.notes
    assert note.startswith("hanya setahun terakhir yang dicari (sejak 2024-01-23)")
    assert "--" not in note  # the web page has no flags
    (msg,) = result.messages
    assert "--all" in msg.render("id", "cli") and "--all" in msg.render("en", "cli")
    assert "--all" not in msg.render("en")


def _placeholders(template):
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("msg_id", sorted(MESSAGES))
def test_every_message_is_in_every_language_with_the_same_placeholders(msg_id):
    templates = MESSAGES[msg_id]
    assert set(templates) == set(LANGUAGES)
    assert len({frozenset(_placeholders(t)) for t in templates.values()}) == 1, templates


def test_every_message_raised_or_noted_is_in_the_table():
    from pathlib import Path

    import newscrawl.search as package

    used = set()
    for path in Path(package.__file__).parent.glob("*.py"):
        source = path.read_text()
        used |= set(re.findall(r'(?:QueryError|Message)\(\s*"(\w+)"', source))
        used |= set(re.findall(r'"(common\w*)"', source))  # chosen by script in _drop_common
    assert {"unbalanced_quote", "common_cjk", "default_window"} <= used
    assert used <= set(MESSAGES), used - set(MESSAGES)


def test_message_renders_english_by_default():
    assert str(Message("stop_word", {"term": "の"})) == "'の' is a common word; ignored — quote it to keep it"


# -- facets ---------------------------------------------------------------------------

FACET_ARTICLES = [
    article("m1", "Sakura bloom in Tokyo."),
    article("m2", "Sakura and rain."),
    article("m3", "Rain only.", days=3),
    article("k1", "Sakura forecast.", outlet="kyodo"),
    article("k2", "Typhoon warning.", outlet="kyodo"),
    article("n1", "桜が咲いた。Sakura.", outlet="nhk", language="ja"),
    article("n2", "台風が来た。", outlet="nhk", language="JA"),
    article("old", "Sakura long ago.", outlet="asahi", days=900),
]


@pytest.fixture
def facet_db(db_path):
    Storage(db_path).upsert_articles(FACET_ARTICLES)
    return db_path


@pytest.mark.parametrize(
    "text, kw",
    [
        ("sakura", {}),
        ("sakura", {"all_time": True}),
        ("", {}),
        ("-sakura", {}),
        ("sakura OR rain", {"lang": "en"}),
        ("sakura", {"outlet": "kyodo"}),  # the facet's own filter is left out of its counts
        ("sakura -outlet:kyodo", {}),  # a filter typed in the query stays
    ],
)
def test_outlet_counts_equal_the_per_outlet_searches(facet_db, text, kw):
    result = search(facet_db, text, now=NOW, facets=("outlet",), **kw)
    outlets = ["asahi", "kyodo", "mainichi", "nhk"]
    expected = [(o, search(facet_db, text, now=NOW, **dict(kw, outlet=o)).total) for o in outlets]
    assert sorted(result.facets["outlet"]) == sorted((o, n) for o, n in expected if n)
    counts = [n for _, n in result.facets["outlet"]]
    assert counts == sorted(counts, reverse=True)  # most articles first


def test_outlet_counts_for_a_word(facet_db):
    result = search(facet_db, "sakura", now=NOW, facets=("outlet",), outlet="kyodo")
    assert result.total == 1
    assert result.facets == {"outlet": [("mainichi", 2), ("kyodo", 1), ("nhk", 1)]}


def test_language_counts_fold_case_like_the_lang_filter(facet_db):
    result = search(facet_db, "", now=NOW, facets=("language", "outlet"))
    assert result.facets["language"] == [("en", 5), ("ja", 2)]
    assert search(facet_db, "", now=NOW, lang="ja").total == 2


@pytest.mark.parametrize("kw", [{}, {"outlet": "nhk"}, {"outlet": ["nhk", "kyodo"]}, {"lang": "ja"}])
def test_counts_alone_skip_the_ranking_but_keep_the_total(facet_db, kw):
    counted = search(facet_db, "sakura OR 台風", now=NOW, limit=0, facets=("outlet", "language"), **kw)
    full = search(facet_db, "sakura OR 台風", now=NOW, **kw)
    assert counted.hits == [] and counted.total == full.total > 0
    assert search(facet_db, "sakura", now=NOW, limit=0, **kw).total == search(facet_db, "sakura", now=NOW, **kw).total


def test_unknown_facet_is_a_programming_error(facet_db):
    with pytest.raises(ValueError, match="facets can be outlet, language"):
        search(facet_db, "sakura", facets=("section",))
