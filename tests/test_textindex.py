"""The text index: words in normalized form, found as a reader expects, searched by real FTS5."""

import sqlite3

import pytest

from newscrawl.search.fts import match_expr
from newscrawl.search.query import Term
from newscrawl.storage import FTS_SCHEMA
from newscrawl.textindex import field_tokens, fold, index_fields, query_words

DOCS = {
    1: "東京都知事が会見した。",
    2: "京都府の観光客が増えた。",
    3: "ジャパンカップとサイパンの話。",
    4: "朝食のパンを焼いた。",
    5: "帰国会見を開いた。",
    6: "国会が召集された。",
    7: "子どもたちの取組みを紹介。",
    8: "株価が上がり、雪辱を果たした。",
    9: "大雪で株主総会が延期。",
    10: "澤穂希と國學院の髙橋さん。",
    11: "AKB48のメンバー。",
    12: "成長率は1.1%だった。",
    13: "試合は1-1で引き分け。",
    14: "The news was new to ministers.",
    15: "パンパシフィック選手権と海パン。",
    16: "サッカーワールドカップ",
}


@pytest.fixture(scope="module")
def fts():
    conn = sqlite3.connect(":memory:")
    conn.execute(FTS_SCHEMA)
    for rowid, text in DOCS.items():
        conn.execute("INSERT INTO articles_fts (rowid, title, body, grams) VALUES (?, ?, ?, ?)", (rowid, *index_fields("", text)))

    def search(text, fallback=False):
        expr, _ = match_expr([[Term(text, fallback=fallback)]], [])
        return sorted(r[0] for r in conn.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?", (expr,)))

    return search


def test_words_do_not_match_across_word_boundaries(fts):
    assert fts("京都") == [2]  # not inside 東京都 (東京 + 都)
    assert fts("パン") == [4, 15]  # not ジャパン, サイパン, パンパシフィック; 海パン is a パン
    assert fts("国会") == [6]  # not 帰国会見 (帰国 + 会見)


def test_compounds_match_their_words(fts):
    assert fts("知事") == [1] and fts("東京都") == [1] and fts("東京都知事") == [1]
    assert fts("株") == [8, 9]  # 株価, 株主: 株 read かぶ inside them
    assert fts("ワールドカップ") == [16]  # the head of a katakana compound


def test_a_kanji_read_otherwise_is_another_word(fts):
    assert fts("雪") == []  # 雪辱 (せつじょく); 大雪 is also a place name, so no parts


def test_spelling_variants_fold_together(fts):
    assert fts("子供") == fts("こども") == fts("子ども") == [7]
    assert fts("取り組み") == fts("取組") == [7]
    assert fts("沢穂希") == fts("澤穂希") == [10]
    assert fts("国学院") == fts("高橋") == [10]
    assert fold("ＡＫＢ４８ ｶﾀｶﾅ 﨑 邊") == "akb48 カタカナ 崎 辺"


def test_letters_and_digits_part_and_decimals_stay_whole(fts):
    assert fts("AKB") == fts("AKB48") == fts("ａｋｂ") == [11]
    assert fts("1.1") == [12]
    assert fts("1") == [13]  # the score, not the 1 of 1.1
    assert field_tokens("1,000人") == "1000 人"


def test_snowball_keeps_news_apart_from_new(fts):
    assert fts("news") == [14] and fts("minister") == [14]
    assert query_words("ministers") == [("minist",)]
    assert fts("new") == [14]  # the same article, but through "new" itself
    assert field_tokens("news") == "news"


def test_kanji_reading_brings_back_the_kana_spelling_of_a_name():
    assert query_words("桜") == [("桜", "さくら")]
    assert query_words("地震") == [("地震",)]  # じしん is 自身 to the analyzer: no 自信 or 自身


def test_the_gram_fallback_finds_any_string(fts):
    assert fts("京都", fallback=True) == [1, 2]
    assert fts("穂", fallback=True) == [10]
