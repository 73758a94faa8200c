"""Bylines, datelines and agencies: who wrote it, from where, for which wire.

Sources, in order: the ``byline`` field (raw text a parser found in a byline
element), the body's first and last paragraphs, and ``authors`` from structured data.

Rules, by example (pipelines/bylinetext.py holds the patterns):
- ``By TAKUYA KARUBE, Staff Writer`` -> Takuya Karube (case restored, role dropped);
  ``by Hanako Sato and Jiro Tanaka`` -> two authors.
- ``【エルサレム松岡大地、カイロ金子淳】`` -> 松岡大地, 金子淳 from エルサレム, カイロ;
  ``【ソウル＝山田花子】``; ``（経済部　高橋次郎）``; ``【ワシントン共同】`` -> agency Kyodo.
- ``WASHINGTON (Kyodo) --`` -> dateline WASHINGTON, agency Kyodo.
- People named in the byline or the body are the authors; else the people in
  structured data; else its house credits (毎日新聞, "Kyodo News"), which stay
  when no person is named at all.
- Body: a paragraph that is only a byline ("(By Takuya Karube)") leaves the body;
  a byline that shares its paragraph with text (a leading 【ソウル＝…】, a trailing
  【エルサレム…】, a "WASHINGTON (Kyodo) --" dateline) is read but left as printed.
- Several datelines (one per reporter): ``dateline`` stores the first, the place
  the article leads with.
- Agencies are stored under one English name (Kyodo, Jiji, AP, Reuters ...).

Byline text no rule understands is kept in ``byline``, adds nobody, and counts
``newscrawl/normalize/unparsed_byline``.
"""

from __future__ import annotations

import re

from pipelines.base import NormalizerPipeline
from pipelines.bylinetext import AND_WORD, Found, _clean_ja_name, body_lead, body_only, body_tail, parse_byline, parse_names
from pipelines.names import agency_name, fold, is_house_credit, name_key, restore_case

UNPARSED = "newscrawl/normalize/unparsed_byline"
HEAD, TAIL = 2, 3  # how many first/last paragraphs may hold a byline


def normalize(adapter, stats) -> None:
    found = Found()

    raw = adapter.get("byline")
    if isinstance(raw, str) and raw.strip():
        parsed = parse_byline(raw)
        if parsed is None:
            stats.inc_value(UNPARSED)
        else:
            found.merge(parsed)

    body = [p for p in _strings(adapter.get("body")) if p.strip()]
    found.merge(_from_body(body))
    adapter["body"] = body

    # People the page prints beat everything else: structured data often names a
    # house credit (毎日新聞) or the CMS user who filed the story, not the reporters.
    structured = [name for a in _strings(adapter.get("authors")) if a.strip() for name in _split(fold(a))]
    houses = [a for a in structured if is_house_credit(a)] + found.houses
    # TARO YAMADA -> Taro Yamada (NHK stays NHK); 신현주 기자 -> 신현주
    people = [restore_case(_clean_ja_name(a)) for a in structured if not is_house_credit(a)]
    printed = [restore_case(p) for p in found.persons]
    adapter["authors"] = _unique(printed) or _unique(people) or _unique(houses)

    dateline = adapter.get("dateline")
    if not (isinstance(dateline, str) and dateline.strip()):
        adapter["dateline"] = found.datelines[0] if found.datelines else None

    agency = adapter.get("agency")
    agency = agency if isinstance(agency, str) and agency.strip() else None
    house_agencies = [agency_name(h) for h in houses if agency_name(h)]
    adapter["agency"] = (
        (agency and (agency_name(agency) or agency.strip()))
        or found.agency
        or (house_agencies[0] if house_agencies else None)
    )


def _from_body(body: list[str]) -> Found:
    """Read bylines from the first and last paragraphs; drop the byline-only ones
    from ``body`` in place."""
    found = Found()
    if not body:
        return found
    lead = body_lead(body[0]) or (body_lead(body[1]) if len(body) > 1 else None)  # after a standfirst
    if lead:
        found.merge(lead)
    drop = set()
    edge = list(range(min(HEAD, len(body)))) + list(range(max(len(body) - TAIL, 0), len(body)))
    for i in dict.fromkeys(edge):
        only = body_only(body[i])
        if only is not None:
            found.merge(only)
            drop.add(i)
    for i in range(max(len(body) - TAIL, 0), len(body)):
        if i not in drop:
            tail = body_tail(body[i])
            if tail:
                found.merge(tail)
    if drop and len(drop) < len(body):  # never empty the body for a byline
        body[:] = [p for i, p in enumerate(body) if i not in drop]
    return found


def _split(name: str) -> list[str]:
    """"Samya Kullab and Vasilisa Stepanenko" (one structured-data author) -> two people."""
    if not re.search(rf",|;|&|、|\s{AND_WORD}\s", name):
        return [name]
    found = parse_names(name)
    return (found.persons + found.houses) if found else [name]


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple)):
        return [v for v in value if isinstance(v, str)]
    return []


def _unique(names: list[str]) -> list[str]:
    seen, out = set(), []
    for n in names:
        key = name_key(n)
        if key and key not in seen:
            seen.add(key)
            out.append(n)
    return out


class BylinePipeline(NormalizerPipeline):
    normalize = staticmethod(normalize)
