"""Photo captions lose their credit to ``credit``, which is kept exactly as printed."""

import pytest
from itemadapter import ItemAdapter

from conftest import corpus_pages
from newscrawl.items import Article
from pipelines import captions
from pipelines.base import Stats


def normalize(images):
    article = Article(url="https://example.jp/a", images=images)
    stats = Stats()
    captions.normalize(ItemAdapter(article), stats)
    return article, stats


@pytest.mark.parametrize(
    "printed, caption, credit",
    [
        (
            "Two ministers shake hands in Washington on Jan. 21, 2025. (Kyodo)",
            "Two ministers shake hands in Washington on Jan. 21, 2025.",
            "Kyodo",
        ),
        ("会談に臨む両国の首脳＝共同", "会談に臨む両国の首脳", "共同"),
        ("首相官邸前のデモ隊＝ロイター", "首相官邸前のデモ隊", "ロイター"),
        ("テレビを見る市民（ソウルで、３日）＝ＡＰ", "テレビを見る市民（ソウルで、３日）", "ＡＰ"),
        ("港に入る船＝ＡＦＰ時事", "港に入る船", "ＡＦＰ時事"),
        (
            "会見する知事＝東京都千代田区で2025年1月14日、山田太郎撮影",
            "会見する知事＝東京都千代田区で2025年1月14日",
            "山田太郎",
        ),
        ("開通した新路線＝山田太郎撮影", "開通した新路線", "山田太郎"),
        ("外来魚を釣る参加者＝大津市で（撮影・森田健）", "外来魚を釣る参加者＝大津市で", "森田健"),
        ("デモ行進する人たち＝ソウルで２０２５年１月１８日、ＡＦＰ時事", "デモ行進する人たち＝ソウルで２０２５年１月１８日", "ＡＦＰ時事"),
        ("Protesters march in Seoul on Saturday. Getty Images", "Protesters march in Seoul on Saturday.", "Getty Images"),
        ("기자회견하는 일본 총리. [AP=연합뉴스]", "기자회견하는 일본 총리.", "AP=연합뉴스"),
        ("会見する首相（写真・山田太郎）", "会見する首相", "山田太郎"),
        ("庁舎を出る容疑者＝13日、東京・霞が関で（佐藤次郎撮影）", "庁舎を出る容疑者＝13日、東京・霞が関で", "佐藤次郎"),
        ("開かれた検討会＝１３日午後１０時３１分（代表撮影）", "開かれた検討会＝１３日午後１０時３１分", "代表"),
        ("試合後に握手する選手たち（Ｃ）共同通信社", "試合後に握手する選手たち", "共同通信社"),
        ("Students walk to school (Mainichi/Taro Yamada)", "Students walk to school", "Mainichi/Taro Yamada"),
        ("The prime minister speaks (AP Photo/Jane Doe)", "The prime minister speaks", "AP Photo/Jane Doe"),
        ("Protesters gather in Seoul. Photo: AFP", "Protesters gather in Seoul.", "AFP"),
        ("Photo: AFP", None, "AFP"),
        ("A drugstore runs low on masks. | KYODO", "A drugstore runs low on masks.", "KYODO"),
        ("Lanterns at night (Photo by Ken Ito)", "Lanterns at night", "Ken Ito"),
        ("Lanterns at night. Photo by Ken Ito", "Lanterns at night.", "Ken Ito"),
        ("Leaders at a debate (The Yomiuri Shimbun)", "Leaders at a debate", "The Yomiuri Shimbun"),
        ("Smoke rises over the port — Reuters", "Smoke rises over the port", "Reuters"),
        ("会見する首相（共同）", "会見する首相", "共同"),
        ("A tram car serves coffee on Jan. 10. (Hanako Sample)", "A tram car serves coffee on Jan. 10.", "Hanako Sample"),
        ("Shigeru Ishiba (Center Left)", "Shigeru Ishiba (Center Left)", None),
        # Unknown sites, other languages.
        ("The King arrives for the opening (Picture: Getty)", "The King arrives for the opening", "Getty"),
        ("The remains of the two buildings. Photograph: Eva Manez/Reuters", "The remains of the two buildings.", "Eva Manez/Reuters"),
        ("Ein Sieger im Ziel. (Foto: John MacDougall/AFP)", "Ein Sieger im Ziel.", "John MacDougall/AFP"),
        ("시민단체들이 본사를 찾아 항의하고 있다. [사진 출처 = 현대건설]", "시민단체들이 본사를 찾아 항의하고 있다.", "현대건설"),
        ("연설 중인 부통령. 사진=BTC미디어", "연설 중인 부통령.", "BTC미디어"),
        ("대표가 연설하고 있다. 연합뉴스", "대표가 연설하고 있다.", "연합뉴스"),
        ("세션에 참가한 차르. <이종화 기자>", "세션에 참가한 차르.", "이종화"),
        ("행사 모습 [사진 제공 = 시청]", "행사 모습 [사진 제공 = 시청]", None),  # provided, not taken
        # Provided pictures: the source is part of the caption, not a credit.
        ("通話試験を行う技官（警視庁提供）", "通話試験を行う技官（警視庁提供）", None),
        ("在りし日の男性＝遺族提供", "在りし日の男性＝遺族提供", None),
        ("The new station (Courtesy of JR East)", "The new station (Courtesy of JR East)", None),
        # Place and date after ＝ are caption, not credit.
        ("国旗＝同国で2019年5月", "国旗＝同国で2019年5月", None),
        ("会場の様子＝ワシントンで", "会場の様子＝ワシントンで", None),
        ("Ishiba (center) speaks to reporters", "Ishiba (center) speaks to reporters", None),
        ("\u3000前後に空白のある説明\u3000", "前後に空白のある説明", None),
    ],
)
def test_caption_credit(printed, caption, credit):
    article, _ = normalize([{"url": "https://example.jp/p.jpg", "caption": printed}])
    assert article.images == [{"url": "https://example.jp/p.jpg", "caption": caption, "credit": credit}]


def test_a_credit_from_its_own_element_is_kept():
    article, _ = normalize([{"url": "u", "caption": "Leaders at a debate.", "credit": "The Yomiuri Shimbun"}])
    assert article.images[0]["credit"] == "The Yomiuri Shimbun"
    assert article.images[0]["caption"] == "Leaders at a debate."


def test_a_printed_credit_leaves_the_caption_even_when_the_parser_found_one():
    article, _ = normalize([{"url": "u", "caption": "首相＝共同", "credit": "共同通信"}])
    assert article.images[0] == {"url": "u", "caption": "首相", "credit": "共同通信"}


def test_bad_image_entries_are_dropped_and_counted_and_bare_urls_kept():
    article, stats = normalize(["https://example.jp/p.jpg", 42, None, {"caption": None}])
    assert article.images == [
        {"url": "https://example.jp/p.jpg", "caption": None, "credit": None},
        {"url": None, "caption": None, "credit": None},
    ]
    assert stats["newscrawl/normalize/bad_image"] == 2


CORPUS_CAPTIONS = [
    pytest.param(name, path, expected, id=name)
    for name, path, expected in corpus_pages()
    if any(i.get("caption") for i in expected.get("images", []))
]


@pytest.mark.parametrize("name, path, expected", CORPUS_CAPTIONS)
def test_corpus_captions_and_credits(name, path, expected, corpus_dir):
    """Each real outlet's printed caption, as its parser finds it, splits as expected."""
    from newscrawl.extract import extract_file

    article = extract_file(path, url=expected["url"], fetched_at=expected.get("crawled_at", "2025-01-01") + "+09:00")
    got = {i["caption"]: i["credit"] for i in article.images if i.get("caption")}
    for image in expected["images"]:
        if image.get("caption"):
            assert image["caption"] in got, f"{name}: caption not found: {image['caption']}"
            assert got[image["caption"]] == image.get("credit")
