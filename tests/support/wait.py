"""The one way the tests wait: poll until something holds, with a guard against a hang.

No test asserts on how long anything took (the machines are shared and noisy): the guard only
turns a hang into a failure that says what never happened.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import TypeVar

GUARD = 60.0
"""Seconds before a wait gives up: a guard against a hang, never a measure of speed."""

T = TypeVar("T")


class NeverHappened(AssertionError):
    """What a wait raises when its guard runs out (or it is told to give up)."""


def wait_until(check: Callable[[], T], what: str | Callable[[], str] = "", guard: float = GUARD,
               poll: float = 0.05, give_up: Callable[[], bool] | None = None) -> T:
    """Call `check` until it returns something true, and return that.

    `what` names what was awaited in the failure (a function is called then, so the message can
    show the latest screen). `poll` is the pause between calls (0 for a check that blocks by
    itself, such as one that reads a pty with a timeout). `give_up` says early that it never
    will happen (a process that died, say).
    """
    deadline = time.monotonic() + guard
    while True:
        result = check()
        if result:
            return result
        if give_up is not None and give_up():
            break
        if time.monotonic() >= deadline:
            break
        if poll:
            time.sleep(poll)
    described = what() if callable(what) else what
    raise NeverHappened(f"never happened: {described or getattr(check, '__name__', 'the check')}")


def holds_within(check: Callable[[], object], guard: float = GUARD, poll: float = 0.05) -> bool:
    """True as soon as `check` holds; False if the guard runs out first (for a test that asserts
    with its own message)."""
    try:
        wait_until(check, guard=guard, poll=poll)
    except NeverHappened:
        return False
    return True


async def holds_within_async(check: Callable[[], object], guard: float = GUARD, poll: float = 0.02) -> bool:
    """`holds_within` for a test inside the app's event loop: it sleeps with asyncio, so the app
    goes on running while the test waits."""
    deadline = time.monotonic() + guard
    while not check():
        if time.monotonic() >= deadline:
            return False
        await asyncio.sleep(poll)
    return True
