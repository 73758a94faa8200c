"""newscrawl runs: the latest crawls of each spider, with their verdict and its causes."""

from __future__ import annotations

import json
import sys
from datetime import datetime

from newscrawl.errors import UserError

STATUSES = ("ok", "degraded", "failed")


def register(sub):
    import argparse

    p = sub.add_parser(
        "runs",
        help="list recent crawls per spider with their status (ok, degraded, failed) and causes",
        description="The latest runs of each spider from the crawl_runs table: when, how long, what "
        "they fetched and stored, their status and why. A run still going (or killed) has no status.",
        epilog="examples:\n  newscrawl runs\n  newscrawl runs --spider mainichi --limit 20\n"
        "  newscrawl runs --status failed --format json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--db", help="database file (default: $NEWSCRAWL_DB or data/newscrawl.db)")
    p.add_argument("--spider", action="append", metavar="NAME", help="only this spider (repeatable)")
    p.add_argument("--status", choices=STATUSES, help="only runs with this status")
    p.add_argument("--limit", type=int, default=5, metavar="N", help="runs per spider, newest first (default: 5)")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(func=run)


def run(args) -> int:
    from newscrawl.storage import Storage, check_database, default_db_path

    if args.limit < 1:
        raise UserError("--limit must be at least 1")
    db = check_database(args.db or default_db_path())
    storage = Storage(db, readonly=True)
    try:
        rows = latest_runs(storage, args.spider, args.status, args.limit)
    finally:
        storage.close()
    if args.format == "json":
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif not rows:
        print("no runs recorded" + (" for those spiders" if args.spider else "") + (f" with status {args.status}" if args.status else ""))
    else:
        write_table(rows, sys.stdout)
    return 0


def latest_runs(storage, spiders, status, limit) -> list[dict]:
    where, params = [], []
    if spiders:
        where.append(f"spider IN ({', '.join('?' * len(spiders))})")
        params += spiders
    if status:
        where.append("status = ?")
        params.append(status)
    sql = (
        "SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY spider ORDER BY id DESC) AS n FROM crawl_runs"
        + (f" WHERE {' AND '.join(where)}" if where else "")
        + ") WHERE n <= ? ORDER BY spider, id DESC"
    )
    cursor = storage.conn.execute(sql, [*params, limit])
    names = [d[0] for d in cursor.description]
    out = []
    for values in cursor:
        row = dict(zip(names, values))
        row.pop("n")
        row.pop("stats", None)  # all the counters; `sqlite3 DB "select stats from crawl_runs"` shows them
        row["causes"] = json.loads(row.get("causes") or "[]")
        out.append(row)
    return out


COLUMNS = ("STARTED (UTC)", "TOOK", "STATUS", "PAGES", "STORED", "DROPPED", "ERRORS", "FALLBACKS")


def write_table(rows: list[dict], out) -> None:
    import shutil

    from newscrawl.commands.search import _fit, _pad, width

    cols = max(80, shutil.get_terminal_size((120, 20)).columns)
    workers = any(r.get("worker") for r in rows)
    cells = [
        (
            _when(r["started_at"]),
            _took(r["started_at"], r["finished_at"]),
            r.get("status") or ("running?" if not r["finished_at"] else "—"),
            *(str(r.get(k) or 0) for k in ("pages", "stored", "dropped", "errors", "fallbacks")),
        )
        + ((r.get("worker") or "",) if workers else ())
        for r in rows
    ]
    header = COLUMNS + (("WORKER",) if workers else ())
    widths = [max(width(h), *(width(c[i]) for c in cells)) for i, h in enumerate(header)]
    numeric = set(range(3, 8))

    def line(values):
        return "  ".join(v.rjust(w) if i in numeric else _pad(v, w) for i, (v, w) in enumerate(zip(values, widths)))

    spider = None
    for r, c in zip(rows, cells):
        if r["spider"] != spider:
            spider = r["spider"]
            out.write(f"\n{spider}\n  {line(header)}\n")
        out.write(f"  {line(c)}\n")
        for cause in r["causes"]:
            out.write(f"      {_fit('· ' + cause, cols - 6)}\n")


def _when(iso: str | None) -> str:
    if not iso:
        return "?"
    return iso.replace("T", " ")[:16]


def _took(start: str | None, end: str | None) -> str:
    if not (start and end):
        return ""
    try:
        seconds = int((datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds())
    except ValueError:
        return ""
    if seconds < 60:
        return f"{seconds}s"
    if seconds < 3600:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"
