"""What every page ``newscrawl serve`` answers gets, whoever wrote the page.

Security headers on every response (Datasette's pages, the plugin's, static files):
a Content-Security-Policy that allows only this origin (inline SVG charts and
Datasette's inline scripts and styles included) and, from elsewhere, only images over
https (an article page's photo thumbnails, from the outlet), no MIME sniffing, no
framing, and no Referer to the outlets an analyst clicks through to.

SQLite limits on every served connection, so one arbitrary-SQL request cannot
build a value of gigabytes (``printf('%.*c', 900000000, 'x')`` took 2.6 GB and 5 s
past Datasette's 1 s time limit, which SQLite only checks between steps). With the
length limit SQLite 3.40 no longer builds the value but still counts to 900 million,
so ``printf``/``format`` answer NULL at once for a width or precision past the limit,
as SQLite does for a result past it.
"""

from __future__ import annotations

import re
import sqlite3
import threading

from pipelines.validate import MAX_BODY_CHARS

SECURITY_HEADERS = {
    "content-security-policy": "; ".join([
        "default-src 'self'",
        # Datasette's own pages carry inline <script> and style attributes.
        "script-src 'self' 'unsafe-inline'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: https:",  # article thumbnails are the outlets' own photos
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
    for name in ("printf", "format"):
        conn.create_function(name, -1, bounded_printf, deterministic=True)


# A printf conversion: flags, width, precision (each a number or * for the next argument), type.
_CONVERSION = re.compile(r"%[-+ 0#,!]*(\*|\d+)?(?:\.(\*|\d+))?([a-zA-Z%])")
_plain = threading.local()


def bounded_printf(fmt, *args):
    """SQLite's own printf, or NULL when a width or precision asks for more than a
    served value may hold."""
    if fmt is None:
        return None
    limit = SQLITE_LIMITS[sqlite3.SQLITE_LIMIT_LENGTH]
    i = 0
    for m in _CONVERSION.finditer(str(fmt)):
        for part in m.group(1, 2):
            if part == "*":
                n, i = _as_int(args[i] if i < len(args) else 0), i + 1
            elif part:
                n = int(part)
            else:
                continue
            if abs(n) > limit:
                return None
        if m.group(3) != "%":
            i += 1
    if getattr(_plain, "conn", None) is None:  # a connection where printf is SQLite's own
        _plain.conn = sqlite3.connect(":memory:", check_same_thread=False)
        _plain.conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, limit)
    placeholders = ", ".join("?" * (1 + len(args)))
    return _plain.conn.execute(f"SELECT printf({placeholders})", (fmt, *args)).fetchone()[0]


def _as_int(value) -> int:
    try:
        return int(float(value))
    except (TypeError, ValueError, OverflowError):
        return 0


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
