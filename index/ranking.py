"""Scoring formulas for answers: quote quality, the combined score, the relevance bar.

Only arithmetic lives here (no I/O, no index access) so the weights can be
read, tested and tuned in one place.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np
from numpy.typing import ArrayLike

from index.models import Quote

# How much each signal weighs in an answer's score (they sum to 1).
W_TEXT = 0.55  # BM25 on the quote and its passage (normalised to the best candidate)
W_SPEAKER = 0.25  # how well the speaker matches the question
W_QUALITY = 0.12  # direct before indirect, whole sentences before fragments
W_RECENCY = 0.08  # newer before older when all else is equal
# Of the topic (see SearchSettings.min_topic_coverage), the quote itself must carry at least some of the topic.
QUOTE_COVERAGE_MIN = 0.25

_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s*$")


def quote_quality(quote: Quote) -> float:
    """0..1: direct, complete, attributed, of a readable length."""
    text = quote.text.strip()
    score = 1.0 if quote.kind == "direct" else 0.7
    words = len(text.split())
    if words < 4:
        score *= 0.45
    elif words < 8:
        score *= 0.8
    elif words > 160:
        score *= 0.85
    if text[:1].isupper() and _SENTENCE_END.search(text):
        score *= 1.0
    else:
        score *= 0.9  # a fragment or a mixed quote: still useful, slightly less
    if not quote.speaker.name:
        score *= 0.6
    return round(score, 4)


def recency(days_old: ArrayLike) -> ArrayLike:
    """1.0 for the newest day in the archive, halving every five years (scalar or array)."""
    years = np.clip(np.asarray(days_old, dtype=np.float64), 0, None) / 365.25
    return np.power(0.5, years / 5.0)


def position_prior(rank: ArrayLike) -> ArrayLike:
    """1.0 for an article's first quote, down to 0.8 from the fifth on: news leads with
    the main statement (scalar or array)."""
    return 1.0 - 0.05 * np.minimum(np.asarray(rank, dtype=np.float64), 4)


def combined_score(text: ArrayLike, speaker: ArrayLike, quality: ArrayLike, recent: ArrayLike) -> ArrayLike:
    """All inputs 0..1 (scalars or arrays); the result is 0..1."""
    return W_TEXT * text + W_SPEAKER * speaker + W_QUALITY * quality + W_RECENCY * recent


def topic_coverage(term_weights: dict[str, float], present: Iterable[str]) -> float:
    """Share of the topic's idf weight whose terms are present."""
    total = sum(term_weights.values())
    if total <= 0:
        return 0.0
    have = set(present)
    return sum(w for t, w in term_weights.items() if t in have) / total
