"""Japanese pages read right whatever they declare: BOM, header, meta, then detection.

EUC-JP and ISO-2022-JP pages without a charset and Shift_JIS under a wrong
``<meta charset>`` came out as mojibake, in the crawl and in ``newscrawl extract``.
"""

import json
import sqlite3

import pytest

from newscrawl.cli import main
from newscrawl.encoding import decode_html
from tests.faultsite import JA_FEED, FaultSite, crawl, ja_page, ja_url, path_of, rss

TITLE = "東京都知事が会見、新年度予算案を発表"
PARAGRAPHS = ["東京都の知事は１３日、記者会見を開き、新年度の予算案を発表した。子育て支援と防災対策に重点を置く。",
              "都議会は来月開会する。予算案は過去最大の規模となる見通しだ。"]


def page(charset_meta=None, n=1):
    return ja_page(n, TITLE, PARAGRAPHS, charset_meta=charset_meta)


# (bytes codec, <meta charset>, Content-Type) -> (encoding used, guessed)
CASES = {
    "euc-jp, nothing declared": ("euc_jp", None, "text/html", ("euc_jis_2004", True)),
    "iso-2022-jp, nothing declared": ("iso2022_jp", None, "text/html", ("iso2022_jp", True)),
    "iso-2022-jp under utf-8": ("iso2022_jp", "utf-8", "text/html; charset=utf-8", ("iso2022_jp", True)),
    "shift_jis under meta utf-8": ("shift_jis", "utf-8", "text/html", ("cp932", True)),
    "shift_jis under header iso-8859-1": ("cp932", None, "text/html; charset=ISO-8859-1", ("cp932", True)),
    "shift_jis declared": ("shift_jis", "Shift_JIS", "text/html", ("cp932", False)),
    "euc-jp in the header": ("euc_jp", None, "text/html; charset=EUC-JP", ("euc_jp", False)),
    "utf-8 undeclared": ("utf-8", None, "text/html", ("utf-8", True)),
}


@pytest.mark.parametrize("codec, meta, content_type, expected", CASES.values(), ids=CASES.keys())
def test_japanese_pages_decode_like_a_browser_that_knows_japanese(codec, meta, content_type, expected):
    decoded = decode_html(page(meta).encode(codec), content_type)
    assert TITLE in decoded.text and PARAGRAPHS[1] in decoded.text
    assert (decoded.encoding, decoded.guessed) == expected


def test_a_bom_wins_and_western_pages_keep_their_declaration():
    assert decode_html("\ufeff<p>東京</p>".encode("utf-8"), "text/html; charset=shift_jis")[1:] == ("utf-8", False)
    english = '<meta charset="iso-8859-1"><p>Caf\u00e9 \u201cquoted\u201d in Tokyo</p>'.encode("cp1252")
    decoded = decode_html(english)
    assert "Café “quoted”" in decoded.text and (decoded.encoding, decoded.guessed) == ("cp1252", False)


def test_a_stray_bad_byte_does_not_discard_a_utf8_page():
    body = page("utf-8").encode("utf-8").replace("都議会".encode(), b"\xff\xfe" + "議会".encode())
    for content_type in ("text/html", "text/html; charset=utf-8"):
        decoded = decode_html(body, content_type)
        assert TITLE in decoded.text and decoded.encoding == "utf-8" and decoded.guessed is False
    undeclared = decode_html(page().encode("utf-8").replace("都議会".encode(), b"\xff" + "議会".encode()))
    assert TITLE in undeclared.text and (undeclared.encoding, undeclared.guessed) == ("utf-8", True)


def test_extract_reads_an_undeclared_euc_jp_page(tmp_path, capsys):
    f = tmp_path / "page.html"
    f.write_bytes(page().encode("euc_jp"))
    assert main(["extract", str(f)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["title"] == TITLE
    assert (out["encoding"], out["encoding_guessed"]) == ("euc_jis_2004", True)


def test_the_crawl_stores_each_encoding_right_and_says_which_it_used(tmp_path):
    site = FaultSite()
    pages = {1: ("euc_jp", None), 2: ("iso2022_jp", None), 3: ("shift_jis", "utf-8")}
    site.add(JA_FEED, rss([ja_url(n) for n in pages]), content_type="application/rss+xml")
    for n, (codec, meta) in pages.items():
        site.add(path_of(ja_url(n)), ja_page(n, TITLE, PARAGRAPHS, charset_meta=meta).encode(codec), content_type="text/html")
    db = tmp_path / "db.sqlite"
    with site.serve() as host:
        run = crawl("mainichi", host, db)
    assert run.returncode == 0, run.stderr[-3000:]
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT url, title, body, encoding, encoding_guessed FROM articles ORDER BY url").fetchall()
    assert [(r[1], r[3], r[4]) for r in rows] == [
        (TITLE, "euc_jis_2004", 1), (TITLE, "iso2022_jp", 1), (TITLE, "cp932", 1)]
    assert all(PARAGRAPHS[0] in r[2] for r in rows)
    # and the search index reads Japanese, not mojibake
    from newscrawl.search import search

    assert search(str(db), "予算案", all_time=True).total == 3
