"""Bylines, datelines and agencies, from the byline element, the body and structured data."""

import pytest
from itemadapter import ItemAdapter

from newscrawl.items import Article
from pipelines import bylines
from pipelines.base import Stats


def normalize(**fields):
    fields.setdefault("body", ["本文の段落。"])
    article = Article(url="https://example.jp/a", **fields)
    stats = Stats()
    bylines.normalize(ItemAdapter(article), stats)
    return article, stats


@pytest.mark.parametrize(
    "byline, authors",
    [
        ("(By Takuya Karube)", ["Takuya Karube"]),
        ("By TAKUYA KARUBE, Staff Writer", ["Takuya Karube"]),
        ("by Hanako Sato and Jiro Tanaka", ["Hanako Sato", "Jiro Tanaka"]),
        ("By Takeo Maeda and Tatsuya Tanoue / Yomiuri Shimbun Staff Writers", ["Takeo Maeda", "Tatsuya Tanoue"]),
        ("By Ann Lee, Bob Park & Carol Ito", ["Ann Lee", "Bob Park", "Carol Ito"]),
        ("By Jane Doe in Tokyo", ["Jane Doe"]),
        ("Takuya Karube", ["Takuya Karube"]),
        ("大渡\u3000美咲", ["大渡 美咲"]),
        ("松岡大地", ["松岡大地"]),
        ("山田花子記者", ["山田花子"]),
        ("政治部　山田花子", ["山田花子"]),
        ("毎日新聞", ["毎日新聞"]),  # a house credit stays when nobody is named
        ("Monika Bolliger und Anna Trechsel", ["Monika Bolliger", "Anna Trechsel"]),
        ("Trine Juncher Jørgensen og Tôrtia Reimer-Johansen", ["Trine Juncher Jørgensen", "Tôrtia Reimer-Johansen"]),
        ("Émile Durand", ["Émile Durand"]),
        ("der Michel", ["der Michel"]),
    ],
)
def test_byline_element(byline, authors):
    article, stats = normalize(byline=byline)
    assert article.authors == authors
    assert article.byline == byline  # the raw text is kept
    assert not stats


@pytest.mark.parametrize(
    "body, authors, datelines",
    [
        (["ガザで戦闘が続いた。【エルサレム松岡大地、カイロ金子淳】"], ["松岡大地", "金子淳"], "エルサレム"),
        (["【ソウル＝山田花子】韓国の国会は３日、法案を可決した。"], ["山田花子"], "ソウル"),
        (["【北京・林哲平】中国政府は発表した。"], ["林哲平"], "北京"),
        (["【北京林哲平】中国政府は発表した。"], ["林哲平"], "北京"),
        (["【ニューヨーク八田浩輔】国連総会は"], ["八田浩輔"], "ニューヨーク"),
        (["市は計画を発表した。（経済部　高橋次郎）"], ["高橋次郎"], None),
        (["市は計画を発表した。（編集委員・山本一郎）"], ["山本一郎"], None),
        (["本文。", "（木村太郎）"], ["木村太郎"], None),
    ],
)
def test_japanese_bylines_in_the_body(body, authors, datelines):
    article, _ = normalize(body=list(body), authors=["毎日新聞"])
    assert article.authors == authors  # a named reporter beats the house credit
    assert article.dateline == datelines


@pytest.mark.parametrize("label", ["【速報】", "【独自】", "【詳報】", "【写真特集】", "【初トクキャンペーン】", "【大阪社会部】"])
def test_labels_in_brackets_are_not_reporters(label):
    article, _ = normalize(body=[label + "地震があった。"], authors=["朝日新聞デジタル"])
    assert article.authors == ["朝日新聞デジタル"]
    assert article.dateline is None


@pytest.mark.parametrize(
    "first, dateline, agency",
    [
        ("WASHINGTON (Kyodo) -- The top diplomats of two countries met on Tuesday.", "WASHINGTON", "Kyodo"),
        ("NEW YORK (AP) — Stocks rose on Friday.", "NEW YORK", "AP"),
        ("BEIJING, Jan. 21 (Reuters) - China said on Tuesday.", "BEIJING", "Reuters"),
        ("KOBE – A total of 6,000 masks went missing.", "KOBE", None),
        ("Jakarta - Jepang mencatat rekor kunjungan wisatawan asing.", "Jakarta", None),  # title case
        ("Jakarta (ANTARA) - Jepang mencatat rekor kunjungan wisatawan asing.", "Jakarta", "Antara"),
        ("TEMPO.CO, Jakarta - Jepang mencatat rekor kunjungan wisatawan asing.", "Jakarta", None),  # the site first
        ("Jakarta, CNN Indonesia -- Jepang mencatat rekor kunjungan wisatawan asing.", "Jakarta", None),
        ("TOKYO-based firms rose on Friday.", None, None),
        ("BREAKING — The Diet passed the budget.", None, None),
        ("【ワシントン共同】米政府は２１日、発表した。", "ワシントン", "Kyodo"),
        ("【北京＝時事】中国外務省は", "北京", "Jiji"),
        ("政府は２１日、発表した。（共同）", None, "Kyodo"),
        ("政府は発表した。（ワシントン＝共同）", "ワシントン", "Kyodo"),
        ("The ministry said so on Tuesday. (Reuters)", None, "Reuters"),
    ],
)
def test_datelines_and_agencies_stay_in_the_text(first, dateline, agency):
    article, _ = normalize(body=[first])
    assert (article.dateline, article.agency) == (dateline, agency)
    assert article.body == [first]  # the paragraph stays as printed


@pytest.mark.parametrize(
    "line, dateline", [("도쿄=김철수 특파원", "도쿄"), ("김철수 기자 kim@example.co.kr", None), ("김철수 선임기자", None)]
)
def test_korean_signatures_name_the_reporter_and_leave_the_text(line, dateline):
    article, _ = normalize(body=["일본 정부가 14일 새로운 경기부양책을 발표했다.", line])
    assert (article.authors, article.dateline) == (["김철수"], dateline)
    assert article.body == ["일본 정부가 14일 새로운 경기부양책을 발표했다."]


@pytest.mark.parametrize("closing", ["(rdp/imk)", "（责编：李四、张三）", "(Editor: Jane Roe)"])
def test_who_edited_the_story_leaves_the_text(closing):
    article, _ = normalize(body=["Jakarta - Jepang mencatat rekor kunjungan wisatawan asing.", closing])
    assert article.body == ["Jakarta - Jepang mencatat rekor kunjungan wisatawan asing."]
    assert article.authors == []


def test_wires_in_capitals_are_no_desks_initials():
    article, _ = normalize(body=["The ministry said so on Tuesday.", "(AP/DPA)"])
    assert article.body[-1] == "(AP/DPA)"


@pytest.mark.parametrize(
    "signed, authors, agency",
    [
        ("（文・写真　山田太郎）", ["山田太郎"], None),  # what the person did is no part of the name
        ("【取材・文＝山田太郎】", ["山田太郎"], None),  # nor a place filed from
        ("（共同通信　山田太郎）", ["山田太郎"], "Kyodo"),  # the wire, then its reporter
        ("（写真は山田太郎撮影）", [], None),  # who took the photo wrote nothing
        ("（文野太郎）", ["文野太郎"], None),  # 文 without its separator is a name's first kanji
    ],
)
def test_japanese_signatures_in_their_other_forms(signed, authors, agency):
    article, _ = normalize(body=["大阪府は方針をまとめた。", signed])
    assert (article.authors, article.agency, article.dateline) == (authors, agency, None)


def test_a_dateline_after_the_standfirst_is_read():
    standfirst = "Airlines scrapped more than 600 flights as the storm approached."
    article, _ = normalize(body=[standfirst, "NAHA (Kyodo) -- Airlines canceled flights on Thursday."])
    assert (article.dateline, article.agency) == ("NAHA", "Kyodo")


@pytest.mark.parametrize(
    "only, agency", [("(Kyodo)", "Kyodo"), ("JIJI", "Jiji"), ("（共同）", "Kyodo"), ("Reuters", "Reuters"), ("© Kyodo", "Kyodo")]
)
def test_agency_only_paragraph_leaves_the_body(only, agency):
    article, _ = normalize(body=["The ministry said so on Tuesday.", only])
    assert article.agency == agency
    assert article.body == ["The ministry said so on Tuesday."]


def test_seed_like_article_moves_its_trailing_byline_out_of_the_body():
    body = [
        "OSAKA (Kyodo) -- A ferry line linking the port with three islands opened on Monday.",
        "Local fishers welcomed the service.",
        "(By Hanako Sato)",
    ]
    article, _ = normalize(body=body, authors=["MAINICHI"])
    assert article.authors == ["Hanako Sato"]
    assert (article.dateline, article.agency) == ("OSAKA", "Kyodo")
    assert article.body == body[:2]


def test_mainichi_english_credit_line_names_the_japanese_original_writer():
    article, _ = normalize(
        body=["SAMPLE CITY -- A piano drew commuters.", "(Japanese original by Taro Sample, Sample Bureau)"],
        authors=["The Mainichi"],
    )
    assert article.authors == ["Taro Sample"]
    assert article.dateline == "SAMPLE CITY"
    assert article.body == ["SAMPLE CITY -- A piano drew commuters."]


def test_acronym_house_credits_keep_their_case():
    article, _ = normalize(authors=["NHK"])
    assert article.authors == ["NHK"]


def test_japanese_byline_only_paragraph_leaves_the_body():
    article, _ = normalize(body=["【ソウル＝山田花子】", "韓国の国会は法案を可決した。"])
    assert article.authors == ["山田花子"] and article.dateline == "ソウル"
    assert article.body == ["韓国の国会は法案を可決した。"]


def test_a_byline_never_empties_the_body():
    article, _ = normalize(body=["(By Hanako Sato)"])
    assert article.authors == ["Hanako Sato"]
    assert article.body == ["(By Hanako Sato)"]


@pytest.mark.parametrize(
    "structured, byline, authors",
    [
        (["毎日新聞"], None, ["毎日新聞"]),
        (["Kyodo News"], None, ["Kyodo News"]),
        (["Kyodo News"], "By Hanako Sato", ["Hanako Sato"]),
        (["大渡 美咲"], "大渡　美咲", ["大渡 美咲"]),  # the same person once
        (["TARO YAMADA", "朝日新聞デジタル"], None, ["Taro Yamada"]),
        (["CMS Editor", "Hanako Sato"], None, ["Hanako Sato"]),
    ],
)
def test_people_beat_house_credits(structured, byline, authors):
    article, _ = normalize(authors=structured, byline=byline)
    assert article.authors == authors


def test_house_credit_of_an_agency_names_the_agency():
    article, _ = normalize(authors=["Kyodo News"])
    assert article.agency == "Kyodo"


def test_agency_and_dateline_given_by_the_parser_are_kept():
    article, _ = normalize(body=["WASHINGTON (Kyodo) -- Talks began."], dateline="Washington", agency="共同")
    assert (article.dateline, article.agency) == ("Washington", "Kyodo")


@pytest.mark.parametrize("byline", ["これは記事の本文が誤ってバイラインに入ったものです。長い文が続きます。", "By the time the train left"])
def test_byline_text_no_rule_understands_is_kept_and_counted(byline):
    article, stats = normalize(byline=byline, authors=["毎日新聞"])
    assert article.authors == ["毎日新聞"] and article.byline == byline
    assert stats["newscrawl/normalize/unparsed_byline"] == 1


@pytest.mark.parametrize(
    "byline, authors, dateline",
    [
        ("ソウル＝山田花子", ["山田花子"], "ソウル"),
        ("山田花子、田中一郎", ["山田花子", "田中一郎"], None),
        ("文・山田花子", ["山田花子"], None),
        ("文京子", ["文京子"], None),  # a surname, not the 文 of 文・
        ("By Kiyoshi Ito, Reuters", ["Kiyoshi Ito"], None),
    ],
)
def test_japanese_byline_element_forms(byline, authors, dateline):
    article, _ = normalize(byline=byline)
    assert (article.authors, article.dateline) == (authors, dateline)


def test_trailing_equals_agency_in_the_body():
    article, _ = normalize(body=["政府は声明を出した。＝共同"])
    assert article.agency == "Kyodo"


@pytest.mark.parametrize(
    "byline, authors, dateline, agency",
    [
        ("【エルサレム松岡大地、カイロ金子淳】", ["松岡大地", "金子淳"], "エルサレム", None),
        ("【ソウル＝山田花子】", ["山田花子"], "ソウル", None),
        ("（経済部　高橋次郎）", ["高橋次郎"], None, None),
        ("WASHINGTON (Kyodo) --", [], "WASHINGTON", "Kyodo"),
        ("（共同）", ["共同"], None, "Kyodo"),
        ("＝共同", ["共同"], None, "Kyodo"),
        ("JIJI", ["JIJI"], None, "Jiji"),
        ("(AP)", ["AP"], None, "AP"),
        ("(Reuters)", ["Reuters"], None, "Reuters"),
    ],
)
def test_every_form_also_reads_from_the_byline_element(byline, authors, dateline, agency):
    article, stats = normalize(byline=byline)
    assert (article.authors, article.dateline, article.agency) == (authors, dateline, agency)
    assert not stats


def test_name_signing_the_last_paragraph_is_an_author_and_stays_printed():
    last = "府の担当者は「成果を次の世代につなげたい」と話した。（佐藤太郎）"
    article, _ = normalize(body=["大阪府は方針をまとめた。", last], authors=["朝日新聞デジタル"])
    assert article.authors == ["佐藤太郎"]
    assert article.body[-1] == last
    # A reporter's title after the name is no part of it.
    for signed in ("（佐藤太郎記者）", "工事は来月に始まる。（佐藤太郎記者）"):
        article, _ = normalize(body=["大阪府は方針をまとめた。", signed])
        assert article.authors == ["佐藤太郎"]
    # An age or a place in parentheses is not a signature.
    article, _ = normalize(body=["男性は容疑を認めている。（東京都）"])
    assert article.authors == []


@pytest.mark.parametrize(
    "authors, expected",
    [
        (["Samya Kullab and Vasilisa Stepanenko"], ["Samya Kullab", "Vasilisa Stepanenko"]),
        (["Mamokete Modiba, Claire Benit-Gbaffou, Sarah Charlton and Tanya Zack"],
         ["Mamokete Modiba", "Claire Benit-Gbaffou", "Sarah Charlton", "Tanya Zack"]),
        (["한국일보", "신현주 기자"], ["신현주"]),  # the paper is a house credit, 기자 a title
        (["mediagene Inc.", "小暮ひさのり"], ["小暮ひさのり"]),
        (["Y. Tanaka"], ["Y. Tanaka"]),  # a capital Y is an initial, not "and"
    ],
)
def test_structured_authors_are_split_and_cleaned(authors, expected):
    article, _ = normalize(authors=authors)
    assert article.authors == expected


def test_a_japanese_signature_paragraph_names_the_author_and_leaves_the_body():
    article, _ = normalize(body=["本文の段落。", "文・小林まどか"])
    assert (article.authors, article.body) == (["小林まどか"], ["本文の段落。"])
