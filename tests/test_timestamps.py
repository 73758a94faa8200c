"""Printed times -> published_at with the page's offset and an honest precision.

Every case is resolved against the item's fetched_at, never the test's clock.
"""

from datetime import datetime

import pytest
from itemadapter import ItemAdapter

from newscrawl.items import Article
from newscrawl.storage import to_utc
from pipelines import timestamps
from pipelines.base import Stats

# 2025-01-22 12:00 in Tokyo.
FETCHED = "2025-01-22T03:00:00+00:00"


def normalize(fetched_at=FETCHED, language="ja", **fields):
    article = Article(url="https://example.jp/a", language=language, fetched_at=fetched_at, **fields)
    stats = Stats()
    timestamps.normalize(ItemAdapter(article), stats)
    return article, stats


@pytest.mark.parametrize(
    "raw, language, published_at, precision",
    [
        # Indonesian portal listings: relative to the fetch, written in Japan time.
        ("12 jam yang lalu", "id", "2025-01-22T00:00:00+09:00", 3600),
        ("5 menit yang lalu", "id", "2025-01-22T11:55:00+09:00", 60),
        ("baru saja", "id", "2025-01-22T12:00:00+09:00", 60),
        ("kemarin", "id", "2025-01-21T12:00:00+09:00", 86400),
        ("sehari yang lalu", "id", "2025-01-21T12:00:00+09:00", 86400),
        ("2 hari yang lalu", "id", "2025-01-20T12:00:00+09:00", 86400),
        ("1 minggu yang lalu", "id", "2025-01-15T12:00:00+09:00", 604800),
        ("MAINICHI   | 12 jam yang lalu", "id", "2025-01-22T00:00:00+09:00", 3600),
        ("Senin, 20 Januari 2025 14:05 WIB", "id", "2025-01-20T14:05:00+07:00", 60),
        ("Rabu, 15 Jan 2025 09:30 WITA", "id", "2025-01-15T09:30:00+08:00", 60),
        ("20/01/2025 14:05 WIT", "id", "2025-01-20T14:05:00+09:00", 60),
        ("Selasa, 14 Januari 2025", "id", "2025-01-14T00:00:00+09:00", 86400),
        ("14 Januari, 08:15 WIB", "id", "2025-01-14T08:15:00+07:00", 60),
        # Japanese.
        ("3時間前", "ja", "2025-01-22T09:00:00+09:00", 3600),
        ("15分前", "ja", "2025-01-22T11:45:00+09:00", 60),
        ("昨日", "ja", "2025-01-21T12:00:00+09:00", 86400),
        ("昨日 14:05", "ja", "2025-01-21T14:05:00+09:00", 60),
        ("2025年1月14日 21時17分", "ja", "2025-01-14T21:17:00+09:00", 60),
        ("2025/01/14 21:17", "ja", "2025-01-14T21:17:00+09:00", 60),
        ("1/14(火) 21:17", "ja", "2025-01-14T21:17:00+09:00", 60),
        ("1736857047", "ja", "2025-01-14T21:17:27+09:00", 1),
        ("2025.1.14", "ja", "2025-01-14T00:00:00+09:00", 86400),
        ("令和7年1月14日 午後9時17分", "ja", "2025-01-14T21:17:00+09:00", 60),
        ("１月１４日", "ja", "2025-01-14T00:00:00+09:00", 86400),
        ("２０２５年１月１４日　２１：１７", "ja", "2025-01-14T21:17:00+09:00", 60),
        ("1月14日(火) 午前8時半", "ja", "2025-01-14T08:30:00+09:00", 60),
        ("2025年1月14日 午後3時", "ja", "2025-01-14T15:00:00+09:00", 3600),
        ("2025年1月14日 正午", "ja", "2025-01-14T12:00:00+09:00", 60),
        ("令和元年5月1日 午前0時", "ja", "2019-05-01T00:00:00+09:00", 3600),
        ("R7.1.14", "ja", "2025-01-14T00:00:00+09:00", 86400),  # the era by its letter: not 7 Jan 2014
        ("H31.4.30 10:00", "ja", "2019-04-30T10:00:00+09:00", 60),
        ("平成31年4月30日 午後0時5分", "ja", "2019-04-30T12:05:00+09:00", 60),
        ("2025年元日", "ja", "2025-01-01T00:00:00+09:00", 86400),
        ("元日", "ja", "2025-01-01T00:00:00+09:00", 86400),
        # English editions of Japanese outlets.
        ("12 hours ago", "en", "2025-01-22T00:00:00+09:00", 3600),
        ("an hour ago", "en", "2025-01-22T11:00:00+09:00", 3600),
        ("Jan. 21, 2025", "en", "2025-01-21T00:00:00+09:00", 86400),
        ("January 22, 2025 (Mainichi Japan)", "en", "2025-01-22T00:00:00+09:00", 86400),
        ("Jan 22, 2025 | 06:30 JST", "en", "2025-01-22T06:30:00+09:00", 60),
        ("Today 06:30 am JST", "en", "2025-01-22T06:30:00+09:00", 60),
        ("Yesterday 11:45 pm JST", "en", "2025-01-21T23:45:00+09:00", 60),
        ("17:41 JST, October 13, 2024", "en", "2024-10-13T17:41:00+09:00", 60),
        ("Feb 18, 2020", "en", "2020-02-18T00:00:00+09:00", 86400),
        ("Tue, 14 Jan 2025 12:17:27 GMT", "en", "2025-01-14T12:17:27+00:00", 1),
        ("Updated: Jan. 21, 2025, 6:30 p.m.", "en", "2025-01-21T18:30:00+09:00", 60),
        ("Hari ini, 06:30 WIB", "id", "2025-01-22T06:30:00+07:00", 60),
        ("2 jam lalu", "id", "2025-01-22T10:00:00+09:00", 3600),
        # ISO 8601 as structured data prints it: its own offset is kept.
        ("2025-01-14T21:17:27+0900", "ja", "2025-01-14T21:17:27+09:00", 1),
        ("2025-01-14T12:17:27Z", "ja", "2025-01-14T12:17:27+00:00", 1),
        ("2025-01-14T21:17", "ja", "2025-01-14T21:17:00+09:00", 60),
        ("2025-01-14", "en", "2025-01-14T00:00:00+09:00", 86400),
        # What only dateparser knows.
        ("the 14th of January, 2025 at 9:30", "en", "2025-01-14T09:30:00+09:00", 60),
        # Unknown sites: other languages, and ISO as structured data sometimes writes it.
        ("Veröffentlicht am 13. Mai 2024 um 15:44", "de", "2024-05-13T15:44:00+09:00", 60),
        ("13 de mayo de 2024", "es", "2024-05-13T00:00:00+09:00", 86400),
        ("le 5 octobre 2013 à 20 h 23", "fr", "2013-10-05T20:23:00+09:00", 60),
        ("22.10.2025", "de", "2025-10-22T00:00:00+09:00", 86400),
        ("20180619T055000+0900", "ja", "2018-06-19T05:50:00+09:00", 1),
        ("20200924T15:04:34Z", "en", "2020-09-24T15:04:34+00:00", 1),
        ("2020-12-05T23:15:0Z", "it", "2020-12-05T23:15:00+00:00", 1),
        # Zones named beside the time, as news pages print them.
        ("Jul 19, 2024, 21:27 IST", "en", "2024-07-19T21:27:00+05:30", 60),
        ("Feb. 24, 2020 9:25 p.m. EST", "en", "2020-02-24T21:25:00-05:00", 60),
        ("July 4, 2024 at 9:25 PM ET", "en", "2024-07-04T21:25:00-04:00", 60),
        ("13. Mai 2024, 15:44 MESZ", "de", "2024-05-13T15:44:00+02:00", 60),
        # Month names and a.m./p.m. words of the page's language (CLDR, through babel).
        ("3 декабря 2020, 18:47", "ru", "2020-12-03T18:47:00+09:00", 60),
        ("2020. december 3. 10:15", "hu", "2020-12-03T10:15:00+09:00", 60),
        ("15 tháng 3 năm 2019", "vi", "2019-03-15T00:00:00+09:00", 86400),
        ("12 كانون الأول 2020", "ar", "2020-12-12T00:00:00+09:00", 86400),
        # A month under both its names; the words for "in the evening", "in the morning".
        ("الجمعة 24 نيسان / أبريل 2020 09:22 مساءً", "ar", "2020-04-24T21:22:00+09:00", 60),
        ("3 декабря 2020, 9:15 вечера", "ru", "2020-12-03T21:15:00+09:00", 60),
        ("3 декабря 2020, 9:15 утра", "ru", "2020-12-03T09:15:00+09:00", 60),
        ("2025년 5월 15일 오후 8:06", "ko", "2025-05-15T20:06:00+09:00", 60),
        ("2020年12月3日 下午3:05", "zh", "2020-12-03T15:05:00+09:00", 60),
        # A clock with a dot where a word says it is one; a two-digit year before a clock.
        ("28. Juni 2025 - 16.03 Uhr", "de", "2025-06-28T16:03:00+09:00", 60),
        ("21 joulukuuta 2020 klo 10.15", "fi", "2020-12-21T10:15:00+09:00", 60),
        ("15.04.25 09:56", "es", "2025-04-15T09:56:00+09:00", 60),
        ("20.01.25 | 18:30", "he", "2025-01-20T18:30:00+09:00", 60),
        ("January 20, 2025 — 6.30pm", "en", "2025-01-20T18:30:00+09:00", 60),
        # Iran's solar hijri calendar, in Persian digits; Arabic-Indic digits.
        ("دوشنبه ۱ بهمن ۱۴۰۳ - ۱۸:۳۰", "fa", "2025-01-20T18:30:00+09:00", 60),
        ("۱۴۰۳/۱۱/۰۱", "fa", "2025-01-20T00:00:00+09:00", 86400),
        ("٢٤ أبريل ٢٠٢٠", "ar", "2020-04-24T00:00:00+09:00", 86400),
        # Relative times in the words of other languages (dateparser's patterns for them).
        ("vor 3 Stunden", "de", "2025-01-22T09:00:00+09:00", 3600),
        ("3시간 전", "ko", "2025-01-22T09:00:00+09:00", 3600),
        ("3 часа назад", "ru", "2025-01-22T09:00:00+09:00", 3600),
        # Thai years count from the Buddha's death: 2568 is 2025.
        ("20 ม.ค. 2568 18:30 น.", "th", "2025-01-20T18:30:00+09:00", 60),
    ],
)
def test_printed_times(raw, language, published_at, precision):
    article, stats = normalize(language=language, published_raw=raw)
    assert (article.published_at, article.published_precision) == (published_at, precision)
    assert article.published_raw == raw  # what was printed is kept
    assert not stats


@pytest.mark.parametrize(
    "raw, fetched_at, published_at",
    [
        # A month-day without a year is never in the future: read on 1 January, it is last year's.
        ("１２月３１日", "2025-01-01T01:00:00+09:00", "2024-12-31T00:00:00+09:00"),
        ("12月31日 23時50分", "2025-01-01T00:05:00+09:00", "2024-12-31T23:50:00+09:00"),
        ("1月1日", "2025-01-01T00:05:00+09:00", "2025-01-01T00:00:00+09:00"),
        # "Today" means today in Tokyo, even when it is still yesterday in UTC ...
        ("Today 06:30 am JST", "2025-01-21T22:00:00+00:00", "2025-01-22T06:30:00+09:00"),
        # ... and a page cached before midnight and fetched after it meant the day before.
        ("Today 11:50 pm JST", "2025-01-22T00:10:00+09:00", "2025-01-21T23:50:00+09:00"),
        ("2月29日", "2025-03-01T12:00:00+09:00", "2024-02-29T00:00:00+09:00"),
        ("2月29日", "2026-05-01T12:00:00+09:00", "2024-02-29T00:00:00+09:00"),  # two years back
        # A weekday printed beside it names the year: a saved page read years later.
        ("3/9(木) 18:45配信", "2026-05-01T12:00:00+09:00", "2023-03-09T18:45:00+09:00"),
        ("3/9(月) 18:45配信", "2026-05-01T12:00:00+09:00", "2026-03-09T18:45:00+09:00"),
        ("Thursday, March 9", "2026-05-01T12:00:00+09:00", "2023-03-09T00:00:00+09:00"),
    ],
)
def test_the_fetch_day_decides_missing_years_and_days(raw, fetched_at, published_at):
    article, _ = normalize(fetched_at=fetched_at, published_raw=raw)
    assert article.published_at == published_at


@pytest.mark.parametrize(
    "raw", ["2003年に移籍し、6月6日に新作を発売", "2009年移居台湾；8月19发行", "Founded in 1998, reopened June 6", "June 6 · 2024 season"]
)
def test_a_day_without_its_year_beside_another_year_is_no_date_of_the_fetch_year(raw):
    # The text tells of a day in the year it prints, never of one in the year the page was read.
    article, _ = normalize(fetched_at="2025-11-01T00:00:00+00:00", published_raw=raw)
    assert article.published_at is None


@pytest.mark.parametrize("raw", ["2025年 6月6日", "6月6日（2025年）", "June 6 · 2025 season"])
def test_a_day_without_its_year_beside_the_same_year_is_read(raw):
    article, _ = normalize(fetched_at="2025-11-01T00:00:00+00:00", published_raw=raw)
    assert article.published_at[:10] == "2025-06-06"


def test_relative_times_follow_fetched_at_not_the_clock():
    one, _ = normalize(fetched_at="2025-01-22T03:00:00+00:00", published_raw="3時間前")
    other, _ = normalize(fetched_at="2024-06-01T03:00:00+00:00", published_raw="3時間前")
    assert one.published_at == "2025-01-22T09:00:00+09:00"
    assert other.published_at == "2024-06-01T09:00:00+09:00"


def test_without_fetched_at_relative_times_stay_unresolved():
    article, stats = normalize(fetched_at=None, published_raw="12 jam yang lalu")
    assert article.published_at is None and article.published_raw == "12 jam yang lalu"
    assert stats["newscrawl/normalize/unparsed_timestamp"] == 1


@pytest.mark.parametrize(
    "raw, hints, published_at, precision",
    [
        # A listing's hour beats the article's bare date ...
        ("2025年1月22日", ["12 jam yang lalu"], "2025-01-22T00:00:00+09:00", 3600),
        # ... and a printed minute beats the listing's hour.
        ("2025年1月22日 0時17分", ["12 jam yang lalu"], "2025-01-22T00:17:00+09:00", 60),
        (None, ["kemarin", "5 menit yang lalu"], "2025-01-22T11:55:00+09:00", 60),
    ],
)
def test_the_most_precise_candidate_wins(raw, hints, published_at, precision):
    article, _ = normalize(published_raw=raw, published_hints=hints)
    assert (article.published_at, article.published_precision) == (published_at, precision)


def test_an_iso_published_at_alone_is_kept():
    # Records imported from other tools often carry nothing else; it used to be dropped.
    article, _ = normalize(published_at="2025-01-14T10:00:00+09:00")
    assert (article.published_at, article.published_raw) == ("2025-01-14T10:00:00+09:00", None)


def test_a_hint_that_wins_is_kept_as_the_raw_text():
    article, _ = normalize(published_hints=["12 jam yang lalu"])
    assert article.published_raw == "12 jam yang lalu"


def test_published_and_updated_are_both_kept():
    article, _ = normalize(published_raw="2025年1月14日 21時17分", updated_raw="2025年1月15日 8時02分")
    assert article.published_at == "2025-01-14T21:17:00+09:00"
    assert article.updated_at == "2025-01-15T08:02:00+09:00"


@pytest.mark.parametrize("raw", ["近日公開", "lorem ipsum", "32月45日", "2025年13月1日", "99:99"])
def test_what_no_rule_understands_is_kept_raw_and_counted(raw):
    article, stats = normalize(published_raw=raw, updated_raw=raw)
    assert article.published_at is None and article.updated_at is None
    assert article.published_raw == raw and article.updated_raw == raw
    assert stats["newscrawl/normalize/unparsed_timestamp"] == 2


def test_normalizing_twice_changes_nothing():
    article, _ = normalize(published_raw="2025年1月22日", published_hints=["12 jam yang lalu"])
    first = (article.published_at, article.published_precision, article.published_raw)
    timestamps.normalize(ItemAdapter(article), Stats())
    assert (article.published_at, article.published_precision, article.published_raw) == first


def test_storage_sorts_articles_from_different_zones_by_instant():
    jakarta, _ = normalize(language="id", published_raw="Rabu, 22 Januari 2025 09:00 WIB")  # 11:00 in Tokyo
    tokyo, _ = normalize(published_raw="2025年1月22日 10時30分")
    assert jakarta.published_at.endswith("+07:00") and tokyo.published_at.endswith("+09:00")
    assert sorted([jakarta, tokyo], key=lambda a: to_utc(a.published_at)) == [tokyo, jakarta]


def test_every_output_is_iso_with_an_offset():
    article, _ = normalize(published_raw="１月１４日")
    assert datetime.fromisoformat(article.published_at).utcoffset() is not None



@pytest.mark.parametrize("language", ["de", "fr"])
def test_a_relative_time_is_read_in_the_page_language(language):
    hints = {"de": ["vor 3 Stunden"], "fr": ["il y a 3 heures"]}[language]
    article, _ = normalize(language=language, published_hints=hints)
    assert article.published_at is not None


@pytest.mark.parametrize("language", ["0", "xx-YY", ""])
def test_a_language_no_library_knows_leaves_the_time_raw(language):
    article, _ = normalize(language=language, published_hints=["vor 3 Stunden"])
    assert article.published_at is None
