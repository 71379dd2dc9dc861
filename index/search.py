"""Query -> Answers: candidate quotes, BM25 on quote and passage, speaker/date scoring,
duplicates folded, and an empty answer when nothing clears the relevance bar.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date

import numpy as np
from rapidfuzz import fuzz

from index.archive import NO_DAY, Archive, StoredQuote, day_number
from index.config import SearchSettings
from index.engines import top_k
from index.models import Answer, Query, SpeakerRef
from index.question import parse_question
from index.ranking import (
    PASSAGE_WEIGHT,
    QUOTE_COVERAGE_MIN,
    form,
    recency,
    relevance,
)
from index.roles import role_tokens

# How many candidates get a close look (record decoding, coverage) per page asked.
CANDIDATES_PER_ANSWER = 12
MIN_CANDIDATES = 60
# Who-said: how much of the phrase must be found inside the quote itself.
PHRASE_COVERAGE_MIN = 0.7
# Two answers whose quotes are this similar (same speaker) are one statement.
DUPLICATE_SIMILARITY = 90.0
SPEAKER_KINDS = ("speaker", "speaker+topic", "latest")
# A role is taken to be held this long before and after the days it was seen held.
ROLE_SLACK_DAYS = 366


@dataclass(slots=True)
class SearchResult:
    query: Query
    answers: list[Answer]
    total: int = 0  # relevant answers in all (for paging)
    notes: list[str] = field(default_factory=list)


def answer_question(
    archive: Archive,
    question: str,
    *,
    k: int = 5,
    offset: int = 0,
    today: date | None = None,
    settings: SearchSettings | None = None,
) -> SearchResult:
    """Parse a question and search: the one call the CLI and the bot make."""
    query = parse_question(question, archive.speaker_index, today)
    return search(archive, query, k=k, offset=offset, settings=settings)


def search(
    archive: Archive,
    query: Query,
    *,
    k: int = 5,
    offset: int = 0,
    settings: SearchSettings | None = None,
) -> SearchResult:
    settings = settings or SearchSettings()
    if query.kind == "empty" or (query.kind in SPEAKER_KINDS and not query.speakers):
        return SearchResult(query, [])
    wanted = max(MIN_CANDIDATES, CANDIDATES_PER_ANSWER * (offset + k))
    terms_text = query.phrase if query.kind == "who-said" else " ".join(query.topic_terms)
    tokens = list(dict.fromkeys(archive.tokenizer.tokenize(terms_text))) if terms_text else []
    if query.kind in ("who-said", "topic") and not tokens:
        return SearchResult(query, [])

    cand, speaker_score = _speaker_candidates(archive, query)
    cand, speaker_score = _date_filter(archive, query, cand, speaker_score)
    text = _text_scores(archive, _with_variants(archive, tokens), cand)
    if cand is None:
        # No speaker asked: take the best text matches across the archive.
        mask = _date_mask(archive, query)
        idx, _ = top_k(text, wanted, mask=mask)
        cand = idx.astype(np.int64)
        speaker_score = np.zeros(len(cand), dtype=np.float32)
        text = text[cand]
    else:
        # Decode only the most promising: by text when there is a topic, else by the
        # signals the arrays hold (speaker match, quality, recency).
        if tokens:
            prior = text
        else:
            rel, shape = _prior(archive, cand, speaker_score, query)
            prior = rel * shape
        keep = np.argsort(-prior, kind="stable")[: max(wanted * 2, 120) if tokens else wanted]
        cand, speaker_score, text = cand[keep], speaker_score[keep], text[keep]
    if len(cand) == 0:
        return SearchResult(query, [])

    weights = _term_weights(archive, tokens)
    best_text = float(text.max()) if len(text) and text.max() > 0 else 1.0
    base, shape = _prior(archive, cand, speaker_score, query)
    text_part = np.zeros(len(cand))
    ok = np.ones(len(cand), dtype=bool)
    if tokens:
        ok, coverage = _relevant(archive, query, weights, cand, settings.min_topic_coverage)
        text_part = 0.5 * text.astype(np.float64) / best_text + 0.5 * coverage
    score = (base + np.asarray(relevance(text_part, 0.0, 0.0), dtype=np.float64)) * shape
    cand, score = cand[ok], score[ok]
    order = np.lexsort((cand, -score))
    cand, score = cand[order], score[order]
    if settings.fold_duplicates:
        # Statements carried word for word by several articles count once.
        total = len(np.unique(archive.quote_group[cand]))
        answers = _fold_duplicates(archive, cand, score, offset + k)
    else:
        total = len(cand)
        answers = [
            build_answer(archive, int(qi), score=round(float(sc), 4))
            for qi, sc in zip(cand[: offset + k].tolist(), score[: offset + k].tolist(), strict=True)
        ]
    if not answers and query.kind == "speaker+topic":
        query.suggestions = _others_on_topic(archive, query, settings)
    return SearchResult(query, answers[offset : offset + k], total=total)


def _others_on_topic(archive: Archive, query: Query, settings: SearchSettings) -> list[str]:
    """When the asked speaker never spoke on the topic: who did."""
    topic_only = replace(query, kind="topic", speakers=[], role_text=None, suggestions=[])
    found = search(archive, topic_only, k=10, settings=settings).answers
    out: list[str] = []
    for a in found:
        label = a.speaker.name or a.speaker.display
        if a.speaker.role:
            label += f", {a.speaker.role}"
        label += f" (on {' '.join(query.topic_terms)}, {a.day.isoformat() if a.day else 'undated'})"
        if a.speaker_id is not None and all(not x.startswith(a.speaker.name or "?") for x in out):
            out.append(label)
    return out[:3]


# -- candidates -----------------------------------------------------------------


def _speaker_candidates(archive: Archive, query: Query) -> tuple[np.ndarray | None, np.ndarray]:
    """Quotes of the asked speakers with a 0..1 speaker score each (None: no speaker asked)."""
    if not query.speakers:
        return None, np.zeros(0, dtype=np.float32)
    role_words = role_tokens(query.role_text) if query.role_text else frozenset()
    id_parts: list[np.ndarray] = []
    score_parts: list[np.ndarray] = []
    for cand in query.speakers:
        ids = archive.quotes_of(cand.speaker_id).astype(np.int64)
        if cand.via == "role" and role_words:
            ids = ids[_held_role(archive, cand.speaker_id, role_words, ids)]
        id_parts.append(ids)
        score_parts.append(np.full(len(ids), cand.score / 100.0, dtype=np.float32))
    if not id_parts:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    ids = np.concatenate(id_parts)
    scores = np.concatenate(score_parts)
    # One entry per quote, with the best score any candidate gave it.
    order = np.lexsort((-scores, ids))
    ids, scores = ids[order], scores[order]
    first = np.ones(len(ids), dtype=bool)
    first[1:] = ids[1:] != ids[:-1]
    return ids[first], scores[first]


def _held_role(archive: Archive, speaker_id: int, role_words: frozenset[str], ids: np.ndarray) -> np.ndarray:
    """Mask over a speaker's quotes: said while holding the asked role.

    A quote counts when its day falls near a period the speaker was seen in that
    role, or in a less specific wording of it ("the ministry's spokesman"), and not
    inside a period the speaker held some other role only.
    """
    speaker = archive.speakers[speaker_id]
    if speaker.kind == "body" and role_words <= role_tokens(speaker.name):
        return np.ones(len(ids), dtype=bool)
    periods = _role_periods(archive, speaker_id, role_words)
    days = archive.quote_day[ids].astype(np.int64)
    undated = days == NO_DAY
    if periods.undated_wanted:
        in_role = np.ones(len(ids), dtype=bool)
    else:
        in_role = undated | _in_periods(days, periods.wanted, ROLE_SLACK_DAYS)
    inside_wanted = _in_periods(days, periods.wanted, 0)
    inside_other = _in_periods(days, periods.others, 0)
    return in_role & ~(inside_other & ~inside_wanted & ~undated)


@dataclass(frozen=True, slots=True)
class _RolePeriods:
    """Day ranges (first seen, last seen) of a speaker's spells in and out of a role."""

    wanted: tuple[tuple[int, int], ...]
    others: tuple[tuple[int, int], ...]
    undated_wanted: bool  # a spell in the role with no dates: any day may be in it


def _role_periods(archive: Archive, speaker_id: int, role_words: frozenset[str]) -> _RolePeriods:
    wanted_spells, other_spells = archive.speaker_index.role_spells(speaker_id, role_words)
    wanted = [(day_number(s.first_seen), day_number(s.last_seen))
              for s in wanted_spells if s.first_seen is not None and s.last_seen is not None]
    others = [(day_number(s.first_seen), day_number(s.last_seen))
              for s in other_spells if s.first_seen is not None and s.last_seen is not None]
    return _RolePeriods(tuple(wanted), tuple(others), undated_wanted=len(wanted) < len(wanted_spells))


def _in_periods(days: np.ndarray, periods: Sequence[tuple[int, int]], slack: int) -> np.ndarray:
    """Per day: inside some period widened by `slack` days on both sides.  Overlapping
    periods are merged first, so one binary search per day finds the only candidate."""
    if not periods:
        return np.zeros(len(days), dtype=bool)
    merged: list[list[int]] = []
    for a, b in sorted((a - slack, b + slack) for a, b in periods):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    bounds = np.asarray(merged, dtype=np.int64)
    at = np.searchsorted(bounds[:, 0], days, side="right") - 1
    return (at >= 0) & (days <= bounds[np.maximum(at, 0), 1])


def _prior(archive: Archive, cand: np.ndarray, speaker_score: np.ndarray, query: Query) -> tuple[np.ndarray, np.ndarray]:
    """What the arrays alone say about candidates: (relevance without the topic, form)."""
    days = archive.quote_day[cand].astype(np.int64)
    newest = day_number(archive.newest_day) if archive.newest_day else 0
    recent = np.where(days == NO_DAY, 0.0, recency(newest - days))
    if query.kind == "latest":
        recent = recent * 4.0  # the newest statement first
    rel = np.asarray(relevance(0.0, speaker_score, recent), dtype=np.float64)
    shape = np.asarray(form(archive.quote_quality[cand], archive.quote_rank[cand]), dtype=np.float64)
    return rel, shape


def _date_mask(archive: Archive, query: Query) -> np.ndarray | None:
    if query.date_from is None and query.date_to is None:
        return None
    days = archive.quote_day
    mask = days != NO_DAY
    if query.date_from is not None:
        mask &= days >= day_number(query.date_from)
    if query.date_to is not None:
        mask &= days <= day_number(query.date_to)
    return mask


def _date_filter(
    archive: Archive, query: Query, cand: np.ndarray | None, speaker_score: np.ndarray
) -> tuple[np.ndarray | None, np.ndarray]:
    if cand is None or (query.date_from is None and query.date_to is None):
        return cand, speaker_score
    days = archive.quote_day[cand]
    keep = days != NO_DAY
    if query.date_from is not None:
        keep &= days >= day_number(query.date_from)
    if query.date_to is not None:
        keep &= days <= day_number(query.date_to)
    return cand[keep], speaker_score[keep]


def _text_scores(archive: Archive, tokens: list[str], cand: np.ndarray | None) -> np.ndarray:
    """BM25 of the quote plus a share of its passage's, for the candidates (or all quotes)."""
    n = archive.n_quotes if cand is None else len(cand)
    if not tokens:
        return np.zeros(n, dtype=np.float32)
    combined = archive.text_engine
    if combined is not None:  # both sums folded into one matrix at build (text_matrix.py)
        return combined.scores(tokens) if cand is None else combined.scores_of(tokens, cand)
    if cand is None:
        qs = archive.quote_engine.scores(tokens)
        ps = archive.passage_engine.scores(tokens)
        return qs + PASSAGE_WEIGHT * ps[archive.quote_passage]
    qs = archive.quote_engine.scores_of(tokens, cand)
    ps = archive.passage_engine.scores_of(tokens, archive.quote_passage[cand])
    return qs + PASSAGE_WEIGHT * ps


# -- relevance ------------------------------------------------------------------


def _term_weights(archive: Archive, tokens: list[str]) -> dict[str, float]:
    """Inverse document frequency of each query token over quotes (rarer = heavier).

    A word the archive never uses cannot tell quotes apart, but it can tell that the
    archive may not cover the topic: it weighs half as much as an average known word,
    so "covid vaccine" still finds vaccine quotes, while "cholera" alone finds nothing.
    """
    n = max(archive.n_quotes, 1)
    weights: dict[str, float] = {}
    absent: list[str] = []
    for t in tokens:
        df = archive.passage_engine.document_frequency(t)
        if df == 0:
            absent.append(t)
            continue
        dfq = archive.quote_engine.document_frequency(t)
        weights[t] = float(np.log(1.0 + (n - dfq + 0.5) / (dfq + 0.5)))
    known_mean = sum(weights.values()) / len(weights) if weights else 1.0
    for t in absent:
        weights[t] = 0.5 * known_mean
    return weights


def _with_variants(archive: Archive, tokens: list[str]) -> list[str]:
    """Query tokens plus a shorter form the archive uses ("syrian" -> "syria", "salti" ->
    "salt"), so BM25 finds an article on Syria for a question about the Syrian border."""
    out = list(dict.fromkeys(tokens))
    for t in tokens:
        for cut in (1, 2, 3):
            shorter = t[:-cut]
            if len(shorter) >= 4 and shorter not in out and archive.passage_engine.document_frequency(shorter) > 0:
                out.append(shorter)
                break
    return out


def _coverage(weights: dict[str, float], present: dict[str, np.ndarray], n: int) -> np.ndarray:
    """Per candidate: the share of the topic's idf weight whose words are present."""
    total = sum(weights.values())
    if total <= 0:
        return np.zeros(n)
    have = np.zeros(n)
    for t, w in weights.items():
        have = have + np.where(present[t], w, 0.0)
    return have / total


def _relevant(
    archive: Archive, query: Query, weights: dict[str, float], cand: np.ndarray, min_coverage: float
) -> tuple[np.ndarray, np.ndarray]:
    """Which candidates clear the bar, and their topic coverage (0..1), from the indexes alone.

    A topic word counts when the quote, its passage (indexed with the headline) or the
    article's lead paragraph (which in news says what the story is about) holds it in
    some form ("syrian" / "syria"): the BM25 posting lists answer that without
    decoding or tokenizing any text.
    """
    qe, pe = archive.quote_engine, archive.passage_engine
    n = len(cand)
    forms = {t: (qe.word_forms(t), pe.word_forms(t)) for t in weights}
    in_quote_t = {t: qe.documents_holding_any(forms[t][0], cand) for t in weights}
    in_quote = _coverage(weights, in_quote_t, n)
    if query.kind == "who-said":
        phrase = _plain(query.phrase or "")
        coverage = in_quote.copy()
        for j, qi in enumerate(cand.tolist()):
            if in_quote[j] == 0.0 or in_quote[j] >= 1.0:
                continue  # shares no word with the phrase (cannot hold it), or holds them all
            quote = _plain(archive.quote_text(qi))
            # The phrase must lie inside the quote, not the quote inside the phrase ("safe").
            # Only a near-verbatim match counts, so weaker alignments are cut short.
            similar = fuzz.partial_ratio(phrase, quote, score_cutoff=90) / 100.0 if len(quote) >= len(phrase) else 0.0
            coverage[j] = max(in_quote[j], similar)
        return coverage >= PHRASE_COVERAGE_MIN, coverage
    passages = archive.quote_passage[cand]
    leads = archive.lead_passages_of(cand)
    context_t = {
        t: in_quote_t[t]
        | pe.documents_holding_any(forms[t][1], passages)
        | pe.documents_holding_any(forms[t][1], leads)
        for t in weights
    }
    context = _coverage(weights, context_t, n)
    ok = (context >= min_coverage) & ((in_quote >= QUOTE_COVERAGE_MIN) | (query.kind != "topic"))
    return ok, 0.7 * context + 0.3 * in_quote


_NON_ALNUM = re.compile(r"[^\w]+")


def _plain(text: str) -> str:
    return _NON_ALNUM.sub(" ", text.lower()).strip()


# -- answers --------------------------------------------------------------------


def build_answer(archive: Archive, qi: int, sq: StoredQuote | None = None, *, score: float = 0.0) -> Answer:
    """The answer for stored quote `qi`, with the directory's name and the role held then."""
    sq = sq or archive.stored_quote(qi)
    q = sq.quote
    day = archive.quote_day_of(qi)
    speaker = q.speaker
    if sq.speaker_id >= 0:
        entry = archive.speakers[sq.speaker_id]
        role = speaker.role
        org = speaker.organization
        if not role:
            held = entry.role_on(day)
            role, org = (held.role, held.organization) if held else (None, org)
        speaker = SpeakerRef(
            name=entry.name,
            role=role,
            organization=org or entry.organization,
            title=speaker.title or entry.title,
            kind=entry.kind,
            mention=speaker.mention,
            mention_kind=speaker.mention_kind,
            confidence=speaker.confidence,
        )
    return Answer(
        quote=q.text,
        kind=q.kind,
        speaker=speaker,
        speaker_id=sq.speaker_id if sq.speaker_id >= 0 else None,
        day=day,
        article=archive.article(sq.article_index),
        passage=archive.passage(sq.passage_index).text,
        score=score,
        quote_id=qi,
    )


def _fold_duplicates(archive: Archive, cand: np.ndarray, score: np.ndarray, wanted: int) -> list[Answer]:
    """Answers in rank order, one per statement: the same words carried by several
    articles, or a quote inside a longer one by the same speaker, are folded into the
    better-ranked answer.  Answers are built (records decoded) only as far as needed:
    until `wanted` are kept and the next one is known to differ."""
    kept: list[Answer] = []
    kept_groups: list[int] = []
    groups = archive.quote_group[cand[: 4 * (wanted + 1)]].tolist()  # enough for the usual run
    for n, (qi, sc) in enumerate(zip(cand.tolist(), score.tolist(), strict=True)):
        if len(kept) > wanted:
            break
        a = build_answer(archive, qi, score=round(sc, 4))
        group = groups[n] if n < len(groups) else int(archive.quote_group[qi])
        twin = next(
            (
                k
                for k, g in zip(kept, kept_groups, strict=True)
                if g == group
                or (k.speaker_id == a.speaker_id and fuzz.token_set_ratio(k.quote, a.quote) >= DUPLICATE_SIMILARITY)
            ),
            None,
        )
        if twin is None:
            kept.append(a)
            kept_groups.append(group)
        elif twin.article.id != a.article.id and all(x.id != a.article.id for x in twin.also_in):
            twin.also_in.append(a.article)
    return kept
