"""index.names: titles, keys, surnames and spelling-tolerant name comparison."""

from __future__ import annotations

import pytest

from index.names import canonical_title, match_title, name_key, same_name, split_title, surname


@pytest.mark.parametrize(
    ("name", "title", "rest"),
    [
        ("Major General Rashid Al-Tamimi", "Major General", "Rashid Al-Tamimi"),
        ("Maj. Gen. Saif Ma'ani", "Major General", "Saif Ma'ani"),
        ("Lt. Gen. Kamal Aziz", "Lieutenant General", "Kamal Aziz"),
        ("Staff Lt. Gen. Kamal Aziz", "Staff Lieutenant General", "Kamal Aziz"),
        ("Brigadier General Walid Hassoun", "Brigadier General", "Walid Hassoun"),
        ("Brig. Gen. Walid Hassoun", "Brigadier General", "Walid Hassoun"),
        ("Dr. Hala Karim", "Dr.", "Hala Karim"),
        ("Sheikh Omar Fadhil", "Sheikh", "Omar Fadhil"),
        ("Colonel Adnan Rahim", "Colonel", "Adnan Rahim"),
        ("Ms. Jane Porter", "Ms.", "Jane Porter"),
        ("Kareem Jassim", None, "Kareem Jassim"),
    ],
)
def test_split_title(name: str, title: str | None, rest: str) -> None:
    assert split_title(name) == (title, rest)


def test_offices_are_not_titles() -> None:
    # Offices change with the job: attribution keeps them as roles, not titles.
    assert split_title("President Dana Hill") == (None, "President Dana Hill")
    assert split_title("Prime Minister Salem Amin") == (None, "Prime Minister Salem Amin")


def test_ambiguous_title_needs_a_capitalised_name() -> None:
    assert split_title("General directorate") == (None, "General directorate")
    assert split_title("Major") == (None, "Major")


def test_match_title_is_case_sensitive_on_the_first_letter() -> None:
    assert match_title("Maj. Gen. Ali", 0) == ("Major General", len("Maj. Gen."))
    assert match_title("major general Ali", 0) is None
    assert canonical_title("Lt. Gen.") == "Lieutenant General"
    assert canonical_title("Spokesman") is None


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Al-Muhanna", "muhanna"),
        ("Major General Rashid Al-Tamimi", "rashid tamimi"),
        ("Saif Ma'ani", "saif maani"),
        ("Saif Ma’ani", "saif maani"),
        ("al-Tamimi", "tamimi"),
        ("José Núñez", "jose nunez"),
        ("Abdul-Wahid Karim Jr.", "abdul wahid karim"),
    ],
)
def test_name_key(name: str, key: str) -> None:
    assert name_key(name) == key


@pytest.mark.parametrize(
    ("name", "last"),
    [
        ("Major General Rashid Al-Tamimi", "Al-Tamimi"),
        ("Osman bin Laith", "bin Laith"),
        ("Carla de Souza", "de Souza"),
        ("Robert Hale Jr.", "Hale"),
        ("Abdul Wahid Karim", "Karim"),
        ("Hassoun", "Hassoun"),
    ],
)
def test_surname(name: str, last: str) -> None:
    assert surname(name) == last


def test_same_name_surname_and_spelling_variants() -> None:
    assert same_name("Al-Tamimi", "Rashid Al-Tamimi") == 100
    assert same_name("Khalid Al-Tamimi", "Khaled Al-Tamimi") >= 85
    assert same_name("Rashid Al-Tamimy", "Rashid Al-Tamimi") >= 85
    assert same_name("Saif Maani", "Saif Ma'ani") == 100


def test_same_name_keeps_different_people_apart() -> None:
    # Same surname, different given names: two people.
    assert same_name("Rashid Al-Tamimi", "Nabil Al-Tamimi") < 70
    assert same_name("Kareem Jassim", "Omar Fadhil") < 50
    # The surnames must line up, not just the words.
    assert same_name("Ali Hassan", "Hassan Ali Kareem") < 70
    assert same_name("", "Ali") == 0
