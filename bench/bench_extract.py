#!/usr/bin/env python3
"""Extraction quality and speed, our parsers beside trafilatura, on the outlet corpus
(../shared/corpus) and on pages of sites no parser knows (../shared/corpus-generic).

    pip install -e '.[bench]'    # trafilatura, to compare with
    python bench/bench_extract.py [CORPUS_DIR] [--generic DIR | --no-generic] [--repeat N] [--no-trafilatura]

Per page: the scores of ../shared/tools/score_extraction.py (title, date, day, body_f1,
caption, credit; imported, not copied) for our parser + normalization pipelines, and
milliseconds per page for
  parse      our parser alone (structured data + selectors; the generic fallback only
             where a page needs it, which the "fallback" column shows),
  +norm      parser + the normalization pipelines (what `newscrawl extract` runs),
  trafil.    trafilatura.extract with metadata on the same HTML.
`rawcap` checks the parser's raw captions before the caption pipeline: the expected
caption plus the credit suffix as printed, or the caption with a separate credit.

The generic corpus is scored with ../shared/tools/score_generic.py (imported): mean per
field and per group for our generic layer + pipelines and for trafilatura, and
milliseconds per page for both on the same decoded HTML (fastest of --repeat runs).

Measured 2026-11-27 (2 cores shared with other jobs, load ~1.5-3; `--repeat 5`), generic
corpus, 241 pages:
  ours     title .950  day .964  body_f1 .964  boilerplate-out .993  authors_f1 .896  caption .727
  trafil.  title .693  day .907  body_f1 .938  boilerplate-out .949  authors_f1 .694  caption 0
  ms/page  ours 8.7 (parser + pipelines), trafilatura 35.8 with metadata: 4.1x
           (main without the speed commits, same hour: 8.3 vs 30.9, 3.7x; under load the
           wall-clock ratio moves by +-0.3x between runs)
  Again at the end of the day on main (4857798), machine quiet (load 0.8): body_f1 .965, the
  rest as above; ms/page ours 10.1 vs trafilatura 41.6 (4.1x) with `--repeat 3`, 10.0 vs 41.6
  (4.2x) with `--repeat 5`; each page's first run alone (`--repeat 1`): 20.2 vs 70.0 (3.5x).
  Run to run the ratio moves by about +-0.3x.
Outlet corpus: every field 1.00; 4.7 ms/page parse, 5.2 with the pipelines; trafilatura 64: 12x
(quiet, end of day: 7.2 parse, 7.6 with the pipelines; trafilatura 149: 20x).
Instructions (valgrind --tool=callgrind counting only the timed calls, every 8th generic page,
each page's second run as this script times it; stable under load): main 74.4 M a page,
this branch 63.6 M (-15%). (The same measure was 57 M at the start of the day: the rules
added since cost 30%.) Where they go, roughly: lxml's parse ~20%, content.Layout's walk
~25% (a quarter of that the byline search in asides and footers), article_text ~13%, dates
printed around the headline ~11%, photos ~6%, headline ~6%, pipelines ~5%; regex searches
~12% of all instructions.
Not 5x: that needs ~20% more off, which these profiles put in Layout's walk and in the
per-element rules of content.read, dates.printed_dates and generic_images.
Every change here is checked output-for-output: bench/extract_snapshot.py --save / --diff.

Measured again 2026-11-27, end of the next round (main c8c418d; quiet machine, load ~1):
  ours     title .950  day .969  body_f1 .981  boilerplate-out .993  authors_f1 .896  caption .727
  ms/page  ours 7.3-8.5 vs trafilatura 34.5-40.1 with metadata: 4.7-4.8x over five runs of
           `--repeat 5` (ours <= 10 ms: met; >= 5x: not met by wall clock).
  Instructions (same callgrind measure, every 8th page): 63.3 M a page at the start of the
  round -> 50.8 M (-20%), every step output-identical; trafilatura on the same pages and
  the same measure: 298.5 M, so 5.9x fewer instructions. The wall-clock ratio stays lower
  than the instruction ratio: ours spends more of its time on memory (the lxml element
  proxies and the per-element Boxes a page keeps alive); with the cyclic garbage collector
  off, ours is 10-19% faster (a diagnosis, not a setting: nothing here turns it off).

Measured again 2026-11-27, third round (main 51745b2; load ~1):
  ours     title .950  day .969  body_f1 .981  boilerplate-out .993  authors_f1 .904  caption .727
  ms/page  ours 6.6-8.2 vs trafilatura 34.6-40.3 with metadata: 4.9x, 5.2x, 5.2x over three runs of
           `--repeat 5` (>= 5x in two runs of three; the ratio moves by +-0.3x with the load).
  Instructions (callgrind, every 8th page): 50.8 -> 44.1 M a page (-13%), every step
  output-identical; trafilatura 298.5 M, so 6.8x fewer.
  The GC diagnosis above was a reference cycle: text.paragraphs' nested walk() called itself, so each
  call's elements (and the whole parsed document) lived until the cyclic collector ran. With it gone
  a page leaves no cyclic garbage (4,861 objects a page before) and the collector's time fell from
  0.81 to 0.28 ms a page; turning the collector off no longer changes the timings. What is left is
  memory-bound C work: libxml2's parse (~16% of wall) and its freeing of the tree when the page is
  done (~0.35 ms), the lxml proxy made for each element Layout walks, and glibc consolidating the
  freed chunks at the next large allocation.

Measured again 2026-11-27, fourth round (main 968aaa1; quiet machine, load ~1):
  ours     title .950  day .974  body_f1 .981  boilerplate-out .993  authors_f1 .904  caption .727
  ms/page  ours 6.2-7.3 vs trafilatura 32.7-39.3 with metadata: 5.4x, 5.2x, 5.3x over three runs of
           `--repeat 5` (main at the start of the round, same day: 5.1x, 5.2x, 4.9x, 5.0x).
  Instructions (callgrind): 42.8 -> 39.0 M a page (-9%) in this script's measure (each page's
  second run; every 4th page), and 51.8 -> 45.2 M (-13%) for every page run once after all the
  others, as a crawl of many sites meets them (the class and id names of a page the caches have
  not seen: searched lower-cased, whole). Every step output-identical. Most of what went: regexes
  that are now searched only where a text holds a string they need (newscrawl/guarded.py: the
  calls to the reader, copyright and paywall notes, the date and clock patterns, the caption
  credit rules), an element with no child counted without a call of Layout._walk, and the dates
  around the headline read once, not twice.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newscrawl.parsers import parse_article, parser_for  # noqa: E402


def load_scorer(corpus: Path):
    return load_module(corpus.parent / "tools" / "score_extraction.py", "score_extraction")


def load_normalizer():
    """pipelines.normalize_article, or None while the pipelines cannot be imported."""
    try:
        from pipelines import normalize_article

        return normalize_article
    except Exception as e:  # another helper may be mid-change; still bench the parser
        print(f"(normalizers unavailable: {type(e).__name__}: {e}; scoring raw parser output)", file=sys.stderr)
        return None


def as_scored(article) -> dict:
    d = article.to_dict()
    published = d.get("published_at")
    if not published and d.get("published_raw"):  # without the pipeline: ISO only
        from datetime import datetime

        try:
            published = datetime.fromisoformat(d["published_raw"].replace("Z", "+00:00")).isoformat()
        except ValueError:
            published = None
    return {
        "title": d.get("title"),
        "published_at": published,
        "authors": d.get("authors") or [],
        "body": "\n".join(d.get("body") or []),
        "images": d.get("images") or [],
    }


def raw_caption_ok(scorer, expected: dict, images: list[dict]) -> float | None:
    caps = [i for i in expected.get("images", []) if i.get("caption")]
    if not caps:
        return None
    got = [(scorer.norm(i.get("caption")), scorer.norm(i.get("credit"))) for i in images if i.get("caption")]
    ok = 0
    for i in caps:
        cap, cred = scorer.norm(i["caption"]), scorer.norm(i.get("credit"))
        ok += any(g == cap or (g.startswith(cap) and (not cred or cred in g[len(cap):])) or (g == cap and c == cred) for g, c in got)
    return ok / len(caps)


def timed(fn, repeat: int) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best * 1000, result


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", nargs="?", default=str(ROOT.parent / "shared" / "corpus"))
    ap.add_argument("--generic", default=str(ROOT.parent / "shared" / "corpus-generic"), metavar="DIR",
                    help="pages of sites no parser knows (default ../shared/corpus-generic)")
    ap.add_argument("--no-generic", action="store_true", help="only the outlet corpus")
    ap.add_argument("--repeat", type=int, default=5, help="runs per page; the fastest counts (default 5)")
    ap.add_argument("--no-trafilatura", action="store_true")
    args = ap.parse_args(argv)
    corpus = Path(args.corpus)
    if not (corpus / "pages").is_dir():
        print(f"bench_extract: no pages/ in {corpus}", file=sys.stderr)
        return 2
    if not args.no_trafilatura and importlib.util.find_spec("trafilatura") is None:
        print("(trafilatura is not installed: pip install -e '.[bench]' to compare with it)")
        args.no_trafilatura = True
    bench_outlets(corpus, args)
    generic = Path(args.generic)
    if not args.no_generic:
        if (generic / "pages").is_dir():
            print()
            bench_generic(generic, args)
        else:
            print(f"(no pages/ in {generic}: generic corpus skipped)")
    return 0


def bench_generic(corpus: Path, args) -> None:
    """Means per field and group, ours beside trafilatura, and the speed of both."""
    from newscrawl.encoding import decode_html

    scorer = load_module(corpus.parent / "tools" / "score_generic.py", "score_generic")
    normalize = load_normalizer()
    keys = ["title", "date", "day", "body_f1", "body_without", "authors_f1", "caption", "credit"]
    groups: dict[str, list] = {}
    ms_ours = ms_traf = 0.0
    for js in sorted((corpus / "pages").glob("*.json")):
        exp = json.loads(js.read_text())
        html, url = decode_html(js.with_suffix(".html").read_bytes()).text, exp["url"]
        fetched = str(exp.get("fetched_at") or "2025-01-01T00:00:00+00:00").replace(" ", "T")
        fetched += "" if fetched[10:].count("+") or fetched.endswith("Z") else "+00:00"

        def ours():
            article = parse_article(html, url, fetched_at=fetched)
            return normalize(article) if normalize is not None else article

        ms, article = timed(ours, args.repeat)
        ms_ours += ms
        row = {"ours": scorer.score(exp, as_scored(article))}
        if not args.no_trafilatura:
            ms, traf = timed(lambda: trafilatura_json(html, url), args.repeat)
            ms_traf += ms
            row["trafilatura"] = scorer.score(exp, traf)
        for group in ("all", f"group:{exp.get('group')}"):
            groups.setdefault(group, []).append(row)
    n = len(groups["all"])
    head = f"{'generic corpus':22s} {'pages':>5s} " + " ".join(f"{k:>12s}" for k in keys)
    print(head)
    print("-" * len(head))
    for group, rows in groups.items():
        for who in ("ours", "trafilatura"):
            if who not in rows[0]:
                continue
            cells = []
            for k in keys:
                values = [r[who][k] for r in rows if k in r[who]]
                cells.append(f"{statistics.mean(values):>12.3f}" if values else f"{'':>12s}")
            print(f"{group + ' ' + who:22s} {len(rows):>5d} " + " ".join(cells))
    print("-" * len(head))
    line = f"ms/page (fastest of {args.repeat}): ours {ms_ours / n:.1f} (parser + pipelines)"
    if ms_traf:
        line += f", trafilatura {ms_traf / n:.1f} (with metadata): {ms_traf / ms_ours:.1f}x"
    print(line)


def trafilatura_json(html: str, url: str) -> dict:
    """trafilatura as ../shared/tools/score_generic.py runs it, on an HTML string."""
    import trafilatura

    out = trafilatura.extract(html, url=url, output_format="json", with_metadata=True, include_comments=False)
    d = json.loads(out) if out else {}
    return {
        "title": d.get("title"),
        "published_at": d.get("date"),
        "authors": [a.strip() for a in (d.get("author") or "").split(";") if a.strip()],
        "body": d.get("text") or "",
        "images": [],
    }


def load_module(path: Path, name: str):
    if not path.is_file():
        sys.exit(f"bench_extract: {path} not found (the scoring tool lives next to the corpus)")
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def bench_outlets(corpus: Path, args) -> None:
    scorer = load_scorer(corpus)
    normalize = load_normalizer()
    keys = ["title", "date", "day", "body_f1", "caption", "credit"]
    rows, traf_scores = [], []
    for js in sorted((corpus / "pages").glob("*.json")):
        exp = json.loads(js.read_text())
        html = js.with_suffix(".html").read_text(encoding="utf-8", errors="replace")
        url = exp["url"]
        ms_parse, article = timed(lambda: parse_article(html, url), args.repeat)
        fallback = ",".join(k for k, v in article.sources.items() if v == "generic") or "-"
        raw_images = [dict(i) for i in article.images]
        ms_norm = None
        if normalize is not None:
            def run():
                return normalize(parse_article(html, url))

            try:
                ms_norm, article = timed(run, args.repeat)
            except Exception as e:
                print(f"{js.stem}: normalizers failed: {type(e).__name__}: {e}", file=sys.stderr)
        scores = scorer.score(exp, as_scored(article))
        rawcap = raw_caption_ok(scorer, exp, raw_images)
        ms_traf = None
        if not args.no_trafilatura:
            ms_traf, traf = timed(lambda: scorer.run_trafilatura(html, url), max(1, args.repeat // 2))
            traf_scores.append(scorer.score(exp, traf))
        rows.append((js.stem, parser_for(url).__name__, scores, rawcap, ms_parse, ms_norm, ms_traf, fallback))

    head = f"{'page':26s} {'parser':19s} " + " ".join(f"{k:>7s}" for k in keys) + f" {'rawcap':>6s} {'parse':>7s} {'+norm':>7s} {'trafil.':>7s}  fallback"
    print(head)
    print("-" * len(head))
    fmt = lambda v, w=7, p=2: f"{v:>{w}.{p}f}" if isinstance(v, float) else f"{'':>{w}s}"  # noqa: E731
    for name, parser, s, rawcap, mp, mn, mt, fb in rows:
        print(f"{name:26s} {parser:19s} " + " ".join(fmt(s.get(k)) for k in keys) + f" {fmt(rawcap, 6)} {fmt(mp, 7, 1)} {fmt(mn, 7, 1)} {fmt(mt, 7, 1)}  {fb}")
    print("-" * len(head))
    avg = lambda xs: statistics.mean(xs) if xs else None  # noqa: E731
    means = {k: avg([s[k] for _, _, s, *_ in rows if k in s]) for k in keys}
    print(
        f"{'mean':26s} {'':19s} " + " ".join(fmt(means[k], 7, 3) for k in keys)
        + f" {fmt(avg([r[3] for r in rows if r[3] is not None]), 6)}"
        + f" {fmt(avg([r[4] for r in rows]), 7, 1)} {fmt(avg([r[5] for r in rows if r[5] is not None]), 7, 1)}"
        + f" {fmt(avg([r[6] for r in rows if r[6] is not None]), 7, 1)}"
    )
    if traf_scores:
        tmeans = {k: avg([s[k] for s in traf_scores if k in s]) for k in keys}
        print(f"{'mean, trafilatura alone':46s} " + " ".join(fmt(tmeans[k], 7, 3) for k in keys) + "  (no captions: it drops them)")
    print("ms = fastest of --repeat runs per page; parse excludes the generic fallback unless a page needed it")


if __name__ == "__main__":
    sys.exit(main())
