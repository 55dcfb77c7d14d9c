"""Frames held while a screen is made, so a screen reader reads each new screen once.

Textual paints a new screen about three times as it mounts, focuses and highlights, and a console
screen reader reads every paint aloud, in full. The app holds frames (Textual's public
`batch_update`, kept open across callbacks) from the start until the start screen is ready, and
from each `push_screen` until the new screen has settled.
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


class PaintHold(App[int]):
    """The app's side of holding paints: one hold at start, one per screen opened."""

    def start_paint_hold(self) -> None:
        """Hold every frame until `ready_to_paint` (called from __init__)."""
        self._paint_holds: dict[int, AbstractContextManager[None]] = {}
        """Each hold still open, by number: an open `batch_update`."""
        self._last_paint_hold = 0
        """The number given to the latest hold."""
        self._first_paint_hold = self._hold_paint()
        """The hold that lasts until the start screen is ready."""

    def _hold_paint(self) -> int:
        """Begin a hold; its number releases it."""
        batch = self.batch_update()
        batch.__enter__()
        self._last_paint_hold += 1
        self._paint_holds[self._last_paint_hold] = batch
        return self._last_paint_hold

    def _end_paint_hold(self, hold: int) -> bool:
        """End one hold (once); True if it was still held."""
        batch = self._paint_holds.pop(hold, None)
        if batch is None:
            return False
        batch.__exit__(None, None, None)
        return True

    def push_screen(self, screen: Any, *args: Any, **kwargs: Any) -> Any:
        """Open a screen with one paint: frames are held while it mounts, focuses and highlights."""
        hold = self._hold_paint()
        if isinstance(screen, ModalScreen):
            # A message shown on the screen behind is in its own rows there: as a toast over the
            # dialog it would cover the answers and be said again.
            self.clear_notifications()
        result = super().push_screen(screen, *args, **kwargs)
        drop_oldest_screens(self, HISTORY + 1)  # the start screen always stays
        self.call_after_refresh(self.call_after_refresh, self._release_hold, hold)
        self.set_timer(HOLD_AT_MOST, lambda: self._release_hold(hold))
        return result

    def pop_screen(self) -> Any:
        """Go back: the screen below is sent as one whole frame (see the lean driver's
        `hold_until_whole_frame`), so a screen reader never hears a row of the screen just left."""
        hold_writes = getattr(current_driver(self), "hold_until_whole_frame", None)
        if callable(hold_writes):
            hold_writes()
        # Held until what the closed dialog's answer does has been done: its message ("Saved the
        # summary as ...") is in the first frame, and goes out before the rest of the screen.
        hold = self._hold_paint()
        result = super().pop_screen()
        self.call_after_refresh(self.call_after_refresh, self._release_hold, hold)
        self.set_timer(HOLD_AT_MOST, lambda: self._release_hold(hold))
        return result

    def _release_hold(self, hold: int) -> None:
        """End a screen's hold, and paint the screen as it now is when nothing else holds."""
        if self._end_paint_hold(hold) and not self._paint_holds:
            self.screen.refresh(layout=True)

    def ready_to_paint(self) -> None:
        """Release the held first frame (once): the start screen is complete and focused."""
        self._end_paint_hold(self._first_paint_hold)
