"""The fast engine: bm25s's eager score matrix, saved in bm25s's format, memory-mapped.

bm25s precomputes, for every (term, document) pair, the term's BM25 contribution
and stores them as a CSC matrix: for term id t, rows `indices[indptr[t]:indptr[t+1]]`
with scores `data[...]`.  A query is then the sum of a few columns.

- Build: the same arrays `bm25s.BM25(method="bm25+", delta=0).index()` produces
  (tests/test_engines.py checks this), computed with vectorised NumPy instead of
  bm25s's per-document Python loop: about 10x faster (bm25s's loop takes ~65 s per
  1M short documents here), and the vocabulary ids follow first occurrence, so a
  rebuild over the same corpus writes the same files.
- Save / load: `bm25s.BM25.save` writes bm25s's files: `.npy` arrays plus
  `params.index.json` (k1, b, method, version) and `vocab.index.json`; our
  `engine.json` records the formula.  `load` reads what `bm25s.BM25.load(...,
  mmap=True)` reads -- the params and the three CSC arrays, memory-mapped -- itself,
  without importing bm25s: that import pulls in scipy.sparse and cost a serving
  process ~0.4 s of its cold start.  Building and saving still go through bm25s.
- Vocabulary: bm25s keeps token -> id in a JSON dict; parsing it is most of a load
  (0.5 s for a 600k-token vocabulary here) and costs every bot process ~60 MB.  So
  `save` also writes the vocabulary sorted by UTF-8 bytes (`sorted_vocab.bin`: the
  tokens concatenated, `sorted_vocab_offsets.npy`, `sorted_vocab_ids.npy`), `load`
  memory-maps it (vocab.index.json is never read) and a query token is found by
  binary search (~20 probes, microseconds); the same order gives `tokens_with_prefix`
  (word forms) by one binary search.  vocab.index.json stays, so the directory
  remains a complete bm25s index.
- Scoring: our own column sums over the CSC arrays with `np.add.at`, which is what
  bm25s's `get_scores` does too, minus its per-call overhead (token ids list,
  checks).  Measured with NumPy 2.4 on this project's machine (1M documents of ~60
  tokens, 1-5 token queries; tests/bench/engines_micro.py): `np.add.at` p50 3.0 ms /
  p95 10 ms, the fancy-index `out[rows] += col` 8.5 / 25 ms (it gathers, adds and
  scatters), `np.bincount` over the concatenated columns 8.0 / 23 ms.  (ufunc.at was
  slow before NumPy 1.25; it no longer is.)
"""

from __future__ import annotations

import json
import mmap
import os
from collections.abc import Iterator, Mapping, Sequence
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self, cast

import numpy as np

from index.engines import _REBUILD, BM25Engine
from index.engines.corpus import EncodedCorpus
from index.errors import IndexCorrupt

if TYPE_CHECKING:
    import bm25s

_METHOD = "bm25+"
_DELTA = 0.0
# `scores_of` looks documents up one by one below n_docs / this many; above, scoring the
# whole collection and picking is cheaper (a binary search per document and term costs
# ~20 steps, a dense pass ~1 per posting).
SPARSE_LOOKUP_RATIO = 16
# Tokens whose term ids a loaded vocabulary remembers.
VOCABULARY_CACHE = 1 << 16
# bm25s's file names (bm25s.BM25.save / load defaults).
_DATA, _INDICES, _INDPTR, _PARAMS = (
    "data.csc.index.npy",
    "indices.csc.index.npy",
    "indptr.csc.index.npy",
    "params.index.json",
)


def _bm25s_version() -> str:
    try:
        return metadata.version("bm25s")
    except metadata.PackageNotFoundError:  # pragma: no cover - vendored copies
        import bm25s

        return str(bm25s.__version__)


class _StoredIndex:
    """What serving needs of a saved bm25s index: its params and its CSC arrays
    (the shape of `bm25s.BM25` where it matters: `.scores`, `.k1`, `.b`, ...)."""

    def __init__(self, params: dict[str, Any], scores: dict[str, Any]) -> None:
        self.params = params
        self.scores = scores
        self.k1 = params["k1"]
        self.b = params["b"]
        self.delta = params["delta"]
        self.method = params["method"]
        self.idf_method = params["idf_method"]


class Bm25sEngine(BM25Engine):
    """BM25 over bm25s's precomputed CSC score matrix."""

    name = "bm25s"
    library_version = _bm25s_version()

    def __init__(
        self,
        retriever: bm25s.BM25 | _StoredIndex,
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
    def build_encoded(cls, corpus: EncodedCorpus, k1: float = 1.5, b: float = 0.75) -> Self:
        data, indices, indptr = encoded_score_matrix(corpus, k1=k1, b=b)
        vocab = {token: i for i, token in enumerate(corpus.vocab)}
        return cls.from_matrix(data, indices, indptr, vocab, n_docs=corpus.n_docs, k1=k1, b=b)

    def matrix(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, Mapping[str, int]]:
        """The score matrix: (data float32, indices int32, indptr int64, token -> term id)."""
        vocab = cast(Mapping[str, int], self._vocab)  # (SortedVocabulary reads like one)
        return self._data, self._indices, self._indptr, vocab

    @classmethod
    def from_matrix(
        cls,
        data: np.ndarray,
        indices: np.ndarray,
        indptr: np.ndarray,
        vocab: dict[str, int],
        *,
        n_docs: int,
        k1: float,
        b: float,
    ) -> Self:
        """An engine over a ready score matrix (bm25s's CSC layout, rows ascending per term)."""
        import bm25s

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
        retriever = self._retriever
        if isinstance(retriever, _StoredIndex):  # a loaded index saved again
            import bm25s

            stored = retriever
            retriever = bm25s.BM25(
                k1=stored.k1, b=stored.b, delta=stored.delta, method=stored.method,
                dtype="float32", int_dtype="int32",
            )
            vocab = dict(self._vocab.items()) if isinstance(self._vocab, SortedVocabulary) else self._vocab
            retriever.scores = {
                "data": self._data, "indices": self._indices, "indptr": self._indptr, "num_docs": self._n_docs,
            }
            retriever.vocab_dict = vocab
            retriever.unique_token_ids_set = set(vocab.values())
            retriever.nonoccurrence_array = np.zeros(len(vocab), dtype=np.float32)
        retriever.save(directory, show_progress=False)
        SortedVocabulary.save(directory, retriever.vocab_dict)
        self._write_engine_file(directory)

    @classmethod
    def load(cls, directory: str | Path) -> Self:
        directory = Path(directory)
        cls._read_engine_file(directory)
        try:
            params = json.loads((directory / _PARAMS).read_text(encoding="utf-8"))
            if not isinstance(params, dict):
                raise ValueError(f"{_PARAMS} is not a JSON object")

            def array(name: str) -> np.ndarray:
                return np.load(directory / name, mmap_mode="r", allow_pickle=False)

            scores = {
                "data": array(_DATA),
                "indices": array(_INDICES),
                "indptr": array(_INDPTR),
                "num_docs": params.get("num_docs"),
            }
            retriever = _StoredIndex(params, scores)
            vocab = SortedVocabulary.open(directory)
        except FileNotFoundError as exc:
            missing = Path(exc.filename).name if exc.filename else exc
            raise IndexCorrupt(
                f"BM25 index in {directory} is incomplete ({missing} is missing) — {_REBUILD}"
            ) from None
        except (OSError, ValueError, TypeError, KeyError) as exc:
            raise IndexCorrupt(
                f"cannot read the BM25 index in {directory}: {exc} — {_REBUILD}"
            ) from None
        method: dict[str, Any] = {
            "method": retriever.method,
            "idf_method": retriever.idf_method,
            "delta": retriever.delta,
        }
        if method != {"method": _METHOD, "idf_method": _METHOD, "delta": _DELTA}:
            raise IndexCorrupt(
                f"the bm25s index in {directory} uses {method}, "
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

    def tokens_with_prefix(self, prefix: str) -> list[str]:
        vocab = self._vocab
        if isinstance(vocab, SortedVocabulary):
            return vocab.with_prefix(prefix)
        return sorted((t for t in vocab if t.startswith(prefix)), key=lambda t: t.encode("utf-8", "surrogatepass"))

    def documents_holding(self, token: str, docs: np.ndarray) -> np.ndarray:
        docs = np.asarray(docs, dtype=np.int64)
        term = self._vocab.get(token)
        if term is None or not len(docs):
            return np.zeros(len(docs), dtype=bool)
        # A column's rows are ascending: a binary search per document.
        rows = self._indices[self._indptr[term] : self._indptr[term + 1]]
        at = np.searchsorted(rows, docs)
        return rows[np.minimum(at, len(rows) - 1)] == docs

    def _columns(self, query_tokens: Sequence[str]) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        """(rows, scores) of each query token's column, in query order (repeats repeat)."""
        vocab, indptr = self._vocab, self._indptr
        for token in query_tokens:
            term = vocab.get(token)
            if term is not None:
                start, end = int(indptr[term]), int(indptr[term + 1])
                yield self._indices[start:end], self._data[start:end]

    def scores_of(self, query_tokens: Sequence[str], docs: np.ndarray) -> np.ndarray:
        docs = np.asarray(docs, dtype=np.int64)
        if len(docs) * SPARSE_LOOKUP_RATIO > self._n_docs:
            return self.scores(query_tokens)[docs]
        # A binary search per document in each term's ascending rows; the same float32
        # additions in the same order as `scores`, so the values are identical.
        out = np.zeros(len(docs), dtype=np.float32)
        for rows, values in self._columns(query_tokens):
            if len(rows):
                at = np.minimum(np.searchsorted(rows, docs), len(rows) - 1)
                hit = rows[at] == docs
                out[hit] += values[at[hit]]
        return out

    def scores(self, query_tokens: Sequence[str]) -> np.ndarray:
        out = np.zeros(self._n_docs, dtype=np.float32)
        for rows, values in self._columns(query_tokens):
            np.add.at(out, rows, values)
        return out


def score_matrix(
    corpus_tokens: Sequence[Sequence[str]], *, k1: float, b: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray, dict[str, int]]:
    """bm25s's CSC arrays (data float32, indices int32, indptr int64) and the vocabulary
    (token -> id in order of first occurrence)."""
    corpus = EncodedCorpus.from_tokens(corpus_tokens)
    data, indices, indptr = encoded_score_matrix(corpus, k1=k1, b=b)
    return data, indices, indptr, {token: i for i, token in enumerate(corpus.vocab)}


# Documents per chunk in encoded_score_matrix: bounds its temporary arrays (~40 bytes
# per token of the chunk) to ~100 MB while keeping NumPy's per-call overhead negligible.
SCORE_CHUNK_DOCS = 100_000


def encoded_score_matrix(
    corpus: EncodedCorpus, *, k1: float, b: float, chunk_docs: int = SCORE_CHUNK_DOCS
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """bm25s's CSC arrays (data float32, indices int32, indptr int64) of an encoded corpus.

    Column t holds, for every document d containing term t (rows ascending),
    idf(t) * tf * (k1 + 1) / (tf + k1 * (1 - b + b * |d| / avgdl)), idf = ln((N+1)/df).

    Memory: the (term, document) pairs are counted `chunk_docs` documents at a time
    (sorting one int64 key per token), kept as compact int32 triples, then scattered
    into place column by column: no sort over the whole corpus, and ~12 bytes per
    distinct pair besides the output instead of ~40 per token.  At 1M passages
    (~30M tokens) this took the build's peak from ~2 GB to well under 1 GB.  The
    result does not depend on `chunk_docs`.
    """
    n_docs = corpus.n_docs
    n_vocab = len(corpus.vocab)
    lengths = corpus.lengths
    offsets = corpus.offsets
    token_ids = corpus.token_ids
    if len(token_ids) == 0:
        return (
            np.zeros(0, dtype=np.float32),
            np.zeros(0, dtype=np.int32),
            np.zeros(n_vocab + 1, dtype=np.int64),
        )
    # Pass 1: per chunk, the distinct (term, document) pairs sorted term-major, and tf.
    parts: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = []
    df = np.zeros(n_vocab, dtype=np.int64)
    for c0 in range(0, n_docs, max(1, chunk_docs)):
        c1 = min(n_docs, c0 + max(1, chunk_docs))
        width = c1 - c0
        ids = token_ids[offsets[c0] : offsets[c1]].astype(np.int64)
        local = np.repeat(np.arange(width, dtype=np.int64), lengths[c0:c1])
        keys, tf = np.unique(ids * width + local, return_counts=True)
        del ids, local
        terms = (keys // width).astype(np.int32)
        docs = (keys % width + c0).astype(np.int32)
        del keys
        chunk_df = np.bincount(terms, minlength=n_vocab)
        df += chunk_df
        parts.append((terms, docs, tf.astype(np.int32), chunk_df))
    indptr = np.zeros(n_vocab + 1, dtype=np.int64)
    np.cumsum(df, out=indptr[1:])
    n_pairs = int(indptr[-1])
    idf = np.log((n_docs + 1) / np.maximum(df, 1))  # float64, as bm25s computes it
    avgdl = lengths.mean()
    data = np.empty(n_pairs, dtype=np.float32)
    indices = np.empty(n_pairs, dtype=np.int32)
    # Pass 2: each chunk's pairs go after the earlier chunks' pairs of the same term,
    # so every column's rows stay ascending.
    fill = indptr[:-1].copy()  # next free slot of each column
    for terms, docs, tf_counts, chunk_df in parts:
        chunk_start = np.zeros(n_vocab + 1, dtype=np.int64)
        np.cumsum(chunk_df, out=chunk_start[1:])
        dest = fill[terms] + (np.arange(len(terms), dtype=np.int64) - chunk_start[terms])
        tf = tf_counts.astype(np.float64)
        norm = k1 * (1.0 - b + b * lengths[docs] / avgdl)
        data[dest] = (idf[terms] * (tf * (k1 + 1.0) / (norm + tf))).astype(np.float32)
        indices[dest] = docs
        fill += chunk_df
    parts.clear()
    return data, indices, indptr


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
        # Questions use the same few thousand words again and again; a lookup is ~17
        # slices of the memory map, a cache hit one dict probe.
        self.get = lru_cache(maxsize=VOCABULARY_CACHE)(self._get)

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

    def _lower_bound(self, key: bytes) -> int:
        """The position of the first stored token >= key."""
        lo, hi = 0, self._len
        while lo < hi:
            mid = (lo + hi) // 2
            if self._key(mid) < key:
                lo = mid + 1
            else:
                hi = mid
        return lo

    def _get(self, token: str) -> int | None:
        """The term id of `token` (None: not in the vocabulary); `get` is this, cached."""
        key = token.encode("utf-8", "surrogatepass")
        lo = self._lower_bound(key)
        if lo < self._len and self._key(lo) == key:
            return int(self._ids[lo])
        return None

    def items(self) -> list[tuple[str, int]]:
        """(token, id) of every stored token, in byte order."""
        return [(self._key(i).decode("utf-8", "surrogatepass"), int(self._ids[i])) for i in range(self._len)]

    def with_prefix(self, prefix: str) -> list[str]:
        """The stored tokens starting with `prefix`, in byte order."""
        key = prefix.encode("utf-8", "surrogatepass")
        out = []
        i = self._lower_bound(key)
        while i < self._len:
            stored = self._key(i)
            if not stored.startswith(key):
                break
            out.append(stored.decode("utf-8", "surrogatepass"))
            i += 1
        return out
