"""newscrawl: crawl Japanese news outlets, normalize articles, store and search them."""

__version__ = "0.1.0"
