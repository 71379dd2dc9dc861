"""Reported clauses: where they start and end, and shapes found without a that-clause.

Each test states one phenomenon in a sentence written for it.  Most look at the clauses
the rules find (`find_clauses`), before the learned check; a few go through the public
API with the check switched off, for the speaker.
"""

from __future__ import annotations

import json

import pytest

from index.attribution import judge
from index.attribution.document import Document
from index.attribution.indirect import Clause, find_clauses
from index.attribution.resolve import Resolution
from tests.attribution_helpers import one, quotes_of, without_judge

LEAD = "The council met on Monday. "  # a first sentence, so that the tested one is not a title


def _clauses(sentence: str) -> tuple[str, list[Clause]]:
    body = LEAD + sentence
    return body, find_clauses(Document(body))


def _texts(sentence: str) -> list[str]:
    body, clauses = _clauses(sentence)
    return [body[c.start:c.end] for c in clauses]


def _clause(sentence: str, words: str) -> tuple[str, Clause]:
    body, clauses = _clauses(sentence)
    found = [c for c in clauses if words in body[c.start:c.end]]
    assert len(found) == 1, [body[c.start:c.end] for c in clauses]
    return body[found[0].start:found[0].end], found[0]


# -- where the clause starts ------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "Mayor Tia Brandt announced early Tuesday that the ferry would stop running in May.",
    "Mayor Tia Brandt announced last month that the ferry would stop running in May.",
])
def test_time_adjunct_between_verb_and_that(sentence: str) -> None:
    text, _ = _clause(sentence, "ferry")
    assert text == "the ferry would stop running in May"


def test_indefinite_hearer_right_after_the_verb() -> None:
    text, clause = _clause("Governor Emil Varga told a crowd that the canal would be repaired.",
                           "canal")
    assert text == "the canal would be repaired" and clause.cue.text == "told"


def test_indefinite_noun_after_an_adjunct_is_no_hearer() -> None:
    # 'spoke in a hall on a hill that overlooks ...': the "that" opens a relative clause
    assert not any("overlooks" in t for t in _texts(
        "Governor Emil Varga spoke in a hall on a hill that overlooks the old harbor."))


def test_reported_takes_a_clause_without_that() -> None:
    text, _ = _clause("The Valley Gazette reported on Monday the water board had lost its "
                      "license.", "water board")
    assert text == "the water board had lost its license"


# -- where the clause ends --------------------------------------------------------------

def test_report_inside_a_relative_clause_ends_at_its_closing_comma() -> None:
    text, _ = _clause("Judge Omar Reyes, who said last week that the contract was void, "
                      "issued a new ruling on Friday.", "contract")
    assert text == "the contract was void"


def test_comma_inside_the_relative_report_that_closes_nothing() -> None:
    text, _ = _clause("Judge Omar Reyes, who said that both firms, and the smaller one in "
                      "particular, must pay the fine, issued a ruling.", "both firms")
    assert text.startswith("both firms, and the smaller one") and "must pay the fine" in text


def test_relative_clause_after_an_object_belongs_to_it() -> None:
    body, clauses = _clauses("Senator Rosa Imbert endorsed a candidate who grew up on a farm.")
    obj = [body[c.start:c.end] for c in clauses if c.shape == "object"]
    assert obj == ["a candidate who grew up on a farm"]


# -- "as" attributions --------------------------------------------------------------------

def test_as_clause_opening_the_sentence() -> None:
    text, clause = _clause("As Nadia Frey noted in her report, the old pier will need new "
                           "pilings.", "pier")
    assert text == "the old pier will need new pilings"
    assert clause.frame.subject is not None and clause.frame.subject.chunks[0].name == "Nadia Frey"


def test_as_clause_closing_the_sentence() -> None:
    text, _ = _clause("The dredging will cost more than planned, as Nadia Frey has noted.",
                      "dredging")
    assert text == "The dredging will cost more than planned"


def test_as_clause_without_a_reporting_verb_reports_nothing() -> None:
    assert not any("brother" in t for t in _texts(
        "As Nadia Frey joked with her neighbor at the table, her brother grew restless."))


# -- unnamed speakers by their words --------------------------------------------------------

@pytest.mark.parametrize("sentence, speaker", [
    ("On the budget, 41% say they trust the council.", "41%"),
    ("Thirty percent of those polled say they would move away.", "Thirty percent of those polled"),
])
def test_share_of_those_polled_as_speaker(sentence: str, speaker: str) -> None:
    _, clause = _clause(sentence, "they")
    assert clause.frame.unattributed and clause.frame.speaker_text == speaker


# -- according to ---------------------------------------------------------------------------

def test_according_to_after_a_sentence_holding_a_stance_verb() -> None:
    text, clause = _clause("Lee did well among farmers who believe that the tariffs hurt them, "
                           "according to exit polls.", "did well")
    assert clause.cue.text == "according to"
    assert text == "Lee did well among farmers who believe that the tariffs hurt them"


def test_according_to_closing_the_sentence_without_a_comma() -> None:
    text, _ = _clause("Lee now leads Ortiz 48 percent to 41 percent according to a new poll.",
                      "leads")
    assert text == "Lee now leads Ortiz 48 percent to 41 percent"


# -- questions ------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, question", [
    ("Judge Omar Reyes was asked whether the ruling would stand.",
     "whether the ruling would stand"),
    ("\"Never,\" Reyes said when asked by a reporter if he would resign.",
     "if he would resign"),
    ("Asked at a hearing on Monday whether the levy would rise, the clerk shrugged.",
     "whether the levy would rise"),
    ("Judge Omar Reyes was asked about the levy during the hearing.", "the levy"),
])
def test_question_put_by_somebody_unnamed(sentence: str, question: str) -> None:
    text, clause = _clause(sentence, question.split()[-1])
    assert text == question and clause.frame.unattributed


def test_question_through_the_api_has_no_speaker(monkeypatch: pytest.MonkeyPatch) -> None:
    without_judge(monkeypatch)
    q = one(quotes_of(LEAD + "Judge Omar Reyes was asked whether the ruling would stand."),
            "ruling")
    assert q.kind == "indirect" and q.text == "whether the ruling would stand"
    assert q.speaker.name is None


def test_a_question_that_is_only_a_pronoun_is_no_quote() -> None:
    quotes = quotes_of("Mayor Ines Varga was asked about it on Monday.")
    assert not any(q.text == "it" for q in quotes)


# -- the learned check (judge): the facts it weighs ----------------------------------------

def _features(sentence: str, words: str) -> list[str]:
    body, clauses = _clauses(sentence)
    found = [c for c in clauses if words in body[c.start:c.end]]
    assert len(found) == 1, [body[c.start:c.end] for c in clauses]
    doc = Document(body)
    clause = [c for c in find_clauses(doc) if c.start == found[0].start][0]
    return judge.clause_features(doc, clause, Resolution(None, "someone", "name", 0.9))


def test_words_after_a_post_quote_verb_are_marked() -> None:
    # '"...," X said outside the hall': the quote was the content, the rest an adjunct
    fs = _features('"The ferry is safe," Mayor Lena Ortiz said outside the town hall.',
                   "town hall")
    assert {"after_quote", "after_quote|prep"} <= set(fs)
    assert "after_quote" not in _features("Mayor Lena Ortiz said the ferry was safe.", "ferry")


@pytest.mark.parametrize("sentence, words, group", [
    ("Critics could argue that the new levy costs too much.", "levy", "modal"),
    ("Mayor Lena Ortiz did not say whether the vote would be delayed.", "vote", "neg"),
    ("The mayor drove to the harbor to praise the volunteers.", "volunteers", "to"),
    ("Mayor Lena Ortiz, who endorsed the levy, lost the vote.", "levy", "rel"),
    ("Mayor Lena Ortiz said the ferry was safe.", "ferry", "other"),
])
def test_the_word_before_the_verb_gives_its_mood(sentence: str, words: str, group: str) -> None:
    assert "cprev:" + group in _features(sentence, words)


def test_a_title_case_line_is_marked() -> None:
    assert "title_case" in _features("Ortiz Says Harbor Ferry Will Stop Next Spring", "Ferry")
    assert "title_case" not in _features("Mayor Lena Ortiz said the ferry was safe.", "ferry")


def test_the_check_drops_an_adjunct_after_a_quote_and_keeps_a_plain_report(
        monkeypatch: pytest.MonkeyPatch) -> None:
    post = '"The ferry is safe," Mayor Lena Ortiz said outside the town hall.'
    assert not any("town hall" in q.text for q in quotes_of(LEAD + post))
    q = one(quotes_of(LEAD + "Mayor Lena Ortiz said the ferry was safe."), "ferry")
    assert (q.kind, q.text) == ("indirect", "the ferry was safe")
    without_judge(monkeypatch)  # (the rules did find the adjunct: the check dropped it)
    assert any("town hall" in q.text for q in quotes_of(LEAD + post))


def test_the_model_file_is_plain_json_with_a_threshold() -> None:
    model = json.loads(judge.MODEL_PATH.read_text(encoding="utf-8"))
    assert 0.0 < model["threshold"] < 1.0
    assert all(isinstance(w, float) for w in model["weights"].values())
    assert len(model["weights"]) < 3000  # small: one weight per frequent fact
