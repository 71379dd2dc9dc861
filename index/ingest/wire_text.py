"""Plain-text articles: the news-agency wire layout, or any text whose first line is the title.

The wire layout (as saved from the INA website)::

    Headline
    <blank>
      • 26-01-2021, 14:24
      • +A -A
    <blank>
        Baghdad - INA
    <blank>
        First paragraph, indented by four spaces.
    <blank>
        ...

The header lines after the headline are each optional and recognised by shape:
a date line (bullet optional), the font-size widget `+A -A` (dropped), and a
dateline `City - SOURCE`.  Without any of them the text is plain: the first line
is the title and the rest is the body.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, tzinfo
from pathlib import PurePath

from index.errors import ArticleError
from index.ingest.paragraphs import body_from_text, normalise_newlines
from index.ingest.published import parse_published
from index.models import Article

# How many non-blank lines after the headline may belong to the header.
_HEADER_LINES = 4
# A first line longer than this is a paragraph, not a headline.
MAX_TITLE_CHARS = 300
_SHORT_TITLE_CHARS = 120

_BULLET = r"[ \t\u00a0]*(?:[•·*▪◦‣-][ \t\u00a0]*)?"
_FONT_WIDGET = re.compile(_BULLET + r"\+\s?A\s+-\s?A\s*", re.I)
# "26-01-2021, 14:24" and friends: the wire's own shape.  A line of this shape
# that is not a real date ("31-02-2021") is an error, not a paragraph.
_WIRE_DATE = re.compile(_BULLET + r"(\d{1,2}[-/.]\d{1,2}[-/.]\d{4}(?:,?\s+\d{1,2}:\d{2})?)\s*")
# Other date lines are tried only when they start like a date.
_DATE_LIKE = re.compile(
    _BULLET
    + r"((?:\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?[\s,]).{0,70})",
    re.I,
)
# "Baghdad - INA", "Al-Amarah – INA", "Erbil - Kurdistan24".
_DATELINE = re.compile(
    r"[ \t\u00a0]*(?P<place>[^\W\d_][\w'’.]*(?:[ -][^\W\d_][\w'’.]*){0,4})"
    r"(?:\s+-\s+|\s*[–—]\s*)"
    r"(?P<source>[^\W_][\w&.'’]*(?: [^\W_][\w&.'’]*){0,3})\s*"
)


def _stem(path: str) -> str:
    return PurePath(path).stem or path


def _short_title(line: str) -> str:
    if len(line) <= _SHORT_TITLE_CHARS:
        return line
    cut = line.rfind(" ", 0, _SHORT_TITLE_CHARS)
    return line[: cut if cut > 40 else _SHORT_TITLE_CHARS].rstrip(" ,;:") + "…"


def _next_line(text: str, pos: int) -> tuple[int, int]:
    """(start, end) of the first non-blank line at or after pos; (len, len) when none."""
    n = len(text)
    while pos < n:
        end = text.find("\n", pos)
        if end < 0:
            end = n
        if text[pos:end].strip():
            return pos, end
        pos = end + 1
    return n, n


def _other_date(line: str, default_tz: tzinfo) -> datetime | None:
    """The date of a header line such as "January 26, 2021"; None for any other line."""
    m = _DATE_LIKE.fullmatch(line)
    if not m:
        return None
    try:
        return parse_published(m.group(1), default_tz=default_tz)
    except ValueError:
        return None  # "Maysan - INA", or a paragraph that starts with a number


def article_from_text(text: str, *, path: str, default_tz: tzinfo = UTC) -> Article:
    """An Article from a .txt file's text: wire layout when its header is there, else plain.

    Plain text: the first line is the title and the rest the body; a one-line
    text (or one whose first line is too long to be a headline) is all body.
    """
    text = normalise_newlines(text)
    start, end = _next_line(text, 0)
    if start == end:
        raise ArticleError(path, "empty file")
    title_line = text[start:end].strip()

    published: datetime | None = None
    dateline = source = None
    pos = body_start = end + 1
    header = False
    for _ in range(_HEADER_LINES):
        a, b = _next_line(text, pos)
        if a == b:
            break
        line = text[a:b]
        if _FONT_WIDGET.fullmatch(line):
            pass
        elif published is None and (m := _WIRE_DATE.fullmatch(line)):
            try:
                published = parse_published(m.group(1), default_tz=default_tz)
            except ValueError:
                raise ArticleError(path, f"bad date line {line.strip()!r}") from None
        elif published is None and dateline is None and (when := _other_date(line, default_tz)):
            published = when
        elif dateline is None and b - a <= 80 and (m := _DATELINE.fullmatch(line)):
            # Without a date line, only an agency-like one-word source makes it a
            # dateline; "Trump - Clinton debate" is a paragraph.
            if published is None and " " in m.group("source"):
                break
            dateline, source = m.group("place"), m.group("source")
        else:
            break
        header = True
        pos = body_start = b + 1

    if header:
        body = body_from_text(text[body_start:])
        if not body:
            raise ArticleError(path, "no article text after the header")
        title = title_line
    else:
        body = body_from_text(text[end + 1 :])
        if not body or len(title_line) > MAX_TITLE_CHARS:
            body = body_from_text(text)
            title = _short_title(title_line)
        else:
            title = title_line
    return Article(
        id=_stem(path),
        title=" ".join(title.split()),
        body=body,
        published=published,
        source=source,
        dateline=dateline,
        path=path,
    )


def raw_article(text: str, *, path: str) -> Article:
    """An Article whose body is the whole text, untouched (offsets match the file's text).

    Only a leading byte-order mark is dropped.  The title is the first
    non-blank line, shortened when long.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise ArticleError(path, "empty file")
    start, end = _next_line(text, 0)
    first = text[start:end].strip()
    return Article(
        id=_stem(path), title=_short_title(" ".join(first.split())), body=text, path=path
    )
