"""Scoring formulas for answers: quote quality, the combined score, the relevance bar.

Only arithmetic lives here (no I/O, no index access) so the weights can be
read, tested and tuned in one place.

An answer's score is its *relevance* (topic, speaker, recency: what the
question asked for) times its *form* (a direct, complete quote that leads its
article beats an indirect fragment further down): form breaks ties between
equally relevant quotes but cannot lift an off-topic quote over an on-topic one.
"""

from __future__ import annotations

import re

import numpy as np
from numpy.typing import ArrayLike

from index.models import Quote

# Relevance: how much each signal weighs (they sum to 1).
W_TEXT = 0.62  # topic: BM25 on quote and passage plus topic coverage
W_SPEAKER = 0.28  # how well the speaker matches the question
W_RECENCY = 0.10  # newer before older when all else is equal
# Topic: weight of the passage's BM25 score next to the quote's own (a build folds
# the two into one matrix with this weight: see text_matrix.py).
PASSAGE_WEIGHT = 0.5
# Form: the share of the score that quality and position can take away.
FORM_WEIGHT = 0.5
# Of the topic (see SearchSettings.min_topic_coverage), a topic-only answer's quote
# must itself carry at least this share, so the quote is about the topic and not
# merely printed next to it.
QUOTE_COVERAGE_MIN = 0.2

_CONTINUATION = re.compile(r"(?:and|but|or|so|because|which|while)\b")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s*$")


def quote_quality(quote: Quote) -> float:
    """0..1: direct, complete, attributed, of a readable length."""
    text = quote.text.strip()
    score = 1.0 if quote.kind == "direct" else 0.55  # the issue: direct before indirect
    words = len(text.split())
    if words < 4:
        score *= 0.45
    elif words < 8:
        score *= 0.8
    elif words > 160:
        score *= 0.9
    if not _SENTENCE_END.search(text):
        score *= 0.95  # stops mid-sentence: the rest is in the passage
    if _CONTINUATION.match(text):
        score *= 0.9  # the second half of a split quote: the first half reads better
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


def form(quality: ArrayLike, rank: ArrayLike) -> np.ndarray:
    """0..1 multiplier from a quote's quality and its place in the article."""
    q = np.asarray(quality, dtype=np.float64) * np.asarray(position_prior(rank))
    return (1.0 - FORM_WEIGHT) + FORM_WEIGHT * q


def relevance(text: ArrayLike, speaker: ArrayLike, recent: ArrayLike) -> ArrayLike:
    """All inputs 0..1 (scalars or arrays); the result is 0..1."""
    return (
        W_TEXT * np.asarray(text, dtype=np.float64)
        + W_SPEAKER * np.asarray(speaker, dtype=np.float64)
        + W_RECENCY * np.asarray(recent, dtype=np.float64)
    )
