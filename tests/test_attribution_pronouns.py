"""Pronoun antecedents (he / she / it) and how a resolved speaker is credited.

Every sentence here was written for these tests.
"""

from __future__ import annotations

from index.attribution.resolve import Registry, Resolver
from tests.attribution_helpers import one, quotes_of


def test_possessor_opening_a_sentence_is_a_he_antecedent() -> None:
    # "Halvorsen's plan ..." is about Halvorsen, though Tibbs was the last subject
    quotes = quotes_of("Mayor Ed Tibbs opened the hearing on Tuesday.\n\n"
                       "Councilman Rolf Halvorsen's plan for the harbor drew the loudest "
                       "objections. “The docks will pay for themselves,” he said.")
    q = one(quotes, "docks will pay")
    assert q.speaker.name == "Rolf Halvorsen" and q.speaker.mention_kind == "pronoun"


def test_possessor_of_the_other_gender_is_skipped() -> None:
    quotes = quotes_of("Mayor Ed Tibbs opened the hearing on Tuesday.\n\n"
                       "Councilwoman Mary Lindqvist's plan for the harbor drew objections. "
                       "“We should wait a year,” he said.")
    assert one(quotes, "wait a year").speaker.name == "Ed Tibbs"


def test_possessor_before_the_last_subject_does_not_win() -> None:
    quotes = quotes_of("Councilman Rolf Halvorsen's plan for the harbor drew objections.\n\n"
                       "Mayor Ed Tibbs then took the floor. “We should wait a year,” he said.")
    assert one(quotes, "wait a year").speaker.name == "Ed Tibbs"


def test_a_guessed_she_does_not_make_a_man_a_woman() -> None:
    # Okereke's gender shows nowhere: the first "she" can only guess him; the later "he"
    # must still be able to refer to him (the guess is not recorded as his gender)
    quotes = quotes_of("Senator Paul Wender arrived late.\n\n"
                       "Okereke spoke first. “The levy is fair,” she said.\n\n"
                       "Okereke answered the questions. “Nobody asked for more,” he said.")
    assert one(quotes, "Nobody asked").speaker.name == "Okereke"


def test_sentence_opening_word_written_in_lower_case_elsewhere_is_no_antecedent() -> None:
    # "You could ..." opens a sentence like a name, and the article writes "you" too:
    # a word, not a person a later "he" refers to
    reg = Registry()
    reg.text = ("Mayor Tomas Reyes toured the district. You could see the mud, and you "
                "could smell it.")
    mayor = reg.add_person("Tomas Reyes", title=None, pos=6)
    resolver = Resolver(reg)
    resolver.note(mayor, 6, spoke=True)
    word = reg.add_person("You", pos=39)
    resolver.note(word, 39)
    assert resolver.antecedent(80, "m") is mayor
    # a surname the article never writes in lower case stays a person
    reg.text += " Okafor listened."
    other = reg.add_person("Okafor", pos=len(reg.text) - 16)
    resolver.note(other, len(reg.text) - 16)
    assert resolver.antecedent(len(reg.text), "m") is other


def test_heading_word_is_no_it_antecedent() -> None:
    reg = Registry()
    reg.text = "FULL TEXT.\n\nThe full list of names was released."
    heading = reg.add_body("FULL", pos=0)
    resolver = Resolver(reg)
    resolver.note(heading, 0)
    assert resolver.last_body is None
    agency = reg.add_body("Harbor Authority", pos=20)
    resolver.note(agency, 20)
    assert resolver.last_body is agency


def test_body_with_its_acronym_is_credited_with_both() -> None:
    quotes = quotes_of("The Ministry of Fisheries (MOF) warned that tariffs would “choke the "
                       "smaller ports first.”")
    q = one(quotes, "smaller ports")
    assert q.speaker.name == "Ministry of Fisheries"
    assert q.speaker.credit == "Ministry of Fisheries (MOF)"
