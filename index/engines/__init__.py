"""BM25 behind one small interface, in two implementations that score identically.

- `bm25s` (default): precomputed per-term score columns in bm25s's on-disk format
  (CSC `.npy` arrays + JSON params), memory-mapped; a query sums a few columns.
- `rank-bm25`: the reference implementation (pure Python, slow), used to check
  the fast one and selectable with `--engine rank-bm25`.

The formula (both engines, see `FORMULA`) is BM25+ with delta = 0:

    score(d, q) = sum over query tokens t (repeats count) of
                  idf(t) * tf(t, d) * (k1 + 1) / (tf(t, d) + k1 * (1 - b + b * |d| / avgdl))
    idf(t)      = ln((N + 1) / df(t))

Why this variant: it is implemented by stock code in both libraries
(`rank_bm25.BM25Plus(delta=0)` and `bm25s.BM25(method="bm25+", delta=0)`), so the
reference really is a reference.  Its idf is positive for every term, so a query
for the dominant topic of a small archive ("Kirkuk" in a Kirkuk-only corpus) still
ranks the passages instead of scoring them 0 (Robertson's idf clamps at df > N/2)
or by a floor that depends on the whole vocabulary (rank-bm25's BM25Okapi epsilon
rule, which bm25s does not implement).  With delta = 0 a document that contains
no query token scores exactly 0, so "positive" means "matched something" and
top-k can skip the zeros.
"""

from __future__ import annotations

import json
import time
from abc import ABC, abstractmethod
from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar, Self

import numpy as np

from index.engines.corpus import CorpusBuilder, EncodedCorpus
from index.errors import ConfigError, IndexCorrupt

ENGINE_NAMES: tuple[str, ...] = ("bm25s", "rank-bm25")
DEFAULT_ENGINE = "bm25s"
# Recorded in every saved engine; a loader refuses any other value.
FORMULA = "bm25+ delta=0: idf=ln((N+1)/df), tf*(k1+1)/(tf+k1*(1-b+b*dl/avgdl))"
ENGINE_FILE = "engine.json"

_REBUILD = "rebuild with: python -m index build SOURCE --index DIR"


class BM25Engine(ABC):
    """A built BM25 index over n_docs documents, scoring token lists."""

    name: ClassVar[str]
    # Version of the library doing the scoring; readable on the class and on instances.
    library_version: ClassVar[str]

    def __init__(self, *, k1: float, b: float, n_docs: int) -> None:
        self.k1 = float(k1)
        self.b = float(b)
        self._n_docs = int(n_docs)

    @classmethod
    def build(
        cls, corpus_tokens: Sequence[Sequence[str]], k1: float = 1.5, b: float = 0.75
    ) -> Self:
        """Index the documents (one token list each); document i is row i of `scores`."""
        return cls.build_encoded(EncodedCorpus.from_tokens(corpus_tokens), k1=k1, b=b)

    @classmethod
    @abstractmethod
    def build_encoded(cls, corpus: EncodedCorpus, k1: float = 1.5, b: float = 0.75) -> Self:
        """`build` over a corpus of token ids (what a large build hands over: see corpus.py).
        Its vocabulary must be in order of first occurrence, as `EncodedCorpus` makes it."""

    @abstractmethod
    def save(self, directory: str | Path) -> None:
        """Write the index into `directory` (created if needed) in a safe, non-pickle format."""

    @classmethod
    @abstractmethod
    def load(cls, directory: str | Path) -> Self:
        """Open an index saved by `save`; IndexCorrupt when it is unreadable or foreign."""

    @abstractmethod
    def scores(self, query_tokens: Sequence[str]) -> np.ndarray:
        """float32 array of length n_docs; tokens not in the index add nothing."""

    def scores_of(self, query_tokens: Sequence[str], docs: np.ndarray) -> np.ndarray:
        """`scores(query_tokens)[docs]`: engines with posting lists answer a few
        documents without scoring the whole collection."""
        return self.scores(query_tokens)[np.asarray(docs, dtype=np.int64)]

    @abstractmethod
    def document_frequency(self, token: str) -> int:
        """How many documents hold the token (0 for an unknown token)."""

    @abstractmethod
    def tokens_with_prefix(self, prefix: str) -> list[str]:
        """The indexed tokens that start with `prefix` (itself included), in byte order."""

    @abstractmethod
    def documents_holding(self, token: str, docs: np.ndarray) -> np.ndarray:
        """bool per entry of `docs` (document indices): whether that document holds `token`."""

    def word_forms(self, token: str, *, min_chars: int = 4, max_extra: int = 3) -> list[str]:
        """`token` and the indexed tokens that are the same word in another form: one
        extends the other by at most `max_extra` characters and the shorter has at least
        `min_chars` ("syria" / "syrian", "vaccin" / "vaccine").  `token` comes first
        even when it is not indexed; the others follow in byte order."""
        forms = [token]
        if len(token) >= min_chars:
            forms += [
                u for u in self.tokens_with_prefix(token)
                if u != token and len(u) - len(token) <= max_extra
            ]
            for cut in range(1, max_extra + 1):
                shorter = token[:-cut]
                if len(shorter) >= min_chars and self.document_frequency(shorter) > 0:
                    forms.append(shorter)
        return forms

    def documents_holding_any(self, tokens: Sequence[str], docs: np.ndarray) -> np.ndarray:
        """bool per entry of `docs`: whether that document holds at least one of `tokens`.

        Answers from the index alone, without the documents' text: with `word_forms`,
        what a caller would otherwise learn by decoding and tokenizing each document.
        """
        docs = np.asarray(docs, dtype=np.int64)
        out = np.zeros(len(docs), dtype=bool)
        for token in tokens:
            out |= self.documents_holding(token, docs)
        return out

    @property
    def n_docs(self) -> int:
        return self._n_docs

    def describe(self) -> dict[str, Any]:
        """What a manifest should record about this engine."""
        return {
            "engine": self.name,
            "library_version": self.library_version,
            "formula": FORMULA,
            "k1": self.k1,
            "b": self.b,
            "n_docs": self.n_docs,
        }

    # -- helpers shared by the implementations ---------------------------------------

    def _write_engine_file(self, directory: Path) -> None:
        info = self.describe()
        info["saved"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        (directory / ENGINE_FILE).write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")

    @classmethod
    def _read_engine_file(cls, directory: Path) -> dict[str, Any]:
        info = read_engine_file(directory)
        if info.get("engine") != cls.name:
            raise IndexCorrupt(
                f"{directory} holds a {info.get('engine')!r} BM25 index, not {cls.name!r} — "
                f"load it with engine_class({info.get('engine')!r}) or {_REBUILD}"
            )
        return info


def read_engine_file(directory: str | Path) -> dict[str, Any]:
    """The engine.json of a saved engine, checked for the formula this code computes."""
    directory = Path(directory)
    path = directory / ENGINE_FILE
    try:
        info = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise IndexCorrupt(
            f"no BM25 index in {directory} ({ENGINE_FILE} is missing) — {_REBUILD}"
        ) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise IndexCorrupt(f"cannot read {path}: {exc} — {_REBUILD}") from None
    if not isinstance(info, dict):
        raise IndexCorrupt(f"{path} is not a JSON object — {_REBUILD}")
    if info.get("formula") != FORMULA:
        raise IndexCorrupt(
            f"the BM25 index in {directory} was built with formula {info.get('formula')!r}, "
            f"this quotedesk scores with {FORMULA!r} — {_REBUILD}"
        )
    return info


def engine_class(name: str) -> type[BM25Engine]:
    """The engine implementation called `name` ("bm25s" or "rank-bm25")."""
    if name == "bm25s":
        from index.engines.bm25s_engine import Bm25sEngine

        return Bm25sEngine
    if name == "rank-bm25":
        from index.engines.rank_bm25_engine import RankBm25Engine

        return RankBm25Engine
    raise ConfigError(f"unknown BM25 engine {name!r}; choose one of: {', '.join(ENGINE_NAMES)}")


def load_engine(directory: str | Path) -> BM25Engine:
    """Open a saved engine of whichever kind `directory` holds (per its engine.json)."""
    info = read_engine_file(directory)
    name = info.get("engine")
    if name not in ENGINE_NAMES:
        raise IndexCorrupt(f"{directory} holds an unknown BM25 engine {name!r} — {_REBUILD}")
    return engine_class(name).load(directory)


def top_k(
    scores: np.ndarray,
    k: int,
    mask: np.ndarray | Sequence[int] | None = None,
    *,
    positive_only: bool = True,
) -> tuple[np.ndarray, np.ndarray]:
    """The k best documents: (indices int64, scores float32), best first.

    Ties are broken by the lower index.  Only documents with a score > 0 are
    returned unless `positive_only=False`; fewer than k come back when fewer
    qualify.  `mask` restricts the candidates: a bool array of len(scores) or an
    array/sequence of document indices (duplicates ignored).

    Speed (NumPy 2.4, 1M float32 scores, 2,000 of them non-zero, k=10, this
    project's machine; tests/bench/engines_micro.py): `np.argpartition(scores, -k)`
    takes 40-70 ms on such a mostly-zero vector (3 ms on a dense one), while
    `np.argpartition(-scores, k - 1)` takes ~2-4 ms, `np.partition(-scores, k - 1)`
    ~2-3 ms and `np.flatnonzero(scores > 0)` ~0.5 ms, after which the few candidates
    are ranked in microseconds: top_k(scores, 10) ~0.5 ms.  So: take the positive
    candidates first, and select on the negated scores.
    """
    scores = np.asarray(scores)
    if scores.ndim != 1:
        raise ValueError(f"top_k needs a 1-d score array, got shape {scores.shape}")
    n = scores.shape[0]
    if k <= 0 or n == 0:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float32)

    candidates: np.ndarray | None  # ascending document indices, None = all
    if mask is None:
        candidates = np.flatnonzero(scores > 0) if positive_only else None
        if candidates is not None and k < candidates.size > n // 4:
            # Dense: selecting over the whole array beats gathering the candidates,
            # and with more than k positive scores the k-th best is positive anyway.
            candidates = None
    else:
        mask_array = np.asarray(mask)
        if mask_array.dtype == np.bool_:
            if mask_array.shape != scores.shape:
                raise ValueError(
                    f"a boolean mask must have one entry per document ({n}), got shape {mask_array.shape}"
                )
            candidates = np.flatnonzero(mask_array & (scores > 0) if positive_only else mask_array)
        else:
            if mask_array.size and not np.issubdtype(mask_array.dtype, np.integer):
                raise ValueError(
                    f"mask must be a bool array or document indices, got {mask_array.dtype}"
                )
            candidates = np.unique(mask_array.astype(np.int64, copy=False).ravel())
            if candidates.size and (candidates[0] < 0 or candidates[-1] >= n):
                raise ValueError(f"mask holds document indices outside 0..{n - 1}")
            if positive_only:
                candidates = candidates[scores[candidates] > 0]

    values = scores if candidates is None else scores[candidates]
    m = values.shape[0]
    if k < m:
        # The k-th best value; everything above it is in, ties at it fill up by index.
        threshold = -np.partition(-values, k - 1)[k - 1]
        above = np.flatnonzero(values > threshold)
        at = np.flatnonzero(values == threshold)[: k - above.size]
        chosen = np.concatenate([above, at])
    else:
        chosen = np.arange(m)
    # lexsort: last key is primary -> score descending, then position (= index) ascending
    chosen = chosen[np.lexsort((chosen, -values[chosen]))]
    indices = chosen if candidates is None else candidates[chosen]
    indices = indices.astype(np.int64, copy=False)
    return indices, scores[indices].astype(np.float32, copy=False)


__all__ = [
    "DEFAULT_ENGINE",
    "CorpusBuilder",
    "EncodedCorpus",
    "ENGINE_NAMES",
    "FORMULA",
    "BM25Engine",
    "engine_class",
    "load_engine",
    "read_engine_file",
    "top_k",
]
