"""python -m bot --console: the chat in a terminal, one question per line on standard input.

It runs the same conversation core and the same answer layout as the Telegram
bot, as plain text, so it can be scripted (`echo question | python -m bot --console`).
The buttons become words: `more` pages on, `context N` shows the passage
around quote N of the last answer.
"""

from __future__ import annotations

import sys
from typing import TextIO

from bot import callbacks
from bot.core import QuoteDesk, Reply
from bot.render import plain

PROMPT = "you> "


def _button_hints(reply: Reply) -> str:
    hints = []
    if reply.button("more") or reply.button("latest"):
        hints.append("'more'")
    if reply.button("context"):
        hints.append("'context N'")
    return f"  (type {' or '.join(hints)})" if hints else ""


def _context_action(reply: Reply | None, number: str) -> callbacks.Action | None:
    if reply is None or not number.isdigit():
        return None
    for buttons in reply.block_buttons.values():
        for b in buttons:
            if b.label.split()[-1] == number or (b.label == "Context" and number == "1"):
                return callbacks.decode(b.data)
    return None


def run_console(desk: QuoteDesk, stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout) -> int:
    interactive = stdin.isatty()
    if interactive:
        stdout.write(plain(desk.help()) + "\n\n(type a question; 'more' for further results; "
                     "'context N' for the passage around quote N; Ctrl-D to quit)\n")
    last_question: str | None = None
    last_reply: Reply | None = None
    while True:
        if interactive:
            stdout.write(PROMPT)
            stdout.flush()
        line = stdin.readline()
        if not line:
            break
        text = line.strip()
        if not text:
            continue
        lowered = text.lower()
        if lowered in ("quit", "exit", "/quit"):
            break
        if lowered in ("more", "/more"):
            more = last_reply.button("more") if last_reply else None
            latest = last_reply.button("latest") if last_reply else None
            if more and last_question is not None:
                action = callbacks.decode(more.data)
                reply = desk.page(last_question, offset=action.number, generation=action.generation)
            elif latest:
                action = callbacks.decode(latest.data)
                reply = desk.latest(action.number, action.generation)
            else:
                stdout.write("Nothing more to show: ask a question first.\n\n")
                continue
        elif lowered.split()[0] in ("context", "/context"):
            wanted = _context_action(last_reply, lowered.split()[-1])
            if wanted is None:
                stdout.write("Type 'context N' with N the number of a quote in the last answer.\n\n")
                continue
            stdout.write(plain(desk.context(wanted.number, wanted.generation)) + "\n\n")
            stdout.flush()
            continue
        else:
            reply = desk.handle_text(text)
            if not text.startswith("/"):
                last_question = text
        last_reply = reply
        stdout.write(plain(reply) + _button_hints(reply) + "\n\n")
        stdout.flush()
    return 0
