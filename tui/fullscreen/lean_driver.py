"""A Linux driver that sends only the cells a repaint changes, for readers on slow SSH links.

Textual repaints whole lines and often whole widgets: ticking one box repaints the list and the
result under it; a scroll bar that comes or goes repaints every line twice. The driver passes each
write through a `ScreenModel` of the terminal (tui/output/screen_model.py), which sends only what
differs from what the terminal already shows. Whatever the model does not understand goes out
unchanged and the model starts again from nothing, so the screen is always what Textual drew.

`terminal_caps` reads the terminal's erases from terminfo (``bce``: erases keep the background
colour; ``ech``: erase n characters); a terminal without them still gets only the changed cells.
``SPASM_GUIDE_PLAIN_DRIVER=1`` keeps Textual's own output (input is still read through
tui/fullscreen/bounded_input.py).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
from collections.abc import Mapping
from types import FrameType
from typing import Any

from textual import events
from textual.message import Message

from tui.data.terminal import terminfo
from tui.fullscreen.bounded_input import BoundedInput
from tui.fullscreen.cursor import FrameHints
from tui.fullscreen.rest_collector import collect_due
from tui.fullscreen.textual_private import driver_app, driver_file
from tui.output import early_paint
from tui.output.screen_model import Caps, Cell, ScreenModel
from tui.output.tokens import tokens

__all__ = ["OPT_OUT_ENV", "LeanDriver", "terminal_caps"]

OPT_OUT_ENV = "SPASM_GUIDE_PLAIN_DRIVER"
"""Set to 1 to keep Textual's own driver."""
HEADING_ROWS = 2
"""The emergency line and the screen's title: a new screen is heard from them, then its focus (a
screen that knows its title's rows says so in its frame hints: a title wraps on a narrow window)."""
WHOLE_FRAME = "\x1b[1;1H"
"""How Textual starts a frame of the whole screen (a part of one starts at the part)."""
HELD_WRITES_AT_MOST = 8
"""Writes held back after going back to a screen, at most, whatever comes (never a frozen screen)."""
LEFT_WAITING_AT_MOST = 0.3
"""Seconds rows let go after a message or dialog (the screen model's `deferred`) may wait for a
write that does not come; then they go out as they are."""
HELD_AT_MOST = 2.0
"""Seconds writes held for a whole frame may wait for it (the app holds its paint for a second at
most, tui/fullscreen/paint_hold.py); then they go out as they are."""
KITTY_POP = "\x1b[<u"
"""How Textual ends the kitty keyboard protocol on quitting. A terminal that does not know it (and
a console screen reader's own emulator) draws the "u", and the reader says "u"."""
KITTY_OFF = "\x1b[>0u"
"""The same end, written as a push of no flags: ignored where unknown, drawn by no one. The alternate
screen, which the guide leaves next, keeps its own stack in kitty's protocol."""


def terminal_caps(env: Mapping[str, str]) -> Caps | None:
    """The erases TERM's terminfo entry has, or None to keep Textual's driver: the reader opted out
    (SPASM_GUIDE_PLAIN_DRIVER=1), or there is no usable TERM (unset, dumb, no terminfo entry, no
    absolute cursor move, no curses).

    The entry is read once, with the colour choice's (tui/data/terminal.py).
    """
    if env.get(OPT_OUT_ENV, "").strip() not in ("", "0"):
        return None
    entry = terminfo(env.get("TERM", ""))
    if entry is None or not entry.cursor_address:
        return None
    return Caps(bce=entry.back_colour_erase, ech=entry.erase_characters, lines=entry.insert_delete_lines)


class LeanDriver(BoundedInput):
    """Textual's Linux driver, sending each write through a model of the screen (and reading input
    through tui/fullscreen/bounded_input.py)."""

    muted = False
    """True while Textual sets the terminal modes the early paint already set."""
    recording: tuple[list[str], list[str]] | None = None
    """(what was sent, what Textual wrote) since the start, while the start screen is recorded for
    the next run's early paint (tui/output/early_paint.py)."""
    record_key: tuple[str, tuple[int, int]] | None = None
    """The cache key (and size) the recording is for."""
    checking: list[list[Cell | None]] | None = None
    """After an early paint, the cells it drew, until Textual's first frame is compared with them."""
    keys_seen = False
    """Set (from the input thread) once a key has been read: a frame drawn after it need not be the
    untouched start screen, and is neither recorded nor held against the cache."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.model = ScreenModel(terminal_caps(os.environ) or Caps())
        """What the terminal shows, as far as this driver wrote it."""
        self.model.heading_rows = HEADING_ROWS
        self.resized = False
        """Set by SIGWINCH: the terminal may have cut or moved what it showed, even if it is back
        at the same size by the next write."""
        self._textual_on_resize: Any = None
        """Textual's own SIGWINCH handler, called from ours."""
        self.collect_pending = False
        """A collector's pass is asked for after the frame being written (collect_after_frame)."""
        self.flush_pending = False
        """Rows let go wait for a write, and `flush` is set to run (`flush_later`)."""
        self.stopped = False
        """The guide has left its screen (quitting): nothing put off is sent any more."""

    def start_application_mode(self) -> None:
        handover = early_paint.take_handover()
        if handover is None:
            self.record_key = early_paint.start_recording()
            if self.record_key is not None and not getattr(driver_app(self), "startup_message", None):
                self.recording = ([], [])
            super().start_application_mode()  # type: ignore[no-untyped-call]  # Textual leaves it unannotated
        else:
            # The early paint set the modes and drew the start screen: Textual's modes are not
            # sent again (entering the alternate screen twice clears it on some terminals).
            self.muted = True
            try:
                super().start_application_mode()  # type: ignore[no-untyped-call]
            finally:
                self.muted = False
            # The terminal's settings from before the early paint's raw mode, to restore on quitting.
            self.attrs_before = handover.attrs
            size = self.terminal_size()
            if size == handover.size:
                # The model takes in what Textual wrote in the recorded run, and so holds the frame
                # on the screen: Textual's first paint sends only what differs.
                sent = "".join([self.model.rewrite(piece, size) for piece in handover.pieces])
                if sent != handover.sent:
                    self.model.forget()  # a frame that is not what these writes make: paint all
                    early_paint.forget_frame(handover.size)
                else:
                    self.checking = [row[:] for row in self.model.cells]
            else:
                self.resized = True  # resized while loading: the first paint goes out in full
        self._textual_on_resize = signal.getsignal(signal.SIGWINCH)
        signal.signal(signal.SIGWINCH, self.on_resize_signal)

    def on_resize_signal(self, signum: int, frame: FrameType | None) -> None:
        """SIGWINCH: forget the screen, pass the signal on to Textual, and ask for every cell.

        Textual repaints only what changed when the size comes back the same, but the terminal may
        have dropped what it showed in between. The refresh is posted to the app as Textual's own
        handler posts its resize event: a message, from this same thread.
        """
        self.resized = True
        if callable(self._textual_on_resize):
            self._textual_on_resize(signum, frame)
        driver_app(self).call_later(driver_app(self).refresh, repaint=True, layout=True)

    def forget_screen(self) -> None:
        """Send the next repaint in full (after something else wrote over the screen)."""
        self.model.forget()

    def terminal_size(self) -> tuple[int, int] | None:
        """(columns, rows) of the terminal now, or None if it cannot be told."""
        with contextlib.suppress(AttributeError, ValueError, OSError):
            terminal = driver_file(self)
            if terminal is not None:
                columns, lines = os.get_terminal_size(terminal.fileno())
                return (columns, lines) if columns > 0 and lines > 0 else None
        return None

    held: list[str] | None = None
    """Writes kept back after going back to a screen, until its whole frame (`hold_until_whole_frame`)."""

    def hold_until_whole_frame(self) -> None:
        """Keep back what is written until Textual draws a whole screen.

        Going back to a screen, Textual first repaints the parts of it that changed while it was
        covered (its key bar, a scroll bar), over the screen just left, then the whole screen:
        the model would send the row the cursor moved to as it still was, and a screen reader
        would read a row of the screen just left. Sent together, only the new screen goes out.
        """
        self.held = []
        if (loop := running_loop()) is not None:
            loop.call_later(HELD_AT_MOST, self.give_up_hold, self.held)

    def stop_application_mode(self) -> None:
        self.release_held()
        self.stopped = True  # a flush still due must not draw on the screen the reader returns to
        super().stop_application_mode()

    def release_held(self) -> None:
        """Send what was held back, if anything."""
        if self.held:
            held, self.held = "".join(self.held), None
            self.write(held)
        self.held = None

    def write(self, data: str) -> None:
        if self.muted:
            return
        if self.held is not None:
            self.held.append(data)
            if not data.startswith(WHOLE_FRAME) and len(self.held) < HELD_WRITES_AT_MOST:
                return
            data, self.held = "".join(self.held), None
        size = self.terminal_size()
        if self.resized:
            self.resized = False
            self.recording = None  # a frame for a size that is gone
            self.model.forget()
        data = data.replace(KITTY_POP, KITTY_OFF)
        self.take_hints()
        out = self.model.rewrite(data, size)
        self.send(out)
        if any(row not in self.model.held_rows for row in self.model.deferred):
            self.flush_later()  # let go, and waiting for the next write to draw them, or not
        if self.recording is not None:
            self.record(data, out)
        if self.checking is not None and any(token.kind == "text" for token in tokens(data)):
            # Textual's first frame after the early paint: if it differed (and no key changed it),
            # something the cache's key does not cover has changed; record it again next time.
            if self.model.cells != self.checking and not self.keys_seen and self.model.size == size:
                early_paint.forget_frame(self.model.size)
            self.checking = None

    def flush_later(self) -> None:
        """Send rows let go that wait for a write, if none has come in `LEFT_WAITING_AT_MOST`: the
        app may have nothing more to draw, and a Down held under a message that went was never
        sent (the list looked stuck, and its next Down too)."""
        if not self.flush_pending and (loop := running_loop()) is not None:
            self.flush_pending = True
            loop.call_later(LEFT_WAITING_AT_MOST, self.flush)

    def flush(self) -> None:
        self.flush_pending = False
        if self.held is None and not self.muted and not self.stopped:  # (held: their release flushes)
            self.send(self.model.flush_released())

    def give_up_hold(self, hold: list[str]) -> None:
        """`HELD_AT_MOST` after `hold_until_whole_frame`: if the same hold is still on (no whole
        frame came), what it holds goes out as it is."""
        if self.held is hold and not self.stopped:
            self.release_held()

    def take_hints(self) -> None:
        """What the app says of the frame to come (tui/fullscreen/cursor.py), for the order rows are sent in:
        the rows of a message (first), the heading's rows (the title's, however many it wraps
        over), how many rows the focused item takes, and whether the cursor's row must be sent
        again though nothing in it changed."""
        model = self.model
        model.first_rows, model.focus_extent, model.heading_rows = range(0), 1, HEADING_ROWS
        model.held_rows = frozenset()
        with contextlib.suppress(AttributeError):
            app = driver_app(self)
            ask = getattr(app, "frame_hints", None)
            if callable(ask):
                hints: FrameHints = ask()
                model.first_rows, model.resend_first, model.focus_extent = hints[:3]
                model.held_rows = hints.held_rows
                model.resend_focus = model.resend_focus or hints.row_again
                if hints.heading_rows is not None:
                    model.heading_rows = hints.heading_rows

    def process_message(self, message: Message) -> None:
        if isinstance(message, events.Key):
            self.keys_seen = True
        super().process_message(message)

    def record(self, data: str, out: str) -> None:
        """Add a write to the recording; once the model holds a whole screen, store it."""
        assert self.recording is not None
        sent, written = self.recording
        sent.append(out)
        written.append(data)
        model = self.model
        if model.off or model.size == (0, 0) or any(cell is None for row in model.cells for cell in row):
            return
        self.recording = None
        if self.keys_seen or self.record_key is None or len(driver_app(self).screen_stack) != 1:
            return  # a key acted before the start screen was drawn: it may not be the start screen
        import rich
        import textual

        early_paint.store(self.record_key, [textual.__file__ or "", rich.__file__ or ""], "".join(sent), written,
                          model.size)

    def send(self, data: str) -> None:
        """Write `data` to the terminal now, from the app's own thread.

        Textual hands each write to a writer thread. On a busy machine that thread waits for the
        system to run it, and a frame later than 20 ms after an arrow key is read by a console
        screen reader as the item just left. The rewritten frames are small; the terminal takes
        them at once, and a slow link's buffers hold them as they held the thread's.
        """
        if not data:
            return
        file = driver_file(self)
        if file is None:
            super().write(data)
            return
        with contextlib.suppress(OSError):  # the terminal has gone: the hangup signal ends the app
            file.write(data)
            file.flush()
        self.collect_after_frame()

    def collect_after_frame(self) -> None:
        """The cycle collector's pass, if one is due, once the app is done with this frame (its
        cursor move and anything else it writes with it): the frame goes out first
        (tui/fullscreen/rest_collector.py)."""
        if not self.collect_pending and (loop := running_loop()) is not None:
            self.collect_pending = True
            loop.call_soon(self.collect)

    def collect(self) -> None:
        self.collect_pending = False
        collect_due()


def running_loop() -> asyncio.AbstractEventLoop | None:
    """The app's event loop, or None when written from outside it (the early paint, the last
    frame): nothing is put off then."""
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


def forget_what_the_terminal_shows(driver: object) -> None:
    """Ctrl+L: the lean driver (if it is the one in use) sends every cell with the next frame."""
    if isinstance(driver, LeanDriver):
        driver.forget_screen()
