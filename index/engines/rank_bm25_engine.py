"""The reference engine: rank-bm25's `BM25Plus` with delta = 0, unmodified.

rank-bm25 keeps a dict of term frequencies per document and scores a query term
with a Python loop over all documents, so it is slow (~0.1 s per query term per
million documents) and is here to check the fast engine and as a fallback.

It has no save format and pickle is not an option (opening an index must never run
code from a file), so `save` writes the tokenized corpus as data: `vocab.json` (a
JSON list; position = token id), `tokens.npy` (int32 ids of all documents, one
after another) and `offsets.npy` (int64, n_docs + 1 boundaries), plus `engine.json`.
`load` rebuilds the `BM25Plus` from them.
"""

from __future__ import annotations

import json
import math
import threading
from bisect import bisect_left
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path
from typing import Self

import numpy as np
from rank_bm25 import BM25Plus

from index.engines import _REBUILD, BM25Engine
from index.engines.corpus import EncodedCorpus
from index.errors import IndexCorrupt

_DELTA = 0


def _rank_bm25_version() -> str:
    try:
        return metadata.version("rank-bm25")
    except metadata.PackageNotFoundError:  # pragma: no cover - vendored copies
        return "unknown"


class RankBm25Engine(BM25Engine):
    """BM25 computed by rank_bm25.BM25Plus(delta=0) over the token lists."""

    name = "rank-bm25"
    library_version = _rank_bm25_version()

    def __init__(
        self,
        vocab: list[str],
        tokens: np.ndarray,
        offsets: np.ndarray,
        *,
        k1: float,
        b: float,
    ) -> None:
        super().__init__(k1=k1, b=b, n_docs=len(offsets) - 1)
        self._vocab = vocab
        self._tokens = tokens
        self._offsets = offsets
        self._model: BM25Plus | None = None
        self._model_lock = threading.Lock()
        self._sorted_vocab: list[str] | None = None

    @property
    def _bm25(self) -> BM25Plus | None:
        """rank_bm25's model, made on first use: a build only saves the corpus and never
        needs it (making it costs ~1 KB of dicts per document)."""
        if self._model is None and self._n_docs:
            with self._model_lock:
                if self._model is None:
                    documents = EncodedCorpus(self._vocab, self._tokens, self._offsets).documents()
                    # rank_bm25 divides by the number of documents: an empty corpus has no model.
                    self._model = BM25Plus(documents, k1=self.k1, b=self.b, delta=_DELTA)
        return self._model

    @classmethod
    def build_encoded(cls, corpus: EncodedCorpus, k1: float = 1.5, b: float = 0.75) -> Self:
        return cls(
            list(corpus.vocab),
            np.asarray(corpus.token_ids, dtype=np.int32),
            np.asarray(corpus.offsets, dtype=np.int64),
            k1=k1,
            b=b,
        )

    def save(self, directory: str | Path) -> None:
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        (directory / "vocab.json").write_text(
            json.dumps(self._vocab, ensure_ascii=False), encoding="utf-8"
        )
        np.save(directory / "tokens.npy", self._tokens, allow_pickle=False)
        np.save(directory / "offsets.npy", self._offsets, allow_pickle=False)
        self._write_engine_file(directory)

    @classmethod
    def load(cls, directory: str | Path) -> Self:
        directory = Path(directory)
        info = cls._read_engine_file(directory)
        try:
            vocab = json.loads((directory / "vocab.json").read_text(encoding="utf-8"))
            tokens = np.load(directory / "tokens.npy", allow_pickle=False)
            offsets = np.load(directory / "offsets.npy", allow_pickle=False)
            k1, b = float(info["k1"]), float(info["b"])
        except FileNotFoundError as exc:
            raise IndexCorrupt(
                f"BM25 index in {directory} is incomplete ({Path(exc.filename).name} is missing) — {_REBUILD}"
            ) from None
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise IndexCorrupt(
                f"cannot read the BM25 index in {directory}: {exc} — {_REBUILD}"
            ) from None
        if (
            not isinstance(vocab, list)
            or not all(isinstance(token, str) for token in vocab)
            or tokens.ndim != 1
            or offsets.ndim != 1
            or not np.issubdtype(tokens.dtype, np.integer)
            or not np.issubdtype(offsets.dtype, np.integer)
            or len(offsets) < 1
            or offsets[0] != 0
            or offsets[-1] != len(tokens)
            or np.any(np.diff(offsets) < 0)
            or (len(tokens) and (tokens.min() < 0 or tokens.max() >= len(vocab)))
            or len(offsets) - 1 != info.get("n_docs")
        ):
            raise IndexCorrupt(
                f"the rank-bm25 corpus files in {directory} do not fit together — {_REBUILD}"
            )
        engine = cls(vocab, tokens, offsets, k1=k1, b=b)
        engine._bm25  # noqa: B018 - a loaded engine is ready to score (making the model is the slow part)
        return engine

    def document_frequency(self, token: str) -> int:
        if self._bm25 is None or token not in self._bm25.idf:
            return 0
        # rank_bm25 keeps only the idf, ln((N+1)/df); invert it.
        return int(round((self._n_docs + 1) / math.exp(self._bm25.idf[token])))

    def tokens_with_prefix(self, prefix: str) -> list[str]:
        if self._sorted_vocab is None:  # made on first use (a build never needs it)
            self._sorted_vocab = sorted(self._vocab, key=lambda t: t.encode("utf-8", "surrogatepass"))
        keys = self._sorted_vocab
        key = prefix.encode("utf-8", "surrogatepass")
        i = bisect_left(keys, key, key=lambda t: t.encode("utf-8", "surrogatepass"))
        out = []
        while i < len(keys) and keys[i].encode("utf-8", "surrogatepass").startswith(key):
            out.append(keys[i])
            i += 1
        return out

    def documents_holding(self, token: str, docs: np.ndarray) -> np.ndarray:
        docs = np.asarray(docs, dtype=np.int64)
        if self._bm25 is None:
            return np.zeros(len(docs), dtype=bool)
        freqs = self._bm25.doc_freqs
        return np.fromiter((token in freqs[d] for d in docs.tolist()), dtype=bool, count=len(docs))

    def scores(self, query_tokens: Sequence[str]) -> np.ndarray:
        if self._bm25 is None:
            return np.zeros(0, dtype=np.float32)
        idf = self._bm25.idf
        # Unknown tokens add 0 anyway, but rank_bm25 would still loop over every document.
        known = [token for token in query_tokens if token in idf]
        if not known:
            return np.zeros(self._n_docs, dtype=np.float32)
        # rank_bm25 computes 0/0 = NaN for an empty document when b = 1; it scores 0.
        with np.errstate(invalid="ignore", divide="ignore"):
            scores = self._bm25.get_scores(known)
        return np.nan_to_num(scores, nan=0.0).astype(np.float32)
