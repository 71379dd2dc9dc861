"""The fast engine: bm25s's eager score matrix, saved in bm25s's format, memory-mapped.

bm25s precomputes, for every (term, document) pair, the term's BM25 contribution
and stores them as a CSC matrix: for term id t, rows `indices[indptr[t]:indptr[t+1]]`
with scores `data[...]`.  A query is then the sum of a few columns.

- Build: the same arrays `bm25s.BM25(method="bm25+", delta=0).index()` produces
  (tests/test_engines.py checks this), computed with vectorised NumPy instead of
  bm25s's per-document Python loop: about 10x faster (bm25s's loop takes ~65 s per
  1M short documents here), and the vocabulary ids follow first occurrence, so a
  rebuild over the same corpus writes the same files.
- Save / load: `bm25s.BM25.save` and `bm25s.BM25.load(..., mmap=True)`: `.npy`
  arrays paged in lazily by the OS, plus `params.index.json` (k1, b, method,
  version) and `vocab.index.json`; our `engine.json` records the formula.
- Vocabulary: bm25s keeps token -> id in a JSON dict; parsing it is most of a load
  (0.5 s for a 600k-token vocabulary here) and costs every bot process ~60 MB.  So
  `save` also writes the vocabulary sorted by UTF-8 bytes (`sorted_vocab.bin`: the
  tokens concatenated, `sorted_vocab_offsets.npy`, `sorted_vocab_ids.npy`), `load`
  memory-maps it (`bm25s.BM25.load(..., load_vocab=False)`) and a query token is found
  by binary search (~20 probes, microseconds).  vocab.index.json stays, so the
  directory remains a complete bm25s index.
- Scoring: our own column sums over the CSC arrays with `np.add.at`, which is what
  bm25s's `get_scores` does too, minus its per-call overhead (token ids list,
  checks).  Measured with NumPy 2.4 on this project's machine (1M documents of ~60
  tokens, 1-5 token queries; tests/bench/engines_micro.py): `np.add.at` p50 3.0 ms /
  p95 10 ms, the fancy-index `out[rows] += col` 8.5 / 25 ms (it gathers, adds and
  scatters), `np.bincount` over the concatenated columns 8.0 / 23 ms.  (ufunc.at was
  slow before NumPy 1.25; it no longer is.)
"""

from __future__ import annotations

import mmap
import os
from collections.abc import Sequence
from itertools import chain
from pathlib import Path
from typing import Any, Self

import bm25s
import numpy as np

from index.engines import _REBUILD, BM25Engine
from index.errors import IndexCorrupt

_METHOD = "bm25+"
_DELTA = 0.0


class Bm25sEngine(BM25Engine):
    """BM25 over bm25s's precomputed CSC score matrix."""

    name = "bm25s"
    library_version = bm25s.__version__

    def __init__(
        self,
        retriever: bm25s.BM25,
        vocab: dict[str, int] | SortedVocabulary,
        *,
        k1: float,
        b: float,
        n_docs: int,
    ) -> None:
        super().__init__(k1=k1, b=b, n_docs=n_docs)
        self._retriever = retriever
        self._vocab = vocab
        # Plain ndarray views of the (possibly memory-mapped) arrays: indexing a
        # np.memmap subclass costs extra wrapping on every slice.
        self._data = np.asarray(retriever.scores["data"])
        self._indices = np.asarray(retriever.scores["indices"])
        self._indptr = np.asarray(retriever.scores["indptr"])

    @property
    def vocabulary_size(self) -> int:
        return len(self._indptr) - 1

    # ------------------------------------------------------------------ build

    @classmethod
    def build(
        cls, corpus_tokens: Sequence[Sequence[str]], k1: float = 1.5, b: float = 0.75
    ) -> Self:
        data, indices, indptr, vocab = score_matrix(corpus_tokens, k1=k1, b=b)
        n_docs = len(corpus_tokens)
        retriever = bm25s.BM25(
            k1=k1, b=b, delta=_DELTA, method=_METHOD, dtype="float32", int_dtype="int32"
        )
        retriever.scores = {"data": data, "indices": indices, "indptr": indptr, "num_docs": n_docs}
        retriever.vocab_dict = vocab
        retriever.unique_token_ids_set = set(vocab.values())
        # bm25+ adds idf * delta for absent terms; with delta = 0 that is all zeros.
        retriever.nonoccurrence_array = np.zeros(len(vocab), dtype=np.float32)
        return cls(retriever, vocab, k1=k1, b=b, n_docs=n_docs)

    # ------------------------------------------------------------------ save / load

    def save(self, directory: str | Path) -> None:
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        self._retriever.save(directory, show_progress=False)
        SortedVocabulary.save(directory, self._retriever.vocab_dict)
        self._write_engine_file(directory)

    @classmethod
    def load(cls, directory: str | Path) -> Self:
        directory = Path(directory)
        cls._read_engine_file(directory)
        try:
            retriever = bm25s.BM25.load(
                directory, mmap=True, load_corpus=False, load_vocab=False, show_progress=False
            )
            vocab = SortedVocabulary.open(directory)
        except FileNotFoundError as exc:
            missing = Path(exc.filename).name if exc.filename else exc
            raise IndexCorrupt(
                f"BM25 index in {directory} is incomplete ({missing} is missing) — {_REBUILD}"
            ) from None
        except (OSError, ValueError, TypeError) as exc:
            raise IndexCorrupt(
                f"cannot read the BM25 index in {directory}: {exc} — {_REBUILD}"
            ) from None
        params: dict[str, Any] = {
            "method": retriever.method,
            "idf_method": retriever.idf_method,
            "delta": retriever.delta,
        }
        if params != {"method": _METHOD, "idf_method": _METHOD, "delta": _DELTA}:
            raise IndexCorrupt(
                f"the bm25s index in {directory} uses {params}, "
                f"not method={_METHOD!r} delta={_DELTA} — {_REBUILD}"
            )
        scores = retriever.scores
        n_docs = scores["num_docs"]
        indptr = scores["indptr"]
        if (
            not isinstance(n_docs, int)
            or len(indptr) < 1
            or len(scores["data"]) != len(scores["indices"])
            or int(indptr[-1]) != len(scores["data"])
            or len(vocab) != len(indptr) - 1
        ):
            raise IndexCorrupt(f"the bm25s arrays in {directory} do not fit together — {_REBUILD}")
        return cls(retriever, vocab, k1=retriever.k1, b=retriever.b, n_docs=n_docs)

    # ------------------------------------------------------------------ scoring

    def document_frequency(self, token: str) -> int:
        term = self._vocab.get(token)
        # Each stored entry of a term's column is one document holding it.
        return 0 if term is None else int(self._indptr[term + 1] - self._indptr[term])

    def scores(self, query_tokens: Sequence[str]) -> np.ndarray:
        out = np.zeros(self._n_docs, dtype=np.float32)
        vocab = self._vocab
        data, indices, indptr = self._data, self._indices, self._indptr
        for token in query_tokens:
            term = vocab.get(token)
            if term is None:
                continue
            start, end = indptr[term], indptr[term + 1]
            np.add.at(out, indices[start:end], data[start:end])
        return out


def score_matrix(
    corpus_tokens: Sequence[Sequence[str]], *, k1: float, b: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray, dict[str, int]]:
    """bm25s's CSC arrays (data float32, indices int32, indptr int64) and the vocabulary.

    Column t holds, for every document d containing term t (rows ascending),
    idf(t) * tf * (k1 + 1) / (tf + k1 * (1 - b + b * |d| / avgdl)), idf = ln((N+1)/df).
    """
    n_docs = len(corpus_tokens)
    # token -> id in order of first occurrence (dict.fromkeys keeps order, runs in C)
    vocab = {token: i for i, token in enumerate(dict.fromkeys(chain.from_iterable(corpus_tokens)))}
    n_vocab = len(vocab)
    lengths = np.fromiter(map(len, corpus_tokens), dtype=np.int64, count=n_docs)
    n_tokens = int(lengths.sum())
    if n_tokens == 0:
        return (
            np.zeros(0, dtype=np.float32),
            np.zeros(0, dtype=np.int32),
            np.zeros(n_vocab + 1, dtype=np.int64),
            vocab,
        )
    term_of_token = np.fromiter(
        map(vocab.__getitem__, chain.from_iterable(corpus_tokens)), dtype=np.int64, count=n_tokens
    )
    doc_of_token = np.repeat(np.arange(n_docs, dtype=np.int64), lengths)
    # One key per (term, document) pair, sorted term-major then by document: CSC order.
    keys, tf = np.unique(term_of_token * n_docs + doc_of_token, return_counts=True)
    del term_of_token, doc_of_token
    terms = keys // n_docs
    docs = keys - terms * n_docs
    del keys
    df = np.bincount(terms, minlength=n_vocab)
    idf = np.log((n_docs + 1) / df)  # float64, as bm25s computes it
    avgdl = lengths.mean()
    tf = tf.astype(np.float64)
    norm = k1 * (1.0 - b + b * lengths[docs] / avgdl)
    data = (idf[terms] * (tf * (k1 + 1.0) / (norm + tf))).astype(np.float32)
    indptr = np.zeros(n_vocab + 1, dtype=np.int64)
    np.cumsum(df, out=indptr[1:])
    return data, docs.astype(np.int32), indptr, vocab


class SortedVocabulary:
    """token -> term id by binary search over memory-mapped, byte-sorted tokens."""

    BLOB = "sorted_vocab.bin"
    OFFSETS = "sorted_vocab_offsets.npy"
    IDS = "sorted_vocab_ids.npy"

    def __init__(self, blob: mmap.mmap | bytes, offsets: np.ndarray, ids: np.ndarray) -> None:
        self._blob = blob
        self._offsets = offsets
        self._ids = ids
        self._len = len(ids)

    @classmethod
    def save(cls, directory: Path, vocab: dict[str, int]) -> None:
        items = sorted((token.encode("utf-8", "surrogatepass"), i) for token, i in vocab.items())
        offsets = np.zeros(len(items) + 1, dtype=np.int64)
        np.cumsum([len(key) for key, _ in items], out=offsets[1:])
        (directory / cls.BLOB).write_bytes(b"".join(key for key, _ in items))
        np.save(directory / cls.OFFSETS, offsets, allow_pickle=False)
        np.save(
            directory / cls.IDS, np.array([i for _, i in items], dtype=np.int64), allow_pickle=False
        )

    @classmethod
    def open(cls, directory: Path) -> SortedVocabulary:
        offsets = np.asarray(np.load(directory / cls.OFFSETS, mmap_mode="r", allow_pickle=False))
        ids = np.asarray(np.load(directory / cls.IDS, mmap_mode="r", allow_pickle=False))
        with open(directory / cls.BLOB, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            blob: mmap.mmap | bytes = (
                mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) if size else b""
            )
        if (
            offsets.ndim != 1
            or ids.ndim != 1
            or len(offsets) != len(ids) + 1
            or offsets[0] != 0
            or int(offsets[-1]) != size
        ):
            raise ValueError(f"{cls.BLOB} does not match {cls.OFFSETS} / {cls.IDS}")
        return cls(blob, offsets, ids)

    def __len__(self) -> int:
        return self._len

    def _key(self, i: int) -> bytes:
        return self._blob[self._offsets[i] : self._offsets[i + 1]]

    def get(self, token: str) -> int | None:
        key = token.encode("utf-8", "surrogatepass")
        lo, hi = 0, self._len
        while lo < hi:
            mid = (lo + hi) // 2
            if self._key(mid) < key:
                lo = mid + 1
            else:
                hi = mid
        if lo < self._len and self._key(lo) == key:
            return int(self._ids[lo])
        return None
