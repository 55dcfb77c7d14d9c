"""The user's settings: loaded from and saved to the config folder, atomically.

The file is `settings.toml` in platformdirs' user config folder (so `XDG_CONFIG_HOME` moves it).
A file that cannot be read never stops the guide: the bad file is kept beside it as a backup,
the guide starts with defaults for whatever was wrong, and one message says so.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

import platformdirs
import tomli_w

from tui.data.atomic import keep_backup, write_text_atomic
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


def valid_keys(keys: str) -> bool:
    """Whether `keys` is a comma-separated list of key names ("n,right", "ctrl+q", "f1").

    Printable ASCII only: a key name is drawn in the key bar and help, so a control character
    in it would reach the terminal, and an empty name would draw a blank key.
    """
    names = keys.split(",")
    return all(name.strip() and name.isascii() and name.isprintable() and " " not in name.strip()
               for name in names)


CHECKS: dict[str, tuple[Callable[[Any], bool], str]] = {
    "theme": (lambda v: isinstance(v, str) and v in THEMES, f"one of {', '.join(THEMES)}"),
    "region": (lambda v: isinstance(v, str) and v in REGIONS, f"one of {', '.join(REGIONS)}"),
    "speech_rate": (lambda v: _is_number(v, 80, 400, whole=True), "a whole number from 80 to 400"),
    "speech_volume": (lambda v: _is_number(v, 0, 1), "a number from 0 to 1"),
    "speech_voice": (lambda v: isinstance(v, str), "a string"),
    "self_voicing": (lambda v: isinstance(v, bool), "true or false"),
    "keys": (
        lambda v: isinstance(v, dict) and all(isinstance(k, str) and valid_keys(k) for k in v.values()),
        'a table of binding id = "key", keys named like "ctrl+q" or "n,right"',
    ),
}
"""Setting name to (is this value allowed?, what is wanted, in words)."""


def validate_value(name: str, value: Any) -> str | None:
    """Return why `value` is not allowed for setting `name`, or None if it is fine."""
    ok, wanted = CHECKS[name]
    return None if ok(value) else f"must be {wanted}"


def set_aside(path: Path, move: bool) -> str:
    """Keep a bad settings file as `<name>.bad-N` (moved, or copied when it stays in use).

    Returns the words for the message; a folder that cannot be written is said, not raised.
    """
    try:
        if move:
            return f"kept it as {keep_backup(path).name}"
        for old in path.parent.glob(f"{path.name}.bad-*"):
            if old.read_bytes() == path.read_bytes():
                return f"a copy is kept as {old.name}"
        copy = path.with_name(f"{path.name}.bad-{len(list(path.parent.glob(f'{path.name}.bad-*'))) + 1}")
        write_text_atomic(copy, path.read_text(encoding="utf-8-sig"))
        return f"a copy is kept as {copy.name}"
    except OSError as exc:
        return f"could not keep a copy ({exc.strerror})"


def load_settings(path: Path | None = None) -> tuple[Settings, str | None]:
    """Load settings; return them and a one-line message if anything had to be set aside.

    A file that is not TOML is moved aside and the defaults used (said once). A readable file
    with a bad key stays in place, so its good values and key bindings keep working; the bad key
    gets its default and the message is said each run until it is fixed.
    """
    path = path or settings_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Settings(), None
    except OSError as exc:
        return Settings(), clean_line(f"{path}: cannot read settings ({exc.strerror}); using defaults.")
    try:
        data = tomllib.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        kept = set_aside(path, move=True)
        return Settings(), clean_line(f"{path}: not valid settings ({exc}); using defaults, {kept}.")
    known = {f.name for f in fields(Settings)}
    values: dict[str, Any] = {}
    problems: list[str] = []
    for key, value in data.items():
        if key not in known:
            problems.append(f"unknown key '{key}'")
            continue
        why = validate_value(key, value)
        if why:
            problems.append(f"key '{key}' {why}")
        else:
            values[key] = float(value) if key == "speech_volume" else value
    settings = replace(Settings(), **values)
    if not problems:
        return settings, None
    kept = set_aside(path, move=False)
    return settings, clean_line(f"{path}: {problems[0]}; using the default there ({kept}).")


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Write settings atomically."""
    path = path or settings_path()
    data = {k: v for k, v in asdict(settings).items() if not (k == "keys" and not v)}
    write_text_atomic(path, tomli_w.dumps(data))
