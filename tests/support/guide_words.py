"""The words a listener may hear from the guide, to check that each word a screen reader said is whole.

Taken from the guide's own text, not from the screen: the content files (sections, checklist,
everything in the guide's folder) and the text of its program (the string literals of `tui/`:
its messages, labels and key names; not its comments, docstrings or names). A fragment that a
message drew over the text ("sweClear", "ive") was on the screen, so the screen cannot be the
judge; it is in none of these.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable
from pathlib import Path

from tui.data.content import load_guide

PROGRAM = Path(__file__).resolve().parents[2] / "tui"
"""The guide's program, whose string literals are its own words."""
TEXT_FILES = (".toml", ".md", ".txt")
WORD = re.compile(r"[A-Za-z0-9']+")


def words(text: str) -> list[str]:
    """The words of `text`: letters, digits and apostrophes (as tests.support.screen_reader splits them)."""
    return WORD.findall(text)


def literal_text(source: str) -> list[str]:
    """The strings of Python `source` the program can show or say: its string constants and the
    fixed parts of its f-strings, less docstrings and other strings standing alone as a statement
    (they explain the code; one may quote a fragment, as "emerge" and "ncy" are quoted)."""
    tree = ast.parse(source)
    alone = {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Expr)}
    return [node.value for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in alone]


def guide_words(also: Iterable[str] = ()) -> set[str]:
    """Every word of the guide's content files and of its program's string literals, in lower case,
    with the words of each text in `also` (what the test typed, a private folder's path)."""
    chunks = [path.read_text(encoding="utf-8", errors="replace") for path in load_guide().folder.rglob("*")
              if path.suffix in TEXT_FILES]
    for path in PROGRAM.rglob("*.py"):
        chunks += literal_text(path.read_text(encoding="utf-8", errors="replace"))
    chunks += list(also)
    return {word.lower() for chunk in chunks for word in words(chunk)}


def not_whole(said: Iterable[str], known: set[str]) -> list[str]:
    """The words of the lines `said` that are not words of the guide (a word with a digit is a
    number, a key or a date, and is not judged)."""
    return [word for line in said for word in words(line)
            if word.lower() not in known and not any(ch.isdigit() for ch in word)]


def in_order(wanted: list[str], heard: list[str]) -> list[str]:
    """The words of `wanted` not found, in order, in `heard` (empty when all were)."""
    position = 0
    for index, word in enumerate(wanted):
        try:
            position = heard.index(word, position) + 1
        except ValueError:
            return wanted[index:]
    return []
