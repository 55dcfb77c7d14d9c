"""The terminal cursor follows focus, which is what a console screen reader or braille display reads.

Textual moves the (hidden) terminal cursor to the app's `cursor_position` on every frame it
draws; the app asks `FocusCursor.position` for it. Computing it at draw time puts it on the
focused item in the same frame as the highlight.

Left and Right move the cursor along the focused row, one cell a key, and change nothing else
(`move_along_row`). A braille display's routing key is a request to put the cursor on a cell:
BRLTTY types Right or Left and waits, after each, for the cursor to move, and keeps trying for
seconds if it does not, typing its arrows into whatever screen is opened meanwhile. A console
screen reader's Left and Right say the letter under the cursor: the focused row is spelt.
"""

from __future__ import annotations

import contextlib
from typing import Any, NamedTuple

from textual.app import App
from textual.geometry import Offset, Region
from textual.widgets import Input


class FrameHints(NamedTuple):
    """What the app says of the frame it is about to draw (tui/fullscreen/cursor.py), for the order
    its rows are sent in."""

    first_rows: range
    """A message's rows: sent before all others, as the news of the key."""
    resend_first: bool
    """The message's rows go out again, whole, though unchanged (a message given again)."""
    focus_extent: int
    """Rows the focused item takes from the cursor's row (a wrapped item takes several)."""
    row_again: bool
    """The cursor's row goes out again, whole, though unchanged (a key that changed nothing)."""
    heading_rows: int | None
    """Rows at the top that are the emergency line and the screen's title (None: the screen does
    not say, and the model keeps what it has)."""
    held_rows: frozenset[int] = frozenset()
    """Rows not to send in this frame: those of a message that goes within moments (a key came
    since it was shown), where it is and where it was last sent, until it has gone; and those
    under a dialog, until it closes."""


class FocusCursor:
    """Where the cursor goes (the focused item's place, or the "make the window larger" words),
    and what the lean driver needs to know of it on each frame."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        """The app whose screen is drawn."""
        self.fallback = Offset(0, 0)
        """Where the cursor goes with nothing focused (Textual may set it)."""
        self.column: int | None = None
        """The column Left and Right moved the cursor to on the focused row (None: the item's own
        place), kept while `column_for` is what is focused and where."""
        self.column_for: tuple[object, ...] = ()
        """What the column is for: the screen, the focused widget, its item's place, its
        highlighted item and its scroll. When any of them changes the column is forgotten."""
        self.notice_sent: range = range(0)
        """The rows the message was on in the last frame that sent it (see `FrameHints.held_rows`)."""
        self.hinted = False
        """A driver has asked for `frame_hints` (the lean driver): it says when a message is drawn."""

    def position(self) -> Offset:
        """Where the cursor goes now: the focused item's place, or the column Left and Right moved
        it to along that row while the focus and its row are the same."""
        place = self.focus_place()
        if self.column is None:
            return place
        try:
            moved_on = isinstance(self.app.screen.focused, Input) or self.column_for != self.place_key(place)
        except Exception:  # no screen yet, or shutting down
            return place
        if moved_on:
            self.column = None  # the focus, its item or its row changed: back to the item
            return place
        return Offset(self.column, place.y)

    def place_key(self, place: Offset) -> tuple[object, ...]:
        """What a column moved to by Left and Right belongs to (see `column_for`)."""
        screen = self.app.screen
        focused = screen.focused
        return (screen, focused, place, getattr(focused, "highlighted", None),
                getattr(focused, "scroll_offset", None))

    def move_along_row(self, step: int) -> None:
        """Left (-1) or Right (+1): the cursor one cell along the focused row, within the screen's
        width, and nothing else changes. The row is drawn again (the same cells: the lean driver
        sends only the cursor's move), since the cursor goes where it is only with a frame."""
        try:
            screen = self.app.screen
            here = self.position()
            place = self.focus_place()
        except Exception:  # no screen yet, or shutting down
            return
        if screen.focused is None or isinstance(screen.focused, Input):
            return
        width = screen.size.width
        self.column = min(max(here.x + step, 0), max(0, width - 1))
        self.column_for = self.place_key(place)
        screen.refresh(Region(0, here.y, width, 1))

    def focus_place(self) -> Offset:
        """The focused item's place on the screen, now."""
        try:
            screen = self.app.screen
            focused = screen.focused
            if screen.has_class("-too-small"):
                # The only words on screen: "Please make the window larger".
                return screen.query_one("#too-small").content_region.offset
        except Exception:  # no screen yet, or shutting down
            return self.fallback
        notice = getattr(screen, "notice_cursor", None)
        at_notice = notice() if callable(notice) else None
        if isinstance(at_notice, Offset):  # a message that answers a key that changed nothing else
            return at_notice
        if focused is None:
            return self.fallback
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

    def frame_hints(self) -> FrameHints:
        """For the lean driver, on each frame: the rows of a message on screen (sent first) and
        whether to send them again though unchanged, the rows of the emergency line and title (a
        title wrapped over two rows is heard whole, before the focus), the rows the focused item
        takes, and whether the cursor's row must be sent again (each "again" is asked once)."""
        self.hinted = True
        again = self.row_again()
        first, first_again, heading, held = range(0), False, None, frozenset[int]()
        with contextlib.suppress(Exception):  # no screen yet, or shutting down
            screen = self.app.screen
            rows = getattr(screen, "notice_rows", None)
            if callable(rows):
                first, first_again = rows()
            if first and getattr(screen, "notice_stale", False) and not first_again:
                # A key came since the message was shown, and it goes once that key's work is done
                # (unless the key gives it again): its rows are not sent, moved or not.
                held, first = frozenset([*first, *self.notice_sent]), range(0)
            else:
                self.notice_sent = first
                went_out = getattr(screen, "notice_went_out", None)
                if first and callable(went_out):
                    went_out()  # its rows go out with this frame: the next key may take it away
            below = getattr(screen, "rows_below", None)  # a dialog's: the screen under it
            if callable(below):
                held = held.union(below())
            heading_rows = getattr(screen, "heading_rows", None)
            if callable(heading_rows):
                heading = heading_rows()
        return FrameHints(first, first_again, self.rows(), again, heading, held)

    def row_again(self) -> bool:
        """Whether the focused widget asked for the cursor's row to be sent again though unchanged
        (a key that changed nothing on screen is still answered; asked once)."""
        try:
            take = getattr(self.app.screen.focused, "take_row_again", None)
            return bool(take()) if callable(take) else False
        except Exception:  # no screen yet, or shutting down
            return False

    def rows(self) -> int:
        """Rows the focused item takes from the cursor's row down (a wrapped checklist item takes
        several): the driver sends them together, its first row first."""
        try:
            extent = getattr(self.app.screen.focused, "cursor_extent", None)
            return max(1, int(extent())) if callable(extent) else 1
        except Exception:  # no screen yet, or shutting down
            return 1
