"""The first screen: what this is, that it is not a diagnosis, and where to go."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import OptionList, Static

from tui.screens.base import GuideScreen
from tui.widgets.guide_list import GuideList

MENU: tuple[tuple[str, str], ...] = (
    ("read", "Read the guide"),
    ("checklist", "Check your symptoms"),
    ("search", "Search the guide"),
    ("settings", "Settings"),
    ("help", "Help"),
    ("about", "About this guide"),
)
"""(id, label) of each menu item, in order. The first has focus, so Enter starts reading."""




class StartScreen(GuideScreen):
    """Title, disclaimer and the main menu."""

    def screen_title(self) -> str:
        return self.guide_app.guide.title

    def compose_body(self) -> ComposeResult:
        guide = self.guide_app.guide
        yield Static(guide.title, classes="title", markup=False)
        yield Static(guide.disclaimer, classes="muted", markup=False)
        yield GuideList([label for _, label in MENU], ids=[key for key, _ in MENU], id="menu")

    def on_mount(self) -> None:
        menu = self.query_one(GuideList)
        menu.highlighted = 0
        menu.focus()
        self.call_after_refresh(self.guide_app.ready_to_paint)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.guide_app.open_destination(event.option.id or "")
