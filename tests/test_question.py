"""Question understanding over a small hand-made directory (no index needed)."""

from __future__ import annotations

from datetime import date

import pytest

from index.models import RoleSpell, Speaker
from index.question import clean_question, parse_question
from index.speaker_match import SpeakerIndex

TODAY = date(2026, 11, 27)


def _person(sid: int, name: str, *roles: tuple[str, str, str], title: str | None = None, spellings=()) -> Speaker:
    return Speaker(
        id=sid,
        name=name,
        kind="person",
        spellings=[name, *spellings],
        roles=[RoleSpell(r, None, date.fromisoformat(a), date.fromisoformat(b), 3) for r, a, b in roles],
        title=title,
        quote_count=10 - sid,
    )


@pytest.fixture(scope="module")
def index() -> SpeakerIndex:
    speakers = [
        _person(0, "Qasim Al-Rubaie", ("spokesman for the Ministry of Interior", "2019-01-01", "2020-06-30"),
                title="Major General", spellings=["Qasim Al-Rubaiy"]),
        _person(1, "Haidar Al-Zubaidi", ("spokesman for the Ministry of Interior", "2022-01-01", "2023-12-31")),
        _person(2, "Tariq Al-Saadi", ("spokesman for the Joint Operations Command", "2019-01-01", "2021-12-31"),
                ("Deputy Commander of Joint Operations", "2024-01-01", "2024-12-31")),
        _person(3, "Bassam Al-Hilali", ("spokesman for the Commander-in-Chief of the Armed Forces", "2020-01-01", "2020-12-31")),
        _person(4, "Awad Al-Nimrawi", ("head of the tribal council in Al-Qaim", "2022-10-18", "2022-10-18"), title="Sheikh"),
        _person(5, "Omar Al-Jabri", ("head of the Board of Commissioners", "2021-09-28", "2021-09-28")),
        _person(6, "Rana Al-Jabri", ("spokeswoman for the electoral commission", "2021-09-28", "2021-09-28")),
        _person(7, "Helen Ferre", ("communications director", "2016-05-01", "2016-05-01")),
        _person(10, "Dara Aziz", ("spokesman for the Kurdistan Regional Government", "2021-01-01", "2023-06-30")),
        _person(11, "Basil Kareem", ("Minister of Culture and spokesman for the government", "2021-01-01", "2021-12-31")),
        Speaker(8, "Security Media Cell", "body", ["Security Media Cell"], [], "Security Media Cell", None, 4),
        Speaker(9, "Ministry of Interior", "body", ["Ministry of Interior"], [], "Ministry of Interior", None, 3),
    ]
    speakers.sort(key=lambda s: s.id)
    return SpeakerIndex(speakers)


def names(q) -> list[str]:
    return [c.name for c in q.speakers]


@pytest.mark.parametrize(
    "text",
    [
        "what did the interior ministry spokesman say",
        "What did the spokesman of the interior ministry say?",
        "MoI spokesperson",
        "what did the intrior ministry spokesmn say",
        "interior ministry spokesman",
    ],
)
def test_role_wordings_find_every_holder(index: SpeakerIndex, text: str) -> None:
    q = parse_question(text, index, TODAY)
    assert set(names(q)) == {"Qasim Al-Rubaie", "Haidar Al-Zubaidi"}
    assert all(c.via == "role" for c in q.speakers)
    assert q.kind == "speaker"


def test_role_with_topic_and_date(index: SpeakerIndex) -> None:
    q = parse_question("what did the interior ministry spokesman say about drugs in March 2022", index, TODAY)
    assert q.kind == "speaker+topic"
    assert q.topic_terms == ["drugs"]
    assert (q.date_from, q.date_to) == (date(2022, 3, 1), date(2022, 3, 31))
    assert q.role_text == "interior ministry spokesman"


@pytest.mark.parametrize(
    ("text", "who"),
    [
        ("what did Al-Rubaie say", "Qasim Al-Rubaie"),
        ("what did rubaiy say", "Qasim Al-Rubaie"),
        ("what did Qasim Al-Rubaie say about the curfew", "Qasim Al-Rubaie"),
        ("what did saadi say", "Tariq Al-Saadi"),
        ("what did Tariq al Sadi say", "Tariq Al-Saadi"),
        ("what did the PM's military spokesman say", "Bassam Al-Hilali"),
        ("what did the JOC spokesman say", "Tariq Al-Saadi"),
        ("latest from zubaidi", "Haidar Al-Zubaidi"),
        ("what did the tribal sheikh say", "Awad Al-Nimrawi"),
        ("What did the Security Media Cell say about the rockets?", "Security Media Cell"),
        ("zubaidi comments after the new year", "Haidar Al-Zubaidi"),
    ],
)
def test_speakers_by_name_role_and_typo(index: SpeakerIndex, text: str, who: str) -> None:
    q = parse_question(text, index, TODAY)
    assert names(q)[:1] == [who]


def test_first_names_keep_two_people_with_one_surname_apart(index: SpeakerIndex) -> None:
    assert names(parse_question("what did Rana Al-Jabri say", index, TODAY))[:1] == ["Rana Al-Jabri"]
    assert names(parse_question("what did Omar Al-Jabri say", index, TODAY))[:1] == ["Omar Al-Jabri"]


def test_a_role_nobody_holds_is_an_unknown_speaker_with_suggestions(index: SpeakerIndex) -> None:
    q = parse_question("what did the defence ministry spokesman say about the F-16 deal", index, TODAY)
    assert q.speakers == []
    assert q.kind == "speaker"
    assert q.suggestions  # the closest known speakers or roles


def test_unknown_name_is_not_guessed(index: SpeakerIndex) -> None:
    q = parse_question("what did Zebulon Quackenbush say", index, TODAY)
    assert q.speakers == [] and q.kind == "speaker"


def test_who_said_takes_the_phrase(index: SpeakerIndex) -> None:
    q = parse_question("Who said the capital is not safe?", index, TODAY)
    assert q.kind == "who-said" and q.phrase == "the capital is not safe"


def test_passive_questions_are_topic_questions(index: SpeakerIndex) -> None:
    q = parse_question("what has been said about salty water in Basra", index, TODAY)
    assert q.kind == "topic" and q.speakers == []
    assert q.topic_terms == ["salty", "water", "basra"]


def test_topic_words_that_look_like_names_do_not_become_speakers(index: SpeakerIndex) -> None:
    q = parse_question("what caused the fire in the market warehouses", index, TODAY)
    assert q.speakers == [] and q.kind == "topic"


def test_html_and_entities_in_a_question_are_text(index: SpeakerIndex) -> None:
    assert clean_question("<b>what</b> did &lt;Al-Saadi&gt; say?<script>x</script>") == "what did <Al-Saadi> say"
    q = parse_question("<i>what did</i> Al-Saadi <b>say</b>", index, TODAY)
    assert names(q)[:1] == ["Tariq Al-Saadi"]


def test_empty_and_huge_input_never_raise(index: SpeakerIndex) -> None:
    assert parse_question("", index, TODAY).kind == "empty"
    assert parse_question("?!", index, TODAY).kind == "empty"
    long = "spokesman " * 100_000
    q = parse_question(long, index, TODAY)
    assert len(q.text) <= 1000


def test_a_role_naming_another_body_is_not_the_asked_role(index: SpeakerIndex) -> None:
    # "Minister of Culture and spokesman for the government" holds the asked role;
    # the Kurdistan Region government's spokesman holds another one.
    assert names(parse_question("what did the government spokesman say", index, TODAY)) == ["Basil Kareem"]
    assert names(parse_question("what did the KRG spokesman say", index, TODAY)) == ["Dara Aziz"]
