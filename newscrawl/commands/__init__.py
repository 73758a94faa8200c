"""Subcommands of ``newscrawl``; each module has ``register(subparsers)``."""

from newscrawl.commands import demo, extract, imports, reindex, search, serve, stories, timeline

COMMANDS = (extract, imports, reindex, demo, search, timeline, serve, stories)
