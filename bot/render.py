"""Replies -> text: Telegram HTML (every dynamic string escaped) or plain console text.

Both renderers lay out an answer the same way: the verbatim quote, the
speaker with rank and role, the date and the article (linked where a URL is
known).  `pack` groups rendered blocks into messages under Telegram's size
limit, block by block, so no message is ever cut inside a block or a tag.

An answer too long for one message (a 5,000-character quote is rare, but
real) is shortened *before* escaping: the quote text loses words at its end
and gets an ellipsis, so the HTML around it stays whole.  Lengths are counted
in UTF-16 code units, as Telegram counts them, over the HTML source, which is
never shorter than the text Telegram shows.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Sequence

from telegram.constants import MessageLimit

from bot.core import (
    AnswerBlock,
    Block,
    Heading,
    Note,
    NothingFound,
    PassageBlock,
    Reply,
    SpeakerCard,
    SpeakerLine,
)
from index.models import Answer, Speaker

MAX_MESSAGE = int(MessageLimit.MAX_TEXT_LENGTH)  # 4096
# Quotes longer than this go into a collapsed (expandable) quotation block.
LONG_QUOTE_CHARS = 450
# Quotes in a speaker card are previews; the Context button shows the rest.
CARD_QUOTE_CHARS = 300
ELLIPSIS = "…"


def text_length(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def shorten(text: str, limit: int) -> str:
    """`text` in at most `limit` characters: cut at a sentence end or a word, then "…"."""
    if text_length(text) <= limit:
        return text
    if limit <= 1:
        return ELLIPSIS if limit == 1 else ""
    room = limit - 1
    head = text[:room]
    while text_length(head) > room:  # astral characters count twice
        head = head[:-1]
    sentence = max(head.rfind(". "), head.rfind("? "), head.rfind("! "))
    if sentence > room * 0.6:
        return head[: sentence + 1] + " " + ELLIPSIS if sentence + 3 <= room else head[: sentence + 1]
    space = head.rfind(" ")
    cut = head[:space] if space > room // 2 else head
    return cut.rstrip(" ,;:") + ELLIPSIS


def _speaker_parts(a: Answer) -> tuple[str, str | None]:
    sp = a.speaker
    who = " ".join(x for x in (sp.title, sp.name) if x) or sp.display
    role = sp.role if sp.role and sp.role != sp.name else None
    return who, role


def _speaker_line(a: Answer) -> str:
    who, role = _speaker_parts(a)
    return f"{who}, {role}" if role else who


def _date(a: Answer) -> str:
    return _day(a.day)


def _day(d: object) -> str:
    return d.strftime("%-d %b %Y") if d else "undated"  # type: ignore[attr-defined]


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
    if isinstance(block, NothingFound):
        if not block.suggestions:
            return block.text
        return f"{block.text} Did you mean: " + "; ".join(block.suggestions) + "?"
    if isinstance(block, AnswerBlock):
        a = block.answer
        quote = f"“{a.quote}”" if a.kind == "direct" else f"(reported) {a.quote}"
        number = f"{block.number}. " if block.number > 0 else ""
        lines = [f"{number}{quote}", f"   — {_speaker_line(a)}"]
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
        return f"{a.article.title} ({_date(a)}):\n{a.passage}\n   — {_speaker_line(a)}"
    raise TypeError(f"unknown block {block!r}")


def plain(reply: Reply) -> str:
    text = ""
    for i, block in enumerate(reply.blocks):
        text += (_gap(reply.blocks[i - 1], block, "\n\n") if i else "") + plain_block(block)
    for row in reply.buttons:
        text += "\n[" + "] [".join(b.label for b in row) + "]"
    return text


# -- Telegram HTML ------------------------------------------------------------------


def e(text: object) -> str:
    """HTML-escaped text (quotes too, so it is also safe inside attribute values)."""
    return html.escape(str(text), quote=True)


def _link(title: str, url: str | None) -> str:
    if url and re.match(r"^https?://", url, re.I):
        return f'<a href="{e(url)}">{e(title)}</a>'
    return e(title)


def _fit(render: Callable[[int | None], str], full: int, limit: int) -> str:
    """`render(None)` if it fits, else `render(n)` for the largest n that fits (n = characters
    kept of the block's shrinkable text); as a last resort a tag-safe truncation."""
    out = render(None)
    if text_length(out) <= limit:
        return out
    lo, hi, best = 0, full, None
    while lo <= hi:
        mid = (lo + hi) // 2
        candidate = render(mid)
        if text_length(candidate) <= limit:
            best, lo = candidate, mid + 1
        else:
            hi = mid - 1
    return best if best is not None else truncate_html(render(0), limit)


def html_block(block: Block, limit: int = MAX_MESSAGE) -> str:
    """One block as Telegram HTML, at most `limit` UTF-16 units long."""
    if isinstance(block, Heading):
        return _fit(lambda n: f"<b>{e(block.text if n is None else shorten(block.text, n))}</b>",
                    len(block.text), limit)
    if isinstance(block, Note):
        return _fit(lambda n: e(block.text if n is None else shorten(block.text, n)), len(block.text), limit)
    if isinstance(block, NothingFound):
        return _fit(lambda n: _html_nothing(block, n), len(block.text), limit)
    if isinstance(block, AnswerBlock):
        return _fit(lambda n: _html_answer(block.number, block.answer, n), len(block.answer.quote), limit)
    if isinstance(block, SpeakerLine):
        return _fit(lambda n: _html_speaker_line(block.speaker, n), 200, limit)
    if isinstance(block, SpeakerCard):
        return _html_card(block, limit)
    if isinstance(block, PassageBlock):
        return _fit(lambda n: _html_passage(block.answer, n), len(block.answer.passage), limit)
    raise TypeError(f"unknown block {block!r}")


def _html_nothing(block: NothingFound, n: int | None) -> str:
    text = block.text if n is None else shorten(block.text, n)
    out = f"🔎 {e(text)}"
    if block.suggestions:
        out += "\n\n<b>Did you mean</b>\n" + "\n".join(f"• {e(s)}" for s in block.suggestions)
    return out


def _html_answer(number: int, a: Answer, quote_chars: int | None = None) -> str:
    quote = a.quote if quote_chars is None else shorten(a.quote, quote_chars)
    quoted = f"“{e(quote)}”" if a.kind == "direct" else f"<i>(reported)</i> {e(quote)}"
    lead = f"<b>{number}.</b>" if number > 0 else ""
    if len(quote) > LONG_QUOTE_CHARS:
        first = (lead + "\n" if lead else "") + f"<blockquote expandable>{quoted}</blockquote>"
    else:
        first = f"{lead} {quoted}" if lead else quoted
    who, role = _speaker_parts(a)
    speaker = f"— <b>{e(who)}</b>" + (f", {e(role)}" if role else "")
    src = f" ({e(a.article.source)})" if a.article.source else ""
    lines = [first, speaker, f"<i>{e(_date(a))}</i> · {_link(a.article.title, a.article.url)}{src}"]
    if a.also_in:
        lines.append("Also in: " + "; ".join(_link(o.title, o.url) for o in a.also_in[:5])
                     + (f" and {len(a.also_in) - 5} more" if len(a.also_in) > 5 else ""))
    return "\n".join(lines)


def _html_speaker_line(s: Speaker, n: int | None) -> str:
    role = s.role_on(None)
    role_text = role.role if role else ""
    if n is not None:
        role_text = shorten(role_text, n)
    last = f", latest {_day(s.last_seen)}" if s.last_seen else ""
    quotes = f"{s.quote_count} quote" + ("" if s.quote_count == 1 else "s")
    return f"• <b>{e(s.name)}</b>" + (f" — {e(role_text)}" if role_text else "") + e(f" ({quotes}{last})")


def _html_card(block: SpeakerCard, limit: int) -> str:
    s = block.speaker
    kind = " <i>(organisation)</i>" if s.kind == "body" else ""
    lines = [f"<b>{e(' '.join(x for x in (s.title, s.name) if x))}</b>{kind}"]
    roles = _role_span(s)
    if roles:
        lines.append("<b>Roles</b>\n" + "\n".join(f"• {e(r)}" for r in roles[-8:]))
        if len(roles) > 8:
            lines.append(e(f"… and {len(roles) - 8} earlier roles"))
    others = [x for x in s.spellings if x != s.name]
    if others:
        lines.append("<b>Also spelled</b> " + e(", ".join(others[:10])))
    span = f", {_day(s.first_seen)} to {_day(s.last_seen)}" if s.first_seen else ""
    lines.append(e(f"Quotes: {s.quote_count:,}{span}"))
    head = "\n".join(lines)
    recent = list(block.recent)
    while True:
        parts = [head]
        if recent:
            parts.append("<b>Recent</b>")
            parts += [_html_answer(n, a, CARD_QUOTE_CHARS) for n, a in enumerate(recent, 1)]
        out = "\n\n".join(parts)
        if text_length(out) <= limit or not recent:
            return out if text_length(out) <= limit else truncate_html(out, limit)
        recent.pop()


def _html_passage(a: Answer, n: int | None) -> str:
    passage, quote = a.passage, a.quote
    i = passage.find(quote)
    if i < 0:
        body = e(passage if n is None else shorten(passage, n))
    else:
        before, after = passage[:i], passage[i + len(quote):]
        if n is not None:
            quote = shorten(quote, n)
            room = max(n - len(quote), 0)
            keep_before = min(len(before), room // 2)
            keep_after = min(len(after), room - keep_before)
            keep_before = min(len(before), room - keep_after)
            if keep_before < len(before):
                before = ELLIPSIS + before[len(before) - keep_before:] if keep_before else ""
            if keep_after < len(after):
                after = after[:keep_after] + ELLIPSIS if keep_after else ""
        body = e(before) + "<b>" + e(quote) + "</b>" + e(after)
    src = f" ({e(a.article.source)})" if a.article.source else ""
    who, role = _speaker_parts(a)
    return (
        f"<b>Context</b> · <i>{e(_date(a))}</i> · {_link(a.article.title, a.article.url)}{src}\n"
        f"<blockquote>{body}</blockquote>\n"
        f"— <b>{e(who)}</b>" + (f", {e(role)}" if role else "")
    )


# -- packing ----------------------------------------------------------------------------

_TOKEN = re.compile(r"<[^<>]*>|&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z]+);|[^<&]+|[<&]")
_OPEN = re.compile(r"<([A-Za-z][\w-]*)")


def truncate_html(text: str, limit: int) -> str:
    """HTML cut to at most `limit` UTF-16 units, never inside a tag or an entity:
    open tags are closed after an ellipsis."""
    if text_length(text) <= limit:
        return text
    out: list[str] = []
    stack: list[str] = []
    used = 0

    def closing(extra: list[str] | None = None) -> int:
        return sum(len(t) + 3 for t in (extra if extra is not None else stack))

    for m in _TOKEN.finditer(text):
        tok = m.group(0)
        size = text_length(tok)
        if tok.startswith("</"):
            if used + size + closing(stack[:-1]) + 1 > limit:
                break
            out.append(tok)
            used += size
            if stack:
                stack.pop()
            continue
        if tok.startswith("<") and len(tok) > 1:
            name = _OPEN.match(tok)
            tag = name.group(1).lower() if name else ""
            if used + size + closing([*stack, tag]) + 1 > limit:
                break
            out.append(tok)
            used += size
            stack.append(tag)
            continue
        if used + size + closing() + 1 <= limit:
            out.append(tok)
            used += size
            continue
        if tok.startswith("&"):
            break  # an entity is atomic
        room = limit - used - closing() - 1
        piece = tok[: max(room, 0)]
        while piece and text_length(piece) > room:
            piece = piece[:-1]
        out.append(piece)
        break
    out.append(ELLIPSIS)
    out += [f"</{t}>" for t in reversed(stack)]
    return "".join(out)


def pack_groups(blocks: Sequence[str], limit: int = MAX_MESSAGE, sep: str = "\n\n") -> list[list[int]]:
    """Indices of `blocks` grouped into messages of at most `limit` (UTF-16) each, in order."""
    groups: list[list[int]] = []
    used = 0
    gap = text_length(sep)
    for i, block in enumerate(blocks):
        size = min(text_length(block), limit)  # over-long blocks are truncated by `pack`
        if groups and used + gap + size <= limit:
            groups[-1].append(i)
            used += gap + size
        else:
            groups.append([i])
            used = size
    return groups


def pack(
    blocks: Iterable[str], limit: int = MAX_MESSAGE, sep: str = "\n\n", *, markup: bool = True
) -> list[str]:
    """Group rendered blocks into messages of at most `limit` characters, never splitting one.

    Renderers keep blocks under the limit; a block that is not (a caller's own
    string) is truncated tag-safely (`markup`: HTML) or at a word (plain text)
    rather than sliced.
    """
    cut = truncate_html if markup else shorten
    items = [b if text_length(b) <= limit else cut(b, limit) for b in blocks]
    return [sep.join(items[i] for i in group) for group in pack_groups(items, limit, sep)]


def _gap(before: Block, block: Block, sep: str) -> str:
    """What goes between two blocks: a list of speakers stays a list, the rest are paragraphs."""
    return "\n" if isinstance(before, SpeakerLine) and isinstance(block, SpeakerLine) else sep


def layout_html(reply: Reply, limit: int = MAX_MESSAGE, sep: str = "\n\n") -> list[tuple[str, list[int]]]:
    """A reply as Telegram HTML messages: (text, indices of the blocks in it), in order.

    Blocks are packed whole.  A heading is never left alone in a message: a long
    block that follows it is rendered shorter so that both fit.
    """
    messages: list[tuple[list[str], list[int]]] = []
    used = 0
    for i, block in enumerate(reply.blocks):
        text = html_block(block, limit)
        size = text_length(text)
        gap = _gap(reply.blocks[i - 1], block, sep) if i else ""
        if messages and used + text_length(gap) + size > limit:
            head_only = all(isinstance(reply.blocks[j], (Heading, Note)) for j in messages[-1][1])
            room = limit - used - text_length(gap)
            if head_only and room >= limit // 2:
                text = html_block(block, room)
                size = text_length(text)
        if messages and used + text_length(gap) + size <= limit:
            messages[-1][0].extend((gap, text))
            messages[-1][1].append(i)
            used += text_length(gap) + size
        else:
            messages.append(([text], [i]))
            used = size
    return [("".join(parts), indices) for parts, indices in messages]


def render_messages(reply: Reply, renderer: Callable[[Block], str] = html_block) -> list[str]:
    if renderer is html_block:
        return [text for text, _ in layout_html(reply)]
    return pack((renderer(b) for b in reply.blocks), markup=False)
