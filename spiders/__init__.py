"""One spider per outlet. Spiders discover and request; parsers extract (newscrawl/parsers)."""
