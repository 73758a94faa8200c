"""newscrawl stories: give every stored article its story (copies of one text share one).

Crawls and imports cluster what they store as they go; this command is for articles
stored before that (a database from an older newscrawl) and for starting over.
"""

from __future__ import annotations

import sys
import time


def register(sub):
    p = sub.add_parser(
        "stories",
        help="cluster stored articles into stories (wire copies at several outlets)",
        description="Give each article without a story_id its story: an article whose text is a copy of "
        "another's (a Kyodo story at the Mainichi and at a portal) joins that article's story. "
        "Crawls and imports do this as they store; run it once for older databases.",
        epilog="examples:\n  newscrawl stories\n  newscrawl stories --db /srv/news/newscrawl.db --rebuild",
        formatter_class=__import__("argparse").RawDescriptionHelpFormatter,
    )
    p.add_argument("--db", help="database file (default: $NEWSCRAWL_DB or data/newscrawl.db)")
    p.add_argument("--rebuild", action="store_true", help="forget every story and cluster all articles again")
    p.set_defaults(func=run)


def run(args) -> int:
    from newscrawl import stories
    from newscrawl.storage import Storage, check_database, default_db_path

    storage = Storage(check_database(args.db or default_db_path()))
    start = time.monotonic()

    def progress(done, total, joined):
        rate = done / max(time.monotonic() - start, 1e-9)
        print(f"\r{done:,}/{total:,} articles, {joined:,} joined a story ({rate:,.0f}/s)", end="", file=sys.stderr, flush=True)

    try:
        total, joined = stories.cluster_pending(storage.conn, rebuild=args.rebuild, progress=progress)
    finally:
        storage.close()
    if total:
        print(file=sys.stderr)
    print(f"{total:,} articles clustered: {total - joined:,} new stories, {joined:,} copies of another article's")
    return 0
