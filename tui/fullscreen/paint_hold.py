"""Frames held while a screen is made, so a screen reader reads each new screen once.

Textual paints a new screen about three times as it mounts, focuses and highlights, and a console
screen reader reads every paint aloud, in full. The app holds frames (Textual's public
`batch_update`, kept open across callbacks) from the start until the start screen is ready, and
from each `push_screen` until the new screen has settled: its `push_screen` and `pop_screen` ask
a `PaintHold` before and after.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Any

from textual.app import App
from textual.screen import ModalScreen

from tui.fullscreen.textual_private import current_driver, drop_oldest_screens

HISTORY = 12
"""Screens Esc goes back through. Older ones are closed as new ones open: without a limit every
section, help and search opened in a long session stays in memory, drawn lines and all."""

HOLD_AT_MOST = 1.0
"""Seconds a hold lasts at most, whatever happens to the screen: never a frozen window."""


class PaintHold:
    """The app's holds on painting: one from the start, one per screen opened or gone back to."""

    def __init__(self, app: App[Any]) -> None:
        """Hold every frame until `ready_to_paint` (made as the app is made)."""
        self.app = app
        """The app whose frames are held."""
        self.holds: dict[int, AbstractContextManager[None]] = {}
        """Each hold still open, by number: an open `batch_update`."""
        self.last_hold = 0
        """The number given to the latest hold."""
        self.first_hold = self.hold()
        """The hold that lasts until the start screen is ready."""

    def hold(self) -> int:
        """Begin a hold; its number releases it."""
        batch = self.app.batch_update()
        batch.__enter__()
        self.last_hold += 1
        self.holds[self.last_hold] = batch
        return self.last_hold

    def end(self, hold: int) -> bool:
        """End one hold (once); True if it was still held."""
        batch = self.holds.pop(hold, None)
        if batch is None:
            return False
        batch.__exit__(None, None, None)
        return True

    def opening(self, screen: object) -> int:
        """Before a screen is pushed: frames are held while it mounts, focuses and highlights."""
        hold = self.hold()
        if isinstance(screen, ModalScreen):
            # A message shown on the screen behind is in its own rows there: as a toast over the
            # dialog it would cover the answers and be said again.
            self.app.clear_notifications()
        return hold

    def opened(self, hold: int) -> None:
        """After a screen is pushed: close the oldest beyond the history, release once settled."""
        drop_oldest_screens(self.app, HISTORY + 1)  # the start screen always stays
        self.release_when_settled(hold)

    def going_back(self) -> int:
        """Before a screen is popped: the screen below is sent as one whole frame (see the lean
        driver's `hold_until_whole_frame`), so a screen reader never hears a row of the screen
        just left."""
        hold_writes = getattr(current_driver(self.app), "hold_until_whole_frame", None)
        if callable(hold_writes):
            hold_writes()
        # Held until what the closed dialog's answer does has been done: its message ("Saved the
        # summary as ...") is in the first frame, and goes out before the rest of the screen.
        return self.hold()

    def release_when_settled(self, hold: int) -> None:
        """Release `hold` after the next two refreshes, or after HOLD_AT_MOST at the latest."""
        self.app.call_after_refresh(self.app.call_after_refresh, self.release, hold)
        self.app.set_timer(HOLD_AT_MOST, lambda: self.release(hold))

    def release(self, hold: int) -> None:
        """End a screen's hold, and paint the screen as it now is when nothing else holds."""
        if self.end(hold) and not self.holds:
            self.app.screen.refresh(layout=True)

    def ready_to_paint(self) -> None:
        """Release the held first frame (once): the start screen is complete and focused."""
        self.end(self.first_hold)
