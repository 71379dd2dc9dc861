"""attribute_quotes: quote spans and speakers on wire copy written for these tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from index.attribution import attribute_quotes
from index.ingest import read_file
from index.models import Article, Quote

FIXTURES = Path(__file__).parent / "fixtures" / "attribution"


def article(body: str, title: str = "Untitled") -> Article:
    return Article(id="t", title=title, body=body)


def load(name: str) -> tuple[Article, list[Quote]]:
    articles, errors = read_file(FIXTURES / name)
    assert not errors and len(articles) == 1
    return articles[0], attribute_quotes(articles[0])


def one(quotes: list[Quote], words: str, kind: str | None = None) -> Quote:
    """The single quote holding `words` (of `kind` when given)."""
    found = [q for q in quotes if words in q.text and (kind is None or q.kind == kind)]
    assert len(found) == 1, f"{len(found)} quotes hold {words!r}: {[q.text for q in quotes]}"
    return found[0]


def check_invariants(a: Article, quotes: list[Quote]) -> None:
    assert quotes == sorted(quotes, key=lambda q: (q.start, -q.end))
    for q in quotes:
        assert a.body[q.start:q.end] == q.text
        assert q.text.strip() == q.text and q.text
        assert q.kind in ("direct", "indirect")
        assert q.article_id == a.id
        assert 0.0 <= q.speaker.confidence <= 1.0


# -- the wire fixture: messy marks, appositives, pronouns, surnames, the leadership ------

@pytest.fixture(scope="module")
def checkpoints() -> tuple[Article, list[Quote]]:
    return load("wire-checkpoints.txt")


def test_fixture_invariants(checkpoints) -> None:
    check_invariants(*checkpoints)


def test_role_name_appositive_then_colon_quote(checkpoints) -> None:
    _, quotes = checkpoints
    q = one(quotes, "rely on scanning devices")
    s = q.speaker
    assert (q.kind, q.cue) == ("direct", "told")
    assert (s.name, s.title, s.kind) == ("Rashid Al-Tamimi", "Major General", "person")
    assert s.role == "spokesman for the Ministry of Interior"
    assert s.organization == "Ministry of Interior"
    assert (s.mention, s.mention_kind) == ("Major General Rashid Al-Tamimi", "name")
    # the curly opening mark is closed by a straight one: the quote stops there
    assert q.text.endswith("entrances of the city")


def test_messy_straight_marks_pair_by_position(checkpoints) -> None:
    # '"adding that," the old ... weeks. "': the pair whose opening looks like a closing
    _, quotes = checkpoints
    q = one(quotes, "old concrete barriers")
    assert q.text.startswith("the old concrete barriers") and q.text.endswith("weeks.")
    assert (q.cue, q.speaker.name) == ("adding", "Rashid Al-Tamimi")
    assert not any("adding that" in x.text for x in quotes)


def test_pronoun_and_participle_continue_the_speaker(checkpoints) -> None:
    _, quotes = checkpoints
    q = one(quotes, "night patrols")
    assert (q.speaker.name, q.speaker.mention, q.speaker.mention_kind) == (
        "Rashid Al-Tamimi", "He", "pronoun")
    assert q.cue == "pointed out"
    assert one(quotes, "free hotline").speaker.name == "Rashid Al-Tamimi"
    assert one(quotes, "free hotline").cue == "noting"


def test_surname_resolves_and_unclosed_quote_ends_at_paragraph(checkpoints) -> None:
    a, quotes = checkpoints
    q = one(quotes, "prepared together with the municipality")
    assert (q.speaker.name, q.speaker.mention_kind, q.speaker.mention) == (
        "Rashid Al-Tamimi", "surname", "Al-Tamimi")
    assert q.text.endswith("during the rush hours.")
    assert a.body[q.end:q.end + 2] == "\n\n"


def test_post_quote_inversion_and_the_leadership_named_earlier(checkpoints) -> None:
    _, quotes = checkpoints
    q = one(quotes, "forged documents")
    s = q.speaker
    assert (q.cue, s.name, s.title) == ("said", "Walid Hassoun", "Brigadier General")
    assert s.role == "spokesman for the Federal Police Command"
    assert s.organization == "Federal Police Command"
    assert q.text.endswith("other provinces")
    # the stray mark after the elision makes no quote of its own
    assert not any("Diyala" in x.text for x in quotes)
    assert one(quotes, "still at large").speaker.name == "Walid Hassoun"


def test_indirect_speech_with_a_participle_after_it(checkpoints) -> None:
    _, quotes = checkpoints
    q = one(quotes, "first bridge will reopen")
    assert (q.kind, q.cue) == ("indirect", "confirmed")
    assert q.text == "the first bridge will reopen in March"
    assert (q.speaker.name, q.speaker.title) == ("Hala Karim", "Dr.")
    assert q.speaker.role == "spokesman for the Ministry of Transport"
    q = one(quotes, "investment budget")
    assert (q.kind, q.cue, q.speaker.name) == ("indirect", "indicating", "Hala Karim")


def test_body_speaks_through_a_pronoun(checkpoints) -> None:
    _, quotes = checkpoints
    q = one(quotes, "finished before the end of the year")
    assert (q.kind, q.speaker.kind, q.speaker.name) == ("indirect", "body", "Ministry of Transport")


def test_a_person_who_is_only_mentioned_says_nothing(checkpoints) -> None:
    _, quotes = checkpoints
    assert not any("Hamoudi" in (q.speaker.name or "") for q in quotes)
    assert not any(q.cue == "urged" for q in quotes)  # "urged owners to install": no clause


# -- the JSON fixture: bodies, statements, multi-paragraph and nested quotes ----------------

@pytest.fixture(scope="module")
def oil() -> tuple[Article, list[Quote]]:
    return load("oil-and-finance.json")


def test_oil_fixture_invariants(oil) -> None:
    check_invariants(*oil)


def test_body_statement_and_the_statement_added(oil) -> None:
    _, quotes = oil
    q = one(quotes, "highest level since")
    assert (q.kind, q.speaker.kind, q.speaker.name) == ("indirect", "body", "Ministry of Oil")
    assert q.speaker.mention_kind == "body"
    q = one(quotes, "new contract")
    assert (q.kind, q.speaker.name, q.speaker.mention) == ("direct", "Ministry of Oil",
                                                          "The statement")


def test_quote_over_several_paragraphs_is_one_quote(oil) -> None:
    a, quotes = oil
    q = one(quotes, "southern ports")
    assert q is one(quotes, "northern pipeline") is one(quotes, "without any borrowing")
    assert q.kind == "direct"
    assert q.speaker.name == "Kareem Jassim"
    assert q.speaker.role == "spokesman for the Ministry of Oil"  # "the ministry" spelled out
    # the quote runs from the first paragraph's words to the last paragraph's, marks between
    assert "\n\n" in q.text and a.body[q.start:q.end] == q.text
    assert q.text[0].isalnum() and q.text[-1] == "."


def test_nested_quote_belongs_to_the_person_quoted(oil) -> None:
    _, quotes = oil
    both = [q for q in quotes if "No salary will be delayed" in q.text]
    assert len(both) == 2
    outer, inner = both  # sorted by start: the outer quote first
    assert outer.start < inner.start < inner.end < outer.end
    assert outer.speaker.name == "Omar Fadhil"
    assert (inner.speaker.name, inner.speaker.role) == ("Ali Nasser", "Minister of Finance")
    assert inner.text == "No salary will be delayed this month, whatever happens to the prices"


def test_nominal_reference_picks_the_latest_matching_role(oil) -> None:
    _, quotes = oil
    q = one(quotes, "payment schedule")
    assert (q.speaker.name, q.speaker.mention, q.speaker.mention_kind) == (
        "Omar Fadhil", "The spokesman", "nominal")
    assert q.speaker.title == "Sheikh"


def test_mixed_quote_is_one_reported_clause(oil) -> None:
    _, quotes = oil
    q = one(quotes, "two export pipelines")  # one quote, not the clause and its words again
    assert q.kind == "indirect"  # the reporter's words are in it: never shown as verbatim
    assert q.text.startswith("the oil company") and '"' in q.text
    assert q.speaker.name == "Kareem Jassim"


# -- phenomena one by one ----------------------------------------------------------------

def test_split_quote_around_the_attribution_is_one_quote() -> None:
    a = article('"The bridge will open in May," Hassoun said, "and the toll will be cancelled."')
    quotes = attribute_quotes(a)
    assert [q.text for q in quotes] == [
        'The bridge will open in May," Hassoun said, "and the toll will be cancelled.']
    assert (quotes[0].speaker.name, quotes[0].cue, quotes[0].kind) == ("Hassoun", "said", "direct")


def test_name_first_appositive_after_the_quote() -> None:
    a = article('"The fences are almost finished," Brigadier General Walid Hassoun, the '
                'spokesman for the Border Command, told INA.')
    q = one(attribute_quotes(a), "fences")
    assert (q.speaker.name, q.speaker.title) == ("Walid Hassoun", "Brigadier General")
    assert q.speaker.role == "spokesman for the Border Command"


def test_governor_added_and_relative_clause_after_the_name() -> None:
    a = article("The Governor of Wasit, Karim Salman, visited the flooded villages.\n\n"
                'The governor added, "The pumps will run day and night."\n\n'
                'Salman, who took office last spring, said that the damage "is smaller '
                'than we feared."')
    quotes = attribute_quotes(a)
    q = one(quotes, "pumps will run")
    assert (q.speaker.name, q.speaker.role, q.speaker.mention_kind) == (
        "Karim Salman", "Governor of Wasit", "nominal")
    q = one(quotes, "smaller than we feared")
    assert (q.kind, q.text, q.speaker.name) == (
        "indirect", 'the damage "is smaller than we feared."', "Karim Salman")


def test_several_spokesmen_of_different_bodies() -> None:
    a = article(
        "The spokesman for the Ministry of Health, Dr. Lina Saeed, said that the hospitals are "
        "ready.\n\nThe spokesman for the Civil Defence Directorate, Colonel Adnan Rahim, said "
        'that "the teams reached the villages at dawn."\n\nThe spokesman added, "No one was hurt."')
    quotes = attribute_quotes(a)
    assert one(quotes, "hospitals are ready").speaker.name == "Lina Saeed"
    assert one(quotes, "villages at dawn").speaker.title == "Colonel"
    q = one(quotes, "No one was hurt")
    assert (q.speaker.name, q.speaker.organization) == ("Adnan Rahim", "Civil Defence Directorate")


def test_spelling_variant_of_the_same_person_in_one_article() -> None:
    a = article("The spokesman for the Ministry of Interior, Major General Khalid Al-Tamimy, "
                "visited the checkpoint.\n\nAl-Tamimi said that \"the queues are shorter now.\"")
    q = one(attribute_quotes(a), "queues", kind="direct")
    assert q.speaker.name == "Khalid Al-Tamimy"
    assert q.speaker.role == "spokesman for the Ministry of Interior"


@pytest.mark.parametrize(("rank", "title"), [
    ("Maj. Gen.", "Major General"), ("Lt. Gen.", "Lieutenant General"),
    ("Brigadier General", "Brigadier General"), ("Dr.", "Dr."), ("Sheikh", "Sheikh"),
])
def test_ranks_and_honorifics(rank: str, title: str) -> None:
    a = article(f'The head of the council, {rank} Nabil Yassin, told INA: "The road is open."')
    q = one(attribute_quotes(a), "road is open")
    assert (q.speaker.name, q.speaker.title, q.speaker.role) == (
        "Nabil Yassin", title, "head of the council")


def test_headline_speaker_when_the_body_names_nobody() -> None:
    a = article('"The airport will reopen on Sunday after the runway repairs," he said at a '
                "press conference.", title="Hamdani: The airport reopens on Sunday")
    q = one(attribute_quotes(a), "airport will reopen")
    assert (q.speaker.name, q.speaker.mention, q.speaker.mention_kind) == ("Hamdani", "he", "headline")
    assert q.speaker.confidence < 0.8


def test_headline_speaker_merges_with_the_full_name_in_the_body() -> None:
    a = article("Transport Minister Salem Al-Hamdani inspected the runway.\n\n"
                '"The airport will reopen on Sunday," he said.',
                title="Hamdani: The airport reopens on Sunday")
    q = one(attribute_quotes(a), "airport will reopen")
    assert (q.speaker.name, q.speaker.role) == ("Salem Al-Hamdani", "Transport Minister")


def test_unknown_speaker_stays_unknown() -> None:
    a = article('"Nobody has told the families anything about the compensation yet."')
    q = one(attribute_quotes(a), "compensation")
    assert q.speaker.name is None and q.speaker.confidence <= 0.2


def test_scare_quotes_without_a_cue_are_not_quotes() -> None:
    a = article('The so-called "green lane" will open next week for lorries.')
    assert attribute_quotes(a) == []


def test_unnamed_source_is_kept_as_a_role() -> None:
    a = article("No casualties were recorded in the blast, according to a police source.")
    q = one(attribute_quotes(a), "No casualties")
    assert q.kind == "indirect"
    assert (q.speaker.name, q.speaker.role, q.cue) == (None, "police source", "according to")


def test_according_to_a_named_speaker_opening_the_sentence() -> None:
    a = article("The spokesman for the Electricity Ministry, Ahmed Saleh, opened the plant.\n\n"
                "According to Saleh, the new units will add two hundred megawatts.")
    q = one(attribute_quotes(a), "two hundred megawatts")
    assert (q.kind, q.speaker.name) == ("indirect", "Ahmed Saleh")
    assert q.text == "the new units will add two hundred megawatts"


def test_quoted_as_saying() -> None:
    a = article("The Minister of Water, Kamal Aziz, toured the dam.\n\nA statement quoted the "
                'minister as saying that the reservoir "holds enough water for the summer."')
    q = one(attribute_quotes(a), "enough water")
    assert (q.speaker.name, q.cue, q.kind) == ("Kamal Aziz", "as saying", "indirect")
    assert q.text == 'the reservoir "holds enough water for the summer."'


def test_us_style_names_offices_and_parentheses() -> None:
    a = article(
        "Donald Trump said on Tuesday that the rally would draw a record crowd.\n\n"
        '"We are going to win this state," Trump said. "Nobody has seen anything like it."\n\n'
        "Sen. Tim Kaine (D-Va.) told reporters the plan was unworkable.\n\n"
        "According to a spokeswoman for the campaign, the candidate will visit three states.")
    quotes = attribute_quotes(a)
    q = one(quotes, "win this state")
    assert (q.speaker.name, q.speaker.mention_kind) == ("Donald Trump", "surname")
    assert one(quotes, "Nobody has seen").speaker.name == "Donald Trump"
    q = one(quotes, "plan was unworkable")
    assert (q.kind, q.speaker.name, q.speaker.role) == ("indirect", "Tim Kaine", "Senator")
    q = one(quotes, "three states")
    assert (q.speaker.name, q.speaker.role) == (None, "spokeswoman for the campaign")


def test_two_apostrophes_as_quotation_marks() -> None:
    a = article("''The museum will not end poverty,'' Mr. Holt said. ''It is a start.''")
    quotes = attribute_quotes(a)
    # the second sentence carries on the first quote: one statement
    assert [q.text for q in quotes] == [
        "The museum will not end poverty,'' Mr. Holt said. ''It is a start."]
    assert quotes[0].speaker.name == "Holt" and quotes[0].speaker.title == "Mr."


def test_she_skips_a_man_named_just_before() -> None:
    a = article("Ms. Dana Hill, the campaign manager, met Mr. Omar Reed on Monday.\n\n"
                '"We agreed on nothing," she said.')
    assert one(attribute_quotes(a), "agreed on nothing").speaker.name == "Dana Hill"


def test_postposed_attribution_without_quote_marks() -> None:
    a = article("The convoy was delayed by a sandstorm near the border, a security official said.")
    q = one(attribute_quotes(a), "sandstorm")
    assert (q.kind, q.speaker.role, q.speaker.name) == ("indirect", "security official", None)
    assert q.text == "The convoy was delayed by a sandstorm near the border"


def test_empty_and_quote_free_articles() -> None:
    assert attribute_quotes(article("")) == []
    assert attribute_quotes(article("The river rose by two metres overnight.")) == []


def test_check_script_skips_without_shared(tmp_path: Path) -> None:
    script = Path(__file__).parent / "eval" / "check_ina_speakers.py"
    out = subprocess.run([sys.executable, str(script), "--shared", str(tmp_path / "absent")],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and out.stdout.startswith("skip"), out


@pytest.mark.parametrize(
    "body",
    [
        'The director of the water department, Salim Hadi, told the agency that "the new pumps will '
        'double the supply to the eastern districts by the summer."',
        'The Ports Authority said in a statement received by the agency, "Two berths will close for '
        'dredging until the end of the month."',
    ],
)
def test_a_frame_before_the_marks_does_not_make_a_quote_mixed(body: str) -> None:
    a = article(body)
    quotes = attribute_quotes(a)
    check_invariants(a, quotes)
    (q,) = quotes
    assert q.kind == "direct" and q.text[0].isalpha() and q.text[0] in "tT"
    assert "agency" not in q.text
