"""Attribution frames: the cue and subject that introduce a quote.

For a direct quote the frame is looked for before the opening mark
("Al-Muhanna told INA: “...", "He added, "...", ", adding that "...") and after
the closing mark ('"...," said the spokesman ..., Major General X,' /
'"...," al-Khafaji told INA').  A quote that opens its sentence looks after
itself first; any other quote looks before itself first.
"""

from __future__ import annotations

from dataclasses import dataclass

from index.attribution.cues import Cue
from index.attribution.document import Document
from index.attribution.mentions import Group

_WINDOW = 60  # tokens searched before a quote for its cue
_POST_WINDOW = 16  # tokens searched after a quote


@dataclass(slots=True)
class Frame:
    """How a quote is attributed: `cue` text, and the subject group (None for a
    participle, whose speaker is the sentence's speaker)."""

    cue: str
    subject: Group | None
    cue_tok: int
    participle: bool = False
    statement: bool = False  # "said in a statement": the speaker issued a statement


def _in_statement(doc: Document, cue: Cue) -> bool:
    lw = doc.layout.lower
    return any(lw[k] == "statement" for k in range(cue.last, min(cue.last + 4, len(lw))))


def frame_for_cue(doc: Document, cue: Cue, lo: int) -> Frame | None:
    """The frame a cue makes, with its subject found no further left than token lo."""
    idx = doc.index
    lw = doc.layout.lower
    if cue.form == "according":
        g = idx.subject_after(cue.last)
        return Frame(cue.text, g, cue.first) if g else None
    if cue.form == "as_saying":
        for q in range(cue.first - 1, max(lo, cue.first - 12) - 1, -1):
            if lw[q] == "quoted":
                if q > 0 and lw[q - 1] in ("was", "were", "is", "being"):
                    g = idx.subject_before(q - 1, lo)
                else:
                    g = idx.subject_after(q + 1)
                return Frame(cue.text, g, cue.first) if g else None
        g = idx.subject_before(cue.first, lo)
        return Frame(cue.text, g, cue.first) if g else None
    if cue.passive:
        return None
    if cue.form == "participle":
        return Frame(cue.text, None, cue.first, participle=True)
    g = idx.subject_before(cue.first, lo)
    if g is None:
        return None
    return Frame(cue.text, g, cue.first, statement=_in_statement(doc, cue))


def _before(doc: Document, k: int, lo: int) -> Frame | None:
    """A frame between token lo and quote k's opening mark."""
    lay = doc.layout
    open_tok = doc.open_tok[k]
    for t in range(open_tok - 1, max(lo, open_tok - _WINDOW) - 1, -1):
        cue = doc.cue_at.get(t)
        if cue is not None and not cue.quoted:
            f = frame_for_cue(doc, cue, lo)
            if f is not None:
                return f
    # "Spokesman Yahya Rasool: "..." -- a colon with no verb
    if open_tok - 1 >= lo and lay.words[open_tok - 1] == ":":
        g = doc.index.subject_before(open_tok - 1, lo)
        if g is not None:
            return Frame(":", g, open_tok - 1)
    return None


def _after(doc: Document, k: int) -> Frame | None:
    """A frame right after quote k's closing mark.

    '"...," said the spokesman ..., Major General X' (inverted), '"...," al-Khafaji
    told INA', '"...," retired Air Force general Lloyd Newton said': the first
    cue in the few words after the quote, with its subject between the two.
    """
    lay, idx = doc.layout, doc.index
    if not doc.spans[k].closed:
        return None
    para = doc.spans[k].paragraph
    n = len(lay)
    t = doc.after_tok[k]
    while t < n and lay.words[t] == ",":
        t += 1
    if t >= n or lay.para[t] != para:
        return None
    cue = doc.cue_at.get(t)
    if cue is not None:
        if cue.passive:
            return None
        if cue.form == "according" or (cue.invertible and cue.form == "finite"):
            g = idx.subject_after(cue.last)
            if g is not None:
                return Frame(cue.text, g, t, statement=_in_statement(doc, cue))
        return None
    sent = lay.sent[t]
    for j in range(t + 1, min(n, t + _POST_WINDOW)):
        if lay.sent[j] != sent or lay.quoted[j] or lay.para[j] != para:
            return None
        cue = doc.cue_at.get(j)
        if cue is None:
            continue
        if cue.passive or cue.form != "finite":
            return None
        g = idx.subject_before(j, t)
        if g is None:
            return None
        return Frame(cue.text, g, j, statement=_in_statement(doc, cue))
    return None


def direct_frame(doc: Document, k: int) -> Frame | None:
    """The frame of direct quote k, or None when its sentence names no speaker."""
    lay = doc.layout
    open_tok = doc.open_tok[k]
    lo = doc.sentence_start(open_tok)
    if k and doc.spans[k - 1].paragraph == doc.spans[k].paragraph:
        lo = max(lo, doc.after_tok[k - 1])
    lo = max(lo, lay.paragraph_tokens(doc.spans[k].paragraph)[0])
    opens_sentence = all(not lay.words[t][0].isalnum() for t in range(lo, open_tok))
    if opens_sentence:
        return _after(doc, k) or _before(doc, k, lo)
    return _before(doc, k, lo) or _after(doc, k)
