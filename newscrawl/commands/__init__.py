"""Subcommands of ``newscrawl``; each module has ``register(subparsers)``."""

from newscrawl.commands import demo, extract, imports, ingest, reindex, runs, search, serve, stories, timeline

COMMANDS = (extract, imports, reindex, demo, search, timeline, serve, runs, ingest, stories)
