"""newscrawl timeline: how much a query's subject was covered, per day, week or month."""

from __future__ import annotations

import argparse
import json
import sys

from newscrawl import outlets
from newscrawl.commands.search import add_filter_options, database, exclusions_are_words, width
from newscrawl.errors import UserError

EPILOG = """For each period (days in Asia/Tokyo unless --tz says otherwise) and outlet:
the articles matching the query, all articles the filters and time range allow, and the
share. Empty periods are listed as zero. The query language is newscrawl search's.
examples:
  newscrawl timeline '"Ishiba"' --since 3mo --by week
  newscrawl timeline 地震 outlet:nhk --since 30d --format csv > quake.csv
  newscrawl timeline tariff --count stories --format json
  newscrawl timeline --since 1w                   # how many articles per day, per outlet"""

BAR = 24  # widest bar in the table, in columns


def register(sub):
    p = sub.add_parser(
        "timeline",
        help="matching articles per day/week/month and outlet, with their share",
        description="Attention over time: how many articles match a query per period and outlet, "
        "out of how many, and the share.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("query", nargs="*", metavar="QUERY", help='words, "phrases", -excluded, OR, field:value (none: every article)')
    add_filter_options(p)
    p.add_argument("--by", choices=("day", "week", "month"), default="day", help="period (default: day; weeks start on Monday)")
    p.add_argument("--tz", default="Asia/Tokyo", metavar="ZONE", help="time zone the periods are cut in and dates are read in (default: Asia/Tokyo)")
    p.add_argument("--count", choices=("articles", "stories"), default="articles",
                   help="articles, or stories: copies of one story at one outlet count once (default: articles)")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    p.add_argument("--total", action="store_true", help="csv: one row per period for all outlets together")
    p.set_defaults(func=run)
    exclusions_are_words(p)


def run(args) -> int:
    from newscrawl.search import QueryError
    from newscrawl.search.attention import timeline
    from newscrawl.search.export import csv_lines, timeline_dict, timeline_rows

    db = database(args)
    try:
        t = timeline(
            db, " ".join(args.query), outlet=args.outlet, since=args.since, until=args.until, all_time=args.all,
            by=args.by, tz=args.tz, count=args.count, ui_lang=args.lang,
        )
    except QueryError as e:
        raise UserError(e.message(args.lang, surface="cli")) from None
    out = sys.stdout
    if args.format == "json":
        json.dump(timeline_dict(t, args.lang), out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif args.format == "csv":
        out.writelines(csv_lines(timeline_rows(t, total=args.total)))
    else:
        write_table(t, out, args.lang)
    return 0


def write_table(t, out, lang: str = "id") -> None:
    """Each period: all outlets together with a bar, then the outlets that published."""
    out.write(f"{t.matching} matching {t.count} · {t.plan.query.describe()} · per {t.by} ({t.tz})\n")
    for note in t.notes(lang, "cli"):
        out.write(f"note: {note}\n")
    if not t.totals:
        return
    top = max(c.matching for c in t.totals) or 1
    wp = max(width(c.period) for c in t.totals)
    names = {o: outlets.label(o) for o in t.outlets}
    wo = max([width(n) for n in names.values()] + [len("all outlets")])
    out.write(f"\n{'PERIOD'.ljust(wp)}  {'OUTLET'.ljust(wo)}  {'MATCHING':>8}  {'ALL':>7}  {'SHARE':>6}\n")
    rows = {}
    for c in t.rows:
        rows.setdefault(c.period, []).append(c)
    for c in t.totals:
        bar = "█" * round(BAR * c.matching / top) if c.matching else ""
        line = f"{c.period.ljust(wp)}  {'all outlets'.ljust(wo)}  {c.matching:>8}  {c.total:>7}  {_share(c.share):>6}  {bar}"
        out.write(line.rstrip() + "\n")
        for r in rows.get(c.period, []):
            if r.total or r.matching:
                name = names[r.outlet]
                out.write(f"{'':{wp}}  {name}{' ' * (wo - width(name))}  {r.matching:>8}  {r.total:>7}  {_share(r.share):>6}\n")


def _share(share: float | None) -> str:
    return "–" if share is None else f"{share:.1%}"
