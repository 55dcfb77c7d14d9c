"""A house rule: every phrase a reader is shown goes through the words layer (tui/data/words.py).

A phrase left as a string literal in code is English for every reader, whatever language they
chose, and a translator cannot reach it without editing code. The rule, an ast walk over every
module of tui/: a string literal (or an f-string's fixed part) that reads as an English phrase
(two words of letters in a row; one capitalised word, alone or starting a sentence; or a word
labelling what follows, as "selected: ...") must be
inside `_()`, `N_()`, `ngettext()` or `pgettext()`.

Not phrases, so not looked at: docstrings and other bare strings (attribute docstrings), text
for a programmer (an exception a reader never sees: KeyError, ValueError ...; the debug log's
steps), CSS (DEFAULT_CSS) and text holding an escape byte. --help's texts (help=, description=) are
phrases like any other: --help and the manual page are in the reader's language too. File
names, ids and key names hold no space and no capitalised word, so they are never taken for
phrases. Anything else is an allowed exception in ALLOWED, with its reason.

The rule is reported per folder: a folder in NOT_YET is expected to fail (its phrases are being
moved), and is strict, so the day it passes the mark must come off.
"""

from __future__ import annotations

import ast
import re
import textwrap
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark: list[pytest.MarkDecorator] = []
"""Pure and fast: part of the fast set."""

TUI = ROOT / "tui"

WORD_CALLS = frozenset({"_", "N_", "ngettext", "pgettext"})
"""The words layer's functions: a phrase inside one of them is in the catalogue."""

PROGRAMMER_ERRORS = frozenset({
    "KeyError", "ValueError", "TypeError", "RuntimeError", "AssertionError", "NotImplementedError",
    "LookupError", "IndexError", "AttributeError", "ProtocolError",
})
"""Exceptions that mean a mistake in the code (or in the speech worker's protocol): their words are
for a programmer, never shown."""

NOT_SHOWN_CALLS: dict[str, str] = {
    "step": "the debug log's steps (tui/debug_log.py), for a developer's bug report",
    "note_in_log": "the speech log, for a developer",
    "TypeVar": "a type's name", "NewType": "a type's name", "cast": "a type's name",
    "ContentError": "a mistake in a guide's files, for the guide's author, naming the TOML keys and Markdown "
                    "that content/FORMAT.md describes in English",
    "LimitError": "a mistake in the host's sshd SetEnv, for the host's administrator (as the manual page)",
    "TomlProblem": "why a file could not be read, said beside tomllib's own English message for the same file",
    "RefusedFile": "the same, for a file that is not a regular one (its OSError's strerror is Python's English)",
}
"""Calls whose text is not a reader's phrase, and why."""

NAME_KEYWORDS = frozenset({"classes", "id", "name"})
"""A widget's CSS classes, id and name ("title tight"): names, not words."""

CSS_NAMES = frozenset({"DEFAULT_CSS", "CSS", "__all__"})
"""Textual's style sheets (rules, not words), and a module's list of names."""

FOLDERS = ("tui/data", "tui/plain", "tui/speech", "tui/output", "tui", "tui/fullscreen")
"""The folders the rule is reported for ("tui": its top-level modules only)."""

NOT_YET: dict[str, str] = {}
"""Folders still expected to fail, and why. Strict: one that passes must come off this list."""

ALLOWED_MODULES: dict[str, str] = {
    "tui/completion.py": "shell completion scripts: shell code, and comments for whoever reads the script",
    "tui/debug_log.py": "the debug log's lines, for a developer's bug report (what the reader is told is in _())",
    "tui/speech/worker.py": "the speech worker process: its reports go to the speech log and back to the "
                            "interface, which says them in the reader's words (tui/speech/audio.py)",
    "tui/speech/engine.py": "the speech engine inside the worker process: the same",
    "tui/speech/protocol.py": "the speech worker's protocol: its errors (ProtocolError) are for a programmer",
    "tui/fullscreen/textual_private.py": "Textual's private names and what each is used for: for a programmer, "
                                         "and in the canary's failure message",
}
"""Modules whose strings are not a reader's phrases, and why."""

ALLOWED_TABLES: dict[tuple[str, str], str] = {
    ("tui/speech/audio.py", "SERVER_DOWN_SIGNS"): "words a sound player writes, looked for in its output",
    ("tui/data/sentences.py", "SPOKEN_WORDS"): "how a voice says an abbreviation of the guide's own text, in that "
                                               "text's language (the guide's, not the interface's)",
    ("tui/fullscreen/themes.py", "CONTRAST_PAIRS"): "what each colour pair is for, in the contrast test's "
                                                    "failure message (for a theme's author)",
    ("tui/data/language_choice.py", "LANGUAGE_NAMES"): "each language's name in its own words, the same in every "
                                                       "language (a reader finds their own)",
    ("tui/hosted.py", "WITH_NO_TERMINAL"): "the hosted commands' own names, typed as they are in every language",
}
"""(module, name assigned) -> why the strings of that table are not phrases."""

ALLOWED: dict[tuple[str, str], str] = {
    ("tui/output/early_paint.py", "spasm-guide start frame 1"): "a cache file's format mark, not words",
    ("tui/data/safe_read.py", " (at line "): "cuts tomllib's message to find the line (Python 3.11 has no "
                                             "attribute for it)",
    ("tui/data/safe_read.py", "a FIFO"): "a file's kind beside Python's own English strerror (see TomlProblem)",
    ("tui/data/safe_read.py", "not a regular file"): "the same",
    ("tui/data/summary.py", "source article"): "the checklist's value for an item whose source is the guide's own "
                                               "article: compared, never shown",
    ("tui/fullscreen/dialogs/remote_speech.py", " pactl load-module"): "a command, typed as it is in every "
                                                                       "language",
    ("tui/fullscreen/dialogs/remote_speech.py", " pactl unload-module"): "the same",
    ("tui/hosted.py", "Linux"): "a system's name, the same in every language",
    ("tui/host_limits.py", "a whole number from 1"): "part of a LimitError's message (the host's administrator)",
    ("tui/host_limits.py", "a number of minutes above 0"): "the same",
    ("tui/command_facts.py", "SPASM_GUIDE_MAX_READERS, "): "environment variables' names, the same in every "
                                                             "language",
    ("tui/command_facts.py", "SPASM_GUIDE_IDLE_WARN_MINUTES, "): "the same",
    ("tui/command_facts.py", "LANGUAGE, LC_ALL, "): "the same",
    ("tui/command_facts.py", "XDG_CONFIG_HOME, "): "the same",
    ("tui/command_facts.py", "spasm-guide --lang es"): "a command, typed as it is in every language",
    ("tui/command_facts.py", "spasm-guide --completion bash"): "the same",
    ("tui/manpage.py", ".TH SPASM\\-GUIDE 1"): "roff's title line: the command's name and version (its "
                                                "section's name is looked up)",
}
"""(module path, start of the text) -> why that phrase may stay a literal."""

TWO_WORDS = re.compile(r"[^\W\d_]{2,}[,;:]?\s+[^\W\d_]{2,}")
"""Two words in a row ("Could not", "Type a number": "a" is too short, "Type number" is not)."""

ONE_WORD = re.compile(r"[A-Z][a-z]+[.:?!]?")
"""One capitalised word alone ("Help", "Goodbye.", "Sections")."""

CAPITALISED_SENTENCE = re.compile(r"(?<![\w./-])[A-Z][a-z]+[^\n]*[.?!:]\s*$")
"""A capitalised word that a sentence stop ends ("Saved {}." with the rest a placeholder)."""


LABEL = re.compile(r"^[^\W\d_]{3,}: ")
"""A word that labels what follows ("selected: {}", "unselected: {}")."""


IN_F_STRING = "a phrase marked inside an f-string, which the extractor never sees: "
"""How the rule names a `_("...")` written inside an f-string's braces."""

F_STRING_MARKED = "an f-string marked as a phrase, which no catalogue can have: "
"""How the rule names `_(f"...")`: the values must be placeholders filled after the lookup."""


def reads_as_phrase(text: str) -> bool:
    """True when `text` reads as words for a person, rather than a name, a path or a mark."""
    if "\x1b" in text or not text.strip():
        return False
    stripped = text.strip()
    return bool(TWO_WORDS.search(text) or ONE_WORD.fullmatch(stripped) or CAPITALISED_SENTENCE.search(stripped)
                or LABEL.match(stripped))


def call_name(node: ast.Call) -> str:
    """The called function's last name: `_` for `_()`, `step` for `debug.step()`."""
    if isinstance(node.func, ast.Name):
        return node.func.id
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    return ""


def fixed_text(node: ast.JoinedStr) -> str:
    """An f-string's fixed parts, each placeholder as "{}"."""
    return "".join(part.value if isinstance(part, ast.Constant) and isinstance(part.value, str) else "{}"
                   for part in node.values)


class PhraseFinder(ast.NodeVisitor):
    """Collects (line, text) of every phrase left as a literal, skipping what is not a phrase."""

    def __init__(self, module: str = "") -> None:
        self.module = module
        self.found: list[tuple[int, str]] = []

    def skipped(self, name: str) -> bool:
        """A name whose value is never a phrase: CSS, `__all__`, or a table in ALLOWED_TABLES."""
        return name in CSS_NAMES or (self.module, name) in ALLOWED_TABLES

    def visit_Expr(self, node: ast.Expr) -> None:
        if isinstance(node.value, ast.Constant | ast.JoinedStr):
            return  # a docstring (of a module, class, function or attribute): never shown
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        name = call_name(node)
        if name in WORD_CALLS and any(isinstance(arg, ast.JoinedStr) for arg in node.args):
            # _(f"...") is looked up with the values in it: no catalogue has that phrase.
            self.found.append((node.lineno, f"{F_STRING_MARKED}{ast.unparse(node)}"))
        if name in WORD_CALLS or name in PROGRAMMER_ERRORS or name in NOT_SHOWN_CALLS:
            return
        if not (name == "split" and isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Constant)):
            self.visit(node.func)  # ("dr mr mrs".split(): a list of tokens, not a phrase)
        for argument in node.args:
            self.visit(argument)
        for keyword in node.keywords:
            if keyword.arg not in NAME_KEYWORDS:
                self.visit(keyword.value)

    def visit_Assign(self, node: ast.Assign) -> None:
        if any(isinstance(t, ast.Name) and self.skipped(t.id) for t in node.targets):
            return
        self.generic_visit(node)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        if isinstance(node.target, ast.Name) and self.skipped(node.target.id):
            return
        if node.value is not None:
            self.visit(node.value)  # not the annotation: a quoted type is a name

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        for statement in node.body:  # not the annotations or the decorators' type names
            self.visit(statement)
        for default in (*node.args.defaults, *node.args.kw_defaults):
            if default is not None:
                self.visit(default)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Compare(self, node: ast.Compare) -> None:
        return  # a comparison is logic (tests/test_no_english_logic.py), never shown

    def visit_Constant(self, node: ast.Constant) -> None:
        if isinstance(node.value, str) and reads_as_phrase(node.value):
            self.found.append((node.lineno, node.value))

    def visit_JoinedStr(self, node: ast.JoinedStr) -> None:
        text = fixed_text(node)
        if reads_as_phrase(text):
            self.found.append((node.lineno, text))
        for part in node.values:
            if isinstance(part, ast.FormattedValue):
                for inner in ast.walk(part.value):
                    if (isinstance(inner, ast.Call) and call_name(inner) in WORD_CALLS
                            and any(isinstance(arg, ast.Constant) for arg in inner.args)):
                        # Babel's extractor does not look inside an f-string: the phrase would
                        # never reach the catalogue, and would stay English for every reader.
                        self.found.append((inner.lineno, f"{IN_F_STRING}{ast.unparse(inner)}"))
                self.visit(part.value)


def phrases_in_source(source: str, module: str = "") -> list[tuple[int, str]]:
    """Every phrase left as a literal in one module's source (its path, for ALLOWED_TABLES): (line, text)."""
    finder = PhraseFinder(module)
    finder.visit(ast.parse(source))
    return finder.found


def is_allowed(module: str, text: str) -> bool:
    """The phrase is in ALLOWED for this module."""
    return module in ALLOWED_MODULES or any(module == path and text.startswith(start) for path, start in ALLOWED)


def modules_of(folder: str) -> list[Path]:
    """The modules of a folder (for "tui", its top-level modules only; for the others, every module
    under them)."""
    base = ROOT / folder
    found = base.glob("*.py") if folder == "tui" else base.rglob("*.py")
    return sorted(found)


def left_as_literals(folder: str) -> list[str]:
    """Every phrase under `folder` that is left as a literal and not allowed, as "path:line: text"."""
    problems: list[str] = []
    for path in modules_of(folder):
        module = path.relative_to(ROOT).as_posix()
        for line, text in phrases_in_source(path.read_text(encoding="utf-8"), module):
            if not is_allowed(module, text):
                problems.append(f"{module}:{line}: {text[:70]!r}")
    return problems


@pytest.mark.parametrize("folder", [
    pytest.param(folder, marks=pytest.mark.xfail(reason=NOT_YET[folder], strict=True)) if folder in NOT_YET
    else folder for folder in FOLDERS])
def test_no_phrase_is_left_as_a_literal(folder: str) -> None:
    problems = left_as_literals(folder)
    assert not problems, (f"{len(problems)} phrases under {folder} are not in the words layer: put each "
                          "in _() where it is shown (N_() in a table made at import time):\n"
                          + "\n".join(problems))


def test_every_folder_of_tui_is_reported() -> None:
    """A new folder under tui/ with code is covered by one of FOLDERS, so nothing escapes the rule."""
    covered = {ROOT / folder for folder in FOLDERS}
    folders = {path.parent for path in TUI.rglob("*.py")}
    assert all(any(folder == c or (c in folder.parents and c != TUI) for c in covered) for folder in folders)


def test_every_allowed_phrase_is_still_there() -> None:
    """An exception whose phrase, table or module is gone (moved, reworded) comes off its table."""
    for module, start in ALLOWED:
        found = phrases_in_source((ROOT / module).read_text(encoding="utf-8"), module)
        assert any(text.startswith(start) for _line, text in found), (module, start)
    for module, name in ALLOWED_TABLES:
        assert re.search(rf"^{name}\b.*=", (ROOT / module).read_text(encoding="utf-8"), re.M), (module, name)
    for module in ALLOWED_MODULES:
        assert phrases_in_source((ROOT / module).read_text(encoding="utf-8")), module


LOOKUPS = frozenset({"_", "ngettext", "pgettext"})
"""The words layer's calls that look a phrase up in the language shown now."""


def lookups_at_import(source: str) -> list[int]:
    """Lines where a module looks a phrase up while it is imported (outside any function): that
    phrase is fixed in the language of the moment, and stays so when the reader changes language."""
    found: list[int] = []

    def walk(node: ast.AST) -> None:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            for default in (*node.args.defaults, *node.args.kw_defaults):
                if default is not None:
                    walk(default)  # a default is made at import time
            return
        if isinstance(node, ast.Call) and call_name(node) in LOOKUPS:
            found.append(node.lineno)
        for child in ast.iter_child_nodes(node):
            walk(child)

    walk(ast.parse(source))
    return found


def test_no_phrase_is_looked_up_at_import() -> None:
    """`N_()` in a table made at import time, `_()` where the phrase is shown (tui/data/words.py)."""
    found = [f"{path.relative_to(ROOT).as_posix()}:{line}" for path in sorted(TUI.rglob("*.py"))
             for line in lookups_at_import(path.read_text(encoding="utf-8"))]
    assert not found, f"phrases looked up at import (mark them N_() and show them through _()): {found}"


def test_a_lookup_at_import_is_found() -> None:
    source = textwrap.dedent('''
        from tui.data.words import N_, _
        TITLE = _("Check your symptoms")
        MENU = (N_("Help"), N_("Quit"))
        class Screen:
            NAME = _("Help")
            def title(self, shown: str = _("Help")) -> str:
                return _(TITLE)
    ''')
    assert lookups_at_import(source) == [3, 6, 7]


PLANTED = textwrap.dedent('''
    """A module's docstring: Never shown."""
    from tui.data.words import N_, _, ngettext

    TITLE = N_("Check your symptoms")
    """An attribute's docstring, also never shown."""
    DEFAULT_CSS = """Screen { height: 1fr; }"""

    def show(count: int, path: str) -> list[str]:
        """Say what happened."""
        if count < 0:
            raise ValueError(f"count must not be negative, not {count}")
        return [
            _("Saved the summary."),
            ngettext("{count} place found", "{count} places found", count).format(count=count),
            "checklist.toml", "app.search", "question_mark,f1", "\\x1b[1mBold\\x1b[0m", "utf-8",
            "Goodbye.",
            f"Saved the summary as {path}",
            "Type a number, 0 to quit:",
            f"- {_('(nothing)')}",
            _(f"Saved {path}"),
        ]
''')
"""A module with three phrases left as literals, one marked where the extractor cannot see it and
one marked with its value in it, among things that are not phrases."""


def test_the_rule_finds_planted_phrases_and_only_those() -> None:
    found = [text for _line, text in phrases_in_source(PLANTED)]
    assert found == ["Goodbye.", "Saved the summary as {}", "Type a number, 0 to quit:",
                     f"{IN_F_STRING}_('(nothing)')", f"{F_STRING_MARKED}_(f'Saved {{path}}')"]


@pytest.mark.parametrize("text", ["Help", "Sections", "Nothing is selected.", "Saved {}.", "Next is {}, {}.",
                                  "selected: {}", "(Now: {}. Enter keeps it, a dash clears it.)"])
def test_a_phrase_reads_as_a_phrase(text: str) -> None:
    assert reads_as_phrase(text)


@pytest.mark.parametrize("text", ["checklist.toml", "app.search", "question_mark,f1", "NO_COLOR", "utf-8", "es-419",
                                  "{}. {}", "- {}", "", "  ", "--plain", "\x1b[1m{}\x1b[0m", "%H:%M", "ESC",
                                  "spasm-guide", "ctrl+q", "[ ] {}"])
def test_a_name_or_mark_is_not_a_phrase(text: str) -> None:
    assert not reads_as_phrase(text)
