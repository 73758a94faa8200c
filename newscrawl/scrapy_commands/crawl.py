"""``scrapy crawl SPIDER``: Scrapy's command, with an exit status a scheduled job can trust.

Scrapy exits with 0 whenever the spider ran, even when every request failed. This
command exits with 1 when the run's verdict (newscrawl/runs.py, also written to
``crawl_runs.status``) is ``failed`` — no feed or sitemap could be read, or nothing
was stored while errors occurred — or when a Spidermon monitor failed (newscrawl/
monitors.py: error rates, stored vs discovered, field coverage, a jump in parser
fallbacks), and prints the verdict and its causes as the last lines, so cron mail says
what happened. A run ``degraded`` only by routine losses (a few pages that failed)
exits with 0: articles came in, and ``crawl_runs.causes`` says what was missing.
"""

from __future__ import annotations

import sys

from scrapy.commands.crawl import Command as ScrapyCrawl
from scrapy.exceptions import UsageError

from newscrawl import runs
from newscrawl.monitors import MONITORS_FAILED_KEY


class Command(ScrapyCrawl):
    def short_desc(self) -> str:
        return "Run a spider; exit with 1 when the crawl failed (see crawl_runs.status)"

    def long_desc(self) -> str:
        from newscrawl.timespan import EXAMPLES
        from spiders.base import NewsSpider

        return (
            f"{self.short_desc()}, so cron notices; the last lines say the verdict and its causes.\n\n"
            f"Spider arguments (-a NAME=VALUE): since= how far back to take articles: {EXAMPLES}, "
            f"a date (a Tokyo day) or all (default {NewsSpider.default_since}); urls=URL,URL only these article "
            "pages; js=1 render article pages in Chromium. The portal spider also takes start_url= "
            "(a listing page of any portal), pages=N and selector overrides. Unknown names are refused "
            "with the spider's list. Examples: scrapy crawl mainichi -a since=2d; "
            "scrapy crawl kyodo_en -a since=all -s JOBDIR=crawls/kyodo-all"
        )

    def run(self, args, opts) -> None:
        if len(args) != 1:
            raise UsageError("give exactly one spider name (see `scrapy list`)")
        known = self.crawler_process.spider_loader.list()
        if args[0] not in known:
            raise UsageError(f"no spider named {args[0]!r}; the spiders are: {', '.join(sorted(known))}")
        crawler = self._create_crawler(args[0])
        self.crawler_process.crawl(crawler, **opts.spargs)
        self.crawler_process.start()
        if self.crawler_process.bootstrap_failed:
            self.exitcode = 1
            return
        stats = crawler.stats.get_stats()
        status = stats.get(runs.STATUS_KEY)
        if status is None:
            return
        print(f"crawl {crawler.spidercls.name}: {status}", file=sys.stderr)
        for cause in stats.get(runs.VERDICT_KEY) or []:
            print(f"  {cause['status']}: {cause['cause']}", file=sys.stderr)
        if status == runs.FAILED or stats.get(MONITORS_FAILED_KEY):
            self.exitcode = 1
