"""Subcommands of ``newscrawl``; each module has ``register(subparsers)``."""

from newscrawl.commands import demo, extract, search, serve, stories

COMMANDS = (extract, demo, search, serve, stories)
