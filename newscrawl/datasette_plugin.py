"""Datasette plugin: the /-/search page and article views (issue 6)."""
