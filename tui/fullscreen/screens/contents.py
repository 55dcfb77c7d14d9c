"""The list of sections, numbered; arrows or digits choose, Enter opens."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import OptionList, Static

from tui.data.words import N_
from tui.fullscreen.screens.base import GuideScreen
from tui.fullscreen.widgets.guide_list import GuideList


class ContentsScreen(GuideScreen):
    """Every section of the guide, numbered."""

    TITLE_TEXT = N_("Contents")
    SCREEN_NAME = "contents"

    def compose_body(self) -> ComposeResult:
        yield Static(self.screen_title(), classes="title", markup=False)
        sections = self.guide_app.guide.sections
        yield GuideList([f"{s.number}. {s.title}" for s in sections], id="sections")

    def on_mount(self) -> None:
        listing = self.query_one(GuideList)
        listing.highlighted = 0
        listing.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.guide_app.open_section(event.option_index + 1)
