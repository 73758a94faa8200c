#!/usr/bin/env python3
"""Scale-out throughput on loopback: pages/s per crawl worker, articles/s through ingest.

    python bench/bench_scaleout.py [--articles 400] [--messages 5000]

Starts its own redis-server (Debian's) and a loopback site whose feed lists N articles
in the Mainichi English structure, padded to the size of a real article page (~60 KB
with scripts and navigation). Measures, each as `scrapy crawl mainichi_en` in a
subprocess with DOWNLOAD_DELAY=0 and 16 requests per domain (the CPU ceiling: a polite
live crawl waits on the outlet, ~1-2 pages/s per outlet):

  plain        one crawl writing SQLite (no Redis)
  1 worker     one worker with NEWSCRAWL_REDIS_URL (items to Redis), then `ingest --once`
  2 workers    two workers sharing the frontier (pages/s summed)
  ingest       `newscrawl ingest` storing queued articles (articles/s, batches of 200)

Measured on the 2-core development machine while other jobs kept it busy (load
average 7-9: the two workers had no free core to gain from), 400 articles, 5,000 ingest
messages:

  plain       49 pages/s
  1 worker    39 pages/s
  2 workers   40 pages/s together (202 + 202 pages: the frontier is shared evenly)
  ingest   1,160 articles/s (2.4 KB of body each, full-text indexed, batches of 200)

One ingester keeps up with dozens of CPU-bound workers, and with thousands of polite
ones (a live crawl waits on each outlet at ~1-2 pages/s).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.faultsite import EN_FEED, FaultSite, crawl_command, en_page, en_url, path_of  # noqa: E402
from tests.servers import redis_server  # noqa: E402

FAST = {"CONCURRENT_REQUESTS_PER_DOMAIN": "16", "LOG_LEVEL": "INFO", "NEWSCRAWL_BATCH_SECONDS": "5"}
PADDING = "<script>" + "var analytics = {page: 'article', section: 'news'};\n" * 900 + "</script>"
PARAGRAPH = ("The government said on Wednesday that it would widen the drills with its partners, "
             "adding patrol vessels and aircraft to the exercise planned for the spring. ") * 3


def site(n: int) -> FaultSite:
    s = FaultSite()
    s.feed(EN_FEED, [en_url(i) for i in range(n)])
    for i in range(n):
        s.add(path_of(en_url(i)), en_page(i, extra_head=PADDING, body=[f"TOKYO -- {PARAGRAPH}"] + [PARAGRAPH] * 6))
    return s


def run_workers(hostport: str, db: Path, workers: int, redis_url: str | None) -> list[dict]:
    env = {k: v for k, v in os.environ.items() if k not in ("NEWSCRAWL_DB", "NEWSCRAWL_REPLAY_HOST", "NEWSCRAWL_REDIS_URL")}
    extra = {"NEWSCRAWL_REDIS_URL": redis_url} if redis_url else {}
    procs = [
        subprocess.Popen(crawl_command("mainichi_en", hostport, db, **FAST, **extra), cwd=ROOT, env=env,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        for _ in range(workers)
    ]
    return [stats_of(p.communicate(timeout=600)[1]) for p in procs]


def stats_of(log: str) -> dict:
    """Pages and seconds from the stats Scrapy dumps at the end of its log."""
    pages = re.search(r"'response_received_count': (\d+)", log)
    seconds = re.search(r"'elapsed_time_seconds': ([\d.]+)", log)
    if not (pages and seconds):
        raise SystemExit("a crawl did not finish:\n" + log[-3000:])
    return {"pages": int(pages.group(1)), "seconds": float(seconds.group(1))}


def bench_crawls(n: int) -> None:
    from newscrawl.distributed import connect

    with tempfile.TemporaryDirectory() as tmp, site(n).serve() as hostport, redis_server() as redis_url:
        tmp = Path(tmp)
        [plain] = run_workers(hostport, tmp / "plain.db", 1, None)
        print(f"plain      {plain['pages'] / plain['seconds']:5.0f} pages/s  ({plain['pages']} pages in {plain['seconds']:.1f} s)")
        for workers in (1, 2):
            connect(redis_url).flushdb()  # a fresh frontier and stored-index for each run
            results = run_workers(hostport, tmp / f"w{workers}.db", workers, redis_url)
            pages = sum(r["pages"] for r in results)
            seconds = max(r["seconds"] for r in results)
            print(f"{workers} worker{'s' if workers > 1 else ' '}  {pages / seconds:5.0f} pages/s  "
                  f"({pages} pages in {seconds:.1f} s; per worker {', '.join(str(r['pages']) for r in results)})")
            drain(redis_url, tmp / f"w{workers}.db")


def drain(redis_url: str, db: Path) -> None:
    subprocess.run([sys.executable, "-m", "newscrawl.cli", "ingest", "--redis", redis_url, "--db", str(db), "--once", "--quiet"],
                   cwd=ROOT, check=True, capture_output=True)


def bench_ingest(messages: int) -> None:
    from newscrawl.distributed import ITEMS_KEY, connect, encode
    from newscrawl.ingest import Ingester

    body = [PARAGRAPH] * 5
    with tempfile.TemporaryDirectory() as tmp, redis_server() as redis_url:
        server = connect(redis_url)
        pipe = server.pipeline(transaction=False)
        for i in range(messages):
            pipe.rpush(ITEMS_KEY, encode({"article": {
                "url": f"https://mainichi.jp/english/articles/20250122/p2a/00m/0na/{i:06d}c", "site": "mainichi_en",
                "outlet": "mainichi_en", "language": "en", "title": f"Story {i} about the drills", "body": body,
                "published_at": "2025-01-22T07:00:00+09:00", "fetched_at": "2025-01-22T01:00:00+00:00",
                "authors": ["Taro Sample"], "images": [{"url": f"https://cdn.mainichi.jp/{i}.jpg", "caption": "A photo."}],
            }}))
        pipe.execute()
        t0 = time.perf_counter()
        progress = Ingester(server, Path(tmp) / "db.sqlite").run(once=True)
        seconds = time.perf_counter() - t0
        print(f"ingest     {progress.stored / seconds:5.0f} articles/s  ({progress.stored} in {seconds:.1f} s, "
              f"{progress.batches} batches; {len(json.dumps(body)) / 1000:.1f} KB of body each)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=400, help="articles on the loopback site (default: 400)")
    ap.add_argument("--messages", type=int, default=5000, help="articles queued for the ingest bench (default: 5000)")
    args = ap.parse_args()
    bench_crawls(args.articles)
    bench_ingest(args.messages)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
