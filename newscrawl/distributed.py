"""Scale-out: any number of ``scrapy crawl`` workers, one frontier in Redis, one writer.

``scrapy crawl mainichi -s NEWSCRAWL_REDIS_URL=redis://host:6379/0`` switches a crawl to
scrapy-redis's scheduler and dupefilter, so every worker crawling that spider, on any
machine, takes requests from one shared queue. Workers do not write SQLite: their
normalized items, and a record of each run, go to the Redis list ``newscrawl:items``
and ``newscrawl ingest`` (newscrawl/ingest.py), next to the database, stores them.
Without the setting the crawl is unchanged and Redis is not needed.

Each worker reads the feeds and sitemaps itself (they are requested with dont_filter,
as every run must read them afresh); the article pages they list go through the shared
dupefilter, so each is fetched by one worker only. A *round* is the time from the
first worker of a spider starting until the last one leaves: when the last worker
leaves with the queue drained it clears the dupefilter, so a page that failed is tried
again next round. A round cut short (Ctrl-C, kill) keeps its queue and dupefilter: the
next worker resumes it. Workers see each other through two sorted sets per spider,
scored by time: ``workers`` (alive) and ``busy`` (holding a request). An idle worker
stays while another is busy, since that one may yet discover pages for everyone.

Workers skip articles already stored, as a single crawl does, through the Redis hash
``newscrawl:stored`` (article id -> fetched_at) that the ingester keeps: a worker on
another machine has no database to ask.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import sys
import time
import uuid

import redis
from itemadapter import ItemAdapter
from scrapy import signals
from scrapy.exceptions import DontCloseSpider
from scrapy.utils.asyncio import create_looping_call
from scrapy_redis.connection import get_redis
from scrapy_redis.defaults import REDIS_PARAMS
from scrapy_redis.scheduler import Scheduler

from newscrawl.storage import article_id

logger = logging.getLogger(__name__)

ITEMS_KEY = "newscrawl:items"
STORED_KEY = "newscrawl:stored"
REQUESTS_KEY = "newscrawl:%(spider)s:requests"
DUPEFILTER_KEY = "newscrawl:%(spider)s:dupefilter"
WORKERS_KEY = "newscrawl:{spider}:workers"
BUSY_KEY = "newscrawl:{spider}:busy"

HEARTBEAT_SECONDS = 1.0
# A worker unheard of for this long is gone (killed, or its machine is): it no longer
# keeps a round open or others waiting.
ALIVE_SECONDS = 15.0


def connect(url: str):
    """A Redis client for ``url`` (str replies), with scrapy-redis's connection defaults
    (a 30 s socket timeout: the ingester's blocking waits are shorter)."""
    return get_redis(url=url, **{**REDIS_PARAMS, "decode_responses": True})


class RedisAddon:
    """Rewires a crawl for Redis when ``NEWSCRAWL_REDIS_URL`` is set; otherwise does nothing."""

    def update_settings(self, settings):
        url = settings.get("NEWSCRAWL_REDIS_URL")
        if not url:
            return
        try:
            connect(url).ping()
        except (ValueError, redis.RedisError) as e:
            # A wrong URL or a Redis that is down is the user's to fix: one line, no traceback.
            print(f"scrapy crawl: error: NEWSCRAWL_REDIS_URL={url}: cannot reach Redis ({e})", file=sys.stderr, flush=True)
            raise SystemExit(2) from None
        for name, value in {
            "REDIS_URL": url,
            "SCHEDULER": "newscrawl.distributed.Frontier",
            "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
            "SCHEDULER_QUEUE_KEY": REQUESTS_KEY,
            "SCHEDULER_DUPEFILTER_KEY": DUPEFILTER_KEY,
            # Rounds end in Frontier.close, when the last worker leaves, not with each worker.
            "SCHEDULER_PERSIST": True,
        }.items():
            # Above the project's own choices (its DUPEFILTER_CLASS is for single crawls);
            # -s on the command line still wins.
            settings.set(name, value, priority="spider")
        pipelines = settings["ITEM_PIPELINES"]
        pipelines["pipelines.store.StorePipeline"] = None
        pipelines["newscrawl.distributed.QueuePipeline"] = 900


class Frontier(Scheduler):
    """scrapy-redis's scheduler, plus the round bookkeeping described above."""

    crawler = None
    heartbeat = None

    @classmethod
    def from_crawler(cls, crawler):
        scheduler = super().from_crawler(crawler)
        scheduler.stats = _Stats(crawler.stats)
        scheduler.crawler = crawler
        crawler.signals.connect(scheduler.spider_idle, signal=signals.spider_idle)
        return scheduler

    def open(self, spider):
        self.worker_id = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
        self.workers_key = WORKERS_KEY.format(spider=spider.name)
        self.busy_key = BUSY_KEY.format(spider=spider.name)
        others = self._others(self.workers_key)
        self.server.zadd(self.workers_key, {self.worker_id: time.time()})
        super().open(spider)
        logger.info(
            "worker %s: %s round, %d other worker(s), %d request(s) queued",
            self.worker_id, "joining a" if others else "starting a", len(others), len(self.queue),
        )
        self.heartbeat = create_looping_call(self._beat)
        self.heartbeat.start(HEARTBEAT_SECONDS, now=False)

    def next_request(self):
        request = super().next_request()
        if request is not None:
            self.server.zadd(self.busy_key, {self.worker_id: time.time()})
        return request

    def _beat(self):
        now = time.time()
        pipe = self.server.pipeline()
        pipe.zadd(self.workers_key, {self.worker_id: now})
        if self.crawler.engine.spider_is_idle():
            pipe.zrem(self.busy_key, self.worker_id)
        else:
            pipe.zadd(self.busy_key, {self.worker_id: now})
        pipe.execute()

    def _others(self, key) -> list[str]:
        since = time.time() - ALIVE_SECONDS
        names = [n.decode() for n in self.server.zrangebyscore(key, since, "+inf")]
        return [n for n in names if n != getattr(self, "worker_id", None)]

    def spider_idle(self, spider):
        self.server.zrem(self.busy_key, self.worker_id)
        if len(self.queue) or self._others(self.busy_key):
            raise DontCloseSpider

    def close(self, reason):
        if self.heartbeat is not None and self.heartbeat.running:
            self.heartbeat.stop()
        pipe = self.server.pipeline()
        pipe.zrem(self.workers_key, self.worker_id)
        pipe.zrem(self.busy_key, self.worker_id)
        pipe.execute()
        if self._others(self.workers_key):
            return
        left = len(self.queue)
        if left:
            logger.info("round interrupted: %d request(s) stay queued for the next worker", left)
            return
        # The last worker out: the next round may fetch again what this one could not.
        self.df.clear()
        self.server.delete(self.workers_key, self.busy_key)
        logger.info("round over: cleared the shared dupefilter")


class _Stats:
    """scrapy-redis passes ``spider=`` to the stats, which Scrapy 2.13+ warns about on every request."""

    def __init__(self, stats):
        self.stats = stats

    def inc_value(self, key, count=1, start=0, spider=None):
        self.stats.inc_value(key, count, start)


class QueuePipeline:
    """Sends each normalized article to ``newscrawl:items`` for ``newscrawl ingest``."""

    def __init__(self, server, stats):
        self.server = server
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(connect(crawler.settings.get("NEWSCRAWL_REDIS_URL")), crawler.stats)

    def process_item(self, item):
        # One push per item, no buffering: an article normalized is an article kept,
        # even if this worker is killed a moment later.
        self.server.rpush(ITEMS_KEY, encode({"article": dict(ItemAdapter(item).items())}))
        self.stats.inc_value("newscrawl/queue/articles")
        return item


def queue_run(settings, run: dict) -> None:
    """Send a finished worker run to the ingester, which records it in ``crawl_runs``."""
    server = connect(settings.get("NEWSCRAWL_REDIS_URL"))
    try:
        server.rpush(ITEMS_KEY, encode({"run": {**run, "worker": f"{socket.gethostname()}:{os.getpid()}"}}))
    finally:
        server.close()


def encode(message: dict) -> str:
    return json.dumps(message, ensure_ascii=False, default=str)


class StoredIndex:
    """What ``newscrawl ingest`` has stored, as workers see it: ``stored_urls`` like Storage's."""

    def __init__(self, server):
        self.server = server

    @classmethod
    def from_settings(cls, settings):
        return cls(connect(settings.get("NEWSCRAWL_REDIS_URL")))

    def stored_urls(self, urls) -> dict[str, str | None]:
        urls = list(dict.fromkeys(urls))
        if not urls:
            return {}
        found = self.server.hmget(STORED_KEY, [article_id(u) for u in urls])
        return {u: v for u, v in zip(urls, found) if v is not None}

    def close(self):
        self.server.close()
