"""Patterns searched only where a text holds what they need (timeparse.Guarded): the
guard must never hide a match the pattern itself finds."""

import re

import pytest

from newscrawl import timeparse
from newscrawl.timeparse import Guarded
from pipelines import captions

# Printed times and captions of the forms the guarded patterns read, and some they do not.
TEXTS = [
    "2025年1月14日 10時30分", "令和7年1月24日　午後3時05分", "R7.1.14", "H31.4.30", "2025年元日",
    "2024년 10월 12일 오후 8:06", "۱ بهمن ۱۴۰۳", "24 دی 1403", "30.01.2024 | 18:30", "2019/3/15 09:43",
    "15.04.25 09:56", "Veröffentlicht am 13. Mai 2026 um 15.44 Uhr", "klo 10.15", "9h30", "6.30pm",
    "Jan. 21, 2025 9:25 PM EST", "28 June 2025, 16:03 MESZ", "12:00 MSK", "10:00 WIB", "UTC+09:00",
    "2020-02-24 21:25:54 -05:00", "3 декабря 2020, 18:47", "noon", "正午", "14時", "午後3時半",
    "東京・霞ケ関で（潟沼義樹撮影）", "（Ｃ）共同通信社", "© AFP", "＝山田太郎撮影", "（撮影・森田健）",
    "[사진 출처 = 현대건설]", "[AP=연합뉴스]", "<이종화 기자>", "Taro Yamada (AP Photo/Eugene Hoshiko)",
    "Photo: AFP", "Foto: LAT Images", "The mayor speaks | KYODO", "— Reuters", "（ロイター）", "＝ＡＰ",
    "no date here", "", "ʜ 12", "ſ", "Kelvin K",
]
GUARDED = [
    (name, value)
    for module in (timeparse, captions)
    for name, value in vars(module).items()
    if isinstance(value, Guarded)
] + [(f"captions rule {i}", rule) for i, rule in enumerate(captions.JA_RULES + captions.KO_RULES + captions.EN_RULES) if isinstance(rule, Guarded)]


def test_a_guarded_pattern_is_searched_only_where_the_text_holds_a_needle():
    digits = Guarded(re.compile(r"(\d+)年"), ("年",))
    assert digits.search("2025年").group(1) == "2025"
    assert digits.search("2025 and 年") is None  # searched: no match
    assert digits.search("2025") is None  # not searched


@pytest.mark.parametrize("name, guarded", GUARDED, ids=[n for n, _ in GUARDED])
def test_the_guard_never_hides_a_match(name, guarded):
    for text in TEXTS:
        for variant in (text, timeparse.nfkc(text)):
            found, expected = guarded.search(variant), guarded.pattern.search(variant)
            assert (found and found.span()) == (expected and expected.span()), (name, variant)
