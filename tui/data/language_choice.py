"""Which language the guide is shown in, and which voice reads it.

One rule for every interface (the full screen, the prompts, --plain, --speak, --hosted):

1. `--lang CODE` on the command line (this run only);
2. the reader's saved choice, `language` in settings.toml (the start screen's "Español" /
   "English" key and the Settings screen save it);
3. the environment, as gettext reads it: LANGUAGE (a list, "es:en"), then LC_ALL, then
   LC_MESSAGES, then LANG; the first one set decides, and "C" or "POSIX" there means no choice
   (so `LC_ALL=C` keeps English even when LANG says Spanish). An SSH client passes LANG and
   LC_* when the server accepts them (docs/hosting.md);
4. English.

A guide given with `--content DIR` is in its own language (`[language]` in its guide.toml): its
words decide the interface's, whatever was chosen. A language there is no bundled guide in
counts as no choice. No Textual here, and nothing slow: the plain modes use it too.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from tui.data.bundled import LANGUAGE_VARIABLES, bundled_content_dir, bundled_languages
from tui.data.language import Language
from tui.data.words import N_, _, base_language

LANGUAGE_NAMES: dict[str, str] = {"en": "English", "es": "Español"}
"""Each language's name in its own words: a reader who cannot read the language shown now still
finds their own. Never translated (the key and the Settings choice show these)."""

NO_CHOICE = frozenset({"c", "posix"})
"""Locale names that choose no language (as "C.UTF-8")."""


@dataclass(frozen=True)
class LanguageChoice:
    """The language chosen, and what chose it (for --debug and the tests)."""

    code: str
    """"en" or "es": a language there is a bundled guide in."""
    source: str
    """What chose it: "--lang", "settings", the variable's name ("LANG"), or "default"."""


def language_name(code: str) -> str:
    """A language's name in its own words ("Español"), or its code when there is none."""
    return LANGUAGE_NAMES.get(base_language(code), code)


def known_languages_in_words() -> str:
    """The languages there are, for a message: "en (English), es (Español)"."""
    return ", ".join(f"{code} ({language_name(code)})" for code in bundled_languages())


def command_line_language(value: str) -> str | None:
    """The bundled language `--lang VALUE` names ("es", "es-419", "es_MX" all mean Spanish), or
    None when there is no guide in it."""
    base = base_language(value.strip())
    return base if base in bundled_languages() else None


def locale_language(value: str) -> str | None:
    """The bundled language a locale name chooses ("es_MX.UTF-8" -> "es"), or None: not set, "C",
    "POSIX", or a language there is no guide in."""
    name = re.split(r"[.@]", value.strip(), maxsplit=1)[0]
    if not name or name.lower() in NO_CHOICE:
        return None
    base = base_language(name)
    return base if base in bundled_languages() else None


def environment_language(env: Mapping[str, str]) -> tuple[str, str] | None:
    """(language, variable) the environment chooses, or None. As gettext reads them, the first of
    LANGUAGE, LC_ALL, LC_MESSAGES and LANG that is set decides, and no other is read; LANGUAGE may
    list several ("fr:es": the first with a guide wins). "C" or "POSIX", or only languages without
    a guide, choose nothing."""
    for variable in LANGUAGE_VARIABLES:
        value = env.get(variable, "")
        if not value:
            continue
        for one in value.split(":") if variable == "LANGUAGE" else [value]:
            if (found := locale_language(one)) is not None:
                return found, variable
            if re.split(r"[.@]", one.strip(), maxsplit=1)[0].lower() in NO_CHOICE:
                return None
        return None
    return None


def choose_language(command_line: str | None, setting: str, env: Mapping[str, str] | None = None) -> LanguageChoice:
    """The language to show: the command line, else the saved setting, else the environment,
    else English. `command_line` is already checked (`command_line_language`)."""
    if command_line:
        return LanguageChoice(command_line, "--lang")
    if setting in bundled_languages():
        return LanguageChoice(setting, "settings")
    found = environment_language(os.environ if env is None else env)
    if found is not None:
        return LanguageChoice(*found)
    return LanguageChoice("en", "default")


LANG_OPTION = "--lang"
"""The option that chooses the language for one run."""


def command_line_lang(argv: Sequence[str]) -> str | None:
    """The bundled language `--lang` names in `argv` before argparse reads it (also `--lang=es`
    and the shortened `--la es` argparse accepts), or None: not there, or not a language there is
    a guide in (argparse says so then)."""
    for index, word in enumerate(argv):
        if word == "--":
            break
        name, equals, value = word.partition("=")
        if len(name) < 3 or not LANG_OPTION.startswith(name):
            continue
        if not equals:
            value = argv[index + 1] if index + 1 < len(argv) else ""
        return command_line_language(value)
    return None


def saved_language() -> str:
    """The reader's `language` setting, read without settings.py's repairs (a broken file is set
    aside, and said, by the real load later): "" when there is none to read."""
    from tui.data.safe_read import SMALL_FILE_CAP, decode_text, loads_toml, read_regular_file
    from tui.data.settings import settings_path

    try:
        value = loads_toml(decode_text(read_regular_file(settings_path(), SMALL_FILE_CAP))).get("language", "")
    except (OSError, ValueError):
        return ""
    return value if isinstance(value, str) else ""


def language_before_parsing(argv: Sequence[str], env: Mapping[str, str] | None = None) -> str:
    """The language for the command's own words (--help, a mistake in an option), chosen by the
    same rule as the guide's before argparse has read the command line."""
    return choose_language(command_line_lang(argv), saved_language(), env).code


def guide_folder(code: str) -> Path:
    """The bundled guide in language `code`."""
    return Path(bundled_content_dir(code))


def other_languages(code: str) -> tuple[str, ...]:
    """The bundled languages other than `code`, for the start screen's key."""
    return tuple(one for one in bundled_languages() if one != base_language(code))


# ---- The voice follows the language ---------------------------------------------------------

_VOICE_LANGUAGE = re.compile(r"^(?:[a-z]{2,4}/)?([a-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*$")
"""A voice named by its language, eSpeak NG's way: "es-419", "roa/es-419", "gmw/en-us"."""


def voice_language(voice: str) -> str | None:
    """The language a voice named by its code speaks ("gmw/en-us" -> "en"), or None for a name
    that says no language (a pyttsx3 id of another engine, a person's name)."""
    match = _VOICE_LANGUAGE.match(voice.strip())
    return match.group(1) if match else None


def reading_voice(chosen: str, language: Language) -> str:
    """The voice that reads a guide in `language`: the reader's own choice when it speaks that
    language (or names none we can tell), else the guide's own (`[language] voice`). An English
    voice reading Spanish says "lame" for "Llame"."""
    if not chosen:
        return language.voice
    spoken = voice_language(chosen)
    if spoken is not None and spoken != language.base and language.voice:
        return language.voice
    return chosen


ESPEAK_DATA_FOLDERS = ("/usr/lib/x86_64-linux-gnu/espeak-ng-data", "/usr/lib/aarch64-linux-gnu/espeak-ng-data",
                       "/usr/lib/espeak-ng-data", "/usr/share/espeak-ng-data", "/usr/local/share/espeak-ng-data",
                       "/opt/homebrew/share/espeak-ng-data")
"""Where eSpeak NG keeps its voices on the systems it is packaged for (ESPEAK_DATA_PATH moves it)."""


def espeak_data_folders(env: Mapping[str, str]) -> list[Path]:
    """eSpeak NG's data folders here: only ESPEAK_DATA_PATH's when it is set (as the library does)."""
    if env.get("ESPEAK_DATA_PATH"):
        return [Path(env["ESPEAK_DATA_PATH"]) / "espeak-ng-data"]
    return [Path(folder) for folder in ESPEAK_DATA_FOLDERS if os.path.isdir(folder)]


def voice_missing(voice: str, env: Mapping[str, str] | None = None) -> bool:
    """True when eSpeak NG's data is here and has no voice of that name ("es-419", "roa/es-419").
    A voice not named by its language, or no data folder at all, cannot be told: False (the speech
    engine itself says what is wrong then)."""
    if voice_language(voice) is None:
        return False
    folders = [folder for folder in espeak_data_folders(os.environ if env is None else env) if folder.is_dir()]
    if not folders:
        return False
    # eSpeak NG finds voices whatever their case ("en-us" is the file lang/gmw/en-US).
    name = voice.strip().rsplit("/", 1)[-1].lower()
    for folder in folders:
        for kind in ("lang", "voices"):
            if any(path.name.lower() == name and path.is_file() for path in (folder / kind).rglob("*")):
                return False
    return True


NO_VOICE_HINT = N_("On Debian/Ubuntu: sudo apt install espeak-ng-data")
"""What to install for eSpeak NG's voices; ends the no-voice reason."""


class NoVoiceReason(str):
    """The reason speech is off when there is no voice for the guide's language: a kind of its own,
    as it carries its own hint (the voices, not the engine)."""


def no_voice_reason(voice: str) -> NoVoiceReason:
    """Why speech cannot read the guide when the machine has no voice for its language, in one
    line; the guide goes on as text. "Speech is not available: " goes before it."""
    language = voice_language(voice) or voice
    return NoVoiceReason(_("this computer has no {voice} voice for {language}, so the guide is text only. "
                           "{hint}").format(voice=voice, language=language_name(language), hint=_(NO_VOICE_HINT)))


def is_no_voice_reason(reason: str) -> bool:
    """Whether `reason` is `no_voice_reason`'s (it carries its own hint: the voices, not the engine)."""
    return isinstance(reason, NoVoiceReason)
