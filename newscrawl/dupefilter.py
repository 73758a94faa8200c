"""Scrapy's duplicate-request filter, remembering the current run only.

With ``JOBDIR`` Scrapy's filter keeps every fingerprint in ``requests.seen`` and
drops those requests on resume. But a fetched article is only done once its batch
is committed to SQLite: after a kill -9 between the two, ``requests.seen`` would
name an article the database never got, and no later run would fetch it again.
So the database is the record of what is done (spiders skip stored URLs), and this
filter only stops one run from fetching a URL twice. A resumed JOBDIR still brings
back the requests that were queued when the crawl stopped.
"""

from __future__ import annotations

from scrapy.dupefilters import RFPDupeFilter


class RunDupeFilter(RFPDupeFilter):
    @classmethod
    def from_crawler(cls, crawler):
        return cls(None, crawler.settings.getbool("DUPEFILTER_DEBUG"), fingerprinter=crawler.request_fingerprinter)
