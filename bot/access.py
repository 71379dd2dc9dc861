"""Who may use the bot and how fast: the allow-list and a per-user rate limit.

Pure and clock-injectable, so both are unit-tested without Telegram.  The
Telegram handlers ask `AccessPolicy.allows` first, then `RateLimiter.check`.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass


class AccessPolicy:
    """An optional allow-list of user ids and chat ids.

    Empty lists mean everybody may use the bot.  Otherwise an update is allowed
    when its user is listed, or its chat is (so listing a group lets all its
    members ask there; listing a user lets them ask anywhere, inline too).
    """

    def __init__(self, users: Iterable[int] = (), chats: Iterable[int] = ()) -> None:
        self.users = frozenset(int(u) for u in users)
        self.chats = frozenset(int(c) for c in chats)

    @property
    def open(self) -> bool:
        return not self.users and not self.chats

    def allows(self, user_id: int | None, chat_id: int | None = None) -> bool:
        if self.open:
            return True
        return (user_id is not None and user_id in self.users) or (
            chat_id is not None and chat_id in self.chats
        )


@dataclass(frozen=True, slots=True)
class Decision:
    allowed: bool
    retry_after: float = 0.0  # seconds until the next request would be allowed
    warn: bool = False  # refused, and the user has not been told yet for this wait


class RateLimiter:
    """A token bucket per key: `limit` requests per `window` seconds, in bursts up to `limit`.

    A refused user is told once (`Decision.warn`) and then ignored until a
    request is allowed again, so a flood never turns the bot into a flooder.
    Thread-safe; idle buckets are dropped so memory stays bounded.
    """

    def __init__(
        self, limit: int, window: float, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        if limit < 1 or window <= 0:
            raise ValueError("a rate limit needs limit >= 1 and window > 0")
        self.limit = limit
        self.window = float(window)
        self._rate = limit / self.window  # tokens per second
        self._clock = clock
        self._lock = threading.Lock()
        # key -> [tokens, last refill time, warned]
        self._buckets: dict[int, list[float]] = {}
        self._last_prune = clock()

    def check(self, key: int) -> Decision:
        """Take one token for `key` if there is one."""
        now = self._clock()
        with self._lock:
            self._prune(now)
            bucket = self._buckets.get(key)
            if bucket is None:
                bucket = self._buckets[key] = [float(self.limit), now, 0.0]
            tokens = min(float(self.limit), bucket[0] + (now - bucket[1]) * self._rate)
            bucket[1] = now
            if tokens >= 1.0:
                bucket[0] = tokens - 1.0
                bucket[2] = 0.0
                return Decision(True)
            bucket[0] = tokens
            warn = bucket[2] == 0.0
            bucket[2] = 1.0
            return Decision(False, math.ceil((1.0 - tokens) / self._rate * 10) / 10, warn)

    def _prune(self, now: float) -> None:
        if now - self._last_prune < self.window:
            return
        self._last_prune = now
        full_after = self.window  # an idle bucket is full again after one window
        for key in [k for k, b in self._buckets.items() if now - b[1] > full_after]:
            del self._buckets[key]

    def __len__(self) -> int:
        return len(self._buckets)
