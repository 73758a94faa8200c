"""Spidermon monitors judge each crawl: a failing one becomes a cause in crawl_runs and exit 1.

The first test runs the real `scrapy crawl` against a loopback site that loses most
articles; the others run the monitor suite on a crawler's stats, as Spidermon does
when a spider closes.
"""

import json

from scrapy import Spider
from scrapy.utils.test import get_crawler

from newscrawl import runs
from newscrawl.monitors import MONITORS_FAILED_KEY
from newscrawl.storage import Storage
from tests.conftest import project_settings
from tests.faultsite import EN_FEED, FaultSite, crawl, en_page, en_url, last_run, path_of


def test_a_crawl_that_loses_most_articles_fails_its_monitors_and_exits_1(tmp_path):
    site = FaultSite()
    site.feed(EN_FEED, [en_url(i) for i in range(6)])
    for i in range(6):
        site.add(path_of(en_url(i)), en_page(i)) if i < 2 else site.add(path_of(en_url(i)), "down", status=503)
    report = tmp_path / "report.html"
    with site.serve() as host:
        run = crawl(
            "mainichi_en", host, tmp_path / "db.sqlite",
            NEWSCRAWL_MONITOR_ACTIONS="spidermon.contrib.actions.reports.files.CreateFileReport",
            SPIDERMON_REPORT_TEMPLATE="reports/email/monitors/result.jinja",
            SPIDERMON_REPORT_FILENAME=str(report),
        )
    assert run.returncode == 1, run.stderr[-3000:]
    row = last_run(tmp_path / "db.sqlite")
    assert row["status"] == "degraded" and row["stored"] == 2
    assert "stored 2 of the 6 articles discovered (33%, expected at least 50%)" in row["causes"]
    assert "HTTP errors on 4 of 7 responses (57%, more than 25%): 503 ×4" in row["causes"]
    assert "HTTP errors on 4 of 7 responses" in run.stderr  # the verdict printed for cron mail
    assert "Stored vs discovered" in report.read_text()  # Spidermon's own action, configured by settings


def test_an_unknown_action_is_refused_in_one_line(tmp_path):
    run = crawl("mainichi_en", "127.0.0.1:9", tmp_path / "db.sqlite", NEWSCRAWL_MONITOR_ACTIONS="spidermon.nope.Report")
    assert run.returncode == 2
    assert "error: NEWSCRAWL_MONITOR_ACTIONS: cannot load 'spidermon.nope.Report'" in run.stderr
    assert "Traceback" not in run.stderr


def judge(stats: dict, db=None, **settings) -> list[str]:
    """Run the close monitors on ``stats``, as Spidermon does; the causes they add."""
    from spidermon.contrib.scrapy.extensions import Spidermon

    settings = project_settings(NEWSCRAWL_DB=str(db or "/nonexistent/db.sqlite"), **settings).copy_to_dict()
    crawler = get_crawler(Spider, {k: v for k, v in settings.items() if k.startswith(("SPIDERMON_", "NEWSCRAWL_"))})
    crawler.spider = spider = Spider("mainichi_en")
    crawler.stats.set_stats(stats)
    ext = Spidermon.from_crawler(crawler)
    ext._run_suites(spider, ext.spider_closed_suites)
    return [c["cause"] for c in crawler.stats.get_value(runs.CAUSES_KEY) or []], crawler.stats.get_value(MONITORS_FAILED_KEY)


GOOD = {
    "finish_reason": "finished", "downloader/request_count": 11, "downloader/response_count": 11,
    "downloader/response_status_count/200": 11, "newscrawl/discover/requested": 10, "newscrawl/store/articles": 10,
    "item_scraped_count": 10, "spidermon_item_scraped_count/Article": 10,
    **{f"spidermon_item_scraped_count/Article/{f}": 10 for f in ("title", "body", "published_at", "outlet")},
}


def test_a_good_run_passes_every_monitor():
    assert judge(GOOD) == ([], None)


def test_missing_fields_are_named_with_their_coverage():
    causes, failed = judge({**GOOD, "spidermon_item_scraped_count/Article/published_at": 3})
    assert causes == ["fields missing from the 10 stored articles: published_at on 30% (expected 80%)"]
    assert failed == ["Field coverage"]


def test_too_few_pages_are_not_judged_by_rate():
    small = {**GOOD, "downloader/request_count": 3, "downloader/response_count": 3, "newscrawl/discover/requested": 2,
             "item_scraped_count": 2, "newscrawl/store/articles": 0, "spidermon_item_scraped_count/Article/title": 0}
    assert judge(small) == ([], None)


def test_a_jump_in_parser_fallbacks_against_previous_runs_says_the_layout_changed(tmp_path):
    db = tmp_path / "db.sqlite"
    storage = Storage(db)
    for fallbacks in (0, 1, 0):
        run_id = storage.start_run("mainichi_en", "2025-01-20T00:00:00+00:00")
        storage.finish_run(run_id, finished_at="2025-01-20T00:05:00+00:00", status="ok",
                           stats={"item_scraped_count": 10, "newscrawl/parse/fallback_body": fallbacks})
    storage.close()
    causes, _ = judge({**GOOD, "newscrawl/parse/fallback_body": 4}, db)
    assert causes == ["generic extractor for body on 40% of pages, against 0% in the previous 3 runs: "
                      "the outlet may have changed its layout"]
    assert judge({**GOOD, "newscrawl/parse/fallback_body": 2}, db) == ([], None)  # within the usual


def test_a_failing_monitor_feeds_the_run_verdict_and_the_crawl_command_exit():
    causes, failed = judge({**GOOD, "log_count/ERROR": 4})
    assert causes == ["4 errors in 11 requests (36%, more than 25%)"]
    stats = {**GOOD, runs.CAUSES_KEY: [{"status": "degraded", "cause": causes[0]}]}
    assert runs.verdict(runs.all_causes(stats, "finished")) == "degraded"


def test_an_interrupted_run_is_reported_by_spidermon_but_its_cause_is_written_once():
    causes, failed = judge({**GOOD, "finish_reason": "shutdown"})
    assert failed == ["Finish reason"] and causes == []  # runs.judge says it: "the crawl stopped before it was done"
    assert [c.text for c in runs.all_causes({**GOOD, "finish_reason": "shutdown"}, "shutdown")] == [
        "the crawl stopped before it was done (shutdown)"
    ]
    json.dumps(failed)  # kept in the stats as plain data
