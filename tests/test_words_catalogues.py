"""The words layer's catalogues (tui/locale) agree with the code and with themselves.

Babel's own extractor finds every phrase the code marks (`_`, `N_`, `ngettext`, `pgettext`, with
tui/locale/babel.cfg), so these checks see what a translator's `pybabel extract` sees:
- the template `tui/locale/spasm-guide.pot` lists exactly the phrases the code marks now;
- every language's `.po` translates each of them (not empty, not fuzzy), keeps each phrase's
  placeholders (`{count}`, `%s`), and keeps no entry the code no longer marks (obsolete ones
  included);
- each committed `.mo` is what Babel compiles from its `.po`, so nobody forgets to compile.
The commands that fix each failure are in the README ("Translating").
"""

from __future__ import annotations

import io
import re
from collections import Counter
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from tests.conftest import ROOT
from tui.data.words import DOMAIN, LOCALE_DIR

pytestmark: list[pytest.MarkDecorator] = []
"""Pure and fast (Babel reads about 70 modules in well under a second): part of the fast set."""

TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"
"""What `pybabel extract` writes: every marked phrase, untranslated."""

PO_FILES = sorted(LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
"""Each language's catalogue."""

FIX = {
    "extract": f".venv/bin/pybabel extract -F tui/locale/babel.cfg --no-location --add-comments=TRANSLATORS: "
               f"-o tui/locale/{DOMAIN}.pot tui",
    "update": f".venv/bin/pybabel update -i tui/locale/{DOMAIN}.pot -d tui/locale -D {DOMAIN} --ignore-obsolete",
    "compile": f".venv/bin/pybabel compile -d tui/locale -D {DOMAIN}",
}
"""The commands a translator runs (README, "Translating"), named in each failure."""

PLACEHOLDER = re.compile(r"\{[^{}]*\}|%(?:\([a-z_]+\))?[sdif]")
"""A placeholder the code fills in: "{count}", "{}", "%s", "%(name)s"."""

Key = tuple[str | tuple[str, ...], str | None]
"""A phrase as gettext finds it: its id (singular and plural for ngettext) and its context."""


def marked_phrases() -> dict[Key, str]:
    """Every phrase the code marks, as Babel's extractor finds it, with where it was first found."""
    with (LOCALE_DIR / "babel.cfg").open(encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)
    found: dict[Key, str] = {}
    for filename, line, message, _comments, context in extract_from_dir(ROOT / "tui", method_map, options_map):
        key: Key = (tuple(message) if isinstance(message, tuple | list) else message, context)
        found.setdefault(key, f"tui/{filename}:{line}")
    return found


def read_catalogue(path: Path) -> Catalog:
    """A .po or .pot file, as Babel reads it."""
    with path.open("rb") as handle:
        locale = None if path.suffix == ".pot" else path.parent.parent.name
        return read_po(handle, locale=locale)


def entries(catalogue: Catalog) -> dict[Key, Message]:
    """The catalogue's phrases (not its header)."""
    return {(m.id if isinstance(m.id, str) else tuple(m.id), m.context): m for m in catalogue if m.id}


MARKED = marked_phrases()


def test_the_code_marks_phrases() -> None:
    """The extractor is looking in the right place (a wrong babel.cfg finds nothing at all)."""
    assert len(MARKED) > 50


def test_the_template_lists_every_marked_phrase_and_no_other() -> None:
    template = entries(read_catalogue(TEMPLATE))
    missing = sorted(f"{where}: {key[0]!r}" for key, where in MARKED.items() if key not in template)
    stale = sorted(repr(key[0]) for key in template if key not in MARKED)
    assert not missing and not stale, (f"run: {FIX['extract']}\nnot in the template: {missing}\n"
                                       f"no longer in the code: {stale}")


@pytest.mark.parametrize("po", PO_FILES, ids=lambda path: path.parent.parent.name)
def test_every_marked_phrase_is_translated(po: Path) -> None:
    catalogue = entries(read_catalogue(po))
    problems: list[str] = []
    for key, where in MARKED.items():
        message = catalogue.get(key)
        if message is None:
            problems.append(f"{where}: not in the catalogue: {key[0]!r} (run: {FIX['update']})")
        elif message.fuzzy:
            problems.append(f"{where}: fuzzy (a guess by pybabel update: check it, then remove '#, fuzzy'): "
                            f"{key[0]!r}")
        elif not all(form.strip() for form in forms(message)):
            problems.append(f"{where}: no translation: {key[0]!r}")
    assert not problems, "\n".join(problems)


def forms(message: Message) -> tuple[str, ...]:
    """A translation's forms: one, or one per plural form."""
    return (message.string,) if isinstance(message.string, str) else tuple(message.string)


@pytest.mark.parametrize("po", PO_FILES, ids=lambda path: path.parent.parent.name)
def test_each_translation_keeps_its_placeholders(po: Path) -> None:
    problems: list[str] = []
    for key, message in entries(read_catalogue(po)).items():
        english = (key[0],) if isinstance(key[0], str) else key[0]
        for index, form in enumerate(forms(message)):
            if not form:
                continue
            source = english[min(index, len(english) - 1)]
            if Counter(PLACEHOLDER.findall(form)) != Counter(PLACEHOLDER.findall(source)):
                problems.append(f"{source!r} has {PLACEHOLDER.findall(source)}, its translation {form!r} has "
                                f"{PLACEHOLDER.findall(form)}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("po", PO_FILES, ids=lambda path: path.parent.parent.name)
def test_no_obsolete_entries(po: Path) -> None:
    catalogue = read_catalogue(po)
    obsolete = [repr(message.id) for message in catalogue.obsolete.values()]
    unused = [repr(key[0]) for key in entries(catalogue) if key not in MARKED]
    assert not obsolete and not unused, (f"run: {FIX['update']}\nobsolete (#~): {obsolete}\n"
                                         f"no longer in the code: {unused}")


@pytest.mark.parametrize("po", PO_FILES, ids=lambda path: path.parent.parent.name)
def test_the_committed_mo_is_the_po_compiled(po: Path) -> None:
    compiled = io.BytesIO()
    write_mo(compiled, read_catalogue(po))
    assert po.with_suffix(".mo").read_bytes() == compiled.getvalue(), f"run: {FIX['compile']}"


def test_there_is_a_spanish_catalogue() -> None:
    assert [path.parent.parent.name for path in PO_FILES] == ["es"]


def test_the_placeholder_check_can_fail() -> None:
    """A translation that loses "{count}" is a difference (so the check above is not empty)."""
    assert Counter(PLACEHOLDER.findall("{count} places found")) != Counter(PLACEHOLDER.findall("lugares"))
    assert PLACEHOLDER.findall("Saved %s as %(path)s, {} and {count}") == ["%s", "%(path)s", "{}", "{count}"]
