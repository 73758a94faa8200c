"""Datasette plugin: the /-/search page, its Atom feed and article pages (issue 6).

Registered through the ``datasette`` entry point as ``newscrawl.datasette_plugin``; a
package rather than a module so Datasette finds ``templates/`` beside it. The pages
themselves are in ``views``; this file only wires them in.
"""

from __future__ import annotations

from datasette import hookimpl
from markupsafe import Markup, escape

from newscrawl.datasette_plugin import hardening, views
from newscrawl.datasette_plugin.i18n import texts


@hookimpl
def register_routes():
    return [
        (r"^/-/search$", views.search_page),
        (r"^/-/search\.atom$", views.search_feed),
        (r"^/-/search\.(?P<format>csv|json)$", views.search_export),
        (r"^/-/timeline\.(?P<format>csv|json)$", views.timeline_export),
        (r"^/-/article/(?P<id>[^/]+)$", views.article_page),  # any id: an unknown one gets our 404
    ]


@hookimpl
def menu_links(datasette, actor, request):
    return [{"href": datasette.urls.path("/-/search"), "label": texts("id")["menu"]}]


@hookimpl
def render_cell(value, column, table, row, datasette):
    """In the articles table, a title links to the article page (authors, photos...);
    there and in articles_by_day an outlet reads as its name ("MAINICHI EN"), the
    slug kept as a tooltip."""
    if table not in ("articles", "articles_by_day") or not value:
        return None
    if column == "title" and "id" in row.keys():
        href = datasette.urls.path(f"/-/article/{row['id']}")
        return Markup('<a href="{}">{}</a>').format(href, escape(value))
    if column == "outlet" and isinstance(value, str):
        return Markup('<span title="{}">{}</span>').format(value, views.outlet_markup("en")(value))
    return None


@hookimpl
def prepare_jinja2_environment(env, datasette):
    env.filters["newscrawl_facet_label"] = views.facet_label


@hookimpl
def extra_css_urls(template, table, datasette):
    if template == "table.html" and table == "articles":
        return [datasette.urls.static_plugins("newscrawl", "articles-table.css")]
    return []


# Datasette 0.65 prints every column description above the rows, which pushes the
# articles a screen down; fold them into a <details> the reader can open.
FOLD_COLUMN_DESCRIPTIONS = """
const dl = document.querySelector("dl.column-descriptions");
if (dl) {
  const details = document.createElement("details");
  const summary = document.createElement("summary");
  summary.textContent = "Kolom / columns";
  dl.replaceWith(details);
  details.append(summary, dl);
}
"""


@hookimpl
def extra_body_script(template, database, table):
    if template == "table.html" and table == "articles":
        return FOLD_COLUMN_DESCRIPTIONS
    return None


@hookimpl
def prepare_connection(conn):
    hardening.limit_connection(conn)


@hookimpl
def asgi_wrapper(datasette):
    return hardening.with_security_headers


@hookimpl(trylast=True)
def filters_from_request(request, database, table, datasette):
    """The articles table's search box speaks the search language (words, "phrases",
    -exclusions, OR), matched in the word index as /-/search matches it: the index
    holds normalized words, which Datasette's own raw MATCH would miss (towers,
    子ども). Runs after Datasette's own hook so its search box stays shown."""
    from datasette.filters import FilterArguments

    if table != "articles":
        return None
    text = (request.args.get("_search") or "").strip()
    context = {"supports_search": True, "search": text}
    if not text:
        return FilterArguments([], extra_context=context)
    from newscrawl.search import QueryError, parse_query
    from newscrawl.search.fts import match_expr

    try:
        q = parse_query(text)
        pos, neg = match_expr(q.groups, q.excluded)
    except QueryError as e:
        return FilterArguments(["0"], human_descriptions=[str(e)], extra_context=context)
    where, params = [], {}
    if pos:
        where.append("rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH :nc_search)")
        params["nc_search"] = pos
    if neg:
        where.append("rowid NOT IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH :nc_exclude)")
        params["nc_exclude"] = neg
    return FilterArguments(where, params, [f'search matches "{text}"'], extra_context=context)
