"""The search page for analysts (issue 12): the attention chart, exports of every
match, names people read, the article page's photos and times, the table view.

Datasette runs in-process (see tests/test_datasette.py); tests/test_browser_search.py
clicks the same chart and links in Chromium.
"""

from __future__ import annotations

import csv
import io
import json
import re
from html import unescape

from newscrawl.datasette_plugin.views import printed_time
from newscrawl.storage import Storage
from tests.test_datasette import ago, build_db, client, make_client  # noqa: F401  (fixtures)


def bars(html: str) -> list[tuple[str, str]]:
    """(period, aria-label) of each bar of the chart."""
    return [(p, unescape(label)) for label, p in re.findall(r'<a class="nc-bar" href="[^"]*" aria-label="([^"]*)" data-period="([^"]*)"', html)]


def test_the_chart_counts_matches_per_period_with_title_axes_and_a_table(client):
    html = client.get("/-/search?q=heights").text
    assert '<title id="nc-chart-title">Jumlah artikel yang cocok per minggu</title>' in html
    assert ">Artikel cocok</text>" in html and ">Pangsa dari semua artikel</text>" in html
    assert ">Minggu, mulai Senin (waktu Tokyo)</text>" in html
    drawn = bars(html)
    assert 52 <= len(drawn) <= 54  # a year of weeks, empty ones included
    counts = [int(re.search(r": (\d+) dari (\d+) artikel", label).group(1)) for _, label in drawn]
    assert sum(counts) == 3  # mainichi_en, japantimes and nhk say "heights" within the year
    ticks = re.findall(r'text-anchor="end" fill="#444">([^<]*)</text>', html)
    assert len(ticks) == 3 and all(t.isdigit() for t in ticks)  # whole articles on the count axis
    assert 'Hitung per: <a class="nc-by" href="/-/search?q=heights&amp;by=day">hari</a> · <strong>minggu</strong>' in html
    assert "<summary>Tabel data grafik</summary>" in html and '<th scope="col">Pangsa</th>' in html
    assert "<script" not in html.split('<svg class="nc-chart"')[1].split("</svg>")[0]  # no script in the chart


def test_a_bar_narrows_the_results_to_its_period(client):
    html = client.get("/-/search?q=heights&range=1w").text
    assert "Jumlah artikel yang cocok per hari</title>" in html
    (period, label), = [(p, lb) for p, lb in bars(html) if not lb.split(": ", 1)[1].startswith("0 ")][-1:]
    href = unescape(re.search(rf'href="([^"]*)" aria-label="[^"]*" data-period="{period}"', html).group(1))
    assert href == f"/-/search?q=heights&range=1w&period={period}"
    narrowed = client.get(href).text
    total = int(re.search(r": (\d+) dari", label).group(1))
    assert f'<p class="nc-total">{total} artikel' in narrowed
    assert 'class="nc-period">Periode: <strong>' in narrowed and "nc-period-remove" in narrowed
    assert re.search(rf'data-period="{period}"><title>[^<]*</title><rect[^>]*/><rect[^>]*fill="#1d4e89"', narrowed)


def test_the_time_axis_says_the_year_when_the_chart_spans_years(client):
    # All time by day: ticks read "10 Feb", "18 Mar", ... with no year, over 2 years
    def ticks(path):
        svg = client.get(path).text.split('<svg class="nc-chart"')[1]
        texts = re.findall(r'<text x="[\d.]+" y="\d+" text-anchor="middle" fill="#444">([^<]*)</text>', svg)
        return [t for t in texts if re.search(r"\d", t)]  # not the axis' title

    for by in ("day", "week", "month"):
        labels = ticks(f"/-/search?q=heights&range=all&by={by}&hl=en")
        assert labels and all(re.search(r"\b20\d\d\b", t) for t in labels), (by, labels)
    days = ticks("/-/search?q=heights&range=1w&hl=en")
    assert days and not any(re.search(r"20\d\d", t) for t in days)  # a week: the days say enough


def test_the_chart_speaks_english_and_japanese(client):
    en = client.get("/-/search?q=heights&hl=en&range=1mo").text
    assert "Matching articles per day</title>" in en and ">Share of all articles</text>" in en
    ja = client.get("/-/search?q=heights&hl=ja&range=all").text
    assert "月ごとの一致した記事数</title>" in ja and ">月(日本時間)</text>" in ja
    assert "棒をクリックすると、その期間に絞り込んで検索します。" in ja


def test_the_range_is_a_span_as_everywhere_else(client):
    # The page had a grammar of its own: range=1m was a month (since:1m is refused as
    # minutes or months), and range=4d or range=12h silently searched a whole year.
    def total(path):
        return int(re.search(r'<p class="nc-total">(\d+) artikel', client.get(path).text).group(1))

    assert total("/-/search?q=heights&range=1d") == 2
    four_days = client.get("/-/search?q=heights&range=4d").text
    assert '<p class="nc-total">3 artikel' in four_days  # the towers, 3 days and 2 hours ago
    assert '<option value="1w">Maksimal 1 minggu' in four_days
    assert '<option value="1d">Maksimal 1 hari yang lalu</option><option value="4d" selected>Maksimal 4 hari yang lalu</option>' in four_days
    assert 'aria-label="' in four_days and "per hari" in four_days  # a chart of days
    assert total("/-/search?q=heights&range=12h") == 1
    assert '<option value="1mo" selected>' in client.get("/-/search?q=heights&range=1m").text  # links made before
    assert total("/-/search?q=heights&range=3m") == total("/-/search?q=heights") == 3  # unclear: the default
    assert "4日以内" in client.get("/-/search?q=heights&range=4d&hl=ja").text


def test_no_chart_without_a_match(client):
    html = client.get("/-/search?q=volcano").text
    assert "Tidak ada artikel yang cocok." in html and '<svg class="nc-chart"' not in html and "nc-export" in html


def test_a_mangled_period_shows_the_whole_range(client):
    r = client.get("/-/search?q=heights&period=yesterday")
    assert r.status_code == 200 and "nc-period-remove" not in r.text and "<p class=\"nc-total\">3 artikel" in r.text


# -- exports ------------------------------------------------------------------------


def many(tmp_path, n=45):
    db = build_db(tmp_path / "newscrawl.db")
    Storage(db).upsert_articles([
        {"url": f"https://www.japantimes.co.jp/news/typhoon-{i}/", "outlet": "japantimes", "language": "en",
         "title": f"Typhoon update {i}", "body": [f"Typhoon number {i} nears the coast."], "published_at": ago(hours=i + 1)}
        for i in range(n)
    ])
    return db


def test_exports_hold_every_match_not_just_the_page(make_client, tmp_path):
    c = make_client(db=many(tmp_path))
    page = c.get("/-/search?q=typhoon").text
    assert '<p class="nc-total">45 artikel' in page and page.count('<article class="nc-card"') == 20
    assert 'href="/-/search.csv?q=typhoon" type="text/csv">CSV</a>' in page
    assert 'href="/-/timeline.json?q=typhoon" type="application/json">JSON</a>' in page

    r = c.get("/-/search.csv?q=typhoon")
    assert r.status_code == 200 and r.headers["content-type"] == "text/csv; charset=utf-8"
    assert r.headers["content-disposition"].startswith('attachment; filename="newscrawl-search-')
    rows = list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert len(rows) == 45 and rows[0]["outlet_name"] == "JAPAN TIMES" and rows[0]["rank"] == "1"
    assert {r["title"] for r in rows} == {f"Typhoon update {i}" for i in range(45)}

    doc = c.get("/-/search.json?q=typhoon&hl=en").json()
    assert doc["query"] == "typhoon" and len(doc["hits"]) == 45
    assert doc["hits"][0]["outlet"] == "japantimes" and doc["hits"][0]["outlet_name"] == "JAPAN TIMES"
    assert "<mark>Typhoon</mark>" in doc["hits"][0]["title_html"]


def test_csv_downloads_open_in_excel_with_their_japanese_intact(make_client, tmp_path):
    # Excel reads a CSV without a byte order mark in the Windows code page: every
    # Japanese title of a download came out as mojibake.
    c = make_client(db=many(tmp_path, 2))
    for path in ("/-/search.csv?q=heights", "/-/timeline.csv?q=heights&range=1w"):
        data = c.get(path).content
        assert data.startswith("\ufeff".encode()) and data.count("\ufeff".encode()) == 1, path
        assert next(csv.reader(io.StringIO(data.decode("utf-8-sig"))))[0] in ("rank", "period")
    assert not c.get("/-/search.json?q=heights").content.startswith("\ufeff".encode())


def test_exports_take_the_pages_filters(make_client, tmp_path):
    c = make_client(db=many(tmp_path, 5))
    assert len(c.get("/-/search.json?q=heights&outlet=mainichi").json()["hits"]) == 1  # the family: mainichi_en
    assert c.get("/-/search.json?q=typhoon&range=1d&period=2001-01-01").json()["hits"] == []


def test_timeline_exports(client):
    r = client.get("/-/timeline.csv?q=heights&range=1w")
    assert r.status_code == 200 and r.headers["content-type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert {r["outlet"] for r in rows} == {"mainichi_en", "nhk", "japantimes", "asahi"}
    assert len(rows) == 4 * len({r["period"] for r in rows}) and sum(int(r["matching"]) for r in rows) == 3
    totals = list(csv.DictReader(io.StringIO(client.get("/-/timeline.csv?q=heights&range=1w&total=1").content.decode("utf-8-sig"))))
    assert [r["outlet"] for r in totals] == [""] * len(totals) and sum(int(r["total"]) for r in totals) == 4
    doc = client.get("/-/timeline.json?q=heights&range=1y&by=month").json()
    assert doc["by"] == "month" and doc["tz"] == "Asia/Tokyo" and doc["matching"] == 3
    assert {"matching", "total", "share", "outlets", "start", "end"} <= set(doc["periods"][-1])


def test_a_bad_query_or_option_is_a_one_line_400(client):
    r = client.get('/-/search.csv?q="unclosed&hl=en')
    assert r.status_code == 400 and r.text.startswith("unbalanced double quote") and "\n" not in r.text.strip()
    r = client.get("/-/timeline.json?q=heights&tz=Nowhere/Land&hl=en")
    assert r.status_code == 400 and "unknown time zone 'Nowhere/Land'" in r.text


def test_an_exports_error_is_in_the_pages_language(client):
    # /-/search.csv and .json answered in English while the page, the Atom feed and
    # the timeline exports of the same query answered in Indonesian
    for path in ("/-/search.csv", "/-/search.json", "/-/timeline.csv", "/-/search.atom"):
        r = client.get(path + '?q="unclosed')
        assert r.status_code == 400 and r.text.startswith("tanda kutip tidak berpasangan"), (path, r.text)
        assert client.get(path + '?q="unclosed&hl=ja').text.startswith("引用符が閉じていません"), path


def test_exports_follow_datasettes_csv_settings(make_client):
    off = make_client(settings={"allow_csv_stream": False})
    assert off.get("/-/search.csv?q=heights").status_code == 403


# -- names people read --------------------------------------------------------------


def test_filters_show_names_and_take_families(client):
    html = client.get("/-/search?q=heights").text
    assert '<option value="mainichi_en">MAINICHI EN</option>' in html and '<option value="japantimes">JAPAN TIMES</option>' in html
    assert '<option value="en">Inggris</option>' in html and '<option value="ja">Jepang</option>' in html
    assert '<option value="ja">日本語</option>' in client.get("/-/search?hl=ja").text
    family = client.get("/-/search?q=heights&outlet=mainichi").text
    assert '<p class="nc-total">1 artikel' in family


def test_the_home_edition_of_a_family_is_chosen_alone(make_client, tmp_path):
    # The facet said "MAINICHI 1" and its link, outlet=mainichi, showed both editions;
    # the selector listed "— MAINICHI" with that value too, and both were selected.
    db = build_db(tmp_path / "newscrawl.db")
    storage = Storage(db)
    storage.upsert_articles([{"url": "https://mainichi.jp/articles/20250120/k00/00m/010/001000c", "outlet": "mainichi",
                              "language": "ja", "title": "高さ", "body": ["heights の記事。"], "published_at": ago(hours=2)}])
    storage.close()
    c = make_client(db=db)
    html = c.get("/-/search?q=heights").text
    assert '<a href="/-/search?q=heights&amp;outlet=mainichi_ja"><span class="nc-outlet">MAINICHI</span></a> 1</li>' in html
    values = re.findall(r'<option value="([^"]*)"', html.split('name="outlet"')[1].split("</select>")[0])
    assert len(values) == len(set(values)) and {"mainichi", "mainichi_ja", "mainichi_en"} <= set(values)
    chosen = c.get("/-/search?q=heights&outlet=mainichi_ja").text
    assert '<p class="nc-total">1 artikel' in chosen and chosen.count(" selected>") == 2  # the outlet and the range
    assert '<option value="mainichi_ja" selected>' in chosen and "MAINICHI JA" not in chosen


def test_an_unknown_outlet_says_which_there_are(client):
    html = unescape(client.get("/-/search?q=heights&outlet=kyodonews").text)
    assert "tidak ada media bernama 'kyodonews'; media yang ada: mainichi, kyodo, asahi" in html


def test_the_table_view_reads_names_and_keeps_rows_short(client):
    html = client.get("/newscrawl/articles").text
    assert '<link rel="stylesheet" href="/-/static-plugins/newscrawl/articles-table.css">' in html
    assert ('<span title="mainichi_en"><span class="nc-outlet">MAINICHI</span> '
            '<abbr class="nc-edition" title="English edition">EN</abbr></span>') in html
    css = client.get("/-/static-plugins/newscrawl/articles-table.css")
    assert css.status_code == 200 and "td.col-body" in css.text
    assert "articles-table.css" not in client.get("/newscrawl/authors").text
    by_day = client.get("/newscrawl/articles_by_day").text
    assert "Articles per day in Tokyo" in by_day and '<span title="japantimes"><span class="nc-outlet">JAPAN TIMES</span>' in by_day


def test_the_table_views_facets_read_names_too(client):
    # The rows said "MAINICHI EN" and the outlet facet beside them "mainichi_en";
    # the language facet said "ja".
    for path in ("/newscrawl/articles", "/newscrawl/articles_by_day"):
        html = client.get(path).text
        facet = html.split('id="facet-outlet"')[1].split("</ul>")[0]
        assert ">MAINICHI EN</a> 2</li>" in facet and "mainichi_en</a>" not in facet, path
        assert "outlet=mainichi_en" in facet  # the filter keeps the slug
        languages = html.split('id="facet-language"')[1].split("</ul>")[0]
        assert ">English</a>" in languages and ">Japanese</a>" in languages, path
    chosen = client.get("/newscrawl/articles?outlet=mainichi_en").text.split('id="facet-outlet"')[1].split("</ul>")[0]
    assert "<li>MAINICHI EN &middot; 2" in chosen


def test_the_printed_time_is_shown_once():
    assert printed_time("12 jam yang lalu") == "12 jam yang lalu"
    assert printed_time("令和7年1月14日 15時00分") == "令和7年1月14日 15時00分"
    assert printed_time("2025-01-14T15:00:00+09:00") == ""  # the normalized time already says it
    assert printed_time(None) == ""


def test_the_article_page_prints_the_raw_time_only_when_it_says_more(make_client, tmp_path):
    db = build_db(tmp_path / "newscrawl.db")
    Storage(db).upsert_articles([{
        "url": "https://beritajepang.example/a", "outlet": "mainichi_en", "language": "en", "title": "A portal copy",
        "published_at": "2025-01-22T05:00:00+09:00", "published_raw": "12 jam yang lalu", "updated_at": "2025-01-22T05:00:00+09:00",
    }])
    from newscrawl.storage import article_id

    html = make_client(db=db).get(f"/-/article/{article_id('https://beritajepang.example/a')}").text
    assert html.count("2025-01-22 05:00 +09:00") == 1  # the update is the same moment: not repeated
    assert "(tertulis di halaman: <q>12 jam yang lalu</q>)" in html
    assert "<dt>Bahasa</dt><dd>Inggris</dd>" in html
