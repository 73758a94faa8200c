"""The plugin's pages: /-/search, /-/search.atom and /-/article/ID.

Every query runs on Datasette's own read-only connection (``db.execute`` /
``db.execute_fn``), so these pages can read nothing Datasette could not and write
nothing at all, and they see rows a crawl added a moment ago (the file is served
mutable, not ``-i``). Searching is ``newscrawl.search``; this module only turns
request parameters into a call and the result into a page.
"""

from __future__ import annotations

import sqlite3
import time
from datetime import datetime, timezone
from types import SimpleNamespace

from datasette import Response
from datasette.utils import sqlite_timelimit
from markupsafe import Markup

from newscrawl.datasette_plugin import feed
from newscrawl.humanize import absolute_time, relative_time
from newscrawl.urls import http_url
from newscrawl.datasette_plugin.i18n import range_options, texts, ui_language
from newscrawl.datasette_plugin.params import SearchParams
from newscrawl.storage import distinct_values

FACET_BUDGET_S = 0.5
SEARCH_TIME_LIMIT_MS = 5000  # plugins: newscrawl: search_time_limit_ms in metadata overrides it


def search_time_limit_ms(datasette) -> int:
    config = datasette.plugin_config("newscrawl") or {}
    return int(config.get("search_time_limit_ms") or SEARCH_TIME_LIMIT_MS)


async def articles_database(datasette):
    """The served database holding newscrawl's articles: the one named by the plugin
    setting ``database`` if given, else the first with an ``articles`` table."""
    config = datasette.plugin_config("newscrawl") or {}
    if config.get("database"):
        return datasette.databases.get(config["database"])
    for name, db in datasette.databases.items():
        if name != "_internal" and await db.table_exists("articles"):
            return db
    return None


async def _ensure_visible(datasette, request, db) -> None:
    """Honour Datasette's permissions: whoever may not see the articles table may not
    search it either."""
    await datasette.ensure_permissions(
        request.actor, [("view-table", (db.name, "articles")), ("view-database", db.name), "view-instance"]
    )


async def _database_or_404(datasette, request, lang):
    db = await articles_database(datasette)
    if db is None:
        return None, Response.text(texts(lang)["no_database"], status=404)
    await _ensure_visible(datasette, request, db)
    return db, None


class SearchTooSlow(Exception):
    """The search ran past its time limit and SQLite interrupted it."""


def timed(conn, time_limit_ms: int, fn):
    """``fn()`` under a time limit. SQLite reports an interrupted query in several
    ways (and the search function rewords them), so any failure once the limit has
    passed counts as SearchTooSlow."""
    from newscrawl.search import QueryError

    deadline = time.perf_counter() + time_limit_ms / 1000
    try:
        with sqlite_timelimit(conn, time_limit_ms):
            return fn()
    except (sqlite3.OperationalError, QueryError):
        if time.perf_counter() >= deadline:
            raise SearchTooSlow() from None
        raise


def run_search(conn, params: SearchParams, time_limit_ms: int, now: datetime | None = None):
    """One page of results plus the outlet list: [(outlet, hits or None when not counted)].

    Datasette's own time limit covers only its SQL, so the search gets one here: a
    query past it is interrupted and raises SearchTooSlow (a one-line message).
    The outlet counts are one more call, ``limit=0`` with ``facets=("outlet",)``:
    no ranking, one GROUP BY over the same match and filters (the chosen outlet
    aside, so the others stay listed). It gets its own small budget, so a slow
    count never costs the page its results: past the budget the outlets are still
    listed as filters, without counts.
    """
    from newscrawl.search import QueryError, search

    kwargs = params.search_kwargs(now)
    # The Python side (analysis, highlighting) keeps to the same limit as the SQL.
    deadline = time.perf_counter() + time_limit_ms / 1000
    result = http_links_only(timed(conn, time_limit_ms, lambda: search(conn, params.q, deadline=deadline, **kwargs)))
    budget_ms = int(FACET_BUDGET_S * 1000)
    try:
        if budget_ms <= 0:
            raise SearchTooSlow()
        counted = timed(
            conn, budget_ms, lambda: search(conn, params.q, **dict(kwargs, limit=0, offset=0), facets=("outlet",))
        )
    except (QueryError, SearchTooSlow):  # interrupted: out of budget
        return result, [(o, None) for o in distinct_values(conn, "outlet")]
    return result, counted.facets["outlet"]


async def search_page(datasette, request):
    params = SearchParams.from_args(request.args)
    t = texts(params.hl)
    db, error_response = await _database_or_404(datasette, request, params.hl)
    if error_response:
        return error_response
    result, counts, error = await _search(db, params, search_time_limit_ms(datasette))
    outlets = await db.execute_fn(lambda conn: distinct_values(conn, "outlet"))
    languages = await db.execute_fn(lambda conn: distinct_values(conn, "language"))
    pages = None
    if result is not None:
        pages = SimpleNamespace(
            previous=params.query_string(page=params.page - 1) if params.page > 1 else None,
            next=params.query_string(page=params.page + 1) if result.more else None,
        )
    context = {
        "t": t,
        "p": params,
        "result": result,
        "error": error,
        "outlet_counts": counts,
        "outlets": outlets,
        "languages": languages,
        "ranges": range_options(params.hl),
        "pages": pages,
        "search_path": datasette.urls.path("/-/search"),
        "feed_path": datasette.urls.path("/-/search.atom") + params.query_string(),
        "article_path": datasette.urls.path("/-/article/"),
        "other_hl": "en" if params.hl == "id" else "id",
        "snippet_adds": snippet_adds,
    }
    html = await datasette.render_template("newscrawl_search.html", context, request=request, view_name="newscrawl_search")
    return Response.html(html, status=400 if error else 200)


async def _search(db, params: SearchParams, time_limit_ms: int):
    """(result, outlet counts, error message). An empty query is a search too: the
    newest articles in the range, like the seed site's front page."""
    from newscrawl.search import QueryError

    try:
        result, counts = await db.execute_fn(lambda conn: run_search(conn, params, time_limit_ms))
    except QueryError as e:
        return None, [], str(e)
    except SearchTooSlow:
        return None, [], texts(params.hl)["too_slow"]
    return result, counts, None


def snippet_adds(hit) -> bool:
    """Whether the snippet shows text the card's lead paragraphs do not already show."""
    plain = Markup(hit.snippet or "").striptags().strip(" .…")
    lead = " ".join(hit.lead) if isinstance(hit.lead, list) else (hit.lead or "")
    return bool(plain) and plain not in " ".join(lead.split())


async def search_feed(datasette, request):
    """The same search as Atom, newest first, so an analyst can subscribe to it."""
    params = SearchParams.from_args(request.args)
    db, error_response = await _database_or_404(datasette, request, params.hl)
    if error_response:
        return error_response
    from newscrawl.search import QueryError, search

    time_limit_ms = search_time_limit_ms(datasette)

    try:
        result = await db.execute_fn(lambda conn: timed(conn, time_limit_ms, lambda: search(conn, params.q, **params.search_kwargs())))
        result = http_links_only(result)
    except QueryError as e:
        return Response.text(str(e), status=400)
    except SearchTooSlow:
        return Response.text(texts(params.hl)["too_slow"], status=400)
    body = feed.atom(
        result.hits,
        title=f"newscrawl: {params.q}" if params.q else "newscrawl",
        self_url=datasette.absolute_url(request, request.full_path),
        html_url=datasette.absolute_url(request, datasette.urls.path("/-/search") + params.query_string()),
        article_url=lambda hit: datasette.absolute_url(request, datasette.urls.path(f"/-/article/{hit.id}")),
    )
    return Response(body, content_type="application/atom+xml; charset=utf-8")


async def article_page(datasette, request):
    hl = ui_language(request.args.get("hl"))
    t = texts(hl)
    db, error_response = await _database_or_404(datasette, request, hl)
    if error_response:
        return error_response
    article_id = request.url_vars["id"]
    article = await db.execute_fn(lambda conn: load_article(conn, article_id))
    if article is None:
        return Response.text(t["not_found"], status=404)
    story, versions = await db.execute_fn(lambda conn: story_and_history(conn, article))
    context = {
        "t": t,
        "hl": hl,
        "a": article,
        "published_ago": _relative(article.get("published_at"), hl),
        "published": absolute_time(article.get("published_at")),
        "updated": absolute_time(article.get("updated_at")),
        "search_path": datasette.urls.path("/-/search"),
        "row_path": datasette.urls.row(db.name, "articles", article_id),
        "article_path": datasette.urls.path("/-/article/"),
        "copies": story.copies,
        "versions": versions,
        "absolute_time": absolute_time,
        "revised": absolute_time(article.get("revised_at")),
    }
    html = await datasette.render_template("newscrawl_article.html", context, request=request, view_name="newscrawl_article")
    return Response.html(html)


def load_article(conn, article_id: str):
    """The stored article as ``newscrawl extract`` prints it, or None."""
    from newscrawl.storage import row_to_article

    cur = conn.execute("SELECT * FROM articles WHERE id = ?", [article_id])
    row = cur.fetchone()
    if row is None:
        return None
    cols = [d[0] for d in cur.description]
    article = row_to_article(dict(zip(cols, row)), SimpleNamespace(conn=conn))
    for key in ("url", "canonical_url"):
        article[key] = http_url(article.get(key))
    article["images"] = [dict(i, url=http_url(i.get("url"))) for i in article["images"]]
    return article


def http_links_only(result):
    """Only http(s) URLs become links on these pages: a ``javascript:`` or ``data:``
    URL in the database (stored before the crawl refused them, or written by other
    tools) is rendered as no link at all."""
    for hit in result.hits:
        hit.url = http_url(hit.url)
        if isinstance(hit.image, dict) and "url" in hit.image:
            hit.image = dict(hit.image, url=http_url(hit.image["url"]))
    return result


def story_and_history(conn, article):
    """The article's copies elsewhere (``.copies``) and its earlier versions; none
    of either in a database from before schema 6, which serving does not migrate."""
    from newscrawl.revisions import history
    from newscrawl.search.copies import attach

    story = SimpleNamespace(id=article["id"], story_id=None, copies=[])
    attach(conn, [story])
    try:
        return story, history(conn, article)
    except sqlite3.OperationalError:  # no article_revisions table
        return story, []


def _relative(iso: str | None, lang: str) -> str | None:
    if not iso:
        return None
    try:
        return relative_time(iso, datetime.now(timezone.utc), lang)
    except ValueError:
        return None
