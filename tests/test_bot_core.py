"""The transport-free conversation core over the demo archive (no network)."""

from __future__ import annotations

from datetime import date

import pytest

from bot import callbacks
from bot.core import (
    EXPIRED,
    AnswerBlock,
    Heading,
    Note,
    NothingFound,
    PassageBlock,
    QuoteDesk,
    SpeakerCard,
    SpeakerLine,
)

pytestmark = pytest.mark.timeout(60)


@pytest.fixture(scope="module")
def desk(demo_archive) -> QuoteDesk:  # type: ignore[no-untyped-def]
    return QuoteDesk(lambda: demo_archive, today=lambda: date(2025, 6, 1))


def gen(desk: QuoteDesk) -> str:
    return callbacks.generation_tag(desk.generation)


def test_ask_gives_a_summary_numbered_answers_and_buttons(desk: QuoteDesk) -> None:
    reply = desk.ask("what did the JOC spokesman say")
    assert isinstance(reply.blocks[0], Heading) and "quote" in reply.blocks[0].text
    answers = [b for b in reply.blocks if isinstance(b, AnswerBlock)]
    assert [b.number for b in answers] == list(range(1, len(answers) + 1)) and len(answers) == desk.page_size
    assert all(a.answer.speaker.name == "Tariq Al-Saadi" for a in answers)
    # One Context button per answer, carrying the quote id of this generation.
    for index, buttons in reply.block_buttons.items():
        block = reply.blocks[index]
        assert isinstance(block, AnswerBlock)
        action = callbacks.decode(buttons[0].data)
        assert action == callbacks.context(desk.generation, block.answer.quote_id)
    more = reply.button("more")
    assert more is not None and more.label.startswith(f"More ({reply.total - desk.page_size})")
    action = callbacks.decode(more.data)
    assert action.number == desk.page_size and action.generation == gen(desk)


def test_more_pages_on_and_expires(desk: QuoteDesk) -> None:
    question = "what did the JOC spokesman say"
    first = desk.ask(question)
    action = callbacks.decode(first.button("more").data)  # type: ignore[union-attr]
    page = desk.page(question, offset=action.number, generation=action.generation,
                     question_hash=action.question_hash)
    numbers = [b.number for b in page.blocks if isinstance(b, AnswerBlock)]
    assert numbers[0] == desk.page_size + 1 and not page.expired
    first_ids = {a.quote_id for a in first.answers}
    assert not first_ids & {a.quote_id for a in page.answers}
    stale = desk.page(question, offset=5, generation="abc123", question_hash=action.question_hash)
    assert stale.expired and stale.blocks == [Note(EXPIRED)]
    edited = desk.page("what did the MoI spokesman say", offset=5, generation=action.generation,
                       question_hash=action.question_hash)
    assert edited.expired


def test_context_and_its_expiry(desk: QuoteDesk) -> None:
    qid = desk.ask("what did the JOC spokesman say").answers[0].quote_id
    reply = desk.context(qid, gen(desk))
    (block,) = reply.blocks
    assert isinstance(block, PassageBlock) and block.answer.quote in block.answer.passage
    assert desk.context(qid, "zzzzzz").expired
    assert desk.context(10**9, gen(desk)).expired


def test_nothing_found_suggests_known_speakers_as_buttons(desk: QuoteDesk) -> None:
    reply = desk.ask("what did the mayor of Basra say")
    (block,) = reply.blocks
    assert isinstance(block, NothingFound) and block.suggestions and not reply.found
    actions = [callbacks.decode(b.data) for row in reply.buttons for b in row]
    assert actions and all(a.kind == "speaker" for a in actions)
    assert len({a.number for a in actions}) == len(actions)  # one button per speaker
    card = desk.speaker_card(actions[0].number, actions[0].generation)
    assert isinstance(card.blocks[0], SpeakerCard)
    assert desk.speaker_card(actions[0].number, "old000").expired


def test_too_long_and_empty_questions(desk: QuoteDesk) -> None:
    refusal = desk.too_long("x" * 10_000)
    assert refusal is not None and "10,000 characters" in refusal.blocks[0].text  # type: ignore[union-attr]
    assert desk.too_long("short question") is None
    assert "Ask me about a statement" in desk.ask("   ").blocks[0].text  # type: ignore[union-attr]


def test_commands(desk: QuoteDesk) -> None:
    help_ = desk.handle_text("/help")
    assert any(isinstance(b, Note) and b.text.startswith("For example") for b in help_.blocks)
    speakers = desk.handle_text("/speakers spokesman")
    assert all(isinstance(b, (Heading, SpeakerLine)) for b in speakers.blocks)
    assert "spokesman" in speakers.blocks[0].text  # type: ignore[union-attr]
    card = desk.handle_text("/speaker Al-Saadi")
    assert isinstance(card.blocks[0], SpeakerCard) and card.blocks[0].recent
    assert len(card.block_buttons[0]) == len(card.blocks[0].recent)
    assert "Usage" in desk.handle_text("/speaker").blocks[0].text  # type: ignore[union-attr]
    assert isinstance(desk.handle_text("/speaker Zorblax").blocks[0], NothingFound)
    assert "Articles:" in desk.handle_text("/stats").blocks[1].text  # type: ignore[union-attr]
    assert "Unknown command /nope" in desk.handle_text("/nope@quotedesk_bot").blocks[0].text  # type: ignore[union-attr]


def test_latest_pages(desk: QuoteDesk) -> None:
    first = desk.latest()
    days = [a.day for a in first.answers]
    assert days == sorted(days, reverse=True)
    more = callbacks.decode(first.button("latest").data)  # type: ignore[union-attr]
    second = desk.latest(more.number, more.generation)
    assert [b.number for b in second.blocks if isinstance(b, AnswerBlock)][0] == desk.page_size + 1
    assert desk.latest(5, "000000").expired


def test_one_archive_per_request(demo_archive) -> None:  # type: ignore[no-untyped-def]
    calls = []

    def archive():  # type: ignore[no-untyped-def]
        calls.append(1)
        return demo_archive

    desk = QuoteDesk(archive)
    for run in (lambda: desk.ask("what did Al-Saadi say"), desk.help, lambda: desk.speaker("Al-Saadi"),
                desk.latest, desk.stats, lambda: desk.speakers("")):
        calls.clear()
        run()
        assert len(calls) == 1
