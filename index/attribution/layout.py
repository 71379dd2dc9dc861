"""The article body as paragraphs, word/punctuation tokens and sentences.

Everything else in the package works on token indices into one `Layout`;
character offsets always index into the article body.  Built in linear time.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from index.sentences import sentence_spans

# A word: a letter or digit, then word characters, apostrophes and inner hyphens
# ("Al-Muhanna", "Commander-in-Chief", "Ma'an", "region's").  Anything else that
# is not a space is a one-character punctuation token.
_TOKEN = re.compile(r"\w[\w'’]*(?:-\w[\w'’]*)*|\S")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph (blank-line separated), whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    cursor = 0
    for m in _PARAGRAPH_BREAK.finditer(text):
        _add_trimmed(text, cursor, m.start(), spans)
        cursor = m.end()
    _add_trimmed(text, cursor, len(text), spans)
    return spans


def _add_trimmed(text: str, a: int, b: int, out: list[tuple[int, int]]) -> None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if b > a:
        out.append((a, b))


class Layout:
    """Paragraphs, tokens and (after `set_quotes`) sentences of one text.

    Token i covers text[starts[i]:ends[i]]; `lower[i]` is its lower-cased
    form; `para[i]` its paragraph; `quoted[i]` is 1 when it lies inside a
    direct quote (marks included); `sent[i]` its sentence number.
    """

    __slots__ = ("text", "paragraphs", "starts", "ends", "words", "lower", "para",
                 "quoted", "sent", "sent_first", "sent_last", "_para_tok")

    def __init__(self, text: str) -> None:
        self.text = text
        self.paragraphs = paragraph_spans(text)
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.words: list[str] = []
        self.para: list[int] = []
        self._para_tok: list[tuple[int, int]] = []
        for p, (a, b) in enumerate(self.paragraphs):
            first = len(self.starts)
            words = _TOKEN.findall(text, a, b)
            pos = a
            find = text.find
            starts = self.starts
            for word in words:
                pos = find(word, pos)
                starts.append(pos)
                pos += len(word)
            self.words += words
            self.para += [p] * len(words)
            self._para_tok.append((first, len(self.starts)))
        self.ends = [a + len(w) for a, w in zip(self.starts, self.words, strict=True)]
        self.lower = [w.lower() for w in self.words]
        self.quoted = bytearray(len(self.starts))
        self.sent = [0] * len(self.starts)
        self.sent_first: list[int] = []
        self.sent_last: list[int] = []

    def __len__(self) -> int:
        return len(self.starts)

    def paragraph_tokens(self, p: int) -> tuple[int, int]:
        """Token range [first, last) of paragraph p."""
        return self._para_tok[p]

    def token_at(self, offset: int) -> int:
        """Index of the first token starting at or after `offset`."""
        return bisect_right(self.starts, offset - 1)

    def set_quotes(self, regions: Sequence[tuple[int, int]]) -> None:
        """Mark tokens inside the sorted, non-overlapping char regions [a, b) as quoted,
        then split sentences so that no sentence boundary falls inside a region."""
        for a, b in regions:
            i, j = self.token_at(a), self.token_at(b)
            if j > i:
                self.quoted[i:j] = b"\x01" * (j - i)
        self._split_sentences(regions)

    def _split_sentences(self, regions: Sequence[tuple[int, int]]) -> None:
        bounds: list[int] = []  # char offsets where a new sentence starts
        r = 0
        for a, b in self.paragraphs:
            bounds.append(a)
            for s, _ in sentence_spans(self.text, a, b)[1:]:
                while r < len(regions) and regions[r][1] <= s:
                    r += 1
                if r < len(regions) and regions[r][0] < s < regions[r][1]:
                    continue  # a full stop inside a quote does not end the frame sentence
                bounds.append(s)
        first: list[int] = []
        for b in bounds:
            t = self.token_at(b)
            if t < len(self.starts) and (not first or t > first[-1]):
                first.append(t)
        if not first or first[0] != 0:
            first.insert(0, 0)
        n = len(self.starts)
        last = first[1:] + [n]
        sent: list[int] = []
        for sid, (a, b) in enumerate(zip(first, last, strict=True)):
            sent += [sid] * (b - a)
        self.sent = sent
        self.sent_first = first if n else []
        self.sent_last = last if n else []
