"""Discovery without the engine: spider methods on fake responses, feeds and sitemaps
read from the committed fixtures, the portal parser, and the sample site server."""

import subprocess
import sys
import urllib.error
import urllib.request
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from scrapy.http import HtmlResponse, Request, XmlResponse
from scrapy.utils.test import get_crawler

from newscrawl.errors import UserError
from newscrawl.parsers.portal import PortalParser, PortalSelectors, outlet_slug
from newscrawl.sample_site import SAMPLE_ROOT, SAMPLE_SPIDERS, render, resolve, serve_sample_site
from newscrawl.storage import Storage
from spiders.base import fetched_at
from spiders.discovery import JST, parse_date, parse_since, read_document
from spiders.kyodo_en import KyodoEnSpider
from spiders.mainichi_en import MainichiEnSpider
from spiders.nikkan_gendai import NikkanGendaiSpider
from spiders.portal import PortalSpider
from tests.conftest import FIXTURES, ROOT

SPIDER_FIXTURES = FIXTURES / "spiders"
NOW = datetime(2025, 1, 22, 12, 0, tzinfo=timezone.utc)


def served(root: Path, path: str, now=NOW) -> bytes:
    """A fixture file as the sample site would serve it at ``now``."""
    return render((root / path).read_text(encoding="utf-8"), now).encode("utf-8")


def make_spider(cls, db=None, **args):
    crawler = get_crawler(cls, {"NEWSCRAWL_DB": str(db or "/nonexistent/test.db")})
    return cls.from_crawler(crawler, **args)


def xml(url: str, body: bytes) -> XmlResponse:
    return XmlResponse(url=url, body=body, request=Request(url))


def urls(requests):
    return [r.url for r in requests]


# -- since / dates --------------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2d", NOW - timedelta(days=2)),
        ("12h", NOW - timedelta(hours=12)),
        ("30min", NOW - timedelta(minutes=30)),
        ("3mo", datetime(2024, 10, 22, 12, tzinfo=timezone.utc)),  # calendar months
        ("1w", NOW - timedelta(weeks=1)),
        ("2025-01-01", datetime(2025, 1, 1, tzinfo=JST)),
        ("2025-01-01T06:00:00+00:00", datetime(2025, 1, 1, 6, tzinfo=timezone.utc)),
        ("all", None),
        ("", None),
    ],
)
def test_since_accepts_spans_and_dates(value, expected):
    assert parse_since(value, now=NOW) == expected


@pytest.mark.parametrize("value", ["yesterday", "2d ago", "-3d", "2025-13-01", "12x"])
def test_since_rejects_anything_else_with_a_hint(value):
    with pytest.raises(UserError, match="since=12h, since=2d"):
        parse_since(value, now=NOW)


def test_since_refuses_a_bare_m_and_says_which_was_meant():
    with pytest.raises(UserError) as err:
        parse_since("3m", now=NOW)
    assert str(err.value) == "since=3m could be minutes or months: write since=3min or since=3mo"


def test_feed_dates_in_every_form_become_aware():
    assert parse_date("Wed, 22 Jan 2025 06:30:00 +0900") == datetime(2025, 1, 22, 6, 30, tzinfo=JST)
    assert parse_date("2025-01-21T21:30:00Z") == datetime(2025, 1, 22, 6, 30, tzinfo=JST)
    assert parse_date("2025-01-22") == datetime(2025, 1, 22, tzinfo=JST)  # no zone: Japan time
    assert parse_date("soon") is None and parse_date(None) is None


# -- reading feeds and sitemaps ---------------------------------------------------------


def test_rss2_entries_carry_link_and_pubdate():
    entries = read_document(served(SAMPLE_ROOT, "mainichi.jp/rss/etc/english_latest.rss"))
    assert [e.url for e in entries][0] == "https://mainichi.jp/english/articles/20250122/p2a/00m/0na/011000c"
    assert entries[0].published == NOW - timedelta(hours=5)
    assert entries[0].published_raw.endswith("+0900")


def test_rdf_feed_uses_dc_date():
    entries = read_document(served(SPIDER_FIXTURES, "www.asahi.com/rss/asahi/newsheadlines.rdf"))
    assert len(entries) == 1 and entries[0].url.endswith("AST1P2ABCT1PUTIL001M.html")
    assert entries[0].published == NOW - timedelta(hours=2)


def test_atom_feed():
    body = b"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">
      <entry><title>T</title><link rel="alternate" href="/category/national/x"/>
      <published>2025-01-22T09:00:00+09:00</published><updated>2025-01-22T10:00:00+09:00</updated></entry></feed>"""
    [e] = read_document(body, "https://japantoday.com/feed/atom")
    assert e.url == "https://japantoday.com/category/national/x"
    assert e.published < e.modified == datetime(2025, 1, 22, 10, tzinfo=JST)


def test_news_sitemap_keeps_publication_date_and_title():
    entries = read_document(served(SAMPLE_ROOT, "english.kyodonews.net/sitemap-news.xml"))
    assert [e.published for e in entries] == [NOW - timedelta(hours=6), NOW - timedelta(hours=13), NOW - timedelta(days=10)]
    assert entries[0].title.startswith("Japan core inflation")
    assert not any(e.is_sitemap for e in entries)


def test_sitemap_index_entries_are_sitemaps():
    entries = read_document(served(SAMPLE_ROOT, "english.kyodonews.net/sitemap.xml"))
    assert all(e.is_sitemap for e in entries) and len(entries) == 2


def test_unreadable_documents_give_nothing():
    assert read_document(b"<html><body>not a feed</body></html>") == []
    assert read_document(b"") == []


# -- the spider's decisions -------------------------------------------------------


def test_feed_yields_recent_articles_with_their_printed_time_as_hint():
    spider = make_spider(MainichiEnSpider, since="36h")
    body = served(SAMPLE_ROOT, "mainichi.jp/rss/etc/english_latest.rss", now=datetime.now(timezone.utc))
    requests = list(spider.parse_document(xml(MainichiEnSpider.feeds[0], body)))
    # 5 hours, 12 hours and 1 day old pass; the 2-day-old one is older than since=36h.
    assert len(requests) == 3
    assert requests[0].cb_kwargs["hints"][0].endswith("+0900")
    assert requests[0].callback == spider.parse_article
    assert spider.crawler.stats.get_value("newscrawl/discover/too_old") == 1


def test_already_stored_articles_are_skipped_unless_changed(tmp_path):
    db = tmp_path / "db.sqlite"
    storage = Storage(db)
    old_fetch = (datetime.now(timezone.utc) - timedelta(days=30)).isoformat(timespec="seconds")
    storage.upsert_articles([
        {"url": "https://english.kyodonews.net/articles/-/41230", "fetched_at": old_fetch, "title": "stored long ago"},
    ])
    storage.close()
    spider = make_spider(KyodoEnSpider, db=db, since="all")
    body = served(SAMPLE_ROOT, "english.kyodonews.net/sitemap-news.xml", now=datetime.now(timezone.utc))
    assert urls(spider.parse_document(xml("https://english.kyodonews.net/sitemap-news.xml", body))) == [
        "https://english.kyodonews.net/articles/-/41230",  # lastmod is newer than our copy
        "https://english.kyodonews.net/articles/-/41105",
        "https://english.kyodonews.net/articles/-/40987",
    ]
    assert spider.crawler.stats.get_value("newscrawl/discover/changed_since_stored") == 1

    storage = Storage(db)
    storage.upsert_articles([{"url": "https://english.kyodonews.net/articles/-/41230",
                              "fetched_at": datetime.now(timezone.utc).isoformat(timespec="seconds")}])
    storage.close()
    spider = make_spider(KyodoEnSpider, db=db, since="all")
    assert urls(spider.parse_document(xml("https://english.kyodonews.net/sitemap-news.xml", body))) == [
        "https://english.kyodonews.net/articles/-/41105", "https://english.kyodonews.net/articles/-/40987"]
    assert spider.crawler.stats.get_value("newscrawl/discover/already_stored") == 1


def test_tracking_variants_and_repeats_in_a_feed_are_requested_once():
    spider = make_spider(MainichiEnSpider, since="all")
    a = "https://mainichi.jp/english/articles/20250122/p2a/00m/0na/011000c"
    items = "".join(f"<item><link>{u}</link></item>" for u in (a, a + "?ref=rss", a + "#x", a + "?utm_source=rss&amp;utm_medium=feed", a))
    body = f"<rss><channel>{items}</channel></rss>".encode()
    assert urls(spider.parse_document(xml(MainichiEnSpider.feeds[0], body))) == [a]
    assert spider.crawler.stats.get_value("newscrawl/discover/duplicate") == 4


def test_sitemap_indexes_nest_only_so_deep():
    spider = make_spider(KyodoEnSpider, since="all")

    def index(url, depth):
        body = f'<sitemapindex><sitemap><loc>{url}</loc></sitemap></sitemapindex>'.encode()
        response = xml("https://english.kyodonews.net/sitemap.xml", body)
        response.request.meta["sitemap_depth"] = depth
        return response.replace(request=response.request)

    assert urls(spider.parse_document(index("https://english.kyodonews.net/sitemap-news.xml", 0))) == ["https://english.kyodonews.net/sitemap-news.xml"]
    assert urls(spider.parse_document(index("https://english.kyodonews.net/sitemap-2025.xml", spider.max_sitemap_depth))) == []
    assert spider.crawler.stats.get_value("newscrawl/discover/sitemap_too_deep") == 1
    # A sitemap listing itself is read once, not until the stack runs out.
    assert urls(spider.parse_document(index("https://english.kyodonews.net/sitemap-news.xml", 1))) == []


def test_feeds_and_sitemaps_are_fetched_again_on_a_resumed_run():
    import asyncio

    assert all(r.dont_filter for r in asyncio.run(_start(make_spider(KyodoEnSpider))))


def test_sitemap_index_follows_only_wanted_children():
    spider = make_spider(NikkanGendaiSpider)
    body = served(SPIDER_FIXTURES, "www.nikkan-gendai.com/sitemap.xml", now=datetime.now(timezone.utc))
    assert urls(spider.parse_document(xml("https://www.nikkan-gendai.com/sitemap.xml", body))) == [
        "https://www.nikkan-gendai.com/sitemap.xml?type=articles"]


def test_yearly_sitemaps_before_since_are_not_read():
    spider = make_spider(KyodoEnSpider, since="2025-03-01")
    body = b"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <sitemap><loc>https://english.kyodonews.net/sitemap-2024.xml</loc><lastmod>2026-01-01</lastmod></sitemap>
      <sitemap><loc>https://english.kyodonews.net/sitemap-2025.xml</loc><lastmod>2026-01-01</lastmod></sitemap>
      <sitemap><loc>https://english.kyodonews.net/sitemap-static.xml</loc></sitemap></sitemapindex>"""
    assert urls(spider.parse_document(xml("https://english.kyodonews.net/sitemap.xml", body))) == [
        "https://english.kyodonews.net/sitemap-2025.xml"]


def test_robots_txt_names_the_sitemaps_to_read():
    from spiders.asahi_ajw import AsahiAjwSpider

    spider = make_spider(AsahiAjwSpider)
    robots = (SPIDER_FIXTURES / "www.asahi.com/robots.txt").read_bytes()
    response = HtmlResponse(url="https://www.asahi.com/robots.txt", body=robots, request=Request("https://www.asahi.com/robots.txt"))
    assert urls(spider.parse_document(response)) == ["https://www.asahi.com/ajw/sitemap-news.xml"]


async def _start(spider):
    return [r async for r in spider.start()]


def test_urls_argument_fetches_exactly_those_articles():
    import asyncio

    spider = make_spider(MainichiEnSpider, urls="https://mainichi.jp/english/articles/1, https://mainichi.jp/english/articles/2")
    requests = asyncio.run(_start(spider))
    assert urls(requests) == ["https://mainichi.jp/english/articles/1", "https://mainichi.jp/english/articles/2"]
    assert all(r.callback == spider.parse_article and "playwright" not in r.meta for r in requests)


def test_without_urls_the_spider_starts_from_its_feeds_and_sitemaps():
    import asyncio

    spider = make_spider(KyodoEnSpider)
    assert urls(asyncio.run(_start(spider))) == list(KyodoEnSpider.feeds + KyodoEnSpider.sitemaps)


def test_js_argument_routes_article_pages_through_the_browser():
    assert make_spider(MainichiEnSpider, js="1").article_request("https://mainichi.jp/english/articles/1").meta == {"playwright": True}
    from spiders.nhkworld import NhkWorldSpider

    assert make_spider(NhkWorldSpider).article_request("https://www3.nhk.or.jp/nhkworld/en/news/1/").meta["playwright"]


def test_bad_arguments_are_user_errors():
    with pytest.raises(UserError):
        MainichiEnSpider(since="last tuesday")
    with pytest.raises(UserError, match="not an http"):
        MainichiEnSpider(urls="mainichi.jp/english/articles/1")


def test_bad_since_on_the_command_line_is_one_line_not_a_traceback():
    run = subprocess.run([sys.executable, "-m", "scrapy", "crawl", "mainichi", "-a", "since=fortnight"],
                         cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert run.returncode == 2
    assert "Traceback" not in run.stderr
    assert "scrapy crawl mainichi: error: since=fortnight is not a span or a date" in run.stderr


def test_fetched_at_is_the_response_date_header():
    response = HtmlResponse(url="https://mainichi.jp/x", body=b"<html></html>",
                            headers={"Date": "Wed, 22 Jan 2025 03:00:00 GMT"})
    assert fetched_at(response) == "2025-01-22T03:00:00+00:00"
    no_date = HtmlResponse(url="https://mainichi.jp/x", body=b"<html></html>")
    assert abs(datetime.fromisoformat(fetched_at(no_date)) - datetime.now(timezone.utc)) < timedelta(seconds=5)


def test_article_callback_passes_context_to_the_parser():
    spider = make_spider(MainichiEnSpider)
    path = "mainichi.jp/english/articles/20250122/p2a/00m/0na/011000c"
    response = HtmlResponse(url="https://" + path, body=served(SAMPLE_ROOT, path), encoding="utf-8",
                            headers={"Date": "Wed, 22 Jan 2025 12:00:00 GMT"})
    [article] = spider.parse_article(response, hints=["Wed, 22 Jan 2025 16:00:00 +0900"])
    assert article.site == article.outlet == "mainichi_en"
    assert article.fetched_at == "2025-01-22T12:00:00+00:00"
    assert article.published_hints == ["Wed, 22 Jan 2025 16:00:00 +0900"]
    assert article.title.startswith("Japan, Philippines agree")


# -- the portal ------------------------------------------------------------------


PORTAL_LISTING = "beritajepang.example/media-jepang/index.html"
PORTAL_ARTICLE = "beritajepang.example/media-jepang/mainichi/2025/01/22/menlu-jepang-as-sepakat"


def portal_response(path, url, date="Wed, 22 Jan 2025 12:00:00 GMT"):
    return HtmlResponse(url=url, body=served(SAMPLE_ROOT, path), encoding="utf-8", request=Request(url),
                        headers={"Date": date})


def test_portal_listing_yields_articles_with_the_printed_time_and_outlet():
    spider = make_spider(PortalSpider)
    out = list(spider.parse_listing(portal_response(PORTAL_LISTING, "https://beritajepang.example/media-jepang/")))
    articles = [r for r in out if r.callback == spider.parse_article]
    assert articles[0].url == "https://" + PORTAL_ARTICLE
    assert articles[0].cb_kwargs == {"hints": ["12 jam yang lalu"], "label": "MAINICHI"}
    assert len(articles) == 3
    assert not [r for r in out if r.callback == spider.parse_listing]  # pages=1 by default


def test_portal_since_and_pages_arguments():
    from email.utils import format_datetime

    spider = make_spider(PortalSpider, since="1d", pages="2")
    served_now = format_datetime(datetime.now(timezone.utc), usegmt=True)
    out = list(spider.parse_listing(portal_response(PORTAL_LISTING, "https://beritajepang.example/media-jepang/", served_now)))
    assert [r.cb_kwargs.get("hints") for r in out if r.callback == spider.parse_article] == [
        ["12 jam yang lalu"], ["5 jam yang lalu"]]  # "2 hari yang lalu" is older than a day
    assert [r.url for r in out if r.callback == spider.parse_listing] == [
        "https://beritajepang.example/media-jepang/halaman/2/"]


def test_portal_selectors_are_spider_arguments():
    spider = make_spider(PortalSpider, start_url="https://other.example/jp/", item_css="li.news", link_css="a::attr(href)")
    assert spider.start_url == "https://other.example/jp/"
    assert spider.selectors.item_css == "li.news" and spider.selectors.title_css == PortalSelectors().title_css
    html = b'<ul><li class="news"><a href="/a/1">One</a></li><li class="news"><a href="/a/2">Two</a></li></ul>'
    response = HtmlResponse(url="https://other.example/jp/", body=html, request=Request("https://other.example/jp/"))
    assert urls(spider.parse_listing(response)) == ["https://other.example/a/1", "https://other.example/a/2"]


def test_portal_page_parses_without_widgets():
    html = served(SAMPLE_ROOT, PORTAL_ARTICLE).decode()
    article = PortalParser(html, "https://" + PORTAL_ARTICLE).article(fetched_at="2025-01-22T12:00:00+00:00")
    assert article.outlet == "mainichi_en" and article.site == "portal" and article.language == "en"
    assert article.published_raw == "12 jam yang lalu"
    assert article.body[0].startswith("WASHINGTON (Kyodo) --")
    assert article.body[-1] == "(By Kenta Morimoto)"
    text = " ".join(article.body)
    for widget in ("komentar", "Jadi yg pertama suka", "Cari Berita", "Iklan", "Maksimal 1 tahun"):
        assert widget not in text
    [image] = article.images
    assert image["caption"].endswith("(Kyodo)") and image["url"].startswith("https://beritajepang.example/img/")


def test_portal_falls_back_to_the_generic_layer_when_selectors_miss():
    html = served(SAMPLE_ROOT, PORTAL_ARTICLE).decode()
    article = PortalParser(html, "https://" + PORTAL_ARTICLE, PortalSelectors(body_css="div.no-such-thing p")).article()
    assert article.sources["body"] == "generic"
    assert any("foreign ministers of Japan and the United States" in p for p in article.body)


@pytest.mark.parametrize("label, lang, slug", [("MAINICHI", "en", "mainichi_en"), ("MAINICHI", "ja", "mainichi"),
                                               ("Japan Times", None, "japantimes"), ("KYODO", "en", "kyodo_en"),
                                               ("Jiji Press", None, "jiji_press"), ("", None, None)])
def test_outlet_labels_map_to_slugs(label, lang, slug):
    assert outlet_slug(label, lang) == slug


# -- the sample site -----------------------------------------------------------------


def test_placeholders_render_relative_to_the_moment_served():
    now = datetime(2025, 1, 22, 3, 0, tzinfo=timezone.utc)  # 12:00 in Tokyo
    assert render("{{ago:12h:%Y-%m-%dT%H:%M:%S+09:00}}", now) == "2025-01-22T00:00:00+09:00"
    assert render("{{ago:3d:%a, %d %b %Y %H:%M:%S +0900}}", now) == "Sun, 19 Jan 2025 12:00:00 +0900"
    assert render("{{ago:90m:%H:%M}} and 12 jam yang lalu", now) == "10:30 and 12 jam yang lalu"


def test_paths_map_to_files():
    assert resolve(SAMPLE_ROOT, "/beritajepang.example/media-jepang/").name == "index.html"
    assert resolve(SPIDER_FIXTURES, "/www.sankei.com/feeds/google-sitemap/", "outputType=xml").name == "index.html@outputType=xml"
    assert resolve(SAMPLE_ROOT, "/mainichi.jp/robots.txt") == SAMPLE_ROOT / "robots.txt"
    assert resolve(SAMPLE_ROOT, "/../pyproject.toml") is None
    assert resolve(SAMPLE_ROOT, "/mainichi.jp/no/such/page") is None


def test_server_serves_rendered_pages_with_type_date_and_404():
    with serve_sample_site() as hostport:
        assert hostport.startswith("127.0.0.1:")
        with urllib.request.urlopen(f"http://{hostport}/mainichi.jp/rss/etc/english_latest.rss") as r:
            assert r.headers["Content-Type"] == "application/rss+xml; charset=utf-8"
            assert r.headers["Date"].endswith("GMT")
            body = r.read().decode()
        assert "{{ago" not in body and "<pubDate>" in body
        with urllib.request.urlopen(f"http://{hostport}/beritajepang.example/media-jepang/") as r:
            assert r.headers["Content-Type"] == "text/html; charset=utf-8"
        with pytest.raises(urllib.error.HTTPError) as e:
            urllib.request.urlopen(f"http://{hostport}/mainichi.jp/missing")
        assert e.value.code == 404


def test_sample_spiders_exist():
    from scrapy.spiderloader import SpiderLoader
    from scrapy.utils.project import get_project_settings

    assert set(SAMPLE_SPIDERS) <= set(SpiderLoader.from_settings(get_project_settings()).list())


def test_unlabeled_portal_pages_fall_back_to_the_portal_and_their_script():
    en = PortalParser('<article class="berita"><h1 class="berita__judul">T</h1><div class="berita__isi"><p>Plain English.</p></div></article>',
                      "https://beritajepang.example/x").article()
    ja = PortalParser('<article class="berita"><div class="berita__isi"><p>東京でさくらが咲いた。</p></div></article>',
                      "https://beritajepang.example/y").article(outlet="asahi")
    assert (en.outlet, en.language) == ("portal", "en")
    assert (ja.outlet, ja.language) == ("asahi", "ja")  # the listing's label, then kana
