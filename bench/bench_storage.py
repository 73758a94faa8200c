"""Articles stored per second through the storage pipeline, beside a raw executemany.

    python bench/bench_storage.py [--articles 100000] [--batch 200]

The pipeline path is what a crawl does: StorePipeline.process_item for every item,
batched transactions, upserts, authors, images and the full-text index. The raw path
inserts the same rows into the same schema (articles + articles_fts) with one
executemany in one transaction: the ceiling. Targets: >= 2,000 articles/s and >= 0.5x raw
(set when the index held bigrams; with Japanese morphological analysis (issue 11) the
Japanese half costs the analyzer's time: see bench/bench_search.py for the indexing rate).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newscrawl.storage import ARTICLE_COLUMNS, Storage, article_row  # noqa: E402
from newscrawl.textindex import index_fields  # noqa: E402
from pipelines.store import StorePipeline  # noqa: E402

EN = "the prime minister said on tuesday that japan would raise defense spending and cooperate with allies".split()
JA = "政府は十四日、防衛費の増額と同盟国との協力を進める方針を明らかにした。地震の被害状況を調べている。"


def generate(n: int, seed: int = 1):
    rnd = random.Random(seed)
    for i in range(n):
        ja = i % 2 == 0
        if ja:
            body = ["".join(rnd.sample(JA, len(JA))) for _ in range(rnd.randint(4, 10))]
            title = "".join(rnd.sample(JA, 24))
        else:
            body = [" ".join(rnd.choices(EN, k=rnd.randint(30, 70))) for _ in range(rnd.randint(4, 10))]
            title = " ".join(rnd.choices(EN, k=10)).capitalize()
        yield {
            "url": f"https://example.jp/articles/{i}",
            "site": "mainichi",
            "outlet": "mainichi",
            "language": "ja" if ja else "en",
            "title": title,
            "published_at": f"2025-01-{1 + i % 28:02d}T{i % 24:02d}:00:00+09:00",
            "published_precision": 60,
            "authors": [f"Author {i % 500}"],
            "body": body,
            "images": [{"url": f"https://example.jp/img/{i}.jpg", "caption": "A caption.", "credit": "Kyodo"}],
            "fetched_at": "2025-02-01T00:00:00+00:00",
        }


class _Stats:
    def inc_value(self, *a, **k):
        pass


def bench_pipeline(path: Path, items: list[dict], batch: int) -> float:
    pipe = StorePipeline(str(path), batch, 5.0, _Stats())
    pipe.open_spider()
    t0 = time.perf_counter()
    for item in items:
        pipe.process_item(item)
    pipe.close_spider()
    return time.perf_counter() - t0


def bench_raw(path: Path, items: list[dict]) -> float:
    s = Storage(path)
    cols = list(ARTICLE_COLUMNS)
    t0 = time.perf_counter()
    rows = [article_row(a) for a in items]
    with s.conn:
        s.conn.executemany(
            f"INSERT INTO articles ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
            [[r[c] for c in cols] for r in rows],
        )
        s.conn.executemany(
            "INSERT INTO articles_fts (rowid, title, body, grams) VALUES (?, ?, ?, ?)",
            [(i + 1, *index_fields(r["title"], r["body"])) for i, r in enumerate(rows)],
        )
    elapsed = time.perf_counter() - t0
    s.close()
    return elapsed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--batch", type=int, default=200)
    args = ap.parse_args()
    items = list(generate(args.articles))
    with tempfile.TemporaryDirectory() as tmp:
        raw = bench_raw(Path(tmp) / "raw.db", items)
        pipe = bench_pipeline(Path(tmp) / "pipe.db", items, args.batch)
        again = bench_pipeline(Path(tmp) / "pipe.db", items, args.batch)  # every item an update
    n = args.articles
    print(f"articles: {n:,}  batch: {args.batch}")
    print(f"raw executemany, one transaction : {n / raw:9,.0f} articles/s ({raw:.1f} s)")
    print(f"StorePipeline, new articles      : {n / pipe:9,.0f} articles/s ({pipe:.1f} s)  {raw / pipe:.2f}x raw")
    print(f"StorePipeline, re-crawl (updates): {n / again:9,.0f} articles/s ({again:.1f} s)  {raw / again:.2f}x raw")
    ok = n / pipe >= 2000 and raw / pipe >= 0.5
    print("target (>= 2,000/s and >= 0.5x raw):", "met" if ok else "NOT met")


if __name__ == "__main__":
    main()
