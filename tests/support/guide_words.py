"""The words a listener may hear from the guide, to check that each word a screen reader said is whole.

Taken from the guide's own text, not from the screen: the content files (sections, checklist,
everything in the guide's folder) and the text of its program (the string literals of `tui/`:
its messages, labels and key names; not its comments, docstrings or names), and for a guide in
another language the words catalogue's translations of them (`catalogue_text`). A fragment that
a message drew over the text ("sweClear", "ive") was on the screen, so the screen cannot be the
judge; it is in none of these. Words are letters of any alphabet ("músculo" is one word, never
"m" and "sculo"), digits and apostrophes.
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
WORD = re.compile(r"(?:[^\W_]|')+")
"""Letters (accented ones too), digits and apostrophes: on English text, `[A-Za-z0-9']+`."""
CATALOGUES = PROGRAM / "locale"
"""The words catalogues: `<language>/LC_MESSAGES/spasm-guide.po`."""


def words(text: str) -> list[str]:
    """The words of `text`: letters, digits and apostrophes (as tests.support.screen_reader splits them)."""
    return WORD.findall(text)


def catalogue_text(language: str) -> str:
    """Every translation in the words catalogue of `language` ("es"), one a line ("" if it has none)."""
    from babel.messages.pofile import read_po

    path = CATALOGUES / language / "LC_MESSAGES" / "spasm-guide.po"
    if not path.exists():
        return ""
    with path.open("rb") as handle:
        catalog = read_po(handle)
    lines: list[str] = []
    for message in catalog:
        strings = message.string if isinstance(message.string, (list, tuple)) else (message.string,)
        lines += [text for text in strings if text]
    return "\n".join(lines)


def literal_text(source: str) -> list[str]:
    """The strings of Python `source` the program can show or say: its string constants and the
    fixed parts of its f-strings, less docstrings and other strings standing alone as a statement
    (they explain the code; one may quote a fragment, as "emerge" and "ncy" are quoted)."""
    tree = ast.parse(source)
    alone = {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Expr)}
    return [node.value for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in alone]


def guide_words(also: Iterable[str] = (), folder: Path | None = None) -> set[str]:
    """Every word of the guide's content files (the bundled guide's, or those in `folder`) and of
    its program's string literals, in lower case, with the words of each text in `also` (what the
    test typed, a private folder's path, a words catalogue)."""
    guide_folder = folder or load_guide().folder
    chunks = [path.read_text(encoding="utf-8", errors="replace") for path in guide_folder.rglob("*")
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
