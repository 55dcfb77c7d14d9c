"""Rows that moved up or down, moved by the terminal itself (insert and delete line), not sent again.

A console screen reader speaks every row that is drawn. When a message takes a row above the key
bar, or a list scrolls to keep its highlight in view, most rows of the screen show what the rows
next to them showed: drawn again, they were all said again (the option chosen in Settings heard
twice; the checklist's result read again after saving). Moved with IL and DL, no row is drawn,
and only the rows that are really new are sent.

Pure logic with no Textual import.
"""

from __future__ import annotations

from tui.output.cells import Cell, cup
from tui.output.sgr import DEFAULT, Sgr, change_style

__all__ = ["MOVED_AT_LEAST", "shift_rows"]

MOVED_AT_LEAST = 2
"""Rows with words that must move together (and not be the same where they are) for a move to be
worth it: one row is as cheap to send as to move, and as quick to hear."""

Row = list[Cell | None]
Key = tuple[Cell | None, ...]


class _Words(dict[int, Key]):
    """What each row of `rows` says, for matching rows, worked out when first asked: its letters in
    their places and styles, not its blanks (a scroll bar's thumb moves with the scroll; blanks
    that differ are sent as marks alone). A row not fully known says nothing that matches."""

    def __init__(self, rows: list[Row], texts: list[str]) -> None:
        super().__init__()
        self.rows, self.texts = rows, texts
        """The rows, and their characters (`_text`): rows whose characters differ never match."""

    def __missing__(self, number: int) -> Key:
        row = self.rows[number]
        words: Key = tuple(None if cell is not None and cell[0] == " " else cell for cell in row)
        if None in row:
            words = (("\0", DEFAULT), *words)  # (no row of the screen starts so)
        self[number] = words
        return words


def _text(row: Row) -> str:
    """A row's characters, to find rows that may be the same cheaply."""
    try:
        return "".join([cell[0] for cell in row])  # type: ignore[index]  # None: below
    except TypeError:
        return "".join([cell[0] if cell is not None else "\0" for cell in row])


def _best_run(new: _Words, old: _Words, by: int, changed: set[int]) -> tuple[int, int, int]:
    """The longest run of rows `r` whose new words are the old words of row `r + by`: (gain,
    first, last), gain being how many rows in it change and have words."""
    best = (0, 0, -1)
    first, gain = None, 0
    rows = len(new.rows)
    for row in range(max(0, -by), min(rows, rows - by) + 1):
        if row < min(rows, rows - by) and new.texts[row] == old.texts[row + by] and new[row] == old[row + by]:
            if first is None:
                first, gain = row, 0
            gain += row in changed and bool(new.texts[row].strip(" \0"))
            continue
        if first is not None and gain > best[0]:
            best = (gain, first, row - 1)
        first = None
    return best


def shift_rows(wanted: dict[int, Row], cells: list[Row], held: frozenset[int],
               style: Sgr | None) -> tuple[str, list[Row], int] | None:
    """The insert and delete lines that put rows the terminal shows (`cells`) where the frame
    (`wanted`) has them, the cells after them (the rows moved in blank, in the default colours)
    and how far up they moved (down: less than 0); `wanted` then holds every row still to send.
    None when no block of rows moved by the same amount is worth it. `held` rows (a message's rows
    not to be sent yet) stay put."""
    rows = len(cells)
    changed = {number for number in wanted if wanted[number] != cells[number]}
    texts = {number: _text(wanted[number]) for number in changed}
    texts = {number: text for number, text in texts.items() if text.strip(" \0")}
    if len(texts) <= MOVED_AT_LEAST:  # most keys: a highlight moved (two rows), a letter typed
        return None
    where: dict[str, list[int]] = {}
    old_texts = [_text(row) for row in cells]
    for number, text in enumerate(old_texts):
        where.setdefault(text, []).append(number)
    # Only the amounts some changed row with words moved by (its new text is another's old).
    amounts = {was - number for number, text in texts.items() for was in where.get(text, ()) if was != number}
    if not amounts:
        return None
    new = [wanted.get(number, cells[number]) for number in range(rows)]
    new_words = _Words(new, [texts.get(number) or _text(row) for number, row in enumerate(new)])
    old_words = _Words(cells, old_texts)
    best = (0, 0, -1, 0)
    for by in sorted(amounts, key=abs):
        gain, first, last = _best_run(new_words, old_words, by, changed)
        span = range(min(first, first + by), max(last, last + by) + 1)
        if gain > best[0] and not held.intersection(span):
            best = (gain, first, last, by)
    gain, first, last, by = best
    if gain < MOVED_AT_LEAST:
        return None
    blank: Row = [(" ", DEFAULT)] * len(cells[0])
    out = [change_style(style, DEFAULT) if style != DEFAULT else ""]
    moved = list(cells)
    if by > 0:  # up: rows first..last show what rows first+by..last+by showed
        out.append(f"{cup(first, 0)}\x1b[{by}M")
        moved = moved[:first] + moved[first + by:] + [blank[:] for _ in range(by)]
        if last + by < rows - 1:  # the rows under the block go back where they were
            out.append(f"{cup(last + 1, 0)}\x1b[{by}L")
            moved = moved[:last + 1] + [blank[:] for _ in range(by)] + moved[last + 1:rows - by]
    else:  # down
        down = -by
        if last < rows - 1:  # the rows under the block stay where they are
            out.append(f"{cup(last - down + 1, 0)}\x1b[{down}M")
            moved = moved[:last - down + 1] + moved[last + 1:] + [blank[:] for _ in range(down)]
        out.append(f"{cup(first - down, 0)}\x1b[{down}L")
        moved = moved[:first - down] + [blank[:] for _ in range(down)] + moved[first - down:rows - down]
    # Rows the moves left showing something else (moved in blank, or moved though the frame did not
    # change them) are sent as any other.
    wanted.update({number: new[number][:] for number in range(rows) if new[number] != moved[number]})
    return "".join(out), moved, by
