"""newscrawl ingest: store the articles distributed workers queued in Redis."""

from __future__ import annotations

import os
import signal
import sqlite3
import sys
import time

EPILOG = """A distributed crawl, on any number of machines sharing one Redis:
  scrapy crawl mainichi -s NEWSCRAWL_REDIS_URL=redis://10.0.0.5:6379/0     (each worker)
  newscrawl ingest --redis redis://10.0.0.5:6379/0                        (next to the database)
Killed or interrupted, ingest loses nothing: the next start stores the open batch first.
examples:
  newscrawl ingest --redis redis://127.0.0.1:6379/0 --once     # store what is queued, then exit"""


def register(sub):
    import argparse

    p = sub.add_parser(
        "ingest",
        help="store the articles that distributed crawl workers queued in Redis",
        description="Take the articles that `scrapy crawl … -s NEWSCRAWL_REDIS_URL=…` workers queued "
        "in Redis and store them through the crawl's store pipeline, in batches, each article exactly "
        "once. Runs until interrupted, or with --once until the queue is empty.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "--redis",
        metavar="URL",
        default=os.environ.get("NEWSCRAWL_REDIS_URL"),
        help="the workers' Redis, e.g. redis://127.0.0.1:6379/0 (default: $NEWSCRAWL_REDIS_URL)",
    )
    p.add_argument("--db", help="database file (default: $NEWSCRAWL_DB or data/newscrawl.db)")
    p.add_argument("--once", action="store_true", help="store what is queued now, then exit")
    p.add_argument("--batch-size", type=int, default=200, metavar="N", help="articles per transaction (default: 200)")
    p.add_argument("--quiet", action="store_true", help="no progress lines, only the summary")
    p.set_defaults(func=run)


def run(args) -> int:
    import redis

    from newscrawl.distributed import ITEMS_KEY, connect
    from newscrawl.errors import UserError
    from newscrawl.ingest import Ingester
    from newscrawl.storage import check_database, default_db_path

    if not args.redis:
        raise UserError("no Redis given: pass --redis redis://HOST:PORT/DB or set NEWSCRAWL_REDIS_URL")
    if args.batch_size < 1:
        raise UserError("--batch-size must be at least 1")
    try:
        server = connect(args.redis)
        server.ping()
    except ValueError as e:
        raise UserError(f"--redis {args.redis}: {e}") from None
    except redis.RedisError as e:
        raise UserError(f"cannot reach Redis at {args.redis}: {e}") from None

    db = check_database(args.db or default_db_path(), create=True)
    ingester = Ingester(server, db, batch_size=args.batch_size)
    last = [0.0]

    def report(progress):
        if args.quiet or time.monotonic() - last[0] < 2:
            return
        last[0] = time.monotonic()
        print(
            f"stored {progress.stored:,} articles ({progress.rate():,.0f}/s) · {server.llen(ITEMS_KEY):,} queued",
            file=sys.stderr,
            flush=True,
        )

    # A service manager stops with SIGTERM: finish as Ctrl-C does (summary, lock released).
    signal.signal(signal.SIGTERM, _interrupt)
    if not args.quiet:
        print(f"storing articles from {args.redis} ({ITEMS_KEY}) into {db}", file=sys.stderr, flush=True)
    try:
        ingester.run(once=args.once, report=report)
    except redis.ConnectionError as e:
        raise UserError(f"lost Redis at {args.redis}: {e}") from None
    except sqlite3.OperationalError as e:
        raise UserError(f"cannot write to {db}: {e} (the batch stays queued: start ingest again)") from None
    finally:
        summary(ingester.progress)
    return 0


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def summary(p) -> None:
    from newscrawl.ingest import REJECTED_KEY

    parts = [f"stored {p.stored:,} articles in {p.batches:,} batch(es) ({p.rate():,.0f}/s)"]
    if p.recovered:
        parts.append(f"{p.recovered:,} from an interrupted batch")
    if p.runs:
        parts.append(f"{p.runs:,} worker run(s) recorded")
    if p.rejected:
        parts.append(f"{p.rejected:,} message(s) not stored, kept in {REJECTED_KEY}")
    print("; ".join(parts), file=sys.stderr, flush=True)
