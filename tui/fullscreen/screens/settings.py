"""Settings a user can change here: colours, emergency number, self-voicing, voice and volume.

Each is saved at once, atomically."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import OptionList, Static

from tui.data.language_choice import LANGUAGE_NAMES, choose_language
from tui.data.settings import THEMES, VOICES
from tui.data.settings_choices import dialled, percent, setting_choices
from tui.data.words import N_, _, current_language
from tui.fullscreen.keys import keyed
from tui.fullscreen.screens.base import GuideScreen
from tui.fullscreen.widgets.guide_list import GuideList


def said(setting: str, choice: str) -> str:
    """What a change of setting says: "Colours: Dark, high contrast."."""
    return f"{setting}: {choice}."


class SettingsList(GuideList):
    """The settings' choices: Enter or Space selects one, as Space and Enter select a checklist item.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        keyed("settings.select", N_("Select"), tooltip=N_("Select this choice")),
    ]
    """Same keys, same meaning as in the checklist: "selected: ..." items are selected."""


class SettingsScreen(GuideScreen):
    """One list in groups; Enter or Space selects. Saved at once."""

    TITLE_TEXT = N_("Settings")
    SCREEN_NAME = "settings"

    def compose_body(self) -> ComposeResult:
        yield Static(self.screen_title(), classes="title", markup=False)
        yield SettingsList([], id="settings")

    def __init__(self) -> None:
        super().__init__()
        self.on_language = False
        """Opened again after a language was chosen here: focus that choice, not the colours."""

    def on_mount(self) -> None:
        self.refresh_labels()
        listing = self.query_one(GuideList)
        if self.on_language:
            listing.highlighted = listing.get_option_index(f"language:{self.guide_app.settings.language}")
        else:
            listing.highlighted = 1 + list(THEMES).index(self.guide_app.settings.theme)
        listing.focus()

    def language_switched(self, code: str) -> None:
        """The guide has just changed to language `code` from this screen's choice: open on that
        choice, and say the change first, in the new language."""
        self.on_language = True
        self.notify(said(_("Language"), LANGUAGE_NAMES[code]), timeout=3)

    def refresh_labels(self) -> None:
        """Put the current choices into words, each with its group's name: a reader moving by
        item hears "[ ] Reading volume: 75 percent", not "[ ] 75 percent" (tui/data/settings_choices.py).
        The voices offered are the guide's language's, with the engine's own and the one chosen now: a
        voice of another language would not read this guide (tui/data/language_choice.py, reading_voice)."""
        self.query_one(GuideList).set_groups(
            setting_choices(self.guide_app.settings, self.guide_app.guide.language.code))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        kind, _colon, choice = (event.option.id or "").partition(":")
        if kind == "theme":
            self.guide_app.change_settings(theme=choice)
            self.notify(said(_("Colours"), _(THEMES[choice])), timeout=3)
        elif kind == "region":
            self.guide_app.change_settings(region=choice)
            self.update_emergency_line()
            self.notify(said(_("Emergency number"), dialled(choice)), timeout=3)
        elif kind == "voicing":
            self.guide_app.change_settings(self_voicing=choice == "on")
            self.notify(_("Self-voicing is on. If you use a screen reader, leave this off.") if choice == "on"
                        else _("Self-voicing is off."), timeout=5 if choice == "on" else 3)
        elif kind == "voice":
            self.guide_app.change_settings(speech_voice=choice)
            self.guide_app.reader.apply_settings()
            self.notify(said(_("Reading voice"), _(VOICES[choice])), timeout=3)
        elif kind == "language":
            # A language chosen (or the system's, if it is another) changes the whole guide now:
            # every screen is made again in it, from the start screen, and Settings opened again
            # over it on this choice, which is said first (`language_switched`).
            shown = current_language()
            wanted = choice or choose_language(None, "").code
            if wanted != shown:
                self.guide_app.switch_language(wanted, then=self.SCREEN_NAME)
            self.guide_app.change_settings(language=choice)
            if wanted != shown:
                return
            self.notify(said(_("Language"), LANGUAGE_NAMES[wanted]), timeout=3)
        elif kind == "volume":
            self.guide_app.change_settings(speech_volume=float(choice))
            self.guide_app.reader.apply_settings()
            self.notify(said(_("Reading volume"), percent(float(choice))), timeout=3)
        self.refresh_labels()
