"""Cells, erases and cursor moves: the small pieces the screen model writes with.

Pure logic with no Textual import.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from itertools import groupby
from operator import itemgetter
from typing import NamedTuple, cast

from tui.output.sgr import Sgr, blank_key, change_style

__all__ = ["ECH_FROM", "EL", "EL_FROM", "Caps", "Cell", "cells_in", "changed_cells", "commonest_blank", "cup",
           "ech_starts", "erased_looks", "first_index", "only_near", "relative", "rewrite_gap", "same", "visible",
           "wordy", "write_cells"]

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
    lines: bool = False
    """IL and DL, insert and delete lines, are there: rows that moved are moved, not sent again
    (tui/output/shift.py)."""


def same(a: Cell | None, b: Cell | None) -> bool:
    """True if the two cells look the same (two blanks look the same if their backgrounds do)."""
    if a is None or b is None:
        return False
    return a == b or (a[0] == " " == b[0] and blank_key(a[1]) == blank_key(b[1]))


def changed_cells(line: list[Cell | None], have: list[Cell | None]) -> list[bool]:
    """For each cell of `line`, True if it is known and not `same` as the terminal's in `have`
    (written out inline: this runs for every cell of every row sent)."""
    return [cell is not None and cell != old and not (old is not None and cell[0] == " " == old[0]
                                                      and blank_key(cell[1]) == blank_key(old[1]))
            for cell, old in zip(line, have, strict=True)]


def rewrite_gap(cells: list[Cell | None], style: Sgr | None, start: int, end: int) -> str | None:
    """The `cells` from `start` to `end` written again, if that needs no change from `style`."""
    if end - start > 4 or style is None:
        return None
    text = []
    for cell in cells[start:end]:
        if cell is None:
            return None
        if cell[1] != style and not (cell[0] == " " and blank_key(cell[1]) == blank_key(style)):
            return None
        text.append(cell[0])
    return "".join(text)


def commonest_blank(lines: Iterable[list[Cell | None]], erased_look: Callable[[Cell], object | None]) -> Sgr | None:
    """The style of the commonest blank an erase gives (`erased_look`) in a whole screen of
    `lines`, to start its full repaint with ED 2; None if a cell is left alone (not to be erased)
    or none is such a blank."""
    blanks: Counter[Sgr] = Counter()
    for line in lines:
        for cell in line:
            if cell is None:
                return None
            if erased_look(cell) is not None:
                blanks[cell[1]] += 1
    return blanks.most_common(1)[0][0] if blanks else None


def erased_looks(line: list[Cell | None], erased_look: Callable[[Cell], object | None]) -> list[object | None]:
    """`erased_look` of each blank of `line` (None for the rest), worked out once per style: a row
    has a few styles and many blanks."""
    by_style = _LooksByStyle(erased_look)
    return [None if cell is None or cell[0] != " " else by_style[cell[1]] for cell in line]


class _LooksByStyle(dict[Sgr, object | None]):
    """A blank's erased look by its style, each worked out when first asked for."""

    def __init__(self, erased_look: Callable[[Cell], object | None]) -> None:
        super().__init__()
        self.erased_look = erased_look

    def __missing__(self, style: Sgr) -> object | None:
        look = self[style] = self.erased_look((" ", style))
        return look


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


def add_whole_item(wanted: dict[int, list[Cell | None]], cells: list[list[Cell | None]], rows: list[int],
                   forced: set[int]) -> None:
    """When one row of the focused item (`rows`) changed, send all its rows whole: a screen reader
    hears what is sent, and a ticked item whose first row alone changed was heard cut there."""
    if len(rows) > 1 and any(n in wanted and wanted[n] != cells[n] for n in rows):  # a real change
        for n in rows:
            if any(c is not None for c in wanted.get(n, cells[n])):
                wanted.setdefault(n, cells[n][:])
                forced.add(n)


def ech_starts(looks: list[object | None], changed: list[bool]) -> tuple[list[bool], list[int]]:
    """Where an ECH may start (a run of one erasable blank with a changed cell at least
    ECH_FROM cells on, the run's own cell included), and where each such run ends."""
    columns = len(looks)
    starts = [False] * columns
    run_end = [0] * columns
    start = 0
    for look, run in groupby(looks):
        end = start + len(list(run))
        if look is not None and end - start >= ECH_FROM and True in changed[start:end]:
            last_change = end - 1 - changed[start:end][::-1].index(True)
            stop = last_change - ECH_FROM + 2
            if stop > start:
                starts[start:stop] = [True] * (stop - start)
                run_end[start:stop] = [end] * (stop - start)
        start = end
    return starts, run_end


def write_cells(out: list[str], line: list[Cell | None], current: Sgr | None) -> Sgr | None:
    """Write `line`'s cells (all known) from the terminal's style `current`, each in its style (a
    blank needs only the right background); returns the style the terminal is left in."""
    for style, run in groupby(cast("list[Cell]", line), key=itemgetter(1)):
        chars = "".join(map(itemgetter(0), run))
        if style == current:
            out.append(chars)
            continue
        blanks = 0
        if current is not None and blank_key(current) == blank_key(style):
            blanks = len(chars) - len(chars.lstrip(" "))  # blanks that look the same already
            if blanks:
                out.append(chars[:blanks])
            if blanks == len(chars):
                continue
        out.append(change_style(current, style))
        current = style
        out.append(chars[blanks:])
    return current


def first_index(flags: list[bool], value: bool, start: int, stop: int) -> int:
    """The first index from `start` below `stop` where `flags` holds `value`, else `stop`."""
    try:
        return flags.index(value, start, stop)
    except ValueError:
        return stop


def only_near(changed: list[bool], col: int) -> bool:
    """True if the cell at `col` changed and no cell further than one from it did."""
    return (0 <= col < len(changed) and changed[col] and True not in changed[:max(col - 1, 0)]
            and True not in changed[col + 2:])


class _CellsIn(dict[str, Cell]):
    """Each character's cell in one style, made once: a frame writes thousands of cells in a few
    styles, and one tuple each was most of what it left for the cycle collector to look over."""

    def __init__(self, style: Sgr) -> None:
        super().__init__()
        self.style = style

    def __missing__(self, char: str) -> Cell:
        cell = self[char] = (char, self.style)
        return cell


_CELLS: dict[Sgr, _CellsIn] = {}
CELL_STYLES_AT_MOST = 256
"""Styles whose cells `_CELLS` keeps at most (then it starts again)."""


def cells_in(style: Sgr) -> dict[str, Cell]:
    """Each character's cell in `style`, made when first asked for."""
    cells = _CELLS.get(style)
    if cells is None:
        if len(_CELLS) >= CELL_STYLES_AT_MOST:
            _CELLS.clear()
        cells = _CELLS[style] = _CellsIn(style)
    return cells


def shortest_move(here: tuple[int | None, int | None], to: tuple[int, int], line: list[Cell | None],
                  style: Sgr | None) -> str:
    """The fewest bytes that take the cursor from `here` (row, column; None where not known) to
    `to` on a row showing `line` in `style` (the screen model's `_move`)."""
    (here_row, here_col), (row, col) = here, to
    choices = [cup(row, col)]
    if here_row is not None and here_col is not None:
        if here_row == row:
            if col > here_col:
                choices.append(relative(col - here_col, "C"))
                gap = rewrite_gap(line, style, here_col, col)
                if gap is not None and (here_col or gap.strip()):  # a row started with a blank:
                    choices.append(gap)  # tdsr says "space" for it after the Space key
            else:
                choices.append("\r" + (relative(col, "C") if col else ""))
                choices.append(relative(here_col - col, "D"))
        elif here_col == col:
            choices.append(relative(row - here_row, "B") if row > here_row else relative(here_row - row, "A"))
    return min(choices, key=len)
