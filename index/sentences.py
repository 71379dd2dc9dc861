"""Sentence boundaries in news English, as character spans.

Rule-based and linear-time: a boundary is `.`, `!` or `?` (optionally
followed by closing quotes or brackets), then whitespace, then something that
can start a sentence.  Abbreviations common in wire copy (ranks, titles,
months, initials) do not end a sentence.
"""

from __future__ import annotations

import re

# Lower-cased, without the final dot.  Ranks and titles are the ones wire copy
# puts before names ("Maj. Gen. Khaled", "Dr. Ali"), so they never end a sentence.
_ABBREVIATION_WORDS = """
    mr mrs ms dr prof sen rep gov govs lt col gen maj brig capt cmdr adm sgt cpl pvt
    st jr sr rev hon pres amb sec dep asst supt insp no nos vol vs etc approx
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue wed thu fri sat sun
    u.s u.k u.n e.g i.e a.m p.m inc corp co ltd dept govt est fig art al
"""
ABBREVIATIONS = frozenset(_ABBREVIATION_WORDS.split())
# Abbreviations written in lower case in running text ("etc." before a capital
# usually ends a sentence, so it is not one of them).
_LOWERCASE_ABBREVIATIONS = frozenset({"vs", "approx", "e.g", "i.e", "a.m", "p.m", "al"})
# Abbreviations that only stand before a number ("No. 5", "Art. 140").
_BEFORE_NUMBERS = frozenset({"no", "nos", "vol", "fig", "art"})

_CLOSERS = "\"'”’)]»"
_OPENERS = "\"'“‘([«"
# A sentence end: terminal punctuation, closing marks, then whitespace.  The
# lookbehind and possessive quantifiers keep a long run of dots without
# whitespace linear: without them every dot of the run restarts the match.
_END = re.compile(r"(?<![.!?…])[.!?…]++[" + re.escape(_CLOSERS) + r"]*+(?=\s)")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the '.' at `dot` closes an abbreviation or an initial, not a sentence.

    Capitalised forms only ("Gen.", "Sat.", "No. 5"), so that ordinary words
    that happen to spell an abbreviation still end a sentence ("He sat.",
    "The answer was no.").  "No."/"Vol."/"Fig."/"Art." count only before a number.
    """
    m = _WORD_BEFORE.search(text, max(0, dot - 12), dot)
    if not m:
        return False
    raw = m.group(1).rstrip(".")
    word = raw.lower()
    if len(word) == 1:  # an initial: "George W. Bush"
        return raw.isupper()
    if word not in ABBREVIATIONS:
        return False
    if word in _BEFORE_NUMBERS:
        return _next_is_digit(text, dot + 1)
    return raw[0].isupper() or word in _LOWERCASE_ABBREVIATIONS


def _next_is_digit(text: str, i: int) -> bool:
    n = min(len(text), i + 8)
    while i < n and text[i].isspace():
        i += 1
    return i < n and text[i].isdigit()


def _starts_sentence(text: str, i: int) -> bool:
    """True when position i (after whitespace) can open a new sentence."""
    while i < len(text) and text[i] in _OPENERS:
        i += 1
    if i >= len(text):
        return False
    c = text[i]
    return c.isupper() or c.isdigit()


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Split text[start:end] into sentence spans (absolute offsets), whitespace trimmed."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    cursor = start
    for m in _END.finditer(text, start, end):
        stop = m.end()
        last_dot = m.group(0).rstrip(_CLOSERS)
        if last_dot.endswith(".") and len(last_dot) == 1 and _is_abbreviation(text, m.start()):
            continue
        nxt = stop
        while nxt < end and text[nxt].isspace():
            nxt += 1
        if nxt < end and not _starts_sentence(text, nxt):
            continue
        append_trimmed(text, cursor, stop, spans)
        cursor = nxt
    append_trimmed(text, cursor, end, spans)
    return spans


def append_trimmed(text: str, a: int, b: int, spans: list[tuple[int, int]]) -> None:
    """Append text[a:b] without its surrounding whitespace to `spans`, unless nothing is left."""
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if b > a:
        spans.append((a, b))
