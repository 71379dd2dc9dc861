"""python -m bot --console: the chat in a terminal, one question per line on standard input.

It runs the same conversation core and the same answer layout as the Telegram
bot, as plain text, so it can be scripted (`echo question | python -m bot --console`).
"""

from __future__ import annotations

import sys
from typing import TextIO

from bot.core import QuoteDesk, Reply
from bot.render import plain

PROMPT = "you> "


def run_console(desk: QuoteDesk, stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout) -> int:
    interactive = stdin.isatty()
    if interactive:
        stdout.write(plain(desk.help()) + "\n\n(type a question; 'more' for further results; Ctrl-D to quit)\n")
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
        if text.lower() in ("quit", "exit", "/quit"):
            break
        if text.lower() in ("more", "/more"):
            if last_question is None or last_reply is None or not last_reply.buttons:
                stdout.write("Nothing more to show: ask a question first.\n\n")
                continue
            offset = int(last_reply.buttons[0][0].data.split(":", 1)[1])
            reply = desk.ask(last_question, offset=offset)
        else:
            reply = desk.handle_text(text)
            if not text.startswith("/"):
                last_question = text
        last_reply = reply
        out = plain(reply)
        if reply.buttons:
            out += "  (type 'more')"
        stdout.write(out + "\n\n")
        stdout.flush()
    return 0
