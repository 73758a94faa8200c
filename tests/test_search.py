"""search(): what analysts type, what they get back. Articles here are our own text."""

from datetime import datetime, timedelta, timezone

import pytest

from newscrawl.search import QueryError, search
from newscrawl.search import engine
from newscrawl.storage import Storage

NOW = datetime(2025, 1, 22, 12, 0, tzinfo=timezone.utc)


def article(slug, title, body, *, days=1.0, outlet="mainichi", language="en", **extra):
    published = (NOW - timedelta(days=days)).astimezone(timezone(timedelta(hours=9)))
    return {
        "url": f"https://news.example/{slug}",
        "title": title,
        "body": body,
        "outlet": outlet,
        "language": language,
        "published_at": published.isoformat(timespec="seconds"),
        **extra,
    }


ARTICLES = [
    article("pm-osaka", "Prime minister visits Osaka", ["The prime minister met business leaders in Osaka on Tuesday."],
            authors=["Taro Yamada"], section="politics",
            images=[{"url": "https://img.example/pm.jpg", "caption": "The visit.", "credit": "Kyodo"}]),
    article("minister-prime", "Minister speaks on prime rates", ["A minister said prime lending rates would stay."],
            days=3, outlet="kyodo", section="business"),
    article("sakura-en", "Cherry blossoms forecast", ["Sakura season will start early in Tokyo, forecasters said."],
            days=2, outlet="japantimes", authors=["Hanako Sato"]),
    article("baseball", "Baseball in Tokyo", ["Sakura and baseball: the season opens in Tokyo."], days=5),
    article("tochiji", "東京都知事が会見", ["東京都知事は十四日、防災計画を発表した。"], language="ja", outlet="asahi", days=0.5),
    article("tonochiji", "東京都の知事選", ["東京都の知事を選ぶ選挙が始まった。"], language="ja", outlet="asahi", days=4),
    article("yozakura", "夜桜の季節", ["上野公園で夜桜を楽しむ人々。"], language="ja", outlet="nhk", days=6),
    article("sakurajima", "桜島で噴火", ["鹿児島の桜島が噴火した。"], language="ja", outlet="nhk", days=7),
    article("ai", "ＡＩ規制の議論", ["政府はＡＩの規制について議論した。ﾃﾞｰﾀも集める。"], language="ja", outlet="asahi", days=8),
    article("html", "Tags <script> in text", ["Use <b>bold</b> & stay safe, said the quake expert."], days=9),
    article("old-quake", "Old earthquake report", ["An earthquake struck long ago."], days=500),
]


@pytest.fixture
def db(db_path):
    storage = Storage(db_path)
    storage.upsert_articles(ARTICLES)
    storage.close()
    return db_path


def urls(result):
    return [h.url.rsplit("/", 1)[1] for h in result.hits]


def find(db, text, **kw):
    return search(db, text, now=NOW, **kw)


def test_words_match_anywhere_but_a_phrase_needs_them_together(db):
    assert sorted(urls(find(db, "prime minister"))) == ["minister-prime", "pm-osaka"]
    assert urls(find(db, '"prime minister"')) == ["pm-osaka"]


def test_exclusion(db):
    assert sorted(urls(find(db, "sakura"))) == ["baseball", "sakura-en"]
    assert urls(find(db, "sakura -baseball")) == ["sakura-en"]


def test_or_binds_tighter_than_and(db):
    assert sorted(urls(find(db, "osaka OR forecasters"))) == ["pm-osaka", "sakura-en"]
    assert urls(find(db, "osaka OR forecasters tuesday")) == ["pm-osaka"]


def test_filters_in_the_query_and_as_arguments(db):
    assert urls(find(db, "sakura outlet:japantimes")) == ["sakura-en"]
    assert urls(find(db, "sakura", outlet="japantimes")) == ["sakura-en"]
    assert sorted(urls(find(db, "lang:ja outlet:nhk"))) == ["sakurajima", "yozakura"]
    assert urls(find(db, "author:yamada")) == ["pm-osaka"]
    assert urls(find(db, "section:Business")) == ["minister-prime"]
    assert "pm-osaka" not in urls(find(db, "-outlet:mainichi"))
    assert urls(find(db, "since:20h")) == ["tochiji"]
    # until: without since: no default window, so the old article is in too
    assert urls(find(db, "until:2025-01-13")) == ["html", "old-quake"]


def test_default_window_is_one_year_and_all_lifts_it(db):
    recent = find(db, "earthquake", ui_lang="en")
    assert recent.total == 0
    assert any("last year" in n for n in recent.notes)
    assert urls(find(db, "earthquake", all_time=True)) == ["old-quake"]
    assert urls(find(db, "earthquake", since="2023-01-01")) == ["old-quake"]


def test_empty_query_browses_newest_first(db):
    result = find(db, "", lang="ja")
    assert urls(result) == ["tochiji", "tonochiji", "yozakura", "sakurajima", "ai"]
    assert result.total == 5


def test_common_words_are_reported_not_silently_dropped(db_path, monkeypatch):
    monkeypatch.setattr(engine, "COMMON_MIN_DOCS", 20)
    storage = Storage(db_path)
    storage.upsert_articles(
        [article(f"n{i}", f"Daily note {i}", [f"The report number {i} about the {'typhoon' if i % 5 == 0 else 'weather'}."])
         for i in range(30)]
    )
    result = find(db_path, "the typhoon", ui_lang="en")
    assert result.total == 6
    assert result.notes[0] == "'the' matches 100% of articles; ignored — quote a phrase to keep it"
    assert find(db_path, '"the typhoon"').total == 6  # quoted: kept, and still found
    with pytest.raises(QueryError, match="'the' matches 100%"):
        find(db_path, "the", ui_lang="en")


def test_stop_words_in_a_small_collection(db):
    result = find(db, "the sakura", ui_lang="en")
    assert sorted(urls(result)) == ["baseball", "sakura-en"]
    assert "'the' is a common word" in result.notes[0]


def test_a_lone_hiragana_is_never_a_topic(db):
    result = find(db, "の 桜", ui_lang="en")
    assert sorted(urls(result)) == ["yozakura"]
    assert result.notes[0].startswith("'の' is a common word; ignored")


@pytest.mark.parametrize(
    "text, message",
    [
        ('"prime minister', "unbalanced double quote"),
        ("sakura*", "'*' is not part of the search language"),
        ("(tokyo OR osaka)", "not part of the search language"),
        ("tokyo OR", "OR needs a word"),
        ("NOT tokyo", "put - before a word"),
        ("outlet:", "outlet: needs a value"),
        ("since:yesterday", "since: wants 30min"),
        ("since:3m", "since: '3m' could be minutes or months: write 3min or 3mo"),
        ("colour:red", "unknown filter"),
        ("、。", "nothing left to search"),
    ],
)
def test_bad_queries_get_one_line_messages(db, text, message):
    with pytest.raises(QueryError, match=message) as err:
        find(db, text, ui_lang="en")
    assert "\n" not in str(err.value)


def test_fts_syntax_inside_a_phrase_is_just_text(db):
    assert urls(find(db, '"(prime minister*)"')) == ["pm-osaka"]  # quoted: searched as words, never as FTS syntax


def test_japanese_matches_words_not_strings(db):
    assert urls(find(db, "東京都知事")) == ["tochiji"]
    # 夜桜 is a cherry blossom; 桜島 is a place, a name whose 桜 is no flower
    assert sorted(urls(find(db, "桜"))) == ["yozakura"]


def test_full_width_finds_half_width(db):
    assert urls(find(db, "AI")) == ["ai"]
    assert urls(find(db, "ａｉ")) == ["ai"]
    (hit,) = find(db, "データ").hits  # half-width katakana in the article
    assert "<mark>ﾃﾞｰﾀ</mark>" in hit.snippet


def test_snippet_marks_hits_and_escapes_article_html(db):
    (hit,) = find(db, "bold").hits
    assert hit.snippet == "Use &lt;b&gt;<mark>bold</mark>&lt;/b&gt; &amp; stay safe, said the quake expert."
    assert hit.title_html == "Tags &lt;script&gt; in text"
    (hit,) = find(db, "東京都知事").hits
    assert hit.title_html == "<mark>東京都知事</mark>が会見"


def test_stemmed_words_are_marked_in_their_printed_form(db):
    (hit,) = find(db, "visit").hits
    assert hit.title_html == "Prime minister <mark>visits</mark> Osaka"


def test_hit_fields_and_relative_time_in_the_users_language(db):
    (hit,) = find(db, '"prime minister"', ui_lang="en").hits
    assert hit.relative_time == "1 day ago"
    assert hit.authors == ["Taro Yamada"] and hit.section == "politics" and hit.outlet == "mainichi"
    assert hit.image == {"url": "https://img.example/pm.jpg", "caption": "The visit.", "credit": "Kyodo"}
    assert hit.lead == ["The prime minister met business leaders in Osaka on Tuesday."]
    assert hit.published_utc == "2025-01-21T12:00:00Z" and hit.score > 0
    assert find(db, "東京都知事", ui_lang="id").hits[0].relative_time == "12 jam yang lalu"
    assert find(db, "東京都知事", ui_lang="ja").hits[0].relative_time == "12時間前"


def test_recency_breaks_ties_between_equally_relevant_articles(db_path):
    storage = Storage(db_path)
    storage.upsert_articles([
        article("older", "Typhoon warning", ["Typhoon warning issued."], days=60),
        article("newer", "Typhoon warning", ["Typhoon warning issued."], days=2),
    ])
    assert urls(find(db_path, "typhoon")) == ["newer", "older"]


def test_limit_offset_and_total(db):
    first = find(db, "", limit=2)
    second = find(db, "", limit=2, offset=2)
    assert first.total == second.total == 10
    assert len(first.hits) == len(second.hits) == 2
    assert not set(urls(first)) & set(urls(second))
    assert find(db, "sakura", offset=5).total == 2  # past the end: still counted


def test_works_on_a_read_only_connection_and_describes_the_query(db):
    import sqlite3

    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    result = search(conn, 'sakura -baseball outlet:japantimes', now=NOW)
    assert urls(result) == ["sakura-en"]
    assert result.query.describe().startswith("sakura -baseball outlet:japantimes")


def test_missing_database(tmp_path):
    with pytest.raises(FileNotFoundError, match="newscrawl demo"):
        search(tmp_path / "none.db", "x")


def test_common_words_are_measured_against_articles_of_their_script(db_path, monkeypatch):
    monkeypatch.setattr(engine, "COMMON_MIN_DOCS", 20)
    en = [article(f"e{i}", f"Note {i}", [f"The note {i} on the {'typhoon' if i < 3 else 'rain'}."]) for i in range(20)]
    ja = [article(f"j{i}", f"記事{i}", [f"今日の天気{i}。"], language="ja") for i in range(20)]
    Storage(db_path).upsert_articles(en + ja)
    result = find(db_path, "the typhoon", ui_lang="en")  # "the" is in half the collection, but in every English article
    assert result.total == 3
    assert result.notes[0].startswith("'the' matches 100% of articles in Latin script; ignored")


@pytest.mark.parametrize(
    "text, kw",
    [("sakura", {}), ("prime minister", {}), ("東京都知事 OR 桜", {}), ("earthquake", {"all_time": True}),
     ("sakura", {"since": "3d"}), ("quake OR minister", {"until": "2025-01-20", "limit": 1, "offset": 1})],
)
def test_in_memory_dates_rank_exactly_like_the_sql_join(db, monkeypatch, text, kw):
    import sqlite3

    from newscrawl.search import timeline

    conn = sqlite3.connect(db)  # a kept connection: the timeline is loaded
    fast = search(conn, text, now=NOW, **kw)
    assert str(db) in timeline._CACHE
    monkeypatch.setattr(engine, "IN_MEMORY_DATES", False)
    slow = search(conn, text, now=NOW, **kw)
    assert [(h.id, h.score) for h in fast.hits] == [(h.id, h.score) for h in slow.hits]
    assert fast.total == slow.total


def test_in_memory_dates_follow_writes(db):
    import sqlite3

    conn = sqlite3.connect(db)
    assert search(conn, "typhoon", now=NOW).total == 0
    Storage(db).upsert_articles([article("new", "Typhoon nears", ["A typhoon nears Okinawa."])])
    assert urls(search(conn, "typhoon", now=NOW)) == ["new"]


def test_a_term_no_word_matches_is_searched_as_a_string_and_not_marked(db):
    result = find(db, "京都知", ui_lang="en")  # no such word; the characters are in 東京都知事
    assert sorted(urls(result)) == ["tochiji"]
    assert result.notes[0] == "no word '京都知' in the articles; showing those that contain its characters (not marked)"
    assert "<mark>" not in result.hits[0].title_html + result.hits[0].snippet


def test_a_romanized_word_is_searched_in_japanese_when_the_collection_writes_it_so(db_path):
    storage = Storage(db_path)
    storage.upsert_articles([
        article("neko-ja", "猫の日", ["ねこの写真展。"], language="ja", outlet="asahi"),
        article("neko-kana", "ネコカフェ開店", ["ネコと遊べる。"], language="ja", outlet="asahi"),
        article("sakura-one", "Sakura Mochi", ["A sweet."]),
        article("sakura-two", "Sakura Ito wins", ["The sakura race."]),
        article("sakura-ja", "桜の季節", ["夜桜を見た。"], language="ja", outlet="nhk"),
    ])
    storage.close()
    result = find(db_path, "neko", ui_lang="en")
    assert sorted(urls(result)) == ["neko-ja", "neko-kana"]
    assert result.notes == ["'neko' also searched as Japanese: ねこ 猫 ネコ"]
    assert "<mark>猫</mark>" in result.hits[0].title_html or "<mark>猫</mark>" in result.hits[1].title_html
    # Written in English more than in Japanese here: the reading is only offered.
    result = find(db_path, "sakura", ui_lang="en")
    assert sorted(urls(result)) == ["sakura-one", "sakura-two"]
    assert result.notes == ["'sakura' may be Japanese: try さくら 桜 サクラ"]
