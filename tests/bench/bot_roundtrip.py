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
  all chats (each chat every chats/R seconds), so the latency is the bot's own.

Measures, per question, the time from the update being available to the server
to the bot's answer (`sendMessage` replying to it), the answered questions per
second, the CPU used by the bot process and by this harness (server + users,
same machine), the Bot API calls per question, and whether the answers are the
CLI's: for every question, the first quote `python -m index ask --json` gives
must be in the bot's reply (or both must have found nothing).

Prints one JSON object.  Not a test (see tests/bench/conftest.py).
"""

from __future__ import annotations

import argparse
import json
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


def _config(path: Path, index_dir: Path, users: list[int]) -> Path:
    lines = [
        "[index]",
        f"path = {json.dumps(str(index_dir))}",
        "",
        "[telegram]",
        "poll_timeout = 5",
        "flood_messages_per_second = 100000",
        "flood_group_messages_per_minute = 100000",
        "",
        "[bot]",
        f"allowed_users = {json.dumps(users)}",
        "rate_limit = 100000",
        "rate_limit_window = 60",
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", required=True)
    parser.add_argument("--questions", required=True)
    parser.add_argument("--chats", type=int, default=50)
    parser.add_argument("--per-chat", type=int, default=10)
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds to wait for one answer")
    parser.add_argument("--rate", type=float, default=None,
                        help="offered questions per second (0: saturation); default: both 0 and 200")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from tests.botapi import TOKEN, BotProcess, FakeBotAPI, bot_env

    index_dir = Path(args.index)
    _cli_index.append(index_dir)
    questions = [q for q in Path(args.questions).read_text(encoding="utf-8").splitlines() if q.strip()]
    users = list(range(FIRST_USER, FIRST_USER + args.chats))
    plan = {u: [questions[(n * args.chats + k) % len(questions)] for n in range(args.per_chat)] for k, u in enumerate(users)}
    results: list[dict[str, Any]] = []
    lock = threading.Lock()
    with tempfile.TemporaryDirectory() as tmp, FakeBotAPI(TOKEN) as api:
        config = _config(Path(tmp) / "config.toml", index_dir, users)
        bot = BotProcess(["--config", str(config)], bot_env(TOKEN, api.base_url, api.file_base_url))
        try:
            api.wait_for(lambda c: c.method == "getUpdates", timeout=60, what="the bot to start polling")
            # Warm up: one question answered before the clock starts (the index is loaded).
            warm = api.send_text(questions[0], user_id=users[0])
            api.wait_for(lambda c: c.method == "sendMessage" and c.reply_to == warm["message_id"], timeout=args.timeout, what="the warm-up answer")

            def run(rate: float) -> dict[str, Any]:
                results.clear()
                period = args.chats / rate if rate > 0 else 0.0
                t_start = time.perf_counter() + 0.2

                def chat(user: int, k: int) -> None:
                    for n, q in enumerate(plan[user]):
                        if period:  # due time: chats are staggered evenly over the period
                            delay = t_start + (n + k / args.chats) * period - time.perf_counter()
                            if delay > 0:
                                time.sleep(delay)
                        ask(user, q)

                threads = [threading.Thread(target=chat, args=(u, k)) for k, u in enumerate(users)]
                bot_ps = psutil.Process(bot.proc.pid)
                bot_cpu0 = sum(bot_ps.cpu_times()[:2])
                own_cpu0 = sum(psutil.Process().cpu_times()[:2])
                calls0 = api.mark()
                t0 = time.perf_counter()
                for t in threads:
                    t.start()
                for t in threads:
                    t.join()
                wall = time.perf_counter() - t0
                methods: dict[str, int] = {}
                for c in api.calls(since=calls0):
                    methods[c.method] = methods.get(c.method, 0) + 1
                n = max(1, len(results))
                lat = np.asarray([r["ms"] for r in results])
                return {
                    "offered_qps": rate or None,
                    "answered": len(results),
                    "seconds": wall,
                    "qps": len(results) / wall,
                    "p50_ms": float(np.percentile(lat, 50)),
                    "p95_ms": float(np.percentile(lat, 95)),
                    "p99_ms": float(np.percentile(lat, 99)),
                    "bot_cpu_ms_per_question": (sum(bot_ps.cpu_times()[:2]) - bot_cpu0) / n * 1e3,
                    "harness_cpu_ms_per_question": (sum(psutil.Process().cpu_times()[:2]) - own_cpu0) / n * 1e3,
                    "api_calls_per_question": {m: round(c / n, 2) for m, c in sorted(methods.items())},
                    "same_first_answer_as_cli": compare_with_cli(list(results)),
                }

            def ask(user: int, q: str) -> None:
                mark = api.mark()  # only calls after this one can answer: bounded scans
                start = time.perf_counter()
                message = api.send_text(q, user_id=user)
                chat_id, mid = message["chat"]["id"], message["message_id"]
                call = api.wait_for(
                    lambda c, chat_id=chat_id, mid=mid: c.method == "sendMessage" and c.ok and c.chat_id == chat_id and c.reply_to == mid,
                    since=mark, timeout=args.timeout, what=f"an answer to {q[:40]!r}",
                )
                elapsed = time.perf_counter() - start
                with lock:
                    results.append({"q": q, "ms": elapsed * 1e3, "text": call.visible})

            runs = [run(rate) for rate in ([args.rate] if args.rate is not None else [0.0, 200.0])]
        finally:
            code = bot.stop()
    print(json.dumps({"status": "ok" if code == 0 else f"bot exited with {code}", "chats": args.chats, "runs": runs, "mismatches": _mismatches}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
