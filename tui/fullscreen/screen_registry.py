"""The screens the app opens by name, and the classes whose keys a user may remap: two tables.

Both are written out here, not found by walking modules, so a reader sees every screen in one
place. A new screen is its module in tui/fullscreen/screens (its rules in its own DEFAULT_CSS)
and one row in SCREENS; a new class with keys of its own is one more row in BINDING_OWNERS
(tests/test_house_rules.py fails if one is missing). Each row names its module and class, and a
module is imported only when its screen is opened: each screen module costs a reader memory, and
most readers open few screens.
"""

from __future__ import annotations

import importlib
from functools import cache
from typing import cast

from textual.dom import DOMNode

from tui.fullscreen.screens.base import GuideScreen

SCREENS: dict[str, str] = {
    "start": "tui.fullscreen.screens.start:StartScreen",
    "contents": "tui.fullscreen.screens.contents:ContentsScreen",
    "checklist": "tui.fullscreen.screens.checklist:ChecklistScreen",
    "search": "tui.fullscreen.screens.search:SearchScreen",
    "settings": "tui.fullscreen.screens.settings:SettingsScreen",
    "cramp_now": "tui.fullscreen.screens.cramp_now:CrampNowScreen",
}
"""Every screen opened by name (a place of tui/data/places.py, a key), by that name: its module and
class. A section (it needs its number), help (made from the keys of the screen below) and a page
that is read, not used (PageScreen), are opened by class, not by name."""


BINDING_OWNERS: tuple[str, ...] = (
    # Screens, and the widgets made for one screen.
    "tui.fullscreen.screens.base:GuideScreen",
    "tui.fullscreen.screens.checklist:ChecklistItems",
    "tui.fullscreen.screens.checklist:ChecklistScreen",
    "tui.fullscreen.screens.cramp_now:CrampNowScreen",
    "tui.fullscreen.screens.search:QueryInput",
    "tui.fullscreen.screens.search:SearchScreen",
    "tui.fullscreen.screens.section:SectionScreen",
    "tui.fullscreen.screens.settings:SettingsList",
    "tui.fullscreen.screens.start:StartScreen",
    # Dialogs.
    "tui.fullscreen.dialogs.choice:AnswerList",
    "tui.fullscreen.dialogs.choice:ChoiceDialog",
    "tui.fullscreen.dialogs.choice:DialogScreen",
    "tui.fullscreen.dialogs.confirm:ConfirmDialog",
    "tui.fullscreen.dialogs.doctor_question:DoctorQuestionDialog",
    "tui.fullscreen.dialogs.save_path:SavePathDialog",
    # Widgets.
    "tui.fullscreen.widgets.guide_list:GuideList",
    "tui.fullscreen.widgets.section_text:SectionText",
)
"""Every screen, dialog and widget class that declares keys with ids (a user may remap them in
settings.toml's [keys], and help names them), as module:class."""


def imported(row: str) -> type:
    """The class a row names ("module:Class"), its module imported now."""
    module, _, name = row.partition(":")
    value = getattr(importlib.import_module(module), name)
    assert isinstance(value, type), row
    return value


def screen_class(name: str) -> type[GuideScreen]:
    """The screen registered as `name` (only its module is imported); a KeyError names what is
    registered."""
    if name not in SCREENS:
        raise KeyError(f"no screen is named '{name}' (known: {', '.join(sorted(SCREENS))})")
    return cast(type[GuideScreen], imported(SCREENS[name]))


def screen_classes() -> dict[str, type[GuideScreen]]:
    """Every screen opened by name, by that name (each module imported)."""
    return {name: screen_class(name) for name in SCREENS}


@cache
def binding_owners() -> tuple[type[DOMNode], ...]:
    """Every screen, dialog and widget class that declares keys with ids (each module imported)."""
    return tuple(cast(type[DOMNode], imported(row)) for row in BINDING_OWNERS)
