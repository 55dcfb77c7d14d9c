"""The full-screen guide's side of the idle limit (tui/host_limits.py decides when).

A reader who presses no key for the host's warning time gets a message row and, when reading
aloud is on, the same words spoken; any key takes the warning back. If no key comes, the guide
closes as if the reader had pressed q: the terminal is restored, and the checklist is already
saved (every tick is saved the moment it is made).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import Any, Protocol

from tui.data.words import _
from tui.host_limits import IdleClock, idle_clock


class WatchedApp(Protocol):
    """What the watch needs of the app (the guide's App; named so, not imported: no cycle)."""

    def set_interval(self, interval: float, callback: Callable[[], None], *, name: str | None = None) -> Any: ...
    def notify(self, message: str, *, title: str = "", severity: Any = "information",
               timeout: float | None = None, markup: bool = False) -> None: ...
    def announce(self, *texts: str) -> None: ...
    def clear_notifications(self) -> None: ...
    def exit(self, result: Any = None, return_code: int = 0, message: Any = None) -> None: ...

CHECK_EVERY_MOST = 5.0
"""Seconds between looks at the clock, at most (short limits are looked at more often)."""


class IdleWatch:
    """Looks at the reader's idle clock on a timer, and warns or closes the app."""

    def __init__(self, app: WatchedApp, clock: IdleClock) -> None:
        self.app = app
        self.clock = clock
        period = max(0.1, min(CHECK_EVERY_MOST, clock.warn_after / 10, clock.close_after / 10))
        app.set_interval(period, self.look, name="idle-watch")

    def key_pressed(self) -> None:
        """The reader is here: start counting again, and take a standing warning away."""
        if self.clock.key_pressed(time.monotonic()):
            self.app.clear_notifications()

    def look(self) -> None:
        due = self.clock.due(time.monotonic())
        if due == "warn":
            text = self.clock.warning()
            # The message stays until a key or the close; said aloud when reading aloud is on.
            self.app.notify(text, title=_("Still there?"), severity="warning", timeout=self.clock.close_after + 60)
            self.app.announce(text)
        elif due == "close":
            self.app.exit(return_code=0, message=self.clock.closing())


def start_idle_watch(app: WatchedApp) -> IdleWatch | None:
    """An idle watch for `app` if the host set one (SPASM_GUIDE_IDLE_WARN_MINUTES), else None."""
    clock = idle_clock(os.environ, time.monotonic())
    return None if clock is None else IdleWatch(app, clock)
