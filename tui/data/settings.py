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
from tui.data.key_table import KEY_ROWS
from tui.data.places import PLACES
from tui.data.safe_read import SMALL_FILE_CAP, TomlProblem, decode_text, loads_toml, read_regular_file
from tui.data.sanitize import clean_line

APP_NAME = "spasm-guide"

THEMES: dict[str, str] = {
    "hc-dark": "High contrast, dark",
    "hc-light": "High contrast, light",
    "ansi-dark": "Your terminal's colours, dark",
    "ansi-light": "Your terminal's colours, light",
}
"""Theme ids a user may choose, with the name shown for each."""

VOICES: dict[str, str] = {
    "": "The speech engine's own voice",
    "gmw/en-us": "English, United States",
    "gmw/en": "English, United Kingdom",
}
"""Voices offered in Settings (any pyttsx3 voice id, name or language code works in the file)."""

VOLUMES: tuple[float, ...] = (1.0, 0.75, 0.5, 0.25)
"""Volumes offered in Settings."""

REGIONS: dict[str, tuple[str, str]] = {
    "US": ("911", "United States and Canada"),
    "UK": ("999", "United Kingdom"),
    "EU": ("112", "European Union"),
}
"""Region id to (emergency number, region name). The source article is from the US."""


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

    @property
    def emergency_number(self) -> str:
        """The emergency number for the chosen region."""
        return REGIONS.get(self.region, REGIONS["US"])[0]


def emergency_line(settings: Settings, short: bool = False) -> str:
    """The line shown in the same place on every screen; `short` fits one row of 40 columns."""
    if short:
        return f"Emergency? Call {settings.emergency_number} or local number."
    return f"Emergency? Call {settings.emergency_number} or your local emergency number."


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
    "theme": (lambda v: isinstance(v, str) and v in THEMES, f"one of {', '.join(THEMES)}"),
    "region": (lambda v: isinstance(v, str) and v in REGIONS, f"one of {', '.join(REGIONS)}"),
    "speech_rate": (lambda v: _is_number(v, 80, 400, whole=True), "a whole number from 80 to 400"),
    "speech_volume": (lambda v: _is_number(v, 0, 1), "a number from 0 to 1"),
    "speech_voice": (lambda v: isinstance(v, str), "a string"),
    "self_voicing": (lambda v: isinstance(v, bool), "true or false"),
    "keys": (lambda v: isinstance(v, dict), 'a table of binding id = "key", as [keys]'),
}
"""Setting name to (is this value allowed?, what is wanted, in words)."""


MAX_PROBLEM_LINES = 6
"""Problems named one by one at most; the rest are counted on one more line."""


def validate_value(name: str, value: Any) -> str | None:
    """Return why `value` is not allowed for setting `name`, or None if it is fine."""
    ok, wanted = CHECKS[name]
    return None if ok(value) else f"must be {wanted}"


def set_aside(path: Path, raw: bytes | None = None) -> str:
    """Keep a bad settings file as `<name>.bad-N`: moved, or, given its bytes `raw`, copied (it
    stays in use). Returns the words for the message; a folder that cannot be written is said,
    not raised.
    """
    try:
        if raw is None:
            return f"kept it as {keep_backup(path).name}"
        backups = sorted(path.parent.glob(f"{path.name}.bad-*"))
        for old in backups:
            with contextlib.suppress(OSError):
                if read_regular_file(old, SMALL_FILE_CAP) == raw:
                    return f"a copy is kept as {old.name}"
        copy = path.with_name(f"{path.name}.bad-{len(backups) + 1}")
        write_text_atomic(copy, raw.decode("utf-8-sig", errors="replace"))
        return f"a copy is kept as {copy.name}"
    except OSError as exc:
        return f"could not keep a copy ({exc.strerror})"


UNKNOWN_ID_HINT = "no such binding id (Help, ? or F1, lists the ids of each screen's keys)"
"""Where to find the ids: Help, which a person reading over SSH can open (the README they cannot)."""


def check_keys(table: dict[Any, Any]) -> tuple[dict[str, str], list[str]]:
    """The usable [keys] entries, and a problem for each one that is not (unknown id, bad key)."""
    good: dict[str, str] = {}
    problems: list[str] = []
    for binding, keys in table.items():
        where = f"key 'keys' entry '{clean_line(str(binding))}'"
        if binding not in BINDING_IDS:
            problems.append(f"{where}: {UNKNOWN_ID_HINT}")
        elif not isinstance(keys, str) or not valid_keys(keys):
            problems.append(f'{where} must be key names such as "ctrl+q" or "n,right"')
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
        return Settings(), clean_line(f"{path}: cannot read settings ({exc.strerror}); using defaults, {kept}.")
    try:
        data = loads_toml(decode_text(raw))
    except TomlProblem as exc:
        kept = set_aside(path)
        return Settings(), clean_line(f"{path}: not valid settings ({exc}); using defaults, {kept}.")
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
            problems.append(f"key '{key}' {why}; using the default")
        elif key == "keys":
            values[key], bad_keys = check_keys(value)
            problems += [f"{problem}; ignored" for problem in bad_keys]
        else:
            values[key] = float(value) if key == "speech_volume" else value
    if unknown:
        # One line however many (a file of 6,000 unknown keys made 6,000 lines, shown at start).
        shown = ", ".join(f"'{clean_line(key)[:40]}'" for key in unknown[:3]) + (" ..." if len(unknown) > 3 else "")
        problems.insert(0, f"unknown key {shown}" if len(unknown) == 1 else f"{len(unknown)} unknown keys {shown}")
    if len(problems) > MAX_PROBLEM_LINES:
        problems[MAX_PROBLEM_LINES - 1:] = [f"and {len(problems) - MAX_PROBLEM_LINES + 1} more problems"]
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
