"""newscrawl search: the stored articles, ranked, in a table, JSON or CSV."""

from __future__ import annotations

import html
import json
import re
import shutil
import sys
import unicodedata

from newscrawl import outlets
from newscrawl.errors import UserError

EPILOG = """query language:
  words         all must match            地震 tokyo
  "phrase"      exact, never dropped      '"prime minister"'  '"東京都知事"'
  -word         exclude                   sakura -baseball
  a OR b        either                    tokyo OR osaka
  field:value   filter                    outlet:mainichi lang:ja author:Yamada section:politics
                                          since:7d since:3mo since:2025-01-01 until:2025-01-31 title:地震
Quote phrases inside single quotes for the shell. Only the last year is searched unless
you give --all, --since or since:. Words found in most articles are ignored (and said so).
examples:
  newscrawl search 地震 outlet:nhk
  newscrawl search --lang en --format json '"prime minister" -baseball'"""


def register(sub):
    p = sub.add_parser(
        "search",
        help="search the stored articles",
        description="Search the stored articles: ranked by relevance with a recency boost, "
        "hits highlighted, times relative to now in your language.",
        epilog=EPILOG,
        formatter_class=__import__("argparse").RawDescriptionHelpFormatter,
    )
    p.add_argument("query", nargs="*", metavar="QUERY", help="words, \"phrases\", -excluded, OR, field:value (none: newest first)")
    add_filter_options(p)
    p.add_argument("--format", choices=("table", "json", "csv"), default="table")
    p.add_argument("--limit", type=_count, metavar="N",
                   help="results to show (default: 20; csv: every match, as the search page's CSV download)")
    p.add_argument("--offset", type=_count, default=0, metavar="N", help="results to skip (default: 0)")
    p.set_defaults(func=run)
    exclusions_are_words(p)


def exclusions_are_words(p) -> None:
    """`newscrawl search trump -biden`: an exclusion is a query word, not an option
    argparse should refuse ("-h" alone still asks for help)."""
    parse_optional = p._parse_optional
    p._parse_optional = lambda arg: None if _is_exclusion(arg) else parse_optional(arg)


def _is_exclusion(arg: str) -> bool:
    return len(arg) > 1 and arg[0] == "-" and arg[1] != "-" and arg != "-h"


def add_filter_options(p) -> None:
    """The options that choose articles, shared with ``newscrawl timeline``."""
    p.add_argument("--db", help="database file (default: $NEWSCRAWL_DB or data/newscrawl.db)")
    p.add_argument("--lang", choices=("id", "en", "ja"), default="id", help="language for relative times, notes and errors (default: id)")
    window = p.add_mutually_exclusive_group()
    window.add_argument("--since", metavar="X", help="30min, 12h, 2d, 1w, 3mo, 1y or a date like 2025-01-01 (a Tokyo day; default: 1y)")
    window.add_argument("--all", action="store_true", help="every article, however old")
    p.add_argument("--until", metavar="X", help="same forms as --since; a date includes that whole day")
    p.add_argument("--outlet", metavar="NAME", help="only this outlet: a family (mainichi: both editions; kyodo) or one edition (mainichi_en; mainichi_ja for the Japanese paper alone)")


def database(args) -> str:
    """The ``--db`` to read, or a one-line UserError (missing, a directory, not SQLite...)."""
    from newscrawl.storage import check_database, default_db_path

    return str(check_database(args.db or default_db_path()))


def _count(value: str) -> int:
    import argparse

    try:
        n = int(value)
    except ValueError:
        n = -1
    if n < 0:
        raise argparse.ArgumentTypeError(f"wants a whole number, 0 or more, not {value!r}")
    return n


def run(args) -> int:
    from newscrawl.search import QueryError, search

    db = database(args)
    text, filters = " ".join(args.query), dict(outlet=args.outlet, since=args.since, until=args.until, all_time=args.all)
    if args.format == "csv":
        return write_csv(db, text, filters, args)
    try:
        result = search(db, text, **filters, limit=20 if args.limit is None else args.limit, offset=args.offset, ui_lang=args.lang)
    except QueryError as e:
        raise UserError(e.message(args.lang, surface="cli")) from None
    # The notes as this command words them (they may name its flags, such as --all).
    result.notes = [m.render(args.lang, surface="cli") for m in result.messages]
    from newscrawl.search.export import hit_dict

    out = sys.stdout
    if args.format == "json":
        json.dump(
            {
                "query": result.query.describe(),
                "total": result.total,
                "offset": args.offset,
                "notes": result.notes,
                "hits": [hit_dict(h) for h in result.hits],
            },
            out,
            ensure_ascii=False,
            indent=2,
        )
        out.write("\n")
    else:
        write_table(result, out, args.offset, color=out.isatty())
    return 0


def plain(marked: str) -> str:
    from newscrawl.search.export import plain as _plain

    return _plain(marked)


def write_csv(db: str, text: str, filters: dict, args) -> int:
    """Every match, one row per article (copies too, each saying its story), as
    /-/search.csv writes them; ``--offset``/``--limit`` cut the list. Notes go to
    standard error, so the file stays CSV."""
    import itertools
    import sqlite3

    from newscrawl.search import QueryError
    from newscrawl.search.engine import stream
    from newscrawl.search.export import csv_lines, search_rows

    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        plan, hits = stream(conn, text, ui_lang=args.lang, **filters)
        for message in plan.messages:
            print(f"note: {message.render(args.lang, surface='cli')}", file=sys.stderr)
        end = None if args.limit is None else args.offset + args.limit
        sys.stdout.writelines(csv_lines(search_rows(itertools.islice(hits, args.offset, end), args.offset)))
    except QueryError as e:
        raise UserError(e.message(args.lang, surface="cli")) from None
    finally:
        conn.close()
    return 0


def _terminal(marked: str, color: bool) -> str:
    if color:
        marked = marked.replace("<mark>", "\x1b[1;33m").replace("</mark>", "\x1b[0m")
    return plain(marked)


def width(text: str) -> int:
    """Columns ``text`` takes in a terminal: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in re.sub(r"\x1b\[[0-9;]*m", "", text))


def _fit(text: str, cols: int) -> str:
    if width(text) <= cols:
        return text
    out, used = [], 0
    for c in text:
        w = width(c)
        if used + w > cols - 1:
            break
        out.append(c)
        used += w
    return "".join(out) + "…"


def write_table(result, out, offset: int = 0, color: bool = False) -> None:
    from newscrawl.search.copies import also_in

    cols = max(60, shutil.get_terminal_size((100, 20)).columns)
    shown = f"{offset + 1}–{offset + len(result.hits)} of " if result.hits else ""
    collapsed = ", each story once" if any(h.copies for h in result.hits) else ""
    out.write(f"{shown}{result.total} article(s){collapsed} · {result.query.describe()}\n")
    for note in result.notes:
        out.write(f"note: {note}\n")
    if not result.hits:
        return
    rows = [
        (str(rank), h.relative_time, outlets.label(h.outlet), h)
        for rank, h in enumerate(result.hits, offset + 1)
    ]
    wn = max(width(r[0]) for r in rows)
    wt = max([width(r[1]) for r in rows] + [4])
    wo = max([width(r[2]) for r in rows] + [6])
    out.write(f"\n{'#'.rjust(wn)}  {_pad('TIME', wt)}  {_pad('OUTLET', wo)}  TITLE\n")
    indent = " " * (wn + 2)
    for n, when, outlet, h in rows:
        title = _fit(plain(h.title_html) or "(untitled)", cols - wn - wt - wo - 6)
        if color:
            title = _terminal(_mark_fit(h.title_html, title), color)
        out.write(f"{n.rjust(wn)}  {_pad(when, wt)}  {_pad(outlet, wo)}  {title}\n")
        via = f"  via {h.via}" if h.via else ""
        out.write(f"{indent}{h.absolute_time}  {h.url}{via}\n")
        snippet = _terminal(h.snippet, color)
        if snippet:
            out.write(f"{indent}{snippet}\n")
        if h.copies:
            out.write(f"{indent}also in: {', '.join(also_in(h))}\n")
        out.write("\n")


def _mark_fit(title_html: str, fitted: str) -> str:
    return title_html if plain(title_html) == fitted else html.escape(fitted)


def _pad(text: str, cols: int) -> str:
    return text + " " * max(0, cols - width(text))
