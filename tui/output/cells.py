"""Cells, erases and cursor moves: the small pieces the screen model writes with.

Pure logic with no Textual import.
"""

from __future__ import annotations

from typing import NamedTuple

from tui.output.sgr import Sgr, blank_key

__all__ = ["ECH_FROM", "EL", "EL_FROM", "Caps", "Cell", "cup", "relative", "same", "visible", "wordy"]

Cell = tuple[str, Sgr]
"""One narrow character and its style."""

EL = "\x1b[K"
"""Erase to the end of the line."""
EL_FROM = 4
"""Erase the rest of a line when at least this many of its cells, to the last changed one, change."""
ECH_FROM = 10
"""Erase a run of blanks inside a line (ECH, then a move) when at least this many cells change."""


class Caps(NamedTuple):
    """What the terminal can do, from its terminfo entry."""

    bce: bool = False
    """Erased cells take the current background (else the default one)."""
    ech: bool = False
    """ECH, erase n characters, is there."""


def same(a: Cell | None, b: Cell | None) -> bool:
    """True if the two cells look the same (two blanks look the same if their backgrounds do)."""
    if a is None or b is None:
        return False
    return a == b or (a[0] == " " == b[0] and blank_key(a[1]) == blank_key(b[1]))


def wordy(cell: Cell | None) -> bool:
    """True if the cell holds part of a word (a letter or a digit)."""
    return cell is not None and cell[0].isalnum()


def visible(cell: Cell | None) -> bool:
    """True if the cell shows a mark (anything but a blank)."""
    return cell is not None and cell[0] != " "


def cup(row: int, col: int) -> str:
    """An absolute move to (`row`, `col`), counted from 0, in the fewest bytes."""
    if col == 0:
        return "\x1b[H" if row == 0 else f"\x1b[{row + 1}H"
    return f"\x1b[{row + 1};{col + 1}H"


def relative(count: int, final: str) -> str:
    """A relative move of `count` cells (`final`: A up, B down, C right, D left)."""
    return f"\x1b[{final}" if count == 1 else f"\x1b[{count}{final}"
