"""Article -> Passage*: one passage per paragraph, long paragraphs cut between sentences.

Every passage satisfies `article.body[p.start:p.end] == p.text`, and positions
run 0..n-1 in body order.  A passage never ends mid-sentence, except for a
"sentence" longer than `HARD_LIMIT_FACTOR * max_chars` (a paragraph without
punctuation, a pasted table): that one is cut at whitespace so that no passage
is unboundedly long.  Linear in the body length.
"""

from __future__ import annotations

import math
import re

from index.models import Article, Passage
from index.sentences import append_trimmed, sentence_spans

DEFAULT_MAX_CHARS = 700
# A single sentence may exceed max_chars (it stays whole) up to this many times.
HARD_LIMIT_FACTOR = 4

# A blank line (and any further blank lines) between paragraphs.
_BLANK_LINES = re.compile(r"\n\s*\n")


def paragraph_spans(body: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph of `body`: text between blank lines, whitespace trimmed.

    For a normalised body (paragraphs joined by "\\n\\n") these are exactly the
    paragraphs; any other text (a `quotes --raw` body) is handled the same way.
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _BLANK_LINES.finditer(body):
        append_trimmed(body, pos, m.start(), spans)
        pos = m.end()
    append_trimmed(body, pos, len(body), spans)
    return spans


def split_passages(article: Article, *, max_chars: int = DEFAULT_MAX_CHARS) -> list[Passage]:
    """The passages of `article`: paragraphs, long ones split on sentence boundaries."""
    if max_chars < 1:
        raise ValueError(f"max_chars must be positive, got {max_chars}")
    body = article.body
    pieces: list[tuple[int, int]] = []
    for start, end in paragraph_spans(body):
        if end - start <= max_chars:
            pieces.append((start, end))
        else:
            pieces.extend(_split_long(body, start, end, max_chars))
    return [
        Passage(article_id=article.id, position=i, start=a, end=b, text=body[a:b])
        for i, (a, b) in enumerate(pieces)
    ]


def _split_long(body: str, start: int, end: int, max_chars: int) -> list[tuple[int, int]]:
    """Consecutive sentence groups of about equal size, each at most max_chars when possible."""
    hard = max_chars * HARD_LIMIT_FACTOR
    sentences: list[tuple[int, int]] = []
    for a, b in sentence_spans(body, start, end):
        if b - a > hard:
            sentences.extend(_cut_at_whitespace(body, a, b, hard))
        else:
            sentences.append((a, b))
    # Aim at equal pieces so a 710-character paragraph does not leave a 10-character tail.
    target = math.ceil((end - start) / math.ceil((end - start) / max_chars))
    pieces: list[tuple[int, int]] = []
    piece_start, piece_end = sentences[0]
    for a, b in sentences[1:]:
        if piece_end - piece_start < target and b - piece_start <= max_chars:
            piece_end = b
        else:
            pieces.append((piece_start, piece_end))
            piece_start, piece_end = a, b
    pieces.append((piece_start, piece_end))
    return pieces


_SPACE_RUN = re.compile(r"\s+")


def _cut_at_whitespace(body: str, start: int, end: int, limit: int) -> list[tuple[int, int]]:
    """Cut body[start:end] into pieces of at most `limit` characters, at whitespace if any."""
    out: list[tuple[int, int]] = []
    a = start
    while end - a > limit:
        hi = a + limit
        # The last whitespace run in the second half of the window; a hard cut when none.
        cut = max(body.rfind(" ", a + limit // 2, hi + 1), body.rfind("\n", a + limit // 2, hi + 1))
        if cut <= a:
            out.append((a, hi))
            a = hi
            continue
        b = cut
        while b > a and body[b - 1].isspace():
            b -= 1
        out.append((a, b))
        m = _SPACE_RUN.match(body, cut)
        a = m.end() if m else cut
    if a < end:
        out.append((a, end))
    return out
