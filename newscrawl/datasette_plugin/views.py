"""The plugin's pages: /-/search (with its chart), /-/search.atom, the exports
/-/search.csv|json and /-/timeline.csv|json, and /-/article/ID.

Pages run their queries on Datasette's own read-only connections (``db.execute_fn``),
so they can read nothing Datasette could not and write nothing at all, and they see
rows a crawl added a moment ago (the file is served mutable, not ``-i``). Exports,
which outlive one call, open a read-only connection of their own (see ``_export``).
Searching and counting are ``newscrawl.search``; this module only turns request
parameters into a call and the result into a page.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import time
from datetime import datetime, timezone
from types import SimpleNamespace

from datasette import Response
from datasette.utils import LimitedWriter, WriteLimitExceeded, sqlite_timelimit
from datasette.utils.asgi import AsgiStream
from markupsafe import Markup

from newscrawl import outlets
from newscrawl.datasette_plugin import feed
from newscrawl.datasette_plugin.chart import share_text, svg
from newscrawl.datasette_plugin.i18n import LANGUAGE_NAMES, LANGUAGES, period_name, range_options, texts, ui_language
from newscrawl.humanize import absolute_time, relative_time
from newscrawl.urls import http_url
from newscrawl.datasette_plugin.params import PAGE_SIZE, SearchParams
from newscrawl.search.attention import timeline
from newscrawl.storage import distinct_values

FACET_BUDGET_S = 0.5
CHART_BUDGET_S = 1.0
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
    """One page of results, the outlet list [(outlet, hits or None when not counted)]
    and the timeline for the chart (None when it ran out of its budget).

    Datasette's own time limit covers only its SQL, so the search gets one here: a
    query past it is interrupted and raises SearchTooSlow (a one-line message).
    The outlet counts are one more call, ``limit=0`` with ``facets=("outlet",)``:
    no ranking, one GROUP BY over the same match and filters (the chosen outlet
    aside, so the others stay listed). It gets its own small budget, so a slow
    count never costs the page its results: past the budget the outlets are still
    listed as filters, without counts. The chart's counts (two GROUP BYs over the
    range, a chosen period aside) get a budget of their own the same way.
    """
    from newscrawl.search import QueryError, search

    now = now or datetime.now(timezone.utc)
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
        counts = counted.facets["outlet"]
    except (QueryError, SearchTooSlow):  # interrupted: out of budget
        counts = [(o, None) for o in distinct_values(conn, "outlet")]
    chart_ms = int(CHART_BUDGET_S * 1000)
    try:
        if chart_ms <= 0:
            raise SearchTooSlow()
        # The range counted from a time on a 10-minute step: the same for every query
        # an analyst tries meanwhile, so the counts of everything in it are reused.
        step = now.replace(minute=now.minute - now.minute % 10, second=0, microsecond=0)
        attention = timed(conn, chart_ms, lambda: timeline(conn, params.q, **params.filter_kwargs(step), by=params.chart_by))
    except (QueryError, SearchTooSlow):
        attention = None
    return result, counts, attention


async def search_page(datasette, request):
    params = SearchParams.from_args(request.args)
    t = texts(params.hl)
    db, error_response = await _database_or_404(datasette, request, params.hl)
    if error_response:
        return error_response
    result, counts, attention, error = await _search(db, params, search_time_limit_ms(datasette))
    present = await db.execute_fn(lambda conn: distinct_values(conn, "outlet"))
    chosen = selected_outlets(params.outlet, present)
    languages = await db.execute_fn(lambda conn: distinct_values(conn, "language"))
    pages = None
    if result is not None:
        pages = SimpleNamespace(
            previous=params.query_string(page=params.page - 1) if params.page > 1 else None,
            next=params.query_string(page=params.page + 1) if result.more else None,
        )
    search_path = datasette.urls.path("/-/search")
    chart = None
    if attention is not None and result is not None and attention.matching:  # nothing to draw without a match
        chart = SimpleNamespace(
            svg=svg(attention, t, params.hl, lambda period: search_path + params.query_string(period=period), params.period),
            periods=attention.totals,
            by=attention.by,
        )
    context = {
        "t": t,
        "p": params,
        "result": result,
        "error": error,
        "outlet_counts": counts,
        "outlet_options": outlet_options(present, params.hl, chosen),
        "outlet_filter": outlets.filter_key,
        "chosen_outlets": sorted(chosen),
        "chosen_outlet_name": chosen_name(params.outlet, chosen, params.hl),
        "languages": [(code, outlets.language_name(code, params.hl)) for code in languages],
        "ranges": range_options(params.hl, params.range),
        "pages": pages,
        "chart": chart,
        "chart_skipped": attention is None and result is not None,
        "search_path": search_path,
        "feed_path": datasette.urls.path("/-/search.atom") + params.query_string(),
        "exports": {
            name: datasette.urls.path(f"/-/{name}") + params.query_string()
            for name in ("search.csv", "search.json", "timeline.csv", "timeline.json")
        },
        "article_path": datasette.urls.path("/-/article/"),
        "other_languages": [(code, LANGUAGE_NAMES[code]) for code in LANGUAGES if code != params.hl],
        "snippet_adds": snippet_adds,
        "outlet_name": outlet_markup(params.hl),
        "period_name": lambda key: period_name(key, attention.by if attention else "day", params.hl),
        "share_text": share_text,
    }
    html = await datasette.render_template("newscrawl_search.html", context, request=request, view_name="newscrawl_search")
    return Response.html(html, status=400 if error else 200)


def selected_outlets(value: str, present: list[str]) -> set[str]:
    """The outlets of the database an outlet filter value selects."""
    return set(outlets.resolve([value], present)[0]) & set(present) if value else set()


def outlet_options(present: list[str], lang: str, chosen: set[str] = frozenset()) -> list[tuple[str, str, bool]]:
    """The outlet selector, as (value, label, selected): each family the database
    holds, then the editions of families that have more than one ("MAINICHI EN").
    Each edition's value selects it alone (``outlets.filter_key``: "mainichi_ja",
    not the family's "mainichi"); an option is selected when it selects what the
    page's filter does, however that was typed."""
    t = texts(lang)
    families: dict[str, list[str]] = {}
    for slug in present:
        family = outlets.BY_SLUG[slug].family if slug in outlets.BY_SLUG else slug
        families.setdefault(family, []).append(slug)
    options = []
    for family, slugs in sorted(families.items(), key=lambda f: outlets.name(f[1][0])):
        if len(slugs) == 1:
            options.append((outlets.filter_key(slugs[0]), outlets.label(slugs[0]), chosen == {slugs[0]}))
            continue
        options.append((family, f"{outlets.name(slugs[0])} ({t['all_editions']})", chosen == set(slugs)))
        options += [(outlets.filter_key(slug), "— " + outlets.label(slug), chosen == {slug}) for slug in slugs]
    return options


def chosen_name(value: str, chosen: set[str], lang: str):
    """What the page says it is filtered by: an edition's name and tag, a family's
    name "(all editions)", or the value as typed when it names nothing here."""
    if len(chosen) == 1:
        return outlet_markup(lang)(next(iter(chosen)))
    if chosen:
        return f"{outlets.name(sorted(chosen)[0])} ({texts(lang)['all_editions']})"
    return outlet_markup(lang)(value)


def facet_label(facet_value, column: str):
    """A facet value as the cells beside it read: an outlet's name ("MAINICHI EN"),
    a language's ("Japanese"; Datasette's pages are in English)."""
    value = facet_value["value"]
    if column == "outlet" and isinstance(value, str) and value:
        return outlets.label(value)
    if column == "language" and isinstance(value, str) and value:
        return outlets.language_name(value, "en")
    return facet_value["label"]


def outlet_markup(lang: str):
    """``outlet_name(slug)`` for templates: the name, and the edition as a small tag."""
    edition_title = texts(lang)["edition_en"]

    def render(slug):
        name, edition = outlets.name(slug), outlets.edition(slug)
        if not edition:
            return Markup('<span class="nc-outlet">{}</span>').format(name)
        return Markup('<span class="nc-outlet">{}</span> <abbr class="nc-edition" title="{}">{}</abbr>').format(
            name, edition_title if edition == "EN" else edition, edition
        )

    return render


async def _search(db, params: SearchParams, time_limit_ms: int):
    """(result, outlet counts, timeline, error message). An empty query is a search
    too: the newest articles in the range, like the seed site's front page."""
    from newscrawl.search import QueryError

    try:
        result, counts, attention = await db.execute_fn(lambda conn: run_search(conn, params, time_limit_ms))
    except QueryError as e:
        return None, [], None, str(e)
    except SearchTooSlow:
        return None, [], None, texts(params.hl)["too_slow"]
    return result, counts, attention, None


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
        result = await db.execute_fn(lambda conn: timed(conn, time_limit_ms, lambda: search(conn, params.q, deadline=time.perf_counter() + time_limit_ms / 1000, **params.search_kwargs())))
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


# -- exports ----------------------------------------------------------------------

CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json; charset=utf-8"}
CHUNK_CHARS = 64 * 1024  # lines are sent in pieces of about this size


async def search_export(datasette, request):
    """``/-/search.csv`` and ``.json``: every match of the page's search (the same
    parameters), in its order, streamed."""
    from newscrawl.search.engine import stream
    from newscrawl.search.export import csv_lines, search_json, search_rows

    params = SearchParams.from_args(request.args)
    fmt = request.url_vars["format"]
    now = datetime.now(timezone.utc)
    kwargs = params.search_kwargs(now)
    for paging in ("limit", "offset"):
        kwargs.pop(paging)

    def start(conn):
        plan, hits = stream(conn, params.q, **kwargs)
        if fmt == "csv":
            return csv_lines(search_rows(hits))
        head = {"query": plan.query.describe(), "notes": [m.render(params.hl) for m in plan.messages]}
        return search_json(head, hits)

    return await _export(datasette, request, params, start, fmt, f"newscrawl-search-{now:%Y%m%d}")


async def timeline_export(datasette, request):
    """``/-/timeline.csv`` and ``.json``: the chart's counts per period and outlet
    (``by=day|week|month``, ``count=articles|stories``, ``tz=``, ``total=1`` for one
    CSV row per period)."""
    from newscrawl.search.export import csv_lines, timeline_dict, timeline_rows

    params = SearchParams.from_args(request.args)
    fmt = request.url_vars["format"]
    now = datetime.now(timezone.utc)
    args = request.args

    def start(conn):
        t = timeline(
            conn, params.q, **params.filter_kwargs(now), by=params.chart_by, ui_lang=params.hl,
            count=args.get("count") or "articles", tz=args.get("tz") or "Asia/Tokyo",
        )
        if fmt == "csv":
            return csv_lines(timeline_rows(t, total=args.get("total") in ("1", "on", "true")))
        return iter([json.dumps(timeline_dict(t, params.hl), ensure_ascii=False, indent=2) + "\n"])

    return await _export(datasette, request, params, start, fmt, f"newscrawl-timeline-{now:%Y%m%d}")


async def _export(datasette, request, params: SearchParams, start, fmt: str, name: str):
    """Stream ``start(conn)``'s text chunks from a read-only connection of our own.

    Datasette's connections serve one call at a time and cannot hold a cursor open
    across calls, so an export gets its own; the work runs in a thread, one batch at
    a time, so the server holds only a batch however many articles match. Mistakes
    in the query are a 400 before anything is sent. Datasette's settings apply:
    ``allow_csv_stream`` off refuses exports, and ``max_csv_mb`` caps their size.
    """
    from newscrawl.search import QueryError

    db, error_response = await _database_or_404(datasette, request, params.hl)
    if error_response:
        return error_response
    if not datasette.setting("allow_csv_stream") or not db.path:
        return Response.text(texts(params.hl)["exports_off"], status=403)
    conn = sqlite3.connect(f"file:{db.path}?mode=ro", uri=True, check_same_thread=False)
    try:
        chunks = await asyncio.to_thread(lambda: _pieces(start(conn)))
        first = await asyncio.to_thread(next, chunks, None)
    except QueryError as e:
        conn.close()
        return Response.text(e.message(params.hl), status=400)
    except BaseException:
        conn.close()
        raise

    async def send(writer):
        limited = LimitedWriter(writer, datasette.setting("max_csv_mb"))
        # A download is opened in a spreadsheet: Excel takes a CSV without a byte order
        # mark for the Windows code page, and Japanese text comes out as mojibake.
        piece = "\ufeff" + (first or "") if fmt == "csv" else first
        try:
            while piece is not None:
                await limited.write(piece)
                piece = await asyncio.to_thread(next, chunks, None)
        except WriteLimitExceeded as e:
            await writer.write(f"\n{e}\n")
        finally:
            chunks.close()
            conn.close()

    headers = {"content-disposition": f'attachment; filename="{name}.{fmt}"'} if fmt == "csv" else {}
    return AsgiStream(send, headers=headers, content_type=CONTENT_TYPES[fmt])


def _pieces(chunks, size: int = CHUNK_CHARS):
    """Many small text chunks as fewer pieces of about ``size`` characters."""
    buf, n = [], 0
    for chunk in chunks:
        buf.append(chunk)
        n += len(chunk)
        if n >= size:
            yield "".join(buf)
            buf, n = [], 0
    if buf:
        yield "".join(buf)


async def article_page(datasette, request):
    hl = ui_language(request.args.get("hl"))
    t = texts(hl)
    db, error_response = await _database_or_404(datasette, request, hl)
    if error_response:
        return error_response
    article_id = request.url_vars["id"]
    article = await db.execute_fn(lambda conn: load_article(conn, article_id))
    search_path = datasette.urls.path("/-/search")
    if article is None:
        context = {"t": t, "hl": hl, "a": None, "article_id": article_id, "search_path": search_path}
        html = await datasette.render_template("newscrawl_article.html", context, request=request, view_name="newscrawl_article")
        return Response.html(html, status=404)
    published = absolute_time(article.get("published_at"))
    updated = absolute_time(article.get("updated_at"))
    story, versions = await db.execute_fn(lambda conn: story_and_history(conn, article))
    context = {
        "t": t,
        "hl": hl,
        "a": article,
        "published_ago": _relative(article.get("published_at"), hl),
        "published": published,
        "printed": printed_time(article.get("published_raw")),
        "updated": updated if updated != published else "",
        "language": outlets.language_name(article.get("language"), hl),
        "outlet_name": outlet_markup(hl),
        "search_path": search_path,
        "row_path": datasette.urls.row(db.name, "articles", article_id),
        "article_path": datasette.urls.path("/-/article/"),
        "copies": story.copies,
        "versions": versions,
        "absolute_time": absolute_time,
        "revised": absolute_time(article.get("revised_at")),
    }
    html = await datasette.render_template("newscrawl_article.html", context, request=request, view_name="newscrawl_article")
    return Response.html(html)


def printed_time(raw: str | None) -> str:
    """The time as the page printed it, when a reader learns something from it
    ("12 jam yang lalu", "令和7年1月14日"); a machine timestamp only repeats the
    normalized time beside it, so it is not shown twice."""
    raw = (raw or "").strip()
    try:
        datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        return raw
    return ""


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
    of either in a database from before schema 8, which serving does not migrate."""
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
