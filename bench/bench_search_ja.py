"""Precision and recall of Japanese search on ../shared/search-ja, as a user gets them.

    python bench/bench_search_ja.py [--collection ../shared/search-ja] [--db /tmp/nc-search-ja.db] [-v]

Loads ``articles.jsonl`` with ``newscrawl import`` into a fresh database, then runs
every query of ``queries.tsv`` as ``newscrawl search --all --limit 5000 --format json
QUERY`` and compares the hits with the truth: a regex over each article's
NFKC-normalized, lowercased title and body (the collection's README). Per query:
precision = relevant hits / hits, recall = relevant hits / relevant articles, and
whether the top hit is relevant. Targets: mean precision >= 0.97, mean recall >=
0.95, no query below precision 0.9.

Measured (2,397 articles, 35 queries; rules 3, sudachidict_core 20261015):

    mean precision 0.998, mean recall 0.953, lowest precision 0.971 (澤穂希: 澤(穂希)さん
    is a match to us), top hit right 35/35. Recall lost on names: 桜 (and さくら, サクラ,
    sakura) 0.647 — 桜庭, 桜井, 琴桜 are names, whose kanji are not searched as words
    (else 櫻井 would be a 桜 too); 雪 0.8 (雪上 reads せつ); ジャパン 0.982 (katakana
    run together: サマンサタバサジャパンリミテッド); AKB 0.990 (akbingo).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def newscrawl(*args: str, stdin=None) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "newscrawl.cli", *args], capture_output=True, text=True, env=env,
                          stdin=stdin, check=False)


def load(collection: Path, db: Path) -> float:
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    t0 = time.perf_counter()
    r = newscrawl("import", "--db", str(db), str(collection / "articles.jsonl"))
    if r.returncode:
        sys.exit(f"import failed: {r.stderr}")
    print(r.stderr.strip())
    return time.perf_counter() - t0


def texts(collection: Path) -> dict[str, list[str]]:
    """url -> the NFKC-lowercased title + body of each article with that URL."""
    out: dict[str, list[str]] = {}
    with open(collection / "articles.jsonl", encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            text = unicodedata.normalize("NFKC", (a.get("title") or "") + "\n" + "\n".join(a.get("body") or [])).lower()
            out.setdefault(a.get("canonical_url") or a["url"], []).append(text)
    return out


def queries(collection: Path) -> list[tuple[str, str]]:
    rows = []
    for line in (collection / "queries.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            query, truth = line.split("\t")
            rows.append((query, truth))
    return rows


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--collection", type=Path, default=ROOT.parent / "shared" / "search-ja")
    ap.add_argument("--db", type=Path, default=Path("/tmp/nc-search-ja.db"))
    ap.add_argument("--no-load", action="store_true", help="reuse the database from the last run")
    ap.add_argument("-v", "--verbose", action="store_true", help="print the wrong and the missed articles")
    args = ap.parse_args(argv)
    if not (args.collection / "queries.tsv").exists():
        sys.exit(f"no collection at {args.collection}")
    if not args.no_load:
        print(f"imported in {load(args.collection, args.db):.1f} s")
    docs = texts(args.collection)
    rows = []
    for query, truth in queries(args.collection):
        pattern = re.compile(truth)
        relevant = {u for u, ts in docs.items() if any(pattern.search(t) for t in ts)}
        r = newscrawl("search", "--db", str(args.db), "--all", "--limit", "5000", "--format", "json", "--lang", "en", query)
        if r.returncode:
            print(f"{query}: {r.stderr.strip()}")
            rows.append((query, 0.0, 0.0, False, 0, len(relevant), []))
            continue
        result = json.loads(r.stdout)
        hits = [h["url"] for h in result["hits"]]
        right = [u for u in hits if u in relevant]
        precision = len(right) / len(hits) if hits else (1.0 if not relevant else 0.0)
        recall = len(set(right)) / len(relevant) if relevant else 1.0
        top = bool(hits) and hits[0] in relevant
        rows.append((query, precision, recall, top, len(hits), len(relevant), result["notes"]))
        if args.verbose:
            for u in hits:
                if u not in relevant:
                    print(f"  {query}: wrong {u} {docs.get(u, [''])[0][:60]!r}")
            for u in sorted(relevant - set(hits))[:10]:
                m = pattern.search(docs[u][0])
                ctx = docs[u][0][max(0, m.start() - 15) : m.end() + 15] if m else ""
                print(f"  {query}: missed {u} …{ctx!r}…")
    print(f"\n{'query':24} {'P':>6} {'R':>6} top  hits/relevant  notes")
    for query, p, r, top, n, rel, notes in rows:
        print(f"{query:24} {p:6.3f} {r:6.3f} {'yes' if top else 'NO ':4} {n:5}/{rel:<5}  {'; '.join(notes)[:90]}")
    mp = statistics.mean(r[1] for r in rows)
    mr = statistics.mean(r[2] for r in rows)
    low = min(rows, key=lambda r: r[1])
    tops = sum(r[3] for r in rows)
    print(f"\nmean precision {mp:.3f}, mean recall {mr:.3f}, lowest precision {low[1]:.3f} ({low[0]}), "
          f"top hit right {tops}/{len(rows)}")
    ok = mp >= 0.97 and mr >= 0.95 and low[1] >= 0.9
    print("targets (P >= 0.97, R >= 0.95, every P >= 0.9):", "met" if ok else "NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
