"""The article body as paragraphs, word/punctuation tokens and sentences.

Everything else in the package works on token indices into one `Layout`;
character offsets always index into the article body.  Built in linear time.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from itertools import accumulate, compress
from operator import ne

from index.sentences import ABBREVIATIONS

# Sentence-end punctuation, what may close a sentence after it, what may open one.
_TERMINAL_CHARS = frozenset(".!?…")

# Word lists of the attribution modules as bits, so that one pass over the tokens finds
# every word of every list (`Layout.codes`).  Modules register their lists at import with
# `register_words`, each under its own bit.
LEXICON: dict[str, int] = {}
_BITS_USED: list[int] = []


def register_words(words, bit: int) -> int:
    """Add `words` (lower case) to LEXICON under `bit`; returns the bit."""
    for w in words:
        LEXICON[w] = LEXICON.get(w, 0) | bit
    _BITS_USED.append(bit)
    return bit


TERMINAL_BIT = register_words(_TERMINAL_CHARS, 1 << 0)
SEMICOLON_BIT = register_words(";", 1 << 1)
_CLOSERS = frozenset("\"'”’)]»")
_OPENERS = frozenset("\"'“‘([«")
_LOWERCASE_ABBREVIATIONS = frozenset({"vs", "approx", "al"})
_BEFORE_NUMBERS = frozenset({"no", "nos", "vol", "fig", "art"})

# A word: a letter or digit, then word characters, apostrophes and inner hyphens
# ("Al-Muhanna", "Commander-in-Chief", "Ma'an", "region's").  Anything else that
# is not a space is a one-character punctuation token.
_TOKEN = re.compile(r"\w[\w'’]*(?:-\w[\w'’]*)*|\S")
# (possessive quantifiers: the same tokens, with no backtracking state kept)
_SPLIT_TOKENS = re.compile(r"(\w[\w'’]*+(?:-\w[\w'’]*+)*+|\S)")
# Runs of line breaks (with the spaces around them): a paragraph break when there are
# two or more, or when the line before ends a sentence and the next starts a paragraph.
_NO_BREAK_AFTER = frozenset(",;(-–—")
MAX_PARAGRAPH = 12_000
_SENTENCE_CUT = re.compile(r"[.!?…][\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")
_BREAK_BEFORE = frozenset("\"“‘'«([•*–—-")


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph, whitespace trimmed.

    Paragraphs are separated by blank lines, or by a single line break after a
    line that ends like a sentence and before one that starts like a paragraph
    (some sources put one line per paragraph; hard-wrapped lines end mid-sentence).
    """
    spans: list[tuple[int, int]] = []
    cursor = 0
    n = len(text)
    find = text.find
    i = find("\n")
    while i >= 0:
        # the run of line breaks and spaces around position i
        a = i
        while a > cursor and text[a - 1] in " \t\xa0":
            a -= 1
        b = i + 1
        breaks = 1
        while b < n and text[b].isspace():
            breaks += text[b] == "\n"
            b += 1
        if breaks < 2:
            before = text[a - 1] if a else " "
            after = text[b] if b < n else " "
            if before.isspace() or before.islower() or before in _NO_BREAK_AFTER \
                    or not (after.isupper() or after.isdigit() or after in _BREAK_BEFORE):
                i = find("\n", b)
                continue
        _add_trimmed(text, cursor, a, spans)
        cursor = b
        i = find("\n", b)
    _add_trimmed(text, cursor, n, spans)
    return spans


def readable_paragraphs(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The paragraphs worth reading, a very long one cut at its sentence ends.

    No news paragraph runs to MAX_PARAGRAPH characters; one that does is cut
    after a full stop (or ? !) followed by a capital, and a stretch with no
    such place (a megabyte of marks or of words with no full stop) is no prose
    and is left out: nothing in it is analysed, which keeps hostile input cheap.
    """
    if all(b - a <= MAX_PARAGRAPH for a, b in spans):
        return spans
    out: list[tuple[int, int]] = []
    for a, b in spans:
        while b - a > MAX_PARAGRAPH:
            cut = None
            for m in _SENTENCE_CUT.finditer(text, a + MAX_PARAGRAPH // 4, a + MAX_PARAGRAPH):
                cut = m.end()
            if cut is None:
                nxt = _SENTENCE_CUT.search(text, a + MAX_PARAGRAPH, b)
                a = nxt.end() if nxt else b  # an unreadable stretch: skipped
                continue
            _add_trimmed(text, a, cut, out)
            a = cut
        _add_trimmed(text, a, b, out)
    return out


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
                 "quoted", "sent", "sent_first", "sent_last", "_para_tok", "_caps", "_codes", "n")

    def __init__(self, text: str) -> None:
        self.text = text
        spans = paragraph_spans(text)
        self.paragraphs = readable_paragraphs(text, spans)
        if self.paragraphs is spans:
            words, starts, ends, para = self._tokenize_whole(text)
        else:
            words, starts, ends, para = self._tokenize_paragraphs(text)
        self.words = words
        self.ends = ends
        self.starts = starts
        self.lower = list(map(str.lower, words))
        self.n = n = len(words)
        self.para = para
        self.quoted = bytearray(n)
        self.sent = [0] * n
        self.sent_first: list[int] = []
        self.sent_last: list[int] = []
        self._caps: list[int] | None = None
        self._codes: tuple[list, list[int]] | None = None

    def _tokenize_whole(self, text: str) -> tuple[list[str], list[int], list[int], list[int]]:
        """Tokens of a text whose paragraphs cover every non-space character: one split of
        the whole text (gaps between paragraphs are spaces, so no token crosses one)."""
        # gap, token, gap, token, ..., gap: the offsets are running sums of the lengths
        parts = _SPLIT_TOKENS.split(text)
        offsets = list(accumulate(map(len, parts)))
        words = parts[1::2]
        starts = offsets[0:-1:2]
        ends = offsets[1::2]
        para: list[int] = []
        para_tok: list[tuple[int, int]] = []
        first = 0
        for p, (_, b) in enumerate(self.paragraphs):
            last = bisect_left(starts, b, first)
            para_tok.append((first, last))
            para += [p] * (last - first)
            first = last
        self._para_tok = para_tok
        return words, starts, ends, para

    def _tokenize_paragraphs(self, text: str) -> tuple[list[str], list[int], list[int], list[int]]:
        """Tokens of the readable paragraphs only (stretches of the text are skipped)."""
        words: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        para: list[int] = []
        self._para_tok = []
        split = _SPLIT_TOKENS.split
        for p, (a, b) in enumerate(self.paragraphs):
            parts = split(text[a:b])
            offsets = list(accumulate(map(len, parts), initial=a))
            first = len(words)
            words += parts[1::2]
            starts += offsets[1:-1:2]
            ends += offsets[2::2]
            self._para_tok.append((first, len(words)))
            para += [p] * (len(words) - first)
        return words, starts, ends, para

    def caps(self) -> list[int]:
        """Indices of the tokens holding a capital letter ("Trump", "al-Khafaji", "CNN")."""
        if self._caps is None:
            # (operator.ne: a plain C function, half the cost of the str.__ne__ wrapper)
            self._caps = list(compress(range(len(self.words)), map(ne, self.words, self.lower)))
        return self._caps

    def codes(self) -> tuple[list, list[int]]:
        """(the LEXICON bits of each token's lower-case form or None, indices with bits)."""
        found = self._codes
        if found is None:
            codes = list(map(LEXICON.get, self.lower))
            found = self._codes = (codes, list(compress(range(len(codes)), codes)))
        return found

    def having(self, bit: int) -> list[int]:
        """Indices of the tokens whose lower-case form carries `bit` in LEXICON."""
        codes, coded = self.codes()
        return [i for i in coded if codes[i] & bit]

    def __len__(self) -> int:
        return self.n

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
        """Sentence starts at token level (the rules of `index.sentences`, without a second
        pass over the text): after . ! ? … (and closing marks) and a space, before a word
        that can open a sentence, unless the full stop ends an abbreviation or an initial;
        never inside a quote region."""
        words, starts, ends, quoted = self.words, self.starts, self.ends, self.quoted
        n = len(words)
        first: list[int] = [self._para_tok[p][0] for p in range(len(self.paragraphs))
                            if self._para_tok[p][0] < self._para_tok[p][1]]
        terminals = self.having(TERMINAL_BIT)
        for t in terminals:
            if t + 1 < n and words[t + 1] in _TERMINAL_CHARS and ends[t] == starts[t + 1]:
                continue  # inside a run of dots: the last one decides
            u = t + 1
            while u < n and words[u] in _CLOSERS and starts[u] == ends[u - 1]:
                u += 1
            if u >= n or starts[u] == ends[u - 1] or self.para[u] != self.para[t]:
                continue
            if quoted[t] and quoted[u]:
                continue  # a full stop inside a quote does not end the frame sentence
            v = u
            while v + 1 < n and words[v] in _OPENERS and v - u < 3:
                v += 1
            c = words[v][0]
            if not (c.isupper() or c.isdigit()):
                continue
            if words[t] == "." and t and ends[t - 1] == starts[t] and self._abbreviation(t - 1):
                continue
            first.append(u)
        first = sorted(set(first))
        if not first or first[0] != 0:
            first.insert(0, 0)
        self._set_sentences(first)

    def _abbreviation(self, t: int) -> bool:
        """Does token t, right before a full stop, make it an abbreviation or initial?"""
        word = self.words[t].rsplit("-", 1)[-1]  # "then-Sen."
        if len(word) == 1:
            return word.isupper()  # an initial: "George W. Bush", "U.S."
        low = word.lower()
        if low not in ABBREVIATIONS:
            return False
        if low in _BEFORE_NUMBERS:
            u = t + 2
            return u < len(self.words) and self.words[u][0].isdigit()
        return word[0].isupper() or low in _LOWERCASE_ABBREVIATIONS

    def _set_sentences(self, first: list[int]) -> None:
        n = len(self.starts)
        if first and first[-1] >= n:
            first = [t for t in first if t < n] or [0]
        last = first[1:] + [n]
        sent: list[int] = []
        for sid, (a, b) in enumerate(zip(first, last, strict=True)):
            sent += [sid] * (b - a)
        self.sent = sent
        self.sent_first = first if n else []
        self.sent_last = last if n else []
