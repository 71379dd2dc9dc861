"""Quotation marks -> quote spans.

Wire copy mixes straight and curly marks and gets them wrong ("“...," adding
that," ... ."): a glyph alone says little.  Within each paragraph the marks
are labelled open / close / ignored by a tiny dynamic programme (two states,
inside or outside a quote, linear in the number of marks) that weighs

- the context of each mark: a space before and a letter after looks like an
  opening, a letter or punctuation before and a space after like a closing;
- the glyph: “ „ « lean to opening, ” » to closing, " is neutral;
- what the marks would enclose: a quote made only of punctuation is absurd,
  and an attribution frame (", adding that,") is unlikely to be quoted text.

A quote still open at the end of a paragraph ends there; when the next
paragraph opens with a mark it continues the same quote (the wire convention
for quotes that run over several paragraphs).  Single marks are read only
inside a double-quoted span, as a nested quote (`find_nested_spans`).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from index.attribution.cues import CUE_WORDS

DOUBLE_MARKS = '"“”„‟«»'
# Two apostrophes are a double mark in some house styles (''like this'').
_MARK = re.compile(r"''|[\"“”„‟«»]")
_SINGLE = re.compile("['‘’]")
_OPENING_GLYPHS = "“„‟«"
_CLOSING_GLYPHS = "”»"
# What may stand right before an opening mark / right after a closing one.
_BEFORE_OPEN = "([{<—–-/:‘'\"“„«"
_AFTER_CLOSE = ".,;:!?)]}>—–-'’”»…"
_NOT_AFTER_OPEN = ",;:!?)]}>”»"

DROP = 3.0  # ignoring a mark
ABSURD = 10.0  # a quote with no letter or digit in it
FRAME = 3.0  # quoting what looks like an attribution frame
OPEN_AT_END = 0.5  # a quote left open at the end of a paragraph
_FRAME_MAX = 90
# After the closing mark of a linked headline or excerpt, not a quote:
# '"Museum names a director," by the Gazette's Ana Ruiz: "..." http://...'.
_LINK_AFTER = re.compile(r"[,.]?\s*(https?://|www\.)|,? by (The |the )?[A-Z]|\s*(\((?:19|20)\d\d\))")


@dataclass(slots=True)
class QuoteSpan:
    """A stretch of quoted words: body[start:end] is the trimmed content.

    `open` is the offset of the opening mark, `close` that of the closing mark
    (the paragraph end when `closed` is False) and `after` the offset just past
    the closing mark.  `continues` is True when the span carries on a quote left
    open at the end of the previous paragraph.
    """

    open: int
    close: int
    after: int
    start: int
    end: int
    paragraph: int
    closed: bool
    continues: bool = False


_COSTS: dict[tuple[str, str, str], tuple[float, float]] = {}  # (before, glyph, after) -> costs


def _costs(text: str, i: int, size: int, a: int, b: int) -> tuple[float, float]:
    """(cost as an opening, cost as a closing) of the mark text[i:i+size] in paragraph [a, b)."""
    prev = text[i - 1] if i > a else ""
    nxt = text[i + size] if i + size < b else ""
    left_open = not prev or prev.isspace() or prev in _BEFORE_OPEN
    right_open = bool(nxt) and not nxt.isspace() and nxt not in _NOT_AFTER_OPEN and (
        nxt != "." or text.startswith("...", i + size))
    left_close = bool(prev) and not prev.isspace() and prev not in "([{<“„«‘"
    right_close = not nxt or nxt.isspace() or nxt in _AFTER_CLOSE
    open_cost = float((not left_open) + (not right_open))
    close_cost = float((not left_close) + (not right_close))
    glyph = text[i]
    if glyph in _OPENING_GLYPHS:
        close_cost += 1.5
    elif glyph in _CLOSING_GLYPHS:
        open_cost += 1.5
    return open_cost, close_cost


_WORDS = re.compile(r"[A-Za-z]+")
# A speaker's own words, not a reporter's frame, open with these ('"I think ...', '"We said').
_SPEAKER_OPENERS = frozenset({"I", "We", "You", "My", "Our"})
_ALNUM = re.compile(r"[^\W_]")
# Above this many marks in one paragraph the text is not prose: pair by position.
MAX_MARKS_WEIGHED = 2000


def _inside_cost(text: str, a: int, b: int, runs_on: bool = False) -> float:
    """Cost of reading text[a:b] (between two marks) as quoted words.

    An attribution frame right after a closing mark ('," said the spokesman',
    '," he added') or right before an opening one ('he said, "', 'adding that "',
    'told INA: "') is unlikely to be quoted text.  A quote that `runs_on` into the next
    paragraph (which opens with a mark) may end with a colon: the speaker's words
    introduce their own list or block ('... Here they are:' / '"First, ...').
    """
    if not _ALNUM.search(text, a, b):
        return ABSURD
    # the first words (findall within bounds reads as on the slice; no letter is stripped)
    first = _WORDS.findall(text, a, min(b, a + 40))[:4]
    if first and first[0] not in _SPEAKER_OPENERS:
        for w in first:
            if w.lower() in CUE_WORDS:
                return FRAME
    if runs_on:
        return 0.0
    # the last words, when they end like a frame (',' ':' 'that'), spaces stripped
    lo = max(a, b - _FRAME_MAX)
    j = b
    while j > lo and text[j - 1].isspace():
        j -= 1
    if j > lo and (text[j - 1] in ",:" or j - lo >= 4 and text.startswith("that", j - 4)) \
            and any(w.lower() in CUE_WORDS for w in _WORDS.findall(text, lo, j)):
        return FRAME
    return 0.0


def _pair_paragraph(text: str, a: int, b: int, next_opens: bool,
                    marks: list[tuple[int, int]]) -> list[tuple[int, int, int | None, int]]:
    """(opening mark, its length, closing mark or None, its length) in paragraph [a, b),
    given the (offset, length) of its marks."""
    if not marks:
        return []
    if len(marks) > MAX_MARKS_WEIGHED:
        pairs: list[tuple[int, int, int | None, int]] = [
            (o[0], o[1], c[0], c[1]) for o, c in zip(marks[0::2], marks[1::2], strict=False)]
        if len(marks) % 2:
            pairs.append((marks[-1][0], marks[-1][1], None, 0))
        return pairs
    inf = float("inf")
    cost_out, cost_in = 0.0, inf
    # back[k] = (label leading to 'out', label leading to 'in'); labels: o, c, d(rop)
    back: list[tuple[str, str]] = []
    last = len(marks) - 1
    cached = _COSTS.get
    for k, (i, size) in enumerate(marks):
        # the costs depend only on the glyph and its neighbours (an ellipsis after it)
        prev = text[i - 1] if i > a else ""
        j = i + size
        nxt = text[j] if j < b else ""
        key = (prev, text[i], "..." if nxt == "." and text.startswith("...", j) else nxt)
        costs = cached(key)
        if costs is None:
            costs = _costs(text, i, size, a, b)
            if len(_COSTS) < 4096:  # hostile text may bring any neighbours: bounded
                _COSTS[key] = costs
        oc, cc = costs
        to_in_open, to_in_drop = cost_out + oc, cost_in + DROP
        to_out_close, to_out_drop = cost_in + cc, cost_out + DROP
        if to_in_open <= to_in_drop:
            new_in, lab_in = to_in_open, "o"
        else:
            new_in, lab_in = to_in_drop, "d"
        if to_out_close <= to_out_drop:
            cost_out, lab_out = to_out_close, "c"
        else:
            cost_out, lab_out = to_out_drop, "d"
        if new_in < inf:
            new_in += _inside_cost(text, i + size, marks[k + 1][0] if k < last else b,
                                   k == last and next_opens)
        back.append((lab_out, lab_in))
        cost_in = new_in
    cost_in += 0.0 if next_opens else OPEN_AT_END
    state = 1 if cost_in < cost_out else 0
    labels: list[str] = []
    for k in range(len(marks) - 1, -1, -1):
        lab = back[k][state]
        labels.append(lab)
        if lab == "o":
            state = 0
        elif lab == "c":
            state = 1
    labels.reverse()
    pairs = []
    pending: tuple[int, int] | None = None
    for mark, lab in zip(marks, labels, strict=True):
        if lab == "o":
            pending = mark
        elif lab == "c" and pending is not None:
            pairs.append((pending[0], pending[1], mark[0], mark[1]))
            pending = None
    if pending is not None:
        pairs.append((pending[0], pending[1], None, 0))
    return pairs


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] == ","):
        b -= 1
    return a, b


def _regex_marks(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """(offset, length) of the double marks of text[a:b], two apostrophes included.
    Three apostrophes after a word close a single quote and then the double one
    (with 'We will fix it,' + two apostrophes): the double mark is the last two."""
    out = []
    for m in _MARK.finditer(text, a, b):
        i, size = m.start(), m.end() - m.start()
        if size == 2 and i + 2 < b and text[i + 2] == "'" and i > a and \
                not text[i - 1].isspace():
            i += 1
        out.append((i, size))
    return out


def _all_marks(text: str) -> list[tuple[int, int]]:
    """(offset, length) of every double mark of `text`, in order."""
    if "''" in text:
        return _regex_marks(text, 0, len(text))
    # one str.find per glyph and mark: much quicker than a regex scan of the whole text
    found: list[int] = []
    find = text.find
    for glyph in DOUBLE_MARKS:
        i = find(glyph)
        while i >= 0:
            found.append(i)
            i = find(glyph, i + 1)
    found.sort()
    return [(i, 1) for i in found]


# Words before the marks that make title-cased words the name of a work, not words
# spoken: 'In his memoir, "Roads Home,"', 'author of "The Long Field"', 'In "Night Bus"'.
_WORK_BEFORE = re.compile(
    r"(?:\b(?:book|memoir|autobiography|novel|program|programme|show|podcast|series|film|movie"
    r"|documentary|album|song|newsletter|column|essay|editorial|article|play|musical|sitcom"
    r"|reads)|\bauthor of|\bepisode of|\bstars in|\binterview with|\bAccording to"
    r"|\baccording to|(?:^|[.!?]\s+|\n\s*)In)[,:]?\s*$")
# ... and words after them: '"Night Bus" star Ana Ruiz', '"Morning Desk" host Lee'.
_WORK_AFTER = re.compile(r",?\s+(?:star|stars|host|co-host|creator|actor|actress)\b")
# Words a title leaves in lower case.
_TITLE_LINKS = frozenset("a an the of in on at to for and or but with by from as & vs".split())


def _title_case(words: str) -> bool:
    """Are the words a short title ("The Long Field", "Roads Home")?"""
    found = words.split()
    return 0 < len(found) <= 10 and found[0][:1].isupper() and all(
        w[:1].isupper() or w[:1].isdigit() or w.lower() in _TITLE_LINKS for w in found)


def _not_a_quote(text: str, o: int, s: int, e: int, after: int) -> bool:
    """Marked words that are no one's words: a value in markup (`date="March 4, 2016"`),
    a "Related:" link label, the title of a work ('author of "The Long Field"'), a dated
    slogan or work ('"Stop the dam" (2009)'), a linked headline ('"Museum names a
    director," by the Gazette's Ana Ruiz') or the excerpt before its address
    ('"..." http://...')."""
    if o > 0 and text[o - 1] == "=":
        return True
    if text[s:e].rstrip(":").lower() == "related":
        return True
    if _title_case(text[s:e]) and (_WORK_BEFORE.search(text, max(0, o - 40), o) or after >= 0
                                   and _WORK_AFTER.match(text, after, after + 12)):
        return True
    if after < 0:
        return False
    m = _LINK_AFTER.match(text, after, after + 12)
    if m is None:
        return False
    # a headline opens with a capital and ends with a comma; 'a "hit piece" by The
    # Times' and '"If it had not been" by the allies, Lee said, "..."' are someone's words;
    # a slogan or a work dated in brackets ('"Stop the dam" (2009)') is no statement
    if m.group(1) or m.group(3):
        return True
    return text[s].isupper() and "," in text[e:m.end()]


def find_quote_spans(text: str, paragraphs: list[tuple[int, int]]) -> list[QuoteSpan]:
    """Every double-quoted span of `text`, in order (see the module docstring)."""
    spans: list[QuoteSpan] = []
    left_open = False
    # every mark of the text at once, then each paragraph takes its own (paragraph by
    # paragraph when stretches of the text are not read at all)
    if sum(b - a for a, b in paragraphs) * 2 > len(text):
        found = _all_marks(text)
    else:
        found = [mark for a, b in paragraphs for mark in _regex_marks(text, a, b)]
    if not found:
        return spans
    offsets = [i for i, _ in found]
    m = 0
    for p, (a, b) in enumerate(paragraphs):
        first = bisect_left(offsets, a, m)
        m = bisect_left(offsets, b, first)
        if m == first and not left_open:
            continue
        nxt = paragraphs[p + 1][0] if p + 1 < len(paragraphs) else -1
        next_opens = nxt >= 0 and (text[nxt] in DOUBLE_MARKS or text.startswith("''", nxt))
        pairs = _pair_paragraph(text, a, b, next_opens, found[first:m])
        for k, (o, o_len, c, c_len) in enumerate(pairs):
            end = c if c is not None else b
            s, e = _trim(text, o + o_len, end)
            if s >= e or _not_a_quote(text, o, s, e, end + c_len if c is not None else -1):
                continue
            continues = left_open and k == 0 and o == a
            spans.append(QuoteSpan(o, end, end + c_len, s, e, p, c is not None, continues))
        left_open = bool(pairs) and pairs[-1][2] is None
    return spans


def find_nested_spans(text: str, a: int, b: int) -> list[tuple[int, int, int, int]]:
    """Single-quoted spans inside text[a:b]: (open mark, close mark, content start, end).

    An opening mark follows a space or an opening punctuation and precedes a
    letter; a closing one follows a letter or punctuation and precedes a space
    or punctuation, so apostrophes ("region's", "Ma'an") are never marks.
    """
    out: list[tuple[int, int, int, int]] = []
    pending = -1
    for m in _SINGLE.finditer(text, a, b):
        i = m.start()
        ch = text[i]
        prev = text[i - 1] if i > a else " "
        nxt = text[i + 1] if i + 1 < b else " "
        if ch == "'" and (prev == "'" or nxt == "'"):
            continue  # a double mark written with two apostrophes
        if ch != "’" and (prev.isspace() or prev in "(“\"—–-:") and nxt.isalnum():
            pending = i
        elif ch != "‘" and pending >= 0 and (prev.isalnum() or prev in ".,!?") and (
                nxt.isspace() or nxt in ".,;:!?)”\"—–-"):
            s, e = _trim(text, pending + 1, i)
            if text.count(" ", s, e) >= 1:
                out.append((pending, i, s, e))
            pending = -1
    return out
