"""Publication dates of articles: the strings found in files -> timezone-aware datetimes.

Accepted forms (a time is optional everywhere; a naive result gets `default_tz`,
an explicit offset is kept as given):

- ISO 8601: `2021-01-26`, `2021-01-26T14:24`, `2021-01-26T14:24:00+03:00`, `...Z`
- the wire date line: `26-01-2021, 14:24` (day first), with or without a bullet;
  also `26/01/2021`, `26.01.2021` and year-first `2021/01/26`
- month names: `January 26, 2021`, `Jan. 26, 2021 2:24 PM`, `26 Jan 2021 14:24`,
  `Tuesday, 26 January 2021 - 14:24 GMT+3`
- RFC 2822 (`Tue, 26 Jan 2021 14:24:00 +0300`) and Unix timestamps (numbers).

Question dates ("in May 2021") are a different job: see `index/dates.py`.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from email.utils import parsedate_to_datetime

from index.dates import MONTHS

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
_TIME = (
    r"(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?::(?P<second>\d{2})(?:\.\d+)?)?"
    r"(?:\s*(?P<ampm>[ap])\.?\s?m\.?)?"
)
_TZ = r"(?P<tz>z|utc|gmt|(?:utc|gmt)?\s*[+-]\d{1,2}(?::?\d{2})?)"
# What may stand between the date and the time: "26-01-2021, 14:24", "... at 2:24 pm",
# "... - 14:24", "... | 14:24".
_TAIL = r"(?:(?:\s*[,|-]\s*|\s+)(?:at\s+)?" + _TIME + r")?(?:\s*" + _TZ + r")?"

_NUMERIC_DMY = re.compile(
    r"(?P<a>\d{1,2})(?P<sep>[-/.])(?P<b>\d{1,2})(?P=sep)(?P<year>\d{4})" + _TAIL, re.I
)
_NUMERIC_YMD = re.compile(r"(?P<year>\d{4})([/.])(?P<b>\d{1,2})\2(?P<a>\d{1,2})" + _TAIL, re.I)
_DAY_MONTH = re.compile(
    _WEEKDAY + r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>\d{4})" + _TAIL,
    re.I,
)
_MONTH_DAY = re.compile(
    _WEEKDAY + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})" + _TAIL, re.I
)
_TZ_OFFSET = re.compile(r"(?:utc|gmt)?\s*([+-])(\d{1,2})(?::?(\d{2}))?", re.I)
_BULLETS = "•·*–—- \t\u00a0"


def parse_published(value: str | int | float, *, default_tz: tzinfo = UTC) -> datetime:
    """The moment `value` names, timezone-aware; ValueError when it is not a date we know."""
    if isinstance(value, bool):
        raise ValueError(f"not a date: {value!r}")
    if isinstance(value, int | float):
        try:
            return datetime.fromtimestamp(value, tz=UTC)
        except (OverflowError, OSError, ValueError):
            raise ValueError(f"not a date: {value!r}") from None
    text = value.strip().lstrip(_BULLETS).strip()
    if not text or len(text) > 80:
        raise ValueError(f"not a date: {value!r}")
    parsed = _parse(text)
    if parsed is None:
        raise ValueError(f"not a date: {value!r}")
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=default_tz)


def _parse(text: str) -> datetime | None:
    if text[0].isdigit() and "-" in text[:5]:
        try:
            return datetime.fromisoformat(text)
        except ValueError:
            pass
    for pattern in (_NUMERIC_DMY, _NUMERIC_YMD, _DAY_MONTH, _MONTH_DAY):
        m = pattern.fullmatch(text)
        if m:
            return _from_match(m, text)
    try:  # RFC 2822, as in feeds and mail
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None


def _from_match(m: re.Match[str], text: str) -> datetime:
    groups = m.groupdict()
    year = int(groups["year"])
    if groups.get("month"):
        month, day = MONTHS[groups["month"].lower()], int(groups["day"])
    else:
        # Numeric dates are day first (wire copy); "01/26/2021" can only be month first.
        day, month = int(groups["a"]), int(groups["b"])
        if month > 12 >= day:
            day, month = month, day
    hour = int(groups["hour"] or 0)
    minute = int(groups["minute"] or 0)
    second = int(groups["second"] or 0)
    ampm = (groups.get("ampm") or "").lower()
    if ampm:
        if not 1 <= hour <= 12:
            raise ValueError(f"not a date: {text!r}")
        hour = hour % 12 + (12 if ampm == "p" else 0)
    tz = _timezone(groups.get("tz"))
    try:
        return datetime(year, month, day, hour, minute, second, tzinfo=tz)
    except ValueError:
        raise ValueError(f"not a date: {text!r}") from None


def _timezone(token: str | None) -> tzinfo | None:
    if not token:
        return None
    token = token.strip().lower()
    if token in ("z", "utc", "gmt"):
        return UTC
    m = _TZ_OFFSET.fullmatch(token)
    if not m:
        return None
    sign, hours, minutes = m.groups()
    delta = timedelta(hours=int(hours), minutes=int(minutes or 0))
    if delta >= timedelta(hours=24):
        raise ValueError(f"bad timezone offset {token!r}")
    return timezone(-delta if sign == "-" else delta)
