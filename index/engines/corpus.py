"""A tokenized corpus as arrays: the vocabulary, every token's id, document offsets.

Millions of token lists of Python strings cost ~60 bytes a token; the same corpus
as int32 ids costs 4.  A build therefore encodes token lists where they are made
(`encode`, in the worker processes, with a vocabulary local to the batch), and
the main process merges the batches into one corpus (`CorpusBuilder.add`) by
mapping each batch's few thousand distinct tokens to global ids.

Global ids follow the order of first occurrence in the corpus, as
`score_matrix` numbers tokens, so an index built from batches is byte-identical
to one built from the token lists whatever the batching.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain

import numpy as np


@dataclass(frozen=True, slots=True)
class EncodedCorpus:
    """Document d holds `token_ids[offsets[d]:offsets[d + 1]]`; id i is `vocab[i]`."""

    vocab: list[str]
    token_ids: np.ndarray  # int32
    offsets: np.ndarray  # int64, n_docs + 1

    @property
    def n_docs(self) -> int:
        return len(self.offsets) - 1

    @property
    def lengths(self) -> np.ndarray:
        return np.diff(self.offsets)

    @classmethod
    def from_tokens(cls, corpus_tokens: Sequence[Sequence[str]]) -> EncodedCorpus:
        vocab, ids, lengths = encode(corpus_tokens)
        offsets = np.zeros(len(lengths) + 1, dtype=np.int64)
        np.cumsum(lengths, out=offsets[1:])
        return cls(vocab, ids, offsets)

    def documents(self) -> list[list[str]]:
        """The token lists back (for rank-bm25, which wants strings)."""
        words = np.array(self.vocab, dtype=object)[self.token_ids] if len(self.token_ids) else np.zeros(0, dtype=object)
        bounds = self.offsets.tolist()
        return [words[a:b].tolist() for a, b in zip(bounds[:-1], bounds[1:], strict=True)]


def encode(corpus_tokens: Sequence[Sequence[str]]) -> tuple[list[str], np.ndarray, np.ndarray]:
    """(vocabulary in order of first occurrence, int32 ids of all tokens, int32 lengths)."""
    vocab = list(dict.fromkeys(chain.from_iterable(corpus_tokens)))
    index = {token: i for i, token in enumerate(vocab)}
    lengths = np.fromiter(map(len, corpus_tokens), dtype=np.int32, count=len(corpus_tokens))
    ids = np.fromiter(
        map(index.__getitem__, chain.from_iterable(corpus_tokens)),
        dtype=np.int32,
        count=int(lengths.sum(dtype=np.int64)),
    )
    return vocab, ids, lengths


class CorpusBuilder:
    """Concatenates encoded batches into one corpus with one vocabulary."""

    def __init__(self) -> None:
        self._ids: dict[str, int] = {}
        self._chunks: list[np.ndarray] = []
        self._lengths: list[np.ndarray] = []
        self.n_docs = 0

    def add(
        self,
        vocab: Sequence[str],
        ids: np.ndarray,
        lengths: np.ndarray,
        keep: np.ndarray | None = None,
    ) -> None:
        """Append a batch (as `encode` gives it); `keep`: bool per document, False drops it."""
        ids = np.asarray(ids, dtype=np.int32)
        lengths = np.asarray(lengths, dtype=np.int32)
        if keep is not None and not keep.all():
            ids = ids[np.repeat(keep, lengths)]
            lengths = lengths[keep]
            seen, first = np.unique(ids, return_index=True)
            order = seen[np.argsort(first, kind="stable")]  # first occurrence among the kept
        else:
            order = None  # `encode` numbered the batch's tokens in order of first occurrence
        remap = np.full(len(vocab), -1, dtype=np.int32)
        if order is None:
            new = vocab
            positions: np.ndarray | slice = slice(None)
        else:
            new = [vocab[j] for j in order.tolist()]
            positions = order
        table = self._ids
        remap[positions] = np.fromiter(
            (table.setdefault(token, len(table)) for token in new), dtype=np.int32, count=len(new)
        )
        self._chunks.append(remap[ids])
        self._lengths.append(lengths)
        self.n_docs += len(lengths)

    def finish(self) -> EncodedCorpus:
        """The corpus so far (the builder is emptied)."""
        ids = np.concatenate(self._chunks) if self._chunks else np.zeros(0, dtype=np.int32)
        lengths = np.concatenate(self._lengths) if self._lengths else np.zeros(0, dtype=np.int32)
        self._chunks, self._lengths = [], []
        offsets = np.zeros(len(lengths) + 1, dtype=np.int64)
        np.cumsum(lengths, out=offsets[1:])
        vocab = list(self._ids)
        self._ids = {}
        return EncodedCorpus(vocab, ids, offsets)
