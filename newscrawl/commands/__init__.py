"""Subcommands of ``newscrawl``; each module has ``register(subparsers)``."""

from newscrawl.commands import demo, extract, imports, ingest, runs, search, serve

COMMANDS = (extract, imports, demo, search, serve, runs, ingest)
