"""Scrapy commands of this project (``COMMANDS_MODULE`` in newscrawl/settings.py).

``scrapy crawl`` here is Scrapy's own command plus an exit status that says whether
the crawl did its job (see crawl.py).
"""
