"""The fast path for `spasm-guide --plain`: print a cached rendering without loading anything.

`--plain` is what a screen-reader user pipes into `less` or a braille display, many times a
day, often over a slow link; it should start as fast as `lynx -dump`. Loading the guide means
TOML, dataclasses, platformdirs and argparse: about 35 ms of imports before a word is printed.
So the full path stores its output in the user's cache folder, keyed by the size and
modification time of every file it read, and this module (stdlib `os` and `sys`, and the one
lookup of the bundled folder) prints it
back when nothing has changed. Any doubt (another flag, a terminal wanting bold headings, a
missing or stale cache) and the full path runs instead.
"""

from __future__ import annotations

import contextlib
import os
import sys

from tui.data.bundled import bundled_content_dir, bundled_folders
from tui.data.file_stamps import inputs_key, read_small_regular_file, user_dir

CACHE_VERSION = "2"
"""Bump when the plain rendering changes, so older caches are never printed."""


def cache_file() -> str:
    """Where the cached rendering lives."""
    return os.path.join(user_dir("XDG_CACHE_HOME", "~/.cache"), "plain.txt")


def default_folder() -> str:
    """The bundled guide: installed in the package, or the checkout's content/ folder."""
    return bundled_content_dir()


def cache_key(section: str) -> str | None:
    """A line naming every input of the rendering, or None if one cannot be read."""
    # The code that renders too (tui/data and tui/plain): a new version of the guide never
    # prints an old layout. About 30 stat calls: well under a millisecond.
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    try:
        code = sorted(entry.path for sub in ("data", "plain") for entry in os.scandir(os.path.join(package, sub))
                      if entry.name.endswith(".py"))
    except OSError:
        return None
    code += compiled_catalogues(os.path.join(package, "locale"))
    # Every bundled guide, the settings file and the language variables: the language (so the
    # guide and the words) is chosen from them (tui/data/language_choice.py).
    inputs = inputs_key(code, [default_folder(), *bundled_folders()[1:]])
    return None if inputs is None else "|".join([CACHE_VERSION, section, default_folder(), inputs])


def compiled_catalogues(locale_dir: str) -> list[str]:
    """The interfaces' compiled words (tui/locale/<language>/LC_MESSAGES/*.mo, tui/data/words.py):
    a changed translation is a changed rendering, as changed code is."""
    try:
        languages = sorted(entry.path for entry in os.scandir(locale_dir) if entry.is_dir())
    except OSError:
        return []
    found: list[str] = []
    for language in languages:
        with contextlib.suppress(OSError):
            messages = os.path.join(language, "LC_MESSAGES")
            found += sorted(entry.path for entry in os.scandir(messages) if entry.name.endswith(".mo"))
    return found


def section_argument(argv: list[str]) -> str | None:
    """'' for `--plain`, 'N' for `--plain --section N`; None for anything else."""
    if argv == ["--plain"]:
        return ""
    if len(argv) == 3 and "--plain" in argv:
        rest = [a for a in argv if a != "--plain"]
        if rest[0] == "--section" and rest[1].isdigit():
            return rest[1]
    return None


def wants_styling() -> bool:
    """The same rule as the full renderer: bold headings only on a terminal without NO_COLOR."""
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def narrow_window() -> bool:
    """True when stdout is a terminal no wider than the text (72 columns): the full path breaks
    its rows between words for that width, so the cached 72-column rendering is not for it."""
    try:
        return sys.stdout.isatty() and os.get_terminal_size(sys.stdout.fileno()).columns <= 72
    except (OSError, ValueError):
        return False


def try_cached(argv: list[str]) -> bool:
    """Print the cached rendering for `argv` and return True, or return False to run in full."""
    if not sys.platform.startswith("linux"):
        return False
    section = section_argument(argv)
    if section is None or wants_styling() or narrow_window():
        return False
    key = cache_key(section)
    if key is None:
        return False
    raw = read_small_regular_file(cache_file())
    if raw is None:
        return False
    try:
        head, _, text = raw.decode("utf-8").partition("\n")
    except UnicodeDecodeError:
        return False
    if head != key:
        return False
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # `spasm-guide --plain | head`: the reader has all it wanted; stop Python's last flush failing.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    return True


def store(argv: list[str], text: str) -> None:
    """Keep `text` as the rendering for `argv`; a cache that cannot be written is no error."""
    section = section_argument(argv)
    key = cache_key(section) if section is not None and sys.platform.startswith("linux") else None
    if narrow_window():
        return  # rows broken for this window's width: not the rendering a wider one wants
    if key is None:
        return
    from pathlib import Path

    from tui.data.atomic import write_text_atomic

    with contextlib.suppress(OSError):
        write_text_atomic(Path(cache_file()), f"{key}\n{text}")
