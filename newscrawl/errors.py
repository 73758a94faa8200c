class UserError(Exception):
    """A mistake the user can fix: printed as one line, without a traceback."""


class DropItem(Exception):
    """The item is not an article (no URL, neither title nor body).

    Raised by the plain ``normalize`` functions, which run without Scrapy (``newscrawl
    extract`` must not pay for importing it). Scrapy's item pipeline drops an item only
    on ``scrapy.exceptions.DropItem``, so the pipeline classes re-raise it as that
    (see ``pipelines/base.py``)."""
