"""Scale-out with a real redis-server: two workers share one frontier, one ingester stores.

The workers are the real spiders crawling the sample site on loopback with
NEWSCRAWL_REDIS_URL set; the ingester is the real ``newscrawl ingest``, killed once in
the middle of a batch.
"""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
from collections import Counter

import pytest
from newscrawl.distributed import ITEMS_KEY, STORED_KEY, RedisAddon, connect, encode
from newscrawl.errors import UserError
from newscrawl.ingest import LOCK_KEY, PROCESSING_KEY, REJECTED_KEY, Ingester
from newscrawl.sample_site import SAMPLE_ROOT, SAMPLE_SPIDERS, SampleSiteHandler, serve_sample_site
from newscrawl.storage import Storage, article_id
from tests.conftest import ROOT, project_settings
from tests.servers import REDIS_SERVER, stop, wait_until
from tests.test_spiders_crawl import RUNNER

pytestmark = pytest.mark.skipif(not os.path.exists(REDIS_SERVER), reason="redis-server is not installed (apt-get install redis-server)")


@pytest.fixture(scope="module")
def redis_url():
    from tests.servers import redis_server

    with redis_server() as url:
        yield url


@pytest.fixture
def server(redis_url):
    client = connect(redis_url)
    client.flushdb()
    yield client
    client.close()


def test_without_redis_url_the_crawl_is_unchanged():
    settings = project_settings()
    RedisAddon().update_settings(settings)
    assert settings["SCHEDULER"] == "scrapy.core.scheduler.Scheduler"
    assert settings.getdict("ITEM_PIPELINES")["pipelines.store.StorePipeline"] == 900
    assert "newscrawl.distributed.QueuePipeline" not in settings.getdict("ITEM_PIPELINES")


def test_with_redis_url_workers_share_a_frontier_and_queue_their_items(redis_url):
    settings = project_settings(NEWSCRAWL_REDIS_URL=redis_url)
    RedisAddon().update_settings(settings)
    assert settings["SCHEDULER"] == "newscrawl.distributed.Frontier"
    assert settings["DUPEFILTER_CLASS"] == "scrapy_redis.dupefilter.RFPDupeFilter"
    pipelines = settings.getdict("ITEM_PIPELINES")
    assert pipelines["pipelines.store.StorePipeline"] is None
    assert pipelines["newscrawl.distributed.QueuePipeline"] == 900
    assert pipelines["pipelines.timestamps.TimestampPipeline"] == 200  # workers still normalize


def test_an_unreachable_redis_is_one_line(tmp_path):
    from tests.faultsite import crawl

    run = crawl("mainichi_en", "127.0.0.1:9", tmp_path / "db.sqlite", NEWSCRAWL_REDIS_URL="redis://127.0.0.1:9/0")
    assert run.returncode == 2
    assert "error: NEWSCRAWL_REDIS_URL=redis://127.0.0.1:9/0: cannot reach Redis" in run.stderr
    assert "Traceback" not in run.stderr


def article(n: int) -> dict:
    return {"url": f"https://mainichi.jp/articles/2025/{n}", "title": f"記事 {n}", "body": ["本文。"],
            "outlet": "mainichi", "site": "mainichi", "language": "ja", "fetched_at": "2025-01-22T01:00:00+00:00"}


def rows(db) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT url, count(*) FROM articles GROUP BY url").fetchall()


def test_a_batch_committed_but_not_acknowledged_is_stored_once(server, tmp_path):
    db = tmp_path / "db.sqlite"
    server.rpush(ITEMS_KEY, *[encode({"article": article(n)}) for n in range(5)])
    ingester = Ingester(server, db, batch_size=3)

    def killed_after_commit(*args):
        raise KeyboardInterrupt  # what a kill between the SQLite commit and the Redis ack leaves

    ingester.ack = killed_after_commit
    with pytest.raises(KeyboardInterrupt):
        ingester.run(once=True)
    assert server.llen(PROCESSING_KEY) == 3 and len(rows(db)) == 3
    assert not server.exists(LOCK_KEY)

    progress = Ingester(server, db, batch_size=3).run(once=True)
    assert progress.recovered == 3 and progress.stored == 5
    assert sorted(rows(db)) == [(article(n)["url"], 1) for n in range(5)]
    assert server.llen(PROCESSING_KEY) == 0 and server.llen(ITEMS_KEY) == 0
    assert server.hlen(STORED_KEY) == 5  # what the workers will skip


def test_a_locked_database_is_waited_out(server, tmp_path, monkeypatch):
    from pipelines.store import StorePipeline

    server.rpush(ITEMS_KEY, encode({"article": article(1)}))
    real, tries = StorePipeline.flush, []

    def locked_once(self):
        tries.append(len(self.pending))
        if len(tries) == 1:
            raise sqlite3.OperationalError("database is locked")  # another writer held it past busy_timeout
        real(self)

    monkeypatch.setattr(StorePipeline, "flush", locked_once)
    progress = Ingester(server, tmp_path / "db.sqlite").run(once=True)
    assert progress.stored == 1 and tries[:2] == [1, 1]  # the same batch, written on the second try
    assert server.llen(PROCESSING_KEY) == 0


def test_messages_that_are_not_storable_articles_are_kept_aside(server, tmp_path):
    refused = encode({"article": {**article(2), "title": {"not": "text"}}})  # no SQLite type for it
    server.rpush(ITEMS_KEY, "not json", json.dumps({"article": {"title": "no url"}}), encode({"article": article(1)}), refused)
    progress = Ingester(server, tmp_path / "db.sqlite").run(once=True)
    assert progress.stored == 1 and progress.rejected == 3
    assert server.lrange(REJECTED_KEY, 0, -1) == ["not json", json.dumps({"article": {"title": "no url"}}), refused]
    assert server.hkeys(STORED_KEY) == [article_id(article(1)["url"])]  # workers will fetch the refused one again


def test_a_second_ingester_is_refused(server, tmp_path):
    first = Ingester(server, tmp_path / "db.sqlite")
    first.lock.acquire()
    with pytest.raises(UserError, match="another newscrawl ingest"):
        Ingester(server, tmp_path / "db.sqlite").run(once=True)
    first.lock.release()


def test_stored_articles_seed_the_workers_index(server, tmp_path):
    db = tmp_path / "db.sqlite"
    storage = Storage(db)
    storage.upsert_articles([article(1), article(2)])
    storage.close()
    Ingester(server, db).run(once=True)
    from newscrawl.distributed import StoredIndex

    found = StoredIndex(server).stored_urls([article(1)["url"], article(3)["url"]])
    assert found == {article(1)["url"]: "2025-01-22T01:00:00+00:00"}


def ingest(redis_url, db, *args):
    return subprocess.Popen(
        [sys.executable, "-m", "newscrawl.cli", "ingest", "--redis", redis_url, "--db", str(db), "--batch-size", "2", *args],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def test_two_workers_and_a_killed_ingester_store_every_article_once_fetched_once(redis_url, server, tmp_path):
    db = tmp_path / "db.sqlite"
    Storage(db).close()

    class Site(SampleSiteHandler):
        hits = Counter()
        lock = threading.Lock()
        gate = threading.Event()  # nothing is served until both workers have joined

        def do_GET(self):
            self.gate.wait(60)
            with self.lock:
                self.hits[self.path] += 1
            super().do_GET()

    env = {**os.environ, "NEWSCRAWL_REDIS_URL": redis_url}
    with serve_sample_site(SAMPLE_ROOT, handler=Site) as hostport:
        # The database is write-locked, so the first ingester takes a batch and waits on it.
        blocker = sqlite3.connect(db, timeout=0)
        blocker.execute("BEGIN IMMEDIATE")
        first = ingest(redis_url, db)
        workers = []
        try:
            for n in range(2):
                out = tmp_path / f"worker{n}"
                out.mkdir()
                workers.append(subprocess.Popen(
                    [sys.executable, "-c", RUNNER, hostport, str(db), str(out), *SAMPLE_SPIDERS],
                    cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=(out / "log").open("w"),
                ))
            wait_until(lambda: all(server.zcard(f"newscrawl:{s}:workers") == 2 for s in SAMPLE_SPIDERS), 60, "two workers")
            Site.gate.set()
            wait_until(lambda: server.llen(PROCESSING_KEY) > 0, 60, "the first batch", first)
            first.send_signal(signal.SIGKILL)
            first.wait(10)
            blocker.rollback()
            blocker.close()
            for w in workers:
                w.wait(180)
        finally:
            for p in [first, *workers]:
                stop(p)
    logs = "\n".join((tmp_path / f"worker{n}" / "log").read_text()[-2000:] for n in range(2))
    assert [w.returncode for w in workers] == [0, 0], logs
    assert len(rows(db)) == 0  # the killed ingester committed nothing

    second = ingest(redis_url, db, "--once")
    _, err = second.communicate(timeout=120)
    assert second.returncode == 0, err
    assert "from an interrupted batch" in err

    stored = rows(db)
    assert len(stored) >= 10 and all(count == 1 for _, count in stored)
    article_pages = {"/" + url.split("://", 1)[1] for url, _ in stored}
    assert {p: Site.hits[p] for p in article_pages} == dict.fromkeys(article_pages, 1)
    # Feeds and sitemaps: read by each worker (what they list changes).
    assert all(n <= 2 for p, n in Site.hits.items() if not p.endswith("/robots.txt")), Site.hits
    scraped = sum(json.loads((tmp_path / f"worker{n}" / "stats.json").read_text())[s].get("item_scraped_count", 0)
                  for n in range(2) for s in SAMPLE_SPIDERS)
    assert scraped == len(stored)
    assert server.llen(ITEMS_KEY) == server.llen(PROCESSING_KEY) == 0
    with sqlite3.connect(db) as conn:
        runs = conn.execute("SELECT spider, worker, finish_reason, stored FROM crawl_runs").fetchall()
    assert len(runs) == 2 * len(SAMPLE_SPIDERS) and len({r[1] for r in runs}) == 2  # each worker's runs, once
    assert {r[2] for r in runs} == {"finished"} and sum(r[3] for r in runs) == len(stored)
    # The round is over: the next scheduled crawl reads the feeds again.
    assert not any(server.exists(f"newscrawl:{s}:dupefilter") for s in SAMPLE_SPIDERS)
