"""The bot round trip at load: the real bot process against the loopback fake Bot API.

    python -m tests.bench.bot_roundtrip --index DIR --questions FILE [--chats 50] [--per-chat 20]

Starts tests/botapi's FakeBotAPI on 127.0.0.1 and `python -m bot` pointed at it
(long polling, the bot's default settings), then `--chats` users each ask their
questions one after another, as people in a chat do: never before the answer to
the previous one has arrived.  Two runs:

- saturation (`--rate 0`): each user asks again as soon as answered; gives the
  most questions per second the bot sustains (latency is then chats / rate, by
  Little's law, whatever the bot does);
- offered load (`--rate R`, default 200): questions are due at R per second over
  all chats (each chat every chats/R seconds, the chats staggered evenly; a
  question due before the previous one is answered waits for that answer), so
  the latency is the bot's own.

Each question is a real Bot API round trip: the user's message becomes an update
that the bot fetches by long polling (`getUpdates`), and the answer is the bot's
`sendMessage` replying to it, which the server validates (HTML, limits) and
records.  Latency is from the update being available to the server to that
`sendMessage` arriving.  Before the clock starts every chat asks one question
(connections open, caches warm).

The harness is lean so that it does not take the CPU the bot needs on the same
machine: no thread per chat, and answers are matched as the server records them
(`FakeBotAPI.observe`), not by waking waiters on every call.  It reports the CPU
used per question by the bot (its whole process tree), by this harness (server
+ users) and by everything else on the machine, the load average, the Bot API
calls per question, and whether the answers are the CLI's: for every question,
the first quote `python -m index ask --json` gives must be in the bot's reply
(or both must have found nothing).

Prints one JSON object.  Not a test (see tests/bench/conftest.py).
"""

from __future__ import annotations

import argparse
import heapq
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import numpy as np
import psutil

ROOT = Path(__file__).resolve().parents[2]
FIRST_USER = 5000


def _config(path: Path, index_dir: Path, users: list[int], extra: list[str]) -> Path:
    """The bot's config: default settings but Telegram's flood limits and the per-user
    rate limit (50 users asking 200 questions a second), plus `extra` KEY=VALUE settings."""
    from bot.settings import TelegramSettings

    telegram = set(TelegramSettings.__dataclass_fields__)
    own = {"[telegram]": [], "[bot]": []}
    for item in extra:
        key = item.split("=", 1)[0].strip()
        own["[telegram]" if key in telegram else "[bot]"].append(item)
    lines = [
        "[index]",
        f"path = {json.dumps(str(index_dir))}",
        "",
        "[telegram]",
        "poll_timeout = 5",
        "flood_messages_per_second = 100000",
        "flood_group_messages_per_minute = 100000",
        *own["[telegram]"],
        "",
        "[bot]",
        f"allowed_users = {json.dumps(users)}",
        "rate_limit = 100000",
        "rate_limit_window = 60",
        *own["[bot]"],
    ]
    path.write_text("\n".join(lines) + "\n")
    return path


def cli_first_quotes(index_dir: Path, questions: list[str]) -> list[str | None]:
    """The first answer's quote for each question, from `python -m index ask - --json`."""
    proc = subprocess.run(
        [sys.executable, "-m", "index", "ask", "-", "--json", "--index", str(index_dir)],
        input="\n".join(questions) + "\n", capture_output=True, text=True, cwd=ROOT, check=True,
    )
    out: list[str | None] = []
    for line in proc.stdout.splitlines():
        answers = json.loads(line).get("answers") or []
        out.append(answers[0]["quote"] if answers else None)
    return out


_cli_cache: dict[str, str | None] = {}
_mismatches: list[dict[str, Any]] = []
_cli_index: list[Path] = []


def compare_with_cli(results: list[dict[str, Any]]) -> int:
    """How many answers carry the CLI's first quote (or, like the CLI, none)."""
    missing = sorted({r["q"] for r in results} - set(_cli_cache))
    if missing:
        _cli_cache.update(zip(missing, cli_first_quotes(_cli_index[0], missing), strict=True))
    same = 0
    for r in results:
        first = _cli_cache[r["q"]]
        ok = (first in r["text"]) if first is not None else any(s in r["text"] for s in ("found no", "don't know", "Nobody in this archive"))
        same += ok
        if not ok and len(_mismatches) < 5:
            _mismatches.append({"question": r["q"], "cli_first_quote": first, "bot_reply": r["text"][:300]})
    return same


def own_cpu() -> float:
    """CPU seconds (user + system) of this process alone (the bot is its child)."""
    t = psutil.Process().cpu_times()
    return t.user + t.system


def tree_cpu(proc: psutil.Process) -> float:
    """CPU seconds (user + system) of a process and its live children."""
    total = 0.0
    for p in [proc, *proc.children(recursive=True)]:
        try:
            t = p.cpu_times()
            total += t.user + t.system
        except psutil.NoSuchProcess:
            pass
    return total


def machine_busy() -> float:
    """CPU seconds all cores spent not idle since boot."""
    t = psutil.cpu_times()
    return sum(t) - t.idle - getattr(t, "iowait", 0.0)


class Users:
    """The chats: each asks its questions in order, one at a time, at the offered rate.

    One scheduler thread sends the questions when due; answers are matched in the
    server's thread as the bot's `sendMessage` is recorded.  A chat has at most one
    question waiting, so an answer is found by its chat id and checked against the
    message it must reply to."""

    def __init__(self, api: Any, plan: dict[int, list[str]], rate: float, timeout: float) -> None:
        self.api = api
        self.plan = plan
        self.period = len(plan) / rate if rate > 0 else 0.0
        self.timeout = timeout
        self.lock = threading.Lock()
        self.wake = threading.Condition(self.lock)
        self.due: list[tuple[float, int, int]] = []  # (when, user, question number)
        self.waiting: dict[int, tuple[int, int, float]] = {}  # chat -> (message id, number, sent at)
        self.results: list[dict[str, Any]] = []
        self.left = sum(len(qs) for qs in plan.values())
        self.last_answer = time.monotonic()
        self.order = {user: k for k, user in enumerate(plan)}
        self.t0 = 0.0

    def run(self) -> list[dict[str, Any]]:
        """Ask every question; the answers, in the order they came."""
        self.t0 = self.last_answer = time.monotonic() + 0.05
        with self.lock:
            for user in self.plan:
                heapq.heappush(self.due, (self._when(user, 0), user, 0))
        stop = self.api.observe(self._observed)
        try:
            self._schedule()
        finally:
            stop()
        return self.results

    def _when(self, user: int, n: int) -> float:
        """When question n of a chat is due: the chats staggered evenly over the period."""
        return self.t0 + (n + self.order[user] / len(self.plan)) * self.period

    def _schedule(self) -> None:
        while True:
            with self.lock:
                while True:
                    if self.left == 0:
                        return
                    now = time.monotonic()
                    if now - self.last_answer > self.timeout:
                        raise TimeoutError(f"no answer for {self.timeout} s; {len(self.waiting)} questions waiting")
                    if self.due and self.due[0][0] <= now:
                        _, user, n = heapq.heappop(self.due)
                        break
                    self.wake.wait(min(self.due[0][0] - now, 1.0) if self.due else 1.0)
                # Asked under the lock, so its answer cannot be seen before it is registered.
                text = self.plan[user][n]
                sent = time.monotonic()
                message = self.api.send_text(text, user_id=user)
                self.waiting[user] = (message["message_id"], n, sent)

    def _observed(self, call: Any) -> None:
        if call.method != "sendMessage" or not call.ok:
            return
        chat = call.chat_id
        with self.lock:
            entry = self.waiting.get(chat)  # type: ignore[arg-type]
            if entry is None or call.reply_to != entry[0]:
                return
            del self.waiting[chat]  # type: ignore[arg-type]
            mid, n, sent = entry
            self.results.append({"q": self.plan[chat][n], "ms": (call.at - sent) * 1e3, "call": call})  # type: ignore[index]
            self.left -= 1
            self.last_answer = call.at
            if n + 1 < len(self.plan[chat]):  # type: ignore[index]
                heapq.heappush(self.due, (max(self._when(chat, n + 1), call.at), chat, n + 1))  # type: ignore[arg-type]
            self.wake.notify()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", required=True)
    parser.add_argument("--questions", required=True)
    parser.add_argument("--chats", type=int, default=50)
    parser.add_argument("--per-chat", type=int, default=20)
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds without any answer before giving up")
    parser.add_argument("--rate", type=float, default=None,
                        help="offered questions per second (0: saturation); default: both 0 and 200")
    parser.add_argument("--bot-module", default="bot", help="entry point to run (default: bot, i.e. python -m bot)")
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                        help="an extra setting for the bot's config ([telegram] or [bot]), e.g. "
                             "--set search_threads=4 --set 'http_client=\"httpx\"'")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from tests.botapi import TOKEN, BotProcess, FakeBotAPI, bot_env

    index_dir = Path(args.index)
    _cli_index.append(index_dir)
    questions = [q for q in Path(args.questions).read_text(encoding="utf-8").splitlines() if q.strip()]
    users = list(range(FIRST_USER, FIRST_USER + args.chats))
    plan = {u: [questions[(n * args.chats + k) % len(questions)] for n in range(args.per_chat)] for k, u in enumerate(users)}
    with tempfile.TemporaryDirectory() as tmp, FakeBotAPI(TOKEN) as api:
        config = _config(Path(tmp) / "config.toml", index_dir, users, args.set)
        bot = BotProcess(["--config", str(config)], bot_env(TOKEN, api.base_url, api.file_base_url), module=args.bot_module)
        try:
            api.wait_for(lambda c: c.method == "getUpdates", timeout=60, what="the bot to start polling")
            # Warm up: every chat asks one question before the clock starts.
            warm = {u: [questions[-1 - k % len(questions)]] for k, u in enumerate(users)}
            drive(api, warm, 0.0, args.timeout)

            def run(rate: float) -> dict[str, Any]:
                bot_ps = psutil.Process(bot.proc.pid)
                bot_cpu0, own_cpu0, busy0 = tree_cpu(bot_ps), own_cpu(), machine_busy()
                calls0 = api.mark()
                t0 = time.perf_counter()
                results = drive(api, plan, rate, args.timeout)
                wall = time.perf_counter() - t0
                bot_cpu, harness_cpu, busy = tree_cpu(bot_ps) - bot_cpu0, own_cpu() - own_cpu0, machine_busy() - busy0
                methods: dict[str, int] = {}
                for c in api.calls(since=calls0):
                    key = c.method if c.ok else f"{c.method} (failed)"
                    methods[key] = methods.get(key, 0) + 1
                n = max(1, len(results))
                lat = np.asarray([r["ms"] for r in results])
                for r in results:
                    r["text"] = r.pop("call").visible
                return {
                    "offered_qps": rate or None,
                    "answered": len(results),
                    "seconds": wall,
                    "qps": len(results) / wall,
                    "p50_ms": float(np.percentile(lat, 50)),
                    "p95_ms": float(np.percentile(lat, 95)),
                    "p99_ms": float(np.percentile(lat, 99)),
                    "max_ms": float(lat.max()),
                    "bot_cpu_ms_per_question": bot_cpu / n * 1e3,
                    "harness_cpu_ms_per_question": harness_cpu / n * 1e3,
                    "other_cpu_ms_per_question": max(0.0, busy - bot_cpu - harness_cpu) / n * 1e3,
                    "load_average": [round(x, 2) for x in os.getloadavg()],
                    "api_calls_per_question": {m: round(c / n, 2) for m, c in sorted(methods.items())},
                    "same_first_answer_as_cli": compare_with_cli(results),
                }

            runs = [run(rate) for rate in ([args.rate] if args.rate is not None else [0.0, 200.0])]
        finally:
            code = bot.stop()
    print(json.dumps({"status": "ok" if code == 0 else f"bot exited with {code}", "chats": args.chats,
                      "cores": os.cpu_count(), "runs": runs, "mismatches": _mismatches}))
    return 0


def drive(api: Any, plan: dict[int, list[str]], rate: float, timeout: float) -> list[dict[str, Any]]:
    return Users(api, plan, rate, timeout).run()


if __name__ == "__main__":
    sys.exit(main())
