"""The user's settings: loaded from and saved to the config folder, atomically.

The file is `settings.toml` in platformdirs' user config folder (so `XDG_CONFIG_HOME` moves it).
A file that cannot be read never stops the guide: the bad file is kept beside it as a backup,
the guide starts with defaults for whatever was wrong, and one message says so.
"""

from __future__ import annotations

import contextlib
import unicodedata
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

import platformdirs

from tui.data.atomic import keep_backup, write_text_atomic
from tui.data.bundled import bundled_languages
from tui.data.key_table import KEY_ROWS
from tui.data.places import PLACES
from tui.data.safe_read import SMALL_FILE_CAP, TomlProblem, decode_text, loads_toml, read_regular_file
from tui.data.sanitize import clean_line
from tui.data.words import N_, _, catalogue, ngettext, pgettext

APP_NAME = "spasm-guide"

THEMES: dict[str, str] = {
    "hc-dark": N_("Dark, high contrast"),
    "hc-light": N_("Light, high contrast"),
    "ansi-dark": N_("Dark, your terminal's"),
    "ansi-light": N_("Light, your terminal's"),
}
"""Theme ids a user may choose, with the name shown for each (through `_()`). Each name says what
sets it apart first (dark or light, then whose colours): a screen reader says only the first row
of a choice after an arrow key, "selected: Colours: " and about 16 letters at 40 columns."""

VOICES: dict[str, str] = {
    "": N_("Default, the speech engine's own"),
    "gmw/en-us": N_("US English"),
    "gmw/en": N_("UK English"),
    "roa/es-419": N_("Latin American Spanish"),
    "roa/es": N_("Spanish from Spain"),
}
"""Voices offered in Settings (any pyttsx3 voice id, name or language code works in the file); each
guide offers those of its own language (a voice of another language is not used to read it). Each
is named short, what sets it apart first, as the themes are."""

VOLUMES: tuple[float, ...] = (1.0, 0.75, 0.5, 0.25)
"""Volumes offered in Settings."""

REGIONS: dict[str, tuple[str, str]] = {
    "US": ("911", N_("United States and Canada")),
    "UK": ("999", N_("United Kingdom")),
    "EU": ("112", N_("European Union")),
}
"""Region id to (emergency number, region name shown through `_()`). The source article is from the US."""


@dataclass(frozen=True)
class Settings:
    """Everything the user can change, with safe defaults."""

    theme: str = "hc-dark"
    """One of THEMES."""
    region: str = "US"
    """One of REGIONS: which emergency number the guide shows."""
    speech_rate: int = 170
    """Words per minute for the reader."""
    speech_volume: float = 1.0
    """0.0 to 1.0."""
    speech_voice: str = ""
    """A pyttsx3 voice id, name or language code; empty means the engine's default."""
    self_voicing: bool = False
    """Speak each new screen's title and each newly focused item."""
    keys: dict[str, str] = field(default_factory=dict)
    """Binding id to key(s), e.g. {"guide.next": "n,right"}: passed to App.set_keymap."""
    language: str = ""
    """The reader's language, "en" or "es"; "" means from the environment (LANG and the others:
    tui/data/language_choice.py). `--lang` on the command line goes before it."""

    @property
    def emergency_number(self) -> str:
        """The emergency number for the chosen region."""
        return REGIONS.get(self.region, REGIONS["US"])[0]


def emergency_line(settings: Settings, short: bool = False) -> str:
    """The line shown in the same place on every screen; `short` fits one row of 40 columns."""
    number = spoken_number(settings.emergency_number)
    if short:
        return _("Emergency? Call {number} or local number.").format(number=number)
    return _("Emergency? Call {number} or your local emergency number.").format(number=number)


def spoken_number(number: str, language: str | None = None) -> str:
    """An emergency number as a language (the one shown now, unless given) writes it so that a
    voice says it digit by digit: "911" in English, "9-1-1" in Spanish (eSpeak NG's es-419 says
    "911" as "novecientos once")."""
    # TRANSLATORS: how the emergency number 911 is written in your language so that a voice says
    # it digit by digit: "9-1-1" (dashes: every number is written so), or "911" as it is.
    sample = pgettext("emergency number written for a voice", "911") if language is None else (
        catalogue(language).pgettext("emergency number written for a voice", "911"))
    if "-" in sample and number.isdigit():
        return "-".join(number)
    return number


def settings_path() -> Path:
    """Where settings live for this user."""
    return Path(platformdirs.user_config_dir(APP_NAME)) / "settings.toml"


def _is_number(value: Any, low: float, high: float, whole: bool = False) -> bool:
    """True for an int (or float, unless `whole`) in [low, high]; bools are not numbers here."""
    kinds = (int,) if whole else (int, float)
    return isinstance(value, kinds) and not isinstance(value, bool) and low <= value <= high


MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})
"""Modifier names a key may start with ("ctrl+q")."""

NAMED_KEYS = frozenset({
    "escape", "enter", "return", "tab", "space", "backspace", "delete", "insert", "home", "end",
    "pageup", "pagedown", "up", "down", "left", "right", *(f"f{n}" for n in range(1, 25)),
})
"""Keys with names of their own, as Textual spells them (tests check them against Textual)."""

CHARACTER_NAME_REPLACEMENTS = {"solidus": "slash", "reverse_solidus": "backslash", "commercial_at": "at",
                               "hyphen_minus": "minus", "plus_sign": "plus", "low_line": "underscore"}
"""Textual's short names for some characters ("slash" for "/")."""

CHARACTER_NAMES = frozenset(
    CHARACTER_NAME_REPLACEMENTS.get(name, name)
    for name in (unicodedata.name(chr(code)).lower().replace("-", "_").replace(" ", "_")
                 for code in range(0x21, 0x7F) if not chr(code).isalnum())
)
"""Printable characters by name, as Textual names their keys ("question_mark", "plus")."""

BINDING_IDS = frozenset({*(row.binding_id for row in PLACES if row.binding_id), *(row.id for row in KEY_ROWS)})
"""Binding ids a user may remap in [keys]: the places' keys and every other key, from the two
tables the full screen builds its bindings from (tui/data/places.py, tui/data/key_table.py)."""


def valid_key(name: str) -> bool:
    """Whether one key name is one Textual can deliver: modifiers, then one key ("ctrl+q", "f1", "n")."""
    *modifiers, key = name.split("+")
    if any(m not in MODIFIERS for m in modifiers) or len(set(modifiers)) != len(modifiers):
        return False
    if len(key) == 1:
        # Printable ASCII only: a key name is drawn in the key bar and help.
        return key.isascii() and key.isprintable() and key != " "
    return key in NAMED_KEYS or key in CHARACTER_NAMES


def valid_keys(keys: str) -> bool:
    """Whether `keys` is a comma-separated list of key names ("n,right", "ctrl+q", "f1")."""
    return all(valid_key(name.strip()) for name in keys.split(","))


CHECKS: dict[str, tuple[Callable[[Any], bool], str]] = {
    "theme": (lambda v: isinstance(v, str) and v in THEMES, N_("one of {choices}")),
    "region": (lambda v: isinstance(v, str) and v in REGIONS, N_("one of {choices}")),
    "speech_rate": (lambda v: _is_number(v, 80, 400, whole=True), N_("a whole number from 80 to 400")),
    "speech_volume": (lambda v: _is_number(v, 0, 1), N_("a number from 0 to 1")),
    "speech_voice": (lambda v: isinstance(v, str), N_("a string")),
    "self_voicing": (lambda v: isinstance(v, bool), N_("true or false")),
    "keys": (lambda v: isinstance(v, dict), N_('a table of binding id = "key", as [keys]')),
    "language": (lambda v: isinstance(v, str) and (v == "" or v in bundled_languages()),
                 N_('one of {choices}, or "" for the language of your system (LANG)')),
}
"""Setting name to (is this value allowed?, what is wanted, in words: shown through `_()`, its
"{choices}" the allowed values)."""

CHOICES: dict[str, str] = {"theme": ", ".join(THEMES), "region": ", ".join(REGIONS),
                           "language": ", ".join(bundled_languages())}
"""The allowed values of the settings that take one of a list (ids: the same in every language)."""


MAX_PROBLEM_LINES = 6
"""Problems named one by one at most; the rest are counted on one more line."""


def validate_value(name: str, value: Any) -> str | None:
    """Return why `value` is not allowed for setting `name`, or None if it is fine."""
    ok, wanted = CHECKS[name]
    return None if ok(value) else _("must be {wanted}").format(wanted=_(wanted).format(choices=CHOICES.get(name, "")))


def set_aside(path: Path, raw: bytes | None = None) -> str:
    """Keep a bad settings file as `<name>.bad-N`: moved, or, given its bytes `raw`, copied (it
    stays in use). Returns the words for the message; a folder that cannot be written is said,
    not raised.
    """
    try:
        if raw is None:
            return _("kept it as {backup}").format(backup=keep_backup(path).name)
        backups = sorted(path.parent.glob(f"{path.name}.bad-*"))
        for old in backups:
            with contextlib.suppress(OSError):
                if read_regular_file(old, SMALL_FILE_CAP) == raw:
                    return _("a copy is kept as {backup}").format(backup=old.name)
        copy = path.with_name(f"{path.name}.bad-{len(backups) + 1}")
        write_text_atomic(copy, raw.decode("utf-8-sig", errors="replace"))
        return _("a copy is kept as {backup}").format(backup=copy.name)
    except OSError as exc:
        return _("could not keep a copy ({reason})").format(reason=exc.strerror)


UNKNOWN_ID_HINT = N_("no such binding id (Help, ? or F1, lists the ids of each screen's keys)")
"""Where to find the ids: Help, which a person reading over SSH can open (the README they cannot);
shown through `_()`."""


def check_keys(table: dict[Any, Any]) -> tuple[dict[str, str], list[str]]:
    """The usable [keys] entries, and a problem for each one that is not (unknown id, bad key)."""
    good: dict[str, str] = {}
    problems: list[str] = []
    for binding, keys in table.items():
        where = _("key 'keys' entry '{binding}'").format(binding=clean_line(str(binding)))
        if binding not in BINDING_IDS:
            problems.append(f"{where}: {_(UNKNOWN_ID_HINT)}")
        elif not isinstance(keys, str) or not valid_keys(keys):
            problems.append(_('{entry} must be key names such as "ctrl+q" or "n,right"').format(entry=where))
        else:
            good[binding] = keys
    return good, problems


def load_settings(path: Path | None = None) -> tuple[Settings, str | None]:
    """Load settings; return them and a message (one line per problem) if anything was set aside.

    A file that is not TOML is moved aside and the defaults used (said once). A readable file
    with bad values stays in place, so its good values and key bindings keep working; every bad
    value gets its default, each is named on a line of its own, and this is said each run until
    it is fixed.
    """
    path = path or settings_path()
    try:
        raw = read_regular_file(path, SMALL_FILE_CAP)
    except FileNotFoundError:
        return Settings(), None
    except OSError as exc:
        # Unreadable (its permissions, say): moved aside now, so the next change of a setting
        # does not write over what it held.
        kept = set_aside(path)
        return Settings(), clean_line(_("{path}: cannot read settings ({reason}); using defaults, {kept}.").format(
            path=path, reason=exc.strerror, kept=kept))
    try:
        data = loads_toml(decode_text(raw))
    except TomlProblem as exc:
        kept = set_aside(path)
        return Settings(), clean_line(_("{path}: not valid settings ({problem}); using defaults, {kept}.").format(
            path=path, problem=exc, kept=kept))
    known = {f.name for f in fields(Settings)}
    values: dict[str, Any] = {}
    problems: list[str] = []
    unknown: list[str] = []
    for key, value in data.items():
        if key not in known:
            unknown.append(key)
            continue
        why = validate_value(key, value)
        if why:
            problems.append(_("key '{key}' {why}; using the default").format(key=key, why=why))
        elif key == "keys":
            values[key], bad_keys = check_keys(value)
            problems += [_("{problem}; ignored").format(problem=problem) for problem in bad_keys]
        else:
            values[key] = float(value) if key == "speech_volume" else value
    if unknown:
        # One line however many (a file of 6,000 unknown keys made 6,000 lines, shown at start).
        shown = ", ".join(f"'{clean_line(key)[:40]}'" for key in unknown[:3]) + (" ..." if len(unknown) > 3 else "")
        problems.insert(0, ngettext("unknown key {shown}", "{count} unknown keys {shown}", len(unknown)).format(
            count=len(unknown), shown=shown))
    if len(problems) > MAX_PROBLEM_LINES:
        more = len(problems) - MAX_PROBLEM_LINES + 1
        problems[MAX_PROBLEM_LINES - 1:] = [ngettext("and {count} more problem", "and {count} more problems",
                                                     more).format(count=more)]
    settings = replace(Settings(), **values)
    if not problems:
        return settings, None
    kept = set_aside(path, raw)
    lines = [clean_line(f"{path}: {problem}.") for problem in problems]
    lines.append(clean_line(f"{path}: {kept}."))
    return settings, "\n".join(lines)


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Write settings atomically (through a symbolic link to its target, which stays a link),
    into the file as the user left it: comments and order kept, only changed values changed."""
    # Here, not at the top: tomlkit (comment-keeping TOML) is about 1 MiB of a reader's memory,
    # and most readers never change a setting.
    from tui.data.settings_write import current_text, merged_settings_text

    path = path or settings_path()
    write_text_atomic(path, merged_settings_text(asdict(settings), current_text(path), asdict(Settings())))
