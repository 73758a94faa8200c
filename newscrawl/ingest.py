"""Store what distributed workers queued in Redis: one writer, each article exactly once.

Workers (newscrawl/distributed.py) push messages to the list ``newscrawl:items``. The
ingester takes a batch by moving messages atomically to ``newscrawl:items:processing``
(BLMOVE, then LMOVE), writes the batch through the store pipeline in one SQLite
transaction, records the stored ids for the workers, and only then deletes the
processing list. Killed at any point, it loses nothing: on start it first stores
whatever the processing list still holds. A batch that was committed but not yet
deleted is simply written again, and since a write is an upsert keyed by the
article's canonical URL, the article still ends up stored once.

One ingester per queue: a lock key (refreshed while it runs, taken over when its
holder on this machine is dead) keeps a second one from interleaving batches.
Workers also queue one message per finished run, recorded in ``crawl_runs``
(idempotently, by worker and start time). Messages that are neither, and articles the
database refuses, are moved to ``newscrawl:items:rejected``, never
dropped.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import sqlite3
import time
import uuid
from dataclasses import dataclass

from newscrawl.distributed import ITEMS_KEY, STORED_KEY
from newscrawl.errors import UserError
from newscrawl.storage import article_id
from pipelines.base import Stats
from pipelines.store import StorePipeline

logger = logging.getLogger(__name__)

PROCESSING_KEY = f"{ITEMS_KEY}:processing"
REJECTED_KEY = f"{ITEMS_KEY}:rejected"
LOCK_KEY = "newscrawl:ingest:lock"


@dataclass
class Progress:
    stored: int = 0
    batches: int = 0
    recovered: int = 0
    rejected: int = 0
    runs: int = 0
    started: float = 0.0

    def rate(self) -> float:
        elapsed = time.monotonic() - self.started
        return self.stored / elapsed if elapsed > 0 else 0.0


class Ingester:
    def __init__(self, server, db, batch_size: int = 200, wait: float = 5.0):
        self.server = server
        self.batch_size = batch_size
        self.wait = wait
        self.stats = Stats()
        # Flushed by us after each batch, never on its own clock or size.
        self.store = StorePipeline(db, batch_size + 1, float("inf"), self.stats)
        self.unstored: set[str] = set()  # canonical URLs the store refused in this batch
        log_unstored = self.store.not_stored

        def not_stored(article, error):
            log_unstored(article, error)
            self.unstored.add(stored_key(article))

        self.store.not_stored = not_stored
        self.lock = Lock(server, LOCK_KEY)
        self.progress = Progress()

    def run(self, once: bool = False, report=None) -> Progress:
        """Store batches until the queue is empty (``once``) or forever; ``report(progress)`` after each."""
        self.lock.acquire()
        self.progress.started = time.monotonic()
        self.store.open_spider()
        try:
            self.index_stored()
            left = self.server.lrange(PROCESSING_KEY, 0, -1)
            if left:
                logger.info("storing %d message(s) left by an interrupted ingest", len(left))
                self.progress.recovered += len(left)
                self.handle(left)
            while True:
                self.lock.refresh()
                batch = self.take(block=not once)
                if batch:
                    self.handle(batch)
                    if report:
                        report(self.progress)
                elif once:
                    break
        finally:
            self.store.close_spider()
            self.lock.release()
        return self.progress

    def take(self, block: bool) -> list[str]:
        if block:
            first = self.server.blmove(ITEMS_KEY, PROCESSING_KEY, self.wait, "LEFT", "RIGHT")
        else:
            first = self.server.lmove(ITEMS_KEY, PROCESSING_KEY, "LEFT", "RIGHT")
        if first is None:
            return []
        pipe = self.server.pipeline(transaction=False)
        for _ in range(self.batch_size - 1):
            pipe.lmove(ITEMS_KEY, PROCESSING_KEY, "LEFT", "RIGHT")
        return [first, *(m for m in pipe.execute() if m is not None)]

    def handle(self, batch: list[str]) -> None:
        articles, runs, rejected = [], [], []
        before = self.stats["newscrawl/store/articles"]
        for raw in batch:
            kind, data = decode(raw)
            if kind == "article":
                articles.append((raw, data))
                self.store.process_item(data)
            elif kind == "run":
                runs.append(data)
            else:
                rejected.append(raw)
        self.write()
        if self.unstored:
            # An article the database refuses (the store logged why) is kept, not dropped.
            rejected += [raw for raw, a in articles if stored_key(a) in self.unstored]
            articles = [(raw, a) for raw, a in articles if stored_key(a) not in self.unstored]
            self.unstored.clear()
        articles = [a for _, a in articles]
        for run in runs:
            self.store.storage.record_run(run)
        self.ack(articles, rejected)
        self.progress.stored += self.stats["newscrawl/store/articles"] - before
        self.progress.rejected += len(rejected)
        self.progress.runs += len(runs)
        self.progress.batches += 1

    def write(self) -> None:
        """The pending batch in one transaction; waits out a database another writer holds."""
        while True:
            try:
                self.store.flush()
                return
            except sqlite3.OperationalError as e:
                if "locked" not in str(e) and "busy" not in str(e):
                    raise
                # Each try already waited busy_timeout (10 s); the batch is still pending.
                logger.warning("database is locked (%s); writing the batch again", e)
                self.lock.refresh()

    def ack(self, articles: list[dict], rejected: list[str]) -> None:
        pipe = self.server.pipeline(transaction=True)
        if articles:
            pipe.hset(STORED_KEY, mapping={stored_id(a): a.get("fetched_at") or "" for a in articles})
        if rejected:
            logger.warning("%d message(s) not stored: kept in %s", len(rejected), REJECTED_KEY)
            pipe.rpush(REJECTED_KEY, *rejected)
        pipe.delete(PROCESSING_KEY)
        pipe.execute()

    def index_stored(self, chunk: int = 10_000) -> None:
        """Fill ``newscrawl:stored`` from the database the first time, so workers skip what it holds."""
        if self.server.exists(STORED_KEY):
            return
        cursor = self.store.storage.conn.execute("SELECT id, fetched_at FROM articles")
        while rows := cursor.fetchmany(chunk):
            self.server.hset(STORED_KEY, mapping={i: f or "" for i, f in rows})


def decode(raw: str) -> tuple[str | None, dict | None]:
    """A queued message as ("article", fields), ("run", fields) or (None, None)."""
    try:
        message = json.loads(raw)
    except ValueError:
        return None, None
    if not isinstance(message, dict):
        return None, None
    article, run = message.get("article"), message.get("run")
    if isinstance(article, dict) and article.get("url"):
        return "article", article
    if isinstance(run, dict) and run.get("spider") and run.get("worker") and run.get("started_at"):
        return "run", run
    return None, None


def stored_key(article: dict) -> str:
    return article.get("canonical_url") or article["url"]


def stored_id(article: dict) -> str:
    return article_id(stored_key(article))


class Lock:
    """A Redis lock naming its holder (host:pid:token), taken over when that process is gone."""

    TTL = 30

    def __init__(self, server, key: str):
        self.server = server
        self.key = key
        self.token = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"

    def acquire(self) -> None:
        if self.server.set(self.key, self.token, nx=True, ex=self.TTL):
            return
        holder = self.server.get(self.key) or ""
        host, _, rest = holder.partition(":")
        pid = rest.partition(":")[0]
        if host == socket.gethostname() and pid.isdigit() and not _alive(int(pid)):
            # Killed without releasing: its lock would block us for up to TTL seconds.
            with self.server.pipeline(transaction=True) as pipe:
                pipe.watch(self.key)
                if pipe.get(self.key) == holder:
                    pipe.multi()
                    pipe.set(self.key, self.token, ex=self.TTL)
                    pipe.execute()
                    return
        raise UserError(f"another newscrawl ingest ({holder}) is storing this queue; one ingester per queue")

    def refresh(self) -> None:
        if self.server.get(self.key) != self.token:
            raise UserError(f"lost the ingest lock {self.key} to another ingester; stopping")
        self.server.expire(self.key, self.TTL)

    def release(self) -> None:
        if self.server.get(self.key) == self.token:
            self.server.delete(self.key)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
