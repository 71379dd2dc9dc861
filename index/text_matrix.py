"""A quote's text score in one posting list per term: its BM25 plus a share of its passage's.

Search ranks a quote by `quote_bm25 + PASSAGE_WEIGHT * passage_bm25[passage of quote]`.
Computed at query time over the whole archive that means scoring every passage
(~1M at archive scale), gathering those scores onto every quote and adding: about
two thirds of a topic question's time.  BM25 adds up over the query's terms, so
the build folds both into one matrix whose column for term t holds, for every quote
whose text or passage holds t, `w_quote(t) + PASSAGE_WEIGHT * w_passage(t)`: one
sparse pass over the quotes answers the same sum.

The matrix is built from two bm25s CSC matrices (data float32, indices int32, indptr
int64, rows ascending within a column) and saved as a bm25s engine, so serving
reuses its memory-mapped loading and scoring.  Its values are the same sums in
float64, stored as float32: they can differ from the query-time sum in the last
bit, never in order beyond such rounding.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from index.engines import _REBUILD
from index.engines.bm25s_engine import Bm25sEngine
from index.errors import IndexCorrupt
from index.ranking import PASSAGE_WEIGHT

# Postings handled per step: bounds the build's temporary arrays to a few hundred MB.
CHUNK_POSTINGS = 4_000_000
SETTINGS_FILE = "text-matrix.json"


@dataclass(frozen=True, slots=True)
class Csc:
    """A term-by-document score matrix in compressed sparse columns, with its vocabulary."""

    data: np.ndarray  # float32, one score per (term, document)
    indices: np.ndarray  # int32 documents, ascending within a term
    indptr: np.ndarray  # int64, len(vocab) + 1
    vocab: Mapping[str, int]


def _column_terms(indptr: np.ndarray) -> np.ndarray:
    return np.repeat(np.arange(len(indptr) - 1, dtype=np.int64), np.diff(indptr))


def quote_text_matrix(
    quotes: Csc, passages: Csc, quote_passage: np.ndarray, passage_weight: float
) -> Csc:
    """The combined matrix over quotes (rows = quote ids, len(quote_passage) of them).

    Its vocabulary is the passages' followed by any term only quotes hold (a quote's
    words normally come from its passage, but nothing here relies on it)."""
    quote_passage = np.asarray(quote_passage, dtype=np.int64)
    n_quotes = len(quote_passage)
    vocab: dict[str, int] = dict(passages.vocab.items())
    quote_term = np.empty(len(quotes.indptr) - 1, dtype=np.int64)
    for token, i in quotes.vocab.items():
        quote_term[i] = vocab.setdefault(token, len(vocab))
    n_terms = len(vocab)
    if n_quotes == 0:
        return Csc(np.zeros(0, np.float32), np.zeros(0, np.int32), np.zeros(n_terms + 1, np.int64), vocab)

    # The quotes of each passage, as a CSR pair.
    n_passages = int(max(quote_passage.max(initial=-1), passages.indices.max(initial=-1))) + 1
    by_passage = np.argsort(quote_passage, kind="stable")
    per_passage = np.bincount(quote_passage, minlength=n_passages)
    first_of = np.zeros(n_passages + 1, dtype=np.int64)
    np.cumsum(per_passage, out=first_of[1:])

    # Quote postings in the combined term order, to be sliced per chunk of terms.
    q_terms = quote_term[_column_terms(quotes.indptr)]
    q_order = np.argsort(q_terms, kind="stable")
    q_terms = q_terms[q_order]
    q_docs = np.asarray(quotes.indices)[q_order].astype(np.int64)
    q_vals = np.asarray(quotes.data)[q_order].astype(np.float64)
    del q_order

    p_indptr = np.asarray(passages.indptr, dtype=np.int64)
    p_indices = np.asarray(passages.indices)
    p_data = np.asarray(passages.data)
    n_passage_terms = len(p_indptr) - 1

    data_parts: list[np.ndarray] = []
    index_parts: list[np.ndarray] = []
    counts = np.zeros(n_terms, dtype=np.int64)
    t0 = 0
    while t0 < n_terms:
        # A run of terms holding about CHUNK_POSTINGS passage postings (at least one term).
        if t0 < n_passage_terms:
            limit = p_indptr[t0] + CHUNK_POSTINGS
            t1 = int(np.searchsorted(p_indptr, limit, side="right")) - 1
            t1 = min(max(t1, t0 + 1), n_passage_terms)
        else:
            t1 = n_terms  # quote-only terms: no passage postings
        keys, vals = [], []
        if t0 < n_passage_terms:
            a, b = int(p_indptr[t0]), int(p_indptr[t1])
            docs = p_indices[a:b].astype(np.int64)
            fan = per_passage[docs]  # each passage posting goes to every quote of it
            post = np.repeat(np.arange(b - a, dtype=np.int64), fan)
            within = np.arange(len(post), dtype=np.int64) - np.repeat(np.cumsum(fan) - fan, fan)
            quote = by_passage[first_of[docs[post]] + within]
            term = _column_terms(p_indptr[t0 : t1 + 1] - a)[post]
            keys.append(term * n_quotes + quote)
            vals.append(p_data[a:b][post].astype(np.float64) * passage_weight)
            del docs, fan, post, within, quote, term
        lo, hi = np.searchsorted(q_terms, [t0, t1])
        keys.append((q_terms[lo:hi] - t0) * n_quotes + q_docs[lo:hi])
        vals.append(q_vals[lo:hi])
        key = np.concatenate(keys)
        unique, inverse = np.unique(key, return_inverse=True)
        summed = np.bincount(inverse.ravel(), weights=np.concatenate(vals), minlength=len(unique))
        data_parts.append(summed.astype(np.float32))
        index_parts.append((unique % n_quotes).astype(np.int32))
        counts[t0:t1] = np.bincount(unique // n_quotes, minlength=t1 - t0)
        t0 = t1
    indptr = np.zeros(n_terms + 1, dtype=np.int64)
    np.cumsum(counts, out=indptr[1:])
    data = np.concatenate(data_parts) if data_parts else np.zeros(0, dtype=np.float32)
    indices = np.concatenate(index_parts) if index_parts else np.zeros(0, dtype=np.int32)
    return Csc(data, indices, indptr, vocab)


def save_quote_text_engine(
    quote_engine: Bm25sEngine, passage_engine: Bm25sEngine, quote_passage: np.ndarray, directory: Path
) -> None:
    """Build the combined matrix of a generation and save it as a bm25s engine."""
    qd, qi, qp, qv = quote_engine.matrix()
    pd, pi, pp, pv = passage_engine.matrix()
    m = quote_text_matrix(Csc(qd, qi, qp, qv), Csc(pd, pi, pp, pv), quote_passage, PASSAGE_WEIGHT)
    engine = Bm25sEngine.from_matrix(
        m.data, m.indices, m.indptr, dict(m.vocab),
        n_docs=len(quote_passage), k1=quote_engine.k1, b=quote_engine.b,
    )
    engine.save(directory)
    (directory / SETTINGS_FILE).write_text(json.dumps({"passage_weight": PASSAGE_WEIGHT}), encoding="utf-8")


def load_quote_text_engine(directory: Path, n_quotes: int) -> Bm25sEngine | None:
    """The generation's combined matrix; None when it has none (built by the rank-bm25
    engine or an older version) or one made with another passage weight, so search sums
    the two engines' scores itself."""
    if not (directory / SETTINGS_FILE).is_file():
        return None
    try:
        weight = json.loads((directory / SETTINGS_FILE).read_text(encoding="utf-8")).get("passage_weight")
    except (OSError, ValueError, AttributeError) as exc:
        raise IndexCorrupt(f"cannot read {directory / SETTINGS_FILE}: {exc} — {_REBUILD}") from None
    if weight != PASSAGE_WEIGHT:
        return None
    engine = Bm25sEngine.load(directory)
    if engine.n_docs != n_quotes:
        raise IndexCorrupt(
            f"the combined text index in {directory} has {engine.n_docs} quotes, not {n_quotes} — {_REBUILD}"
        )
    return engine
