"""Scoring formulas for answers: quote quality, the combined score, the relevance bar.

Only arithmetic lives here (no I/O, no index access) so the weights can be
read, tested and tuned in one place.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from datetime import date

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


def recency(day: date | None, newest: date | None) -> float:
    """1.0 for the newest day in the archive, decaying with a five-year half-life."""
    if day is None or newest is None:
        return 0.0
    years = max((newest - day).days, 0) / 365.25
    return math.pow(0.5, years / 5.0)


def combined_score(text: float, speaker: float, quality: float, recent: float) -> float:
    """All inputs 0..1; the result is 0..1."""
    return W_TEXT * text + W_SPEAKER * speaker + W_QUALITY * quality + W_RECENCY * recent


def topic_coverage(term_weights: dict[str, float], present: Iterable[str]) -> float:
    """Share of the topic's idf weight whose terms are present."""
    total = sum(term_weights.values())
    if total <= 0:
        return 0.0
    have = set(present)
    return sum(w for t, w in term_weights.items() if t in have) / total
