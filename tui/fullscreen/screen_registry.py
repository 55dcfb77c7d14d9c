"""Screens found by name, and every class whose keys a user may remap, found by looking.

A screen is opened by the name in its `SCREEN_NAME`: every module in tui/fullscreen/screens is
looked through, so adding a screen is adding its file (and its rules to app.tcss). Likewise
every class in the full screen's screens, dialogs and widgets that declares keys with ids is
found here, so settings.toml's [keys] and help never rely on a hand-kept list.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from functools import cache
from types import ModuleType

from textual.binding import Binding
from textual.dom import DOMNode

from tui.fullscreen.screens.base import GuideScreen

PACKAGES = ("tui.fullscreen.screens", "tui.fullscreen.dialogs", "tui.fullscreen.widgets")
"""Where screens, dialogs and widgets live."""


def modules_of(package: str) -> list[ModuleType]:
    """Every module of a package, imported, in name order."""
    root = importlib.import_module(package)
    return [importlib.import_module(f"{package}.{info.name}")
            for info in sorted(pkgutil.iter_modules(root.__path__), key=lambda info: info.name)]


def own_classes(module: ModuleType) -> list[type]:
    """The classes a module defines (not those it imports)."""
    return [value for _, value in inspect.getmembers(module, inspect.isclass) if value.__module__ == module.__name__]


@cache
def screen_classes() -> dict[str, type[GuideScreen]]:
    """Each screen that may be opened by name, by that name."""
    found: dict[str, type[GuideScreen]] = {}
    for module in modules_of("tui.fullscreen.screens"):
        for cls in own_classes(module):
            if issubclass(cls, GuideScreen) and "SCREEN_NAME" in vars(cls) and cls.SCREEN_NAME:
                if cls.SCREEN_NAME in found:
                    raise RuntimeError(f"{module.__name__}: screen name '{cls.SCREEN_NAME}' is used twice")
                found[cls.SCREEN_NAME] = cls
    return found


def screen_class(name: str) -> type[GuideScreen]:
    """The screen registered as `name`; a KeyError names what is registered.

    Looked for first in the module of the same name (screens/start.py is "start"), importing only
    that one: each screen module costs a reader memory, and most readers open few screens. Any
    other module is looked through only when that fails."""
    if name.isidentifier():
        module_name = f"tui.fullscreen.screens.{name}"
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
        else:
            for cls in own_classes(module):
                if issubclass(cls, GuideScreen) and vars(cls).get("SCREEN_NAME") == name:
                    return cls
    screens = screen_classes()
    if name not in screens:
        raise KeyError(f"no screen is named '{name}' (known: {', '.join(sorted(screens))})")
    return screens[name]


@cache
def binding_owners() -> tuple[type[DOMNode], ...]:
    """Every screen, dialog and widget class that declares keys with ids (a user may remap them)."""
    owners: list[type[DOMNode]] = []
    for package in PACKAGES:
        for module in modules_of(package):
            for cls in own_classes(module):
                bindings = vars(cls).get("BINDINGS", [])
                if issubclass(cls, DOMNode) and any(isinstance(b, Binding) and b.id for b in bindings):
                    owners.append(cls)
    return tuple(owners)
