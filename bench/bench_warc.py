#!/usr/bin/env python3
"""WARC backfill speed: `newscrawl import FILE.warc.gz` pages/s, and how fast it skips.

    python bench/bench_warc.py [--copies 200] [--corpus-copies 25]

Writes two archives the way tests/warcs.py does (request + response records, gzip per
record, as CC-NEWS files are):
  sample   the sample site's pages (small: 2-8 KB of HTML each), each under --copies URLs
  corpus   the real outlet pages of ../shared/corpus (20-200 KB each, as CC-NEWS pages
           are), each under --corpus-copies URLs (skipped when ../shared is absent)
and measures on each
  import   every page through parser, pipelines and storage (pages/s)
  skip     `--site` matching no page: reading and dropping records of other sites, which
           is most of a CC-NEWS file for a Japanese backfill (MB/s of .warc.gz)

Measured on the 2-core development machine while other jobs kept it busy (load average
8-9, so a free core does more), with the defaults:

  sample  import     110 pages/s  (3,000 pages, 7.3 MB; small pages)
  sample  skip       5.9 MB/s     (many tiny records: the per-record cost dominates)
  corpus  import      46 pages/s  (250 pages, 9.1 MB: real 20-200 KB outlet pages)
  corpus  skip      18.3 MB/s     (records of real page size, as in CC-NEWS)

README "Backfill from web archives" turns these into hours for a month of CC-NEWS.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newscrawl.cli import main as newscrawl  # noqa: E402
from tests.warcs import rendered_sample_pages, write_warc  # noqa: E402

WHEN = datetime(2025, 1, 22, 3, 0, tzinfo=timezone.utc)
CORPUS = ROOT.parent / "shared" / "corpus" / "pages"


def corpus_pages():
    for meta in sorted(CORPUS.glob("*.json")):
        url = json.loads(meta.read_text())["url"]
        yield url, "text/html", meta.with_suffix(".html").read_bytes()


def measure(name: str, warc: Path, pages: int, tmp: Path) -> None:
    mb = warc.stat().st_size / 1e6
    t0 = time.perf_counter()
    newscrawl(["import", "--quiet", "--db", str(tmp / f"{name}.db"), str(warc)])
    seconds = time.perf_counter() - t0
    print(f"{name:7s} import  {pages / seconds:7.0f} pages/s  ({pages:,} pages, {mb:.1f} MB, {seconds:.1f} s)")
    t0 = time.perf_counter()
    newscrawl(["import", "--quiet", "--site", "nothing.example", "--db", str(tmp / f"{name}-skip.db"), str(warc)])
    seconds = time.perf_counter() - t0
    print(f"{name:7s} skip    {mb / seconds:7.1f} MB/s     ({seconds:.2f} s)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--copies", type=int, default=200, help="copies of each sample page (default: 200)")
    ap.add_argument("--corpus-copies", type=int, default=25, help="copies of each corpus page (default: 25)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        warc = tmp / "sample.warc.gz"
        urls = write_warc(warc, rendered_sample_pages(WHEN), WHEN, copies=args.copies)
        measure("sample", warc, len(urls), tmp)
        if CORPUS.is_dir():
            warc = tmp / "corpus.warc.gz"
            urls = write_warc(warc, corpus_pages(), WHEN, copies=args.corpus_copies)
            measure("corpus", warc, len(urls), tmp)
        else:
            print(f"corpus  skipped: {CORPUS} is absent")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
