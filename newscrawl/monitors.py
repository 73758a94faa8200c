"""Spidermon monitors run when every crawl closes; a failing one makes the run's verdict.

Each monitor checks one thing against a threshold (the ``NEWSCRAWL_MONITOR_*``
settings in newscrawl/settings.py) or against the spider's own previous runs in
``crawl_runs``. When any fails, ``RecordVerdict`` adds its sentence to the run's causes
through ``newscrawl.runs.add_cause`` (so it lands in ``crawl_runs.status``/``causes``
like every other cause) and the crawl exits with 1 (newscrawl/scrapy_commands/crawl.py). Spidermon's own actions can notify as well:
list them in ``NEWSCRAWL_MONITOR_ACTIONS``, e.g. a file report::

    NEWSCRAWL_MONITOR_ACTIONS = ["spidermon.contrib.actions.reports.files.CreateFileReport"]
    SPIDERMON_REPORT_TEMPLATE = "reports/email/monitors/result.jinja"
    SPIDERMON_REPORT_FILENAME = "reports/{{ data.spider.name }}.html"

or e-mail (``spidermon.contrib.actions.email.smtp.SendSmtpEmail`` with Spidermon's
``SPIDERMON_SMTP_*`` and ``SPIDERMON_EMAIL_*`` settings).

Rates are judged only when a run has at least ``NEWSCRAWL_MONITOR_MIN_PAGES`` to judge
by: three pages say little about a rate.
"""

from __future__ import annotations

import json
import statistics
import sys
import warnings
from pathlib import Path

from scrapy.exceptions import ScrapyDeprecationWarning
from scrapy.utils.misc import load_object
from spidermon import MonitorSuite, monitors
from spidermon.contrib.scrapy.monitors import FinishReasonMonitor
from spidermon.contrib.scrapy.monitors.base import BaseScrapyMonitor
from spidermon.core.actions import Action

from newscrawl import runs

MONITORS_FAILED_KEY = "newscrawl/monitors/failed"  # stats: names of the monitors that failed

# Spidermon writes its report through Spider.log(), which Scrapy 2.13+ deprecates: a
# warning in every crawl's log that says nothing about the crawl.
warnings.filterwarnings("ignore", message=r"Spider\.log\(\) is deprecated", category=ScrapyDeprecationWarning)


class NewsMonitor(BaseScrapyMonitor):
    severity = runs.DEGRADED  # what a failure makes the run

    def setting(self, name: str, default: float) -> float:
        return self.crawler.settings.getfloat(name, default)

    def require(self, n: int, what: str) -> None:
        least = self.crawler.settings.getint("NEWSCRAWL_MONITOR_MIN_PAGES", 5)
        if n < least:
            self.skipTest(f"only {n} {what}, fewer than {least}")


@monitors.name("Finish reason")
class FinishReason(FinishReasonMonitor):
    """The crawl ran to its end."""

    severity = None  # newscrawl.runs.judge already fails such a run, in its own words


@monitors.name("Error rate")
class ErrorRate(NewsMonitor):
    """Errors and spider exceptions stay under NEWSCRAWL_MONITOR_MAX_ERROR_RATE per request."""

    @monitors.name("errors per request")
    def test_error_rate(self):
        requests = self.stats.get("downloader/request_count", 0)
        self.require(requests, "requests")
        errors = self.stats.get("log_count/ERROR", 0) + sum(
            v for k, v in self.stats.items() if k.startswith("spider_exceptions/") and isinstance(v, int)
        )
        limit = self.setting("NEWSCRAWL_MONITOR_MAX_ERROR_RATE", 0.25)
        if errors / requests > limit:
            self.fail(f"{errors} errors in {requests} requests ({errors / requests:.0%}, more than {limit:.0%})")


@monitors.name("HTTP error rate")
class HttpErrorRate(NewsMonitor):
    """Responses with 4xx/5xx stay under NEWSCRAWL_MONITOR_MAX_HTTP_ERROR_RATE (robots.txt aside:
    many sites have none)."""

    @monitors.name("4xx/5xx per response")
    def test_http_error_rate(self):
        prefix, robots = "downloader/response_status_count/", "robotstxt/response_status_count/"
        total = self.stats.get("downloader/response_count", 0) - self.stats.get("robotstxt/response_count", 0)
        self.require(total, "responses")
        codes = {}
        for key, n in self.stats.items():
            code = key[len(prefix) :]
            if key.startswith(prefix) and code[:1] in ("4", "5"):
                n -= self.stats.get(robots + code, 0)
                if n > 0:
                    codes[code] = n
        bad = sum(codes.values())
        limit = self.setting("NEWSCRAWL_MONITOR_MAX_HTTP_ERROR_RATE", 0.25)
        if bad / total > limit:
            listed = ", ".join(f"{code} ×{n}" for code, n in sorted(codes.items()))
            self.fail(f"HTTP errors on {bad} of {total} responses ({bad / total:.0%}, more than {limit:.0%}): {listed}")


@monitors.name("Stored vs discovered")
class StoredVsDiscovered(NewsMonitor):
    """Of the articles discovery requested, at least NEWSCRAWL_MONITOR_MIN_STORED_RATIO are stored."""

    @monitors.name("articles stored per article requested")
    def test_stored_vs_discovered(self):
        requested = self.stats.get("newscrawl/discover/requested", 0)
        self.require(requested, "articles requested")
        stored = runs.stored_count(self.stats)
        least = self.setting("NEWSCRAWL_MONITOR_MIN_STORED_RATIO", 0.5)
        if stored / requested < least:
            self.fail(
                f"stored {stored} of the {requested} articles discovered ({stored / requested:.0%}, "
                f"expected at least {least:.0%})"
            )


@monitors.name("Field coverage")
class FieldCoverage(NewsMonitor):
    """Stored articles have their title, body, published_at and outlet (NEWSCRAWL_MONITOR_COVERAGE).

    Spidermon counts the fields of every stored item (SPIDERMON_ADD_FIELD_COVERAGE)."""

    @monitors.name("title, body, published_at, outlet present")
    def test_field_coverage(self):
        items = self.stats.get("item_scraped_count", 0)
        self.require(items, "articles stored")
        short = []
        for field, least in self.crawler.settings.getdict("NEWSCRAWL_MONITOR_COVERAGE").items():
            # spidermon_item_scraped_count/<item type>/<field>: stored items with that field set
            have = sum(
                v for k, v in self.stats.items()
                if k.startswith("spidermon_item_scraped_count/") and k.count("/") == 2 and k.endswith(f"/{field}")
            )
            if have / items < float(least):
                short.append(f"{field} on {have / items:.0%} (expected {float(least):.0%})")
        if short:
            self.fail(f"fields missing from the {items} stored articles: " + "; ".join(short))


@monitors.name("Parser fallbacks vs previous runs")
class FallbackJump(NewsMonitor):
    """The share of pages where the generic extractor stood in for the outlet's own
    selectors did not jump above the spider's previous runs (by NEWSCRAWL_MONITOR_FALLBACK_JUMP)."""

    HISTORY = 10  # runs to compare with

    @monitors.name("generic extractor share against the previous runs")
    def test_fallback_rate(self):
        pages = _pages(self.stats)
        self.require(pages, "pages parsed")
        history = self.previous_runs()
        if len(history) < 2:
            self.skipTest(f"{len(history)} previous run(s) to compare with")
        jump = self.setting("NEWSCRAWL_MONITOR_FALLBACK_JUMP", 0.3)
        jumps = []
        for field in sorted({f for s in [self.stats, *history] for f in _fallback_fields(s)}):
            now = self.stats.get(f"newscrawl/parse/fallback_{field}", 0) / pages
            before = statistics.median(s.get(f"newscrawl/parse/fallback_{field}", 0) / _pages(s) for s in history)
            if now - before >= jump:
                jumps.append(f"{field} on {now:.0%} of pages, against {before:.0%} in the previous {len(history)} runs")
        if jumps:
            self.fail("generic extractor for " + "; ".join(jumps) + ": the outlet may have changed its layout")

    def previous_runs(self) -> list[dict]:
        from newscrawl.storage import Storage

        path = Path(self.crawler.settings.get("NEWSCRAWL_DB") or "data/newscrawl.db")
        if not path.exists():
            return []  # a distributed worker, or the very first run
        least = self.crawler.settings.getint("NEWSCRAWL_MONITOR_MIN_PAGES", 5)
        storage = Storage(path, readonly=True)
        try:
            rows = storage.conn.execute(
                "SELECT stats FROM crawl_runs WHERE spider = ? AND finished_at IS NOT NULL "
                "AND coalesce(status, '') != 'failed' ORDER BY id DESC LIMIT ?",
                [self.data.spider.name, self.HISTORY],
            ).fetchall()
        finally:
            storage.close()
        history = [json.loads(s or "{}") for (s,) in rows]
        return [s for s in history if _pages(s) >= least]


def _pages(stats) -> int:
    return stats.get("item_scraped_count", 0) + stats.get("item_dropped_count", 0)


def _fallback_fields(stats) -> set[str]:
    prefix = "newscrawl/parse/fallback_"
    return {k[len(prefix) :] for k in stats if k.startswith(prefix)}


class RecordVerdict(Action):
    """Each failed monitor's sentence becomes a cause of the run (newscrawl.runs)."""

    def run_action(self):
        stats = self.data.crawler.stats
        failed = []
        for result in self.result.monitors_failed_results:
            monitor = result.item
            failed.append(monitor.monitor_name)
            severity = getattr(monitor, "severity", runs.DEGRADED)
            if severity:
                error = (result.error or "").strip().splitlines() or ["?"]
                runs.add_cause(stats, severity, result.reason or f"the {monitor.monitor_name} monitor could not run: {error[-1]}")
        stats.set_value(MONITORS_FAILED_KEY, failed)


class CrawlMonitors(MonitorSuite):
    """Every crawl's close monitors (SPIDERMON_SPIDER_CLOSE_MONITORS)."""

    monitors = [FinishReason, ErrorRate, HttpErrorRate, StoredVsDiscovered, FieldCoverage, FallbackJump]
    monitors_failed_actions = [RecordVerdict]

    def __init__(self, *args, crawler=None, **kwargs):
        super().__init__(*args, crawler=crawler, **kwargs)
        if crawler is not None:
            for path in crawler.settings.getlist("NEWSCRAWL_MONITOR_ACTIONS"):
                try:
                    action = load_object(path)
                except (ImportError, NameError, ValueError) as e:
                    # A typo in a setting is the user's to fix: one line, no traceback.
                    print(f"scrapy crawl: error: NEWSCRAWL_MONITOR_ACTIONS: cannot load {path!r} ({e})", file=sys.stderr, flush=True)
                    raise SystemExit(2) from None
                self.add_monitors_failed_action(action)
