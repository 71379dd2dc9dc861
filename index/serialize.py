"""Answers, queries and quotes as the JSON other tools rely on (see DESIGN.md).

The documented keys never change meaning; new keys may be added.
"""

from __future__ import annotations

from typing import Any

from index.models import Answer, ArticleRef, Query, Quote


def query_to_json(q: Query) -> dict[str, Any]:
    return {
        "kind": q.kind,
        "speakers": [
            {"id": c.speaker_id, "name": c.name, "score": c.score, "via": c.via, "matched": c.matched}
            for c in q.speakers
        ],
        "role": q.role_text,
        "topic_terms": q.topic_terms,
        "phrase": q.phrase,
        "date_from": q.date_from.isoformat() if q.date_from else None,
        "date_to": q.date_to.isoformat() if q.date_to else None,
        "date_text": q.date_text,
        "suggestions": q.suggestions,
    }


def article_ref_to_json(a: ArticleRef) -> dict[str, Any]:
    return {"id": a.id, "title": a.title, "url": a.url, "source": a.source}


def answer_to_json(a: Answer) -> dict[str, Any]:
    return {
        "quote": a.quote,
        "kind": a.kind,
        "speaker": {
            "name": a.speaker.name,
            "role": a.speaker.role,
            "organization": a.speaker.organization,
            "title": a.speaker.title,
            "id": a.speaker_id,
        },
        "date": a.day.isoformat() if a.day else None,
        "article": article_ref_to_json(a.article),
        "passage": a.passage,
        "score": a.score,
        "also_in": [article_ref_to_json(x) for x in a.also_in],
    }


def result_to_json(question: str, query: Query, answers: list[Answer]) -> dict[str, Any]:
    return {
        "question": question,
        "interpretation": query_to_json(query),
        "answers": [answer_to_json(a) for a in answers],
    }


def quote_to_json(q: Quote) -> dict[str, Any]:
    """One quote in `python -m index quotes --json` output."""
    sp = q.speaker
    return {
        "start": q.start,
        "end": q.end,
        "text": q.text,
        "speaker": sp.name,
        "role": sp.role,
        "kind": q.kind,
        "cue": q.cue,
        "organization": sp.organization,
        "title": sp.title,
        "speaker_kind": sp.kind,
        "mention": sp.mention,
        "mention_kind": sp.mention_kind,
        "confidence": round(sp.confidence, 3),
        "credit": sp.credit,
    }
