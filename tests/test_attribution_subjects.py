"""Subjects the speaker scan must read past: an article plus adjective before a name,
a non-breaking space inside a name, and document nouns that speak (own wording)."""
from __future__ import annotations

import pytest

from index.attribution import attribute_quotes
from index.models import Article


def _speakers(body: str) -> list[tuple[str | None, str | None]]:
    quotes = attribute_quotes(Article(id="t", title="T", body=body))
    return [(getattr(q.speaker, "name", None), getattr(q.speaker, "role", None)) for q in quotes]


@pytest.mark.parametrize("body, name", [
    # an indefinite article and a hyphenated adjective before the name
    ('Then a calm-looking Delacroix said: "We have enough support."', "Delacroix"),
    ('A furious Montrose said: "This cannot stand."', "Montrose"),
    # a non-breaking space between given name and surname: the name gets a plain space
    ('Podcast co-host Elio\xa0Varga mused: "This is plainly silly."', "Elio Varga"),
    ('Ana\u00a0Ortiz said: "We will win."', "Ana Ortiz"),
])
def test_named_subject(body: str, name: str) -> None:
    assert _speakers(body) == [(name, None)]


@pytest.mark.parametrize("body, role", [
    ('The voice-over says: "He broke every promise."', "voice-over"),
    ('The email goes on to say: "Donate before midnight."', "email"),
])
def test_document_noun_speaks(body: str, role: str) -> None:
    [(name, got)] = _speakers(body)
    assert name is None and got is not None and got.lower().endswith(role)


def test_subject_between_dashes() -> None:
    assert _speakers('The nominee \u2014 Ohio Gov. Lena Marsh \u2014 has said: "We will fight."')[0][0] \
        == "Lena Marsh"
    # the role before the dashes stays the person's; a place between dashes is no subject
    quotes = attribute_quotes(Article(id="t", title="T", body=(
        "Ferry strike.\n\nThe union's chief \u2014 Tomas Vira \u2014 told crews the deal was "
        "\u201ca betrayal.\u201d")))
    assert [q.speaker.name for q in quotes] == ["Tomas Vira"]
    assert all(name != "Oslo" for name, _ in _speakers(
        'The ferry \u2014 Oslo \u2014 has said: "We will sail at six as planned."'))


def test_adjective_subject_is_antecedent() -> None:
    # "An angry X <verb>": X is who the sentence is about, so the later "he" is X
    body = ('Paul Ibarra and Tom Montrose met on Monday. Ibarra spoke first. '
            'An angry Montrose retaliated. "This is unacceptable," he said.')
    [(name, _)] = _speakers(body)
    assert name in ("Montrose", "Tom Montrose")
