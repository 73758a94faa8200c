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

Measured (300,000 articles over 3 years, 2 cores shared with other jobs, load ~6,
median of 3, wall clock, warm cache):

    (filled in by running the script; see the output it prints)
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


def timed(fn, repeat: int) -> tuple[float, object]:
    times, out = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), out


def export(conn, query: str, limit: int | None) -> tuple[int, float, float]:
    """(rows, seconds, peak MB of Python allocations) for streaming a CSV export."""
    tracemalloc.start()
    t0 = time.perf_counter()
    _, hits = stream(conn, query, since="1y", now=NOW)
    n = 0
    for n, line in enumerate(csv_lines(search_rows(hits)), 0):
        if limit is not None and n >= limit:
            break
    elapsed = time.perf_counter() - t0
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    return n, elapsed, peak


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
    for label, query, kw in CASES:
        conn.execute("SELECT count(*) FROM articles").fetchone()  # keep the cache warm between cases
        seconds, t = timed(lambda: timeline(conn, query, now=NOW, **kw), args.repeat)
        print(f"timeline  {label:42s} {seconds * 1000:8.0f} ms  {len(t.totals):4d} periods  {t.matching:>9,} matching")
    print()
    for label, query, limit in (("first 1,000 rows of 'typhoon'", "typhoon", 1000), ("every row of 'typhoon'", "typhoon", None),
                                ("every row of 'japan'", "japan", None)):
        n, seconds, peak = export(conn, query, limit)
        print(f"export    {label:42s} {n:>9,} rows in {seconds:6.1f} s = {n / seconds:7,.0f} rows/s, "
              f"peak Python memory {peak:5.1f} MB")
    conn.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
