"""The screens the app opens by name, and the classes whose keys a user may remap: two tables.

Both are written out here, not found by walking modules, so a reader sees every screen in one
place. A new screen is its module in tui/fullscreen/screens (its rules in its own DEFAULT_CSS)
and one row in SCREENS; a new class with keys of its own is one more name in BINDING_OWNERS
(tests/test_house_rules.py fails if one is missing).
"""

from __future__ import annotations

from textual.dom import DOMNode

from tui.fullscreen.dialogs.choice import AnswerList, ChoiceDialog, DialogScreen
from tui.fullscreen.dialogs.confirm import ConfirmDialog
from tui.fullscreen.dialogs.doctor_question import DoctorQuestionDialog
from tui.fullscreen.dialogs.save_path import SavePathDialog
from tui.fullscreen.screens.about import AboutScreen
from tui.fullscreen.screens.base import GuideScreen
from tui.fullscreen.screens.checklist import ChecklistItems, ChecklistScreen
from tui.fullscreen.screens.contents import ContentsScreen
from tui.fullscreen.screens.cramp_now import CrampNowScreen
from tui.fullscreen.screens.search import QueryInput, SearchScreen
from tui.fullscreen.screens.section import SectionScreen
from tui.fullscreen.screens.settings import SettingsList, SettingsScreen
from tui.fullscreen.screens.start import StartScreen
from tui.fullscreen.widgets.guide_list import GuideList
from tui.fullscreen.widgets.section_text import SectionText


def by_name(*screens: type[GuideScreen]) -> dict[str, type[GuideScreen]]:
    """`screens` by their SCREEN_NAME; a name used twice, or none, is a mistake in this table."""
    table: dict[str, type[GuideScreen]] = {}
    for screen in screens:
        name = vars(screen).get("SCREEN_NAME", "")
        if not name or name in table:
            raise RuntimeError(f"{screen.__name__}: screen name '{name}' is missing or used twice")
        table[name] = screen
    return table


SCREENS: dict[str, type[GuideScreen]] = by_name(
    StartScreen,
    ContentsScreen,
    ChecklistScreen,
    SearchScreen,
    SettingsScreen,
    AboutScreen,
    CrampNowScreen,
)
"""Every screen opened by name (the start menu, a key), by that name. A section (it needs its
number) and help (made from the keys of the screen below) are opened by class, not by name."""


BINDING_OWNERS: tuple[type[DOMNode], ...] = (
    # Screens, and the widgets made for one screen.
    ChecklistItems, ChecklistScreen, CrampNowScreen, QueryInput, SearchScreen, SectionScreen, SettingsList,
    # Dialogs.
    AnswerList, ChoiceDialog, DialogScreen, ConfirmDialog, DoctorQuestionDialog, SavePathDialog,
    # Widgets.
    GuideList, SectionText,
)
"""Every screen, dialog and widget class that declares keys with ids (a user may remap them in
settings.toml's [keys], and help names them)."""


def screen_class(name: str) -> type[GuideScreen]:
    """The screen registered as `name`; a KeyError names what is registered."""
    if name not in SCREENS:
        raise KeyError(f"no screen is named '{name}' (known: {', '.join(sorted(SCREENS))})")
    return SCREENS[name]


def binding_owners() -> tuple[type[DOMNode], ...]:
    """Every screen, dialog and widget class that declares keys with ids."""
    return BINDING_OWNERS
