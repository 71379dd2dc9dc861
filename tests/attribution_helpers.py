"""Helpers for the attribution tests: run attribute_quotes on a body and pick quotes."""

from __future__ import annotations

import pytest

from index.attribution import attribute_quotes
from index.models import Article, Quote


def quotes_of(body: str, title: str = "Untitled") -> list[Quote]:
    """The quotes of an article with this body, checked to slice the body verbatim."""
    a = Article(id="t", title=title, body=body)
    quotes = attribute_quotes(a)
    for q in quotes:
        assert a.body[q.start:q.end] == q.text and q.text == q.text.strip()
    return quotes


def one(quotes: list[Quote], words: str) -> Quote:
    """The single quote holding `words`."""
    found = [q for q in quotes if words in q.text]
    assert len(found) == 1, f"{len(found)} quotes hold {words!r}: {[q.text for q in quotes]}"
    return found[0]


def without_judge(monkeypatch: pytest.MonkeyPatch) -> None:
    """Report every clause the rules find (the learned check off): for tests of a clause
    shape or a speaker, not of where the model's threshold happens to sit."""
    from index.attribution import judge

    monkeypatch.setattr(judge, "WEIGHTS", {})
