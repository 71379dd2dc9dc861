"""Direct quotes and mixed quotes: where the quoted words stop and the reported clause
starts (statements.merge_mixed and its widening of embedded quotes).  Texts written for
the tests."""

from __future__ import annotations

import pytest

from index.attribution import rerank
from index.attribution.document import Document
from index.attribution.statements import merge_mixed
from index.models import Quote, SpeakerRef
from tests.attribution_helpers import one, quotes_of

_LEE = SpeakerRef(name="Ada Lee", kind="person", mention="Ada Lee", mention_kind="name")


def _merged(body: str, quoted: str, cue: str) -> list[Quote]:
    """merge_mixed over one direct quote of `body` (its words `quoted`, framed by `cue`),
    the reported clauses left aside: the widening of embedded quotes on its own."""
    start = body.index(quoted)
    q = Quote("t", start, start + len(quoted), quoted, "direct", _LEE, cue)
    out = merge_mixed(Document(body), [q])
    for x in out:
        assert body[x.start:x.end] == x.text
    return out


def test_clause_with_words_of_its_own_before_a_comma_and_the_quote_is_mixed() -> None:
    # more than an addressee before the comma: the reporter's words are part of the clause
    body = ('Mayor Ines Varga said it would be naive to believe that once the river '
            'drops, "the farms will recover on their own."')
    q = one(quotes_of(body), "the farms will recover")
    assert q.kind == "indirect"
    assert q.text.startswith("it would be naive to believe")
    assert q.text.endswith('on their own."')
    assert q.speaker.name == "Ines Varga"


def test_addressee_and_comma_before_the_quote_stay_a_frame() -> None:
    body = 'Mayor Ines Varga told the farmers, "The farms will recover on their own."'
    q = one(quotes_of(body), "the farms will recover"[1:])
    assert q.kind == "direct"
    assert q.text == "The farms will recover on their own."


def test_an_opening_phrase_before_a_parenthetical_attribution_is_no_content() -> None:
    # 'In the end, X said, "..."': the words before the verb do not make the quote mixed
    body = ('Officials argued for months about the canal. In the end, Governor Tomas Reyes '
            'said, "We will dig it ourselves and we will pay for it ourselves."')
    q = one(quotes_of(body), "We will dig it")
    assert q.kind == "direct"
    assert q.text == "We will dig it ourselves and we will pay for it ourselves."


def test_quoted_words_inside_the_clause_of_their_verb_give_the_whole_clause() -> None:
    body = ('The harbour master, Olga Brandt, said the new pier was "a costly mistake" for '
            'the fishing fleet.')
    q = one(quotes_of(body), "a costly mistake")
    assert q.kind == "indirect"
    assert q.text == 'the new pier was "a costly mistake" for the fishing fleet'
    assert q.speaker.name == "Olga Brandt"


def test_a_whole_sentence_after_a_comma_is_not_widened() -> None:
    body = ('Governor Tomas Reyes spoke after the vote on Tuesday, saying, "We lost this '
            'round but the canal will be dug."')
    q = one(quotes_of(body), "We lost this round")
    assert q.kind == "direct"
    assert q.text == "We lost this round but the canal will be dug."


def test_reporter_words_then_quoted_words_then_the_attribution() -> None:
    # 'Cutting the levy "is a gamble," X said': one clause, from the sentence start
    body = ('Cutting the river levy so soon "would be a gamble with the harvest," the '
            'economist Rosa Lind said on Monday.')
    q = one(quotes_of(body), "would be a gamble")
    assert q.kind == "indirect"
    assert q.text == 'Cutting the river levy so soon "would be a gamble with the harvest,"'
    assert q.speaker.name == "Rosa Lind"


def test_a_title_before_the_attribution_is_not_widened() -> None:
    body = ('Speaking on the radio show "Morning Fields," the economist Rosa Lind said the '
            'levy should stay.')
    assert not any("Speaking on" in q.text for q in quotes_of(body))


def test_a_full_quote_then_its_attribution_stays_direct() -> None:
    body = '"The levy will stay until the dams are paid for," the economist Rosa Lind said.'
    q = one(quotes_of(body), "The levy will stay")
    assert q.kind == "direct"
    assert q.text == "The levy will stay until the dams are paid for"


def test_embedded_quote_widened_to_the_clause_of_its_cue() -> None:
    body = 'Ada Lee argued the count was "anything but fair" in three counties.'
    (q,) = _merged(body, "anything but fair", "argued")
    assert q.kind == "indirect" and q.cue == "argued" and q.speaker == _LEE
    assert q.text == 'the count was "anything but fair" in three counties'


def test_widened_clause_starts_after_that_and_skips_the_hearer() -> None:
    body = ('Ada Lee reminded a crowd in Dayton on Friday that the tariff was "a tax on '
            'families" and would go.')
    (q,) = _merged(body, "a tax on families", "reminded")
    assert q.text == 'the tariff was "a tax on families" and would go'


def test_widened_clause_stops_at_a_new_cue_and_a_semicolon() -> None:
    body = ('Ada Lee argued the count was "anything but fair" in three counties, adding '
            'that she would sue; the board declined to comment.')
    (q,) = _merged(body, "anything but fair", "argued")
    assert q.text == 'the count was "anything but fair" in three counties'


def test_frames_are_not_widened() -> None:
    for body in ('Ada Lee told reporters, "The count was anything but fair."',
                 'Ada Lee argued: "The count was anything but fair."',
                 'Ada Lee argued after the vote in Dayton, "The count was anything but fair."',
                 'Ada Lee argued that "the count was anything but fair."'):
        quoted = body[body.index('"') + 1:body.rindex('"')].rstrip(".")
        (q,) = _merged(body, quoted, "argued" if "argued" in body else "told")
        assert q.kind == "direct", body


def test_clause_before_a_quote_attributed_after_it() -> None:
    body = 'The new levy is "a gamble with the harvest," Ada Lee told the council.'
    (q,) = _merged(body, "a gamble with the harvest", "told")
    assert q.kind == "indirect"
    assert q.text == 'The new levy is "a gamble with the harvest,"'


def test_no_clause_before_an_adjunct_comma_or_a_title() -> None:
    for body in ('After the vote, "We lost this round," Ada Lee said.',
                 'On the show "Morning Fields," Ada Lee said the levy would stay.'):
        start = body.index('"') + 1
        quoted = body[start:body.index(",", start)]
        (q,) = _merged(body, quoted, "said")
        assert q.kind == "direct", body


def test_reporter_words_then_a_quote_then_the_attribution_end_to_end() -> None:
    body = 'The new levy is "a gamble with the harvest," the economist Rosa Lind told the council.'
    q = one(quotes_of(body), "a gamble")
    assert q.kind == "indirect"
    assert q.text == 'The new levy is "a gamble with the harvest,"'
    assert q.speaker.name == "Rosa Lind"


def test_quote_split_around_its_attribution_is_one_quote() -> None:
    body = ('"The bridge will open in May," the engineer Paulo Sanz said, "and the ferry '
            'will stop in June."')
    q = one(quotes_of(body), "The bridge will open")
    assert q.kind == "direct"
    assert q.text.endswith("the ferry will stop in June.")
    assert q.speaker.name == "Paulo Sanz"


def test_quote_over_two_paragraphs_is_one_statement() -> None:
    body = ('The engineer Paulo Sanz said: "The bridge will open in May.\n\n'
            '"The ferry will stop in June, and the old pier will be closed."\n\n'
            'The council did not comment.')
    quotes = quotes_of(body)
    q = one(quotes, "The bridge will open")
    assert "the old pier will be closed." in q.text
    assert q.kind == "direct"
    assert q.speaker.name == "Paulo Sanz"


def test_scare_quotes_and_nicknames_alone_give_no_quote() -> None:
    body = ('The so-called "river tax" has been debated for years. Locals call the mayor '
            '"the Dam Builder" and the new bridge is known as "the Needle."')
    assert quotes_of(body) == []


def test_a_quote_opening_with_i_and_a_verb_of_saying_is_no_frame() -> None:
    # '"I think ..."' left open at the paragraph end is the speaker's words, continued in
    # the next paragraph: one statement over two paragraphs
    body = ('"We met the growers twice," the minister Lena Ortiz said. "I think the deal is '
            'fair to both sides.\n\n"I expect the first payments in March."\n\nThe growers '
            'did not reply.')
    quotes = quotes_of(body)
    q = one(quotes, "We met the growers")
    assert q.text.endswith("the first payments in March.")
    assert "I think the deal is fair" in q.text
    assert q.kind == "direct" and q.speaker.name == "Lena Ortiz"


def test_quoted_words_make_one_mixed_quote_even_under_two_verbs() -> None:
    # "said ... naive to believe that ..., "...": the clause of "believe" lies inside the
    # clause of "said"; the quoted words are reported once
    body = ('Mayor Ines Varga said it would be naive to believe that once the river drops, '
            '"the farms will recover on their own."')
    (q,) = [q for q in quotes_of(body) if "the farms" in q.text]
    assert q.text.startswith("it would be naive")


def test_a_show_title_after_on_or_a_possessive_is_no_quote() -> None:
    # title-cased words after "on", "an episode of" or a possessive name a programme
    for body in ('Senator Mira Holt appeared on "Morning Harbor Live" and said the levy '
                 'would pass.',
                 'In an episode of "The Harbor Hour," Senator Mira Holt said the levy would pass.',
                 'Senator Mira Holt told the station\'s "Good Evening Valley" that she would '
                 'vote for the levy.'):
        quotes = quotes_of(body)
        assert not any(q.kind == "direct" for q in quotes), [q.text for q in quotes]
    # ... but title-cased words a speaker applies to something are still quoted
    body = 'Senator Mira Holt called the levy "A Fair Deal For Farmers" on Monday.'
    assert one(quotes_of(body), "A Fair Deal").speaker.name == "Mira Holt"


def test_quote_in_the_clause_of_an_unresolved_cue_is_widened_to_that_clause() -> None:
    # the second quote's own verb ("predicting") has a subject the mentions do not resolve,
    # so the speaker comes from the quote before; the clause of that verb is still the
    # mixed quote
    body = ('"We will rebuild the pier by May," Ada Lee said on Monday. He’s predicting the '
            'harbor will do "very, very well" in the next season.')
    q = one(quotes_of(body), "very, very well")
    assert q.kind == "indirect"
    assert q.text == 'the harbor will do "very, very well" in the next season'
    assert q.speaker.name == "Ada Lee"


def test_participle_after_a_long_opening_phrase_takes_the_subject_of_the_verb() -> None:
    # the opening phrase (a place with a comma inside it) hides the sentence's subject;
    # the first known name followed by a verb is who is "calling" the mayor something
    body = ('Ada Lee toured the harbor on Friday.\n\nSpeaking at a town hall event in Dover, '
            'New Hampshire, Lee went after the mayor, calling him “a tired old hand.”')
    q = one(quotes_of(body), "a tired old hand")
    assert q.speaker.name == "Ada Lee"
    assert q.cue == "calling"


def test_participle_does_not_take_a_capitalised_word_nobody_is_called() -> None:
    # "Lutheran" is followed by a verb but names no one: no speaker is made of it
    body = ('Nine local and Lutheran groups are asking Ada Lee to drop the plan, calling it '
            '“a costly mistake.”')
    assert not any(q.speaker.name == "Lutheran" for q in quotes_of(body))


def test_a_paragraph_naming_its_own_speaker_does_not_continue_the_open_quote() -> None:
    # the first paragraph leaves its quote open (the wire convention for a quote that goes
    # on), but the next one names someone else as the speaker of its own words
    body = ('“The pillars held through the flood,” said engineer Lina Perez. “The deck needs '
            'only new joints, and we expect traffic by June.\n\n'
            '“Nobody has shown me the inspection report,” Councilman Tariq Osei said of the plan.\n\n'
            '“We will keep asking for it,” he added.')
    assert one(quotes_of(body), "Nobody has shown me").speaker.name == "Tariq Osei"
    assert one(quotes_of(body), "The pillars held").speaker.name == "Lina Perez"
    assert one(quotes_of(body), "We will keep asking").speaker.name == "Tariq Osei"


def test_unknown_verb_and_a_second_clause_after_a_comma_closed_quote_frame_it(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # '"...," Name <verb>ed and ...': the name and the verb right after a quote closed by
    # a comma say who spoke, even when the sentence goes on with "and"
    monkeypatch.setattr(rerank, "WEIGHTS", {})  # the frame alone, not the learned guess
    quotes = quotes_of("Judge Orla Fenn lost patience at noon.\n\n"
                       "“Take your seat and stay in it,” Fenn snapped and the bailiff led the "
                       "man out.")
    q = one(quotes, "Take your seat")
    assert q.speaker.name == "Orla Fenn" and q.cue == "snapped"


def test_unknown_verb_after_a_quote_closed_by_a_full_stop_frames_nothing(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rerank, "WEIGHTS", {})  # the frame alone, not the learned guess
    quotes = quotes_of("Judge Orla Fenn lost patience at noon.\n\n"
                       "“Take your seat and stay in it.” Fenn walked and the bailiff led the "
                       "man out.")
    assert one(quotes, "Take your seat").speaker.name is None
