"""What `newscrawl serve` answers is safe to open: security headers on every page,
bounded SQL, only http(s) links, and Datasette's own pages still working under the CSP."""

from __future__ import annotations

from xml.etree import ElementTree as ET

import pytest

from newscrawl.datasette_plugin.hardening import SECURITY_HEADERS
from newscrawl.items import Article
from newscrawl.storage import Storage, article_id
from tests.test_browser_search import CHROMIUM, browser, page, server  # noqa: F401 (fixtures)
from tests.test_datasette import build_db, make_client  # noqa: F401 (fixtures)

HOSTILE = Article(
    url="https://www.example-news.jp/articles/1",
    canonical_url="javascript:alert(document.cookie)",
    outlet="example", site="example", language="en",
    title="Bell\x07 and escape\x1b[31m in a title stored by an older crawl",
    published_at="2025-01-20T10:00:00+09:00",
    body=["Text mentioning heights."],
    images=[{"url": "data:text/html,<script>alert(1)</script>", "caption": "A photo", "credit": None}],
).to_dict()


@pytest.fixture
def hostile_client(make_client, tmp_path):  # noqa: F811
    # Written straight to the database, as older crawls or other tools could have.
    db = build_db(tmp_path / "newscrawl.db")
    storage = Storage(db)
    storage.upsert_articles([HOSTILE])
    storage.close()
    return make_client(db=db)


@pytest.mark.parametrize("path", [
    "/", "/newscrawl", "/newscrawl/articles", "/newscrawl/articles.json", "/-/search?q=heights",
    "/-/search.atom?q=heights", "/-/article/0000000000000000", "/-/static/app.css", "/no/such/page",
    "/newscrawl?sql=select+1",
])
def test_every_page_carries_the_security_headers(hostile_client, path):
    response = hostile_client.get(path)
    for name, value in SECURITY_HEADERS.items():
        assert response.headers.get(name) == value, (path, name)
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]


def test_a_gigantic_value_is_refused_not_built(hostile_client):
    """printf('%.*c', 900000000, 'x') took 2.6 GB; 50 MB here shows the bound."""
    response = hostile_client.get("/newscrawl.json?sql=select+printf('%25.*c',+50000000,+'x')+as+big&_shape=array")
    assert response.json() == [{"big": None}]  # SQLite stops at the length limit and gives NULL
    response = hostile_client.get("/newscrawl.json?sql=select+length(zeroblob(50000000))")
    assert response.status_code == 400 and "too big" in response.json()["error"]
    assert hostile_client.get("/newscrawl.json?sql=select+length(body)+from+articles").status_code == 200


def test_only_http_links_are_rendered(hostile_client):
    html = hostile_client.get(f"/-/article/{article_id(HOSTILE['canonical_url'])}").text
    assert "A photo" in html
    assert "javascript:" not in html and "data:text/html" not in html
    search = hostile_client.get("/-/search?q=escape&range=all").text
    assert "in a title stored by an older crawl" in search and "javascript:" not in search


def test_the_atom_feed_stays_xml_with_control_characters_in_stored_titles(hostile_client):
    response = hostile_client.get("/-/search.atom?q=escape&range=all")
    titles = [e.text for e in ET.fromstring(response.content).iter("{http://www.w3.org/2005/Atom}title")]
    assert "Bell and escape[31m in a title stored by an older crawl" in titles


@pytest.mark.skipif(not __import__("pathlib").Path(CHROMIUM).exists(), reason="needs Debian's chromium")
def test_datasette_pages_work_under_the_policy(page, server):  # noqa: F811
    """Datasette's own pages (inline scripts, the SQL editor, facets) and the plugin's
    pages load with no Content-Security-Policy violation."""
    violations = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)


    def visit(path):
        page.goto(server + path)
        page.wait_for_load_state("networkidle")

    visit("/newscrawl?sql=select+title+from+articles")
    assert page.locator(".CodeMirror").count() == 1  # the SQL editor's script ran
    visit("/newscrawl/articles?_facet=outlet")
    assert page.locator("details > summary", has_text="Kolom / columns").count() == 1  # the plugin's inline script ran
    for path in ("/-/search?q=heights", "/newscrawl/crawl_runs", "/-/article/" + article_id(
            "https://mainichi.jp/english/articles/20250122/p2g/00m/0na/001000c")):
        visit(path)
    assert violations == []


def test_printf_keeps_sqlites_output_and_refuses_huge_widths_up_front():
    import sqlite3

    from newscrawl.datasette_plugin.hardening import bounded_printf, limit_connection

    plain, served = sqlite3.connect(":memory:"), sqlite3.connect(":memory:")
    limit_connection(served)
    for sql in ("select printf('%5.2f|%s|%d%%|%-4s|%c|%q', 3.14159, 'a', 5, 'b', 'xyz', 'it''s')",
                "select format('%*d|%.*s', 6, 42, 2, 'abc')", "select printf(NULL)", "select printf('%s %s', 1)"):
        assert served.execute(sql).fetchone() == plain.execute(sql).fetchone(), sql
    # SQLite 3.40 returns NULL here too, but only after counting to 900 million (13 s).
    assert bounded_printf("%.*c", 900_000_000, "x") is None
    assert bounded_printf("%*s", "900000000", "x") is None and bounded_printf("%900000000d", 1) is None
