"""The Settings screen's choices in words, in groups, with no Textual: what each option says.

A console screen reader says only the cursor's row after an arrow key, so an option is heard by
its first row: each says its group and then its value ("Reading volume: 75 percent", not "75
percent"), with the value early enough to be on that row at 40 columns, and no two alike
(tests/test_first_rows_told_apart.py).
"""

from __future__ import annotations

from tui.data.care_routes import routes_for
from tui.data.language_choice import LANGUAGE_NAMES, voice_language
from tui.data.settings import REGIONS, THEMES, VOICES, VOLUMES, Settings
from tui.data.words import _, current_language

Choices = list[tuple[str, list[tuple[str, str]]]]
"""(group name, [(option id "kind:value", label), ...]) for each group, in order."""


def choice_label(label: str, chosen: bool) -> str:
    """A choice with its state first, in words, as in the checklist: "selected: ..." or "[ ] ..."."""
    # TRANSLATORS: a chosen setting; the same word as a chosen item of the checklist.
    return _("selected: {choice}").format(choice=label) if chosen else f"[ ] {label}"


def percent(level: float) -> str:
    """A volume in words: "75 percent"."""
    return _("{number} percent").format(number=round(level * 100))


def dialled(region: str) -> str:
    """A region's emergency number as written in the language shown ("911"; in Spanish "9-1-1",
    which a voice says digit by digit)."""
    return routes_for(region, current_language()).number


def offers_voice(key: str, settings: Settings, guide_language: str | None) -> bool:
    """The engine's own voice, the guide's language's voices, and the one chosen now: a voice of
    another language would not read this guide (tui/data/language_choice.py, reading_voice).
    Every voice when `guide_language` is None."""
    spoken = voice_language(key)
    return (guide_language is None or spoken is None or spoken == guide_language.split("-")[0]
            or key == settings.speech_voice)


def setting_choices(settings: Settings, guide_language: str | None = None) -> Choices:
    """Every option in words with its group's name and its state, the voices those a guide in
    `guide_language` offers (all of them for None). The names of the colours, regions and voices
    are kept in English in tui/data/settings.py and looked up here. A region's and a voice's
    option have a form of their own ("Reading voice: {voice}"), so a language whose group name is
    long shortens it there, where the value must still be on the first row."""
    colours, region, voice, volume = _("Colours"), _("Emergency number"), _("Reading voice"), _("Reading volume")
    language = _("Language")
    return [
        (colours, [(f"theme:{key}", choice_label(f"{colours}: {_(name)}", key == settings.theme))
                   for key, name in THEMES.items()]),
        (region, [(f"region:{key}", choice_label(
            _("Emergency number {number}: {region}").format(number=dialled(key), region=_(name)),
            key == settings.region)) for key, (_number, name) in REGIONS.items()]),
        (_("Self-voicing: speak each new screen and item"), [
            ("voicing:on", choice_label(_("Self-voicing: On"), settings.self_voicing)),
            ("voicing:off", choice_label(_("Self-voicing: Off"), not settings.self_voicing)),
        ]),
        (voice, [(f"voice:{key}", choice_label(_("Reading voice: {voice}").format(voice=_(name)),
                                               key == settings.speech_voice))
                 for key, name in VOICES.items() if offers_voice(key, settings, guide_language)]),
        (volume, [(f"volume:{level}", choice_label(f"{volume}: {percent(level)}", level == settings.speech_volume))
                  for level in VOLUMES]),
        # Each language in its own words: a reader who cannot read the words shown now still
        # finds theirs.
        (language, [(f"language:{code}", choice_label(f"{language}: {name}", code == settings.language))
                    for code, name in LANGUAGE_NAMES.items()]
         + [("language:", choice_label(_("Language: as your system's (LANG)"), not settings.language))]),
    ]
