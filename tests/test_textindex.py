import sqlite3

import pytest

from newscrawl.search.fts import term_expr
from newscrawl.search.query import Term
from newscrawl.textindex import bigrams, index_text, normalize, query_parts


def test_cjk_runs_become_overlapping_bigrams_plus_last_character():
    assert bigrams("東京都") == ["東京", "京都", "都"]
    assert index_text("東京都で") == " 東京 京都 都で で "


def test_width_and_case_fold():
    assert normalize("ＡＩとｶﾀｶﾅ") == "aiとカタカナ"
    assert index_text("ＡＩ") == index_text("ai")


def test_katakana_middle_dot_ends_a_run():
    assert query_parts("ドナルド・トランプ") == [("ドナ ナル ルド ド", False), ("トラ ラン ンプ", False)]


@pytest.fixture
def fts():
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE f USING fts5(title, body, tokenize='porter unicode61 remove_diacritics 2')")
    docs = {
        1: "東京都知事が会見した",
        2: "東京都の知事が会見した",
        3: "夜桜を見に行った",
        4: "桜島が噴火した",
        5: "新しいAI技術の発表",
        6: "技術AIという言葉",
        7: "ＡＩの研究",
    }
    conn.executemany("INSERT INTO f (rowid, title, body) VALUES (?, '', ?)", [(k, index_text(v)) for k, v in docs.items()])
    return lambda text: sorted(r for (r,) in conn.execute("SELECT rowid FROM f WHERE f MATCH ?", (term_expr(Term(text)),)))


def test_a_phrase_of_bigrams_needs_the_characters_together(fts):
    assert fts("東京都知事") == [1]
    assert fts("知事") == [1, 2]


def test_one_character_matches_anywhere_in_a_word(fts):
    assert fts("桜") == [3, 4]


def test_mixed_scripts_in_either_order(fts):
    assert fts("AI技術") == [5]
    assert fts("技術AI") == [6]
    assert fts("ai") == [5, 6, 7]
