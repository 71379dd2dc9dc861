"""The article's registry of people: lookups by name stay right as people are added.

`Registry.find_person` remembers a lookup that found nobody, or exactly one person by
surname; adding a person or a fuller spelling must make it look again.
"""

from __future__ import annotations

from index.attribution.resolve import Registry
from tests.attribution_helpers import one, quotes_of


def test_a_miss_is_looked_up_again_after_a_new_person() -> None:
    reg = Registry()
    reg.add_person("Dana Whitby", pos=0)
    assert reg.find_person("Brandt", 10) is None
    ilse = reg.add_person("Ilse Brandt", pos=20)
    assert reg.find_person("Brandt", 30) is ilse


def test_a_single_match_is_looked_up_again_after_a_namesake() -> None:
    reg = Registry()
    dana = reg.add_person("Dana Whitby", pos=0)
    assert reg.find_person("Whitby", 10) is dana
    carl = reg.add_person("Carl Whitby", pos=20)
    assert reg.find_person("Whitby", 30) is carl  # the one mentioned last
    assert reg.find_person("Whitby", 15) is dana


def test_a_title_still_rules_out_a_remembered_match() -> None:
    reg = Registry()
    reg.add_person("Carl Whitby", title="Mr.", pos=0)
    assert reg.find_person("Whitby", 10) is not None
    assert reg.find_person("Whitby", 10, title="Mrs.") is None


def test_a_known_spelling_adds_the_mention() -> None:
    reg = Registry()
    e = reg.add_person("Ada Obi", pos=0)
    assert reg.add_person("Ada Obi", pos=50) is e and e.positions == [0, 50]
    assert reg.add_person("Obi", pos=80) is e and e.name == "Ada Obi"


def test_a_fuzzy_surname_miss_is_tried_again_on_a_new_surname_only() -> None:
    reg = Registry()
    reg.add_person("Dana Whitby", pos=0)
    assert reg.find_person("Kowalczyk", 10) is None  # no surname near it
    assert reg._fuzzy_misses["kowalczyk"] == 1  # (the one surname is known to miss)
    jan = reg.add_person("Jan Kowalczik", pos=20)  # a new surname a letter away
    assert reg.find_person("Kowalczyk", 30) is jan
    assert reg.find_person("Whitbey", 40) is not None  # a spelling variant of an old one


def test_a_new_spelling_of_a_known_person_keeps_other_misses() -> None:
    reg = Registry()
    dana = reg.add_person("Dana Whitby", pos=0)
    assert reg.find_person("Ferreira", 10) is None
    assert reg.add_person("Whitby", pos=20) is dana  # a new key, the same person
    assert "ferreira" in reg._no_match and reg.find_person("Ferreira", 30) is None
    assert reg.find_person("Whitby", 40) is dana


def _fields(ref) -> tuple:
    return (ref.name, ref.role, ref.organization, ref.title, ref.kind, ref.mention,
            ref.mention_kind, ref.confidence)


def test_a_resolution_fills_its_speaker_field_by_field() -> None:
    from index.attribution.resolve import Resolution

    reg = Registry()
    ada = reg.add_person("Ada Obi", title="Dr.", pos=0)
    reg.set_role(ada, "mayor of Tarn", "Tarn", "mayor")
    assert _fields(Resolution(ada, "Obi", "name", 0.9).speaker()) == (
        "Ada Obi", "mayor of Tarn", "Tarn", "Dr.", "person", "Obi", "name", 0.9)
    board = reg.add_body("Tarn Water Board", pos=5)
    assert _fields(Resolution(board, "the board", "nominal", 0.8).speaker()) == (
        "Tarn Water Board", None, "Tarn Water Board", None, "body", "the board", "nominal", 0.8)
    unnamed = Resolution(None, "an aide", "nominal", 0.3, role="aide", organization="Tarn",
                         kind="person")
    assert _fields(unnamed.speaker()) == (
        None, "aide", "Tarn", None, "person", "an aide", "nominal", 0.3)


def test_a_named_campaign_is_not_the_latest_campaign() -> None:
    # "the Lena Dunne campaign" names whose campaign it is
    quotes = quotes_of("Ad war.\n\nThe Marsh campaign released an ad on Monday, saying taxes "
                       "would “double by spring.”\n\nThe Lena Dunne campaign answered on Tuesday, "
                       "saying the ad was “pure fiction.”")
    assert one(quotes, "double by spring").speaker.name == "Marsh campaign"
    assert one(quotes, "pure fiction").speaker.name == "Lena Dunne campaign"
