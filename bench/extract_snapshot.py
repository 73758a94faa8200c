#!/usr/bin/env python3
"""Everything `newscrawl extract` prints for every page of both corpora, saved and
compared: a speed change must leave every field of every page as it was.

    python bench/extract_snapshot.py --save /tmp/before.json     # before the change
    python bench/extract_snapshot.py --diff /tmp/before.json     # after: lists every change

Pages come from ../shared/corpus and ../shared/corpus-generic; each runs through
newscrawl.extract.extract_file (the function behind `newscrawl extract`) with the URL
and fetch time of its truth file, so relative times read the same on every run.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CORPORA = [ROOT.parent / "shared" / "corpus", ROOT.parent / "shared" / "corpus-generic"]


def fetched_at(exp: dict) -> str:
    fetched = str(exp.get("fetched_at") or exp.get("crawled_at") or "2025-01-01T00:00:00+00:00").replace(" ", "T")
    return fetched if fetched[10:].count("+") or fetched.endswith("Z") else fetched + "+00:00"


def snapshot() -> dict:
    from newscrawl.extract import extract_file

    out = {}
    for corpus in CORPORA:
        for js in sorted((corpus / "pages").glob("*.json")):
            exp = json.loads(js.read_text())
            key = f"{corpus.name}/{js.stem}"
            try:
                got = extract_file(js.with_suffix(".html"), url=exp["url"], fetched_at=fetched_at(exp)).to_dict()
            except Exception as e:  # noqa: BLE001 - an error is output too
                got = {"error": f"{type(e).__name__}: {e}"}
            out[key] = json.loads(json.dumps(got, default=str, ensure_ascii=False))
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    mode = ap.add_mutually_exclusive_group(required=True)
    mode.add_argument("--save", metavar="FILE")
    mode.add_argument("--diff", metavar="FILE")
    args = ap.parse_args(argv)
    now = snapshot()
    if args.save:
        Path(args.save).write_text(json.dumps(now, ensure_ascii=False, indent=1, sort_keys=True))
        print(f"{len(now)} pages saved to {args.save}")
        return 0
    before = json.loads(Path(args.diff).read_text())
    changed = 0
    for key in sorted(set(before) | set(now)):
        old, new = before.get(key, {}), now.get(key, {})
        fields = sorted(k for k in set(old) | set(new) if old.get(k) != new.get(k))
        if fields:
            changed += 1
            print(f"{key}:")
            for k in fields:
                print(f"  {k}: {json.dumps(old.get(k), ensure_ascii=False)[:200]}")
                print(f"  {' ' * len(k)}  -> {json.dumps(new.get(k), ensure_ascii=False)[:200]}")
    print(f"{len(now)} pages, {changed} changed")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
