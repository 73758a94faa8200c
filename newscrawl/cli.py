"""``newscrawl``: the command line. Each subcommand lives in newscrawl/commands/."""

from __future__ import annotations

import argparse
import sys
import traceback

from newscrawl import __version__
from newscrawl.commands import COMMANDS
from newscrawl.errors import UserError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newscrawl",
        description="Crawl Japanese news outlets, normalize the articles, store them in SQLite and search them.",
        epilog="Crawling itself is `scrapy crawl SPIDER` from the project folder (see `scrapy list`).",
    )
    parser.add_argument("--version", action="version", version=f"newscrawl {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks instead of one-line errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMANDS:
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return args.func(args) or 0
    except UserError as e:
        if args.debug:
            traceback.print_exc()
        print(f"newscrawl {args.command}: error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
