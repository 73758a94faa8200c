"""Subcommands of ``newscrawl``; each module has ``register(subparsers)``."""

from newscrawl.commands import demo, extract, imports, search, serve, timeline

COMMANDS = (extract, imports, demo, search, timeline, serve)
