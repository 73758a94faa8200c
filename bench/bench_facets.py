"""Outlet counts for the search page: one search per outlet (before) against one
facet search (``limit=0, facets=("outlet",)``, after), on a generated collection.

    python bench/bench_facets.py --db /tmp/newscrawl-bench-1m.db   # built by bench/bench_search.py
    python bench/bench_facets.py --db /tmp/nc-bench-20k.db

Both run as the Datasette page runs them: a kept connection, the page's default
range (one year), the page's filters. Times are wall clock, the median of
``--repeat`` runs with a warm cache; no time budget, so the full cost shows.

Measured on 2 shared cores (load ~1), the 1,000,000-article collection (15 GB,
8 outlets, 333k articles in the one-year window), median of 3; "page" is the
page's own search (20 hits), "loop" and "one pass" the outlet counts:

    query                matches     page      loop  one pass speed-up
    typhoon               11,883     53ms     549ms      67ms     8.2x
    minister              81,102    236ms    2978ms     373ms     8.0x
    earthquake             4,996     25ms     285ms      35ms     8.2x
    "prime minister"       6,855     43ms     424ms      50ms     8.5x
    tokyo election            74      5ms      26ms       3ms     9.0x
    地震                  54,454    162ms    2233ms     264ms     8.5x
    東京都知事            21,084     96ms    1178ms     134ms     8.8x
    選挙 台風                366      9ms      66ms       7ms     9.5x
    (browse)             333,170      9ms      15ms      52ms     0.3x
    median: loop 424 ms, one pass 52 ms; over the 0.5 s budget: loop 4/9, one pass 0/9

Browsing without words is the one case the loop won: each per-outlet count
seeks the (outlet, published_utc) index, while the GROUP BY reads all of it;
52 ms is well inside the budget. The 20k collection: loop median 12 ms, one pass 2 ms.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newscrawl.storage import distinct_values  # noqa: E402
from newscrawl.search import search  # noqa: E402

NOW = datetime(2025, 6, 1, tzinfo=timezone.utc)  # bench_search.py's collection ends here
QUERIES = ["typhoon", "minister", "earthquake", '"prime minister"', "tokyo election", "地震", "東京都知事", "選挙 台風", ""]


def per_outlet(conn, q, kwargs, outlets):
    """The page's old loop: the same search once per outlet, counting only."""
    counts = []
    for outlet in outlets:
        total = search(conn, q, **dict(kwargs, outlet=outlet, limit=1, offset=0)).total
        if total:
            counts.append((outlet, total))
    return sorted(counts, key=lambda c: (-c[1], c[0]))


def one_pass(conn, q, kwargs):
    return search(conn, q, **dict(kwargs, limit=0, offset=0), facets=("outlet",)).facets["outlet"]


def median_ms(fn, repeat):
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", default="/tmp/newscrawl-bench-1m.db")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--lang", default="", help="also filter by article language, as the page's selector does")
    args = ap.parse_args(argv)
    conn = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
    outlets = distinct_values(conn, "outlet")
    kwargs = dict(since=NOW - timedelta(days=365), all_time=False, limit=20, offset=0, now=NOW, ui_lang="id",
                  lang=args.lang or None)
    search(conn, "warm", **kwargs)  # load the timeline once, as a running server has
    print(f"{args.db}: {conn.execute('SELECT max(rowid) FROM articles').fetchone()[0]:,} articles, {len(outlets)} outlets")
    print(f"{'query':<18} {'matches':>9} {'page':>8} {'loop':>9} {'one pass':>9} {'speed-up':>8}")
    before, after = [], []
    for q in QUERIES:
        page_ms, result = median_ms(lambda: search(conn, q, **kwargs), args.repeat)
        loop_ms, old = median_ms(lambda: per_outlet(conn, q, kwargs, outlets), args.repeat)
        pass_ms, new = median_ms(lambda: one_pass(conn, q, kwargs), args.repeat)
        assert old == new, (q, old, new)  # the same counts, or the comparison means nothing
        before.append(loop_ms)
        after.append(pass_ms)
        print(f"{q or '(browse)':<18} {result.total:>9,} {page_ms:>6.0f}ms {loop_ms:>7.0f}ms {pass_ms:>7.0f}ms {loop_ms / pass_ms:>7.1f}x")
    print(f"median: loop {statistics.median(before):.0f} ms, one pass {statistics.median(after):.0f} ms; "
          f"over the 0.5 s budget: loop {sum(t > 500 for t in before)}/{len(before)}, "
          f"one pass {sum(t > 500 for t in after)}/{len(after)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
