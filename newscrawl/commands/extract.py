"""newscrawl extract: what the crawl would store for a saved page."""

from __future__ import annotations

import json
import sys
from datetime import datetime

from newscrawl.errors import DropItem, UserError


def register(sub):
    p = sub.add_parser(
        "extract",
        help="print the article the crawl would store for saved pages (JSON, one object per file)",
        description="Run the outlet parser and the normalization pipelines on saved HTML pages, "
        "with no network, and print one JSON object per file.",
        epilog="example: newscrawl extract --url https://mainichi.jp/articles/20250114/k00/00m/030/335000c page.html",
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="saved HTML page(s)")
    p.add_argument("--url", help="the URL the page was served at (default: its <link rel=canonical>)")
    p.add_argument(
        "--fetched-at",
        metavar="ISO8601",
        help="when the page was fetched, for relative times like '3時間前' (default: the file's modification time)",
    )
    p.set_defaults(func=run)


def run(args) -> int:
    from newscrawl.extract import extract_file

    if args.url and len(args.files) > 1:
        raise UserError("--url applies to one file; give one FILE with it")
    if args.fetched_at:
        try:
            if datetime.fromisoformat(args.fetched_at.replace("Z", "+00:00")).tzinfo is None:
                raise ValueError
        except ValueError:
            raise UserError(f"--fetched-at wants ISO 8601 with an offset, like 2025-01-14T15:00:00+09:00, not {args.fetched_at!r}")
    failed = 0
    for path in args.files:
        try:
            article = extract_file(path, url=args.url, fetched_at=args.fetched_at)
        except (UserError, DropItem) as e:
            print(f"newscrawl extract: error: {path}: {e}" if isinstance(e, DropItem) else f"newscrawl extract: error: {e}", file=sys.stderr)
            failed += 1
            continue
        print(json.dumps(article.to_dict(), ensure_ascii=False))
    return 1 if failed else 0
