"""The terminal cursor follows focus, which is what a console screen reader or braille display reads.

Textual moves the (hidden) terminal cursor to `cursor_position` on every frame it draws.
Computing it at draw time puts it on the focused item in the same frame as the highlight.
"""

from __future__ import annotations

import contextlib

from textual.app import App
from textual.geometry import Offset
from textual.widgets import Input


class CursorFollowsFocus(App[int]):
    """`cursor_position` is the focused item's place (or the "make the window larger" words)."""

    resend_cursor_row = False
    """Set by a widget whose key changed nothing on screen: the next frame sends the cursor's row
    again, so the reader hears where they are (the lean driver reads and clears it)."""

    _cursor_fallback = Offset(0, 0)
    """Where the cursor goes with nothing focused (Textual may set it)."""

    @property
    def cursor_position(self) -> Offset:
        try:
            screen = self.screen
            focused = screen.focused
            if screen.has_class("-too-small"):
                # The only words on screen: "Please make the window larger".
                return screen.query_one("#too-small").content_region.offset
        except Exception:  # no screen yet, or shutting down
            return self._cursor_fallback
        if focused is None:
            return self._cursor_fallback
        anchor = getattr(focused, "cursor_anchor", None)
        if callable(anchor):
            position = anchor()
            if isinstance(position, Offset):
                return position
        if isinstance(focused, Input):
            # Textual counts one cell more at the end of the text (room to scroll to); the caret
            # is drawn on the cell after the last letter, and the terminal cursor goes there too.
            offset = focused.cursor_screen_offset
            return offset - Offset(1, 0) if focused.cursor_at_end else offset
        return focused.content_region.offset

    @cursor_position.setter
    def cursor_position(self, value: Offset) -> None:
        self._cursor_fallback = value

    def frame_hints(self) -> tuple[range, bool, int, bool]:
        """For the lean driver, on each frame: the rows of a message on screen (sent first) and
        whether to send them again though unchanged, the rows the focused item takes, and whether
        the cursor's row must be sent again (each "again" is asked once)."""
        again, self.resend_cursor_row = self.resend_cursor_row, False
        first, first_again = range(0), False
        with contextlib.suppress(Exception):  # no screen yet, or shutting down
            rows = getattr(self.screen, "notice_rows", None)
            if callable(rows):
                first, first_again = rows()
        return first, first_again, self.cursor_rows(), again

    def cursor_rows(self) -> int:
        """Rows the focused item takes from the cursor's row down (a wrapped checklist item takes
        several): the driver sends them together, its first row first."""
        try:
            extent = getattr(self.screen.focused, "cursor_extent", None)
            return max(1, int(extent())) if callable(extent) else 1
        except Exception:  # no screen yet, or shutting down
            return 1
