"""Rendering: escaping, Telegram's limits, packing (no network; HTML checked as Telegram parses it)."""

from __future__ import annotations

import random
from datetime import date

import pytest

from bot.core import (
    AnswerBlock,
    Heading,
    Note,
    NothingFound,
    PassageBlock,
    Reply,
    SpeakerCard,
    SpeakerLine,
)
from bot.render import (
    MAX_MESSAGE,
    html_block,
    layout_html,
    pack,
    plain,
    shorten,
    text_length,
    truncate_html,
)
from index.models import Answer, ArticleRef, RoleSpell, Speaker, SpeakerRef
from tests.botapi import ApiError, parse_html

pytestmark = pytest.mark.timeout(60)

EVIL = "<b>bold</b> & <script>alert('x')</script> *star* _under_ `tick` [link](http://x) &amp;"


def answer(quote: str = "The bridge will open in May.", **kw: object) -> Answer:
    values: dict[str, object] = dict(
        quote=quote,
        kind="direct",
        speaker=SpeakerRef(name="Sana Al-Dulaimi", role="spokeswoman for the Ministry of Water Resources",
                           title="Dr.", kind="person"),
        speaker_id=3,
        day=date(2023, 4, 18),
        article=ArticleRef("a1", "Dam plans", "https://example.org/a?x=1&y=2", "INA"),
        passage=f"Officials spoke on Tuesday. \"{quote}\" said the spokeswoman. Work continues.",
        score=1.0,
        quote_id=5,
    )
    values.update(kw)
    return Answer(**values)  # type: ignore[arg-type]


def visible(html_text: str) -> str:
    return parse_html(html_text)


def test_answer_layout_and_escaping_of_every_field() -> None:
    a = answer(
        EVIL,
        speaker=SpeakerRef(name="Al-<i>Kadhimi</i>", role="head of <u>things</u> & more", title="Dr.", kind="person"),
        article=ArticleRef("a1", "Title <b>x</b> & y", 'https://e.org/?a=1&b="2"', "INA & co"),
    )
    out = html_block(AnswerBlock(1, a))
    seen = visible(out)  # Telegram would accept it
    assert seen.splitlines() == [
        f"1. “{EVIL}”",
        "— Dr. Al-<i>Kadhimi</i>, head of <u>things</u> & more",
        "18 Apr 2023 · Title <b>x</b> & y (INA & co)",
    ]
    assert '<a href="https://e.org/?a=1&amp;b=&quot;2&quot;">' in out


def test_indirect_quotes_are_marked_and_unsafe_urls_not_linked() -> None:
    a = answer("the attacks have dropped", kind="indirect",
               article=ArticleRef("a", "T", "javascript:alert(1)", None))
    out = html_block(AnswerBlock(2, a))
    assert "<i>(reported)</i> the attacks have dropped" in out
    assert "<a " not in out
    assert visible(html_block(AnswerBlock(0, a))).startswith("(reported)")  # unnumbered (inline)


@pytest.mark.parametrize("length", [4000, 5000, 20_000])
def test_over_long_quote_is_shortened_before_escaping(length: int) -> None:
    quote = ("Fish & chips <b>are</b> served. " * (length // 30 + 1))[:length]
    out = html_block(AnswerBlock(1, answer(quote)))
    seen = visible(out)
    assert text_length(out) <= MAX_MESSAGE
    assert "…" in seen and "Sana Al-Dulaimi" in seen and "Dam plans" in seen
    assert "<blockquote expandable>" in out


def test_emoji_count_twice_toward_the_limit() -> None:
    quote = "🔥" * 3000  # 6000 UTF-16 units
    out = html_block(AnswerBlock(1, answer(quote)))
    assert text_length(out) <= MAX_MESSAGE
    visible(out)


def test_passage_marks_the_quote_and_is_shortened_around_it() -> None:
    a = answer("the <quote> itself")
    out = html_block(PassageBlock(a))
    assert "<b>the &lt;quote&gt; itself</b>" in out and "<blockquote>" in out
    visible(out)
    long_passage = "Before. " * 800 + a.quote + " After." * 800
    out = html_block(PassageBlock(answer(a.quote, passage=long_passage)))
    seen = visible(out)
    assert text_length(out) <= MAX_MESSAGE and a.quote in seen and seen.count("…") == 2


def test_nothing_found_lists_suggestions() -> None:
    out = html_block(NothingFound("I don't know “<Smith>”.", ("Qasim Al-Rubaie, spokesman", "A & B")))
    assert visible(out) == "🔎 I don't know “<Smith>”.\n\nDid you mean\n• Qasim Al-Rubaie, spokesman\n• A & B"
    assert plain(Reply([NothingFound("No.", ("x", "y"))])) == "No. Did you mean: x; y?"


def test_speaker_blocks() -> None:
    s = Speaker(
        id=1, name="Tariq <Al-Saadi>", kind="person", spellings=["Tariq <Al-Saadi>", "Tareq Al-Saidi"],
        roles=[RoleSpell("spokesman & co", None, date(2019, 5, 22), date(2021, 12, 14), 8)],
        title="Major General", quote_count=13, first_seen=date(2019, 5, 22), last_seen=date(2021, 12, 14),
    )
    line = visible(html_block(SpeakerLine(s)))
    assert line == "• Tariq <Al-Saadi> — spokesman & co (13 quotes, latest 14 Dec 2021)"
    card = visible(html_block(SpeakerCard(s, (answer(), answer("x" * 2000)))))
    assert "Major General Tariq <Al-Saadi>" in card and "Tareq Al-Saidi" in card
    assert "spokesman & co (May 2019 – Dec 2021)" in card and "Recent" in card
    many = SpeakerCard(s, tuple(answer("y" * 290) for _ in range(40)))
    assert text_length(html_block(many)) <= MAX_MESSAGE


def test_heading_and_note_escape_and_fit() -> None:
    assert visible(html_block(Heading("a<b>&c"))) == "a<b>&c"
    out = html_block(Note("<&>" * 3000))
    assert text_length(out) <= MAX_MESSAGE
    visible(out)


def test_shorten_prefers_sentence_then_word_boundaries() -> None:
    text = "First sentence here. Second sentence is much longer than the first one."
    assert shorten(text, 30) == "First sentence here. …"
    assert shorten("alpha beta gamma delta", 14) == "alpha beta…"
    assert shorten("short", 10) == "short"
    assert text_length(shorten("x" * 100, 10)) <= 10


def test_pack_keeps_blocks_whole_and_under_the_limit() -> None:
    blocks = [f"<b>{i}</b> " + "w" * (300 + 37 * i) for i in range(18)]  # each under the limit
    messages = pack(blocks, limit=1000)
    assert all(text_length(m) <= 1000 for m in messages)
    assert "\n\n".join(messages) == "\n\n".join(blocks)  # nothing lost, nothing split


def test_pack_truncates_an_over_long_block_without_breaking_tags() -> None:
    block = "<b>" + "a &amp; b " * 1000 + "</b><i>tail</i>"
    (message,) = pack([block], limit=500)
    assert text_length(message) <= 500 and message.endswith("…</b>")
    visible(message)


def test_truncate_html_is_always_valid() -> None:
    rng = random.Random(7)
    pieces = ["<b>", "</b>", "<i>", "</i>", '<a href="https://x.org/?a=1&amp;b=2">', "</a>",
              "&amp;", "&lt;", "&#x27;", "word ", "🔥", "é"]
    for _ in range(300):
        stack: list[str] = []
        out = []
        for _ in range(rng.randint(1, 80)):
            p = rng.choice(pieces)
            if p.startswith("</"):
                if not stack:
                    continue
                out.append(f"</{stack.pop()}>")
            elif p.startswith("<"):
                tag = p[1] if p[1] != "a" else "a"
                stack.append(tag)
                out.append(p)
            else:
                out.append(p)
        out += [f"</{t}>" for t in reversed(stack)]
        html_text = "".join(out)
        visible(html_text)
        limit = rng.randint(1, max(2, text_length(html_text)))
        cut = truncate_html(html_text, limit)
        assert text_length(cut) <= limit or text_length(html_text) <= limit
        visible(cut) if parse_ok(cut) else pytest.fail(f"invalid: {cut!r}")


def parse_ok(text: str) -> bool:
    try:
        parse_html(text)
    except ApiError as exc:
        return "message text is empty" in exc.description
    return True


def test_layout_never_leaves_a_heading_alone() -> None:
    reply = Reply([Heading("Faris Al-Ghazali — 1 quote"), AnswerBlock(1, answer("z " * 3000))])
    (only,) = layout_html(reply)
    assert only[1] == [0, 1] and text_length(only[0]) <= MAX_MESSAGE
    visible(only[0])


def test_layout_groups_many_answers_into_few_messages() -> None:
    reply = Reply([Heading("h")] + [AnswerBlock(i, answer("q " * 600)) for i in range(1, 9)])
    messages = layout_html(reply)
    assert [i for _, group in messages for i in group] == list(range(9))
    assert all(text_length(t) <= MAX_MESSAGE for t, _ in messages) and len(messages) < 9


def test_a_speaker_list_stays_a_list() -> None:
    people = [Speaker(id=i, name=f"Person {i}", kind="person", quote_count=i) for i in range(1, 4)]
    reply = Reply([Heading("Speakers (3)"), *(SpeakerLine(p) for p in people)])
    ((text, _),) = layout_html(reply)
    assert visible(text).splitlines() == [
        "Speakers (3)", "", "• Person 1 (1 quote)", "• Person 2 (2 quotes)", "• Person 3 (3 quotes)"]
    assert plain(reply).count("\n\n") == 1
