"""The search page's attention chart: inline SVG drawn on the server.

No script, no stylesheet, no font or CDN: the page works offline and under a strict
Content-Security-Policy (colours are SVG attributes, not style). Bars are the matching
articles per period, the line their share of all articles; each bar is a plain link
that narrows the search to its period, with a tooltip (``<title>``) giving both
numbers. The same numbers are in a table beside it (see the template), for screen
readers and for copying.
"""

from __future__ import annotations

import math

from markupsafe import Markup, escape

from newscrawl.datasette_plugin.i18n import period_name, short_period_name

WIDTH, HEIGHT = 760, 250
LEFT, RIGHT, TOP, BOTTOM = 58, 58, 14, 58
BAR, BAR_CHOSEN, LINE, GRID, INK = "#6f95c8", "#1d4e89", "#d9822b", "#e2e2e2", "#444"
MAX_LABELS = 8


def nice_ceiling(value: float, steps=(1, 2, 5, 10)) -> float:
    """The smallest of ``steps`` × 10^k at or above ``value`` (an axis's top)."""
    if value <= 0:
        return steps[0]
    k = 10 ** math.floor(math.log10(value))
    return next(m * k for m in steps if m * k >= value)


def share_text(share: float | None) -> str:
    if share is None:
        return "–"
    return f"{share:.1%}" if share < 0.1 else f"{share:.0%}"


def svg(timeline, t: dict, lang: str, href, chosen: str = "") -> Markup:
    """The chart of ``timeline.totals``; ``href(period)`` is a bar's link."""
    periods = timeline.totals
    n = len(periods)
    pw, ph = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = pw / max(n, 1)
    bar_w = max(1.0, slot * 0.8) if slot > 2 else slot
    # even tops, so the middle tick is a whole number of articles too
    top_count = max(2, nice_ceiling(max((p.matching for p in periods), default=0), (1, 2, 4, 6, 8, 10)))
    top_share = nice_ceiling(max((p.share or 0 for p in periods), default=0) * 100) / 100
    by = timeline.by
    title = t["chart_title"].format(by=t[f"by_{by}"])
    desc = t["chart_desc"].format(
        matching=timeline.matching,
        start=period_name(periods[0].period, by, lang) if periods else "",
        end=period_name(periods[-1].period, by, lang) if periods else "",
    )
    out = [
        f'<svg class="nc-chart" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" xmlns="http://www.w3.org/2000/svg" '
        f'font-family="sans-serif" font-size="11" aria-labelledby="nc-chart-title nc-chart-desc">',
        f'<title id="nc-chart-title">{escape(title)}</title>',
        f'<desc id="nc-chart-desc">{escape(desc)}</desc>',
    ]
    # grid and the two value axes: counts on the left, shares on the right
    for i in range(3):
        y = TOP + ph - ph * i / 2
        out.append(f'<line x1="{LEFT}" x2="{LEFT + pw}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}"/>')
        count = top_count * i / 2
        out.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" fill="{INK}">{count:g}</text>')
        out.append(
            f'<text x="{LEFT + pw + 6}" y="{y + 4:.1f}" fill="{LINE}">{escape(share_text(top_share * i / 2) if i else "0%")}</text>'
        )
    mid = TOP + ph / 2
    out.append(
        f'<text transform="translate(14 {mid:.1f}) rotate(-90)" text-anchor="middle" fill="{INK}">{escape(t["axis_count"])}</text>'
    )
    out.append(
        f'<text transform="translate({WIDTH - 8} {mid:.1f}) rotate(-90)" text-anchor="middle" fill="{LINE}">'
        f'{escape(t["axis_share"])}</text>'
    )
    # bars, each a link over its whole column so a thin bar is still easy to hit
    step = max(1, math.ceil(n / MAX_LABELS))
    # Over more than a season across New Year, a tick without its year ("10 Feb") could
    # be any year: ticks then name the month and year, whatever the bars count.
    tick_by = by
    if periods and periods[0].start.year != periods[-1].start.year and (periods[-1].start - periods[0].start).days > 62:
        tick_by = "month"
    for i, p in enumerate(periods):
        x = LEFT + i * slot
        h = ph * p.matching / top_count
        label = t["bar"].format(
            period=period_name(p.period, by, lang), matching=p.matching, total=p.total, share=share_text(p.share)
        )
        fill = BAR_CHOSEN if p.period == chosen else BAR
        out.append(
            f'<a class="nc-bar" href="{escape(href(p.period))}" aria-label="{escape(label)}" data-period="{p.period}">'
            f"<title>{escape(label)}</title>"
            f'<rect x="{x:.1f}" y="{TOP}" width="{slot:.1f}" height="{ph}" fill="#fff" fill-opacity="0"/>'
            f'<rect x="{x + (slot - bar_w) / 2:.1f}" y="{TOP + ph - h:.1f}" width="{bar_w:.1f}" height="{h:.1f}" fill="{fill}"/>'
            "</a>"
        )
        if i % step == 0:
            out.append(
                f'<text x="{x + slot / 2:.1f}" y="{TOP + ph + 16}" text-anchor="middle" fill="{INK}">'
                f"{escape(short_period_name(p.start.date(), tick_by, lang))}</text>"
            )
    # the share line; periods with nothing published break it
    segments, current = [], []
    for i, p in enumerate(periods):
        if p.share is None:
            if current:
                segments.append(current)
            current = []
            continue
        current.append((LEFT + (i + 0.5) * slot, TOP + ph - ph * p.share / top_share))
    if current:
        segments.append(current)
    for seg in segments:
        points = " ".join(f"{x:.1f},{y:.1f}" for x, y in seg)
        if len(seg) > 1:
            out.append(f'<polyline class="nc-share" points="{points}" fill="none" stroke="{LINE}" stroke-width="2"/>')
        if n <= 62 or len(seg) == 1:
            out += [f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5" fill="{LINE}"/>' for x, y in seg]
    out.append(
        f'<line x1="{LEFT}" x2="{LEFT + pw}" y1="{TOP + ph}" y2="{TOP + ph}" stroke="{INK}"/>'
        f'<text x="{LEFT + pw / 2:.1f}" y="{HEIGHT - 12}" text-anchor="middle" fill="{INK}">{escape(t[f"axis_time_{by}"])}</text>'
        "</svg>"
    )
    return Markup("".join(out))
