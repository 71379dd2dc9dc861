"""Indirect speech: reported clauses, objects of stance verbs, sources that are no person.

One phenomenon per test, through the public API.  Every sentence here was written for
these tests.
"""

from __future__ import annotations

from index.models import Quote
from tests.attribution_helpers import one, quotes_of


def _indirect(quotes: list[Quote], words: str) -> Quote:
    q = one(quotes, words)
    assert q.kind == "indirect", q
    return q


# -- that-less clauses ------------------------------------------------------------------

def test_participle_of_say_takes_a_thatless_clause() -> None:
    quotes = quotes_of("Mayor Ruth Ansel defended the budget on Tuesday, saying the new school "
                       "would open in the spring.")
    q = _indirect(quotes, "new school")
    assert q.text == "the new school would open in the spring"
    assert q.speaker.name == "Ruth Ansel" and q.cue == "saying"


def test_time_adjunct_before_a_thatless_clause_is_left_out() -> None:
    quotes = quotes_of("Governor Ilse Marten said on Friday she would veto the harbor bill.")
    q = _indirect(quotes, "veto")
    assert q.text == "she would veto the harbor bill" and q.speaker.name == "Ilse Marten"


def test_long_subject_of_a_thatless_clause() -> None:
    quotes = quotes_of("Ivo Sandoval said the new rules for the harbor's small fishing fleet "
                       "aren't fair to anyone.")
    q = _indirect(quotes, "fishing fleet")
    assert q.text.startswith("the new rules") and q.text.endswith("fair to anyone")
    assert q.speaker.name == "Ivo Sandoval"


# -- nested reports ---------------------------------------------------------------------

def test_clause_whose_own_verb_reports_is_kept_whole_and_nested() -> None:
    quotes = quotes_of("Anna Keller, the director of the river trust, said she hopes the dam "
                       "will be removed next year.")
    outer = [q for q in quotes if q.cue == "said"]
    inner = [q for q in quotes if q.cue == "hopes"]
    assert outer and outer[0].text == "she hopes the dam will be removed next year"
    assert outer[0].speaker.name == "Anna Keller"
    # the hope is reported too, inside the first clause
    assert inner and inner[0].text == "the dam will be removed next year"
    assert outer[0].start <= inner[0].start and inner[0].end <= outer[0].end


# -- objects and infinitives --------------------------------------------------------------

def test_hearer_and_infinitive_after_urged() -> None:
    quotes = quotes_of("Senator Paula Grieve urged the council to delay the vote on the new "
                       "stadium.")
    q = _indirect(quotes, "delay the vote")
    assert q.text == "the council to delay the vote on the new stadium"
    assert q.speaker.name == "Paula Grieve"


def test_infinitive_runs_past_and_to_the_end_of_the_clause() -> None:
    quotes = quotes_of("Ministers from both countries agreed to share the cost of the bridge "
                       "and rely on one another for its upkeep.")
    q = _indirect(quotes, "share the cost")
    assert q.text.endswith("for its upkeep")


def test_verb_of_intention_reports_its_infinitive() -> None:
    quotes = quotes_of("Tom Vasquez wants to build a ferry terminal on the north shore.")
    q = _indirect(quotes, "ferry terminal")
    assert q.text == "to build a ferry terminal on the north shore"
    assert q.speaker.name == "Tom Vasquez"


def test_learned_phrase_with_a_preposition_reports_its_object() -> None:
    quotes = quotes_of("Senator Paula Grieve spoke about the ferry schedule at the town hall.")
    q = _indirect(quotes, "ferry schedule")
    assert q.speaker.name == "Paula Grieve" and q.cue == "spoke about"


def test_hearer_alone_or_an_adverb_is_no_content() -> None:
    quotes = quotes_of("Dora Lenz told reporters. Asked again, Dora Lenz said then. "
                       "\"We will see,\" Dora Lenz said sarcastically.")
    assert not [q for q in quotes if q.kind == "indirect"]


# -- sources that are no person -------------------------------------------------------------

def test_according_to_a_source_that_is_no_person() -> None:
    quotes = quotes_of("Freight traffic through the port fell 4 percent last year, according "
                       "to data released by the harbor office.")
    q = _indirect(quotes, "Freight traffic")
    assert q.text == "Freight traffic through the port fell 4 percent last year"
    assert q.speaker.name is None and q.speaker.role == "data released by the harbor office"


def test_postposed_attribution_to_a_plain_noun() -> None:
    quotes = quotes_of("The driver of the truck had not been drinking, police said.")
    q = _indirect(quotes, "driver of the truck")
    assert q.text == "The driver of the truck had not been drinking"
    assert q.speaker.name is None and q.speaker.role == "police"


def test_thatless_clause_may_hold_a_reporting_verb_of_its_subject() -> None:
    quotes = quotes_of("The union leader Karl Obst said the workers believe the factory will "
                       "close by the summer.")
    q = one([q for q in quotes if q.cue == "said"], "workers believe")
    assert q.text == "the workers believe the factory will close by the summer"
    assert q.speaker.name == "Karl Obst"


def test_clause_of_a_plural_pronoun_is_not_reported() -> None:
    # whom "they" stands for is too often guessed wrong; a body's "it" still speaks
    quotes = quotes_of("The two unions met the mayor on Monday. They said the strike would go "
                       "on until the summer.")
    assert not [q for q in quotes if "strike" in q.text]


def test_according_to_a_person_keeps_the_person() -> None:
    quotes = quotes_of("According to Mayor Tom Ruiz, the ferry will run again in May.")
    q = _indirect(quotes, "ferry will run")
    assert q.speaker.name == "Tom Ruiz"
