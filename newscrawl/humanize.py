"""Times as readers say them: "12 jam yang lalu", "12時間前", "12 hours ago".

The analysts read Indonesian first, so ``id`` is the default elsewhere; the
wording follows what Indonesian and Japanese news sites print beside a headline
(the seed aggregator's "12 jam yang lalu"). Counts are floored, as those sites do:
an article 90 minutes old is "1 jam yang lalu".
"""

from __future__ import annotations

from datetime import datetime, timezone

LANGS = ("id", "en", "ja")

# unit -> (id, en singular, en plural, ja)
_UNITS = {
    "minute": ("menit", "minute", "minutes", "分"),
    "hour": ("jam", "hour", "hours", "時間"),
    "day": ("hari", "day", "days", "日"),
    "week": ("minggu", "week", "weeks", "週間"),
    "month": ("bulan", "month", "months", "か月"),
    "year": ("tahun", "year", "years", "年"),
}
_JUST_NOW = {"id": "baru saja", "en": "just now", "ja": "たった今"}


def ui_language(lang: str | None) -> str:
    """``id``, ``en`` or ``ja`` for a language tag such as ``id-ID`` or ``ja_JP``; else ``en``."""
    base = (lang or "").replace("_", "-").split("-")[0].lower()
    return base if base in LANGS else "en"


def _as_datetime(value: datetime | str) -> datetime:
    dt = datetime.fromisoformat(value.replace("Z", "+00:00")) if isinstance(value, str) else value
    return dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)


def _amount(seconds: float) -> tuple[int, str] | None:
    if seconds < 60:
        return None
    minutes = int(seconds // 60)
    if minutes < 60:
        return minutes, "minute"
    hours = minutes // 60
    if hours < 24:
        return hours, "hour"
    days = hours // 24
    if days < 7:
        return days, "day"
    if days < 30:
        return days // 7, "week"
    if days < 365:
        return max(1, days // 30), "month"
    return days // 365, "year"


def relative_time(dt: datetime | str | None, now: datetime | None = None, lang: str = "id") -> str:
    """How long before ``now`` the moment ``dt`` was, in ``lang`` (id, en or ja).

    Naive datetimes count as UTC; ``None`` gives "". Moments in the future (a clock
    ahead of ours) read "in 3 hours" / "dalam 3 jam" / "3時間後".
    """
    if dt is None or dt == "":
        return ""
    lang = ui_language(lang)
    then = _as_datetime(dt)
    now = _as_datetime(now) if now is not None else datetime.now(timezone.utc)
    delta = (now - then).total_seconds()
    amount = _amount(abs(delta))
    if amount is None:
        return _JUST_NOW[lang]
    n, unit = amount
    id_word, en_one, en_many, ja_word = _UNITS[unit]
    future = delta < 0
    if lang == "id":
        return f"dalam {n} {id_word}" if future else f"{n} {id_word} yang lalu"
    if lang == "ja":
        return f"{n}{ja_word}{'後' if future else '前'}"
    word = en_one if n == 1 else en_many
    return f"in {n} {word}" if future else f"{n} {word} ago"


def absolute_time(iso: str | None) -> str:
    """``2025-01-14T15:00:00+09:00`` as ``2025-01-14 15:00 +09:00`` (the page's own offset)."""
    if not iso:
        return ""
    try:
        dt = _as_datetime(iso)
    except ValueError:
        return iso
    offset = dt.strftime("%z")
    offset = "UTC" if offset in ("+0000", "") else f"{offset[:3]}:{offset[3:]}"
    return f"{dt:%Y-%m-%d %H:%M} {offset}"
