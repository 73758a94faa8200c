"""Failed crawls look failed: `scrapy crawl` exits with 1, crawl_runs says why in words.

Each test runs the real `scrapy crawl` against a loopback site (tests/faultsite.py)
that fails the way outlets do; the unit tests below them pin the verdict rules.
"""

import pytest
from scrapy.exceptions import CannotResolveHostError, DownloadConnectionRefusedError, IgnoreRequest
from scrapy.http import Request, Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from newscrawl import runs
from tests.faultsite import EN_FEED, FaultSite, crawl, en_page, en_url, last_run, path_of

FEED_URL = "https://mainichi.jp" + EN_FEED.removeprefix("/mainichi.jp")


def site_with_articles(n=2, missing=()):
    site = FaultSite()
    site.feed(EN_FEED, [en_url(i) for i in range(n)])
    for i in range(n):
        if i not in missing:
            site.add(path_of(en_url(i)), en_page(i))
    return site


def test_a_good_crawl_exits_0_with_status_ok(tmp_path):
    with site_with_articles().serve() as host:
        run = crawl("mainichi_en", host, tmp_path / "db.sqlite")
    assert run.returncode == 0, run.stderr[-2000:]
    row = last_run(tmp_path / "db.sqlite")
    assert (row["status"], row["causes"], row["stored"]) == ("ok", [], 2)


def test_connection_refused_fails_the_crawl(tmp_path):
    run = crawl("mainichi_en", "127.0.0.1:9", tmp_path / "db.sqlite")  # nothing listens on port 9
    assert run.returncode == 1
    row = last_run(tmp_path / "db.sqlite")
    assert row["status"] == "failed"
    assert row["causes"] == [f"no feed, sitemap or listing could be read: connection refused ({FEED_URL})"]
    assert "crawl mainichi_en: failed" in run.stderr


def test_http_403_on_the_feed_fails_the_crawl(tmp_path):
    site = FaultSite()
    site.add(EN_FEED, "Forbidden", status=403)
    with site.serve() as host:
        run = crawl("mainichi_en", host, tmp_path / "db.sqlite")
    assert run.returncode == 1
    assert last_run(tmp_path / "db.sqlite")["causes"] == [f"no feed, sitemap or listing could be read: HTTP 403 ({FEED_URL})"]


def test_a_feed_without_entries_fails_the_crawl(tmp_path):
    site = FaultSite()
    site.add(EN_FEED, "<html><body>We moved our feeds!</body></html>")  # a redesign: HTML where the RSS was
    with site.serve() as host:
        run = crawl("mainichi_en", host, tmp_path / "db.sqlite")
    assert run.returncode == 1
    assert last_run(tmp_path / "db.sqlite")["causes"] == ["no feed, sitemap or listing could be read: no entries in 1 of them"]


def test_missing_articles_degrade_but_do_not_fail(tmp_path):
    with site_with_articles(3, missing=(1,)).serve() as host:
        run = crawl("mainichi_en", host, tmp_path / "db.sqlite")
    assert run.returncode == 0
    row = last_run(tmp_path / "db.sqlite")
    assert (row["status"], row["stored"]) == ("degraded", 2)
    assert row["causes"] == [f"1 article page(s) failed: HTTP 404 ({en_url(1)})"]


def test_unknown_spider_argument_is_refused_with_the_known_ones(tmp_path):
    run = crawl("mainichi_en", "127.0.0.1:9", tmp_path / "db.sqlite", "-a", "bogus=1")
    assert run.returncode == 2
    assert "scrapy crawl mainichi_en: error: unknown argument bogus: mainichi_en takes since, urls, js" in run.stderr
    assert "Traceback" not in run.stderr


def test_unknown_spider_is_one_line_with_the_known_ones(tmp_path):
    run = crawl("mainichi_english", "127.0.0.1:9", tmp_path / "db.sqlite")
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert "no spider named 'mainichi_english'; the spiders are: " in run.stderr and "mainichi_en," in run.stderr


def test_crawl_help_explains_the_spider_arguments():
    # `scrapy crawl -h` said "-a NAME=VALUE  set spider argument" and no more: which
    # names, what since= takes and its default were in the README only
    import subprocess
    import sys

    from tests.conftest import ROOT

    out = subprocess.run([sys.executable, "-m", "scrapy", "crawl", "-h"], cwd=ROOT, capture_output=True, text=True).stdout
    for words in ("since=", "30min, 12h, 2d, 1w, 3mo, 1y", "default 7d", "urls=", "js=1", "start_url=", "exit with 1"):
        assert words in " ".join(out.split()), words


def test_article_urls_of_another_site_are_refused(tmp_path):
    """Scrapy's offsite filter dropped them silently and the run said ok with 0 pages."""
    run = crawl("mainichi_en", "127.0.0.1:9", tmp_path / "db.sqlite", "-a", "urls=https://example.com/news/1")
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert "urls: https://example.com/news/1 is not on mainichi.jp" in run.stderr


def test_a_site_that_is_down_is_one_line_per_error_not_a_traceback(tmp_path):
    # No replay: robots.txt itself is fetched from a port nothing listens on.
    run = crawl("portal", "", tmp_path / "db.sqlite", "-a", "start_url=http://127.0.0.1:9/media/", RETRY_TIMES="0")
    assert run.returncode == 1
    assert "Error downloading <GET http://127.0.0.1:9/media/>: Connection was refused" in run.stderr
    assert "Traceback" not in run.stderr


def test_portal_arguments_include_its_selectors():
    from spiders.portal import PortalSpider

    assert {"start_url", "pages", "item_css", "since"} <= set(PortalSpider.known_arguments())


# -- the rules -------------------------------------------------------------------


def failure(exc, url="https://mainichi.jp/rss"):
    f = Failure(exc)
    f.request = Request(url)
    return f


@pytest.mark.parametrize(
    "exc, slug, words",
    [
        (CannotResolveHostError("mainichi.jp"), "dns_lookup_failed", "DNS lookup failed"),
        (DownloadConnectionRefusedError(), "connection_refused", "connection refused"),
        (HttpError(Response("https://mainichi.jp/rss", status=403)), "http_403", "HTTP 403"),
        (IgnoreRequest("Forbidden by robots.txt"), "robots_txt", "forbidden by robots.txt"),
    ],
)
def test_failure_reasons_in_words(exc, slug, words):
    assert runs.failure_reason(failure(exc)) == slug
    assert runs.reason_words(slug) == words


def test_verdict_is_the_worst_cause_and_other_checks_can_add_causes():
    from scrapy.statscollectors import MemoryStatsCollector
    from scrapy.utils.test import get_crawler

    stats = MemoryStatsCollector(get_crawler())
    stats.set_stats({"newscrawl/discover/document_read": 1, "newscrawl/store/articles": 3})
    assert runs.all_causes(stats.get_stats(), "finished") == []
    runs.add_cause(stats, "degraded", "fewer articles than usual")
    assert runs.verdict(runs.all_causes(stats.get_stats(), "finished")) == "degraded"
    runs.add_cause(stats, "failed", "the monitor says so")
    assert [c.text for c in runs.all_causes(stats.get_stats(), "finished")] == ["the monitor says so", "fewer articles than usual"]
    with pytest.raises(ValueError):
        runs.add_cause(stats, "fine", "x")


def test_fallbacks_on_most_pages_say_the_layout_changed():
    stats = {"newscrawl/discover/document_read": 1, "newscrawl/store/articles": 10, "item_scraped_count": 10,
             "newscrawl/parse/fallback_body": 8, "newscrawl/parse/fallback_title": 1}
    assert [c.text for c in runs.judge(stats, "finished")] == [
        "body from the generic extractor on 8 of 10 pages: the site's layout may have changed"
    ]


def test_an_interrupted_crawl_failed():
    stats = {"newscrawl/discover/document_read": 1, "newscrawl/store/articles": 10}
    assert runs.verdict(runs.judge(stats, "shutdown")) == "failed"
