"""The console chat: same core, plain text, scriptable (buttons become 'more' and 'context N')."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bot.console import run_console
from bot.core import QuoteDesk

pytestmark = pytest.mark.timeout(60)

ROOT = Path(__file__).resolve().parents[1]


def chat(desk: QuoteDesk, *lines: str) -> str:
    out = io.StringIO()
    assert run_console(desk, io.StringIO("\n".join(lines) + "\n"), out) == 0
    return out.getvalue()


@pytest.fixture(scope="module")
def desk(demo_archive) -> QuoteDesk:  # type: ignore[no-untyped-def]
    return QuoteDesk(lambda: demo_archive)


def test_question_more_and_context(desk: QuoteDesk) -> None:
    out = chat(desk, "what did the JOC spokesman say", "more", "context 6", "context 99")
    assert "1. “" in out and "6. " in out and "[More (" in out and "(type 'more' or 'context N')" in out
    assert "— Major General Tariq Al-Saadi" in out
    assert re.search(r"\(\d{1,2} \w{3} \d{4}\):\n", out)  # context 6: "Title (22 May 2019):" then the passage
    assert "Type 'context N' with N the number of a quote" in out


def test_more_without_a_question(desk: QuoteDesk) -> None:
    assert "Nothing more to show" in chat(desk, "more")


def test_commands_and_quit(desk: QuoteDesk) -> None:
    out = chat(desk, "/stats", "/latest", "more", "quit", "/help")
    assert "Articles:" in out and "Latest quotes, from 6" in out and "For example" not in out


def test_scripted_through_the_command_line(demo_index: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bot", "--console", "--index", str(demo_index)],
        input="what did the JOC spokesman say\n", capture_output=True, text=True, cwd=ROOT, timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "Tariq Al-Saadi" in done.stdout
