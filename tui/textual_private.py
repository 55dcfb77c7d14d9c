"""Every use of a private Textual name, in one place, each with the reason no public API serves.

Textual changes fast (2.0 to 8.0 in a year) and its private names change without notice. Code
elsewhere calls the functions here, never a Textual name that starts with an underscore; the
canary test (tests/test_textual_canary.py) checks that each name in `PRIVATE_NAMES` still exists,
so an upgrade that removes one fails there, by name, and not somewhere deep in a screen.
"""

from __future__ import annotations

import importlib
import inspect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from textual import screen as textual_screen
from textual.app import App
from textual.binding import Binding
from textual.driver import Driver
from textual.filter import LineFilter
from textual.notifications import Notification
from textual.screen import Screen


@dataclass(frozen=True)
class PrivateName:
    """One private Textual name the guide relies on."""

    owner: str
    """Where Textual defines it: "module:Class" (an attribute) or "module" (a module constant)."""
    name: str
    """The attribute or constant."""
    why: str
    """What it is used for, and why no public API does it."""


PRIVATE_NAMES: tuple[PrivateName, ...] = (
    PrivateName("textual.app:App", "_notifications",
                "the messages on screen now: a key clears them on a narrow window (no public list)"),
    PrivateName("textual.app:App", "_driver",
                "the driver in use, so Ctrl+L can make the lean driver send every cell again"),
    PrivateName("textual.app:App", "_filters",
                "NO_COLOR and colourless terminals get the NoColor filter (Textual only reads NO_COLOR)"),
    PrivateName("textual.app:App", "_bindings",
                "the app's keys with the user's keymap applied, for help (active_bindings hides "
                "the reading keys while silent)"),
    PrivateName("textual.screen", "UPDATE_PERIOD",
                "frames sooner than a 60th of a second, so a screen reader reads the new line"),
    PrivateName("textual.screen:Screen", "_compositor",
                "the lines a screen draws, as text, for tests"),
    # Used outside this module until the files that use them are merged (see test_house_rules).
    PrivateName("textual.widgets:OptionList", "_lines",
                "tui/widgets/guide_list.py: where each option is drawn, for the cursor"),
    PrivateName("textual.widgets:OptionList", "_index_to_line",
                "tui/widgets/guide_list.py: the first line of an option"),
    PrivateName("textual.widgets:OptionList", "_heights",
                "tui/widgets/guide_list.py: how many lines an option takes"),
    PrivateName("textual.driver:Driver", "_app",
                "tui/lean_driver.py: the app a driver sends events to"),
    PrivateName("textual.drivers.linux_driver:LinuxDriver", "_file",
                "tui/lean_driver.py: the terminal a driver writes to"),
)
"""Each private name, checked by the canary test against the installed Textual."""


def has_private_name(owner: str, name: str) -> bool:
    """True if Textual still has `name` on `owner` ("module:Class" or "module").

    An attribute made in `__init__` is looked for on a new instance; a class that cannot be made
    outside a running app (a driver) is read instead, for an assignment to `self.<name>`.
    """
    module_name, _, class_name = owner.partition(":")
    module = importlib.import_module(module_name)
    if not class_name:
        return hasattr(module, name)
    cls = getattr(module, class_name)
    if hasattr(cls, name):
        return True
    try:
        return hasattr(cls(), name)
    except Exception:  # abstract, or needs a running app: read where it is assigned
        assigned = re.compile(rf"self\.{re.escape(name)}\b\s*[:=]")
        return any(assigned.search(inspect.getsource(klass)) for klass in cls.__mro__
                   if klass.__module__.startswith("textual."))


def missing_private_names() -> list[str]:
    """Every name of `PRIVATE_NAMES` the installed Textual no longer has, with what used it."""
    missing = []
    for entry in PRIVATE_NAMES:
        try:
            found = has_private_name(entry.owner, entry.name)
        except Exception as exc:  # the module or class itself moved
            missing.append(f"{entry.owner}.{entry.name}: cannot be checked ({exc}); used for {entry.why}")
            continue
        if not found:
            missing.append(f"{entry.owner}.{entry.name} is gone; used for {entry.why}")
    return missing


def notifications(app: App[Any]) -> list[Notification]:
    """The notifications shown now (or waiting to be shown), oldest first."""
    return list(app._notifications)


def current_driver(app: App[Any]) -> Driver | None:
    """The driver the app runs on (None before it starts or after it stops)."""
    return app._driver


def add_line_filter(app: App[Any], line_filter: LineFilter) -> None:
    """Add a filter applied to every line the app draws (Textual adds its own at start)."""
    app._filters.append(line_filter)


def set_frame_period(seconds: float) -> None:
    """Seconds between a screen's frames at most, for screens made after this call."""
    setattr(textual_screen, "UPDATE_PERIOD", seconds)  # noqa: B010  (a Final in Textual)


def app_key_bindings(app: App[Any]) -> Iterator[tuple[str, list[Binding]]]:
    """The app's own (key, bindings) pairs, with the user's keymap applied."""
    yield from app._bindings.key_to_bindings.items()


def screen_lines(screen: Screen[Any]) -> list[str]:
    """The text of each line the screen draws, trailing blanks removed."""
    return [strip.text.rstrip() for strip in screen._compositor.render_strips()]
