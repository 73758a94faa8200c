"""Hostile input, measured: one huge SQL value on `newscrawl serve`, one huge article in search.

    python bench/bench_hostile.py                 # this checkout
    PYTHONPATH=/path/to/old/checkout python bench/bench_hostile.py   # compare

1. ``select printf('%.*c', 900000000, 'x')`` sent to a running `newscrawl serve`:
   wall time of the request and the server's peak RSS (VmHWM) afterwards.
2. A 50 MB article body through the crawl's pipelines into a fresh database, then a
   search matching it: the stored body length and the search time.

Measured on the shared 2-core machine (load ~7, so times are inflated), 2026-11-27:

    before (e68ad9c)                          after (robust)
    printf: 20.8 s, server peak RSS 0.92 GB   printf: 0.00 s, peak RSS 0.06 GB, answer NULL
    50 MB body stored whole (50,066,684);     body stored as 200,270 characters (truncated);
    search matching it: 12.6 s                search matching it: 0.07 s
"""

from __future__ import annotations

import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def bench_printf(db: Path) -> None:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "newscrawl.cli", "serve", "--db", str(db), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/{db.stem}.json?_shape=array&sql="
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "select+1", timeout=1).read()
                break
            except OSError:
                time.sleep(0.2)
        before = peak_rss_mb(proc.pid)
        sql = urllib.parse.quote("select length(printf('%.*c', 900000000, 'x')) as n")
        t0 = time.perf_counter()
        try:
            body = urllib.request.urlopen(base + sql, timeout=120).read()[:200].decode()
        except urllib.error.HTTPError as e:
            body = f"HTTP {e.code}: {e.read()[:200].decode()}"
        elapsed = time.perf_counter() - t0
        print(f"printf: {elapsed:.2f} s, peak RSS {peak_rss_mb(proc.pid) / 1024:.2f} GB "
              f"(before the query {before / 1024:.2f} GB); answer {body}")
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def bench_huge_article(db: Path) -> None:
    from newscrawl.items import Article
    from newscrawl.search import search
    from newscrawl.storage import Storage
    from pipelines import normalize_article

    words = ("The harbour authority said the tsunami warning was lifted in the evening. " * 20).strip()
    body = [words] * (50_000_000 // len(words))
    article = Article(url="https://www.example-news.jp/articles/huge", title="A very long page", body=body,
                      outlet="example", site="example", language="en", published_at="2025-01-20T10:00:00+09:00")
    storage = Storage(db)
    storage.upsert_articles([normalize_article(article).to_dict()])
    stored = storage.conn.execute("SELECT length(body) FROM articles").fetchone()[0]
    storage.close()
    t0 = time.perf_counter()
    result = search(str(db), "tsunami", ui_lang="en", all_time=True)
    print(f"huge article: stored body {stored:,} characters; search matching it: "
          f"{time.perf_counter() - t0:.2f} s ({result.total} hit)")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        bench_huge_article(db)
        bench_printf(db)


if __name__ == "__main__":
    main()
