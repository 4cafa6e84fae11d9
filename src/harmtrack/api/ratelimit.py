"""The sign-in rate limit: failures per client address and per user name, in memory.

At most ``max_failures`` failed sign-ins per key within ``window`` seconds; the next attempt is
refused (429 with Retry-After) until the oldest failure leaves the window. Kept in the server's
memory, per process: a restart forgets it, and several worker processes each count their own.
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable

from harmtrack.errors import RateLimitedError


class LoginLimiter:
    def __init__(
        self,
        max_failures: int = 5,
        window: float = 15 * 60,
        clock: Callable[[], float] = time.monotonic,
        max_keys: int = 10_000,
    ) -> None:
        self.max_failures = max_failures
        self.max_keys = max_keys
        self.window = window
        self._clock = clock
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        times = self._failures.get(key)
        if times is None:
            return deque()
        while times and times[0] <= now - self.window:
            times.popleft()
        if not times:
            del self._failures[key]
        return times

    def check(self, keys: Iterable[str]) -> None:
        """RateLimitedError when any key has used up its failures."""
        now = self._clock()
        with self._lock:
            waits = [
                times[0] + self.window - now
                for key in keys
                if len(times := self._recent(key, now)) >= self.max_failures
            ]
        if waits:
            raise RateLimitedError(
                "too many failed sign-ins from this address or for this user name",
                retry_after=max(1, math.ceil(max(waits))),
                hint="Wait for the time given in Retry-After, then try again.",
            )

    def fail(self, keys: Iterable[str]) -> None:
        now = self._clock()
        with self._lock:
            if len(self._failures) > self.max_keys:
                # Many names or addresses tried: forget those whose failures have all expired,
                # so that memory follows the failures of the last window only.
                for old in list(self._failures):
                    self._recent(old, now)
            for key in keys:
                self._recent(key, now)
                self._failures.setdefault(key, deque()).append(now)

    def forget(self, key: str) -> None:
        with self._lock:
            self._failures.pop(key, None)
