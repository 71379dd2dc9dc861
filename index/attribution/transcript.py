"""Speaker labels: transcript paragraphs ("WALLACE: Let's start ...") and a headline kept
in the body ("Cruz: Trump would ...").

A paragraph that opens with a speaker label in capitals and a colon is that
speaker's words, verbatim (an interview transcript): a direct quote of the
rest of the paragraph.  When the article's first paragraph is its headline
(a raw text file) and reads "Speaker: words", the words are the headline's
summary of what the speaker said: an indirect quote (a headline paraphrases).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.attribution.document import Document

# "WALLACE:", "MR. TRUMP:", "SEN. KAINE:" -- capitals only, up to three words
_LABEL = re.compile(r"([A-Z][A-Z'’.-]*(?: [A-Z][A-Z'’.-]*){0,2}):[ \t]+(?=\S)")
# A headline label: a short name or role ("Cruz", "Interior spokesman", "JOC")
_HEADLINE = re.compile(r"([^:\n]{2,60}?):[ \t]+(?=\S)")
_NOT_LABELS = frozenset({"UPDATE", "BREAKING", "VIDEO", "WATCH", "EXCLUSIVE", "NOTE", "PHOTO",
                         "PHOTOS", "CORRECTION", "EDITOR'S NOTE", "Q", "A", "UPDATED", "LIVE",
                         "READ MORE", "RELATED", "SOURCE", "SOURCES", "TRANSCRIPT"})


@dataclass(slots=True)
class Labelled:
    """A paragraph's words attributed by a label: body[start:end] are the words."""

    label: str
    start: int
    end: int
    paragraph: int
    headline: bool = False


def labelled_paragraphs(doc: Document, title: str | None) -> list[Labelled]:
    """Transcript paragraphs, and the headline paragraph when the body starts with it."""
    text = doc.text
    out: list[Labelled] = []
    for p, (a, b) in enumerate(doc.layout.paragraphs):
        m = _LABEL.match(text, a, b)
        if m and m.group(1).rstrip(".") not in _NOT_LABELS and any(
                c.isalpha() for c in m.group(1)) and len(m.group(1)) > 1:
            out.append(Labelled(m.group(1), m.end(), _trim_end(text, m.end(), b), p))
            continue
        if p == 0 and title and text[a:b].strip() == title.strip():
            h = _HEADLINE.match(text, a, b)
            if h and len(h.group(1).split()) <= 6 and not h.group(1)[:1].isdigit() and \
                    h.group(1).strip().upper() not in _NOT_LABELS:
                out.append(Labelled(h.group(1).strip(), h.end(), _trim_end(text, h.end(), b), p,
                                    headline=True))
    return out


def _trim_end(text: str, a: int, b: int) -> int:
    while b > a and (text[b - 1].isspace() or text[b - 1] in ".,;"):
        b -= 1
    return b
