"""The interfaces' own words in the reader's language: gettext catalogues under `tui/locale/`.

The guide's text comes from its content folder, already written in its language. This module gives
the words every interface adds around that text (key names, prompts, messages, Help, dialogs).
English is the source language: it is written in the code inside `_()`, and one catalogue per
language (`tui/locale/<code>/LC_MESSAGES/spasm-guide.po`, compiled to `.mo` beside it) gives the
others, so a translator edits a `.po` file and never the code. Python's own `gettext` reads the
catalogues (no dependency at run time); Babel, a test and lint dependency, extracts the phrases and
compiles the `.mo` files (README, "Translating").

Words are looked up when they are shown, never when a module is imported, so one process can show
one language and then another (a reader who presses "Español", and the tests). A phrase kept in a
table at import time is marked with `N_()` (so the extractor finds it) and passed through `_()`
where it is shown. No Textual here: every interface uses it.
"""

from __future__ import annotations

import gettext
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

DOMAIN = "spasm-guide"
"""The catalogues' file name (`spasm-guide.po` / `.mo`), gettext's "domain"."""

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
"""Where the catalogues live: `tui/locale/<language>/LC_MESSAGES/`."""

SOURCE_LANGUAGE = "en"
"""The language the code is written in; it needs no catalogue."""

_catalogues: dict[str, gettext.NullTranslations] = {}
"""Each language's catalogue once read (a language without one shows the English)."""

_current: gettext.NullTranslations = gettext.NullTranslations()
"""The catalogue of the language shown now."""

_language = SOURCE_LANGUAGE
"""The language shown now, without its region ("es" for "es-419")."""


def base_language(code: str) -> str:
    """A language code without its region, lower case: "es" for "es-419" or "es_MX"."""
    return code.replace("_", "-").split("-")[0].lower()


def available_languages() -> tuple[str, ...]:
    """English, then every language that has a compiled catalogue, in code order."""
    found = sorted(path.parent.parent.name for path in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.mo"))
    return (SOURCE_LANGUAGE, *(code for code in found if code != SOURCE_LANGUAGE))


def catalogue(code: str) -> gettext.NullTranslations:
    """The catalogue for a language (read once); English, or a language with none, says the
    code's own words."""
    base = base_language(code)
    if base not in _catalogues:
        if base == SOURCE_LANGUAGE:
            _catalogues[base] = gettext.NullTranslations()
        else:
            _catalogues[base] = gettext.translation(DOMAIN, LOCALE_DIR, [base], fallback=True)
    return _catalogues[base]


def use_language(code: str) -> None:
    """Show every later phrase in this language ("es", "es-419", "es_MX" all mean Spanish)."""
    global _current, _language
    _current = catalogue(code)
    _language = base_language(code)


def current_language() -> str:
    """The language phrases are shown in now, without its region."""
    return _language


@contextmanager
def in_language(code: str) -> Iterator[None]:
    """Phrases in `code` inside the block, the language before it after."""
    before = _language
    use_language(code)
    try:
        yield
    finally:
        use_language(before)


def _(message: str) -> str:
    """A phrase in the language shown now. An empty phrase stays empty (gettext would give the
    catalogue's header for it: a table's "" means "none")."""
    return _current.gettext(message) if message else message


def N_(message: str) -> str:
    """Mark a phrase for the catalogue without translating it yet: it is kept in a table made at
    import time and given to `_()` where it is shown."""
    return message


def ngettext(singular: str, plural: str, count: int) -> str:
    """The phrase for `count` things in the language shown now (its own plural rules)."""
    return _current.ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """A phrase whose translation depends on where it is used ("Next" a button, "Next" a key)."""
    return _current.pgettext(context, message)
