"""Search the stored articles: ``from newscrawl.search import search, QueryError``.

    result = search("data/newscrawl.db", '地震 "prime minister" -baseball outlet:mainichi', ui_lang="id")
    result.hits, result.total, result.notes, result.query.describe()

- ``query``: the search language (words, "phrases", -exclusions, OR, field:value);
- ``fts``: terms to FTS5 expressions and the index's statistics and stemmer;
- ``highlight``: snippets and titles with hits in <mark>, from the original text;
- ``engine``: ``search()`` itself — window, common words, ranking, paging, facets;
- ``messages``: every note and error in Indonesian, English and Japanese.
"""

from newscrawl.search.engine import Hit, SearchResult, search
from newscrawl.search.messages import Message
from newscrawl.search.query import Query, QueryError, Term, parse_query

__all__ = ["search", "QueryError", "Message", "Hit", "SearchResult", "Query", "Term", "parse_query"]
