"""newscrawl reindex: rebuild the search index (after an upgrade, or to start clean)."""

from __future__ import annotations

import sys
import time


def register(sub):
    p = sub.add_parser(
        "reindex",
        help="build the search index for articles that lack it (after an upgrade); resumable",
        description="Index every article the search index lacks, in batches (each one committed: "
        "stop it any time and run it again to go on). An index built by other rules or another "
        "dictionary version is rebuilt from scratch.",
        epilog="example: newscrawl reindex --db /srv/news/newscrawl.db",
    )
    p.add_argument("--db", help="database file (default: $NEWSCRAWL_DB or data/newscrawl.db)")
    p.add_argument("--full", action="store_true", help="rebuild the whole index, not only what is missing")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    p.set_defaults(func=run)


def run(args) -> int:
    from newscrawl.storage import Storage, check_database, default_db_path

    db = check_database(args.db or default_db_path())
    storage = Storage(db)
    t0 = time.monotonic()
    done = total = 0
    try:
        steps = storage.reindex(full=args.full)
        done, total = next(steps)
        if not args.quiet and sys.stderr.isatty() and total:
            import click

            with click.progressbar(length=total, label="indexing", file=sys.stderr) as bar:
                for done, _ in steps:
                    bar.update(done - bar.pos)
        else:
            for done, _ in steps:
                pass
    finally:
        storage.close()
    elapsed = time.monotonic() - t0
    rate = f" ({done / elapsed:,.0f} articles/s)" if done and elapsed else ""
    print(f"{done:,} articles indexed in {elapsed:.1f} s{rate}; the search index of {db} is complete", file=sys.stderr)
    return 0
