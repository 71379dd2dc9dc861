"""index.attribution.marks: quotation marks -> quote spans, on text written for the tests."""

from __future__ import annotations

from index.attribution.layout import paragraph_spans
from index.attribution.marks import find_nested_spans, find_quote_spans


def spans(text: str) -> list[str]:
    return [text[s.start:s.end] for s in find_quote_spans(text, paragraph_spans(text))]


def test_straight_and_curly_pairs() -> None:
    assert spans('He said: "One." She said: “Two.”') == ["One.", "Two."]


def test_curly_opening_closed_by_a_straight_mark() -> None:
    text = 'He said: “First part of it, "adding that," second part of it. "'
    assert spans(text) == ["First part of it", "second part of it."]


def test_a_stray_closing_mark_is_dropped_not_paired_with_the_frame() -> None:
    text = '"The road is open," said the mayor, in a call with INA... Kut".'
    assert spans(text) == ["The road is open"]


def test_a_quote_never_closed_ends_with_its_paragraph() -> None:
    text = 'He warned that "the dam is weak and the gates are old.\n\nThe report came later.'
    found = find_quote_spans(text, paragraph_spans(text))
    assert [text[s.start:s.end] for s in found] == ["the dam is weak and the gates are old."]
    assert not found[0].closed


def test_quote_over_several_paragraphs() -> None:
    text = ('He said: "First paragraph.\n\n"Second paragraph.\n\n"Third paragraph."\n\n'
            'Then nothing.')
    found = find_quote_spans(text, paragraph_spans(text))
    assert [text[s.start:s.end] for s in found] == ["First paragraph.", "Second paragraph.",
                                                    "Third paragraph."]
    assert [s.continues for s in found] == [False, True, True]
    assert [s.closed for s in found] == [False, False, True]


def test_two_apostrophes_are_one_double_mark() -> None:
    assert spans("''It is late,'' he said.") == ["It is late"]


def test_apostrophes_inside_words_are_not_marks() -> None:
    text = "the region's budget and Ma'an's report, as the ministers' plan says"
    assert find_nested_spans(text, 0, len(text)) == []


def test_nested_single_quotes_inside_a_quote() -> None:
    text = "He told them, 'There is no delay at all,' and left."
    (o, c, s, e), = find_nested_spans(text, 0, len(text))
    assert text[s:e] == "There is no delay at all"
    assert text[o] == "'" and text[c] == "'"


def test_a_paragraph_made_only_of_marks_gives_nothing_absurd() -> None:
    assert spans('""""""') == []
    assert spans('" " " "') == []


def test_spans_keep_offsets_into_the_text() -> None:
    text = 'Intro.\n\n  "Spaced out quote ,"  he said.'
    for s in find_quote_spans(text, paragraph_spans(text)):
        assert text[s.open] == '"' and text[s.close] == '"'
        assert s.open < s.start <= s.end <= s.close < s.after


def test_every_glyph_is_found_in_text_order() -> None:
    # the marks are gathered glyph by glyph, then sorted: the order must be the text's
    text = 'Ana said «Uno dos». Ben said „Zwei drei“. Cy said “Four five” and "six seven."'
    assert spans(text) == ["Uno dos", "Zwei drei", "Four five", "six seven."]
    # ... and with two apostrophes as a mark somewhere in the text
    text2 = text + "\n\nDee said ''eight nine.''"
    assert spans(text2) == ["Uno dos", "Zwei drei", "Four five", "six seven.", "eight nine."]


# -- marked words that are no one's words ------------------------------------------------

def test_a_value_in_markup_is_no_quote() -> None:
    text = '<post post-author="@riverdesk" post-date="June 3, 2016">The ferry is late again</post>'
    assert spans(text) == []


def test_a_related_link_label_is_no_quote() -> None:
    assert spans('The vote was close.\n\n"Related:"\n\nMore on the harbor plan.') == []


def test_a_linked_headline_and_its_excerpt_are_no_quotes() -> None:
    text = ('HARBOR WATCH—"Ferry line adds a night crossing," by the Gazette\'s Ana Ruiz: '
            '"The ferry company will run a late boat from May." http://example.org/a1')
    assert spans(text) == []


def test_words_quoted_before_by_are_kept_when_they_are_someone_s_words() -> None:
    text = 'He called it a "smear campaign" by his rivals and moved on.'
    assert spans(text) == ["smear campaign"]
    text = '"Had the river not risen" by a foot, Lee said, "the bridge would stand."'
    assert spans(text)[0] == "Had the river not risen"


def test_the_title_of_a_work_is_no_quote() -> None:
    assert spans('In her memoir, "Roads Home," she writes about the farm.') == []
    assert spans('Ana Ruiz, author of "The Long Field," spoke first.') == []
    assert spans('"Night Bus" star Ana Ruiz sat down with us.') == []
    assert spans('The story began.\n\nIn "Night Bus," the driver never stops.') == []


def test_a_title_cased_quote_after_a_work_word_with_lower_case_is_kept() -> None:
    # words in lower case are someone's words even after "show"
    assert spans('He said on the show, "we will not back down this time."') == [
        "we will not back down this time."]


def test_three_apostrophes_close_the_inner_quote_then_the_outer_one() -> None:
    text = ("''Most riders will not settle for 'We will fix the line soon,''' said "
            "Senator Ana Ruiz, who rides it daily.")
    found = find_quote_spans(text, paragraph_spans(text))
    assert [text[s.start:s.end] for s in found] == [
        "Most riders will not settle for 'We will fix the line soon,'"]
    assert text[found[0].after:].startswith(" said")


def test_speaker_after_three_apostrophes() -> None:
    from tests.attribution_helpers import one, quotes_of

    quotes = quotes_of("Riders are tired of promises.\n\n''Most riders will not settle for 'We "
                       "will fix the line soon,''' said Senator Ana Ruiz of Ohio.")
    assert one(quotes, "Most riders").speaker.name == "Ana Ruiz"


def test_a_slogan_dated_in_brackets_is_no_quote() -> None:
    text = 'The posters said it plainly: "Keep the valley green" (2009). Then the vote came.'
    assert spans(text) == []
