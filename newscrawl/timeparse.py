"""Printed times -> (aware datetime, precision in seconds), without Scrapy.

``parse_time(text, fetched_at, zone)`` understands what the outlets and the
Indonesian portals print: ISO 8601, Japanese dates (era years 令和/平成, full-width
digits, 午前/午後, month-day without a year), English and Indonesian month names,
relative times ("12 jam yang lalu", "3時間前", "12 hours ago") and day words
("kemarin", "昨日", "Today 06:30 am JST"); for unknown sites, the month names and
a.m./p.m. words of the page's language (CLDR), the digits of other scripts, Thai
Buddhist-era and Iranian solar hijri years.

Cheap exact rules run first; dateparser only sees what they leave, because one
dateparser call costs about a millisecond and the whole normalize chain should
cost less than two.

Rules that need "now" (relative times, a missing year, "today") use ``fetched_at``,
the moment the page was fetched, never the clock of the process that runs this:
re-normalizing a stored page a year later must give the same answer.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from functools import lru_cache
from typing import NamedTuple

from newscrawl.guarded import Guarded

MINUTE, HOUR, DAY, WEEK = 60, 3600, 86400, 7 * 86400
MONTH, YEAR = 30 * DAY, 365 * DAY

# Printed zone names -> hours from UTC, or the zone whose offset they name on that day
# ("ET" is -05:00 in winter, -04:00 in summer). Indonesia prints its three zones by
# name; the rest are those news pages print beside a time. Where a name is used for
# several zones (IST, CST), the one news pages mean most often.
ZONE_NAMES: dict[str, float | tuple[str, float]] = {
    "JST": 9, "KST": 9, "WIB": 7, "WITA": 8, "WIT": 9, "UTC": 0, "GMT": 0, "Z": 0,
    "HKT": 8, "SGT": 8, "PHT": 8, "MYT": 8, "AWST": 8, "ICT": 7, "IST": 5.5, "PKT": 5, "MSK": 3,
    "CET": 1, "CEST": 2, "MEZ": 1, "MESZ": 2, "EET": 2, "EEST": 3, "WET": 0, "WEST": 1, "BST": 1,
    "AEST": 10, "AEDT": 11, "ACST": 9.5, "NZST": 12, "NZDT": 13,
    "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
    "AKST": -9, "AKDT": -8, "HST": -10,
    "ET": ("America/New_York", -5), "CT": ("America/Chicago", -6), "MT": ("America/Denver", -7),
    "PT": ("America/Los_Angeles", -8),
}

# Japanese era -> Gregorian year of its first (元) year.
ERAS = {"令和": 2019, "平成": 1989, "昭和": 1926, "大正": 1912, "明治": 1868}

# English and Indonesian month names and abbreviations (lower case, no dot).
MONTHS = {
    "jan": 1, "january": 1, "januari": 1,
    "feb": 2, "february": 2, "februari": 2, "peb": 2, "pebruari": 2,
    "mar": 3, "march": 3, "maret": 3,
    "apr": 4, "april": 4,
    "may": 5, "mei": 5,
    "jun": 6, "june": 6, "juni": 6,
    "jul": 7, "july": 7, "juli": 7,
    "aug": 8, "august": 8, "agu": 8, "agt": 8, "agust": 8, "agustus": 8,
    "sep": 9, "sept": 9, "september": 9,
    "oct": 10, "october": 10, "okt": 10, "oktober": 10,
    "nov": 11, "november": 11, "nop": 11, "nopember": 11,
    "dec": 12, "december": 12, "des": 12, "desember": 12,
}
# Month names of the other languages unknown sites print dates in (lower case, as
# printed: NFKC keeps accents): German, French, Spanish, Italian, Portuguese, Dutch,
# the Scandinavian languages, Turkish, Polish (genitive, as dates print it).
MONTHS.update({
    name: n
    for n, names in enumerate(
        [
            "januar janvier enero gennaio janeiro januari ocak stycznia jänner",
            "februar février fevrier febrero febbraio fevereiro februari şubat subat lutego",
            "märz maerz mars marzo março marco maart mart marca",
            "avril abril aprile nisan kwietnia",
            "mai mayo maggio maio mei maj mayıs mayis maja",
            "juin junio giugno junho juni haziran czerwca",
            "juillet julio luglio julho juli temmuz lipca",
            "août aout agosto augustus augusti august ağustos agustos sierpnia",
            "septembre septiembre settembre setembro eylül eylul września wrzesnia",
            "oktober octobre octubre ottobre outubro ekim października pazdziernika",
            "novembre noviembre novembro kasım kasim listopada",
            "dezember décembre decembre diciembre dicembre dezembro aralık aralik grudnia",
        ],
        start=1,
    )
    for name in names.split()
})

# Relative units -> seconds; the unit is also the precision of the result.
UNITS = {
    "second": 1, "sec": 1, "detik": 1, "秒": 1,
    "minute": MINUTE, "min": MINUTE, "menit": MINUTE, "分": MINUTE,
    "hour": HOUR, "hr": HOUR, "jam": HOUR, "時間": HOUR,
    "day": DAY, "hari": DAY, "日": DAY,
    "week": WEEK, "minggu": WEEK, "週": WEEK, "週間": WEEK,
    "month": MONTH, "bulan": MONTH, "か月": MONTH, "ヶ月": MONTH, "カ月": MONTH, "ケ月": MONTH, "ヵ月": MONTH,
    "year": YEAR, "tahun": YEAR, "年": YEAR,
}

# Day words -> days before the fetch day.
DAY_WORDS = {
    "today": 0, "hari ini": 0, "今日": 0, "本日": 0,
    "yesterday": 1, "kemarin": 1, "昨日": 1, "きのう": 1,
    "kemarin lusa": 2, "一昨日": 2, "おととい": 2,
}
JUST_NOW = ("baru saja", "just now", "moments ago", "a moment ago", "たった今", "今さっき")


class Parsed(NamedTuple):
    dt: datetime  # aware
    precision: int  # seconds of uncertainty


# -- patterns (matched against NFKC text: full-width digits are ASCII by then) --

ISO_RE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?")
ISO_SECONDS = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}")
# What structured data also writes: the basic format (20180619T055000+0900), one-digit
# seconds (23:15:0Z), a space before the offset.
LOOSE_ISO_RE = re.compile(
    r"((?:19|20)\d{2})-?(\d{2})-?(\d{2})(?:[T ](\d{1,2}):?(\d{2})(?::?(\d{1,2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?"
)
REL_EN = re.compile(r"\b(\d+|an?|one)\s*(second|sec|minute|min|hour|hr|day|week|month|year)s?\s+ago\b", re.I)
REL_ID = re.compile(r"(?<![a-z])(\d+\s*|se|satu\s+)(detik|menit|jam|hari|minggu|bulan|tahun)\s+(?:yang\s+)?lalu\b", re.I)
REL_JA = re.compile(r"(\d+)\s*(秒|分|時間|日|週間|週|か月|ヶ月|カ月|ケ月|ヵ月|年)\s*前")
# The word each of those cannot match without (a search for it first is much cheaper).
RELATIVE_WORDS = (("lalu", REL_ID), ("ago", REL_EN), ("前", REL_JA))
DAY_WORD_RE = re.compile(
    r"(?<![a-z])(kemarin lusa|hari ini|today|yesterday|kemarin)(?![a-z])|(一昨日|おととい|今日|本日|昨日|きのう)", re.I
)
DATE_SEPARATORS = ("/", ".", "-")
ERA_RE = Guarded(re.compile(r"(令和|平成|昭和|大正|明治)\s*(元|\d{1,2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"), ("年",))
# The era by its letter, as forms and notices print it: R7.1.14, H31.4.30.
ERA_LETTER_RE = Guarded(
    re.compile(r"(?<![A-Za-z0-9])([RHS])\s?(\d{1,2})[./](\d{1,2})[./](\d{1,2})(?![\d./])"), ("R", "H", "S")
)
ERA_LETTERS = {"R": "令和", "H": "平成", "S": "昭和"}
# Iran's (solar hijri) months, as Persian pages print dates: "۱ بهمن ۱۴۰۳" is 20 January
# 2025. Arabic and Persian keyboards write yeh and keheh differently.
JALALI_MONTHS = "فروردین اردیبهشت خرداد تیر مرداد شهریور مهر آبان آذر دی بهمن اسفند".split()
JALALI_LETTERS = ("ر", "د", "ن")  # each of those months is written with one of them
JALALI_RE = Guarded(
    re.compile(
        r"(?<!\d)(\d{1,2})\s*(%s)\s*(?:ماه\s*)?(1[34]\d\d)(?!\d)"
        % "|".join(m.replace("ی", "[یي]").replace("ک", "[کك]") for m in JALALI_MONTHS)
    ),
    JALALI_LETTERS,
)
JA_YMD_RE = Guarded(re.compile(r"(?:(\d{4})\s*[年년]\s*)?(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]"), ("月", "월"))  # and Korean
JA_NEWYEAR_RE = Guarded(re.compile(r"(?:(\d{4})\s*年\s*)?(元日|元旦)"), ("元",))
# One separator: not "2025 - 16.03".
NUM_YMD_RE = Guarded(re.compile(r"(?<!\d)(\d{4})\s*([/.\-])\s*(\d{1,2})\s*\2\s*(\d{1,2})(?!\d)"), DATE_SEPARATORS)
NUM_MD_RE = re.compile(r"(?<![\d/.])(\d{1,2})/(\d{1,2})(?![\d/])")  # 1/14(火) 21:17, as Japanese portals print
EPOCH_RE = re.compile(r"\d{10}(?:\d{3})?")
# 30.01.2024, 15/3/2019; a two-digit year only before a clock (15.04.25 09:56), else it
# may be anything (a version, a score).
NUM_DMY_RE = Guarded(
    re.compile(
        r"(?<![\d.])(\d{1,2})\s*([/.\-])\s*(\d{1,2})\s*\2\s*(\d{4}|\d\d(?=\s*[,|·•–-]?\s+\d{1,2}[:.]\d\d))(?![\d.])"
    ),
    DATE_SEPARATORS,
)
_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
# (A month name starts with one of these: sre tries the ~150 names case-blind at each
# position of the text where it does, not at every position.)
_MONTH_START = "(?=[%s])" % "".join(sorted({re.escape(name[0]) for name in MONTHS}))
NAME_MDY_RE = re.compile(rf"{_MONTH_START}\b({_MONTH_ALT})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:\s*,\s*|\s+)(\d{{4}})\b", re.I)
# 14 January 2025, 13. Mai 2026, 13 de mayo de 2026
NAME_DMY_RE = re.compile(rf"\b(\d{{1,2}})(?:\.|º|er)?\s+(?:de\s+)?({_MONTH_ALT})\.?,?\s+(?:de\s+|del\s+)?(\d{{4}})\b", re.I)
NAME_MD_RE = re.compile(rf"{_MONTH_START}\b({_MONTH_ALT})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*[:\d])", re.I)
NAME_DM_RE = re.compile(rf"\b(\d{{1,2}})\s+({_MONTH_ALT})\b\.?(?!\s*\d{{4}})", re.I)
JA_TIME_RE = Guarded(re.compile(r"(午前|午後)?\s*(\d{1,2})\s*時\s*(?:(\d{1,2})\s*分\s*(?:(\d{1,2})\s*秒)?|(半))?"), ("時",))
CLOCK_RE = Guarded(
    re.compile(
        r"(午前|午後|오전|오후|上午|下午)?\s*(?<![\d:])(\d{1,2})(?::|\s?h\s?(?=\d\d))(\d{2})(?::(\d{2}))?(?![\d:])\s*(a\.?m\.?|p\.?m\.?)?(?![a-z])", re.I
    ),
    (":", "h"),
)
# 16.03 Uhr, klo 10.15, kl. 9.30, 12.50 BST: a dot between hour and minute, with a word
# that says it is a time (a dot alone is a date or a number).
DOT_CLOCK_RE = Guarded(
    re.compile(
        r"(?:(?<![^\W\d_])(?:klo|kl|um|godz|ore|alle|às|at)\.?\s*(\d{1,2})\.(\d{2})(?![\d.])"
        r"|(?<![\d.])(\d{1,2})\.(\d{2})\s*(?:uhr|h|(?-i:%s)|(a\.?m\.?|p\.?m\.?))(?![^\W\d_]))"
        % "|".join(z for z in ZONE_NAMES if len(z) > 1),
        re.I,
    ),
    (".",),
)
# Every zone name but these few has a T in it (JST, UTC, CET, ET).
ZONE_LETTERS = ("T", *(z for z in ZONE_NAMES if "T" not in z and z != "Z"))
NOON_RE = re.compile(r"正午|(?<![a-z])noon(?![a-z])", re.I)
ZONE_RE = Guarded(
    re.compile(
        r"(?<![A-Za-z])(%s)(?:\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?)?(?![A-Za-z])"
        % "|".join(sorted((z for z in ZONE_NAMES if z != "Z"), key=len, reverse=True))
    ),
    ZONE_LETTERS,
)
OFFSET_RE = Guarded(re.compile(r"(?<=\d)\s*([+-])(\d{2}):?(\d{2})\b"), ("+", "-"))


# The digits of other scripts (Arabic, Persian, Devanagari, Bengali, Thai) -> ASCII.
DIGIT_ZEROS = (0x660, 0x6F0, 0x966, 0x9E6, 0xE50)
DIGITS = {zero + i: str(i) for zero in DIGIT_ZEROS for i in range(10)}
OTHER_DIGIT = re.compile("[%s]" % "".join(f"{chr(zero)}-{chr(zero + 9)}" for zero in DIGIT_ZEROS))


def ascii_digits(text: str) -> str:
    # (translate() looks up every character in DIGITS: a search for one first is several
    # times faster on the text of most pages, which has none)
    return text if text.isascii() or not OTHER_DIGIT.search(text) else text.translate(DIGITS)


def nfkc(text: str) -> str:
    """Full-width digits, letters and colons and the digits of other scripts -> ASCII;
    runs of spaces -> one."""
    return " ".join(ascii_digits(unicodedata.normalize("NFKC", text)).split())


def parse_time(
    text, fetched_at: datetime | None, zone: tzinfo, *, rules_only: bool = False, language: str | None = None
) -> Parsed | None:
    """The instant ``text`` prints, or None when no rule understands it.

    ``fetched_at`` (aware) resolves relative times and missing years; without it
    those forms are not understood. ``zone`` is assumed when the text prints no
    zone of its own. ``rules_only`` leaves out dateparser (for scanning page text,
    where it would read dates into any number).
    """
    if not isinstance(text, str) or not text.strip() or len(text) > 500:
        return None
    if fetched_at is not None and fetched_at.tzinfo is None:
        fetched_at = None
    try:
        return _parse(nfkc(text), fetched_at, zone, rules_only, language)
    except (ValueError, OverflowError):  # out-of-range dates such as 2月30日
        return None


def _parse(text: str, now: datetime | None, zone: tzinfo, rules_only: bool = False, language=None) -> Parsed | None:
    iso = parse_iso(text, zone)
    if iso:
        return iso
    if EPOCH_RE.fullmatch(text):  # Unix seconds (or milliseconds) in some JSON: UTC by definition
        seconds = int(text[:10])
        return Parsed(_in_zone(datetime.fromtimestamp(seconds, timezone.utc), zone), 1)
    if now is not None:
        rel = _relative(text, now, zone, language)
        if rel:
            return rel
    absolute = _absolute(text, now, zone, language)
    if absolute or rules_only:
        return absolute
    return _dateparser(text, now, zone, language)


def parse_iso(text: str, zone: tzinfo) -> Parsed | None:
    """A whole ISO 8601 string; a naive one is read in ``zone``."""
    text = text.strip()
    if not ISO_RE.fullmatch(text):
        return _loose_iso(text, zone)
    dt = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if len(text) == 10:  # a date alone
        return Parsed(datetime.combine(dt.date(), time(), _fixed(zone, dt)), DAY)
    precision = 1 if ISO_SECONDS.match(text) else MINUTE
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=_fixed(zone, dt))
    # (replace() only where there is a fraction: most texts have none, and each call
    # parses its keywords)
    return Parsed(dt.replace(microsecond=0) if dt.microsecond else dt, precision)


def _loose_iso(text: str, zone: tzinfo) -> Parsed | None:
    m = LOOSE_ISO_RE.fullmatch(text)
    if not m:
        return None
    y, mo, d, hh, mm, ss, offset = m.groups()
    day = date(int(y), int(mo), int(d))
    if hh is None:
        return Parsed(datetime.combine(day, time(), _fixed(zone, day)), DAY)
    if offset is None:
        tz = _fixed(zone, day)
    elif offset == "Z":
        tz = timezone.utc
    else:
        digits = offset[1:].replace(":", "")
        sign = 1 if offset[0] == "+" else -1
        tz = timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:4] or 0)))
    dt = datetime.combine(day, time(int(hh), int(mm), int(ss or 0)), tz)
    return Parsed(dt, 1 if ss is not None else MINUTE)


# -- relative: "12 jam yang lalu", "3時間前", "12 hours ago", "baru saja" --------------


def _relative(text: str, now: datetime, zone: tzinfo, language: str | None = None) -> Parsed | None:
    lower = text.lower()
    if any(w in lower for w in JUST_NOW):
        return Parsed(_in_zone(now, zone), MINUTE)
    for word, regex in RELATIVE_WORDS:
        m = regex.search(text) if word in lower else None
        if m:
            count = _count(m.group(1))
            unit = UNITS[m.group(2).lower()]
            return Parsed(_in_zone(now - timedelta(seconds=count * unit), zone), unit)
    rules = relative_rules(language) if language else None
    if rules is not None and rules.any.search(text):
        for regex, unit in rules.each:
            m = regex.search(text)
            if m:
                count = float(m.group(1).replace(",", "."))
                return Parsed(_in_zone(now - timedelta(seconds=count * unit), zone), unit)
    return None


def _dateparser_data(language: str) -> dict:
    """dateparser's data file for ``language`` (a dict literal), read without importing
    dateparser itself, which costs 60 ms."""
    import importlib.util
    from pathlib import Path

    package = importlib.util.find_spec("dateparser")
    if package is None or package.origin is None:
        return {}
    path = Path(package.origin).parent / "data" / "date_translation_data" / f"{language}.py"
    if not path.is_file():
        return {}
    spec = importlib.util.spec_from_file_location(f"_dateparser_data_{language}", path)
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except Exception:  # a data file of another dateparser version: no rules, no error
        return {}
    return getattr(module, "info", {})


class RelativeRules(NamedTuple):
    """One language's "3 hours ago": "vor 3 Stunden", "hace 3 horas", "3시간 전"."""

    any: re.Pattern  # all of them, to tell quickly that a text is one
    each: tuple  # (pattern, seconds of its unit)


RELATIVE_KEY = re.compile(r"\\1 (second|minute|hour|day|week|month|year) ago")
RELATIVE_UNITS = {"second": 1, "minute": MINUTE, "hour": HOUR, "day": DAY, "week": WEEK, "month": MONTH, "year": YEAR}


@lru_cache(maxsize=64)
def relative_rules(language: str) -> RelativeRules | None:
    """The language's relative times, from dateparser's data for it (its patterns only:
    a dateparser call costs a millisecond); None for a language it does not know."""
    language = language.lower().split("-")[0].split("_")[0]
    if not re.fullmatch(r"[a-z]{2,3}", language) or language in ("en", "id", "ja"):
        return None  # those three have their own rules above
    info = _dateparser_data(language)
    each = []
    for key, patterns in info.get("relative-type-regex", {}).items():
        m = RELATIVE_KEY.fullmatch(key)
        if not m:
            continue  # "in 3 hours": never a publication time
        for pattern in patterns:
            # A whole word: "vor 5 m" is not the start of "vor 5 Monaten" (CJK has no spaces).
            end = "" if ord(pattern[-1]) >= 0x3000 else r"(?![^\W\d_])"
            try:
                each.append((re.compile(r"(?<![^\W\d_])" + pattern + end, re.I), RELATIVE_UNITS[m.group(1)]))
            except re.error:
                continue
    if not each:
        return None
    return RelativeRules(re.compile("|".join(f"(?:{r.pattern})" for r, _ in each), re.I), tuple(each))


def is_relative(text: str) -> bool:
    """``text`` counts back from the moment it was read: "12 jam yang lalu", "3時間前"."""
    folded = nfkc(text).lower()
    return any(w in folded for w in JUST_NOW) or any(r.search(folded) for r in (REL_ID, REL_EN, REL_JA))


def _count(word: str) -> int:
    word = word.strip().lower()
    return int(word) if word.isdigit() else 1  # a, an, one, se(hari), satu


# -- absolute: a date (maybe without year, maybe a day word) + a time + a zone ----------


YEAR_RE = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def _absolute(text: str, now: datetime | None, zone: tzinfo, language: str | None = None) -> Parsed | None:
    printed_zone = _printed_zone(text)
    local = printed_zone or zone
    rules = _localized(language) if language else None
    found = _date(text, now, local)
    if rules is not None and (found is None or not found[1]):
        # The language's month names, also where the rules above read a date without its
        # year ("2020. december 3.": the year comes first in Hungarian).
        found = rules.date(text, now, local) or found
    if found is None:
        return None
    day, year_printed, day_word = found
    if not year_printed and day_word is None:
        day = _year_of_weekday(text, day)
        printed = YEAR_RE.findall(text)
        if printed and str(day.year) not in printed:
            return None  # a text that prints another year tells of a day in it ("2003年…6月6日発売")
    clock = _clock(text, rules)
    if clock is None and day_word is not None:
        # "kemarin", "昨日" alone: a day before the fetch, to within a day.
        return Parsed(_in_zone(now - timedelta(days=day_word), local), DAY)
    if clock is None:
        return Parsed(datetime.combine(day, time(), _fixed(local, day)), DAY)
    t, precision = clock
    dt = datetime.combine(day, t, _fixed(local, day))
    if day_word is not None and dt > now + timedelta(hours=1):
        # "Today 06:30 am JST" on a page cached before midnight and fetched just after:
        # a page never prints the future, so it meant the day before.
        dt -= timedelta(days=1)
    return Parsed(dt, precision)


# A weekday printed beside a date: "1/14(火)", "(월)", "Thu, Mar 9", "Kamis, 9 Maret".
WEEKDAY_RE = re.compile(
    r"[(]\s*([月火水木金土日월화수목금토일])\s*[)]|([月火水木金土日])曜"
    r"|(?<![a-z])(mon|tue|wed|thu|fri|sat|sun)(?:day|s|sday|nesday|rs?|rsday|urday)?\.?(?![a-z])"
    r"|(?<![a-z])(senin|selasa|rabu|kamis|jumat|sabtu|minggu)(?![a-z])",
    re.I,
)
WEEKDAYS = {
    **{c: i for i, c in enumerate("月火水木金土日")}, **{c: i for i, c in enumerate("월화수목금토일")},
    **{w: i for i, w in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun"))},
    **{w: i for i, w in enumerate(("senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu"))},
}


def _year_of_weekday(text: str, day: date) -> date:
    """A date printed without its year but with its weekday ("3/9(木)") is of the latest
    year, up to the one the fetch gave, in which it falls on that weekday: a page read
    years after it was printed keeps its year."""
    m = WEEKDAY_RE.search(text)
    if not m:
        return day
    weekday = WEEKDAYS[next(g for g in m.groups() if g).lower()]
    for back in range(12):  # a date's weekday comes back within 11 years
        try:
            earlier = day.replace(year=day.year - back)
        except ValueError:  # 29 February
            continue
        if earlier.weekday() == weekday:
            return earlier
    return day


def _date(text: str, now: datetime | None, zone: tzinfo):
    """(date, year was printed, days-before-fetch for a day word or None), or None."""
    m = ERA_RE.search(text)
    if m:
        n = 1 if m.group(2) == "元" else int(m.group(2))
        return date(ERAS[m.group(1)] + n - 1, int(m.group(3)), int(m.group(4))), True, None
    m = ERA_LETTER_RE.search(text)
    if m:
        return date(ERAS[ERA_LETTERS[m.group(1)]] + int(m.group(2)) - 1, int(m.group(3)), int(m.group(4))), True, None
    m = JALALI_RE.search(text)
    if m:
        month = JALALI_MONTHS.index(m.group(2).replace("ي", "ی").replace("ك", "ک")) + 1
        return _gregorian(int(m.group(3)), month, int(m.group(1))), True, None
    m = NUM_YMD_RE.search(text)
    if m:
        return _gregorian(int(m.group(1)), int(m.group(3)), int(m.group(4))), True, None
    m = JA_YMD_RE.search(text)
    if m:
        return _with_year(m.group(1), int(m.group(2)), int(m.group(3)), now, zone)
    m = JA_NEWYEAR_RE.search(text)
    if m:
        return _with_year(m.group(1), 1, 1, now, zone)
    m = NAME_MDY_RE.search(text)
    if m:
        return date(int(m.group(3)), MONTHS[m.group(1).lower()], int(m.group(2))), True, None
    m = NAME_DMY_RE.search(text)
    if m:
        return date(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1))), True, None
    m = NUM_DMY_RE.search(text)
    if m:  # day first, as Indonesia and Europe print it; a month above 12 means month first
        a, b, y = int(m.group(1)), int(m.group(3)), int(m.group(4))
        y += 2000 if y < 100 else 0
        return (date(y, b, a) if b <= 12 else date(y, a, b)), True, None
    m = NAME_MD_RE.search(text)
    if m:
        return _with_year(None, MONTHS[m.group(1).lower()], int(m.group(2)), now, zone)
    m = NAME_DM_RE.search(text)
    if m:
        return _with_year(None, MONTHS[m.group(2).lower()], int(m.group(1)), now, zone)
    m = NUM_MD_RE.search(text)
    if m:  # month first, unless the first number cannot be a month
        a, b = int(m.group(1)), int(m.group(2))
        return _with_year(None, *((a, b) if a <= 12 else (b, a)), now, zone)
    m = DAY_WORD_RE.search(text)
    if m and now is not None:
        back = DAY_WORDS[(m.group(1) or m.group(2)).lower()]
        return _in_zone(now, zone).date() - timedelta(days=back), True, back
    return None


def _gregorian(year: int, month: int, day: int) -> date:
    """The date; a year 1300-1499 is a solar hijri one ("۱۴۰۳/۱۱/۰۱"): no news page
    prints a Gregorian year of the 14th century."""
    if 1300 <= year < 1500:
        import jdatetime

        return jdatetime.date(year, month, day).togregorian()
    return date(year, month, day)


def _with_year(year: str | None, month: int, day: int, now: datetime | None, zone: tzinfo):
    if year:
        return date(int(year), month, day), True, None
    if now is None:
        return None
    today = _in_zone(now, zone).date()
    # The latest such day not after the fetch: "１２月３１日" fetched on 1 January is last
    # year's, 2月29日 that of the last leap year.
    for year in range(today.year, today.year - 8, -1):
        try:
            d = date(year, month, day)
        except ValueError:  # 2月29日 outside a leap year, or 2月30日
            continue
        if d <= today:
            return d, False, None
    return None


def _clock(text: str, rules: "Localized | None" = None):
    """(time of day, precision) printed in ``text``, or None."""
    m = CLOCK_RE.search(text)
    if m:
        hour, minute = int(m.group(2)), int(m.group(3))
        second = m.group(4)
        marker = m.group(1) or (m.group(5) or "").lower().replace(".", "")
        if not marker and rules is not None:
            marker = rules.marker(text, m.start(2), m.end())
        hour = _twelve_hour(hour, marker)
        return time(hour, minute, int(second or 0)), (1 if second else MINUTE)
    m = DOT_CLOCK_RE.search(text)
    if m:
        hour, minute = int(m.group(1) or m.group(3)), int(m.group(2) or m.group(4))
        hour = _twelve_hour(hour, (m.group(5) or "").lower().replace(".", ""))  # 6.30pm
        if hour < 24 and minute < 60:
            return time(hour, minute), MINUTE
    m = JA_TIME_RE.search(text)
    if m:
        hour = _twelve_hour(int(m.group(2)), m.group(1) or "")
        if m.group(5):  # 半 = half past
            return time(hour, 30), MINUTE
        if m.group(3) is None:
            return time(hour), HOUR
        return time(hour, int(m.group(3)), int(m.group(4) or 0)), (1 if m.group(4) else MINUTE)
    if NOON_RE.search(text):
        return time(12), MINUTE
    return None


def _twelve_hour(hour: int, marker: str) -> int:
    """午前/am and 午後/pm hours -> 0-23. 午前0時 is midnight, 午後0時 noon; 午前12時 is
    read as midnight and 午後12時 as noon, as "12 am" and "12 pm" are."""
    if marker in ("午前", "오전", "上午", "am"):
        return hour % 12
    if marker in ("午後", "오후", "下午", "pm"):
        return hour % 12 + 12
    return hour


def _printed_zone(text: str) -> tzinfo | None:
    m = ZONE_RE.search(text)
    if m:
        if m.group(2):  # "GMT+7", "UTC+09:00"
            sign = 1 if m.group(2) == "+" else -1
            return timezone(sign * timedelta(hours=int(m.group(3)), minutes=int(m.group(4) or 0)))
        return _named_zone(ZONE_NAMES[m.group(1)])
    m = OFFSET_RE.search(text)
    if m:
        sign = 1 if m.group(1) == "+" else -1
        return timezone(sign * timedelta(hours=int(m.group(2)), minutes=int(m.group(3))))
    return None


def _named_zone(value: float | tuple[str, float]) -> tzinfo:
    if isinstance(value, tuple):
        name, standard = value
        try:
            from zoneinfo import ZoneInfo

            return ZoneInfo(name)
        except Exception:  # no tz database here: its standard offset
            value = standard
    return timezone(timedelta(hours=value))


# -- what the rules leave: dateparser ----------------------------------------------------

DATEPARSER_LANGUAGES = ["id", "ja", "en"]
PERIOD_PRECISION = {"time": MINUTE, "day": DAY}


def _dateparser(text: str, now: datetime | None, zone: tzinfo, language: str | None = None) -> Parsed | None:
    # Only text that looks like a date at all: dateparser reads a lone "5" as a month.
    if len(text) > 120 or not re.search(r"\d", text) or text.isdigit() or now is None:
        return None
    from dateparser.date import DateDataParser

    base = _in_zone(now, zone).replace(tzinfo=None)
    # Building a parser costs ~10µs (languages are cached module-wide); one per call
    # is what lets RELATIVE_BASE be each item's own fetch time.
    parser = DateDataParser(
        languages=_dateparser_languages(language),
        settings={
            "RELATIVE_BASE": base,
            "RETURN_TIME_AS_PERIOD": True,
            "PREFER_DATES_FROM": "past",
            "REQUIRE_PARTS": ["day", "month", "year"],
        },
    )
    try:
        data = parser.get_date_data(text)
    except Exception:  # dateparser raises assorted errors on odd input; never lose the article
        return None
    if data is None or data.date_obj is None or data.period not in PERIOD_PRECISION:
        return None
    dt = data.date_obj
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=_fixed(zone, dt.date()))
    return Parsed(dt.replace(microsecond=0), PERIOD_PRECISION[data.period])


def _dateparser_languages(language: str | None) -> list[str]:
    if language and language not in DATEPARSER_LANGUAGES:
        from dateparser.data.languages_info import language_order

        if language in language_order:  # a page may say any language, even "0"
            return [*DATEPARSER_LANGUAGES, language]
    return DATEPARSER_LANGUAGES


# -- other languages: their month names and a.m./p.m. words, from CLDR --------------------


BUDDHIST_ERA_FROM = 2400


class Localized(NamedTuple):
    """One language's rules: "3 декабря 2020", "2020. december 3.", "15 tháng 3 năm 2019"."""

    months: dict  # name (lower case) -> month
    patterns: tuple  # (regex, order of its day/month/year groups), most specific first
    am: tuple
    pm: tuple

    def date(self, text: str, now: datetime | None, zone: tzinfo):
        for regex, order in self.patterns:
            m = regex.search(text)
            if m:
                parts = dict(zip(order, m.groups()))
                month = self.months[parts["m"].lower().rstrip(".")]
                year = parts.get("y")
                if year and int(year) > BUDDHIST_ERA_FROM:  # Thai pages count years from the Buddha: 2568 is 2025
                    year = str(int(year) - 543)
                return _with_year(year, month, int(parts["d"]), now, zone)
        return None

    def marker(self, text: str, start: int, end: int) -> str:
        """"am"/"pm" when the language's word for it is printed right before or after a clock."""
        before, after = text[max(0, start - 12) : start].lower().rstrip(), text[end : end + 12].lower().lstrip()
        for word, marker in [*((w, "pm") for w in self.pm), *((w, "am") for w in self.am)]:
            # A word of its own: "오후 8:06", "8:06 ب.ظ", never the first letter of the next word.
            if (before.endswith(word) and not LETTER_BEFORE.search(before[: -len(word)])) or (
                after.startswith(word) and not LETTER_AFTER.match(after[len(word) :])
            ):
                return marker
        return ""


LETTER_BEFORE = re.compile(r"[^\W\d_]$")
LETTER_AFTER = re.compile(r"[^\W\d_]")


@lru_cache(maxsize=64)
def _localized(language: str) -> Localized | None:
    """The rules of ``language`` (ISO 639-1), from babel's CLDR data: month names in
    every form dates print them (genitive "декабря", abbreviated "дек.", stand-alone
    "декабрь") for every country the language is written in; None when unknown."""
    try:
        from babel import Locale
        from babel.localedata import locale_identifiers
    except ImportError:
        return None
    language = language.lower().split("-")[0].split("_")[0]
    if not re.fullmatch(r"[a-z]{2,3}", language):
        return None
    months: dict[str, int] = {}
    am, pm = set(), set()
    for ident in [i for i in locale_identifiers() if i == language or i.startswith(language + "_")]:
        try:
            locale = Locale.parse(ident)
        except Exception:  # a locale babel lists but cannot load
            continue
        for context in locale.months.values():
            for width in context.values():
                for n, name in width.items():
                    name = nfkc(name).lower().rstrip(".")
                    if len(name) >= (3 if name.isascii() else 2) and not name.isdigit():
                        months.setdefault(name, n)
        for width in locale.day_periods.get("format", {}).values():
            # Besides its a.m./p.m., a language says "in the morning", "in the evening"
            # (Arabic "09:22 مساءً", Russian "9 вечера"); its night words may mean 1 a.m.
            for period, word in width.items():
                if period == "am" or period.startswith("morning"):
                    am.add(nfkc(word).lower())
                elif period == "pm" or period.startswith(("afternoon", "evening")):
                    pm.add(nfkc(word).lower())
    if not months:
        return None
    names = "|".join(re.escape(n) for n in sorted(months, key=len, reverse=True))
    # A month may be printed under both its names ("24 نيسان / أبريل 2020": the Levantine
    # and the Egyptian name of April).
    month = rf"(?<![^\W\d_])({names})\.?(?![^\W\d_])(?:\s*/\s*(?:{names})\.?(?![^\W\d_]))?"
    year = r"(?<!\d)((?:19|20|25)\d\d)(?!\d)"
    day = r"(?<!\d)(\d{1,2})(?!\d)"
    link = r"[\s.,/-]*(?:[^\W\d_]{1,4}\.?\s+)?"  # "de", "năm", "г." between the parts
    patterns = (
        (re.compile(year + link + month + r"[\s.,/-]*" + day, re.I), "ymd"),  # 2020. december 3.
        (re.compile(day + r"\.?" + link + month + link + year, re.I), "dmy"),  # 3 декабря 2020
        (re.compile(month + r"[\s.,/-]*" + day + link + year, re.I), "mdy"),  # декабрь 3, 2020
        (re.compile(day + r"\.?\s*" + month, re.I), "dm"),
        (re.compile(month + r"\s*" + day, re.I), "md"),
    )
    words = lambda ws: tuple(sorted((w for w in ws if w and not w.isascii()), key=len, reverse=True))  # noqa: E731
    return Localized(months, patterns, words(am), words(pm))


# -- zones -------------------------------------------------------------------------------


def _in_zone(dt: datetime, zone: tzinfo) -> datetime:
    local = dt.astimezone(zone).replace(microsecond=0)
    return local.replace(tzinfo=_fixed(zone, local))


def _fixed(zone: tzinfo, when) -> tzinfo:
    """``zone`` as the fixed offset it has at ``when``, so isoformat() prints +09:00."""
    if isinstance(zone, timezone):
        return zone
    probe = when if isinstance(when, datetime) else datetime.combine(when, time(12))
    offset = probe.replace(tzinfo=zone).utcoffset()
    return timezone(offset) if offset is not None else timezone.utc
