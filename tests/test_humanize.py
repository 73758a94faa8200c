from datetime import datetime, timedelta, timezone

import pytest

from newscrawl.humanize import absolute_time, relative_time, ui_language

NOW = datetime(2025, 1, 22, 12, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    "ago, id_, en, ja",
    [
        (timedelta(seconds=20), "baru saja", "just now", "たった今"),
        (timedelta(minutes=1), "1 menit yang lalu", "1 minute ago", "1分前"),
        (timedelta(hours=12, minutes=40), "12 jam yang lalu", "12 hours ago", "12時間前"),
        (timedelta(days=3), "3 hari yang lalu", "3 days ago", "3日前"),
        (timedelta(days=15), "2 minggu yang lalu", "2 weeks ago", "2週間前"),
        (timedelta(days=95), "3 bulan yang lalu", "3 months ago", "3か月前"),
        (timedelta(days=800), "2 tahun yang lalu", "2 years ago", "2年前"),
    ],
)
def test_relative_time_in_three_languages(ago, id_, en, ja):
    then = NOW - ago
    assert relative_time(then, NOW, "id") == id_
    assert relative_time(then, NOW, "en") == en
    assert relative_time(then, NOW, "ja") == ja


def test_offsets_and_strings_are_the_same_instant():
    jst = "2025-01-22T09:00:00+09:00"  # 00:00 UTC, twelve hours before NOW
    assert relative_time(jst, NOW, "id") == "12 jam yang lalu"


def test_future_times_read_forward():
    assert relative_time(NOW + timedelta(hours=3), NOW, "en") == "in 3 hours"
    assert relative_time(NOW + timedelta(hours=3), NOW, "ja") == "3時間後"


def test_missing_time_and_unknown_language():
    assert relative_time(None, NOW, "id") == ""
    assert ui_language("id-ID") == "id" and ui_language("fr") == "en"


def test_absolute_time_keeps_the_page_offset():
    assert absolute_time("2025-01-14T15:00:00+09:00") == "2025-01-14 15:00 +09:00"
    assert absolute_time("2025-01-14T06:00:00Z") == "2025-01-14 06:00 UTC"
