#!/usr/bin/env python3
"""The generic layer's scores on pages of sites split into folds: the sites a rule was
written while looking at (dev) against sites it was not (held-out).

    python bench/generic_folds.py [DIR] [--held-out 3,4] [--trafilatura] [--misses dev]

Pages of ../shared/corpus-generic (or DIR) go to one of 5 folds by their site (the
registered domain, so every page of a site lands in the same fold), through a stable
hash. Develop by reading the misses of the dev folds only (``--misses dev`` lists
them); a change counts when it helps the held-out folds too, whose pages nobody reads.
A rule that fits one site helps only the fold that site is in.

Scores are those of ../shared/tools/score_generic.py (imported), for what
``newscrawl extract`` prints (the same function, in-process) and, with
``--trafilatura``, for that library on the same pages.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
import sys
import zlib
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FOLDS = 5
KEYS = ["title", "date", "day", "body_f1", "body_with", "body_without", "authors_f1", "caption", "credit"]


def site(url: str) -> str:
    from newscrawl.parsers.content import _site

    return _site(urlsplit(url).hostname or "")


def fold_of(url: str) -> int:
    return zlib.crc32(site(url).encode()) % FOLDS


def scorer(corpus: Path):
    path = corpus.parent / "tools" / "score_generic.py"
    spec = importlib.util.spec_from_file_location("score_generic", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_one(args) -> tuple[str, dict, dict, str | None]:
    js, corpus, which = args
    js = Path(js)
    sg = scorer(Path(corpus))
    exp = json.loads(js.read_text())
    html = js.with_suffix(".html")
    try:
        if which == "trafilatura":
            got = sg.run_trafilatura(html, exp["url"])
        else:
            got = project(html, exp)
        return js.stem, exp, sg.score(exp, got), None
    except Exception as e:  # noqa: BLE001 - a crash scores 0, as in the scorer
        return js.stem, exp, {k: 0.0 for k in sg.owed(exp)}, f"{type(e).__name__}: {e}"


def project(html: Path, exp: dict) -> dict:
    """What score_generic.run_project reads from `newscrawl extract`, without a process."""
    from newscrawl.extract import extract_file

    fetched = exp.get("fetched_at")
    if fetched:
        from datetime import datetime

        fetched = str(fetched).replace(" ", "T")
        try:
            naive = datetime.fromisoformat(fetched.replace("Z", "+00:00")).tzinfo is None
        except ValueError:
            naive = False
        if naive:
            fetched += "+00:00"
    d = json.loads(json.dumps(extract_file(html, url=exp["url"], fetched_at=fetched).to_dict(), default=str))
    body = d.get("body")
    return {
        "title": d.get("title"),
        "published_at": d.get("published_at"),
        "authors": d.get("authors") or [],
        "body": "\n".join(body) if isinstance(body, list) else body or "",
        "images": d.get("images") or [],
    }


def means(rows) -> dict:
    out = {}
    for k in KEYS:
        values = [r[k] for r in rows if k in r]
        if values:
            out[k] = (statistics.mean(values), len(values))
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", nargs="?", default=str(ROOT.parent / "shared" / "corpus-generic"))
    ap.add_argument("--held-out", default="3,4", help="folds not to look at (default 3,4)")
    ap.add_argument("--trafilatura", action="store_true", help="score trafilatura beside")
    ap.add_argument("--misses", choices=("dev",), help="list the dev pages that miss a field")
    ap.add_argument("--save", metavar="FILE", help="write the project's per-page scores to FILE (JSON)")
    ap.add_argument("--diff", metavar="FILE", help="list the dev pages whose scores changed since --save FILE")
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args(argv)
    corpus = Path(args.corpus)
    files = sorted((corpus / "pages").glob("*.json"))
    if not files:
        print(f"generic_folds: no pages/*.json in {corpus}", file=sys.stderr)
        return 2
    held = {int(x) for x in args.held_out.split(",") if x.strip()}
    who = ["project"] + (["trafilatura"] if args.trafilatura else [])
    results = {}
    with ProcessPoolExecutor(args.jobs) as ex:
        for w in who:
            results[w] = list(ex.map(run_one, [(str(f), str(corpus), w) for f in files], chunksize=4))
    part = lambda exp: "held-out" if fold_of(exp["url"]) in held else "dev"  # noqa: E731
    groups = {}
    for w, rows in results.items():
        for name, exp, r, err in rows:
            for g in ("all", part(exp)):
                for sub in ("", f" {exp.get('group')}" if exp.get("group") == "ja" else None):
                    if sub is not None:
                        groups.setdefault((g + sub, w), []).append(r)
    head = f"{'':24s} {'pages':>5s} " + " ".join(f"{k[:10]:>10s}" for k in KEYS)
    print(head)
    for (g, w), rows in sorted(groups.items(), key=lambda kv: (kv[0][0].split()[0] != "all", kv[0][0], kv[0][1])):
        m = means(rows)
        print(f"{g + ' ' + w[:5]:24s} {len(rows):>5d} " + " ".join(f"{m[k][0]:>10.3f}" if k in m else f"{'':>10s}" for k in KEYS))
    errors = [(n, e) for n, _, _, e in results["project"] if e]
    for n, e in errors:
        print(f"error {n}: {e}")
    per_page = {name: r for name, _, r, _ in results["project"]}
    if args.save:
        Path(args.save).write_text(json.dumps(per_page, indent=1))
    if args.diff:
        before = json.loads(Path(args.diff).read_text())
        for name, exp, r, err in results["project"]:
            old = before.get(name, {})
            changed = {k: (round(old.get(k, 0), 2), round(v, 2)) for k, v in r.items() if abs(v - old.get(k, 0)) > 0.005}
            if changed:
                print(f"{part(exp)} {name}: " + (str(changed) if part(exp) == "dev" else f"{len(changed)} field(s)"))
    if args.misses:
        for name, exp, r, err in results["project"]:
            if part(exp) != "dev":
                continue
            bad = {k: round(v, 2) for k, v in r.items() if v < 1 and k in KEYS}
            if bad:
                print(f"miss {name}: {bad}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
