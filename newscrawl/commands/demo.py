"""newscrawl demo: the offline sample crawl.

Serves the sample site in data/sample_site on 127.0.0.1, runs the real spiders
against it through Scrapy's crawler (only NEWSCRAWL_REPLAY_HOST differs from a live
crawl), then prints what was stored and one search.
"""

from __future__ import annotations

import os

from newscrawl import outlets


def register(sub):
    p = sub.add_parser(
        "demo",
        help="crawl the bundled sample site on 127.0.0.1 (no network needed) and search it",
        description="Serve the sample site on 127.0.0.1, crawl it with the real spiders, store the "
        "articles and run one search. Running it again updates the same articles in place.",
    )
    p.add_argument("--db", help="database file (default: $NEWSCRAWL_DB or data/newscrawl.db)")
    p.add_argument("--spider", action="append", metavar="NAME", help="only this spider (repeatable)")
    p.add_argument("--query", default='"Japan"', help="the search to show afterwards (default: %(default)s)")
    p.add_argument("--verbose", action="store_true", help="show Scrapy's log")
    p.set_defaults(func=run)


def run(args) -> int:
    from newscrawl import runs
    from newscrawl.errors import UserError
    from newscrawl.sample_site import SAMPLE_ROOT, SAMPLE_SPIDERS, serve_sample_site
    from newscrawl.storage import Storage, check_database, default_db_path

    db = str(check_database(args.db or default_db_path(), create=True))
    spiders = args.spider or list(SAMPLE_SPIDERS)
    unknown = set(spiders) - set(SAMPLE_SPIDERS)
    if unknown:
        raise UserError(f"the sample site has no pages for {', '.join(sorted(unknown))}; choose from {', '.join(SAMPLE_SPIDERS)}")
    before = _count(db)
    with serve_sample_site(root=SAMPLE_ROOT) as hostport:
        print(f"serving the sample site on http://{hostport}/ ; crawling {', '.join(spiders)} into {db}")
        stats = crawl(spiders, db, hostport, verbose=args.verbose)
    for name, s in stats.items():
        print(
            f"  {name:12s} pages {s.get('response_received_count', 0):3d} · stored "
            f"{s.get('newscrawl/store/articles', 0):3d} · dropped {s.get('item_dropped_count', 0)} · "
            f"errors {s.get('log_count/ERROR', 0)} · {s.get(runs.STATUS_KEY) or s.get('finish_reason')}"
        )
        for cause in s.get(runs.VERDICT_KEY) or []:
            print(f"  {'':12s} {cause['status']}: {cause['cause']}")
    storage = Storage(db)
    try:
        after = storage.count()
        print(f"\n{after} articles in {db} ({after - before:+d} new)\n")
        show_latest(storage)
    finally:
        storage.close()
    show_search(db, args.query)
    print(f"\nNext: newscrawl search '<query>' · newscrawl serve (Datasette) · sqlite3 {db}")
    failed = [n for n, s in stats.items() if s.get("finish_reason") != "finished" or s.get("log_count/ERROR")]
    return 1 if failed else 0


def crawl(spiders: list[str], db: str, hostport: str, verbose: bool = False) -> dict[str, dict]:
    """Run ``spiders`` in one Scrapy process against the replay host; stats per spider."""
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "newscrawl.settings")
    from scrapy.crawler import CrawlerProcess
    from scrapy.utils.project import get_project_settings

    settings = get_project_settings()
    settings.set("NEWSCRAWL_DB", db)
    settings.set("NEWSCRAWL_REPLAY_HOST", hostport)
    # The sample site is ours and on this machine: no need to be slow with it.
    settings.set("DOWNLOAD_DELAY", 0)
    settings.set("AUTOTHROTTLE_ENABLED", False)
    settings.set("LOG_LEVEL", "INFO" if verbose else "ERROR")
    process = CrawlerProcess(settings)
    crawlers = {}
    for name in spiders:
        crawler = process.create_crawler(name)
        crawlers[name] = crawler
        process.crawl(crawler)
    process.start()
    return {name: c.stats.get_stats() for name, c in crawlers.items()}


def _count(db: str) -> int:
    import sqlite3

    if not os.path.exists(db):
        return 0
    try:
        with sqlite3.connect(db) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0


def show_latest(storage, limit: int = 12) -> None:
    rows = storage.conn.execute(
        "SELECT outlet, site, url, published_at, title FROM articles ORDER BY published_utc DESC LIMIT ?", [limit]
    ).fetchall()
    for outlet, site, url, published_at, title in rows:
        via = f" via {outlets.site_name(site, url)}" if site and site != outlet else ""
        print(f"  {(published_at or '?')[:16]:16s}  {outlets.label(outlet) or '?':14s} {_clip(title, 70)}{via}")


def show_search(db: str, query: str) -> None:
    try:
        from newscrawl.search import QueryError, search
        from newscrawl.search.copies import also_in
    except ImportError:
        return
    try:
        result = search(db, query, ui_lang="en")
    except QueryError as e:
        print(f"\nsearch {query}: {e}")
        return
    print(f"\nsearch {query}: {result.total} match(es)")
    for message in result.messages:
        print(f"  note: {message.render('en', 'cli')}")
    for hit in result.hits[:5]:
        via = f" via {hit.via}" if hit.via else ""
        print(f"  {hit.relative_time:>16s}  {outlets.label(hit.outlet):14s} {_clip(hit.title, 70)}{via}")
        if hit.copies:
            print(f"  {'':16s}  {'':14s} also in: {', '.join(also_in(hit))}")


def _clip(text: str | None, width: int) -> str:
    text = text or ""
    return text if len(text) <= width else text[: width - 1] + "…"

