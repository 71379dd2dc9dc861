"""Speaker labels: transcript paragraphs ("WALLACE: Let's start ...") and a headline kept
in the body ("Cruz: Trump would ...").

A paragraph that opens with a speaker label in capitals and a colon is that
speaker's words, verbatim (an interview transcript): a direct quote of the
rest of the paragraph, run on over the unlabelled paragraphs up to the next
label (one turn, one quote; stage directions such as "(CROSSTALK)" end it).
A transcript printed as one long quote ('"WALLACE: ...' with a mark opening
every paragraph) is read the same way: those marks are the transcript's, not
quotes, and reported clauses inside a turn are the turn's speaker's words.

When the article's first paragraph is its headline (a raw text file) and reads
"Speaker: words", the words are the headline's summary of what the speaker
said: an indirect quote (a headline paraphrases).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.attribution.document import Document
from index.models import Quote

# "WALLACE:", "MR. TRUMP:", "SEN. KAINE:" -- capitals only, up to three words, maybe after
# the quotation mark that opens each paragraph of a transcript printed as one long quote
_LABEL = re.compile(r"([\"“]?)([A-Z][A-Z'’.-]*(?: [A-Z][A-Z'’.-]*){0,2}):[ \t\xa0]+(?=\S)")
# A paragraph of stage directions ("(CROSSTALK)", "[END VIDEO CLIP]", "...."): no one's words
_STAGE = re.compile(r"[\"“]?\s*(?:[(\[]|[.…]+\s*$)")
# A headline label: a short name or role ("Cruz", "Interior spokesman", "JOC")
_HEADLINE = re.compile(r"([^:\n]{2,60}?):[ \t]+(?=\S)")
_NOT_LABELS = frozenset({"UPDATE", "BREAKING", "VIDEO", "WATCH", "EXCLUSIVE", "NOTE", "PHOTO",
                         "PHOTOS", "CORRECTION", "EDITOR'S NOTE", "Q", "A", "UPDATED", "LIVE",
                         "READ MORE", "RELATED", "SOURCE", "SOURCES", "TRANSCRIPT",
                         "CLARIFICATION", "DISCLOSURE", "DISCLAIMER", "FULL TEXT", "MORE",
                         "ALSO", "SEE ALSO", "PREVIOUSLY", "LISTEN", "ADVERTISEMENT",
                         "TOP STORIES", "UPDATES", "CORRECTIONS",
                         # page furniture: bylines, contacts, teaser words
                         "BYLINE", "EMAIL", "E-MAIL", "CONTACT", "TWITTER", "DATELINE",
                         "SECTION", "LENGTH", "LOOK", "BOOM", "BUSTED", "WOW", "SHORT READS",
                         "STAT OF THE WEEK"})


@dataclass(slots=True)
class Labelled:
    """A paragraph's words attributed by a label: body[start:end] are the words."""

    label: str
    start: int
    end: int
    paragraph: int
    headline: bool = False
    marked: bool = False  # the paragraph opens with a quotation mark before the label


def labelled_paragraphs(doc: Document, title: str | None) -> list[Labelled]:
    """Transcript paragraphs, and the headline paragraph when the body starts with it."""
    text = doc.text
    out: list[Labelled] = []
    paras = doc.layout.paragraphs
    for p, (a, b) in enumerate(paras):
        m = _LABEL.match(text, a, b)
        if m and m.group(2).rstrip(".") not in _NOT_LABELS and any(
                c.isalpha() for c in m.group(2)) and len(m.group(2)) > 1:
            out.append(Labelled(m.group(2), m.end(), _trim_end(text, m.end(), b), p,
                                marked=bool(m.group(1))))
            continue
        if p == 0 and title and text[a:b].strip() == title.strip():
            h = _HEADLINE.match(text, a, b)
            if h and len(h.group(1).split()) <= 6 and not h.group(1)[:1].isdigit() and \
                    h.group(1).strip().upper() not in _NOT_LABELS:
                out.append(Labelled(h.group(1).strip(), h.end(), _trim_end(text, h.end(), b), p,
                                    headline=True))
    _continue_turns(text, paras, out)
    return out


def _continue_turns(text: str, paras: list[tuple[int, int]], labs: list[Labelled]) -> None:
    """A speaker's turn runs on over the unlabelled paragraphs after its label, up to the
    next label (a turn of several paragraphs is one quote), but not over stage directions
    nor past the transcript's last label (the article resumes there)."""
    turns = [lab for lab in labs if not lab.headline]
    for lab, nxt in zip(turns, turns[1:], strict=False):
        for p in range(lab.paragraph + 1, nxt.paragraph):
            a, b = paras[p]
            if _STAGE.match(text, a, b) or _LABEL.match(text, a, b):
                break
            lab.end = _trim_end(text, a, b)


def supersedes(lab: Labelled, quotes: list[Quote]) -> list[Quote] | None:
    """The quotes that stay when a transcript turn becomes its speaker's quote, or None
    when quotation marks already say who speaks there.

    In a transcript printed as one long quote (each paragraph opening with a mark), the
    marks are the transcript's, not quotes: spans running into or over the turn go.
    Reported clauses inside the turn ("I think ...", "Do you believe ...", "she thinks
    this is ...") are the turn's speaker's own words and go too."""
    inside = [q for q in quotes if q.start < lab.end and q.end > lab.start]
    if not inside:
        return quotes
    drop: set[int] = set()
    for q in inside:
        if lab.marked and q.kind == "direct" and (q.start <= lab.start or q.end > lab.end):
            drop.add(id(q))
    covered = sum(min(q.end, lab.end) - max(q.start, lab.start) for q in inside
                  if q.kind == "direct" and id(q) not in drop)
    if covered * 2 > lab.end - lab.start:
        return None
    for q in inside:
        if q.kind == "indirect" and q.start >= lab.start and q.end <= lab.end:
            drop.add(id(q))
    return [q for q in quotes if id(q) not in drop]


def _trim_end(text: str, a: int, b: int) -> int:
    while b > a and (text[b - 1].isspace() or text[b - 1] in ".,;"):
        b -= 1
    return b
