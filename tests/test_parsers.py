"""Outlet parsers on small pages written for these tests (our own text in each
outlet's real markup): what each layer finds, and what must never reach the body."""

from pathlib import Path

import pytest

from newscrawl.extract import extract_file
from newscrawl.parsers import PARSERS, GenericParser, parse_article, parser_for
from newscrawl.parsers.text import all_text, clean, paragraphs, strip_site_name

PAGES = Path(__file__).resolve().parent / "fixtures" / "parsers"


def parse(name: str, url: str, **context):
    return parse_article((PAGES / f"{name}.html").read_text(encoding="utf-8"), url, **context)


# --- routing -----------------------------------------------------------------------

@pytest.mark.parametrize(
    "url, parser",
    [
        ("https://mainichi.jp/articles/20250114/k00/00m/030/335000c", "MainichiParser"),
        ("https://mainichi.jp/english/articles/20250122/p2g/00m/0na/012000c", "MainichiEnParser"),
        ("https://www.asahi.com/articles/AST1F4445T1FUTIL02SM.html", "AsahiParser"),
        ("https://www.asahi.com/ajw/articles/15500001", "AsahiAjwParser"),
        ("https://www.asahi.com/ajwx/not-the-english-edition", "AsahiParser"),
        ("https://www.yomiuri.co.jp/world/20241203-OYT1T50218/", "YomiuriParser"),
        ("https://japannews.yomiuri.co.jp/politics/20241013-216478/", "JapanNewsParser"),
        ("https://www3.nhk.or.jp/news/html/20250120/k10010000001000.html", "NhkParser"),
        ("https://news.web.nhk/newsweb/na/na-k10014700000000", "NhkParser"),
        ("https://www3.nhk.or.jp/nhkworld/en/news/20250305_10/", "NhkWorldParser"),
        ("https://english.kyodonews.net/news/2025/02/x.html", "KyodoEnParser"),
        ("https://www.japantimes.co.jp/news/2025/02/10/japan/x/", "JapanTimesParser"),
        ("https://japantoday.com/category/national/x", "JapanTodayParser"),
        ("https://www.tokyo-np.co.jp/article/379018", "TokyoNpParser"),
        ("https://www.chunichi.co.jp/article/1011185", "ChunichiParser"),
        ("https://www.nikkan-gendai.com/articles/view/sports/367061", "NikkanGendaiParser"),
        ("https://www.nikkei.com/article/DGXZQOUB148MY0U5A110C2000000/", "NikkeiParser"),
        ("https://www.sankei.com/article/20250121-QBJP5I25BBIG5IZ76XZNDHDB5Q/", "SankeiParser"),
        ("https://notmainichi.jp/articles/1", "GenericParser"),
        ("https://news.riverside-daily.test/2025/01/20/library-hours", "GenericParser"),
    ],
)
def test_parser_for_routes_by_host_and_path(url, parser):
    assert parser_for(url).__name__ == parser


def test_every_registered_parser_names_its_outlet():
    for key, cls in PARSERS.items():
        assert cls.outlet and cls.language in ("ja", "en"), key


# --- Japanese outlets ----------------------------------------------------------------

def test_mainichi_takes_structured_data_first_and_strips_the_site_name():
    a = parse("mainichi_article", "https://mainichi.jp/articles/20250112/k00/00m/040/100000c")
    assert a.title == "港町の朝市、３年ぶりに再開　漁師ら笑顔"  # JSON-LD headline minus " - 毎日新聞"
    assert a.published_raw == "2025-01-12T09:05:00+0900"
    assert a.updated_raw == "2025-01-12T10:00:00+0900"
    assert a.authors == ["山田花子"]  # the reporter from cXense meta, not the house credit
    assert (a.outlet, a.site, a.language, a.section) == ("mainichi", "mainichi", "ja", "地域")
    assert a.canonical_url == "https://mainichi.jp/articles/20250112/k00/00m/040/100000c"
    assert a.sources["title"] == "jsonld" and a.sources["body"] == "selector" and a.sources["authors"] == "meta"


def test_mainichi_body_skips_ads_and_keeps_the_trailing_byline_as_printed():
    a = parse("mainichi_article", "https://mainichi.jp/articles/20250112/k00/00m/040/100000c")
    assert a.body == [
        "港町の朝市が１２日、３年ぶりに再開した。岸壁には夜明け前から地元の漁師が並び、とれたての魚を売った。",
        "初日は約５００人が訪れた。主催者は「来月も続けたい」と話した。【山田花子】",
    ]
    assert not any("Advertisement" in p or "拡大" in p for p in a.body)


def test_mainichi_caption_is_kept_as_printed_with_its_credit():
    a = parse("mainichi_article", "https://mainichi.jp/articles/20250112/k00/00m/040/100000c")
    assert a.images == [
        {
            "url": "https://cdn.mainichi.jp/vol1/2025/01/12/sample/9.jpg?1",
            "caption": "再開した朝市でにぎわう岸壁＝架空市で２０２５年１月１２日、山田花子撮影",
            "credit": None,
        }
    ]


def test_members_only_stub_is_flagged_and_its_prompt_stays_out_of_the_body():
    a = parse("chunichi_member_stub", "https://www.chunichi.co.jp/article/2000001")
    assert a.paywalled is True
    assert a.sources["paywalled"] == "selector"
    assert a.body == [
        "架空市は２日、川沿いの桜並木を十年かけて植え替える計画を発表した。樹齢六十年を超える木が多く、倒木の恐れがあるという。",
        "市は来年度予算に調査費を計上する。市民からは惜しむ声も...",
    ]
    text = "".join(a.body)
    for leak in ("会員限定", "ログイン", "関連キーワード", "共有"):
        assert leak not in text
    assert a.images[0]["caption"] == "老木が並ぶ川沿いの桜並木＝２日、架空市で（本社ヘリから）"
    assert a.title == "川沿いの桜並木、植え替えへ　市が計画"


def test_nhk_prefers_its_headline_element_over_a_decorated_og_title():
    a = parse("nhk_article", "https://www3.nhk.or.jp/news/html/20250120/k10010000001000.html")
    assert a.title == "各地で今季一番の冷え込み"
    assert a.published_raw == "2025-01-20T06:12"
    assert a.body == [
        "２０日朝は強い寒気の影響で各地で冷え込み、今シーズン一番の寒さとなったところがありました。",
        "路面の凍結に注意",
        "気象台は路面の凍結や水道管の破裂に注意するよう呼びかけています。",
    ]
    assert a.tags == ["気象"]


# --- English editions --------------------------------------------------------------

def test_japannews_separate_credit_element_goes_to_credit():
    a = parse("japannews_article", "https://japannews.yomiuri.co.jp/society/general-news/20250304-300001/")
    assert a.images == [
        {
            "url": "https://japannews.yomiuri.co.jp/wp-content/uploads/2025/03/sample-ferry.jpg",
            "caption": "Passengers board the first ferry in three months at a port in Sample Prefecture on Monday.",
            "credit": "The Yomiuri Shimbun",
        }
    ]
    assert a.byline == "By Hanako Sato / Yomiuri Shimbun Staff Writer"
    assert a.body == [
        "Ferry service to a small island resumed on Monday after three months of repairs to a pier damaged by a storm.",
        "Supplies arrive",  # sub-headings are part of the body
        "The first boat carried fuel, medicine and mail for about 200 residents.",
    ]
    assert a.published_raw == "2025-03-04T11:20:05+09:00"


def test_related_stories_and_share_widgets_do_not_leak_into_the_body():
    a = parse("japantimes_related_share", "https://www.japantimes.co.jp/news/2025/02/10/japan/bicycle-parking-fees/")
    assert a.body == [
        "OSAKA – Parking a bicycle near train stations will cost more from April, the city said Monday.",
        "Daily fees will rise to ¥200 at most sites.",
        "The city expects the change to raise ¥50 million a year.",
    ]
    assert a.title == "Bicycle parking fees rise at city stations"  # " | The Japan Times" cut
    assert a.published_raw == "2025-02-10T17:30:00+09:00"  # <time pubdate datetime>, the exact form
    assert a.authors == []  # meta author "No Author" names nobody
    assert a.byline == "KYODO"
    assert a.tags == ["bicycles", "transport"]


@pytest.mark.parametrize(
    "name, url, title, published_raw, first, last, caption",
    [
        (
            "kyodo_en_article",
            "https://english.kyodonews.net/news/2025/02/aaaa1111-japan-australia-students.html",
            "Japan, Australia agree to expand student exchanges",
            "2025-02-14T19:40:00+09:00",
            "CANBERRA (Kyodo) -- Japan and Australia agreed Friday to double the number of students they exchange by 2030.",
            "(By Taro Sample)",  # left for the byline pipeline to move out
            "Education ministers from Japan and Australia pose in Canberra on Feb. 14, 2025. (Kyodo)",
        ),
        (
            "asahi_ajw_article",
            "https://www.asahi.com/ajw/articles/15500001",
            "Old tram cars find new life as cafes",
            "January 22, 2025 at 06:30 JST",
            "SAMPLE CITY--Two tram cars retired last year have reopened as cafes beside the old depot.",
            "Visitors can sit in the original seats while drinking coffee.",
            "A retired tram car serves coffee in Sample city on Jan. 10. (Hanako Sample)",
        ),
        (
            "mainichi_en_article",
            "https://mainichi.jp/english/articles/20250122/p2a/00m/0na/010000c",
            "Station piano draws crowds of commuters",
            "January 22, 2025 (Mainichi Japan)",
            "SAMPLE CITY -- A piano placed in a station concourse has become a daily stop for commuters.",
            "(Japanese original by Taro Sample, Sample Bureau)",
            "A commuter plays the station piano in Sample city on Jan. 21, 2025. (Mainichi/Taro Sample)",
        ),
        (
            "nhkworld_article",
            "https://www3.nhk.or.jp/nhkworld/en/news/20250305_10/",
            "Cherry blossoms forecast to open early",
            "2025-03-05T12:00:00+09:00",
            "A private weather company says cherry blossoms are likely to open earlier than usual in many parts of the country.",
            "It says Tokyo may see its first blooms around March 20.",
            None,
        ),
        (
            "japantoday_article",
            "https://japantoday.com/category/national/town-hands-out-free-umbrellas",
            "Town hands out free umbrellas to tourists",
            "2025-06-02T06:30:00+09:00",
            "A town in western Japan has started lending umbrellas free of charge to tourists during the rainy season.",
            "© Kyodo",
            "Umbrellas wait at a station in Sample town.",
        ),
    ],
)
def test_english_editions(name, url, title, published_raw, first, last, caption):
    a = parse(name, url)
    assert (a.title, a.published_raw, a.language) == (title, published_raw, "en")
    assert a.body[0] == first and a.body[-1] == last
    assert not any(w in " ".join(a.body) for w in ("Share", "Tweet", "Related", "Comments", "Login"))
    assert [i["caption"] for i in a.images if i["caption"]] == ([caption] if caption else [])


def test_japantoday_credit_printed_apart_is_split_from_the_caption():
    a = parse("japantoday_article", "https://japantoday.com/category/national/town-hands-out-free-umbrellas")
    assert a.images[0]["credit"] == "Image: Sample Town"


# --- unknown sites: the generic layer ---------------------------------------------------

def test_unknown_site_gets_a_correct_article_from_the_generic_layer():
    a = parse("unknown_site", "https://news.riverside-daily.test/2025/01/20/library-hours")
    assert parser_for(a.url) is GenericParser
    assert a.title == "Library extends opening hours for exam season"  # "| Riverside Daily" cut
    assert a.published_raw == "2025-01-20T08:15:00+09:00"
    assert a.body == [
        "The central library will stay open until midnight for the next four weeks so that students preparing for entrance exams have a quiet place to study.",
        "Librarians said the number of visitors after 8 p.m. had doubled since December, and that extra staff would be hired for the late shifts.",
        "The extended hours begin on Monday and run until Feb. 17, the city said in a statement on its website.",
    ]
    assert a.site == "news.riverside-daily.test" and a.outlet is None
    assert a.sources["body"] == a.sources["title"] == "generic"


def test_context_from_the_spider_is_carried_over():
    a = parse(
        "unknown_site",
        "https://news.riverside-daily.test/2025/01/20/library-hours",
        site="portal",
        outlet="mainichi_en",
        fetched_at="2025-01-20T12:00:00+09:00",
        published_hints=["12 jam yang lalu"],
    )
    assert (a.site, a.outlet, a.fetched_at, a.published_hints) == (
        "portal",
        "mainichi_en",
        "2025-01-20T12:00:00+09:00",
        ["12 jam yang lalu"],
    )


def test_shift_jis_page_reads_the_same_through_extract_file():
    path = PAGES / "sjis_article.html"
    assert "駅前".encode("shift_jis") in path.read_bytes()  # really Shift_JIS on disk
    a = extract_file(path, fetched_at="2025-01-16T09:00:00+09:00")
    assert a.url == "https://www.kakuu-shimbun.test/news/20250115/001.html"  # from its canonical link
    assert a.title == "駅前の古書店、五十年の歴史に幕"
    assert a.body[0] == "駅前で五十年続いた古書店が十五日、閉店した。最終日には常連客が次々と訪れ、店主に感謝の言葉を伝えた。"
    assert len(a.body) == 3
    assert a.published_raw == "2025-01-15T18:00:00+09:00"


@pytest.mark.parametrize("html", ["", "<html></html>", "<p>only a paragraph</p>", "<?xml version='1.0' encoding='utf-8'?><html><title>x</title></html>"])
def test_degenerate_pages_never_raise(html):
    a = parse_article(html, "https://mainichi.jp/articles/x")
    assert a.url == "https://mainichi.jp/articles/x" and a.outlet == "mainichi"


# --- text helpers ------------------------------------------------------------------------

@pytest.mark.parametrize(
    "title, names, expected",
    [
        ("見出し - 毎日新聞", ["毎日新聞"], "見出し"),
        ("見出し：朝日新聞デジタル", ["朝日新聞デジタル"], "見出し"),
        ("見出し｜日刊ゲンダイDIGITAL", ["日刊ゲンダイDIGITAL"], "見出し"),
        ("Headline | The Japan Times", ["The Japan Times"], "Headline"),
        ("The Japan News - Headline", ["The Japan News"], "Headline"),
        ("毎日新聞", ["毎日新聞"], "毎日新聞"),  # nothing else left: keep it
        ("Headline - with a dash", ["The Japan Times"], "Headline - with a dash"),
    ],
)
def test_strip_site_name(title, names, expected):
    assert strip_site_name(title, names) == expected


def test_paragraphs_split_at_breaks_and_keep_inline_markup():
    import lxml.html

    el = lxml.html.fragment_fromstring(
        "<div>　一つ目の<a href='#'>段落</a>。<br><br>　二つ目<ruby><rb>漢字</rb><rp>（</rp><rt>かんじ</rt><rp>）</rp></ruby>。"
        "<figure><figcaption>写真説明</figcaption></figure><div class='share-box'>シェア</div></div>"
    )
    assert paragraphs([el]) == ["一つ目の段落。", "二つ目漢字（かんじ）。"]


def test_when_a_redesign_breaks_the_selectors_the_generic_layer_still_finds_the_text():
    html = (PAGES / "japannews_article.html").read_text(encoding="utf-8")
    redesigned = html.replace('id="p-article-block"', 'class="story-2025"').replace('class="bloc_2"', "")
    a = parse_article(redesigned, "https://japannews.yomiuri.co.jp/society/general-news/20250304-300001/")
    assert a.sources["body"] == "generic"  # counted as newscrawl/parse/fallback_body
    assert "Ferry service to a small island resumed on Monday after three months of repairs to a pier damaged by a storm." in a.body
    assert "The first boat carried fuel, medicine and mail for about 200 residents." in a.body
    assert not any("must not leak" in p for p in a.body)
    assert a.title == "Ferry Service to Remote Island Resumes After Storm Repairs"  # structured data is unaffected


def test_all_text_joins_every_text_inside_as_printed():
    import lxml.html

    el = lxml.html.fragment_fromstring("<div><p>Tokyo <b>&amp; <i>Osaka</i></b>\n<span></span>on 大雪<rt>おおゆき</rt></p> tail</div>")[0]
    assert all_text(el) == "Tokyo & Osaka\non 大雪おおゆき"  # the element's own tail is not inside it
    assert all_text(el.find("span")) == ""


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("\ufeff\u3000 Tokyo \t\n on\xa0\u200bFriday  said\u3000it\u3000", "Tokyo on Friday said\u3000it"),
        ("a" + " " * 9 + "b\r\n\r\n  c", "a b c"),
        ("already clean text", "already clean text"),
        (" edges only ", "edges only"),
        ("", ""),
    ],
)
def test_clean_collapses_ascii_whitespace_and_keeps_inner_full_width_spaces(raw, expected):
    assert clean(raw) == expected


def test_clean_makes_every_run_of_spaces_one_however_long():
    import random
    import re

    rng = random.Random(3)
    for _ in range(2000):
        raw = "".join(rng.choice([" " * rng.randint(1, 40), "\n", "\t", "\xa0", "\u3000", "\ufeff", "x", "語"]) for _ in range(12))
        spaced = re.sub("[\t\r\n\f\v\xa0\u200b]", " ", raw.replace("\ufeff", ""))
        assert clean(raw) == re.sub(" +", " ", spaced).strip(" \t\r\n\f\v\xa0\u3000\ufeff\u200b"), repr(raw)


def test_an_outlet_page_whose_date_selectors_fail_gets_htmldates_guess():
    # htmldate reads lxml.html trees; handed the parser's plain one it raised, and the
    # error was swallowed, so the guess never came.
    url = "https://mainichi.jp/english/articles/20250114/p2a/00m/0na/011000c"
    html = ('<html lang="en"><head><title>Night buses - The Mainichi</title></head><body><h1>Night buses</h1>'
            '<div class="byline">January 14, 2025</div><p>The council voted on Tuesday to extend the service.</p></body></html>')
    article = parse_article(html, url)
    assert (article.published_raw, article.sources["published_raw"]) == ("2025-01-14", "generic")


def test_a_page_indexes_its_tags_in_document_order_in_one_walk():
    from newscrawl.parsers.base import ArticlePage

    page = ArticlePage(
        "<html><head><title> Tide  tables </title><meta name='a' content='1'></head><body>"
        "<h2>Kicker</h2><h1>First</h1><svg><title>icon</title></svg><meta itemprop='b' content='2'>"
        "<h1>Second</h1><time datetime='2025-01-20'>20 Jan</time></body></html>",
        "https://news.example.test/a",
    )
    assert [h.text for h in page.tagged("h1")] == ["First", "Second"]
    assert [m.get("content") for m in page.tagged("meta")] == ["1", "2"]  # a <meta> in the body too
    assert [t.text for t in page.tagged("title")] == [" Tide  tables ", "icon"]
    assert page.page_title == "Tide tables"  # the first <title>, cleaned
    assert page.tagged("link") == [] and len(page.tagged("time")) == 1
    assert page.metas == {"a": ["1"], "b": ["2"]}


def test_a_lone_surrogate_in_the_text_loses_nothing_after_it():
    # (what a page decoded with errors="surrogateescape" upstream may hold)
    article = parse_article(
        "<html><body><h1>Night buses</h1><p>The council voted \ud800 on Tuesday to extend the service"
        " to the harbor for another year, after residents asked for it.</p></body></html>",
        "https://news.example.test/2025/01/20/buses",
    )
    assert "on Tuesday to extend the service" in " ".join(article.body)
