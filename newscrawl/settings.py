"""Scrapy settings for newscrawl.

Every value here is a default a user may override with ``-s NAME=VALUE``.
"""

import os

BOT_NAME = "newscrawl"
SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"
# `scrapy crawl` exits with 1 when the crawl failed (newscrawl/scrapy_commands/crawl.py).
COMMANDS_MODULE = "newscrawl.scrapy_commands"

# Polite by default: we read news sites every day and want to keep doing so.
USER_AGENT = "newscrawl/0.1 (+https://github.com/newscrawl/newscrawl; news research crawler)"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
RETRY_TIMES = 2
HTTPCACHE_ENABLED = False
# Resuming with -s JOBDIR=…: the database, not requests.seen, says which articles
# are done (newscrawl/dupefilter.py); feeds and sitemaps are fetched on every run.
DUPEFILTER_CLASS = "newscrawl.dupefilter.RunDupeFilter"
# No page or sitemap is this big (sitemaps stop at 50 MB by protocol); it also
# bounds what a gzip bomb can unpack to.
DOWNLOAD_MAXSIZE = 50 * 1024 * 1024
DOWNLOAD_WARNSIZE = 8 * 1024 * 1024
FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"
# Scheduled jobs need no listening consoles: fewer open ports on the analysts' machines.
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False

# Where articles go. The environment variable lets cron jobs and Datasette agree on
# one file without repeating -s on every command.
NEWSCRAWL_DB = os.environ.get("NEWSCRAWL_DB", "data/newscrawl.db")
# Articles are written in transactions of this many, or after this many seconds,
# whichever comes first; a crash loses at most the open batch.
NEWSCRAWL_BATCH_SIZE = 200
NEWSCRAWL_BATCH_SECONDS = 5.0

# Offline replay: "127.0.0.1:8123" sends every request to that loopback server
# (https://mainichi.jp/x -> http://127.0.0.1:8123/mainichi.jp/x) while spiders,
# parsers and pipelines keep seeing the real URL. Empty means live crawling.
NEWSCRAWL_REPLAY_HOST = os.environ.get("NEWSCRAWL_REPLAY_HOST", "")

# Scale-out: "redis://host:6379/0" makes this crawl one of many workers sharing a
# frontier in Redis; its articles go to a Redis queue that `newscrawl ingest` stores
# (see newscrawl/distributed.py). Empty means a plain crawl writing NEWSCRAWL_DB.
NEWSCRAWL_REDIS_URL = os.environ.get("NEWSCRAWL_REDIS_URL", "")
ADDONS = {"newscrawl.distributed.RedisAddon": 0}

DOWNLOADER_MIDDLEWARES = {
    # After every built-in middleware (robots.txt, retries, redirects) so they all
    # see the real URL; only the download itself goes to the loopback server.
    "newscrawl.replay.ReplayMiddleware": 950,
}

ITEM_PIPELINES = {
    "pipelines.validate.ValidatePipeline": 100,
    "pipelines.timestamps.TimestampPipeline": 200,
    "pipelines.bylines.BylinePipeline": 300,
    "pipelines.captions.CaptionPipeline": 400,
    "pipelines.store.StorePipeline": 900,
}

EXTENSIONS = {
    # A site that is down is one line in the log (its traceback says nothing more).
    "newscrawl.logs.QuietNetworkErrors": 0,
    "newscrawl.runs.CrawlRunRecorder": 500,
    "spidermon.contrib.scrapy.extensions.Spidermon": 510,
}

# Spidermon judges every crawl when it closes (newscrawl/monitors.py): a failing
# monitor adds its reason to the run's causes in crawl_runs and the crawl exits with 1.
SPIDERMON_ENABLED = True
SPIDERMON_SPIDER_CLOSE_MONITORS = ["newscrawl.monitors.CrawlMonitors"]
SPIDERMON_ADD_FIELD_COVERAGE = True  # counts the fields of stored articles
SPIDERMON_DICT_FIELDS_COVERAGE_LEVELS = 0  # top-level fields only
NEWSCRAWL_MONITOR_MIN_PAGES = 5  # rates are judged on at least this many
NEWSCRAWL_MONITOR_MAX_ERROR_RATE = 0.25  # errors per request
NEWSCRAWL_MONITOR_MAX_HTTP_ERROR_RATE = 0.25  # 4xx/5xx per response
NEWSCRAWL_MONITOR_MIN_STORED_RATIO = 0.5  # articles stored per article requested
NEWSCRAWL_MONITOR_COVERAGE = {"title": 1.0, "body": 0.9, "published_at": 0.8, "outlet": 1.0}
NEWSCRAWL_MONITOR_FALLBACK_JUMP = 0.3  # rise in the generic-extractor share over previous runs
# Spidermon actions to run when a monitor fails, e.g.
# ["spidermon.contrib.actions.reports.files.CreateFileReport"] with SPIDERMON_REPORT_*.
NEWSCRAWL_MONITOR_ACTIONS = []

# JavaScript pages only: a spider marks those requests with meta {"playwright": True};
# all other requests still use Scrapy's own downloader.
DOWNLOAD_HANDLERS = {
    "http": "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler",
    "https": "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler",
}
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
PLAYWRIGHT_BROWSER_TYPE = "chromium"
PLAYWRIGHT_LAUNCH_OPTIONS = {
    # Debian's Chromium: no browser download on machines without internet.
    "executable_path": os.environ.get("NEWSCRAWL_CHROMIUM", "/usr/bin/chromium"),
    "headless": True,
    "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
}
PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT = 30_000
# Replaying (NEWSCRAWL_REPLAY_HOST): the browser loads nothing from beyond loopback.
PLAYWRIGHT_ABORT_REQUEST = "newscrawl.replay.keep_browser_offline"
