"""newscrawl import: JSON lines of articles, or web archives (WARC) of pages, into the
database, as a crawl stores them."""

from __future__ import annotations

import gzip
import json
import os
import sys
import time
from collections import Counter

from newscrawl.errors import UserError

EPILOG = """Each line is one article in the shape `newscrawl extract` prints (url, title, body as a
list of paragraphs, published_at, ...); unknown keys are ignored. Files ending in .gz are
read compressed. Articles already stored (same canonical URL) are updated in place.
Files ending in .warc(.gz) are web archives (Common Crawl's CC-NEWS, Heritrix,
Browsertrix): every HTML page in them goes through the crawl's parser, as if fetched
when it was archived.
examples:
  newscrawl import articles.jsonl
  newscrawl extract saved/*.html | newscrawl import -
  newscrawl import --db /srv/news/newscrawl.db export-2025-*.jsonl.gz
  newscrawl import --site known CC-NEWS-20250122*.warc.gz      # only outlets newscrawl knows
  newscrawl import --site mainichi.jp --site nhk.or.jp crawl.warc.gz"""


def register(sub):
    p = sub.add_parser(
        "import",
        help="store articles from JSON lines files (as `newscrawl extract` prints them) or web archives (WARC)",
        description="Normalize and store articles from JSON lines files, or the HTML pages of web "
        "archives (WARC), through the same parser, pipelines and storage as a crawl, with a progress "
        "bar and a summary: stored, updated, rejected (and why), skipped.",
        epilog=EPILOG,
        formatter_class=__import__("argparse").RawDescriptionHelpFormatter,
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="JSON lines or WARC file(s); - reads JSON lines from standard input")
    p.add_argument(
        "--site",
        action="append",
        metavar="SITE",
        help="only articles from this site: a host (mainichi.jp, also its subdomains), a host and path "
        "(mainichi.jp/english), or `known` for every outlet with its own parser (repeatable)",
    )
    p.add_argument("--db", help="database file (default: $NEWSCRAWL_DB or data/newscrawl.db)")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    p.set_defaults(func=run)


def run(args) -> int:
    from newscrawl.importer import Importer
    from newscrawl.storage import check_database, default_db_path
    from newscrawl.warc import is_warc, site_filter

    db = check_database(args.db or default_db_path(), create=True)
    if args.files.count("-") > 1:
        raise UserError("- (standard input) can be given once")
    for name in args.files:
        if name != "-" and not os.path.isfile(name):
            raise UserError(f"{name}: no such file" if not os.path.exists(name) else f"{name} is not a file")
    total = sum(os.path.getsize(n) for n in args.files if n != "-")
    show = not args.quiet and sys.stderr.isatty()
    t0 = time.monotonic()
    lines = 0
    wanted = site_filter(args.site or [])
    skipped = Counter()
    interrupted = False
    with Importer(db) as imp, _progress(show, total if "-" not in args.files else None) as bar:
        try:
            for name in args.files:
                if is_warc(name):
                    lines += _import_warc(imp, name, wanted, bar, skipped)
                    continue
                for number, raw in _lines(name):
                    bar.update(len(raw))
                    if not raw.strip():
                        continue
                    lines += 1
                    where = f"{'stdin' if name == '-' else name}:{number}"
                    try:
                        record = json.loads(raw)
                    except (UnicodeDecodeError, ValueError):
                        imp.reject("not a JSON line", where)
                        continue
                    if wanted and isinstance(record, dict) and not wanted(str(record.get("url") or "")):
                        skipped["other_site"] += 1
                        continue
                    imp.add(record, where)
        except KeyboardInterrupt:  # Ctrl-C: what was read is stored as the importer closes
            interrupted = True
    elapsed = time.monotonic() - t0
    summary = imp.summary
    records = f"{lines:,} record{'' if lines == 1 else 's'}"
    head = f"interrupted after {records}" if interrupted else f"{records} read"
    print(f"{head} in {elapsed:.1f} s ({lines / max(elapsed, 1e-9):,.0f}/s) into {db}: "
          + "\n".join(summary.lines()), file=sys.stderr)
    if skipped:
        print("  skipped: " + ", ".join(f"{n:,} {SKIPPED.get(k, k.replace('_', ' '))}" for k, n in skipped.most_common()), file=sys.stderr)
    if interrupted:
        print("  run the same command again to go on: what is stored already is updated in place", file=sys.stderr)
        return 130
    return 1 if summary.total_rejected and not (summary.stored or summary.updated) else 0


SKIPPED = {
    "other_site": "from other sites",
    "not_html": "not HTML",
    "not_200": "not HTTP 200",
    "not_http": "not http(s)",
    "record_request": "request records",
    "record_warcinfo": "warcinfo records",
    "record_revisit": "revisits (duplicates the archive left out)",
    "record_metadata": "metadata records",
}


def _import_warc(imp, name: str, wanted, bar, skipped: Counter) -> int:
    """Every HTML page of one WARC file through the crawl's parser into ``imp``; pages read."""
    from newscrawl.warc import WarcReader

    reader = WarcReader(name, wanted)
    pages, done = 0, 0
    for capture in reader:
        bar.update(reader.position - done)
        done = reader.position
        pages += 1
        where = f"{name}: {capture.url}"
        try:
            article = capture.article()
        except Exception as e:  # noqa: BLE001 - a parser bug must not end a month-long backfill
            imp.reject(f"the parser failed ({type(e).__name__})", where)
            continue
        if not article.published_raw:
            # Archives of whole sites hold home, section and tag pages too; a crawl never
            # requests those, and what tells them from articles on any site is the date.
            imp.reject("no publication time on the page (a listing or home page?)", where)
            continue
        imp.add(article, where)
    bar.update(reader.size - done)
    skipped.update({k: n for k, n in reader.counts.items() if k != "pages"})
    return pages


def _lines(name: str):
    """(line number, bytes) of a file, standard input for "-", gunzipped for .gz."""
    if name == "-":
        stream = sys.stdin.buffer
    elif name.endswith(".gz"):
        stream = gzip.open(name, "rb")
    else:
        stream = open(name, "rb")
    number = 0
    try:
        for number, raw in enumerate(stream, 1):
            # json.loads takes bytes and finds their encoding; only a UTF-8 BOM would trip it
            yield number, raw.removeprefix(b"\xef\xbb\xbf") if number == 1 else raw
    except (OSError, EOFError) as e:
        raise UserError(f"{name}: cannot read past line {number}: {e}") from None
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()


class _NoBar:
    def update(self, n: int) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


class _Counter(_NoBar):
    """Standard input has no length: count what has been read instead."""

    def __init__(self):
        self.read = 0
        self.shown = 0.0

    def update(self, n: int) -> None:
        self.read += n
        if time.monotonic() - self.shown > 0.25:
            self.shown = time.monotonic()
            sys.stderr.write(f"\rimporting  {self.read / 1e6:,.1f} MB read")
            sys.stderr.flush()

    def __exit__(self, *exc):
        sys.stderr.write("\n")
        return False


def _progress(show: bool, total: int | None):
    """A progress bar over bytes read on standard error (a terminal only)."""
    if not show:
        return _NoBar()
    if not total:
        return _Counter()
    import click

    return click.progressbar(length=total, label="importing", file=sys.stderr)
