"""Settings a user can change here: colours, emergency number, self-voicing, voice and volume.

Each is saved at once, atomically."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import OptionList, Static

from tui.data.care_routes import routes_for
from tui.data.language_choice import LANGUAGE_NAMES, choose_language, voice_language
from tui.data.settings import REGIONS, THEMES, VOICES, VOLUMES
from tui.data.words import N_, _, current_language
from tui.fullscreen.keys import keyed
from tui.fullscreen.screens.base import GuideScreen
from tui.fullscreen.widgets.guide_list import GuideList


def choice_label(label: str, chosen: bool) -> str:
    """A choice with its state first, in words, as in the checklist: "selected: ..." or "[ ] ..."."""
    # TRANSLATORS: a chosen setting; the same word as a chosen item of the checklist.
    return _("selected: {choice}").format(choice=label) if chosen else f"[ ] {label}"


def percent(level: float) -> str:
    """A volume in words: "75 percent"."""
    return _("{number} percent").format(number=round(level * 100))


def said(setting: str, choice: str) -> str:
    """What a change of setting says: "Colours: High contrast, dark."."""
    return f"{setting}: {choice}."


def dialled(region: str) -> str:
    """A region's emergency number as written in the language shown ("911"; in Spanish "9-1-1",
    which a voice says digit by digit)."""
    return routes_for(region, current_language()).number


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
        item hears "[ ] Reading volume: 75 percent", not "[ ] 75 percent". The names of the
        colours, regions and voices are kept in English in tui/data/settings.py and looked up here."""
        settings = self.guide_app.settings
        colours, region, voice, volume = _("Colours"), _("Emergency number"), _("Reading voice"), _("Reading volume")
        language = _("Language")
        self.query_one(GuideList).set_groups([
            (colours, [(f"theme:{key}", choice_label(f"{colours}: {_(name)}", key == settings.theme))
                       for key, name in THEMES.items()]),
            (region, [(f"region:{key}", choice_label(f"{region} {dialled(key)}: {_(name)}", key == settings.region))
                      for key, (_number, name) in REGIONS.items()]),
            (_("Self-voicing: speak each new screen and item"), [
                ("voicing:on", choice_label(_("Self-voicing: On"), settings.self_voicing)),
                ("voicing:off", choice_label(_("Self-voicing: Off"), not settings.self_voicing)),
            ]),
            (voice, [(f"voice:{key}", choice_label(f"{voice}: {_(name)}", key == settings.speech_voice))
                     for key, name in VOICES.items() if self.offers_voice(key)]),
            (volume, [(f"volume:{level}", choice_label(f"{volume}: {percent(level)}", level == settings.speech_volume))
                      for level in VOLUMES]),
            # Each language in its own words: a reader who cannot read the words shown now still
            # finds theirs.
            (language, [(f"language:{code}", choice_label(f"{language}: {name}", code == settings.language))
                        for code, name in LANGUAGE_NAMES.items()]
             + [("language:", choice_label(_("Language: as your system's (LANG)"), not settings.language))]),
        ])

    def offers_voice(self, key: str) -> bool:
        """The engine's own voice, the guide's language's voices, and the one chosen now: a voice of
        another language would not read this guide (tui/data/language_choice.py, reading_voice)."""
        spoken = voice_language(key)
        return spoken is None or spoken == self.guide_app.guide.language.code.split("-")[0] \
            or key == self.guide_app.settings.speech_voice

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
            self.notify(_("Self-voicing is on.") if choice == "on" else _("Self-voicing is off."), timeout=3)
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
