"""The cycle collector's full passes wait for the reader to rest (tui/fullscreen/rest_collector.py)."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.support.pilot import make_app
from tui.fullscreen.rest_collector import DUE_AFTER, HELD_AT_MOST, REST, RestCollector, hold_full_passes


class Timers:
    """Records the interval the collector asks for, as the app would run it."""

    def __init__(self) -> None:
        self.callbacks: list[Callable[[], None]] = []

    def set_interval(self, interval: float, callback: Callable[[], None], *, name: str | None = None) -> Any:
        self.callbacks.append(callback)


@pytest.fixture
def thresholds() -> Iterator[None]:
    before = gc.get_threshold()
    try:
        yield
    finally:
        gc.set_threshold(*before)


@pytest.fixture
def no_automatic_passes() -> Iterator[None]:
    """Only the test's own passes are counted (gc.collect works while the automatic ones are off)."""
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def middle_passes(count: int) -> None:
    """Make Python count `count` passes over the middle generation (each resets the younger count)."""
    for _ in range(count):
        gc.collect(1)


def test_full_passes_are_held_for_python_only_after_many(thresholds: None) -> None:
    gc.set_threshold(700, 10, 10)
    hold_full_passes()
    assert gc.get_threshold() == (700, 10, HELD_AT_MOST)
    hold_full_passes()  # again: nothing more changes
    assert gc.get_threshold() == (700, 10, HELD_AT_MOST)


def test_a_due_full_pass_waits_for_the_rest(thresholds: None, no_automatic_passes: None) -> None:
    hold_full_passes()
    now = [100.0]
    timers = Timers()
    collector = RestCollector(timers, clock=lambda: now[0])
    gc.collect()  # the count of middle passes starts from 0
    middle_passes(DUE_AFTER - 1)
    now[0] += REST * 5
    timers.callbacks[0]()
    assert collector.passes == 0 and gc.get_count()[2] == DUE_AFTER - 1, "a full pass before one is due"
    middle_passes(1)
    now[0] += REST / 2
    collector.key_pressed()
    now[0] += REST / 2
    timers.callbacks[0]()
    assert collector.passes == 0 and gc.get_count()[2] == DUE_AFTER, "a full pass while keys are coming"
    now[0] += REST / 2
    timers.callbacks[0]()
    assert collector.passes == 1 and gc.get_count()[2] == 0, "no full pass at rest"


@pytest.mark.pilot
async def test_the_app_counts_keys_and_collects_at_rest(thresholds: None) -> None:
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.pause()
        collector = app.rest_collector
        assert collector is not None
        assert gc.get_threshold()[2] == HELD_AT_MOST
        collector.last_key = 0.0
        await pilot.press("down")
        assert collector.clock() - collector.last_key < REST, "a key did not count as the reader's"
