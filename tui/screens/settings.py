"""Settings a user can change here: theme and emergency number. Saved at once, atomically."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import OptionList, Static

from tui.data.settings import REGIONS, THEMES
from tui.screens.base import GuideScreen
from tui.widgets.guide_list import GuideList


def choice_label(label: str, chosen: bool) -> str:
    """A choice with its state in words: "[x] ... (selected)" or "[ ] ..."."""
    return f"[x] {label} (selected)" if chosen else f"[ ] {label}"


class SettingsScreen(GuideScreen):
    """Two lists; Enter chooses. Tab moves between them."""

    TITLE_TEXT = "Settings"

    def compose_body(self) -> ComposeResult:
        yield Static(self.TITLE_TEXT, classes="title", markup=False)
        yield Static("Colours", classes="subtitle", markup=False)
        yield GuideList([], ids=None, id="themes")
        yield Static("Emergency number", classes="subtitle", markup=False)
        yield GuideList([], id="regions")

    def on_mount(self) -> None:
        self.refresh_labels()
        themes = self.query_one("#themes", GuideList)
        themes.highlighted = list(THEMES).index(self.guide_app.settings.theme)
        self.query_one("#regions", GuideList).highlighted = list(REGIONS).index(self.guide_app.settings.region)
        themes.focus()

    def refresh_labels(self) -> None:
        """Put the current choices into words."""
        settings = self.guide_app.settings
        self.query_one("#themes", GuideList).set_labels(
            [choice_label(name, key == settings.theme) for key, name in THEMES.items()], ids=list(THEMES)
        )
        self.query_one("#regions", GuideList).set_labels(
            [choice_label(f"{number}: {name}", key == settings.region) for key, (number, name) in REGIONS.items()],
            ids=list(REGIONS),
        )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        choice = event.option.id or ""
        if event.option_list.id == "themes":
            self.guide_app.change_settings(theme=choice)
            self.notify(f"Colours: {THEMES[choice]}.", timeout=3)
        else:
            self.guide_app.change_settings(region=choice)
            self.update_emergency_line()
            self.notify(f"Emergency number: {REGIONS[choice][0]}.", timeout=3)
        self.refresh_labels()
