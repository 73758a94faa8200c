"""Crawl logs a scheduled job can read: a site that is down is one line, not a traceback.

Scrapy's robots.txt middleware logs every failed robots.txt download with its full
traceback (DNS failures, refused connections, timeouts). Those are the network's
faults, not the program's, and the run's verdict already names them in words
(``newscrawl.runs``); the traceback only buries that verdict. This extension keeps
the message and drops the traceback for those errors only.
"""

from __future__ import annotations

import logging

ROBOTS_LOGGER = "scrapy.downloadermiddlewares.robotstxt"


class OneLineNetworkErrors(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.levelno >= logging.ERROR:
            record.exc_info = None
            record.exc_text = None
        return True


class QuietNetworkErrors:
    """Extension: install the filter for the crawl's lifetime (once per process)."""

    def __init__(self):
        logger = logging.getLogger(ROBOTS_LOGGER)
        if not any(isinstance(f, OneLineNetworkErrors) for f in logger.filters):
            logger.addFilter(OneLineNetworkErrors())

    @classmethod
    def from_crawler(cls, crawler):
        return cls()
