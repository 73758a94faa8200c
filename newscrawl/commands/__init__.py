"""Subcommands of ``newscrawl``; each module has ``register(subparsers)``."""

from newscrawl.commands import demo, extract, ingest, search, serve

COMMANDS = (extract, demo, search, serve, ingest)
