"""Inline mode: `@bot question` in any chat offers the matching quotes as shareable results.

Each result is one quote rendered exactly as in a chat answer (HTML, escaped),
so what the user shares is the verbatim quote with speaker, date and source.
"""

from __future__ import annotations

from telegram import InlineQueryResultArticle, InputTextMessageContent, LinkPreviewOptions
from telegram.constants import InlineQueryLimit, InlineQueryResultLimit, ParseMode

from bot import callbacks
from bot.core import AnswerBlock, Reply
from bot.render import _speaker_parts, html_block, shorten

MAX_RESULTS = int(InlineQueryLimit.RESULTS)  # 50
MAX_ID = int(InlineQueryResultLimit.MAX_ID_LENGTH)  # 64 bytes
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


def inline_results(reply: Reply) -> list[InlineQueryResultArticle]:
    """One article result per quote in the reply (at most Telegram's 50)."""
    tag = callbacks.generation_tag(reply.generation)
    out: list[InlineQueryResultArticle] = []
    seen: set[str] = set()
    for answer in reply.answers[:MAX_RESULTS]:
        result_id = f"{tag}.{answer.quote_id}"[:MAX_ID]
        if result_id in seen:
            continue
        seen.add(result_id)
        who, role = _speaker_parts(answer)
        day = answer.day.strftime("%-d %b %Y") if answer.day else "undated"
        quote = f"“{answer.quote}”" if answer.kind == "direct" else answer.quote
        out.append(
            InlineQueryResultArticle(
                id=result_id,
                title=shorten(who + (f", {role}" if role else ""), 100),
                description=shorten(f"{day} · {quote}", 200),
                input_message_content=InputTextMessageContent(
                    message_text=html_block(AnswerBlock(0, answer)),
                    parse_mode=ParseMode.HTML,
                    link_preview_options=NO_PREVIEW,
                ),
            )
        )
    return out
