import pytest

from bot.access import AccessPolicy, RateLimiter

pytestmark = pytest.mark.timeout(60)


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_empty_allow_list_lets_everybody_in() -> None:
    policy = AccessPolicy()
    assert policy.open and policy.allows(1, 2) and policy.allows(None, None)


def test_allow_list_by_user_or_by_chat() -> None:
    policy = AccessPolicy(users=[10], chats=[-100])
    assert policy.allows(10, 555)  # a listed user, anywhere
    assert policy.allows(11, -100)  # anybody in a listed group
    assert not policy.allows(11, 11)
    assert policy.allows(10, None) and not policy.allows(11, None)  # inline: user only


def test_burst_then_refill() -> None:
    clock = Clock()
    limiter = RateLimiter(3, 30.0, clock=clock)  # one token every 10 s
    assert [limiter.check(1).allowed for _ in range(3)] == [True, True, True]
    refused = limiter.check(1)
    assert not refused.allowed and refused.warn and 9.0 < refused.retry_after <= 10.0
    assert limiter.check(2).allowed  # other users have their own bucket
    clock.now += 10.0
    assert limiter.check(1).allowed
    assert not limiter.check(1).allowed


def test_the_refusal_is_announced_once_per_wait() -> None:
    clock = Clock()
    limiter = RateLimiter(1, 10.0, clock=clock)
    assert limiter.check(7).allowed
    warns = [limiter.check(7).warn for _ in range(5)]
    assert warns == [True, False, False, False, False]
    clock.now += 10.0
    assert limiter.check(7).allowed
    assert limiter.check(7).warn  # a new wait, a new notice


def test_idle_buckets_are_dropped() -> None:
    clock = Clock()
    limiter = RateLimiter(2, 5.0, clock=clock)
    for user in range(100):
        limiter.check(user)
    assert len(limiter) == 100
    clock.now += 20.0
    limiter.check(1000)
    assert len(limiter) == 1


def test_bad_limits_are_refused() -> None:
    with pytest.raises(ValueError):
        RateLimiter(0, 10)
    with pytest.raises(ValueError):
        RateLimiter(1, 0)
