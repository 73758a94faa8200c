"""Subcommands of ``newscrawl``; each module has ``register(subparsers)``."""

from newscrawl.commands import demo, extract, search, serve, timeline

COMMANDS = (extract, demo, search, timeline, serve)
