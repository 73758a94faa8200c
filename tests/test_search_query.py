"""The query language on its own: what a query string means."""

from datetime import datetime, timedelta, timezone

import pytest

from newscrawl.search import QueryError, parse_query
from newscrawl.search.fts import match_expr

NOW = datetime(2025, 1, 22, 12, 0, tzinfo=timezone.utc)


def test_parts_of_a_query():
    q = parse_query('地震 "prime minister" -baseball tokyo OR osaka outlet:mainichi lang:Japanese since:7d', NOW)
    assert [[t.text for t in g] for g in q.groups] == [["地震"], ["prime minister"], ["tokyo", "osaka"]]
    assert q.groups[1][0].phrase and [t.text for t in q.excluded] == ["baseball"]
    assert {(f.name, tuple(f.values)) for f in q.filters} == {("outlet", ("mainichi",)), ("lang", ("ja",))}
    assert q.since == datetime(2025, 1, 15, 12, 0, tzinfo=timezone.utc)


def test_until_a_date_includes_the_whole_tokyo_day():
    assert parse_query("until:2025-01-31", NOW).until == datetime(2025, 1, 31, 15, tzinfo=timezone.utc)
    assert parse_query("since:2025-01", NOW).since == datetime(2024, 12, 31, 15, tzinfo=timezone.utc)


@pytest.mark.parametrize("typed, back", [
    ("30min", timedelta(minutes=30)), ("12h", timedelta(hours=12)), ("2d", timedelta(days=2)),
    ("1w", timedelta(weeks=1)), ("3 hari", timedelta(days=3)), ("2時間", timedelta(hours=2)),
])
def test_spans_in_a_query_are_the_crawl_grammar(typed, back):
    assert parse_query(f"since:{typed.replace(' ', '')}", NOW).since == NOW - back


def test_months_and_years_are_calendar_months_and_years():
    assert parse_query("since:3mo", NOW).since == datetime(2024, 10, 22, 12, tzinfo=timezone.utc)
    assert parse_query("since:1y", NOW).since == datetime(2024, 1, 22, 12, tzinfo=timezone.utc)


def test_same_filter_twice_means_either():
    (f,) = parse_query("outlet:mainichi outlet:kyodo", NOW).filters
    assert f.values == ["mainichi", "kyodo"]


def test_user_text_only_reaches_fts_inside_quotes():
    q = parse_query('title:"say ""hi" x-ray', NOW)
    pos, neg = match_expr(q.groups, q.excluded)
    assert pos == '{title} : ("say") AND {title body} : ("hi") AND {title body} : ("x" + "ray")'
    q = parse_query('"a"" OR b NEAR c"', NOW)  # quotes end phrases; no operator survives inside one
    assert match_expr(q.groups, q.excluded)[0] == '{title body} : ("a") AND {title body} : ("or" + "b" + "near" + "c")'


def test_urls_are_text_not_filters():
    (g,) = parse_query("https://mainichi.jp/articles", NOW).groups
    assert g[0].text == "https://mainichi.jp/articles"


@pytest.mark.parametrize("text", ['"open', "a OR OR b", "-since:7d", "a^2", "{title}"])
def test_errors(text):
    with pytest.raises(QueryError):
        parse_query(text, NOW)
