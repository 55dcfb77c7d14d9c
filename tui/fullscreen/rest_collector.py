"""The cycle collector's full passes, done while the reader rests, not inside a key press.

A full pass goes over every object made since the start (the start's own are frozen out by the
launcher, tui/cli.py): with the checklist open it took 16 ms of processor time beside a busy
process, once in about 200 presses, and a press it fell in used 16-20 ms, its frame later than the
20 ms after which a console screen reader reads the cursor's line (it read the item just left).
Python starts a full pass after ten passes over the younger objects; here it waits for up to
`HELD_AT_MOST` of them, and the app does the pass itself once no key has come for `REST` seconds
(a key that comes during it waits for it, but keys come during the passes Python starts itself:
those start as a key's handling makes objects).

The younger passes (0.2-1.3 ms each, about 1.4 ms of every letter typed in the search) are done
between frames: once the app has taken the passes over (`take_over_passes`, after the start's
objects are frozen), Python does none itself, and `collect_due` does the pass Python would have
done by now, right after each frame is sent and on the collector's timer. A key's frame then
reaches the terminal before the collector runs, not after it. Plain Python: no Textual import.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from typing import Any, Protocol

__all__ = ["DUE_AFTER", "HELD_AT_MOST", "REST", "RestCollector", "collect_due", "hold_full_passes", "take_over_passes"]

DUE_AFTER = 10
"""Passes over the middle generation after which a full pass is due: Python's own threshold."""
HELD_AT_MOST = 25
"""Python does the full pass itself after this many (a reader who never stops pressing keys): a
soak of keys typed without a pause held the guide's memory at about 18 MB more with 100."""
REST = 0.5
"""Seconds with no key after which the reader is resting and a due full pass is done."""
LOOK_EVERY = 0.5
"""Seconds between looks."""


class Timers(Protocol):
    """What the collector needs of the app (Textual's `set_interval`)."""

    def set_interval(self, interval: float, callback: Callable[[], None], *, name: str | None = None) -> Any: ...


def hold_full_passes() -> None:
    """Let Python's automatic full passes wait for `HELD_AT_MOST` middle ones (the app's
    `RestCollector` does them sooner, at rest). The other two thresholds are kept."""
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, HELD_AT_MOST)


def take_over_passes() -> None:
    """Python does no pass of its own from now on: the app does them between frames
    (`collect_due`) and at rest (`RestCollector`). For the full-screen guide's own process only."""
    gc.disable()


def collect_due() -> int | None:
    """If Python's passes are taken over, do the pass it would have done by now (its thresholds:
    the oldest generation whose count is over its threshold, the full pass only after
    `HELD_AT_MOST`); the generation collected, or None."""
    if gc.isenabled():
        return None  # Python does its own (a test's app, the plain modes)
    counts, thresholds = gc.get_count(), gc.get_threshold()
    for generation, limit in ((2, HELD_AT_MOST), (1, thresholds[1]), (0, thresholds[0])):
        if limit and counts[generation] >= limit:
            gc.collect(generation)
            return generation
    return None


class RestCollector:
    """Does a due full pass once the reader has pressed no key for `REST` seconds."""

    def __init__(self, app: Timers, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        """Seconds, for the rest (monotonic)."""
        self.last_key = clock()
        """When the last key came."""
        self.passes = 0
        """Full passes done at rest (for tests and benchmarks)."""
        app.set_interval(LOOK_EVERY, self.look, name="rest-collector")

    def key_pressed(self) -> None:
        self.last_key = self.clock()

    def due(self) -> bool:
        """True if a full pass is due (as Python would count) and the reader is resting."""
        return gc.get_count()[2] >= DUE_AFTER and self.clock() - self.last_key >= REST

    def look(self) -> None:
        if self.due():
            gc.collect()
            self.passes += 1
        else:
            collect_due()  # no frame for a while: what Python would have collected by now
