"""One quote per statement: joining the pieces of a quote, and mixed quotes.

Quotation marks cut one statement into pieces in three common ways; each
becomes ONE quote whose text runs from the first piece to the last (so the
attribution between the pieces is part of the text, verbatim):

- split around the attribution:   "The bridge opens in May," he said, "and the toll goes."
- continued in the next sentence: "We agreed on nothing," she said. "Nothing at all."
- continued in the next paragraph (the wire convention: the paragraph opens
  with a mark and the previous one left the quote open).

Rendered between quotation marks, such a text reads correctly: the marks
inside it close and reopen around the attribution.

A MIXED quote is reported speech with some of the speaker's words quoted:
'said the plan was "a disaster" for the region'.  It is one quote for the
whole reported clause, of kind "indirect" (the words outside the marks are
the reporter's, so the quote must not be shown as verbatim); the quoted words
are not reported again as a separate direct quote.  When the clause is little
more than the quote ('said that "..."') the direct quote alone is kept.
"""

from __future__ import annotations

import re

from index.attribution.document import Document
from index.models import Quote

_MAX_GAP = 14  # tokens between two pieces of one statement
_MAX_FRAME_GAP = 40  # ... when those tokens are the attribution ('," said X, the ... of Y. "')
_FILLER = frozenset({"that", ",", ":", "-", "—", "–"})
CLOSING_MARKS = frozenset('"”»’\'')
# Text right before an opening mark that ends a frame rather than starting content.
_FRAME_END = re.compile(r"(?:\bthat|[,:])\s*[\"“‘']?$")


def join_pieces(doc: Document, quotes: list[Quote],
                info: list[tuple[int, int, str, int]]) -> list[Quote]:
    """`quotes` with the pieces of each statement joined (see the module docstring).

    `info` holds, per direct quote in order: (span index, index in `quotes`,
    how its speaker was found, token of its frame's cue or -1).
    """
    lay = doc.layout
    drop: set[int] = set()
    head: int | None = None  # index in `quotes` of the statement being built
    prev: tuple[int, int, str, int] | None = None
    for cur in info:
        k, qi, how, cue_tok = cur
        joined = False
        if prev is not None and head is not None and prev[0] == k - 1:
            pk = prev[0]
            if how == "continues":
                joined = True
            elif doc.spans[pk].paragraph == doc.spans[k].paragraph and doc.spans[pk].closed:
                a, b = doc.after_tok[pk], doc.open_tok[k]
                framed = a <= prev[3] < b  # the gap holds the first piece's attribution
                short = b - a <= (_MAX_FRAME_GAP if framed else _MAX_GAP) and \
                    not any(lay.quoted[a:b])
                if short and how == "same-paragraph":
                    joined = not any(t in doc.cue_at for t in range(a, b)
                                     if t != prev[3])
                elif short and how == "own" and cue_tok >= 0 and cue_tok == prev[3]:
                    joined = True  # split around its attribution
        if joined and head is not None:
            h = quotes[head]
            q = quotes[qi]
            quotes[head] = Quote(h.article_id, h.start, q.end, doc.text[h.start:q.end], "direct",
                                 h.speaker, h.cue, h.passage_position)
            drop.add(qi)
        else:
            head = qi
        prev = cur
    return [q for i, q in enumerate(quotes) if i not in drop]


def _past_closing_mark(text: str, end: int) -> int:
    """`end` moved past the punctuation and closing quotation mark right after it."""
    k = end
    while k < len(text) and k - end < 3 and text[k] in ",.;:!?":
        k += 1
    if k < len(text) and text[k] in CLOSING_MARKS:
        return k + 1
    return end


def _unquoted_words(doc: Document, start: int, end: int) -> int:
    """Words of body[start:end] outside quotation marks ("that" does not count)."""
    lay = doc.layout
    a, b = lay.token_at(start), lay.token_at(end)
    return sum(1 for t in range(a, b) if not lay.quoted[t] and lay.words[t][0].isalnum()
               and lay.lower[t] not in _FILLER)


def merge_mixed(doc: Document, quotes: list[Quote]) -> list[Quote]:
    """Reported clauses holding quoted words become one quote each (see the module docstring).

    `quotes` is sorted by start.  An indirect quote overlapping direct ones is
    widened to cover them; it replaces them when it has at least two words of
    its own, and is dropped otherwise.
    """
    direct = [q for q in quotes if q.kind == "direct"]
    if not direct:
        return quotes
    out: list[Quote] = []
    swallowed: set[int] = set()
    d = 0
    for q in quotes:
        if q.kind != "indirect":
            continue
        while d < len(direct) and direct[d].end <= q.start:
            d += 1
        inside = []
        j = d
        while j < len(direct) and direct[j].start < q.end:
            inside.append(j)
            j += 1
        if not inside:
            out.append(q)
            continue
        start = min(q.start, direct[inside[0]].start)
        end = max(q.end, direct[inside[-1]].end)
        if end == direct[inside[-1]].end:
            end = _past_closing_mark(doc.text, end)  # 'the budget "a fantasy"', mark included
        first = direct[inside[0]].start
        if _FRAME_END.search(doc.text, max(start, first - 8), first) and \
                _unquoted_words(doc, first, end) == 0:
            # 'told INA that "..."', 'said in a statement, "..."': the words before the
            # marks are the frame (addressee, "that", a comma), not reported content.
            continue
        if _unquoted_words(doc, start, end) >= 1:
            swallowed.update(id(direct[i]) for i in inside)
            out.append(Quote(q.article_id, start, end, doc.text[start:end], "indirect", q.speaker,
                             q.cue, q.passage_position))
    out += [q for q in direct if id(q) not in swallowed]
    out += [q for q in quotes if q.kind not in ("direct", "indirect")]
    out.sort(key=lambda q: (q.start, -q.end))
    return out
