"""Textual's Linux driver, reading the terminal no faster than the guide handles what it reads.

Textual's input thread decodes each read as strict UTF-8 (a byte such as 0xff raised in the
thread and ended the guide) and posts an event for every key however far behind the app is.
`BoundedInput.run_input_thread` is the same loop with `InputGuard` (tui/input_guard.py) between
the bytes and Textual's parser: lenient decoding, pastes cut short, and keys dropped while
`BACKLOG` input events already wait for the app. An event waits until the app lets go of it:
each one passed on is watched with a weak reference, so the count needs no hook in the app.
"""

from __future__ import annotations

import contextlib
import os
import selectors
import weakref
from typing import Any

from textual import events
from textual.drivers.linux_driver import LinuxDriver
from textual.message import Message

from tui.fullscreen.textual_private import input_parser
from tui.input_guard import BACKLOG, QUIT_KEYS, InputGuard

__all__ = ["READ_SIZE", "BoundedInput", "BoundedLinuxDriver"]

READ_SIZE = 64 * 1024
"""Bytes read at once: a flood is read (and mostly dropped) in few calls."""
IDLE_POLL = 0.1
"""Seconds the thread waits for input before it checks whether to stop (as Textual's does)."""

_WATCHED = (events.Key, events.MouseEvent, events.Paste)
"""The events a reader makes, each counted until the app is done with it."""


class BoundedInput(LinuxDriver):
    """Textual's Linux driver with a bounded, lenient input thread."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.waiting: set[weakref.ref[Message]] = set()
        """The input events passed to the app that it has not let go of yet."""
        self.guard = InputGuard(QUIT_KEYS)
        """The filter between the terminal's bytes and the parser (its counts are read by tests)."""

    def room(self) -> int:
        """How many more input events the app may be sent now."""
        return BACKLOG - len(self.waiting)

    def process_message(self, message: Message) -> None:
        if isinstance(message, _WATCHED):
            self.waiting.add(weakref.ref(message, self.waiting.discard))
        super().process_message(message)

    def run_input_thread(self) -> None:
        """Read the terminal until the driver stops: decode, guard, parse, post."""
        selector = selectors.SelectSelector()
        fileno = self.fileno
        selector.register(fileno, selectors.EVENT_READ)
        parser = input_parser(self)
        guard = self.guard
        try:
            while not self.exit_event.is_set():
                if selector.select(IDLE_POLL):
                    try:
                        data = os.read(fileno, READ_SIZE)
                    except OSError:  # the terminal has gone: the hangup signal ends the app
                        break
                    if not data:
                        break
                    text = guard.feed(data, self.room())
                else:
                    text = guard.idle()
                for event in parser.feed(text) if text else ():
                    self.process_message(event)
                for event in parser.tick():
                    self.process_message(event)
        finally:
            with contextlib.suppress(Exception):
                selector.close()


class BoundedLinuxDriver(BoundedInput):
    """For terminals the lean driver does not serve: only the input is changed."""
