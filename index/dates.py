"""Date expressions in questions -> inclusive date ranges.

Understands what people type: "in January 2021", "in 2019", "on 26 January 2021",
"in summer 2023", "last week", "last year", "this month", "yesterday",
"since 2022", "before March 2020", "after May 2021", "between 2020 and 2021",
"from January to March 2022", "in the last 3 months", "2021-01-26".
Relative expressions are resolved against `today` so tests can pin it.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
# Northern-hemisphere meteorological seasons; winter belongs to the year it starts in.
SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}
UNITS = {"day": 1, "week": 7, "fortnight": 14, "month": 30, "year": 365}
NUMBER_WORDS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "ten": 10, "few": 3, "couple": 2}


@dataclass(frozen=True, slots=True)
class DateRange:
    start: date | None  # inclusive; None: open
    end: date | None  # inclusive; None: open
    text: str  # the words of the question it came from
    span: tuple[int, int]  # where those words are in the question


_MONTH = r"(?P<{n}>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<{n}>(?:19|20)\d\d)"
_DAY = r"(?P<{n}>[0-3]?\d)(?:st|nd|rd|th)?"
_SEASON = r"(?P<{n}>spring|summer|autumn|fall|winter)"


def _g(pattern: str, name: str) -> str:
    return pattern.format(n=name)


# One point in time at some granularity: a day, a month, a season or a year.
_POINT = (
    r"(?:"
    + r"(?P<{p}iso>(?:19|20)\d\d-[01]\d-[0-3]\d)"
    + "|"
    + _g(_DAY, "{p}d1") + r"\s+(?:of\s+)?" + _g(_MONTH, "{p}m1") + r",?\s+" + _g(_YEAR, "{p}y1")
    + "|"
    + _g(_MONTH, "{p}m2") + r"\s+" + _g(_DAY, "{p}d2") + r",?\s+" + _g(_YEAR, "{p}y2")
    + "|"
    + r"(?:the\s+)?" + _g(_SEASON, "{p}s") + r"\s+(?:of\s+)?" + _g(_YEAR, "{p}y3")
    + "|"
    + _g(_MONTH, "{p}m3") + r",?\s+(?:of\s+)?" + _g(_YEAR, "{p}y4")
    + "|"
    + _g(_YEAR, "{p}y5")
    + "|"
    + _g(_MONTH, "{p}m4")  # a bare month: the latest one not after today
    + r")"
)


def _point_re(prefix: str) -> str:
    return _POINT.replace("{p}", prefix)


_RANGE_RE = re.compile(
    r"\b(?:between|from)\s+" + _point_re("a") + r"\s+(?:and|to|until|till|-)\s+" + _point_re("b") + r"\b",
    re.I,
)
_OPEN_RE = re.compile(r"\b(?P<op>since|after|from|before|until|till|prior\s+to)\s+" + _point_re("a") + r"\b", re.I)
_POINT_RE = re.compile(r"\b(?:(?:in|on|during|of|for)\s+)?" + _point_re("a") + r"\b", re.I)
_RELATIVE_RE = re.compile(
    r"\b(?:(?P<dir>last|past|previous|this|current)\s+(?P<unit>week|month|year|fortnight)"
    r"|(?:in\s+|over\s+|during\s+)?(?:the\s+)?(?:last|past|previous)\s+(?P<n>\d+|a|one|two|three|four|five|six|ten|few|couple(?:\s+of)?)\s+(?P<units>days?|weeks?|months?|years?)"
    r"|(?P<word>today|yesterday|recently|lately))\b",
    re.I,
)


def _month_bounds(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _point_bounds(m: re.Match[str], p: str, today: date) -> tuple[date, date] | None:
    """The first and last day of the point matched with group prefix p."""
    gd = m.groupdict()
    try:
        if gd.get(p + "iso"):
            d = date.fromisoformat(gd[p + "iso"])
            return d, d
        for i in ("1", "2"):
            if gd.get(p + "y" + i):
                d = date(int(gd[p + "y" + i]), MONTHS[gd[p + "m" + i].lower()], int(gd[p + "d" + i]))
                return d, d
        if gd.get(p + "s"):
            year = int(gd[p + "y3"])
            first, last = SEASONS[gd[p + "s"].lower()]
            if first > last:  # winter spans the turn of the year
                return date(year, first, 1), _month_bounds(year + 1, last)[1]
            return date(year, first, 1), _month_bounds(year, last)[1]
        if gd.get(p + "m3"):
            return _month_bounds(int(gd[p + "y4"]), MONTHS[gd[p + "m3"].lower()])
        if gd.get(p + "y5"):
            year = int(gd[p + "y5"])
            return date(year, 1, 1), date(year, 12, 31)
        if gd.get(p + "m4"):
            month = MONTHS[gd[p + "m4"].lower()]
            year = today.year if month <= today.month else today.year - 1
            return _month_bounds(year, month)
    except ValueError:  # 31 February and friends
        return None
    return None


def _relative(m: re.Match[str], today: date) -> tuple[date, date]:
    word = (m.group("word") or "").lower()
    if word == "today":
        return today, today
    if word == "yesterday":
        y = today - timedelta(days=1)
        return y, y
    if word in ("recently", "lately"):
        return today - timedelta(days=90), today
    if m.group("unit"):
        unit = m.group("unit").lower()
        this = m.group("dir").lower() in ("this", "current")
        if unit == "year":
            year = today.year if this else today.year - 1
            return date(year, 1, 1), (today if this else date(year, 12, 31))
        if unit == "month":
            if this:
                return today.replace(day=1), today
            last_of_prev = today.replace(day=1) - timedelta(days=1)
            return last_of_prev.replace(day=1), last_of_prev
        days = UNITS[unit]
        if this:  # this week: since Monday
            return today - timedelta(days=today.weekday()), today
        return today - timedelta(days=days), today
    raw_n = m.group("n").lower().split()[0]
    n = int(raw_n) if raw_n.isdigit() else NUMBER_WORDS.get(raw_n, 1)
    unit = m.group("units").lower().rstrip("s")
    return today - timedelta(days=n * UNITS[unit]), today


def find_date_range(question: str, today: date | None = None) -> DateRange | None:
    """The first date expression in the question, as an inclusive range, or None."""
    today = today or date.today()
    m = _RANGE_RE.search(question)
    if m:
        a, b = _point_bounds(m, "a", today), _point_bounds(m, "b", today)
        if a and b and m.group("am4"):
            # "from January to March 2022": the first month takes the second point's year
            month = MONTHS[m.group("am4").lower()]
            year = b[0].year if month <= b[0].month else b[0].year - 1
            a = _month_bounds(year, month)
        if a and b:
            lo, hi = min(a[0], b[0]), max(a[1], b[1])
            return DateRange(lo, hi, m.group(0), m.span())
    m = _OPEN_RE.search(question)
    if m:
        a = _point_bounds(m, "a", today)
        if a:
            op = m.group("op").lower()
            if op in ("since", "from"):
                return DateRange(a[0], None, m.group(0), m.span())
            if op == "after":
                return DateRange(a[1] + timedelta(days=1), None, m.group(0), m.span())
            return DateRange(None, a[0] - timedelta(days=1), m.group(0), m.span())
    m = _RELATIVE_RE.search(question)
    if m:
        lo, hi = _relative(m, today)
        return DateRange(lo, hi, m.group(0), m.span())
    for m in _POINT_RE.finditer(question):
        if m.group("am4") and not _bare_month_is_date(question, m):
            continue
        bounds = _point_bounds(m, "a", today)
        if bounds:
            return DateRange(bounds[0], bounds[1], m.group(0), m.span())
    return None


def _bare_month_is_date(question: str, m: re.Match[str]) -> bool:
    """'May' and 'March' are also words; a bare month counts only after in/during/since."""
    word = m.group("am4").lower()
    lead = m.group(0)[: m.start("am4") - m.start()].strip().lower()
    if word in ("may", "march", "jan", "mar", "jun", "oct", "dec", "sep", "aug"):
        return lead in ("in", "during")
    return bool(lead) or word not in ("may",)
