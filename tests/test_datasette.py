"""The Datasette side (issue 6): shipped metadata, /-/search, its Atom feed, article
pages, read-only serving, and `newscrawl serve`.

Datasette runs in-process here (``ds.client``); tests/test_browser_search.py drives the
same pages in Chromium through a real `newscrawl serve`.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
import yaml
from datasette.app import Datasette

from newscrawl.commands import serve
from newscrawl.items import Article
from newscrawl.storage import Storage, article_id

ROOT = Path(__file__).resolve().parent.parent
ATOM = "{http://www.w3.org/2005/Atom}"


def ago(**delta) -> str:
    """An ISO time ``delta`` before now, in Japan's offset as outlets print it."""
    jst = timezone(timedelta(hours=9))
    return (datetime.now(timezone.utc) - timedelta(**delta)).astimezone(jst).isoformat(timespec="seconds")


def sample_articles() -> list[dict]:
    """Five articles in our own words: a quoted phrase matches only the first; the
    third has both words apart; the fourth's title is an HTML injection attempt; the
    fifth matches but is two years old (outside the default one-year range)."""
    return [
        Article(
            url="https://mainichi.jp/english/articles/20250122/p2g/00m/0na/001000c",
            outlet="mainichi_en", site="mainichi_en", language="en", section="Politics",
            title="Foreign ministers pledge to lift ties to new heights",
            published_at=ago(hours=12, minutes=30),
            authors=["Rina Tanaka"], dateline="WASHINGTON", agency="Kyodo",
            body=["WASHINGTON (Kyodo) -- Two foreign ministers said on Tuesday they would lift ties to new heights.",
                  "They met for thirty minutes and talked about trade.",
                  "A third paragraph that the card leaves out."],
            images=[{"url": "https://cdn.example.invalid/a.jpg",
                     "caption": "The two ministers shake hands before their talks.", "credit": "Kyodo"}],
        ).to_dict(),
        Article(
            url="https://www.japantimes.co.jp/news/2025/01/20/towers/",
            outlet="japantimes", site="japantimes", language="en", section="National",
            title="Tokyo towers reach record heights",
            published_at=ago(days=3, hours=2),
            authors=["Ken Mori", "Aya Ito"],
            body=["Heights of new office towers in Tokyo keep rising, planners say.", "More are coming."],
        ).to_dict(),
        Article(
            url="https://www.asahi.com/articles/ASJ000001.html",
            outlet="asahi", site="asahi", language="ja", section="社会",
            title="東京で桜の開花予想、平年より早く",
            published_at=ago(days=2),
            body=["気象会社は東京の桜が平年より早く咲くと予想した。", "花見の人出も増えそうだ。"],
        ).to_dict(),
        Article(
            url="https://www3.nhk.or.jp/news/html/20250120/k000001.html",
            outlet="nhk", site="nhk", language="en", section="Society",
            title="<script>alert('owned')</script> Heights of a harmless headline",
            published_at=ago(hours=5),
            body=["<b>Not bold</b> and new heights in the body too."],
        ).to_dict(),
        Article(
            url="https://mainichi.jp/english/articles/20230101/p2g/00m/0na/000001c",
            outlet="mainichi_en", site="mainichi_en", language="en",
            title="An old story about new heights",
            published_at=ago(days=730),
            body=["Ties reached new heights two years ago as well."],
        ).to_dict(),
    ]


def build_db(path: Path) -> Path:
    storage = Storage(path)
    storage.upsert_articles(sample_articles())
    storage.close()
    return path


def shipped_metadata(db_name: str = "newscrawl") -> dict:
    data = yaml.safe_load(serve.METADATA.read_text(encoding="utf-8"))
    data["databases"] = {db_name: data["databases"]["newscrawl"]}
    return data


class Client:
    """Datasette's in-process client with one event loop for the whole test."""

    def __init__(self, ds: Datasette):
        self.ds = ds
        self.loop = asyncio.new_event_loop()
        self.loop.run_until_complete(ds.invoke_startup())

    def get(self, path: str):
        return self.loop.run_until_complete(self.ds.client.get(path))

    def close(self):
        self.loop.close()


@pytest.fixture
def make_client(tmp_path):
    clients = []

    def make(metadata=None, settings=None, db=None):
        path = db or build_db(tmp_path / "newscrawl.db")
        client = Client(Datasette([str(path)], metadata=metadata or shipped_metadata(), settings=settings))
        clients.append(client)
        return client

    yield make
    for c in clients:
        c.close()


@pytest.fixture
def client(make_client):
    return make_client()


def card_titles(html: str) -> list[str]:
    from html.parser import HTMLParser

    class Cards(HTMLParser):
        def __init__(self):
            super().__init__()
            self.titles, self.depth, self.in_h2 = [], 0, False

        def handle_starttag(self, tag, attrs):
            if tag == "article" and ("class", "nc-card") in attrs:
                self.depth += 1
            elif tag == "h2" and self.depth:
                self.in_h2 = True
                self.titles.append("")

        def handle_endtag(self, tag):
            if tag == "h2":
                self.in_h2 = False
            elif tag == "article" and self.depth:
                self.depth -= 1

        def handle_data(self, data):
            if self.in_h2:
                self.titles[-1] += data

    parser = Cards()
    parser.feed(html)
    return parser.titles


# -- the shipped configuration ---------------------------------------------------


def test_articles_table_has_configured_facets_sort_and_descriptions(client):
    data = client.get("/newscrawl/articles.json?_shape=objects").json()
    facets = data["facet_results"]
    assert {"outlet", "language", "section", "authors"} <= set(facets)
    outlets = {f["value"]: f["count"] for f in facets["outlet"]["results"]}
    assert outlets == {"mainichi_en": 2, "japantimes": 1, "asahi": 1, "nhk": 1}
    authors = {f["value"] for f in facets["authors"]["results"]}
    assert {"Rina Tanaka", "Ken Mori", "Aya Ito"} <= authors  # an array facet, not JSON strings
    published = [r["published_utc"] for r in data["rows"]]
    assert published == sorted(published, reverse=True)

    html = client.get("/newscrawl/articles").text
    assert "Slug of the original publisher" in html  # column descriptions
    assert "Article text and photos © their publishers" in html  # licence note
    assert 'querySelector("dl.column-descriptions")' in html  # folded so the rows come first
    assert 'dl.column-descriptions' not in client.get("/newscrawl/authors").text


def test_table_full_text_search_uses_the_fts_index(client):
    rows = client.get("/newscrawl/articles.json?_search=towers&_shape=array").json()
    assert [r["outlet"] for r in rows] == ["japantimes"]


def test_title_cells_link_to_the_article_page(client):
    html = client.get("/newscrawl/articles").text
    aid = article_id("https://www.japantimes.co.jp/news/2025/01/20/towers/")
    assert f'href="/-/article/{aid}">Tokyo towers reach record heights</a>' in html


# -- /-/search -------------------------------------------------------------------


def test_search_page_without_query_lists_the_newest_articles_in_indonesian(client):
    r = client.get("/-/search")
    assert r.status_code == 200
    assert 'hindari kata umum dan gunakan double-quote untuk kata kunci yang fix, contoh &#34;sakura&#34;' in r.text
    assert '<option value="1y" selected>Maksimal 1 tahun yang lalu</option>' in r.text
    assert '<option value="asahi_ja">ASAHI</option>' in r.text
    assert card_titles(r.text) == [  # newest first, the two-year-old one outside the range
        "<script>alert('owned')</script> Heights of a harmless headline",
        "Foreign ministers pledge to lift ties to new heights",
        "東京で桜の開花予想、平年より早く",
        "Tokyo towers reach record heights",
    ]


def test_quoted_phrase_finds_cards_like_the_seed_page(client):
    r = client.get('/-/search?q="new+heights"')
    assert r.status_code == 200, r.text
    titles = card_titles(r.text)
    # the phrase, within a year: not the towers (words apart) nor the two-year-old story
    assert "Foreign ministers pledge to lift ties to new heights" in titles
    assert "Tokyo towers reach record heights" not in titles
    assert "An old story about new heights" not in titles
    assert '<span class="nc-outlet">MAINICHI</span> <abbr class="nc-edition" title="edisi bahasa Inggris">EN</abbr>' in r.text
    assert "MAINICHI_EN" not in r.text and "mainichi_en</" not in r.text
    assert "12 jam yang lalu" in r.text
    assert "The two ministers shake hands before their talks. (Kyodo)" in r.text
    assert "They met for thirty minutes" in r.text  # second paragraph of the lead
    assert 'href="https://mainichi.jp/english/articles/20250122/p2g/00m/0na/001000c"' in r.text


def test_range_all_reaches_older_articles(client):
    titles = card_titles(client.get('/-/search?q="new+heights"&range=all').text)
    assert "An old story about new heights" in titles


def test_outlet_filter_and_facet_links(client):
    r = client.get("/-/search?q=heights")
    assert 'href="/-/search?q=heights&amp;outlet=japantimes"' in r.text
    titles = card_titles(client.get("/-/search?q=heights&outlet=japantimes").text)
    assert titles == ["Tokyo towers reach record heights"]


def test_japanese_query(client):
    titles = card_titles(client.get("/-/search?q=桜").text)
    assert titles == ["東京で桜の開花予想、平年より早く"]


def test_article_text_is_escaped(client):
    r = client.get("/-/search?q=harmless")
    assert "<script>alert" not in r.text
    assert "&lt;script&gt;alert" in r.text
    assert "<b>Not bold</b>" not in r.text


def test_english_interface(client):
    r = client.get('/-/search?q="new+heights"&hl=en')
    assert "Up to 1 year ago" in r.text
    assert "12 hours ago" in r.text
    assert "12 jam yang lalu" not in r.text


def test_bad_query_is_a_one_line_message_not_a_traceback(client):
    r = client.get('/-/search?q="unclosed')
    assert r.status_code == 400
    assert '<p class="nc-error" role="alert">tanda kutip tidak berpasangan' in r.text  # Indonesian by default
    assert card_titles(r.text) == []
    english = client.get('/-/search?q="unclosed&hl=en')
    assert english.status_code == 400
    assert '<p class="nc-error" role="alert">unbalanced double quote' in english.text
    feed = client.get('/-/search.atom?q="unclosed')
    assert feed.status_code == 400 and feed.text.startswith("tanda kutip tidak berpasangan")
    assert client.get('/-/search.atom?q="unclosed&hl=en').text.startswith("unbalanced double quote")


def test_notes_follow_the_interface_language(client):
    from html import unescape

    indonesian = unescape(client.get("/-/search?q=the+heights").text)
    assert '<p class="nc-note">\'the\' adalah kata umum; diabaikan — pakai tanda kutip untuk mempertahankannya</p>' in indonesian
    english = unescape(client.get("/-/search?q=the+heights&hl=en").text)
    assert '<p class="nc-note">\'the\' is a common word; ignored — quote it to keep it</p>' in english
    assert "diabaikan" not in english


def test_outlet_counts_come_from_one_facet_search(client):
    html = client.get("/-/search?q=heights").text
    # four recent matches: two English outlets with one each, NHK one; asahi's article has no "heights"
    assert ('<a href="/-/search?q=heights&amp;outlet=mainichi_en"><span class="nc-outlet">MAINICHI</span> '
            '<abbr class="nc-edition" title="edisi bahasa Inggris">EN</abbr></a> 1</li>') in html
    assert '<a href="/-/search?q=heights&amp;outlet=nhk_ja"><span class="nc-outlet">NHK</span></a> 1</li>' in html  # the Japanese NHK alone, not its family
    assert "outlet=asahi" not in html
    chosen = client.get("/-/search?q=heights&outlet=nhk").text
    assert card_titles(chosen) == ["<script>alert('owned')</script> Heights of a harmless headline"]
    assert '<strong><span class="nc-outlet">NHK</span></strong> 1</li>' in chosen  # the chosen outlet, not a link
    # others stay listed
    assert '<a href="/-/search?q=heights&amp;outlet=japantimes"><span class="nc-outlet">JAPAN TIMES</span></a> 1</li>' in chosen


# -- Atom ------------------------------------------------------------------------


def test_atom_feed_for_a_search(client):
    r = client.get('/-/search.atom?q="new+heights"&range=all')
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/atom+xml")
    feed = ET.fromstring(r.content)
    entries = feed.findall(f"{ATOM}entry")
    titles = [e.findtext(f"{ATOM}title") for e in entries]
    assert set(titles) == {
        "Foreign ministers pledge to lift ties to new heights",  # phrase in the title
        "<script>alert('owned')</script> Heights of a harmless headline",  # phrase in the body
        "An old story about new heights",  # range=all
    }
    first = entries[titles.index("Foreign ministers pledge to lift ties to new heights")]
    assert first.find(f"{ATOM}link[@rel='alternate']").get("href").startswith("https://mainichi.jp/")
    assert first.findtext(f"{ATOM}author/{ATOM}name") == "Rina Tanaka"


def test_search_page_advertises_its_feed(client):
    html = client.get("/-/search?q=towers").text
    assert 'type="application/atom+xml"' in html and "/-/search.atom?q=towers" in html


def test_atom_feed_escapes_markup(client):
    r = client.get("/-/search.atom?q=harmless")
    assert b"<script>" not in r.content
    titles = [e.findtext(f"{ATOM}title") for e in ET.fromstring(r.content).iter(f"{ATOM}entry")]
    assert titles == ["<script>alert('owned')</script> Heights of a harmless headline"]


# -- article pages ---------------------------------------------------------------


def test_article_page_has_authors_dateline_agency_images_and_source(client):
    url = "https://mainichi.jp/english/articles/20250122/p2g/00m/0na/001000c"
    html = client.get(f"/-/article/{article_id(url)}").text
    assert "Rina Tanaka" in html
    assert '<dd class="nc-dateline">WASHINGTON</dd>' in html
    assert '<dd class="nc-agency">Kyodo</dd>' in html
    assert "The two ministers shake hands before their talks." in html
    assert "Kredit: Kyodo" in html
    assert f'class="nc-source" href="{url}"' in html
    # a thumbnail, fetched only when scrolled to, without telling the outlet where from
    assert ('<img src="https://cdn.example.invalid/a.jpg" alt="The two ministers shake hands before their talks." '
            'loading="lazy" decoding="async" referrerpolicy="no-referrer"') in html


def test_article_page_escapes_the_title(client):
    aid = article_id("https://www3.nhk.or.jp/news/html/20250120/k000001.html")
    html = client.get(f"/-/article/{aid}").text
    assert "<script>alert" not in html and "&lt;script&gt;alert(&#39;owned&#39;)&lt;/script&gt;" in html


def test_unknown_article_is_a_404_page_in_the_readers_language(client):
    r = client.get("/-/article/0123456789abcdef")
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert "<h1>Artikel tidak ditemukan.</h1>" in r.text and 'href="/-/search">Kembali ke pencarian</a>' in r.text
    ja = client.get("/-/article/0123456789abcdef?hl=ja")
    assert ja.status_code == 404 and "<h1>記事が見つかりません。</h1>" in ja.text and 'href="/-/search?hl=ja">検索に戻る' in ja.text
    # An id cut short when copied, or in capitals, is as unknown: it got Datasette's
    # "Database not found", in English, with no way back to the search.
    for bad in ("0123456789abcde", "0123456789ABCDEF", "not-an-id", "%3Cb%3Ebold"):
        r = client.get(f"/-/article/{bad}")
        assert r.status_code == 404 and "<h1>Artikel tidak ditemukan.</h1>" in r.text, bad
        assert "<b>bold" not in r.text


def test_row_page_links_to_the_article_page(client):
    aid = article_id("https://www.asahi.com/articles/ASJ000001.html")
    assert f'href="/-/article/{aid}"' in client.get(f"/newscrawl/articles/{aid}").text


# -- read-only, live, SQL switch ----------------------------------------------------


def test_articles_added_while_serving_appear_without_restart(client, tmp_path):
    assert card_titles(client.get("/-/search?q=volcano").text) == []
    storage = Storage(tmp_path / "newscrawl.db")
    storage.upsert_articles([Article(url="https://mainichi.jp/english/articles/new/", outlet="mainichi_en",
                                     language="en", title="Volcano erupts near a ski resort",
                                     published_at=ago(hours=1), body=["Ash fell on the slopes."]).to_dict()])
    storage.close()
    assert card_titles(client.get("/-/search?q=volcano").text) == ["Volcano erupts near a ski resort"]
    assert client.get("/newscrawl/articles.json?_shape=array&outlet=mainichi_en&_size=10").json()[0]["title"] == (
        "Volcano erupts near a ski resort")


def test_datasette_connections_cannot_write(client):
    import sqlite3

    db = client.ds.get_database("newscrawl")
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        client.loop.run_until_complete(db.execute_fn(lambda conn: conn.execute("DELETE FROM articles")))


def test_arbitrary_sql_can_be_switched_off(make_client):
    on = make_client()
    assert on.get("/newscrawl.json?sql=select+count(*)+from+articles").status_code == 200
    by_setting = make_client(settings={"default_allow_sql": False})
    assert by_setting.get("/newscrawl.json?sql=select+count(*)+from+articles").status_code == 403
    assert by_setting.get("/-/search?q=towers").status_code == 200  # the search page still works
    by_metadata = make_client(metadata=dict(shipped_metadata(), allow_sql=False))
    assert by_metadata.get("/newscrawl.json?sql=select+1").status_code == 403


def test_search_honours_datasette_permissions(make_client):
    private = shipped_metadata()
    private["databases"]["newscrawl"]["tables"]["articles"]["allow"] = {"id": "editor"}
    c = make_client(metadata=private)
    assert c.get("/-/search?q=towers").status_code == 403


# -- newscrawl serve -------------------------------------------------------------


def newscrawl(*args):
    return subprocess.run([sys.executable, "-m", "newscrawl.cli", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)


def test_serve_without_database_is_a_one_line_error(tmp_path):
    r = newscrawl("serve", "--db", str(tmp_path / "missing.db"))
    assert r.returncode == 2
    assert r.stderr.strip().count("\n") == 0 and "newscrawl demo" in r.stderr


def test_serve_refuses_a_database_that_is_not_newscrawls(tmp_path):
    import sqlite3

    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("create table t (x)").connection.close()
    r = newscrawl("serve", "--db", str(other))
    assert r.returncode == 2 and "no articles table" in r.stderr and "Traceback" not in r.stderr


def test_serve_command_line_passes_datasette_options_through(tmp_path):
    db = build_db(tmp_path / "newscrawl.db")
    r = newscrawl("serve", "--db", str(db), "--port", "8123", "--no-sql", "--setting", "sql_time_limit_ms", "3000",
                  "--print-command")
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == (
        f"datasette serve {db} --metadata {serve.METADATA} --host 127.0.0.1 --port 8123 "
        "--setting default_allow_sql off --setting truncate_cells_html 160 --setting sql_time_limit_ms 3000"
    )
    assert " -i" not in r.stdout and "--immutable" not in r.stdout
    own = newscrawl("serve", "--db", str(db), "--setting", "truncate_cells_html", "0", "--print-command")
    assert own.stdout.count("truncate_cells_html") == 1 and own.stdout.strip().endswith("truncate_cells_html 0")


def test_serve_refuses_immutable(tmp_path):
    db = build_db(tmp_path / "newscrawl.db")
    r = newscrawl("serve", "--db", str(db), "-i", str(db))
    assert r.returncode == 2 and "crawl adds" in r.stderr


def test_metadata_follows_the_database_file_name(tmp_path):
    db = tmp_path / "tokyo_2025.db"
    path = serve.metadata_file(db, tmp_path)
    assert path != serve.METADATA
    assert list(yaml.safe_load(path.read_text())["databases"]) == ["tokyo_2025"]
    assert serve.metadata_file(tmp_path / "newscrawl.db", tmp_path) == serve.METADATA


def test_serve_stopped_by_sigterm_leaves_no_temporary_metadata(tmp_path):
    """systemd, docker and kill stop a server with SIGTERM: uvicorn shut down and
    re-raised it, the process died there, and every restart left a
    newscrawl-serve-* folder in /tmp (200 of them on the lead's machine)."""
    import signal
    import urllib.request

    from tests.servers import free_port, wait_until

    db = build_db(tmp_path / "tokyo_2025.db")  # not "newscrawl": serve writes renamed metadata
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "newscrawl.cli", "serve", "--db", str(db), "--port", str(port)],
                            cwd=ROOT, env={**os.environ, "TMPDIR": str(tmp)},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def answers():
        try:
            return urllib.request.urlopen(f"http://127.0.0.1:{port}/-/versions.json", timeout=1).status == 200
        except OSError:
            return False

    try:
        wait_until(answers, 30, "newscrawl serve", proc, interval=0.2)
        assert list(tmp.iterdir())  # the renamed metadata, while serving
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=20)
    assert list(tmp.iterdir()) == []


def test_serve_on_a_port_in_use_is_a_one_line_error(tmp_path):
    # uvicorn printed four log lines around "[Errno 98] error while attempting to bind"
    # and exited with 3
    import socket

    db = build_db(tmp_path / "newscrawl.db")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        r = newscrawl("serve", "--db", str(db), "--port", str(port))
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr.strip() == f"newscrawl serve: error: 127.0.0.1:{port} is in use (another newscrawl serve?): pass --port N"


def council_db(tmp_path, last_paragraph: str):
    """A database of one three-paragraph article whose last paragraph is the one given."""
    db = tmp_path / "newscrawl.db"
    storage = Storage(db)
    storage.upsert_articles([Article(
        url="https://www.tokyo-np.co.jp/article/1", outlet="tokyo_np", language="en",
        title="Council meets", published_at=ago(hours=3),
        body=["The council met on Monday.", "It talked about roads.", last_paragraph],
    ).to_dict()])
    storage.close()
    return db


def test_snippet_shown_only_when_it_adds_to_the_lead(make_client, tmp_path):
    c = make_client(db=council_db(tmp_path, "Late in the day a typhoon warning came."))
    deep = c.get("/-/search?q=typhoon").text
    assert '<p class="nc-snippet">' in deep and "<mark>typhoon</mark>" in deep
    shallow = c.get("/-/search?q=roads").text
    assert '<p class="nc-snippet">' not in shallow  # the hit is already in the lead paragraphs


def test_a_cut_snippet_ends_in_one_ellipsis(make_client, tmp_path):
    # the snippet marks its own cuts; the page added "… " and " …" around it too
    long = " ".join(["Many words came first."] * 30 + ["Then a typhoon warning came."] + ["More words came after."] * 30)
    snippet = make_client(db=council_db(tmp_path, long)).get("/-/search?q=typhoon").text.split('<p class="nc-snippet">')[1].split("</p>")[0]
    assert "<mark>typhoon</mark>" in snippet
    assert snippet.startswith("…") and snippet.endswith("…") and "… …" not in snippet and "……" not in snippet, snippet


def test_pages_of_twenty(make_client, tmp_path):
    db = tmp_path / "newscrawl.db"
    storage = Storage(db)
    storage.upsert_articles([Article(
        url=f"https://www.nikkei.com/article/{n}", outlet="nikkei", language="en",
        title=f"Market report {n:02d}", published_at=ago(hours=n + 1), body=["Shares moved."],
    ).to_dict() for n in range(25)])
    storage.close()
    c = make_client(db=db)
    first = c.get("/-/search?q=market")
    assert len(card_titles(first.text)) == 20 and "25 artikel" in first.text
    assert 'rel="next" href="/-/search?q=market&amp;page=2"' in first.text
    second = c.get("/-/search?q=market&page=2").text
    assert len(card_titles(second)) == 5 and 'rel="prev"' in second and 'rel="next"' not in second


def test_article_page_in_english(client):
    aid = article_id("https://www.japantimes.co.jp/news/2025/01/20/towers/")
    html = client.get(f"/-/article/{aid}?hl=en").text
    assert "<dt>Authors</dt>" in html and "Ken Mori, Aya Ito" in html and "3 days ago" in html


def test_outlet_facet_without_counts_when_counting_runs_out_of_time(client, monkeypatch):
    from newscrawl.datasette_plugin import views

    monkeypatch.setattr(views, "FACET_BUDGET_S", -1)
    html = client.get("/-/search?q=heights").text
    assert '<a href="/-/search?q=heights&amp;outlet=asahi_ja"><span class="nc-outlet">ASAHI</span></a></li>' in html  # listed, not counted


def test_a_query_past_the_time_limit_is_interrupted():
    import sqlite3

    from newscrawl.datasette_plugin.views import SearchTooSlow, timed

    conn = sqlite3.connect(":memory:")
    slow = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"
    with pytest.raises(SearchTooSlow):
        timed(conn, 50, lambda: conn.execute(slow).fetchone())
    assert timed(conn, 50, lambda: conn.execute("SELECT 1").fetchone()) == (1,)


def test_slow_searches_get_a_one_line_message(make_client, monkeypatch):
    from newscrawl.datasette_plugin import views

    def too_slow(conn, ms, fn):
        raise views.SearchTooSlow()

    monkeypatch.setattr(views, "timed", too_slow)
    c = make_client()
    r = c.get("/-/search?q=heights")
    assert r.status_code == 400
    assert '<p class="nc-error" role="alert">Pencarian terlalu lama: pakai kata yang lebih khusus' in r.text
    feed = c.get("/-/search.atom?q=heights&hl=en")
    assert feed.status_code == 400 and feed.text.startswith("The search took too long")


@pytest.mark.parametrize("q, message", [
    ("%00sakura", "kueri berisi karakter kontrol (U+0000)"),
    ("x" * 501, "kueri terlalu panjang (501 karakter; maksimal 500)"),
    ("+".join(["w"] * 25), "terlalu banyak kata dalam kueri (25; maksimal 24)"),
])
def test_hostile_queries_are_a_clean_400(client, q, message):
    r = client.get(f"/-/search?q={q}")
    assert r.status_code == 400 and f'<p class="nc-error" role="alert">{message}' in r.text
    feed = client.get(f"/-/search.atom?q={q}")
    assert feed.status_code == 400


def test_python_side_work_keeps_to_the_time_limit(client, monkeypatch):
    from newscrawl.datasette_plugin import views
    from newscrawl.search import highlight

    real = highlight.Highlighter.snippet

    def slow_snippet(self, *a, **kw):  # stands for analysis that runs past the limit
        import time

        time.sleep(0.2)
        return real(self, *a, **kw)

    monkeypatch.setattr(highlight.Highlighter, "snippet", slow_snippet)
    monkeypatch.setattr(views, "SEARCH_TIME_LIMIT_MS", 100)
    r = client.get("/-/search?q=heights")
    assert r.status_code == 400 and "Pencarian terlalu lama" in r.text


def test_table_search_box_stays_with_the_word_index(client):
    assert 'id="_search"' in client.get("/newscrawl/articles").text
    assert client.get('/newscrawl/articles.json?_search="unclosed&_shape=array').json() == []
