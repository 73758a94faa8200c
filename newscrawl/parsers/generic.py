"""Pages of sites no outlet module knows: structured data plus generic guesses.

An unknown site gets no selectors, so every field comes from the layers any page
has: JSON-LD / Open Graph, <h1> and <title> with the site name cut off, <time>, and
trafilatura for the body (see ``newscrawl/parsers/base.py``).
"""

from __future__ import annotations

from newscrawl.parsers.base import ArticlePage


class GenericParser(ArticlePage):
    """Structured data first, generic guesses for the rest."""
