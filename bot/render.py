"""Replies -> text: Telegram HTML (every dynamic string escaped) or plain console text.

Both renderers lay out an answer the same way: the verbatim quote, the
speaker with rank and role, the date and the article (linked where a URL is
known).  `pack` groups rendered blocks into messages under a size limit,
block by block, so no message is ever cut inside a block or a tag.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable

from telegram.constants import MessageLimit

from bot.core import (
    AnswerBlock,
    Block,
    Heading,
    Note,
    PassageBlock,
    Reply,
    SpeakerCard,
    SpeakerLine,
)
from index.models import Answer, Speaker

# A single block longer than this is shortened (a 4,000-character quote is rare, but real).
MAX_BLOCK_CHARS = MessageLimit.MAX_TEXT_LENGTH - 200


def _speaker_line(a: Answer) -> str:
    sp = a.speaker
    who = " ".join(x for x in (sp.title, sp.name) if x) or sp.display
    if sp.role and sp.role != sp.name:
        who += f", {sp.role}"
    return who


def _date(a: Answer) -> str:
    return a.day.strftime("%-d %b %Y") if a.day else "undated"


def _shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit - 1)
    return text[: cut if cut > limit // 2 else limit - 1] + "…"


def _role_span(s: Speaker) -> list[str]:
    out = []
    for r in s.roles:
        when = ""
        if r.first_seen and r.last_seen:
            a, b = r.first_seen.strftime("%b %Y"), r.last_seen.strftime("%b %Y")
            when = f" ({a})" if a == b else f" ({a} – {b})"
        out.append(f"{r.role}{when}")
    return out


# -- plain text (console) ---------------------------------------------------------


def plain_block(block: Block) -> str:
    if isinstance(block, Heading):
        return block.text
    if isinstance(block, Note):
        return block.text
    if isinstance(block, AnswerBlock):
        a = block.answer
        quote = f"“{a.quote}”" if a.kind == "direct" else f"(reported) {a.quote}"
        lines = [f"{block.number}. {quote}", f"   — {_speaker_line(a)}"]
        src = f" ({a.article.source})" if a.article.source else ""
        lines.append(f"   {_date(a)} · {a.article.title}{src}" + (f" <{a.article.url}>" if a.article.url else ""))
        lines += [f"   also in: {o.title}" for o in a.also_in]
        return "\n".join(lines)
    if isinstance(block, SpeakerLine):
        s = block.speaker
        role = s.role_on(None)
        last = f", latest {s.last_seen}" if s.last_seen else ""
        return f"• {s.name}" + (f" — {role.role}" if role else "") + f" ({s.quote_count} quotes{last})"
    if isinstance(block, SpeakerCard):
        s = block.speaker
        lines = [" ".join(x for x in (s.title, s.name) if x) + (" (organisation)" if s.kind == "body" else "")]
        lines += [f"  role: {r}" for r in _role_span(s)]
        if len(s.spellings) > 1:
            lines.append("  also spelled: " + ", ".join(x for x in s.spellings if x != s.name))
        lines.append(f"  quotes: {s.quote_count}" + (f", {s.first_seen} to {s.last_seen}" if s.first_seen else ""))
        for n, a in enumerate(block.recent, 1):
            lines.append(plain_block(AnswerBlock(n, a)))
        return "\n".join(lines)
    if isinstance(block, PassageBlock):
        a = block.answer
        return f"{a.article.title} ({_date(a)}):\n{a.passage}"
    raise TypeError(f"unknown block {block!r}")


def plain(reply: Reply) -> str:
    text = "\n\n".join(plain_block(b) for b in reply.blocks)
    for row in reply.buttons:
        text += "\n[" + "] [".join(b.label for b in row) + "]"
    return text


# -- Telegram HTML ------------------------------------------------------------------

e = html.escape


def html_block(block: Block) -> str:
    if isinstance(block, Heading):
        return f"<b>{e(block.text)}</b>"
    if isinstance(block, Note):
        return e(block.text)
    if isinstance(block, AnswerBlock):
        return _html_answer(block.number, block.answer)
    if isinstance(block, SpeakerLine):
        s = block.speaker
        role = s.role_on(None)
        last = f", latest {s.last_seen}" if s.last_seen else ""
        return f"• <b>{e(s.name)}</b>" + (f" — {e(role.role)}" if role else "") + e(f" ({s.quote_count} quotes{last})")
    if isinstance(block, SpeakerCard):
        s = block.speaker
        lines = [f"<b>{e(' '.join(x for x in (s.title, s.name) if x))}</b>" + (" (organisation)" if s.kind == "body" else "")]
        lines += [f"Role: {e(r)}" for r in _role_span(s)]
        if len(s.spellings) > 1:
            lines.append("Also spelled: " + e(", ".join(x for x in s.spellings if x != s.name)))
        lines.append(e(f"Quotes: {s.quote_count}" + (f", {s.first_seen} to {s.last_seen}" if s.first_seen else "")))
        text = "\n".join(lines)
        for n, a in enumerate(block.recent, 1):
            text += "\n\n" + _html_answer(n, a)
        return text
    if isinstance(block, PassageBlock):
        a = block.answer
        passage = a.passage
        i = passage.find(a.quote)
        body = (
            e(passage[:i]) + "<b>" + e(a.quote) + "</b>" + e(passage[i + len(a.quote):])
            if i >= 0
            else e(passage)
        )
        return f"<i>{e(a.article.title)}</i> ({e(_date(a))})\n{body}"
    raise TypeError(f"unknown block {block!r}")


def _html_answer(number: int, a: Answer) -> str:
    quote = _shorten(a.quote, MAX_BLOCK_CHARS - 600)
    quoted = f"“{e(quote)}”" if a.kind == "direct" else f"<i>(reported)</i> {e(quote)}"
    title = e(a.article.title)
    if a.article.url:
        title = f'<a href="{e(a.article.url, quote=True)}">{title}</a>'
    src = f" ({e(a.article.source)})" if a.article.source else ""
    lines = [f"{number}. {quoted}", f"— <b>{e(_speaker_line(a))}</b>", f"{e(_date(a))} · {title}{src}"]
    for o in a.also_in:
        t = e(o.title)
        lines.append("also in: " + (f'<a href="{e(o.url, quote=True)}">{t}</a>' if o.url else t))
    return "\n".join(lines)


def pack(blocks: Iterable[str], limit: int = MessageLimit.MAX_TEXT_LENGTH, sep: str = "\n\n") -> list[str]:
    """Group rendered blocks into messages of at most `limit` characters, never splitting one."""
    messages: list[str] = []
    current = ""
    for block in blocks:
        if len(block) > limit:
            block = block[: limit - 1] + "…"  # only plain blocks can be this long; see MAX_BLOCK_CHARS
        if current and len(current) + len(sep) + len(block) > limit:
            messages.append(current)
            current = block
        else:
            current = current + sep + block if current else block
    if current:
        messages.append(current)
    return messages


def render_messages(reply: Reply, renderer: Callable[[Block], str] = html_block) -> list[str]:
    return pack(renderer(b) for b in reply.blocks)
