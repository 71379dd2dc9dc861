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
more than the quote ('said that "..."', 'told reporters in Ohio, "We ..."') the
direct quote alone is kept.  A direct quote no reported clause holds is widened
to the clause around it when the reporter's words share it: after its cue
('argued the count was "anything but fair" in three counties') or before a
quote attributed after it ('The levy is "a gamble," Lee said').
"""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import accumulate

from index.attribution.document import Document
from index.models import Quote

_MAX_GAP = 14  # tokens between two pieces of one statement
# ... when those tokens are the attribution ('," said X, the ... of Y. "'); past that, a
# long appositive stands between two statements (PolNeAR makes them two contents)
_MAX_FRAME_GAP = 24
# At most this many words between a clause's start and its quote make a frame
# ("in a statement that"), not reported words of their own.
_MAX_FRAME_WORDS = 3
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


def _frame_start(doc: Document, start: int, first: int) -> int:
    """Where the words before a quote at `first` start to count as reported words: past
    a reporting verb right before the quote ('In the end, Lee said, "..."': the opening
    phrase is an adjunct of the attribution, the quote its content), but not past a verb
    of the clause itself ('that if he wants our land, "come and take it"')."""
    lay = doc.layout
    o = lay.token_at(first) - 1  # the opening mark
    for t in range(o - 1, lay.token_at(start) - 1, -1):
        cue = doc.cue_at.get(t)
        if cue is not None and not cue.quoted and not cue.passive:
            if any(lay.lower[x] not in _CLAUSE_SKIP for x in range(cue.last, o)):
                return start  # 'if he wants our land, "..."': a verb of the clause
            return cue.end
    return start


def merge_mixed(doc: Document, quotes: list[Quote],
                frame_cues: dict[int, int] | None = None) -> list[Quote]:
    """Reported clauses holding quoted words become one quote each (see the module docstring).

    `quotes` is sorted by start.  An indirect quote overlapping direct ones is
    widened to cover them; it replaces them when it has at least two words of
    its own, and is dropped otherwise.  `frame_cues` maps a direct quote's start to
    the token of the cue its own frame found (see `_widen_embedded`).
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
        if all(id(direct[i]) in swallowed for i in inside):
            continue  # a clause inside a mixed quote already made of the same quoted words
        start = min(q.start, direct[inside[0]].start)
        end = max(q.end, direct[inside[-1]].end)
        if end == direct[inside[-1]].end:
            end = _past_closing_mark(doc.text, end)  # 'the budget "a fantasy"', mark included
        first = direct[inside[0]].start
        if _FRAME_END.search(doc.text, max(start, first - 8), first) and \
                _unquoted_words(doc, first, end) == 0 and (
                    doc.text[first:first + 1].isupper() or _unquoted_words(
                        doc, _frame_start(doc, start, first), first) <= _MAX_FRAME_WORDS):
            # 'told INA that "..."', 'said in a statement received by INA, "The ..."': the
            # words before the marks are the frame (addressee, adjuncts, "that", a comma)
            # of a quote that is a sentence of its own, not reported content; a fragment
            # after more words is ('said it is naive to think that if we leave, "we ..."').
            continue
        if _unquoted_words(doc, start, end) >= 1:
            swallowed.update(id(direct[i]) for i in inside)
            out.append(Quote(q.article_id, start, end, doc.text[start:end], "indirect", q.speaker,
                             q.cue, q.passage_position))
    out += _widen_embedded(doc, [q for q in direct if id(q) not in swallowed], out,
                           frame_cues or {})
    out += [q for q in quotes if q.kind not in ("direct", "indirect")]
    out.sort(key=lambda q: (q.start, -q.end))
    return out


# Words between a cue and its clause that are not yet the clause ("said Tuesday that").
_CLAUSE_SKIP = frozenset({"that", ",", "today", "yesterday", "tonight", "monday", "tuesday",
                          "wednesday", "thursday", "friday", "saturday", "sunday", "also",
                          "again", "later", "earlier", "recently", "repeatedly", "publicly"})
_CLAUSE_STOPS = frozenset({";", ":"})
_MAX_CLAUSE_TOKENS = 80  # looked at before and after a quote for its clause
# Words before quoted words that name a show, a book or a slogan, not a statement.
_TITLE_BEFORE = frozenset({"on", "in", "to", "with", "from", "of", "by", "at", "titled",
                           "entitled", "called", "dubbed", "named"})


def _widen_embedded(doc: Document, direct: list[Quote], others: list[Quote],
                    frame_cues: dict[int, int]) -> list[Quote]:
    """Direct quotes that are only part of the clause of their cue, widened to it.

    'said it was "resolutely opposed" to the test': the quoted words sit inside the
    reported clause of the cue that frames them, with words of the reporter's between
    the cue and the marks; the clause (from after the cue, its "that" and time words,
    to the end of the sentence, a semicolon or a new cue) is the mixed quote, kind
    "indirect" (`_embedded_clause`).  Likewise the reporter's words opening a sentence
    whose quote is attributed after it (`_clause_before`).  Left alone: the frame
    shapes ('told reporters, "..."', 'said: "..."', 'said in a statement that "..."'),
    a full sentence introduced by a comma ('said after the vote, "We ..."'), titles,
    pieces joined into one statement, and any widening that would run into a reported
    clause or another speaker's quote.  These clauses were not reported because the
    reported-clause finder did not take them (or its learned check refused them).
    """
    span_of = {sp.start: k for k, sp in enumerate(doc.spans)}
    direct_starts = [q.start for q in direct]
    busy = sorted((q.start, q.end) for q in others)
    busy_starts = [x for x, _ in busy]
    busy_reach = list(accumulate((y for _, y in busy), max))  # furthest end so far
    out: list[Quote] = []
    last_end = -1  # end of the last quote kept: a widened quote starts after it
    for i, q in enumerate(direct):
        if q.start < last_end:
            continue  # inside the clause widened before it
        k = span_of.get(q.start)
        widened = None
        if k is not None and q.cue:
            sp = doc.spans[k]
            if sp.closed and not sp.continues and q.end == sp.end:
                widened = _embedded_clause(doc, k, q.cue, frame_cues.get(q.start, -1)) or \
                    _clause_before(doc, k, q.cue)
        if widened is not None:
            a, b = widened
            j = bisect_left(busy_starts, b) - 1
            # never across a reported clause, the quote before, or another speaker's quote
            if a < last_end or j >= 0 and busy_reach[j] > a or any(
                    d.speaker != q.speaker
                    for d in direct[i + 1:bisect_left(direct_starts, b, i + 1)]):
                widened = None
        if widened is None:
            out.append(q)
            last_end = max(last_end, q.end)
            continue
        a, b = widened
        last_end = b
        out.append(Quote(q.article_id, a, b, doc.text[a:b], "indirect", q.speaker, q.cue,
                         q.passage_position))
    return out


def _clause_before(doc: Document, k: int, cue_text: str) -> tuple[int, int] | None:
    """(start, end) of a sentence whose reported clause opens with the reporter's words
    and ends in quote k, attributed after it: 'Cutting the tax "is a misguided
    approach," Lee said.'  The clause runs from the sentence start to the closing mark."""
    lay = doc.layout
    words, quoted = lay.words, lay.quoted
    sp = doc.spans[k]
    o = doc.open_tok[k]
    t = doc.after_tok[k]
    if t >= lay.n or lay.sent[t] != lay.sent[o]:
        return None
    if words[t] == ",":
        t += 1
    elif "," not in doc.text[sp.end:sp.after]:
        return None  # the attribution follows a comma: '"...," Lee said'
    cue = None
    for x in range(t, min(lay.n, t + 8)):
        if quoted[x] or lay.sent[x] != lay.sent[o]:
            break
        c = doc.cue_at.get(x)
        if c is not None:
            cue = c
            break
    if cue is None or cue.quoted or cue.passive or cue.text != cue_text:
        return None
    lo = doc.sentence_start(o)
    if k and doc.spans[k - 1].paragraph == sp.paragraph:
        lo = max(lo, doc.after_tok[k - 1])
    if o - lo > _MAX_CLAUSE_TOKENS or words[o - 1] in (":", "(") or \
            sum(1 for x in range(lo, o) if words[x][0].isalnum()) < 2:
        return None
    if any(x in doc.cue_at or quoted[x] for x in range(lo, o)):
        return None  # 'In Ohio, he said, "..."': the reporter's words hold an attribution
    if words[o - 1] == "," and not doc.text[sp.start:sp.start + 1].islower():
        return None  # 'After the vote, "We ...," he said': an adjunct, then the quote
    if lay.lower[o - 1] in _TITLE_BEFORE or lay.lower[o - 1].endswith(("'s", "’s")) or \
            _titled(doc.text[sp.start:sp.end]):
        return None  # 'Speaking on CBS's "Face the Nation," she said': a title
    return lay.starts[lo], sp.after


def _titled(text: str) -> bool:
    """Do the quoted words read as a title ("Face the Nation", "The Art of the Deal")?"""
    words = [w for w in text.split() if w[:1].isalpha()]
    return 0 < len(words) <= 8 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def _embedded_clause(doc: Document, k: int, cue_text: str,
                     cue_tok: int = -1) -> tuple[int, int] | None:
    """(start, end) of the reported clause holding quote k, framed by a cue written
    `cue_text` before it in its sentence, or by the cue at token `cue_tok` that the
    quote's own frame found (its subject unresolved, the speaker carried over from the
    quote before: 'He is predicting he will do "very well" there'), when words of the
    reporter's stand between the cue and the quote (see `_widen_embedded`)."""
    lay = doc.layout
    words, lw, quoted = lay.words, lay.lower, lay.quoted
    o = doc.open_tok[k]
    lo = doc.sentence_start(o)
    if k and doc.spans[k - 1].paragraph == doc.spans[k].paragraph:
        lo = max(lo, doc.after_tok[k - 1])
    cue = None
    for t in range(o - 1, max(lo, o - _MAX_CLAUSE_TOKENS) - 1, -1):
        if quoted[t] or words[t] in _CLAUSE_STOPS:
            break
        c = doc.cue_at.get(t)
        if c is not None and not c.quoted and not c.passive:
            if (c.text == cue_text or t == cue_tok) and c.form != "according":
                cue = c
            break
    if cue is None:
        return None
    first = cue.last
    for t in range(first, min(o, first + 12)):
        if lw[t] == "that":  # 'told a town hall in Salem that ...': the clause follows
            first = t + 1
            break
    while first < o and lw[first] in _CLAUSE_SKIP:
        first += 1
    if first >= o or not words[first][0].isalnum():
        return None  # 'said that "..."': the quote is the whole clause
    before = words[o - 1]
    if before == ":" or before in (",", "that") and (
            doc.text[doc.spans[k].start:doc.spans[k].start + 1].isupper()
            or _unquoted_words(doc, lay.starts[first], lay.starts[o]) <= _MAX_FRAME_WORDS):
        return None  # a frame: 'told reporters, "..."', 'said after the vote, "We ..."'
    t = doc.after_tok[k]
    end = min(doc.sentence_end(o), t + _MAX_CLAUSE_TOKENS)
    while t < end:
        if not quoted[t] and (words[t] in _CLAUSE_STOPS or words[t] == "," and t + 1 < end and (
                t + 1 in doc.cue_at and not quoted[t + 1])):
            break  # a semicolon, a colon, a new cue (', adding that')
        t += 1
    end = t
    while end > first and (words[end - 1] in ",.—–-" or words[end - 1] == ")" and not any(
            words[x] == "(" for x in range(first, end))) and not quoted[end - 1]:
        end -= 1
    if end <= first:
        return None
    b = max(lay.ends[end - 1], doc.spans[k].after if end <= doc.after_tok[k] else 0)
    return lay.starts[first], b
