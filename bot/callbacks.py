"""Callback data for the answer buttons: short, self-describing, valid across restarts.

Every button carries everything its press needs, so the bot keeps no memory a
button depends on: a restart, a second bot process behind the same token, or a
week-old message all behave the same.  The one thing a button cannot carry is
the question itself (it may be longer than the 64 bytes Telegram allows), so:

- **More** — ``m:<gen>:<offset>:<qhash>``.  The question is recovered from the
  message the answer replies to (answers are always sent as replies to the
  question: ``callback_query.message.reply_to_message``); ``qhash`` (CRC-32 of
  the normalised question) detects a question edited after it was answered.
  A persistent question store (sqlite keyed by a short id) was the
  alternative; it would need a state directory, cleanup and sharing between
  processes, and it would still have to expire when the index changes, so the
  reply chain wins: no state at all.
- **Context** — ``c:<gen>:<quote id>``; **speaker** (a "did you mean"
  suggestion) — ``s:<gen>:<speaker id>``; **More latest** — ``l:<gen>:<offset>``.

``<gen>`` is the last characters of the index generation id (its random
suffix).  Quote, speaker and paging positions are only meaningful in the
generation that produced them, so a press after a rebuild is answered with
"this search has expired, ask again" instead of a wrong quote.

All of this is pure: no Telegram objects, just strings.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from typing import Literal

from telegram.constants import InlineKeyboardButtonLimit

MAX_CALLBACK_BYTES = int(InlineKeyboardButtonLimit.MAX_CALLBACK_DATA)  # 64 bytes
GENERATION_CHARS = 6

ActionKind = Literal["more", "context", "speaker", "latest"]
_PREFIX: dict[str, ActionKind] = {"m": "more", "c": "context", "s": "speaker", "l": "latest"}
_LETTER = {v: k for k, v in _PREFIX.items()}
_GEN = re.compile(r"^[A-Za-z0-9]{1,16}$")


class BadCallbackData(ValueError):
    """Callback data this bot did not produce (or an older, incompatible format)."""


@dataclass(frozen=True, slots=True)
class Action:
    """What a button press asks for."""

    kind: ActionKind
    generation: str  # suffix of the index generation id the button was made in
    number: int  # offset (more, latest), quote id (context) or speaker id (speaker)
    question_hash: str = ""  # more only

    def encode(self) -> str:
        parts = [_LETTER[self.kind], self.generation, str(self.number)]
        if self.kind == "more":
            parts.append(self.question_hash)
        data = ":".join(parts)
        if len(data.encode("utf-8")) > MAX_CALLBACK_BYTES:  # cannot happen with sane ids
            raise ValueError(f"callback data over {MAX_CALLBACK_BYTES} bytes: {data!r}")
        return data


def generation_tag(generation_id: str) -> str:
    """The short tag of a generation id that buttons carry (its random suffix)."""
    tag = re.sub(r"[^A-Za-z0-9]", "", generation_id)[-GENERATION_CHARS:]
    return tag or "0"


def same_generation(tag: str, generation_id: str) -> bool:
    return bool(tag) and generation_tag(generation_id) == tag


def question_hash(question: str) -> str:
    """8 hex digits identifying a question up to case and spacing."""
    norm = " ".join(question.lower().split())
    return f"{zlib.crc32(norm.encode('utf-8')):08x}"


def more(generation_id: str, offset: int, question: str) -> Action:
    return Action("more", generation_tag(generation_id), offset, question_hash(question))


def context(generation_id: str, quote_id: int) -> Action:
    return Action("context", generation_tag(generation_id), quote_id)


def speaker(generation_id: str, speaker_id: int) -> Action:
    return Action("speaker", generation_tag(generation_id), speaker_id)


def latest(generation_id: str, offset: int) -> Action:
    return Action("latest", generation_tag(generation_id), offset)


def decode(data: str | None) -> Action:
    """The action a button stands for; `BadCallbackData` for anything else."""
    if not data or len(data.encode("utf-8")) > MAX_CALLBACK_BYTES:
        raise BadCallbackData("empty or over-long callback data")
    parts = data.split(":")
    kind = _PREFIX.get(parts[0])
    expected = 4 if kind == "more" else 3
    if kind is None or len(parts) != expected or not _GEN.match(parts[1]) or not parts[2].isdigit():
        raise BadCallbackData(f"unknown callback data {data[:20]!r}")
    qhash = parts[3] if kind == "more" else ""
    if kind == "more" and not re.fullmatch(r"[0-9a-f]{8}", qhash):
        raise BadCallbackData("bad question hash")
    return Action(kind, parts[1], int(parts[2]), qhash)
