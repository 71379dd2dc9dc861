"""Frames that give found direct quotes a speaker (issue 4): unnamed speakers kept by their
words, verbs the quote hangs on from further away, and block quotes.

Every sentence here was written for these tests.
"""

from __future__ import annotations

from index.attribution import attribute_quotes
from index.attribution.marks import find_quote_spans
from index.models import Article
from tests.attribution_helpers import one, quotes_of


def _unnamed_words(q) -> str | None:
    """The words an unnamed speaker is kept by (its role), None for a named one."""
    return q.speaker.role if q.speaker.name is None else None


# -- unnamed speakers by their words -------------------------------------------------------

def test_post_quote_noun_phrase_with_unknown_verb_is_the_speaker() -> None:
    quotes = quotes_of("The campaign released its first radio spot on Friday.\n\n"
                       "“Only one candidate has fixed a budget before,” a voice-over in the spot "
                       "declares. “The others have only talked about it.”")
    first = one(quotes, "fixed a budget")
    assert _unnamed_words(first) == "a voice-over in the spot"
    # the second piece of the split quote keeps the same speaker
    assert one(quotes, "only talked").speaker.role == "a voice-over in the spot"


def test_inverted_cue_with_unparsed_noun_phrase() -> None:
    quotes = quotes_of("“The orchard has never looked better,” said the 71-year-old.")
    assert _unnamed_words(one(quotes, "orchard")) == "the 71-year-old"


def test_noun_phrase_before_a_go_on_to_cue() -> None:
    quotes = quotes_of("The letter praised the volunteers at length.\n\n"
                       "The letter goes on to say: “We could not have opened the shelter "
                       "without every one of you.”")
    assert (_unnamed_words(one(quotes, "opened the shelter")) or "").endswith("letter")


def test_nearest_verb_with_unparsed_subject_beats_an_earlier_named_verb() -> None:
    quotes = quotes_of("Ada Voss said the plan was ready, and when asked about the cost, "
                       "the 52-year-old replied, “Nobody has counted the bridges yet, "
                       "so nobody knows.”")
    assert _unnamed_words(one(quotes, "counted the bridges")) == "the 52-year-old"


def test_name_after_the_quote_beats_an_unparsed_subject_before_it() -> None:
    quotes = quotes_of("The vote marks “the start of a long winter for the coalition,” said "
                       "Henrik Aalto, a member of the city council.")
    assert one(quotes, "long winter").speaker.name == "Henrik Aalto"


def test_adjective_before_a_name_after_the_quote() -> None:
    quotes = quotes_of("Lorenz Maier spoke first.\n\n"
                       "“We keep our promises here,” an irritated Maier retorted.")
    assert one(quotes, "keep our promises").speaker.name == "Lorenz Maier"


def test_short_title_after_an_unparsed_subject_stays_unattributed() -> None:
    quotes = quotes_of("A survey by the river trust found that “Blue Water” was the "
                       "favourite name.")
    assert not [q for q in quotes if q.kind == "direct" and q.speaker.role]


# -- verbs further from the quote -----------------------------------------------------------

def test_went_on_to_say_takes_the_subject_of_went() -> None:
    quotes = quotes_of("Council member Ines Barrow criticised the budget.\n\n"
                       "She went on to say, “The parks lose money every single year.”")
    q = one(quotes, "parks lose money")
    assert q.speaker.name == "Ines Barrow" and q.cue == "say"


def test_inverted_cue_after_an_opening_phrase() -> None:
    quotes = quotes_of("In other words, explained Colm Rafferty: “Why did the money go to "
                       "the airport?”")
    q = one(quotes, "airport")
    assert q.speaker.name == "Colm Rafferty" and q.cue == "explained"


def test_source_phrase_before_a_colon() -> None:
    quotes = quotes_of("The audit covered four years of spending.\n\n"
                       "More from the audit: “Several contracts were signed after the work "
                       "was already paid for.”")
    assert (_unnamed_words(one(quotes, "Several contracts")) or "").endswith("audit")


def test_here_is_a_name_before_a_colon() -> None:
    quotes = quotes_of("Hannelore Struck has changed her tune on tolls.\n\n"
                       "Here's Struck in 2009: “No road in this county will ever carry a toll "
                       "while I serve.”")
    assert one(quotes, "carry a toll").speaker.name == "Hannelore Struck"


def test_colon_after_a_verb_of_a_sentence_is_no_source_phrase() -> None:
    quotes = quotes_of("The money came from the river trust: “We give what we can spare.”")
    assert all(q.speaker.name != "river trust" for q in quotes)


# -- a quote alone after a paragraph about its speaker -------------------------------------

def test_quote_paragraph_after_a_paragraph_about_one_person() -> None:
    quotes = quotes_of("“The ferry will run all winter,” said Tomas Egede.\n\n"
                       "Egede stayed hopeful about the spring schedule.\n\n"
                       "“We will add two crossings a day once the ice melts.”")
    q = one(quotes, "two crossings")
    assert q.speaker.name == "Tomas Egede" and q.speaker.confidence <= 0.6


def test_quote_paragraph_after_a_paragraph_with_a_quote_is_not_inferred() -> None:
    # the paragraph before quotes someone else: no inference from its subject
    quotes = quotes_of("Rosa Lind, the harbour master, \"expects a calm week\" and said so.\n\n"
                       "“The storm season is over for this year, I promise.”")
    q = one(quotes, "storm season")
    assert q.cue is None or q.cue not in ("said", "expects")


def test_quote_paragraph_after_a_sentence_about_they_is_not_inferred() -> None:
    quotes = quotes_of("They stayed hopeful about the spring schedule.\n\n"
                       "“We will add two crossings a day once the ice melts.”")
    assert one(quotes, "two crossings").speaker.name is None


# -- block quotes ---------------------------------------------------------------------------

def test_quote_ending_in_a_colon_runs_on_into_the_next_paragraph() -> None:
    text = ("Vera Holm then set out her test for the candidates:\n\n"
            "\"Last spring my column listed my questions. Here they are:\n\n"
            "\"Has the candidate ever run a business?\n\n"
            "\"Will the candidate keep the clinic open?\"\n\n"
            "Holm did not say whom she backs.")
    paragraphs = []
    start = 0
    for part in text.split("\n\n"):
        paragraphs.append((start, start + len(part)))
        start += len(part) + 2
    spans = find_quote_spans(text, paragraphs)
    first = [s for s in spans if s.paragraph == 1]
    assert first and not first[0].closed  # the colon no longer drops the opening mark
    assert all(s.continues for s in spans if s.paragraph in (2, 3))
    quotes = attribute_quotes(Article(id="t", title="", body=text))
    assert one(quotes, "run a business").speaker.name == "Vera Holm"


# -- signatures and inverted frames after the quote ------------------------------------

def test_a_quote_paragraph_signed_by_a_dash_paragraph() -> None:
    quotes = quotes_of("We checked three claims from the debate.\n\n"
                       "\"The harbor fund has doubled since I took office.\"\n\n"
                       "- Mayor Ana Ruiz.\n\n"
                       "The fund grew by a third, not by half.")
    assert one(quotes, "harbor fund").speaker.name == "Ana Ruiz"


def test_a_dash_paragraph_that_runs_into_a_sentence_signs_nothing() -> None:
    quotes = quotes_of("The meeting ran late.\n\n"
                       "\"We will have to come back to this next week.\"\n\n"
                       "- Ana Ruiz spoke next and the room went quiet.\n\nThen it ended.")
    assert one(quotes, "come back").speaker.name is None


def test_any_verb_right_after_a_comma_quote_is_inverted() -> None:
    quotes = quotes_of("Many riders were angry about the new timetable.\n\n"
                       "“This is the worst schedule the line has ever had,” tweeted a commuter "
                       "from Leeds going by the name Pip.")
    assert _unnamed_words(one(quotes, "worst schedule")) == "commuter from Leeds"


def test_is_quoted_as_saying_after_the_quote() -> None:
    quotes = quotes_of("The pollster Dana Obi founded the firm in 2009.\n\n"
                       "“Our panel finds the voters others never reach,” Obi is quoted as saying.")
    assert one(quotes, "panel finds").speaker.name in ("Obi", "Dana Obi")


# -- quoted words inside a sentence about one speaker, with no reporting verb --------------

def test_quoted_words_in_a_sentence_about_one_person_are_that_person_s() -> None:
    quotes = quotes_of("The council met on Tuesday.\n\n"
                       "Mayor Ana Ruiz used the hearing to urge the landlords to \"keep every "
                       "tenant housed through the winter.\"")
    q = one(quotes, "tenant housed")
    assert q.speaker.name == "Ana Ruiz"
    assert q.speaker.confidence <= 0.5  # inferred: no verb says she spoke


def test_a_scare_quote_in_such_a_sentence_gets_no_speaker() -> None:
    quotes = quotes_of("The council met on Tuesday.\n\n"
                       "Mayor Ana Ruiz toured the \"new\" depot with the crew and left early.")
    assert not [q for q in quotes if q.text.startswith("new") and q.speaker.name]


def test_quoted_words_after_they_get_no_inferred_speaker() -> None:
    quotes = quotes_of("The crowd grew all evening.\n\n"
                       "They waved signs about \"fair rents for every family in town\" "
                       "until midnight.")
    assert all(q.speaker.name is None for q in quotes if "fair rents" in q.text)


def test_a_passive_verb_before_to_say_takes_its_subject() -> None:
    quotes = quotes_of("The hearing was quiet.\n\n"
                       "It was so calm that Mayor Ana Ruiz was prompted to say, \"I cannot "
                       "believe how civil this whole evening has been.\"")
    assert one(quotes, "how civil").speaker.name == "Ana Ruiz"


def test_a_verb_sentence_with_a_time_and_a_medium_before_a_quote() -> None:
    quotes = quotes_of("The vote count was slow.\n\n"
                       "Ana Ruiz tweeted on Wednesday. \"The count in the north is far from "
                       "over tonight.\"")
    assert one(quotes, "far from over").speaker.name == "Ana Ruiz"


def test_a_name_after_a_dash_before_the_colon_signs_the_quote() -> None:
    quotes = quotes_of("POLLS HAD A GOOD NIGHT - Pollsters agree - Ana Ruiz: “One of the lessons "
                       "of the night is that the late deciders broke late.” [Gazette.]")
    assert one(quotes, "late deciders").speaker.name == "Ana Ruiz"


def test_a_name_and_verb_after_a_comma_closed_quote_beat_the_clause_it_sits_in() -> None:
    quotes = quotes_of("The inquiry is still open.\n\n"
                       "The mayor cannot claim that “nothing was hidden from the council,” "
                       "Ana Ruiz added, calling for a new hearing.")
    assert one(quotes, "nothing was hidden").speaker.name == "Ana Ruiz"


def test_the_name_after_the_quote_beats_the_noun_ending_its_relative_clause() -> None:
    quotes = quotes_of("The race tightened.\n\n"
                       "\"Lee needs a plan for the north,\" Nate Ruiz, the pollster who founded "
                       "the site tweeted on Wednesday.")
    assert one(quotes, "plan for the north").speaker.name == "Nate Ruiz"
