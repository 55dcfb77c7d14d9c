"""Where the bundled guides are: package data in an installed wheel, or the checkout's content/.

One lookup, used by the content loader and by the instant `--plain` path alike. The wheel
carries `content/` as `tui/_content/` (pyproject.toml). It is found beside the package's own
files, which is what importlib.resources does for a package on disk; importing that module
costs about 15 ms here, a third of `--plain`'s whole run, so this stays with `os` alone.

There is one bundled guide per language, each a folder of its own (`[language]` in its
guide.toml says which); `tui/data/language_choice.py` decides which one a reader gets.
"""

from __future__ import annotations

import os

GUIDES: dict[str, str] = {"en": "muscle-spasms", "es": "muscle-spasms-es"}
"""Each bundled guide's folder name, by its language (ISO 639-1, no region). English first: it is
the guide when nothing chose another."""

GUIDE = GUIDES["en"]
"""The English guide's folder name (the guide when no language is chosen)."""


def bundled_content_dir(language: str = "en") -> str:
    """The bundled guide's folder in `language` ("en" or "es"; a KeyError for another): the
    installed package data if there, else the checkout's."""
    name = GUIDES[language]
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    installed = os.path.join(package, "_content", name)
    if os.path.isfile(os.path.join(installed, "guide.toml")):
        return installed
    return os.path.join(os.path.dirname(package), "content", name)


def bundled_languages() -> tuple[str, ...]:
    """The languages there is a bundled guide in, English first."""
    return tuple(GUIDES)


def bundled_folders() -> list[str]:
    """Every bundled guide's folder, English first (what a cached rendering may have been made from)."""
    return [bundled_content_dir(language) for language in GUIDES]


LANGUAGE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
"""The environment variables that may choose the language, in the order gettext reads them (the
first one set decides; tui/data/language_choice.py)."""


def catalogue_files() -> list[str]:
    """The compiled catalogues of the interface's words (`tui/locale/<code>/LC_MESSAGES/*.mo`)."""
    locale = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "locale")
    try:
        languages = sorted(entry.name for entry in os.scandir(locale) if entry.is_dir())
    except OSError:
        return []
    found = []
    for code in languages:
        folder = os.path.join(locale, code, "LC_MESSAGES")
        try:
            found += sorted(entry.path for entry in os.scandir(folder) if entry.name.endswith(".mo"))
        except OSError:
            continue
    return found
