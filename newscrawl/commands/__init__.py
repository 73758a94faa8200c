"""Subcommands of ``newscrawl``; each module has ``register(subparsers)``."""

from newscrawl.commands import demo, extract, imports, search, serve, stories

COMMANDS = (extract, imports, demo, search, serve, stories)
