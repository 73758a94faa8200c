"""The article's HTML that a page carries in a script for the browser to render.

    html = article_html(doc)    # the HTML of the article's text, or None

A page built with Next.js and rendered in the browser sends no article text in its
markup: the text travels in the scripts that hydrate the page, as a string of HTML.
App Router pages push their React Server Components stream in pieces
(``self.__next_f.push([1, "…"])``), where a long string is a text row
(``24:T6e3,<p>…``: its length in UTF-8 bytes, in hex, then the text); Pages Router
pages keep their props as JSON in ``<script id="__NEXT_DATA__">``. Of the strings
there, the article is the one with the most paragraphs of HTML.
"""

from __future__ import annotations

import json
import re

NEXT_PUSH = re.compile(r"\s*self\.__next_f\.push\((\[.*\])\)\s*;?\s*", re.S)
ROW_START = re.compile(rb"[0-9a-f]+:(?:T([0-9a-f]{1,8}),)?")
PARAGRAPH = re.compile(r"<p[\s>]", re.I)
MIN_PARAGRAPHS = 3


def article_html(doc) -> str | None:
    """The string of HTML with the most paragraphs (at least three) that the page's
    Next.js scripts carry, or None."""
    best, most = None, MIN_PARAGRAPHS - 1
    for text in _carried_strings(doc):
        n = len(PARAGRAPH.findall(text)) if "<p" in text else 0
        if n > most:
            best, most = text, n
    return best


def _carried_strings(doc):
    stream = []
    for script in doc.iter("script"):
        code = script.text or ""
        if script.get("id") == "__NEXT_DATA__":
            try:
                yield from _strings(json.loads(code))
            except (ValueError, RecursionError):  # not JSON, or nested past what a page's props need
                continue
        elif "__next_f" in code:
            m = NEXT_PUSH.fullmatch(code)
            try:
                row = json.loads(m.group(1)) if m else None
            except (ValueError, RecursionError):
                continue
            if isinstance(row, list) and len(row) > 1 and isinstance(row[1], str):
                stream.append(row[1])
    if stream:
        yield from text_rows("".join(stream))


def text_rows(stream: str):
    """The text rows of a React Server Components stream, read row by row: a text row is
    its length in bytes of UTF-8 and then that many bytes (which may hold newlines and
    anything else, and run straight into the next row); any other row ends at a newline."""
    data = stream.encode("utf-8", "surrogatepass")
    at = 0
    while at < len(data):
        m = ROW_START.match(data, at)
        if m is None:  # not a row: on to the next line
            nl = data.find(b"\n", at)
            at = len(data) if nl < 0 else nl + 1
        elif m.group(1) is not None:
            start = m.end()
            end = start + int(m.group(1), 16)
            yield data[start:end].decode("utf-8", "replace")
            at = end
        else:
            nl = data.find(b"\n", m.end())
            at = len(data) if nl < 0 else nl + 1


def _strings(value, depth: int = 0):
    """Every string inside a JSON value (not deeper than a page's props go)."""
    if isinstance(value, str):
        yield value
    elif depth < 40 and isinstance(value, dict):
        for v in value.values():
            yield from _strings(v, depth + 1)
    elif depth < 40 and isinstance(value, list):
        for v in value:
            yield from _strings(v, depth + 1)
