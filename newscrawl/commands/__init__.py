"""Subcommands of ``newscrawl``; each module has ``register(subparsers)``."""

from newscrawl.commands import demo, extract, ingest, runs, search, serve

COMMANDS = (extract, demo, search, serve, runs, ingest)
