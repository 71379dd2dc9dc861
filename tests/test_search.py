"""Search over the bundled demo archive and small archives written here."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from index.archive import Archive
from index.builder import build_index
from index.config import Config, IndexSettings
from index.search import answer_question

TODAY = date(2026, 11, 27)


def ask(archive: Archive, question: str, k: int = 5):
    return answer_question(archive, question, k=k, today=TODAY)


def test_role_question_answers_with_the_holder_at_the_asked_date(demo_archive: Archive) -> None:
    early = ask(demo_archive, "what did the interior ministry spokesman say in 2019")
    late = ask(demo_archive, "what did the interior ministry spokesman say in 2023")
    assert early.answers and {a.speaker.name for a in early.answers} == {"Qasim Al-Rubaie"}
    assert late.answers and {a.speaker.name for a in late.answers} == {"Haidar Al-Zubaidi"}
    assert all(a.day and a.day.year == 2019 for a in early.answers)


def test_role_question_without_date_shows_each_holder_with_dates(demo_archive: Archive) -> None:
    result = ask(demo_archive, "MoI spokesman", k=10)
    holders = {a.speaker.name for a in result.answers}
    assert holders == {"Qasim Al-Rubaie", "Haidar Al-Zubaidi"}
    assert all(a.day is not None for a in result.answers)


def test_nothing_found_for_an_unknown_speaker_or_an_untouched_topic(demo_archive: Archive) -> None:
    assert ask(demo_archive, "what did the defence ministry spokesman say").answers == []
    off_topic = ask(demo_archive, "what did the JOC spokesman say about cholera")
    assert off_topic.answers == [] and off_topic.query.speakers  # known speaker, unknown topic
    assert ask(demo_archive, "who said the moon is made of cheese").answers == []


def test_answers_carry_speaker_role_date_article_and_passage(demo_archive: Archive) -> None:
    a = ask(demo_archive, "what did the JOC spokesman say")
    assert a.answers
    first = a.answers[0]
    assert first.speaker.name == "Tariq Al-Saadi"
    assert "Joint Operations" in (first.speaker.role or "")
    assert first.day is not None and first.article.title and first.quote in first.passage


def test_direct_quotes_come_before_indirect_ones(demo_archive: Archive) -> None:
    result = ask(demo_archive, "what did Al-Saadi say", k=20)
    kinds = [a.kind for a in result.answers]
    assert "direct" in kinds
    assert kinds.index("direct") < (kinds.index("indirect") if "indirect" in kinds else len(kinds))


def test_paging_returns_the_next_answers_without_repeats(demo_archive: Archive) -> None:
    page1 = answer_question(demo_archive, "what did Al-Saadi say", k=3, today=TODAY)
    page2 = answer_question(demo_archive, "what did Al-Saadi say", k=3, offset=3, today=TODAY)
    assert page1.total == page2.total > 3
    assert not {a.quote_id for a in page1.answers} & {a.quote_id for a in page2.answers}


def _article(aid: str, day: str, body: str, title: str = "Ports: New crossing opens") -> dict:
    return {"id": aid, "title": title, "published": f"{day}T10:00:00+03:00", "source": "INA", "dateline": "Basra", "url": f"https://example.org/{aid}", "body": body}


@pytest.fixture(scope="module")
def twin_archive(tmp_path_factory: pytest.TempPathFactory) -> Archive:
    """Two agencies carrying the same statement, plus an unrelated article."""
    folder = tmp_path_factory.mktemp("twins")
    statement = (
        'The director of the Basra ports company, Dr. Faris Al-Mansouri, told reporters: "The new berth '
        'will receive container ships of up to ten thousand tons from the first of next month."'
    )
    (folder / "a.jsonl").write_text(
        "\n".join(
            json.dumps(x)
            for x in (
                _article("wire-1", "2024-03-02", statement),
                _article("wire-2", "2024-03-02", statement + "\n\nThe company did not give the cost of the project."),
                _article("other", "2024-03-05", 'The governor, Ali Hassan, said: "The bridge will close for repairs."', "Bridge closed"),
            )
        )
    )
    index_dir = folder / "ix"
    build_index([folder], Config(index=IndexSettings(path=str(index_dir), workers=1)), progress=False)
    return Archive.open(index_dir)


def test_the_same_statement_in_two_articles_is_one_answer_listing_both(twin_archive: Archive) -> None:
    result = ask(twin_archive, "what did Al-Mansouri say about the berth")
    assert len(result.answers) == 1
    answer = result.answers[0]
    assert {answer.article.id, *(x.id for x in answer.also_in)} == {"wire-1", "wire-2"}


def test_both_engines_rank_the_fixture_questions_the_same(tmp_path: Path) -> None:
    demo = Path(__file__).resolve().parents[1] / "demo"
    archives = {}
    for engine in ("bm25s", "rank-bm25"):
        ix = tmp_path / engine
        build_index([demo], Config(index=IndexSettings(path=str(ix), engine=engine, workers=1)), progress=False)
        archives[engine] = Archive.open(ix)
    questions = [
        json.loads(line)["q"]
        for line in (demo.parent / "tests/fixtures/qa/demo-questions.jsonl").read_text().splitlines()
    ] + ["what did the interior ministry spokesman say", "who said the curfew is a health measure"]
    for q in questions:
        a = [x.quote_id for x in ask(archives["bm25s"], q).answers]
        b = [x.quote_id for x in ask(archives["rank-bm25"], q).answers]
        assert a == b, q


def test_a_body_is_distinct_from_the_people_who_speak_for_it(demo_archive: Archive) -> None:
    body = ask(demo_archive, "what did the interior ministry say")
    assert body.answers and {a.speaker.name for a in body.answers} == {"Ministry of Interior"}
    people = ask(demo_archive, "what did the interior ministry spokesman say")
    assert "Ministry of Interior" not in {a.speaker.name for a in people.answers}


def test_a_regional_body_is_not_the_federal_one(demo_archive: Archive) -> None:
    federal = {a.speaker.name for a in ask(demo_archive, "what did the health ministry say").answers}
    regional = {a.speaker.name for a in ask(demo_archive, "what did the kurdistan region health ministry say").answers}
    assert federal and regional and not federal & regional
