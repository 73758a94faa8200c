"""Timeline and export speed on a generated collection (bench_search.py's articles).

    python bench/bench_timeline.py [--db /tmp/newscrawl-bench-1m.db] [--articles 1000000]

Builds (or tops up) the same database as ``bench/bench_search.py`` and gives a third
of its articles a ``story_id`` shared with two neighbours, then times
``newscrawl.search.attention.timeline`` as the CLI, the chart and ``/-/timeline.*``
call it, and streams a whole search export (``engine.stream`` through the CSV writer
the page uses) to nowhere, reporting rows per second and the peak of Python memory
(tracemalloc) for a small and a large export: streaming keeps it flat.

The search page draws its chart within ``views.CHART_BUDGET_S`` (1 s); past it the
page shows a note and the download links instead of the chart.

Measured (300,000 articles over 3 years, 4.6 GB; 2 cores shared with other jobs at
load ~6, so wall clock runs ~2.5x CPU; medians of 3, warm cache; ms wall / CPU):

    timeline                                   scope counted   scope reused
    no words, 1 year by day                      225 /  83        12 /   4
    no words, all time by month                  535 / 234         2 /   2
    word 'typhoon', 1 year by day                335 / 114       101 /  39
    word 'typhoon', 1 year by week               340 / 135        81 /  31
    word 'typhoon', all time by month            769 / 292       113 /  43
    phrase 'prime minister', 1 year by day       299 / 114        64 /  27
    Japanese 地震, 1 year by day                 573 / 229       319 / 121
    word + outlet:mainichi (family)              118 /  44        83 /  31
    word, stories instead of articles            701 / 271       191 /  74
    word, Europe/Berlin (summer time)            359 / 123        95 /  34

    export first 1,000 rows of 'typhoon'      1,000 rows:  669 rows/s wall, 1,704 CPU; peak Python memory 3.1 MB
    export every row of 'typhoon', all time  10,608 rows:  864 rows/s wall, 2,188 CPU; peak Python memory 3.9 MB
    export every article of outlet:nhk, 1y   10,098 rows:  653 rows/s wall, 1,578 CPU; peak Python memory 2.7 MB

"Scope counted" is the first timeline after a crawl wrote (every article the filters
and window allow is counted, from the covering index of migration 4; without that
index the 1-year count read each wide row: 2,333 ms wall here); "scope reused" is
every later query with the same filters and window. Exports hold one batch of 500
hits: the peak stays ~3-4 MB whatever the number of rows; half their CPU is the
snippet highlighter.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_search import NOW, build  # noqa: E402

from newscrawl.search import attention  # noqa: E402
from newscrawl.search.attention import timeline  # noqa: E402
from newscrawl.search.engine import stream  # noqa: E402
from newscrawl.search.export import csv_lines, search_rows  # noqa: E402
from newscrawl.storage import Storage  # noqa: E402

CASES = [
    # (label, query, keyword arguments)
    ("no words, 1 year by day", "", {"since": "1y", "by": "day"}),
    ("no words, all time by month", "", {"all_time": True, "by": "month"}),
    ("word 'typhoon', 1 year by day", "typhoon", {"since": "1y", "by": "day"}),
    ("word 'typhoon', 1 year by week", "typhoon", {"since": "1y", "by": "week"}),
    ("word 'typhoon', all time by month", "typhoon", {"all_time": True, "by": "month"}),
    ("phrase 'prime minister', 1 year by day", '"prime minister"', {"since": "1y", "by": "day"}),
    ("Japanese 地震, 1 year by day", "地震", {"since": "1y", "by": "day"}),
    ("word + outlet:mainichi (family)", "typhoon outlet:mainichi", {"since": "1y", "by": "day"}),
    ("word, stories instead of articles", "typhoon", {"since": "1y", "by": "day", "count": "stories"}),
    ("word, Europe/Berlin (summer time)", "typhoon", {"since": "1y", "by": "day", "tz": "Europe/Berlin"}),
]


def stories(path: Path) -> None:
    """Every third article starts a story its two successors join (once)."""
    s = Storage(path)
    if s.conn.execute("SELECT 1 FROM articles WHERE story_id IS NOT NULL LIMIT 1").fetchone() is None:
        with s.conn:
            s.conn.execute("UPDATE articles SET story_id = 'story-' || ((rowid - 1) / 3)")
    s.close()


def timed(fn, repeat: int, fresh: bool) -> tuple[float, float, object]:
    """Median (wall, CPU) seconds of ``fn()``; ``fresh`` forgets the cached scope
    counts first, as after a crawl wrote to the database."""
    walls, cpus, out = [], [], None
    for _ in range(repeat):
        if fresh:
            attention._CACHE.clear()
        t0, c0 = time.perf_counter(), time.process_time()
        out = fn()
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    return statistics.median(walls), statistics.median(cpus), out


def export(conn, query: str, limit: int | None, **kw) -> tuple[int, float, float, float]:
    """(rows, wall and CPU seconds, peak MB of Python allocations) for streaming a CSV export."""
    tracemalloc.start()
    t0, c0 = time.perf_counter(), time.process_time()
    _, hits = stream(conn, query, now=NOW, **kw)
    n = 0
    for n, line in enumerate(csv_lines(search_rows(hits)), 0):
        if limit is not None and n >= limit:
            break
    elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    return n, elapsed, cpu, peak


def main(argv=None) -> int:
    import os
    import sqlite3

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", default="/tmp/newscrawl-bench-1m.db")
    ap.add_argument("--articles", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    path = Path(args.db)
    build(path, args.articles)
    stories(path)
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    total = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    print(f"{path}: {total:,} articles; medians of {args.repeat}, warm cache, wall clock; load {os.getloadavg()[0]:.1f}\n")
    print(f"{'timeline':42s} {'scope counted':>20s} {'scope reused':>20s}   (wall / CPU ms)")
    for label, query, kw in CASES:
        run = lambda: timeline(conn, query, now=NOW, **kw)  # noqa: E731
        wall, cpu, t = timed(run, args.repeat, fresh=True)
        again, again_cpu, _ = timed(run, args.repeat, fresh=False)
        print(f"{label:42s} {wall * 1000:9.0f} / {cpu * 1000:6.0f} {again * 1000:11.0f} / {again_cpu * 1000:6.0f}"
              f"   {len(t.totals):4d} periods {t.matching:>9,} matching")
    print()
    exports = (
        ("first 1,000 rows of 'typhoon', all time", "typhoon", 1000, {"all_time": True}),
        ("every row of 'typhoon', all time", "typhoon", None, {"all_time": True}),
        ("every article of outlet:nhk, 1 year", "outlet:nhk", None, {"since": "1y"}),
    )
    for label, query, limit, kw in exports:
        n, wall, cpu, peak = export(conn, query, limit, **kw)
        print(f"export {label:40s} {n:>7,} rows: {n / wall:6,.0f} rows/s wall, {n / cpu:6,.0f} rows/s CPU; "
              f"peak Python memory {peak:4.1f} MB")
    conn.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
