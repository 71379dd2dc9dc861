"""The real bot as a subprocess (`python -m bot ...`), with its log captured for assertions."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def bot_env(token: str, base_url: str, file_base_url: str, extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment for a bot process: this checkout importable, Telegram pointed at the test server."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "QUOTEDESK_"))}
    env.update(
        TELEGRAM_BOT_TOKEN=token,
        TELEGRAM_API_BASE_URL=base_url,
        TELEGRAM_FILE_BASE_URL=file_base_url,
        PYTHONUNBUFFERED="1",
        PYTHONPATH=str(ROOT) + os.pathsep + env.get("PYTHONPATH", ""),
    )
    env.update(extra or {})
    return env


class BotProcess:
    """`python -m bot ARGS`; its standard output and error are collected line by line.

    `module` runs another entry point instead of `bot` (a benchmark comparing variants)."""

    def __init__(self, args: Sequence[str], env: Mapping[str, str], *, module: str = "bot") -> None:
        self.args = [sys.executable, "-m", module, *args]
        self.env = dict(env)
        self._lines: list[str] = []
        self._cond = threading.Condition()
        self._spawn()

    def _spawn(self) -> None:
        self.proc = subprocess.Popen(
            self.args, cwd=ROOT, env=self.env, stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8", errors="replace",
        )
        self._reader = threading.Thread(target=self._read, args=(self.proc,), daemon=True)
        self._reader.start()

    def restart(self) -> int:
        """Stop the bot and start it again (same arguments); the log keeps both runs."""
        code = self.stop()
        self._spawn()
        return code

    def _read(self, proc: subprocess.Popen[str]) -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            with self._cond:
                self._lines.append(line.rstrip("\n"))
                self._cond.notify_all()
        with self._cond:
            self._cond.notify_all()

    @property
    def output(self) -> str:
        with self._cond:
            return "\n".join(self._lines)

    def wait_log(self, pattern: str, timeout: float = 10.0, since: int = 0) -> re.Match[str]:
        """The first log line (from line `since`) matching a regex; fails when the process dies."""
        rx = re.compile(pattern)
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for line in self._lines[since:]:
                    m = rx.search(line)
                    if m:
                        return m
                if self.proc.poll() is not None and not self._reader.is_alive():
                    raise AssertionError(f"bot exited ({self.proc.returncode}) before logging {pattern!r}:\n{self.output}")
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"no log line matching {pattern!r} within {timeout} s:\n{self.output[-3000:]}")
                self._cond.wait(min(left, 0.2))

    def line_count(self) -> int:
        with self._cond:
            return len(self._lines)

    def alive(self) -> bool:
        return self.proc.poll() is None

    def stop(self, timeout: float = 15.0) -> int:
        """SIGTERM (PTB shuts down cleanly), then SIGKILL if it hangs."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        self._reader.join(5)
        return self.proc.returncode

    def wait(self, timeout: float = 15.0) -> int:
        self.proc.wait(timeout)
        self._reader.join(5)
        return self.proc.returncode
