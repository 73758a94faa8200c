"""What every page ``newscrawl serve`` answers gets, whoever wrote the page.

Security headers on every response (Datasette's pages, the plugin's, static files):
a Content-Security-Policy that allows only this origin (inline SVG charts and
Datasette's inline scripts and styles included, nothing from elsewhere), no MIME
sniffing, no framing, and no Referer to the outlets an analyst clicks through to.

SQLite limits on every served connection, so one arbitrary-SQL request cannot
build a value of gigabytes (``printf('%.*c', 900000000, 'x')`` took 2.6 GB and 5 s
past Datasette's 1 s time limit, which SQLite only checks between steps).
"""

from __future__ import annotations

import sqlite3

from pipelines.validate import MAX_BODY_CHARS

SECURITY_HEADERS = {
    "content-security-policy": "; ".join([
        "default-src 'self'",
        # Datasette's own pages carry inline <script> and style attributes.
        "script-src 'self' 'unsafe-inline'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]),
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",  # as Datasette's own pages say
}

SQLITE_LIMITS = {
    # The longest value stored is a body of MAX_BODY_CHARS (4 bytes a character at
    # worst in UTF-8); nothing served needs more.
    sqlite3.SQLITE_LIMIT_LENGTH: max(1_000_000, 4 * MAX_BODY_CHARS + 100_000),
    sqlite3.SQLITE_LIMIT_SQL_LENGTH: 100_000,
    # Caps how many such values one row can hold; the widest table has ~35 columns.
    sqlite3.SQLITE_LIMIT_COLUMN: 100,
}


def limit_connection(conn: sqlite3.Connection) -> None:
    for category, value in SQLITE_LIMITS.items():
        conn.setlimit(category, value)


def with_security_headers(app):
    """ASGI middleware adding SECURITY_HEADERS to each response that lacks them."""

    async def wrapped(scope, receive, send):
        if scope["type"] != "http":
            return await app(scope, receive, send)

        async def send_with_headers(event):
            if event["type"] == "http.response.start":
                present = {name.lower() for name, _ in event.get("headers", [])}
                extra = [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items() if k.encode() not in present]
                event = {**event, "headers": [*event.get("headers", []), *extra]}
            await send(event)

        await app(scope, receive, send_with_headers)

    return wrapped
