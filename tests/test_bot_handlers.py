"""Pieces of the Telegram handlers that need no network: who a message is addressed to, keyboards."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace
from typing import Any

import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update

from bot.core import Button
from bot.handlers import QuoteDeskHandlers, describe, keyboard_json
from tests.botapi.server import _entities

pytestmark = pytest.mark.timeout(60)

BOT = SimpleNamespace(id=7000001, username="QuoteDesk_Test_Bot")


def message(text: str, *, chat_type: str = "supergroup", reply_from: int | None = None, **extra: Any) -> Message:
    data: dict[str, Any] = {
        "message_id": 10,
        "date": 1_700_000_000,
        "chat": {"id": -100 if chat_type != "private" else 5, "type": chat_type},
        "from": {"id": 5, "is_bot": False, "first_name": "Rana"},
        "text": text,
        "entities": _entities(text),
        **extra,
    }
    if reply_from is not None:
        data["reply_to_message"] = {
            "message_id": 9, "date": 1_700_000_000, "chat": data["chat"], "text": "an answer",
            "from": {"id": reply_from, "is_bot": True, "first_name": "X"},
        }
    return Message.de_json(data, None)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "chat_type", "reply_from", "expected"),
    [
        ("what did the JOC spokesman say", "private", None, "what did the JOC spokesman say"),
        ("@quotedesk_test_bot what did Al-Saadi say?", "supergroup", None, "what did Al-Saadi say?"),
        ("what did Al-Saadi say, @QuoteDesk_Test_Bot", "group", None, "what did Al-Saadi say,"),
        ("@QuoteDesk_Test_Bot: who said the capital is safe", "supergroup", None, "who said the capital is safe"),
        ("what did Al-Saadi say", "supergroup", None, None),  # group chatter: silence
        ("@someone_else what did Al-Saadi say", "supergroup", None, None),
        ("what about the budget", "supergroup", BOT.id, "what about the budget"),  # reply to the bot
        ("what about the budget", "supergroup", 42, None),  # reply to someone else
        ("@QuoteDesk_Test_Bot", "supergroup", None, ""),  # just the mention: help
    ],
)
def test_question_in(text: str, chat_type: str, reply_from: int | None, expected: str | None) -> None:
    assert QuoteDeskHandlers.question_in(message(text, chat_type=chat_type, reply_from=reply_from), BOT) == expected


def test_text_mention_of_the_bot_addresses_it() -> None:
    m = message("QuoteDesk what did Al-Saadi say", entities=[
        {"type": "text_mention", "offset": 0, "length": 9,
         "user": {"id": BOT.id, "is_bot": True, "first_name": "QuoteDesk"}}])
    assert QuoteDeskHandlers.question_in(m, BOT) == "QuoteDesk what did Al-Saadi say"


def test_keyboard_rows_and_empty() -> None:
    assert keyboard_json([]) is None and keyboard_json([[]]) is None
    markup = keyboard_json([[Button("Context 1", "c:abc:1"), Button("Context 2", "c:abc:2")], [], [Button("More", "m:abc:5:0")]])
    assert markup is not None
    assert [[b["callback_data"] for b in row] for row in markup["inline_keyboard"]] == [["c:abc:1", "c:abc:2"], ["m:abc:5:0"]]
    # What python-telegram-bot would send for the same buttons.
    typed = InlineKeyboardMarkup([
        [InlineKeyboardButton("Context 1", callback_data="c:abc:1"), InlineKeyboardButton("Context 2", callback_data="c:abc:2")],
        [InlineKeyboardButton("More", callback_data="m:abc:5:0")],
    ])
    assert markup == typed.to_dict()


def test_describe_names_ids_never_text() -> None:
    update = Update(update_id=3, message=message("secret question text", chat_type="private"))
    line = describe(update)
    assert line == "update 3 (message, chat 5 private, user 5)" and "secret" not in line
    assert describe(None) == "no update"


async def test_typing_is_shown_only_for_slow_answers_and_done_before_them() -> None:
    from bot.core import QuoteDesk
    from bot.settings import BotSettings

    actions: list[tuple[str, float]] = []

    class FakeBot:
        async def send_chat_action(self, **kw: Any) -> None:
            actions.append(("start", asyncio.get_running_loop().time()))
            await asyncio.sleep(0.02)
            actions.append(("done", asyncio.get_running_loop().time()))

    handlers = QuoteDeskHandlers(QuoteDesk(lambda: None), BotSettings(typing_delay=0.05))  # type: ignore[arg-type, return-value]
    msg = message("a question", chat_type="private")
    async with handlers._typing(FakeBot(), msg):  # type: ignore[arg-type]
        await asyncio.sleep(0.01)  # a fast answer: no "typing…"
    assert actions == []
    async with handlers._typing(FakeBot(), msg):  # type: ignore[arg-type]
        await asyncio.sleep(0.15)
    assert [a for a, _ in actions] == ["start", "done"]  # finished before the answer goes out
    handlers.settings = BotSettings(typing_delay=0)
    actions.clear()
    async with handlers._typing(FakeBot(), msg):  # type: ignore[arg-type]
        pass
    assert [a for a, _ in actions] == ["start", "done"]  # typing_delay = 0: always, first
