import pytest

from index.roles import has_role_head, role_key, role_tokens


@pytest.mark.parametrize(
    "variant",
    [
        "spokesman for the Ministry of Interior",
        "interior ministry spokesman",
        "spokesman of the interior ministry",
        "MoI spokesperson",
        "Interior Ministry's spokeswoman",
    ],
)
def test_interior_ministry_spokesman_variants_are_one_role(variant: str) -> None:
    assert role_tokens(variant) == {"spokesman", "ministry", "interior"}


def test_pm_military_spokesman_is_the_commander_in_chief_spokesman() -> None:
    target = role_tokens("spokesman for the Commander-in-Chief of the Armed Forces")
    assert role_tokens("the PM's military spokesman") == target
    assert role_tokens("commander in chief's spokesman") <= target


def test_abbreviations_expand() -> None:
    assert role_tokens("JOC spokesman") == role_tokens("spokesman for the Joint Operations Command")
    assert role_tokens("KRG spokesman") == role_tokens("spokesman for the Kurdistan Regional Government")


def test_regional_body_stays_distinct_from_federal() -> None:
    assert role_key("Ministry of Interior") != role_key("Kurdistan Region Ministry of Interior")
    assert role_key("Ministry of Interior") == role_key("Interior Ministry")


def test_minister_is_not_ministry() -> None:
    assert role_tokens("interior minister") != role_tokens("interior ministry")


def test_role_heads() -> None:
    assert has_role_head(role_tokens("interior ministry spokesman"))
    assert not has_role_head(role_tokens("the airport attack"))
