"""The sign-in rate limit on its own, with a clock the test moves."""

from __future__ import annotations

import pytest

from harmtrack.api.ratelimit import LoginLimiter
from harmtrack.errors import RateLimitedError


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_api_ratelimit_refuses_after_five_failures_until_the_first_expires() -> None:
    clock = Clock()
    limiter = LoginLimiter(clock=clock)
    for _ in range(4):
        limiter.fail(["user:ana"])
        clock.now += 60
    limiter.check(["user:ana"])  # four failures: still allowed
    limiter.fail(["user:ana"])
    with pytest.raises(RateLimitedError) as refused:
        limiter.check(["address:10.0.0.1", "user:ana"])
    assert refused.value.retry_after == 15 * 60 - 4 * 60  # until the first failure expires
    assert refused.value.code == "E613"
    clock.now += refused.value.retry_after
    limiter.check(["user:ana"])  # the first failure left the window


def test_api_ratelimit_keys_are_separate_and_success_forgets() -> None:
    limiter = LoginLimiter(max_failures=2, clock=Clock())
    limiter.fail(["user:ana", "address:a"])
    limiter.fail(["user:ana", "address:b"])
    limiter.check(["user:vera", "address:a"])
    with pytest.raises(RateLimitedError):
        limiter.check(["user:ana", "address:c"])
    limiter.forget("user:ana")
    limiter.check(["user:ana", "address:c"])


def test_api_ratelimit_memory_follows_the_window() -> None:
    clock = Clock()
    limiter = LoginLimiter(clock=clock, max_keys=100)
    for n in range(150):
        limiter.fail([f"user:{n}"])
    clock.now += 16 * 60
    limiter.fail(["user:last"])
    assert limiter._failures.keys() == {"user:last"}
