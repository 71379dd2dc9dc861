"""index.sentences: sentence spans in news English."""

from __future__ import annotations

import time

import pytest

from index.sentences import sentence_spans


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Maj. Gen. Saad Al-Tai met Lt. Col. Kareem Hassan. They discussed the plan.",
            ["Maj. Gen. Saad Al-Tai met Lt. Col. Kareem Hassan.", "They discussed the plan."],
        ),
        (
            "Dr. Huda Salem and Brig. Gen. Ali Nasser spoke. The meeting ended.",
            ["Dr. Huda Salem and Brig. Gen. Ali Nasser spoke.", "The meeting ended."],
        ),
        (
            "The envoy from the U.S. Embassy arrived. He left on Jan. 5 after talks.",
            ["The envoy from the U.S. Embassy arrived.", "He left on Jan. 5 after talks."],
        ),
        ("John F. Smith wrote it. Nobody read it.", ["John F. Smith wrote it.", "Nobody read it."]),
        (  # the plural of an office ("Govs. A and B") stands before names like "Gov."
            "She thanked Govs. Ana Ruiz and Tom Bell. They left.",
            ["She thanked Govs. Ana Ruiz and Tom Bell.", "They left."],
        ),
        (
            "Decree No. 12 was issued. It applies now.",
            ["Decree No. 12 was issued.", "It applies now."],
        ),
        # Words that happen to spell an abbreviation still end a sentence.
        ("The answer was no. The talks stopped.", ["The answer was no.", "The talks stopped."]),
        ("He sat. The hall was full.", ["He sat.", "The hall was full."]),
        ("Trucks, buses etc. The list was long.", ["Trucks, buses etc.", "The list was long."]),
    ],
)
def test_abbreviations_and_initials(text: str, expected: list[str]):
    assert sentences(text) == expected


def test_quotes_and_closing_marks():
    text = 'He said, "The road is open." The governor agreed. “Is it safe?” he asked.'
    assert sentences(text) == [
        'He said, "The road is open."',
        "The governor agreed.",
        "“Is it safe?” he asked.",
    ]


def test_no_split_inside_numbers_or_before_lower_case():
    text = "Prices rose 3.5 percent... and then fell. Officials said 2021 was worse."
    assert sentences(text) == [
        "Prices rose 3.5 percent... and then fell.",
        "Officials said 2021 was worse.",
    ]


def test_spans_are_absolute_and_trimmed():
    text = "xx  First one.   Second one.  yy"
    spans = sentence_spans(text, 2, len(text) - 2)
    assert [text[a:b] for a, b in spans] == ["First one.", "Second one."]
    assert sentence_spans("   ") == []


def test_linear_on_long_runs_of_dots_and_sentences():
    t0 = time.perf_counter()
    assert len(sentence_spans("." * 1_000_000 + "x")) == 1
    assert len(sentence_spans("Word. " * 100_000)) == 100_000
    assert time.perf_counter() - t0 < 5.0
