"""content.Worded: a case-blind pattern tried only on texts that hold one of its words
gives the pattern's own answers, whatever the case of the text."""

import random

import pytest

from newscrawl.parsers.content import CALL_TO_READER, NOTICE, PAYWALL_NOTE, _folded

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
def test_worded_search_answers_as_its_pattern(pattern):
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
    assert _folded("JOİN ſUBſCRİBE Joın") == "join subscribe join"
