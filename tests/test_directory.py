"""The speaker directory: merging spellings, keeping different people and bodies apart."""

from __future__ import annotations

from datetime import date

from index.directory import SpeakerMention, build_directory, speaker_from_json, speaker_to_json
from index.models import SpeakerRef


def person(name: str, role: str | None = None, title: str | None = None, org: str | None = None) -> SpeakerRef:
    return SpeakerRef(name=name, role=role, organization=org, title=title, kind="person", confidence=0.9)


def body(name: str) -> SpeakerRef:
    return SpeakerRef(name=name, kind="body", organization=name, confidence=0.9)


def mention(sp: SpeakerRef, day: str, art: str) -> SpeakerMention:
    return SpeakerMention(sp, date.fromisoformat(day), art)


def by_name(speakers):
    return {s.name: s for s in speakers}


def test_transliterations_merge_into_one_person() -> None:
    ms = [
        mention(person("Mustafa Al-Kadhimi", "Prime Minister"), "2021-01-01", "a1"),
        mention(person("Mustafa Al-Kadhimi", "Prime Minister"), "2021-02-01", "a2"),
        mention(person("Mustafa Al-Kazemi", "Prime Minister"), "2021-03-01", "a3"),
        mention(person("Mustafa Al-Kahdimi"), "2021-04-01", "a4"),
    ]
    speakers, ids = build_directory(ms)
    assert len(speakers) == 1 and set(ids) == {0}
    s = speakers[0]
    assert s.name == "Mustafa Al-Kadhimi"  # the usual spelling
    assert set(s.spellings) == {"Mustafa Al-Kadhimi", "Mustafa Al-Kazemi", "Mustafa Al-Kahdimi"}
    assert s.quote_count == 4


def test_two_first_names_with_one_surname_are_two_people() -> None:
    ms = [
        mention(person("Rakan al-Jubouri", "Governor of Kirkuk"), "2020-01-01", "a1"),
        mention(person("Najm al-Jubouri", "Governor of Nineveh"), "2020-01-01", "a1"),
    ]
    speakers, ids = build_directory(ms)
    assert len(speakers) == 2 and ids[0] != ids[1]


def test_a_bare_surname_joins_the_only_person_it_can_be() -> None:
    ms = [
        mention(person("Khaled Al-Muhanna", "spokesman for the Ministry of Interior"), "2021-01-26", "a1"),
        mention(person("Al-Mohanna"), "2021-02-01", "a2"),
    ]
    speakers, ids = build_directory(ms)
    assert len(speakers) == 1 and ids == [0, 0]


def test_a_bare_surname_shared_by_two_people_stays_apart() -> None:
    ms = [
        mention(person("Rakan al-Jubouri"), "2020-01-01", "a1"),
        mention(person("Najm al-Jubouri"), "2020-01-01", "a2"),
        mention(person("al-Jubouri"), "2020-01-01", "a3"),
    ]
    speakers, ids = build_directory(ms)
    assert len(speakers) == 3 and len(set(ids)) == 3


def test_bodies_merge_on_their_canonical_name_but_regions_stay_distinct() -> None:
    ms = [
        mention(body("Ministry of Interior"), "2021-01-01", "a1"),
        mention(body("Interior Ministry"), "2021-02-01", "a2"),
        mention(body("Kurdistan Region Ministry of Interior"), "2021-03-01", "a3"),
    ]
    speakers, ids = build_directory(ms)
    assert ids[0] == ids[1] != ids[2]
    assert {s.kind for s in speakers} == {"body"}


def test_roles_keep_the_dates_they_were_seen() -> None:
    ms = [
        mention(person("Tariq Al-Saadi", "spokesman for the Joint Operations Command", "Major General"), "2019-05-22", "a1"),
        mention(person("Tariq Al-Saadi", "spokesman for the Joint Operations Command"), "2021-12-14", "a2"),
        mention(person("Tariq Al-Saadi", "Deputy Commander of Joint Operations", "Lieutenant General"), "2024-06-09", "a3"),
    ]
    speakers, _ = build_directory(ms)
    s = speakers[0]
    spokesman, deputy = s.roles
    assert (spokesman.first_seen, spokesman.last_seen, spokesman.count) == (date(2019, 5, 22), date(2021, 12, 14), 2)
    assert deputy.first_seen == date(2024, 6, 9)
    assert s.role_on(date(2020, 6, 1)) is spokesman
    assert s.role_on(date(2024, 7, 1)) is deputy
    assert s.role_on(None) is deputy  # the latest


def test_unnamed_speakers_get_no_entry_and_json_round_trips() -> None:
    ms = [mention(SpeakerRef(role="a security source"), "2021-01-01", "a1"), mention(person("Saad Maan", "head of the Security Media Cell"), "2021-05-16", "a2")]
    speakers, ids = build_directory(ms)
    assert ids[0] == -1 and ids[1] == 0
    assert speaker_from_json(speaker_to_json(speakers[0])) == speakers[0]


def test_people_named_but_not_quoted_teach_the_usual_spelling_without_an_entry() -> None:
    quoted = [mention(person("Mustafa Al-Kazemi", "Prime Minister"), "2021-03-01", "a3")]
    named = [
        mention(person("Mustafa Al-Kazemi", "Prime Minister"), "2021-03-01", "a3"),
        mention(person("Mustafa Al-Kadhimi", "Prime Minister"), "2021-01-01", "a1"),
        mention(person("Mustafa Al-Kadhimi"), "2021-02-01", "a2"),
        mention(person("Haidar Jabbar", "Minister of Water"), "2021-02-01", "a2"),
    ]
    speakers, ids = build_directory(quoted, named)
    assert [s.name for s in speakers] == ["Mustafa Al-Kadhimi"]  # two articles against one
    assert ids == [0] and speakers[0].quote_count == 1
    assert "Mustafa Al-Kazemi" in speakers[0].spellings


def test_a_shorter_form_of_a_full_name_joins_it() -> None:
    ms = [
        mention(person("Nawas Sabah Shaker", "media director"), "2022-01-01", "a1"),
        mention(person("Sabah Shaker"), "2022-01-01", "a1"),
    ]
    speakers, ids = build_directory(ms)
    assert ids == [0, 0] and speakers[0].name == "Nawas Sabah Shaker"
