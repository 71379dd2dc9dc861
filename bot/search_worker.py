"""Searches in a process of their own, so that Telegram I/O and searching use two cores.

A search is a few milliseconds of Python that holds the GIL, so threads cannot run it
beside the event loop; a child process can.  With `[bot] search_process = true` (the
default) the bot starts `python -m bot.search_worker`, which opens the same index
directory and answers the conversation core's calls (`QuoteDesk.ask`, `.page`, ...)
one at a time, in the order they were sent.  The event loop only writes a request
and awaits its reply: no thread hand-offs.

Every request names the generation the bot answers from; a child still on another
one switches to the index's current generation first.  So replies (and the
generation their buttons carry) always come from the bot's own generation, and
the child never watches the index itself; the first question after a rebuild
waits while the child opens the new generation (~1 s at 1M passages).

Frames on the child's stdin / stdout: a 4-byte big-endian length, then a pickle.
Pickle is safe here because both ends are this program talking over a private
pipe; nothing read from disk or the network is unpickled.  The child gets no bot
token: it never talks to Telegram.

    parent -> child   setup dict, then (request id, generation, method name, args, kwargs) ...
    child -> parent   ("ready", generation id), then (request id, ok, reply or error text) ...

If the child dies, pending and later calls raise `SearchWorkerGone` and the bot
answers in its own process from then on (handlers fall back).
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
import os
import pickle
import struct
import sys
from pathlib import Path
from typing import Any, BinaryIO

log = logging.getLogger(__name__)

_LENGTH = struct.Struct(">I")
# How long the child may take to open the index and build its speaker lookups.
READY_TIMEOUT = 300.0
# Environment the child does not need: the bot's secrets.
_SECRETS = ("TELEGRAM_BOT_TOKEN", "TELEGRAM_WEBHOOK_SECRET")


class SearchWorkerGone(RuntimeError):
    """The search process has exited; the caller should answer in-process."""


def _frame(obj: Any) -> bytes:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    return _LENGTH.pack(len(data)) + data


class SearchWorker:
    """The parent's handle on the child: `await start()`, `await call(...)`, `await stop()`."""

    def __init__(self, setup: dict[str, Any]) -> None:
        self._setup = setup
        self._proc: asyncio.subprocess.Process | None = None
        self._pending: dict[int, asyncio.Future[Any]] = {}
        self._next_id = 0
        self._reader: asyncio.Task[None] | None = None
        self._stopping = False
        self.generation = ""

    @property
    def alive(self) -> bool:
        return self._proc is not None and self._proc.returncode is None and self._reader is not None \
            and not self._reader.done()

    async def start(self) -> None:
        env = {k: v for k, v in os.environ.items() if k not in _SECRETS}
        self._proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot.search_worker",
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, env=env,
            # Large replies: let the pipe reader buffer a whole frame.
            limit=1 << 24,
        )
        assert self._proc.stdin is not None and self._proc.stdout is not None
        self._proc.stdin.write(_frame(self._setup))
        await self._proc.stdin.drain()
        try:
            kind, generation = await asyncio.wait_for(self._read(), READY_TIMEOUT)
        except (TimeoutError, asyncio.IncompleteReadError, ValueError) as exc:
            await self.stop()
            raise SearchWorkerGone(f"the search process did not start: {exc!r}") from None
        if kind != "ready":
            await self.stop()
            raise SearchWorkerGone(f"the search process did not start: {generation}")
        self.generation = generation
        self._reader = asyncio.create_task(self._read_replies(), name="search-worker-replies")
        log.info("search process %d ready (generation %s)", self._proc.pid, generation)

    async def call(self, as_of: str, method: str, /, *args: Any, **kwargs: Any) -> Any:
        """`QuoteDesk.<method>(*args, **kwargs)` in the child, answered from generation `as_of`."""
        if not self.alive:
            raise SearchWorkerGone("the search process is not running")
        assert self._proc is not None and self._proc.stdin is not None
        self._next_id += 1
        rid = self._next_id
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._pending[rid] = future
        try:
            self._proc.stdin.write(_frame((rid, as_of, method, args, kwargs)))
            await self._proc.stdin.drain()
        except (ConnectionError, RuntimeError) as exc:
            self._pending.pop(rid, None)
            raise SearchWorkerGone(f"the search process is gone: {exc}") from None
        return await future

    async def stop(self) -> None:
        proc = self._proc
        if proc is None:
            return
        self._stopping = True
        if proc.stdin is not None and not proc.stdin.is_closing():
            proc.stdin.close()  # the child exits at the end of its input
        try:
            await asyncio.wait_for(proc.wait(), 5.0)
        except TimeoutError:
            with contextlib.suppress(ProcessLookupError):
                proc.kill()
            await proc.wait()
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._reader
        self._fail_pending("the search process stopped")

    async def _read(self) -> Any:
        assert self._proc is not None and self._proc.stdout is not None
        (length,) = _LENGTH.unpack(await self._proc.stdout.readexactly(_LENGTH.size))
        return pickle.loads(await self._proc.stdout.readexactly(length))

    async def _read_replies(self) -> None:
        try:
            while True:
                rid, ok, value = await self._read()
                future = self._pending.pop(rid, None)
                if future is None or future.done():
                    continue
                if ok:
                    future.set_result(value)
                else:
                    future.set_exception(RuntimeError(f"search process: {value}"))
        except (asyncio.IncompleteReadError, ConnectionError, pickle.UnpicklingError) as exc:
            if not self._stopping:
                log.error("the search process has exited (%s); answering in the bot's process",
                          type(exc).__name__)
        finally:
            self._fail_pending("the search process has exited")

    def _fail_pending(self, why: str) -> None:
        pending, self._pending = self._pending, {}
        for future in pending.values():
            if not future.done():
                future.set_exception(SearchWorkerGone(why))


# -- the child ---------------------------------------------------------------------


def _read_frame(stream: BinaryIO) -> Any:
    head = stream.read(_LENGTH.size)
    if len(head) < _LENGTH.size:
        raise EOFError
    (length,) = _LENGTH.unpack(head)
    data = stream.read(length)
    if len(data) < length:
        raise EOFError
    return pickle.loads(data)


def serve(stdin: BinaryIO, stdout: BinaryIO) -> int:
    """The child's loop: set up from the first frame, then answer calls until EOF."""
    from bot.core import QuoteDesk
    from index.config import SearchSettings
    from index.live import LiveArchive, warm_up

    setup = _read_frame(stdin)
    try:
        live = LiveArchive(Path(setup["index"]), check_every=float("inf"))
        warm_up(live.get())
        search = SearchSettings(**setup["search"])
        desk = QuoteDesk(live.get, settings=search, max_question_chars=setup["max_question_chars"])
    except Exception as exc:  # reported to the parent, which says it in one line
        stdout.write(_frame(("failed", f"{type(exc).__name__}: {exc}")))
        stdout.flush()
        return 1
    stdout.write(_frame(("ready", live.get().id)))
    stdout.flush()
    while True:
        try:
            rid, generation, method, args, kwargs = _read_frame(stdin)
        except EOFError:
            return 0
        try:
            if generation and generation != live.get().id:
                live.refresh()  # the bot has switched: follow it before answering
            reply = (rid, True, getattr(desk, method)(*args, **kwargs))
        except Exception as exc:  # one bad call must not end the process
            log.exception("search process: %s failed", method)
            reply = (rid, False, f"{type(exc).__name__}: {exc}")
        stdout.write(_frame(reply))
        stdout.flush()


def setup_for(index_dir: Path, search: Any, max_question_chars: int) -> dict[str, Any]:
    """The first frame: what the child needs to build the same conversation core."""
    return {"index": str(index_dir), "search": dataclasses.asdict(search), "max_question_chars": max_question_chars}


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s search-process %(message)s")
    sys.exit(serve(sys.stdin.buffer, sys.stdout.buffer))
