"""A house rule: no logic in tui/ reads English words to decide anything.

Words are for people: they get reworded, translated, or come from a library that may change
them. A decision made by looking at them (a notice's severity from `startswith("Could not")`,
a count cut out of a message with `.split(". Press")`, content refused unless it starts with
"SELF-CARE:") breaks silently when the words change. The data says what it means instead: a
notice has a kind (tui/data/notices.py), content has a field.

The rule, an ast walk over every module of tui/: a string that holds English words (two words
in a row, a capitalised word, or a word in capitals inside more than a name) may not be
- compared (==, !=, in, not in, or a `case` pattern),
- or given to a str method that tests or cuts text (startswith, endswith, split, partition,
  find, index, count, removeprefix, ...),
whether it is written there, in an f-string's fixed part, or in a constant named there (one
defined in the same module, or imported from another tui module).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark: list[pytest.MarkDecorator] = []
"""Pure and fast: part of the fast set."""

TUI = ROOT / "tui"

TEXT_METHODS = frozenset({
    "startswith", "endswith", "split", "rsplit", "partition", "rpartition", "removeprefix", "removesuffix",
    "find", "rfind", "index", "rindex", "count",
})
"""str methods that test text or cut it at a given string."""

TWO_WORDS = re.compile(r"[A-Za-z]{2,}[^\sA-Za-z]*\s+[^\sA-Za-z]*[A-Za-z]{2,}")
"""Two words in a row ("Could not", "unrecognized arguments")."""

CAPITALISED = re.compile(r"(?<![A-Za-z])[A-Z][a-z]+")
"""A word with a capital first letter ("Press")."""

CAPITALS = re.compile(r"[A-Z]{2,}")
"""A word in capitals ("SELF-CARE:"); alone it may be a name ("FILE", "TEXTUAL_")."""

NAME = re.compile(r"[A-Za-z0-9_]+")
"""A name, not words: an environment variable, a metavar."""

ALLOWED: dict[tuple[str, str], str] = {
    ("tui/output/tokens.py", "Hf"): "the final bytes of a cursor-position escape sequence, not a word",
    ("tui/output/early_paint.py", "spasm-guide start frame 1"): "a cache file's format mark, not words",
    ("tui/data/safe_read.py", " (at line "): "tomllib gives the line of a mistake only in its message "
                                             "(Python 3.11 has no attribute for it); its words are kept",
    # Not fixed yet: the speech worker reports a missing player as a string, and the client
    # compares it. The fix is a kind on the protocol's Error event (tui/speech/protocol.py).
    ("tui/speech/audio.py", "no audio player found (pw-play, paplay or aplay)"): "not fixed yet (see above)",
}
"""(module path, text) -> why that comparison is allowed. The checklist's notices, the prompts'
search count, cramp-now's headline, the hosted commands' list and the command line's unknown
words each read English before and were changed to use data instead."""


def is_english(text: str) -> bool:
    """True when `text` holds words meant for people rather than a name or a mark."""
    return bool(TWO_WORDS.search(text) or CAPITALISED.search(text)
                or (CAPITALS.search(text) and not NAME.fullmatch(text)))


def string_constants(tree: ast.Module) -> dict[str, str]:
    """Every name assigned a string (or an f-string's fixed part) anywhere in the module."""
    found: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            text = literal_text(node.value, {})
            if text is not None:
                found.update((t.id, text) for t in targets if isinstance(t, ast.Name))
    return found


def literal_text(node: ast.expr, names: dict[str, str]) -> str | None:
    """The fixed text of an expression (a string, an f-string, strings joined, a constant by
    name, a phrase in `N_()` or `_()`), or None if it holds none."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(part.value for part in node.values
                       if isinstance(part, ast.Constant) and isinstance(part.value, str))
    if isinstance(node, ast.Name):
        return names.get(node.id)
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("N_", "_")
            and len(node.args) == 1):
        # A phrase marked for the words layer (tui/data/words.py) is English text all the same.
        return literal_text(node.args[0], names)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        parts = [literal_text(node.left, names), literal_text(node.right, names)]
        return "".join(p for p in parts if p is not None) if any(p is not None for p in parts) else None
    return None


def literal_texts(node: ast.expr, names: dict[str, str]) -> list[str]:
    """The fixed texts of an expression: each element of a tuple, list or set on its own."""
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return [text for element in node.elts for text in literal_texts(element, names)]
    text = literal_text(node, names)
    return [] if text is None else [text]


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def all_constants(root: Path) -> dict[str, dict[str, str]]:
    """Each module's string constants, by module name."""
    return {module_name(path): string_constants(ast.parse(path.read_text(encoding="utf-8")))
            for path in sorted(root.rglob("*.py"))}


def names_in(tree: ast.Module, own: dict[str, str], others: dict[str, dict[str, str]]) -> dict[str, str]:
    """The module's own string constants, and those it imports by name from other tui modules."""
    names = dict(own)
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module in others:
            for alias in node.names:
                if alias.name in others[node.module]:
                    names[alias.asname or alias.name] = others[node.module][alias.name]
    return names


def english_logic(source: str, others: dict[str, dict[str, str]] | None = None) -> list[tuple[int, str]]:
    """(line, text) for each place the source compares English text or cuts text at it."""
    tree = ast.parse(source)
    names = names_in(tree, string_constants(tree), others or {})
    found: list[tuple[int, str]] = []

    def check(node: ast.expr, line: int) -> None:
        found.extend((line, text) for text in literal_texts(node, names) if is_english(text))

    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in TEXT_METHODS:
            for argument in node.args:
                check(argument, node.lineno)
        elif isinstance(node, ast.Compare) and any(isinstance(op, ast.Eq | ast.NotEq | ast.In | ast.NotIn)
                                                   for op in node.ops):
            for operand in (node.left, *node.comparators):
                check(operand, node.lineno)
        elif isinstance(node, ast.MatchValue):
            check(node.value, node.value.lineno)
    return found


def test_no_logic_in_tui_reads_english_words() -> None:
    others = all_constants(TUI)
    every = [(path.relative_to(ROOT).as_posix(), line, text) for path in sorted(TUI.rglob("*.py"))
             for line, text in english_logic(path.read_text(encoding="utf-8"), others)]
    found = [f"{path}:{line}: {text!r}" for path, line, text in every if (path, text) not in ALLOWED]
    stale = set(ALLOWED) - {(path, text) for path, _, text in every}
    assert not stale, f"allowed cases no longer in the code (take them out of ALLOWED): {sorted(stale)}"
    assert not found, ("logic that reads English words (give the data a kind or a field instead):\n"
                       + "\n".join(found))


PLANTED = '''
from tui.data.checklist_session import OTHER_WINDOW_TEXT
EASED_LABEL = "SELF-CARE:"

def severity(message: str) -> str:
    return "warning" if message.startswith("Could not") else "information"

def count(message: str) -> str:
    return message.split(". Press")[0]

def eased(headline: str) -> bool:
    return headline.startswith(EASED_LABEL)

def other(message: str) -> bool:
    return message == OTHER_WINDOW_TEXT or f"Could not save {message}" in message

def answer(message: str) -> int:
    match message:
        case "Yes please":
            return 1
    return 0
'''
"""The three cases issue 19 names, and the next ones: an imported constant, an f-string, a match."""


def test_the_rule_finds_each_planted_case() -> None:
    others = {"tui.data.checklist_session": {"OTHER_WINDOW_TEXT": "Your checklist was changed in another window."}}
    found = english_logic(PLANTED, others)
    assert sorted(text for _, text in found) == sorted([
        "Could not", ". Press", "SELF-CARE:", "Your checklist was changed in another window.", "Could not save ",
        "Yes please",
    ])


@pytest.mark.parametrize("source", [
    'name.endswith(".md")',
    'argv[0].startswith("--hosted=")',
    'stripped.startswith("# ")',
    'metavar.startswith("FILE")',
    'name.startswith("TEXTUAL_")',
    'answer.lower().startswith("q")',
    'binding.action.split("(")[0] == "help"',
    'headline.startswith(f"{label}:")',
    'notice == OTHER_WINDOW',
])
def test_the_rule_leaves_names_marks_and_data_alone(source: str) -> None:
    assert english_logic(source) == []
