"""Settings a user can change here: colours, emergency number, self-voicing, voice and volume.

Each is saved at once, atomically."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import OptionList, Static

from tui.data.settings import REGIONS, THEMES, VOICES, VOLUMES
from tui.fullscreen.keys import keyed
from tui.fullscreen.screens.base import GuideScreen
from tui.fullscreen.widgets.guide_list import GuideList


def choice_label(label: str, chosen: bool) -> str:
    """A choice with its state first, in words, as in the checklist: "selected: ..." or "[ ] ..."."""
    return f"selected: {label}" if chosen else f"[ ] {label}"


class SettingsList(GuideList):
    """The settings' choices: Enter or Space selects one, as Space and Enter select a checklist item.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        keyed("settings.select", "Select", tooltip="Select this choice"),
    ]
    """Same keys, same meaning as in the checklist: "selected: ..." items are selected."""


class SettingsScreen(GuideScreen):
    """One list in groups; Enter or Space selects. Saved at once."""

    TITLE_TEXT = "Settings"
    SCREEN_NAME = "settings"

    def compose_body(self) -> ComposeResult:
        yield Static(self.TITLE_TEXT, classes="title", markup=False)
        yield SettingsList([], id="settings")

    def on_mount(self) -> None:
        self.refresh_labels()
        listing = self.query_one(GuideList)
        listing.highlighted = 1 + list(THEMES).index(self.guide_app.settings.theme)
        listing.focus()

    def refresh_labels(self) -> None:
        """Put the current choices into words, each with its group's name: a reader moving by
        item hears "[ ] Reading volume: 75 percent", not "[ ] 75 percent"."""
        settings = self.guide_app.settings
        self.query_one(GuideList).set_groups([
            ("Colours", [(f"theme:{key}", choice_label(f"Colours: {name}", key == settings.theme))
                         for key, name in THEMES.items()]),
            ("Emergency number", [(f"region:{key}", choice_label(f"Emergency number {number}: {name}",
                                                                 key == settings.region))
                                  for key, (number, name) in REGIONS.items()]),
            ("Self-voicing: speak each new screen and item", [
                ("voicing:on", choice_label("Self-voicing: On", settings.self_voicing)),
                ("voicing:off", choice_label("Self-voicing: Off", not settings.self_voicing)),
            ]),
            ("Reading voice", [(f"voice:{key}", choice_label(f"Reading voice: {name}", key == settings.speech_voice))
                               for key, name in VOICES.items()]),
            ("Reading volume", [(f"volume:{level}", choice_label(f"Reading volume: {round(level * 100)} percent",
                                                                 level == settings.speech_volume))
                                for level in VOLUMES]),
        ])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        kind, _, choice = (event.option.id or "").partition(":")
        if kind == "theme":
            self.guide_app.change_settings(theme=choice)
            self.notify(f"Colours: {THEMES[choice]}.", timeout=3)
        elif kind == "region":
            self.guide_app.change_settings(region=choice)
            self.update_emergency_line()
            self.notify(f"Emergency number: {REGIONS[choice][0]}.", timeout=3)
        elif kind == "voicing":
            self.guide_app.change_settings(self_voicing=choice == "on")
            self.notify(f"Self-voicing is {choice}.", timeout=3)
        elif kind == "voice":
            self.guide_app.change_settings(speech_voice=choice)
            self.guide_app.reader.apply_settings()
            self.notify(f"Reading voice: {VOICES[choice]}.", timeout=3)
        elif kind == "volume":
            self.guide_app.change_settings(speech_volume=float(choice))
            self.guide_app.reader.apply_settings()
            self.notify(f"Reading volume: {round(float(choice) * 100)} percent.", timeout=3)
        self.refresh_labels()
