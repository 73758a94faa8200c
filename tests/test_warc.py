"""Backfill from web archives: `newscrawl import FILE.warc.gz` runs archived pages through
the crawl's parser and pipelines, as if fetched when they were archived."""

import json
import sqlite3
from datetime import datetime, timezone

import pytest

from newscrawl.cli import main
from newscrawl.encoding import decode_html
from newscrawl.parsers import parse_article
from newscrawl.warc import WarcReader, site_filter
from pipelines import normalize_article
from tests.warcs import write_sample_warc

WHEN = datetime(2025, 1, 22, 3, 0, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def warc(tmp_path_factory):
    path = tmp_path_factory.mktemp("warc") / "sample.warc.gz"
    urls = write_sample_warc(path, WHEN)
    return path, urls


def imported(db, *args, capsys):
    code = main(["import", "--db", str(db), *args])
    err = capsys.readouterr().err
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        rows = {r["url"]: dict(r) for r in conn.execute("SELECT * FROM articles")} if code == 0 else {}
    return code, err, rows


def test_reader_yields_html_responses_with_their_capture_time(warc):
    path, urls = warc
    reader = WarcReader(path)
    captures = list(reader)
    assert [c.url for c in captures] == urls
    assert {c.fetched_at for c in captures} == {"2025-01-22T03:00:00+00:00"}
    assert captures[0].content_type.startswith("text/html") and captures[0].body.lstrip().startswith(b"<")
    assert reader.counts == {"pages": len(urls), "record_warcinfo": 1, "record_request": len(urls) + 8,
                             "not_html": 7, "not_200": 1, "record_revisit": 1}


def test_every_article_page_is_stored_as_the_crawl_would_store_it(warc, tmp_path, capsys):
    path, urls = warc
    code, err, rows = imported(tmp_path / "db.sqlite", str(path), capsys=capsys)
    assert code == 0, err
    assert "15 stored, 0 updated, 2 rejected" in err
    assert "2 × no publication time on the page (a listing or home page?)" in err  # the portal's listing pages
    assert "skipped: " in err and "7 not HTML" in err and "1 not HTTP 200" in err
    assert len(rows) == 15 and set(rows) <= set(urls)
    # The same parser and pipelines as a crawl or `newscrawl extract` of that page.
    url = "https://mainichi.jp/english/articles/20250122/p2a/00m/0na/011000c"
    capture = next(c for c in WarcReader(path) if c.url == url)
    expected = normalize_article(parse_article(decode_html(capture.body).text, url, fetched_at=capture.fetched_at))
    assert (rows[url]["title"], rows[url]["published_at"], rows[url]["site"]) == (
        expected.title, expected.published_at, expected.site)
    assert rows[url]["fetched_at"] == "2025-01-22T03:00:00+00:00"
    assert (rows[url]["encoding"], rows[url]["encoding_guessed"]) == ("utf-8", 0)  # from the archived Content-Type


def test_relative_times_are_read_against_the_capture_date(warc, tmp_path, capsys):
    path, _ = warc
    _, _, rows = imported(tmp_path / "db.sqlite", str(path), capsys=capsys)
    # The portal prints "12 jam yang lalu": 12 hours before the page was archived, not before today.
    portal = rows["https://beritajepang.example/media-jepang/mainichi/2025/01/22/menlu-jepang-as-sepakat"]
    assert portal["published_utc"] == "2025-01-21T15:00:00Z"


def test_site_filters(warc, tmp_path, capsys):
    path, _ = warc
    _, err, rows = imported(tmp_path / "a.sqlite", "--site", "mainichi.jp/english", "--site", "www3.nhk.or.jp", str(path), capsys=capsys)
    assert sorted({r["site"] for r in rows.values()}) == ["mainichi_en", "nhk"] and len(rows) == 6
    assert "from other sites" in err
    _, _, rows = imported(tmp_path / "b.sqlite", "--site", "known", str(path), capsys=capsys)
    assert "portal" not in {r["site"] for r in rows.values()} and len(rows) == 11
    wanted = site_filter(["https://www.mainichi.jp/"])
    assert wanted("https://mainichi.jp/articles/1") and not wanted("https://notmainichi.jp/articles/1")


def test_the_archived_content_type_decodes_the_page(tmp_path, capsys):
    from tests.conftest import FIXTURES
    from tests.warcs import write_warc

    page = (FIXTURES / "parsers" / "sjis_article.html").read_bytes()
    page = page.replace(b'<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">', b"")
    url = "https://www.kakuu-shimbun.test/news/20250115/001.html"
    warc = tmp_path / "sjis.warc.gz"
    write_warc(warc, [(url, "text/html; charset=Shift_JIS", page)], WHEN)
    _, _, rows = imported(tmp_path / "db.sqlite", str(warc), capsys=capsys)
    assert rows[url]["title"] == "駅前の古書店、五十年の歴史に幕"
    assert (rows[url]["encoding"], rows[url]["encoding_guessed"]) == ("cp932", 0)


def test_site_filters_json_lines_too(tmp_path, capsys):
    lines = tmp_path / "a.jsonl"
    lines.write_text("\n".join(json.dumps({"url": u, "title": "T", "body": ["B"], "published_at": "2025-01-22T10:00:00+09:00"})
                               for u in ("https://www3.nhk.or.jp/news/html/1.html", "https://example.com/2")) + "\n")
    code, err, rows = imported(tmp_path / "db.sqlite", "--site", "nhk.or.jp", str(lines), capsys=capsys)
    assert code == 0 and list(rows) == ["https://www3.nhk.or.jp/news/html/1.html"]
    assert "skipped: 1 from other sites" in err


def test_a_file_that_is_not_a_warc_gets_one_line(tmp_path, capsys):
    bad = tmp_path / "bad.warc.gz"
    bad.write_bytes(b"not an archive\n")
    assert main(["import", "--db", str(tmp_path / "db.sqlite"), str(bad)]) == 2
    err = capsys.readouterr().err
    assert "is not a readable WARC file" in err and "Traceback" not in err
