"""Japanese articles indexed per second on one core: words (this index) beside bigrams.

    python bench/bench_index.py [--collection ../shared/search-ja] [--repeat 2]

Realistic text: the Japanese articles of ../shared/search-ja (real news and
headlines, 512 characters on average). Times are this process's CPU time, so other
work on a shared machine does not count against it. Three rates:

- text only: ``textindex.index_fields`` (analysis, parts, grams) against the
  bigram-only text of the index before issue 11 (reimplemented below, 10 lines);
- stored: ``Storage.upsert_articles`` into a fresh database in batches of 500, as
  a crawl or ``newscrawl import`` writes (articles, authors, the full-text index).

Target: >= 500 articles/s stored with the analyzer. Measured (2 cores, load ~7, CPU
time; second pass, the analyzer's caches warm as in any long import):

    words:   text only    696 articles/s, stored    615 articles/s
    bigrams: text only  6,015 articles/s

The first pass is slower (about 370/s text only): each new word is looked up once
(its parts, whether it is also a name).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newscrawl.storage import Storage  # noqa: E402
from newscrawl.textindex import CJK_RUN, analyzer, index_fields  # noqa: E402


def bigram_text(text: str) -> str:
    """The index before issue 11: NFKC, lower, every CJK run as overlapping bigrams."""
    def grams(run: str) -> str:
        if len(run) == 1:
            return run
        return " ".join([run[i : i + 2] for i in range(len(run) - 1)] + [run[-1]])

    return CJK_RUN.sub(lambda m: " " + grams(m.group()) + " ", unicodedata.normalize("NFKC", text or "").lower())


def rate(articles: list[dict], fn) -> float:
    t0 = time.process_time()
    for a in articles:
        fn(a)
    return len(articles) / (time.process_time() - t0)


def stored_rate(articles: list[dict]) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        s = Storage(Path(tmp) / "bench.db")
        t0 = time.process_time()
        for i in range(0, len(articles), 500):
            s.upsert_articles(articles[i : i + 500])
        elapsed = time.process_time() - t0
        s.close()
    return len(articles) / elapsed


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--collection", type=Path, default=ROOT.parent / "shared" / "search-ja")
    ap.add_argument("--repeat", type=int, default=2, help="passes; the last one is reported")
    args = ap.parse_args(argv)
    path = args.collection / "articles.jsonl"
    if not path.exists():
        sys.exit(f"no collection at {args.collection}")
    articles = [a for a in map(json.loads, path.open(encoding="utf-8")) if a.get("language") == "ja"]
    for a in articles:
        a.pop("source", None)
    chars = sum(len(a.get("title") or "") + sum(map(len, a.get("body") or [])) for a in articles) / len(articles)
    print(f"{len(articles):,} Japanese articles, {chars:,.0f} characters on average")
    analyzer()
    for _ in range(args.repeat):
        words = rate(articles, lambda a: index_fields(a.get("title"), "\n\n".join(a.get("body") or [])))
        bigrams = rate(articles, lambda a: (bigram_text(a.get("title")), bigram_text("\n\n".join(a.get("body") or []))))
        stored = stored_rate(articles)
    print(f"words:   text only {words:6,.0f} articles/s, stored {stored:6,.0f} articles/s")
    print(f"bigrams: text only {bigrams:6,.0f} articles/s")
    print("target (>= 500 articles/s stored):", "met" if stored >= 500 else "NOT met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
