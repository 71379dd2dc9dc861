"""Text -> BM25 tokens: lowercase Unicode words, English stopwords, Snowball stemming.

The same `Tokenizer` must tokenize the corpus at build time and the question at
search time, so its `settings()` go into the index manifest and a reader rebuilds
the tokenizer from them (`Tokenizer.from_settings`) or refuses the index.

Decisions, with the reason for each:

- Hyphens split words: "Al-Kadhimi" -> "al", "kadhimi"; "COVID-19" -> "covid", "19";
  "vice-president" -> "vice", "president".  Keeping a joined "al-kadhimi" token as
  well would only match the hyphenated spelling, double-count names against topic
  words and still miss "Al Kadhimi" written with a space.  Splitting gives every
  spelling the same token.
- The Arabic article "al" / "el" is a stopword, so "Al-Kadhimi", "al-Kadhimi",
  "Al Kadhimi" and "Kadhimi" all tokenize to "kadhimi" and a question that names
  only "Kadhimi" matches them all.  (The price: the given name "Al" is dropped too.)
- Apostrophes join: a possessive "'s" (or a trailing "'") is removed ("Iraq's" ->
  "iraq"), any other apostrophe is deleted, so transliterations match their
  apostrophe-free spellings: "Sa'ad" = "Saad", "Ba'ath" = "Baath", "Shi'ite" =
  "Shiite".  Contractions become "dont", "isnt", ... which are stopwords.  Curly and
  modifier apostrophes (’ ʼ ʿ ʾ ‘ ` ´) count as apostrophes.
- Digits are kept; "3.5" stays one token, "1,000" becomes "1000"; numbers are not
  stemmed.  Dates split: "26-01-2021" -> "26", "01", "2021".
- Dotted acronyms join: "U.N." -> "un", "U.S." -> "us", matching a typed "UN" / "US"
  ("us" is deliberately not a stopword).
- Accents and Arabic diacritics are folded (NFKD, combining marks dropped) so
  "Ḥakīm" = "Hakim"; text is case-folded.
- Stemming uses PyStemmer (Snowball); `stemmer="none"` disables it.

Speed: Python's `re` costs ~0.5 us per match, more than everything else together,
so the text is only lowercased and split on whitespace, hyphens, dashes, slashes
and colons (all in C), and each distinct chunk ("kirkuk," "muhanna's") goes
through the regex, normalising, stopwords and stemming once (`stemWords` over the
new words of a text) and is cached.  No token contains those separators, so this
equals running the regex over the whole text.  Afterwards a word costs one dict
lookup done by `map` in C.
Measured on this project's machine, one core: real news paragraphs (PolNeAR)
take ~300 ns per word once their chunks are cached (~18 us per 60-word passage)
and ~10 us more per new distinct chunk, so 1M passages take ~25-30 s; the
synthetic worst case of `_bench()` (`python -m index.tokenize 1000000`: Zipf
over 300k words, 1.06M distinct chunks) takes ~50 s.
"""

from __future__ import annotations

import gc
import hashlib
import re
import threading
import unicodedata
from collections.abc import Iterable
from typing import Any

import Stemmer

from index.errors import ConfigError, IndexCorrupt

# Bump when a change to this module changes the tokens produced for some text:
# readers refuse an index whose manifest records another version.
TOKENIZER_VERSION = 1

_APOSTROPHES = "'\u2019\u2018\u02bc\u02bf\u02be`\u00b4"
# Combining marks that may follow letters in decomposed text (Latin accents,
# Arabic harakat); they are part of the word and folded away afterwards.
_MARKS = "\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670"
_TOKEN_RE = re.compile(
    r"\d+(?:[.,]\d+)+"  # 3.5  1,000  2.5.1
    r"|(?:[^\W\d_]\.){2,}"  # u.s.  u.n.  j.r.r.  (dotted acronym)
    rf"|[\w{_APOSTROPHES}{_MARKS}]+"
)
_APOSTROPHE_TABLE = str.maketrans("", "", _APOSTROPHES)
_has_apostrophe = re.compile(f"[{_APOSTROPHES}]").search
_MAX_TOKEN_CHARS = 64  # longer "words" are URLs, hashes or junk
_MAX_CACHE = 2_000_000  # distinct chunks kept; the cache is emptied beyond this

# English stopwords: the usual function words (close to the NLTK / Snowball list),
# their apostrophe-free contractions (see above), and the Arabic article al / el.
_STOPWORDS_EN_TEXT = """
    a about above after again against all am an and any are as at be because been
    before being below between both but by can could did do does doing down during
    each few for from further had has have having he her here hers herself him
    himself his how i if in into is it its itself just me more most my myself no nor
    not now of off on once only or other ought our ours ourselves out over own same
    she should so some such than that the their theirs them themselves then there
    these they this those through to too under until up very was we were what when
    where which while who whom why will with would you your yours yourself
    yourselves
    arent cant couldnt didnt doesnt dont hadnt hasnt havent isnt mustnt neednt
    shant shouldnt wasnt werent wont wouldnt
    im ive youre youve youll youd theyre theyve theyll theyd weve
    thats theres heres whats whos wheres whens whys hows lets
    al el
"""
STOPWORDS_EN: frozenset[str] = frozenset(_STOPWORDS_EN_TEXT.split())

STEMMERS: tuple[str, ...] = (*sorted(Stemmer.algorithms()), "none")
STOPWORD_LISTS: dict[str, frozenset[str]] = {"en": STOPWORDS_EN, "none": frozenset()}


def _digest(words: Iterable[str]) -> str:
    return hashlib.sha1("\n".join(sorted(words)).encode()).hexdigest()[:12]


class Tokenizer:
    """Turns text into BM25 tokens; one instance is cheap to call many times, from any thread."""

    def __init__(
        self,
        stemmer: str = "english",
        stopwords: str = "en",
        *,
        version: int | None = None,
        stopwords_digest: str | None = None,
    ) -> None:
        """`stemmer`: a PyStemmer algorithm or "none"; `stopwords`: "en" or "none".

        `version` and `stopwords_digest` are for `Tokenizer(**settings)` with settings
        read back from an index: when given and not what this code produces,
        IndexCorrupt says the index needs a rebuild.
        """
        if stemmer not in STEMMERS:
            raise ConfigError(
                f"stemmer {stemmer!r} is not known; use one of: {', '.join(STEMMERS)}"
            )
        if stopwords not in STOPWORD_LISTS:
            raise ConfigError(
                f"stopwords {stopwords!r} is not known; use one of: {', '.join(STOPWORD_LISTS)}"
            )
        if version is not None and version != TOKENIZER_VERSION:
            raise IndexCorrupt(
                f"the index was tokenized by tokenizer version {version!r}, this quotedesk has "
                f"version {TOKENIZER_VERSION} — rebuild it with: python -m index build SOURCE --index DIR"
            )
        digest = _digest(STOPWORD_LISTS[stopwords])
        if stopwords_digest is not None and stopwords_digest != digest:
            raise IndexCorrupt(
                f"the index was built with another {stopwords!r} stopword list — "
                "rebuild it with: python -m index build SOURCE --index DIR"
            )
        self.stemmer_name = stemmer
        self.stopwords_name = stopwords
        self._stopwords = STOPWORD_LISTS[stopwords]
        self._stemmer = None if stemmer == "none" else Stemmer.Stemmer(stemmer)
        # Cache: lowercased whitespace-free chunk of text -> its tokens.  Nearly every
        # chunk has one token or none ("" here), so tokenizing a text is one C-level
        # `filter(None, map(single.__getitem__, chunks))`; the rare chunks with two or
        # more tokens ("snake_case", "www.example.com") live in `_multi`.
        self._single: dict[str, str] = {}
        self._multi: dict[str, tuple[str, ...]] = {}
        self._lock = threading.Lock()

    # ------------------------------------------------------------------ settings

    def settings(self) -> dict[str, Any]:
        """What determines the tokens; stored in the manifest and compared on load."""
        return {
            "version": TOKENIZER_VERSION,
            "stemmer": self.stemmer_name,
            "stopwords": self.stopwords_name,
            "stopwords_digest": _digest(self._stopwords),
        }

    @classmethod
    def from_settings(cls, settings: dict[str, Any]) -> Tokenizer:
        """The tokenizer an index was built with (its manifest's `settings()`), or
        IndexCorrupt when this code cannot tokenize the same way."""
        if not isinstance(settings, dict):
            raise IndexCorrupt(
                f"the index records tokenizer settings {settings!r}, not an object — "
                "rebuild it with: python -m index build SOURCE --index DIR"
            )
        try:
            tokenizer = cls(**settings)
        except (TypeError, ConfigError) as exc:
            raise IndexCorrupt(
                f"the index records tokenizer settings {settings!r} this quotedesk cannot use "
                f"({exc}) — rebuild it with: python -m index build SOURCE --index DIR"
            ) from None
        return tokenizer

    # ------------------------------------------------------------------ tokenizing

    def tokenize(self, text: str) -> list[str]:
        """The BM25 tokens of one text, in order (stopwords removed, stemmed)."""
        chunks = _chunks(text)
        try:
            return list(filter(None, map(self._single.__getitem__, chunks)))
        except KeyError:
            return self._tokenize_slow(chunks)

    def tokenize_many(self, texts: Iterable[str]) -> list[list[str]]:
        """`tokenize` over many texts (the list of their token lists, in order)."""
        single = self._single.__getitem__
        out: list[list[str]] = []
        append = out.append
        # Millions of new lists would trigger the cyclic GC over and over, scanning
        # every list made so far (~20% of the time); none of them can form a cycle.
        # (Learning the new chunks of many texts at once was measured: 20% slower.)
        gc_was_enabled = gc.isenabled()
        gc.disable()
        try:
            for text in texts:
                chunks = _chunks(text)
                try:
                    append(list(filter(None, map(single, chunks))))
                except KeyError:
                    append(self._tokenize_slow(chunks))
                    single = self._single.__getitem__  # the cache may have been replaced
        finally:
            if gc_was_enabled:
                gc.enable()
        return out

    def _tokenize_slow(self, chunks: list[str]) -> list[str]:
        """Learn the unknown chunks of one text, then map it."""
        return _map_known(chunks, *self._ensure(set(chunks)))

    def _ensure(self, chunks: set[str]) -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
        """Learn whichever chunks the cache lacks; returns the cache dicts that hold them
        all (the cache may be replaced by a fresh one when full, concurrently too)."""
        with self._lock:  # the fast path only reads; learning happens under the lock
            if len(self._single) + len(self._multi) > _MAX_CACHE:
                self._single, self._multi = {}, {}  # readers keep the old dicts meanwhile
            missing = chunks.difference(self._single)
            if missing and self._multi:
                missing.difference_update(self._multi)
            if missing:
                self._learn(missing)
            return self._single, self._multi

    def _learn(self, chunks: Iterable[str]) -> None:
        """Tokenize new chunks (regex, normalise, stopwords, stem) into the cache."""
        pending: list[tuple[str, list[str]]] = []  # chunk -> its normalised words
        to_stem: set[str] = set()
        add = to_stem.add
        stopwords = self._stopwords
        for chunk in chunks:
            if chunk.isascii() and chunk.isalnum():  # most chunks: a plain word or number
                if chunk in stopwords or len(chunk) > _MAX_TOKEN_CHARS:
                    pending.append((chunk, []))
                    continue
                words = [chunk]
            else:
                words = [
                    word for raw in _TOKEN_RE.findall(chunk) for word in _normalise(raw, stopwords)
                ]
            pending.append((chunk, words))
            for word in words:
                if not word[0].isdigit():
                    add(word)
        stems: dict[str, str]
        if self._stemmer is None or not to_stem:
            stems = {}
        else:
            unique = list(to_stem)
            stems = dict(zip(unique, self._stemmer.stemWords(unique), strict=True))
        single, multi = self._single, self._multi
        for chunk, words in pending:
            if not words:
                single[chunk] = ""
            elif len(words) == 1:
                single[chunk] = stems.get(words[0], words[0])
            else:
                multi[chunk] = tuple(stems.get(w, w) for w in words)


def _map_known(
    chunks: list[str], single: dict[str, str], multi: dict[str, tuple[str, ...]]
) -> list[str]:
    """The tokens of chunks that are all in the cache."""
    try:
        return list(filter(None, map(single.__getitem__, chunks)))
    except KeyError:  # some chunk has two or more tokens
        out: list[str] = []
        for chunk in chunks:
            token = single.get(chunk)
            if token is None:
                out.extend(multi[chunk])
            elif token:
                out.append(token)
        return out


def _chunks(text: str) -> list[str]:
    """Lowercased whitespace-separated chunks, split at the separators most often
    found inside them (hyphens, dashes, slashes, colons: never part of a token) so
    that nearly every chunk is one token or none."""
    return (
        text.lower()
        .replace("-", " ")
        .replace("\u2014", " ")
        .replace("\u2013", " ")
        .replace("/", " ")
        .replace(":", " ")
        .split()
    )


def _fold(word: str) -> str:
    """Case-fold and strip accents / diacritics (only non-ASCII words pay for this)."""
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _normalise(raw: str, stopwords: frozenset[str]) -> list[str]:
    """One raw regex match -> the words it stands for, before stemming."""
    first = raw[0]
    if first.isdigit() and ("." in raw or "," in raw):
        return [raw.replace(",", "")]  # a number: 3.5, 1,000
    if "." in raw:
        raw = raw.replace(".", "")  # a dotted acronym: u.s. -> us
    words: list[str] = []
    for part in raw.split("_") if "_" in raw else (raw,):
        part = part.lstrip(_APOSTROPHES)
        if len(part) > 2 and part[-1] == "s" and part[-2] in _APOSTROPHES:
            part = part[:-2]  # possessive: iraq's -> iraq
        part = part.rstrip(_APOSTROPHES)
        if _has_apostrophe(part):
            part = part.translate(_APOSTROPHE_TABLE)
        part = _fold(part)
        if part and len(part) <= _MAX_TOKEN_CHARS and part not in stopwords:
            words.append(part)
    return words


def _bench(n_texts: int = 200_000, words_per_text: int = 60) -> None:  # pragma: no cover
    """Time tokenize_many on synthetic news-like text: `python -m index.tokenize [N]`.

    Words follow a Zipf law over a 300k vocabulary (function words on top, names
    and rare words in the tail); ~12% of chunks carry punctuation, ~10% are
    capitalised, a few are hyphenated or possessive.
    """
    import time

    import numpy as np

    rng = np.random.default_rng(7)
    head_text = (
        "the of to and a in that said is for on was with he it as at by from his be "
        "have has are not which this but they who were been will more an their "
        "ministry spokesman security forces government minister interior official "
        "statement baghdad kirkuk mosul basra attack parliament elections oil prices"
    )
    head = head_text.split()
    vocab = head + [f"w{i}x" for i in range(300_000 - len(head))]
    variants = [
        lambda w: w,
        lambda w: w + ",",
        lambda w: w + ".",
        lambda w: w.capitalize(),
        lambda w: "Al-" + w.capitalize(),
        lambda w: w + "'s",
        lambda w: '"' + w,
    ]
    variant_p = [0.78, 0.07, 0.05, 0.06, 0.01, 0.02, 0.01]
    ranks = np.arange(1, len(vocab) + 1)
    p = 1.0 / ranks
    p /= p.sum()
    ids = rng.choice(len(vocab), size=n_texts * words_per_text, p=p)
    kinds = rng.choice(len(variants), size=ids.size, p=variant_p)
    words = [variants[k](vocab[i]) for i, k in zip(ids.tolist(), kinds.tolist(), strict=True)]
    texts = [" ".join(words[j : j + words_per_text]) for j in range(0, len(words), words_per_text)]
    del words
    tokenizer = Tokenizer()
    start = time.perf_counter()
    tokens = tokenizer.tokenize_many(texts)
    elapsed = time.perf_counter() - start
    n_tokens = sum(map(len, tokens))
    print(
        f"{n_texts} texts x {words_per_text} words ({n_tokens} tokens, "
        f"{len(tokenizer._single) + len(tokenizer._multi)} distinct chunks): {elapsed:.2f} s = "
        f"{elapsed / n_texts * 1e6:.1f} us/text"
    )


if __name__ == "__main__":  # pragma: no cover
    import sys

    _bench(int(sys.argv[1]) if len(sys.argv) > 1 else 200_000)
