"""Never lose an article to a bad field: the normalizers take anything without raising."""

from datetime import datetime, timedelta, timezone

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from itemadapter import ItemAdapter

from newscrawl.items import Article
from pipelines import bylines, captions, timestamps
from pipelines.base import Stats
from pipelines.bylinetext import body_lead, body_only, body_tail, parse_byline
from pipelines.captions import split_credit
from newscrawl.timeparse import parse_time

TOKYO = timezone(timedelta(hours=9))
NORMALIZERS = (timestamps.normalize, bylines.normalize, captions.normalize)

# Text that looks like what pages print, so the rules' own branches get exercised,
# mixed with anything at all.
PIECES = st.sampled_from(
    "令和 平成 元 年 月 日 時 分 秒 午前 午後 前 昨日 今日 元日 正午 半 （ ） ( ) 【 】 ＝ = 、 , ・ 撮影 提供 共同 ＡＰ "
    "jam menit hari minggu yang lalu kemarin baru saja WIB WITA JST UTC +09:00 Today ago am pm By by and "
    "Staff Writer Kyodo (Kyodo) -- — | Photo: © （Ｃ） 12 ３１ 2025 0 99 : / . - T Z".split()
)
PRINTED = st.one_of(
    st.text(max_size=80),
    st.lists(st.one_of(PIECES, st.text(max_size=4)), max_size=12).map(" ".join),
    st.lists(PIECES, max_size=12).map("".join),
)
ANYTHING = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), PRINTED, st.lists(PRINTED, max_size=3))
IMAGE = st.one_of(
    ANYTHING,
    st.fixed_dictionaries({}, optional={"url": ANYTHING, "caption": ANYTHING, "credit": ANYTHING}),
)
FETCHED = st.one_of(
    st.none(),
    PRINTED,
    st.datetimes(min_value=datetime(1970, 1, 2), max_value=datetime(2100, 1, 1), timezones=st.just(timezone.utc)).map(
        lambda d: d.isoformat()
    ),
)

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(PRINTED, st.datetimes(min_value=datetime(1, 1, 3), max_value=datetime(9999, 12, 30), timezones=st.just(timezone.utc)))
def test_parse_time_never_raises_and_gives_aware_times(text, now):
    parsed = parse_time(text, now, TOKYO)
    if parsed is not None:
        assert parsed.dt.utcoffset() is not None
        assert parsed.precision >= 1


@SETTINGS
@given(PRINTED)
def test_byline_and_caption_rules_never_raise(text):
    for rule in (parse_byline, body_lead, body_tail, body_only):
        rule(text)
    caption, credit = split_credit(text)
    # Splitting never invents text: both parts come from what was printed.
    for part in (caption, credit):
        assert part is None or part in text or part.replace(" ", "") in text.replace(" ", "") or part.strip() in text


@SETTINGS
@given(
    published_raw=ANYTHING,
    published_at=ANYTHING,
    published_precision=ANYTHING,
    published_hints=ANYTHING,
    updated_raw=ANYTHING,
    fetched_at=FETCHED,
    language=ANYTHING,
    site=ANYTHING,
    byline=ANYTHING,
    authors=ANYTHING,
    body=ANYTHING,
    dateline=ANYTHING,
    agency=ANYTHING,
    images=st.one_of(ANYTHING, st.lists(IMAGE, max_size=4)),
)
def test_normalizers_never_raise_on_any_article(**fields):
    article = Article(url="https://example.jp/a", title="t", **fields)
    stats = Stats()
    for normalize in NORMALIZERS:
        normalize(ItemAdapter(article), stats)
    # What storage relies on holds whatever came in.
    if article.published_at is not None:
        assert datetime.fromisoformat(article.published_at).utcoffset() is not None
        assert isinstance(article.published_precision, int)
    assert all(isinstance(a, str) and a for a in article.authors)
    assert all(isinstance(p, str) for p in article.body)
    assert all(isinstance(i, dict) for i in article.images)
    assert all(k.startswith("newscrawl/normalize/") for k in stats)


@SETTINGS
@given(PRINTED, FETCHED)
def test_timestamps_are_idempotent(raw, fetched_at):
    article = Article(url="https://example.jp/a", published_raw=raw, published_hints=["3時間前"], fetched_at=fetched_at)
    timestamps.normalize(ItemAdapter(article), Stats())
    once = (article.published_at, article.published_precision)
    timestamps.normalize(ItemAdapter(article), Stats())
    assert (article.published_at, article.published_precision) == once


def test_common_printed_forms_never_reach_dateparser(monkeypatch):
    """dateparser costs about 2 ms a call, the rest of the chain a tenth of that: the
    forms outlets print every day must be read by the cheap rules. (The speed itself
    is measured by bench/bench_extract.py, not by a timed test.)"""
    import newscrawl.timeparse
    from pipelines import normalize_article

    calls = []
    real = newscrawl.timeparse._dateparser
    monkeypatch.setattr(newscrawl.timeparse, "_dateparser", lambda *a: calls.append(a[0]) or real(*a))

    printed = ["12 jam yang lalu", "令和7年1月14日 午後9時17分", "Jan 22, 2025 | 06:30 JST", "2025-01-14T21:17:27+09:00", "kemarin"]
    articles = [
        Article(
            url=f"https://example.jp/{i}",
            title="t",
            language="ja",
            fetched_at="2025-01-22T03:00:00+00:00",
            published_raw=printed[i % len(printed)],
            published_hints=["3時間前"],
            updated_raw="2025年1月15日 8時02分",
            byline="By TAKUYA KARUBE, Staff Writer",
            authors=["毎日新聞"],
            body=["【ソウル＝山田花子】本文。"] + ["段落の文。"] * 20 + ["（経済部　高橋次郎）"],
            images=[{"url": "u", "caption": "会見する知事＝東京都千代田区で2025年1月14日、山田太郎撮影"}] * 3,
        )
        for i in range(200)
    ]
    for article in articles:
        normalize_article(article, Stats())
    assert calls == []
    assert all(a.published_at for a in articles)
