"""The search language, parsed: words, "phrases", -exclusions, OR and field:value.

    地震 "prime minister" -baseball tokyo OR osaka outlet:mainichi lang:ja since:7d

- words all must match; ``OR`` between two terms matches either (it binds tighter
  than the implicit AND, as in web search: ``a OR b c`` is (a or b) and c);
- ``"..."`` is an exact phrase and is never dropped as a common word;
- ``-word`` / ``-"phrase"`` / ``-outlet:kyodo`` exclude;
- filters: outlet:, lang:, author:, section:, since:, until:, and title: (the term
  must be in the title). Several values of one filter are alternatives.

Everything the user typed ends up as data: terms are later quoted token by token
(see ``newscrawl.search.fts``), filters become bound SQL parameters. Characters that
would be operators in SQLite's own FTS syntax (``* ( ) ^ { }``) are refused with a
message rather than passed through or silently dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timezone, tzinfo

from newscrawl.search.messages import FALLBACK, render
from newscrawl.timespan import TOKYO, TimeSpanError, parse_when

FILTERS = ("outlet", "lang", "author", "section", "since", "until")
FIELD_ALIASES = {"language": "lang", "site": "outlet", "media": "outlet", "from": "since", "to": "until"}
LANG_ALIASES = {"japanese": "ja", "english": "en", "jp": "ja", "日本語": "ja", "英語": "en", "jepang": "ja", "inggris": "en"}
FTS_SYNTAX = set("*()^{}")


class QueryError(ValueError):
    """A query we cannot run: a message id and its parameters (see
    ``newscrawl.search.messages``), so the caller can show it in the reader's
    language with ``e.message(lang)``. ``str(e)`` is one line: in the language
    ``search()`` was asked for (``ui_lang``) when it raised the error, else English.
    """

    def __init__(self, msg_id: str, /, **params):
        super().__init__(msg_id)
        self.id = msg_id
        self.params = params
        self.lang = FALLBACK

    def message(self, lang: str | None = None, surface: str | None = None) -> str:
        return render(self.id, lang or self.lang, surface, **self.params)

    def __str__(self) -> str:
        return self.message()


@dataclass
class Term:
    text: str
    phrase: bool = False  # typed in double quotes: exact, never dropped as common
    title_only: bool = False
    # Decided by the search, not typed: other words it also matches (the
    # Japanese spellings of a romanized word), and whether no word matched so it
    # is searched as a string (see newscrawl.search.fts).
    also: tuple[str, ...] = ()
    fallback: bool = False

    def __str__(self) -> str:
        s = f'"{self.text}"' if self.phrase or " " in self.text else self.text
        return f"title:{s}" if self.title_only else s


@dataclass
class Filter:
    name: str  # one of FILTERS except since/until
    values: list[str]
    negated: bool = False


@dataclass
class Query:
    """A parsed query: AND of OR-groups of terms, exclusions, filters and a window."""

    text: str = ""
    groups: list[list[Term]] = field(default_factory=list)
    excluded: list[Term] = field(default_factory=list)
    filters: list[Filter] = field(default_factory=list)
    since: datetime | None = None
    until: datetime | None = None  # exclusive
    ignored: list[str] = field(default_factory=list)  # terms dropped, for describe()

    @property
    def has_terms(self) -> bool:
        return bool(self.groups)

    def terms(self) -> list[Term]:
        return [t for g in self.groups for t in g]

    def describe(self) -> str:
        parts = []
        for g in self.groups:
            parts.append(" OR ".join(map(str, g)) if len(g) == 1 else "(" + " OR ".join(map(str, g)) + ")")
        parts += [f"-{t}" for t in self.excluded]
        for f in self.filters:
            parts.append(("-" if f.negated else "") + f"{f.name}:" + ",".join(f.values))
        if self.since:
            parts.append(f"since:{_fmt(self.since)}")
        if self.until:
            parts.append(f"until:{_fmt(self.until)} (exclusive)")
        if self.ignored:
            parts.append("ignored: " + ", ".join(self.ignored))
        return " ".join(parts) if parts else "(everything, newest first)"


def _fmt(dt: datetime) -> str:
    return dt.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def parse_time(value: str | datetime, now: datetime, *, end: bool = False, name: str = "since", tz: tzinfo = TOKYO) -> datetime:
    """``30min``/``12h``/``2d``/``1w``/``3mo``/``1y`` before ``now``, or a date/time
    (the grammar of ``newscrawl.timespan``: dates are days in ``tz``, Tokyo's unless
    told; with ``end=True`` a date includes that whole day)."""
    try:
        return parse_when(value, now, end=end, tz=tz)
    except TimeSpanError as e:
        raise QueryError(e.id, name=name, **e.params) from None


# -- lexing ---------------------------------------------------------------

@dataclass
class _Token:
    kind: str  # "term", "or", "filter"
    text: str = ""
    phrase: bool = False
    negated: bool = False
    name: str = ""  # filter name, or "title"


def _lex(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c.isspace():
            i += 1
            continue
        negated = False
        if c == "-" and i + 1 < n and not text[i + 1].isspace():
            negated, i = True, i + 1
        if text[i] == '"':
            value, i = _read_phrase(text, i)
            tokens.append(_Token("term", value, phrase=True, negated=negated))
            continue
        j = i
        while j < n and not text[j].isspace() and text[j] != '"':
            j += 1
        word = text[i:j]
        i = j
        m = re.match(r"^([A-Za-z]+):(.*)$", word)
        if m and not m.group(2).startswith("//"):  # a pasted URL is text, not a filter
            name = m.group(1).lower()
            name = FIELD_ALIASES.get(name, name)
            if name not in FILTERS and name != "title":
                raise QueryError("unknown_filter", name=m.group(1))
            value, phrase = m.group(2), False
            if not value and i < n and text[i] == '"':
                value, i = _read_phrase(text, i)
                phrase = True
            if not value.strip():
                raise QueryError("needs_value", name=name, example=_example(name))
            if name == "title":
                _check_syntax(value, phrase)
                tokens.append(_Token("term", value, phrase=phrase, negated=negated, name="title"))
            else:
                tokens.append(_Token("filter", value, negated=negated, name=name))
            continue
        if word == "OR" and not negated:
            tokens.append(_Token("or"))
            continue
        if word in ("AND", "&&") and not negated:
            continue  # every word must match anyway
        if word in ("NOT", "NEAR") and not negated:
            raise QueryError("not_supported", word=word)
        if word == "|":
            raise QueryError("use_or")
        _check_syntax(word, False)
        tokens.append(_Token("term", word, negated=negated))
    return tokens


def _read_phrase(text: str, i: int) -> tuple[str, int]:
    end = text.find('"', i + 1)
    if end < 0:
        raise QueryError("unbalanced_quote")
    value = text[i + 1 : end].strip()
    if not value:
        raise QueryError("empty_phrase")
    return value, end + 1


def _check_syntax(word: str, phrase: bool) -> None:
    bad = sorted(set(word) & FTS_SYNTAX) if not phrase else []
    if bad:
        raise QueryError("fts_syntax", chars=" ".join(repr(b) for b in bad))


def _example(name: str) -> str:
    return {
        "outlet": "outlet:mainichi",
        "lang": "lang:ja",
        "author": 'author:"Taro Yamada"',
        "section": "section:politics",
        "since": "since:7d",
        "until": "until:2025-01-31",
        "title": "title:地震",
    }[name]


# -- parsing --------------------------------------------------------------

MAX_CHARS = 500  # a query is a few words; analysis and highlighting cost grows with it
MAX_TERMS = 24
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def parse_query(text: str, now: datetime | None = None, tz: tzinfo = TOKYO) -> Query:
    """``text`` as a Query; raises QueryError with a one-line message."""
    now = now or datetime.now(timezone.utc)
    text = text or ""
    if len(text) > MAX_CHARS:
        raise QueryError("too_long", length=len(text), limit=MAX_CHARS)
    bad = _CONTROL.search(text)
    if bad:
        raise QueryError("bad_character", char=f"U+{ord(bad.group()):04X}")
    q = Query(text=text)
    tokens = _lex(text)
    terms = sum(t.kind == "term" for t in tokens)
    if terms > MAX_TERMS:
        raise QueryError("too_many_terms", count=terms, limit=MAX_TERMS)
    values: dict[tuple[str, bool], list[str]] = {}
    pending_or = False
    for k, tok in enumerate(tokens):
        if tok.kind == "or":
            prev = tokens[k - 1] if k else None
            nxt = tokens[k + 1] if k + 1 < len(tokens) else None
            if not (prev and nxt and _positive_term(prev) and _positive_term(nxt)):
                raise QueryError("or_needs_terms")
            pending_or = True
            continue
        if tok.kind == "filter":
            if tok.name in ("since", "until"):
                if tok.negated:
                    raise QueryError("time_negated", name=tok.name, other="until" if tok.name == "since" else "since")
                dt = parse_time(tok.text, now, end=tok.name == "until", name=tok.name, tz=tz)
                if tok.name == "since":
                    q.since = max(q.since, dt) if q.since else dt
                else:
                    q.until = min(q.until, dt) if q.until else dt
                continue
            vals = [v.strip() for v in tok.text.split(",") if v.strip()]
            if tok.name == "lang":
                vals = [LANG_ALIASES.get(v.lower(), v.lower()) for v in vals]
            elif tok.name == "outlet":
                vals = [v.lower() for v in vals]
            values.setdefault((tok.name, tok.negated), []).extend(vals)
            continue
        term = Term(tok.text, phrase=tok.phrase, title_only=tok.name == "title")
        if tok.negated:
            q.excluded.append(term)
        elif pending_or:
            q.groups[-1].append(term)
            pending_or = False
        else:
            q.groups.append([term])
    q.filters = [Filter(name, vals, negated) for (name, negated), vals in values.items()]
    return q


def _positive_term(tok: _Token) -> bool:
    return tok.kind == "term" and not tok.negated
