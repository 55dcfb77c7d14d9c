"""The cycle collector's full passes wait for the reader to rest (tui/fullscreen/rest_collector.py)."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.support.pilot import make_app
from tui.fullscreen.rest_collector import (
    DUE_AFTER,
    HELD_AT_MOST,
    REST,
    RestCollector,
    collect_due,
    hold_full_passes,
    take_over_passes,
)


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


def young_objects(count: int) -> list[list[int]]:
    """`count` new objects the collector tracks (lists), kept alive."""
    return [[n] for n in range(count)]


def test_the_pass_python_would_do_is_done_when_asked(thresholds: None, no_automatic_passes: None) -> None:
    gc.set_threshold(700, 10, HELD_AT_MOST)
    gc.collect()
    assert collect_due() is None, "a pass with nothing due"
    kept = young_objects(800)
    assert gc.get_count()[0] >= 700
    assert collect_due() == 0 and gc.get_count()[0] < 700, "no young pass once 700 were made"
    for _ in range(10):
        gc.collect(0)  # each a young pass, counted by the middle generation
    assert collect_due() == 1 and gc.get_count()[1] == 0, "no middle pass after ten young ones"
    middle_passes(HELD_AT_MOST)
    assert collect_due() == 2 and gc.get_count()[2] == 0, "no full pass after HELD_AT_MOST middle ones"
    assert len(kept) == 800


def test_python_doing_its_own_passes_is_left_to_them(thresholds: None) -> None:
    assert gc.isenabled()
    kept = young_objects(800)
    assert collect_due() is None
    assert kept


def test_taking_over_turns_python_s_own_passes_off() -> None:
    try:
        take_over_passes()
        assert not gc.isenabled()
    finally:
        gc.enable()


async def test_a_pass_comes_after_the_frame_is_written_once_however_many_writes(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    """The lean driver asks for one pass after the app's writes of a frame, run once the app's loop
    is free again: never before the frame's bytes are out."""
    import asyncio

    from tui.fullscreen import lean_driver

    order: list[str] = []
    monkeypatch.setattr(lean_driver, "collect_due", lambda: order.append("pass"))
    driver = lean_driver.LeanDriver.__new__(lean_driver.LeanDriver)
    driver.collect_pending = False
    out = (tmp_path / "out").open("w")
    monkeypatch.setattr(lean_driver, "driver_file", lambda _: out)
    driver.send("frame")
    order.append("sent")
    driver.send("cursor")
    order.append("sent")
    assert order == ["sent", "sent"], "a pass before the app was done with its frame"
    await asyncio.sleep(0)
    assert order == ["sent", "sent", "pass"]
    driver.send("next frame")
    await asyncio.sleep(0)
    assert order == ["sent", "sent", "pass", "pass"]
    out.close()
    assert (tmp_path / "out").read_text() == "framecursornext frame"
