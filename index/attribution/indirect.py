"""Indirect speech: the reported clause after a cue, in the speaker's sense, not words.

Recognised shapes (the content is what `Clause` covers):

- cue [object] [adjuncts] that CONTENT   "said in a statement received by INA that ..."
- participle that CONTENT                ", indicating that ..."
- say-verb CONTENT (no "that")           "Trump said he would ..."
- According to X, CONTENT / CONTENT, according to X
- quoted X as saying (that) CONTENT

The content runs to the end of the sentence, or to the next participial cue
(", adding that"), ", according to", a semicolon, or a new clause with its own
reporting verb (", while it stressed that").  It may hold a direct quote (a
mixed quote): the direct quote is reported on its own as well.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from index.attribution.cues import Cue
from index.attribution.document import Document
from index.attribution.frames import Frame, frame_for_cue
from index.attribution.mentions import INDEFINITE, PREPOSITIONS, word_set

_ADJUNCT_WORDS = word_set("""
    today yesterday tomorrow tonight monday tuesday wednesday thursday friday saturday
    sunday also again further earlier later recently previously repeatedly once publicly
    privately separately on
""")
_ADJUNCT_PREPOSITIONS = PREPOSITIONS | {"during", "following", "amid", "ahead", "upon", "via"}
_ADJUNCT_PARTICIPLES = word_set("""
    received attended held issued published carried broadcast posted released obtained
    seen sent delivered given made aired quoted reported cited
""")
_SUBJECT_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "there", "you"})
_AUX = word_set("""
    is are was were will would can could should must may might has have had did does do
    shall
""")
_SAY = frozenset({"said", "told", "added", "stated", "insisted", "argued", "claimed",
                  "warned", "wrote", "noted", "explained", "believed", "acknowledged",
                  "admitted", "predicted", "suggested", "asserted", "declared"})
_CLAUSE_CONJ = frozenset({"while", "whereas", "but", "and", "as"})
_MAX_CLAUSE = 200
_PAUSES = frozenset({",", '"', "”", "»"})
_MIN_WORDS = 3


@dataclass(slots=True)
class Clause:
    """Reported content: tokens [first, last), body[start:end], and its frame."""

    cue: Cue
    frame: Frame
    first: int
    last: int
    start: int
    end: int


def _skip_noun_phrase(doc: Document, j: int, limit: int) -> int:
    lay = doc.layout
    k = j
    while k < limit and k - j < 12:
        w = lay.words[k]
        lk = lay.lower[k]
        if lay.quoted[k] or lk == "that" or lk in _ADJUNCT_PREPOSITIONS and k > j:
            break
        if not w[0].isalnum() and w not in "()-":
            break
        if k in doc.cue_at and k > j:
            break
        k += 1
    return k


def _is_clause_start(doc: Document, j: int, limit: int) -> bool:
    """Does a clause with its own subject start at token j ('he would', 'the ministry will')?"""
    lay = doc.layout
    lw, words = lay.lower, lay.words
    if j >= limit or lay.quoted[j] or not words[j][0].isalnum():
        return False
    if lw[j] in _SUBJECT_PRONOUNS:
        return j + 1 < limit and words[j + 1][0].isalnum() and (j + 1) not in doc.cue_at
    if lw[j] in ("the", "a", "an", "this", "his", "its", "their", "our") or words[j][0].isupper():
        for k in range(j + 1, min(limit, j + 9)):
            if not words[k][0].isalnum() or lay.quoted[k] or k in doc.cue_at:
                return False
            if lw[k] in _AUX:
                return k > j
    return False


def _content_start(doc: Document, cue: Cue) -> int | None:
    """Where the reported clause after a finite or participial cue starts, if it has one."""
    lay = doc.layout
    lw, words = lay.lower, lay.words
    limit = doc.sentence_end(cue.first)
    j = cue.last
    # that-less reported clause: "said he would", "told reporters the plan was ready"
    if cue.form == "finite" and cue.lemma in _SAY and cue.first > 0 and \
            words[cue.first - 1] not in ",\"”" and not lay.quoted[cue.first - 1]:
        k = j
        if cue.takes_object and k < limit and (lw[k] in ("reporters", "journalists", "him",
                                                         "her", "them", "us") or
                                              words[k].isupper() and len(words[k]) > 1):
            k += 1
        if _is_clause_start(doc, k, limit):
            return k
    seen_object = False
    steps = 0
    while j < limit and steps < 30:
        steps += 1
        w = lw[j]
        if lay.quoted[j]:
            return None
        if w == "that":
            return j + 1 if j + 1 < limit else None
        if words[j] in ",()":
            j += 1
            continue
        if w in _ADJUNCT_WORDS:
            j += 1
            continue
        if w in _ADJUNCT_PREPOSITIONS or w in _ADJUNCT_PARTICIPLES:
            j = _skip_noun_phrase(doc, j + 1, limit)
            continue
        if cue.takes_object and not seen_object and words[j][0].isalnum() and w not in INDEFINITE:
            seen_object = True
            j = _skip_noun_phrase(doc, j, limit)
            continue
        return None
    return None


def clause_cuts(doc: Document) -> list[int]:
    """Sorted token indices where a reported clause must end (exclusive).

    A semicolon; a comma (or a closing mark) before a participial cue or
    "according to"; a comma before "while / and / but" and a new reporting verb.
    """
    lay = doc.layout
    words, lw, quoted = lay.words, lay.lower, lay.quoted
    cuts = [t for t, w in enumerate(words) if w == ";" and not quoted[t]]
    for cue in doc.cues:
        if cue.quoted or cue.passive:
            continue
        k = cue.first - 1
        if k < 0:
            continue
        if cue.form in ("participle", "according"):
            if words[k] == ",":
                cuts.append(k)
            elif quoted[k] and words[k] in _PAUSES:
                cuts.append(k + 1)  # keep the closing mark of a mixed quote
        for x in range(k, max(-1, k - 4), -1):
            if words[x] == "," and x + 1 < len(words) and lw[x + 1] in _CLAUSE_CONJ \
                    and not quoted[x + 1]:
                cuts.append(x)
                break
    cuts.sort()
    return cuts


def _content_end(doc: Document, j: int, cuts: list[int]) -> int:
    """End (exclusive token) of a reported clause starting at token j."""
    end = min(doc.sentence_end(j), j + _MAX_CLAUSE)
    k = bisect_right(cuts, j)
    if k < len(cuts) and cuts[k] < end:
        end = cuts[k]
    return end


def _trim(doc: Document, first: int, last: int) -> tuple[int, int] | None:
    """Character span of tokens [first, last) without trailing punctuation."""
    lay = doc.layout
    while last > first and lay.words[last - 1] in ",;:.—–-" and not lay.quoted[last - 1]:
        last -= 1
    if last <= first:
        return None
    words = sum(1 for t in range(first, last) if lay.words[t][0].isalnum())
    if words < _MIN_WORDS:
        return None
    return lay.starts[first], lay.ends[last - 1]


def _mostly_direct(doc: Document, first: int, last: int) -> bool:
    """True when the clause is a direct quote with at most one word before it."""
    lay = doc.layout
    before = 0
    for t in range(first, last):
        if lay.quoted[t]:
            return before < 2
        if lay.words[t][0].isalnum():
            before += 1
    return False


def _postposed(doc: Document, cue: Cue, lo: int) -> tuple[Frame, int, int] | None:
    """'CONTENT, a source said.': the cue and its subject close the sentence."""
    lay = doc.layout
    end = doc.sentence_end(cue.first)
    if end - cue.last > 8 or any(lay.quoted[t] for t in range(cue.last, end)):
        return None
    g = doc.index.subject_before(cue.first, lo)
    if g is None or g.first - 1 <= lo or lay.words[g.first - 1] != ",":
        return None
    comma = g.first - 1
    if any(t in doc.cue_at and not doc.cue_at[t].passive and not lay.quoted[t]
           for t in range(lo, comma)):
        return None  # the sentence has its own reporting verb
    return Frame(cue.text, g, cue.first), lo, comma


def find_clauses(doc: Document) -> list[Clause]:
    """Every indirect (or mixed) reported clause, in order."""
    lay = doc.layout
    clauses: list[Clause] = []
    cuts = clause_cuts(doc)
    busy_until = -1  # the content of the last clause: cues inside it do not start clauses
    for cue in doc.cues:
        if cue.quoted or cue.evaluative or cue.first < busy_until:
            continue  # a cue inside reported content (content ends before a new clause's cue)
        lo = doc.sentence_start(cue.first)
        first: int | None = None
        if cue.form == "according":
            frame = frame_for_cue(doc, cue, lo)
            if frame is None or frame.subject is None:
                continue
            after = frame.subject.last
            prefix = [t for t in range(lo, cue.first) if lay.words[t][0].isalnum()]
            if not prefix and after < len(lay) and lay.words[after] == ",":
                first, last = after + 1, _content_end(doc, after + 1, cuts)
            elif prefix and cue.first > 0 and lay.words[cue.first - 1] == ",":
                # "CONTENT, according to X": only when the sentence has no other speaker
                if any(c in doc.cue_at and not doc.cue_at[c].passive and not lay.quoted[c]
                       for c in range(lo, cue.first)):
                    continue
                first, last = lo, cue.first - 1
            else:
                continue
        else:
            if cue.passive and cue.form != "as_saying":
                continue
            if cue.form == "as_saying":
                j = cue.last
                first = j + 1 if j < len(lay) and lay.lower[j] == "that" else j
            else:
                first = _content_start(doc, cue)
            if first is None and cue.form == "finite":
                post = _postposed(doc, cue, lo)
                if post is None:
                    continue
                frame, first, last = post
            else:
                if first is None or first >= len(lay) or (
                        lay.quoted[first] and first in doc.span_at_open):
                    continue
                frame = frame_for_cue(doc, cue, lo)
                if frame is None:
                    continue
                last = _content_end(doc, first, cuts)
        if _mostly_direct(doc, first, last):
            continue
        span = _trim(doc, first, last)
        if span is None:
            continue
        clauses.append(Clause(cue, frame, first, last, span[0], span[1]))
        busy_until = max(busy_until, last)
    return clauses
