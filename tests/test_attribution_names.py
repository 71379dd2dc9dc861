"""The chunk scan's names, roles and appositives: junk noun phrases that must not become
named speakers (or pronoun antecedents), and offices it must read whole.

Every sentence here was written for these tests.
"""

from __future__ import annotations

from index.attribution.document import Document
from index.attribution.mentions import Chunk
from tests.attribution_helpers import one, quotes_of


def chunks(text: str) -> list[Chunk]:
    return Document(text).index.chunks


def names(text: str) -> list[str | None]:
    return [c.name for c in chunks(text) if c.kind in ("person", "name")]


# -- capitalised words that open a sentence --------------------------------------------------


def test_neither_opens_no_name() -> None:
    found = names("Neither Ada Okafor nor Ben Tull has commented on the merger.")
    assert "Ada Okafor" in found and "Ben Tull" in found
    assert not any((n or "").startswith("Neither ") for n in found)


def test_question_auxiliary_opens_no_name() -> None:
    found = names("Does Okafor, like her rivals, back the new bridge toll?")
    assert found[0] == "Okafor"


def test_sentence_adverb_opens_no_name() -> None:
    assert names("Perhaps Lindqvist will sign the treaty after all.") == ["Lindqvist"]


def test_indefinite_pronoun_stays_a_speaker_alone() -> None:
    # a speaker on its own, but never glued to the name after it
    assert names("Someone shouted from the gallery.") == ["Someone"]
    assert names("None Ortega ever met wanted the job.")[-1] == "Ortega"


def test_speaker_after_neither_is_the_name() -> None:
    quotes = quotes_of("Neither Greta Halvorsen nor her deputy attended the vote. "
                       "“We were never invited,” Halvorsen said.")
    credit = one(quotes, "never invited").speaker.credit or ""
    assert credit.endswith("Halvorsen") and "Neither" not in credit


def test_web_page_buttons_glued_to_names_are_no_name() -> None:
    found = names("Kim HartFlagShareLikeReplyLeo Brandt posted an update at noon.")
    assert not any("FlagShare" in (n or "") for n in found)


# -- places --------------------------------------------------------------------------------


def test_state_after_a_city_is_a_place() -> None:
    cs = chunks("Tom Reyes, the mayor of Dayton, Ohio, said the plan would pass.")
    ohio = next(c for c in cs if c.text == "Ohio")
    assert ohio.head == "place"


def test_state_after_a_city_is_not_the_speaker() -> None:
    quotes = quotes_of("Tom Reyes, the mayor of Dayton, Ohio, said the new levy “will fix "
                       "every road in the county by spring.”")
    q = one(quotes, "every road")
    assert q.speaker.name == "Tom Reyes"
    assert q.speaker.credit == "Tom Reyes, mayor of Dayton"


def test_state_named_person_is_still_a_person() -> None:
    assert names("Virginia Kessler said the budget was late.") == ["Virginia Kessler"]


def test_place_does_not_join_the_role_after_it() -> None:
    quotes = quotes_of("At a rally in Mesa, Arizona, the Republican nominee promised “a "
                       "wall of steel along every mile of the border.”")
    q = one(quotes, "wall of steel")
    assert "Arizona" not in (q.speaker.credit or q.speaker.display)


# -- offices and roles ---------------------------------------------------------------------


def test_deputy_office_is_one_role() -> None:
    cs = chunks("Deputy Trade Minister Lena Osei said the tariffs would stay.")
    assert cs[0].kind == "person" and cs[0].name == "Lena Osei"
    assert cs[0].role == "Deputy Trade Minister"


def test_lower_case_deputy_office_is_one_role() -> None:
    cs = chunks("The deputy finance minister said the tariffs would stay.")
    assert cs[0].kind == "role" and cs[0].role == "deputy finance minister"


def test_office_does_not_swallow_a_name() -> None:
    cs = chunks("Minister Ali Hassan Minister of the interior spoke.")
    assert cs[0].name == "Ali Hassan"


def test_role_complement_keeps_the_honorifics_name() -> None:
    cs = chunks("Ray Boone, a spokesman for Mrs. Kettering, said the talks had ended.")
    role = next(c for c in cs if c.kind == "role")
    assert role.role == "spokesman for Mrs. Kettering"


def test_plural_role_is_no_appositive_of_a_person() -> None:
    quotes = quotes_of("After the flood injured two Marlow police officers, Gov. Nina Castell "
                       "said the state would “cover every hospital bill, no questions asked.”")
    q = one(quotes, "hospital bill")
    assert q.speaker.name == "Nina Castell"
    assert "officers" not in (q.speaker.credit or "")


def test_time_zone_is_no_body() -> None:
    cs = chunks("The memo went out at 9 p.m. EST on Tuesday.")
    assert not any(c.text == "EST" for c in cs)


def test_role_complement_runs_past_a_possessive_honorific() -> None:
    cs = chunks("Ray Boone, a strategist for Mrs. Kettering's campaign, said it was over.")
    role = next(c for c in cs if c.kind == "role")
    assert role.role == "strategist for Mrs. Kettering's campaign"


def test_person_of_a_place_with_an_appositive_role() -> None:
    quotes = quotes_of("Rep. Ann Lowry of New Mexico, a longtime ally of the governor, said "
                       "the bill “will not survive the summer.”")
    assert one(quotes, "survive the summer").speaker.name == "Ann Lowry"


def test_former_opening_a_sentence_is_no_given_name() -> None:
    # "Former Marsh speechwriter ...": "Former Marsh" is nobody
    quotes = quotes_of("Ad war.\n\nFormer Marsh speechwriter John Vira published a column on "
                       "Monday. He wrote that the plan was “a fraud.”\n\nFormer Marsh aide Ada "
                       "Lund said the plan was “a fraud too.”")
    assert all(not (q.speaker.name or "").startswith("Former") for q in quotes)
    assert one(quotes, "fraud too").speaker.name == "Ada Lund"
