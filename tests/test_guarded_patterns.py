"""Patterns searched only where a text holds what they need (newscrawl.guarded): the
guard must never hide a match the pattern itself finds, whatever the case of the text."""

import random
import re

import pytest

from newscrawl import timeparse
from newscrawl.guarded import Guarded, folded
from newscrawl.parsers.content import CALL_TO_READER, NOTICE, PAYWALL_NOTE
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


# A line for each alternative of the three patterns.
LINES = [
    "Follow Metro.co.uk on Twitter and Facebook",
    "Follow us: @example",
    "Like us on Facebook",
    "Join us on Instagram",
    "Add us on Snapchat",
    "Got a story? Get in touch with our news team at tips@example.com",
    "Got a news tip? Email us",
    "For more stories like this, check our news page",
    "Sign up for our free daily newsletter",
    "Subscribe to the Morning Briefing newsletters",
    "Download our free app for the latest news",
    "Get the news app for Android and iOS",
    "Folgen Sie uns auf Instagram",
    "Suivez-nous sur Facebook",
    "Síguenos en X",
    "Seguici su Facebook",
    "Ikuti kami di Google News",
    "Copyright 2025 Kyodo News. All rights reserved.",
    "© 2024 The Example Times",
    "(C) 2019 AP",
    "ALL RIGHTS RESERVED",
    "無断転載を禁じます",
    "※この記事は有料会員限定です。",
    "続きは会員登録でお読みいただけます",
    "Subscribe now to continue reading",
    "To continue reading, log in",
    "The rest of this story is only available to subscribers",
    "Artikel ini khusus pelanggan",
]
# Characters that re.I takes for a letter other than the letter's own two cases.
FOLDS = {"i": "İı", "s": "ſ", "k": "\u212a"}


@pytest.mark.parametrize("pattern", [CALL_TO_READER, NOTICE, PAYWALL_NOTE], ids=["call", "notice", "paywall"])
def test_a_case_blind_guard_answers_as_its_pattern(pattern):
    rng = random.Random(7)
    found = 0
    for line in LINES:
        for _ in range(200):
            text = "".join(
                rng.choice(FOLDS.get(c.lower(), "") + c.upper() + c) if rng.random() < 0.3 else c for c in line
            )
            for variant in (text, "It rained. " + text, text + " today"):
                expected = pattern.pattern.search(variant)
                got = pattern.search(variant)
                assert (got and got.span()) == (expected and expected.span()), variant
                found += expected is not None
    assert found  # the lines do match


def test_a_line_without_any_of_the_words_is_not_searched():
    assert CALL_TO_READER.search("The ferry resumed service on Monday.") is None
    assert NOTICE.search("The ferry resumed service on Monday.") is None


def test_folded_text_reads_the_turkish_i_and_the_long_s_as_re_i_does():
    assert folded("JOİN ſUBſCRİBE Joın") == "join subscribe join"


def test_a_case_blind_guard_is_written_in_lower_case():
    with pytest.raises(ValueError):
        Guarded(re.compile("subscribe", re.I), ("Subscribe",))
