"""What the full-screen guide changes for the whole Python process: in one place, called once.

Textual's frame period, its styles cache and its geometry caches, its timers' shortest delay, the
interpreter's thread switch interval and when the cycle collector makes its full passes belong to
the process, not to one app: they are set here, by the launcher (`run_full_screen` in tui/cli.py) before the app is
made, never as a side effect of making it.
tests/support/pilot.py calls the same function, so tests run the guide as a reader does.
"""

from __future__ import annotations

import functools
import sys
from typing import Any

from textual.timer import Timer

from tui.fullscreen.rest_collector import hold_full_passes
from tui.fullscreen.textual_private import bound_geometry_caches, fix_styles_cache, set_frame_period

FRAME_PERIOD = 0.002
"""Seconds between frames at most (Textual's own is a 60th of a second). A console screen reader
reads the cursor's line 20 ms after an arrow key: a frame that waits for the next 60th is often
too late, and the reader names the item just left. Frames still come only when something changed."""

THREAD_SWITCH = 0.0005
"""Seconds a thread may hold the interpreter while another waits (Python's own is 5 ms). Textual
reads keys in one thread and writes frames in another: each waited up to 5 ms for the main thread
on a busy machine, and a frame later than 20 ms is read by a screen reader as the item just left."""

SHORTEST_TIMER = 0.001
"""Seconds: a timer asked for a delay at or below zero waits this long instead. Textual's timer
(8.2.8) loops for ever without yielding on a delay below zero, and divides by zero on zero: the
guide froze with a processor at 100% when a message whose time ran out between Textual's check
and its toast's timer was shown again (its toast's time left was below zero)."""


def never_a_timer_in_the_past() -> None:
    """Make every Textual timer wait at least SHORTEST_TIMER (a delay in the past means now)."""
    if getattr(Timer.__init__, "never_in_the_past", False):
        return
    original = Timer.__init__

    @functools.wraps(original)
    def __init__(self: Timer, event_target: Any, interval: float, *args: Any, **kwargs: Any) -> None:
        original(self, event_target, max(interval, SHORTEST_TIMER), *args, **kwargs)

    __init__.never_in_the_past = True  # type: ignore[attr-defined]
    Timer.__init__ = __init__  # type: ignore[method-assign]


def tune_process_for_the_full_screen() -> None:
    """Set the process-wide changes the full-screen guide needs, before its app is made. Calling
    it again changes nothing more."""
    # Every screen's update timer is made from this when first needed (see FRAME_PERIOD).
    set_frame_period(FRAME_PERIOD)
    # Keys and frames are handled by other threads than the main one (see THREAD_SWITCH).
    sys.setswitchinterval(THREAD_SWITCH)
    # Else every closed screen's drawn lines stay in memory (Textual's StylesCache).
    fix_styles_cache()
    # Else each window size adds regions to Textual's lru_caches for good.
    bound_geometry_caches()
    # Else a message shown again as its time runs out can freeze the guide (see SHORTEST_TIMER).
    never_a_timer_in_the_past()
    # Else a full pass of the cycle collector (16 ms) can fall inside a key press: the app does
    # it at rest (tui/fullscreen/rest_collector.py).
    hold_full_passes()
