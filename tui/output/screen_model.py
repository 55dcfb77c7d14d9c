"""A model of what the terminal shows, so a repaint sends only the cells that change.

Textual repaints whole lines, and often whole widgets, when a little of them changed: ticking one
box repaints the list and the result under it. Over a slow link those unchanged cells are most
of the bytes. `ScreenModel` keeps the character and style of every cell as the terminal has them,
reads what Textual writes as the screen it wants, and writes only the difference, with the
shortest cursor moves and style changes, and erases (EL, ECH, ED) where blanks would cost more.
It is the way curses has always drawn; here it sits under Textual's own output.

A console screen reader speaks what is drawn, so the difference is sent for listening: a row whose
words change goes out whole from a line feed (never a few letters, never run on from another row);
a message's rows, the headings and the focused item's rows go first; focus moved is always spoken;
rows that only moved are moved by the terminal (tui/output/shift.py), not drawn and said again.

It only rewrites what it fully understands: narrow text, styles, absolute moves, CR and LF, and
sequences that touch no cell (cursor visibility, mouse and paste modes, queries, titles). A write
with anything else (a wide character, the alternate screen, an erase, a hyperlink...) is passed on
unchanged and the model forgets the screen, so the next repaint is sent in full. So does a change
of size, and `forget` (the redraw key, and the resize signal). A write that ends inside an escape
sequence has that part held back for the next. A mode that changes what writing does (insert,
a scrolling region, origin mode) turns the model off until a full reset.

Each write starts with an absolute move and a complete style: another program (a message from the
system) may have moved the cursor or changed the style since the last. Pure logic, no Textual.
"""

from __future__ import annotations

from collections.abc import Sequence

from tui.output import cells
from tui.output.cells import EL, EL_FROM, Caps, Cell, cup, visible, wordy
from tui.output.sgr import DEFAULT, Sgr, apply_sgr, blank_key, change_style, erase_safe
from tui.output.shift import shift_rows
from tui.output.tokens import Token, changes_writing, keeps_style, narrow_width, tokens

__all__ = ["EL", "Caps", "Cell", "ScreenModel"]

ROW_ZERO_LINE_END = "\n\x1b[A"
"""Sent before row 0's text (no row above it): a line feed and back up, which ends for a console
reader whatever it had not yet said as a line."""

class ScreenModel:
    """The terminal's cells, cursor and style, as far as what was written to it tells."""

    def __init__(self, caps: Caps) -> None:
        self.caps = caps
        """What erases the terminal has."""
        self.size: tuple[int, int] = (0, 0)
        """(columns, rows) the cells are for."""
        self.cells: list[list[Cell | None]] = []
        """Each row's cells as the terminal shows them; None where not known."""
        self.row: int | None = None
        """The terminal cursor's row (None: not known)."""
        self.col: int | None = None
        """Its column; equal to the width after the last column is written (a pending wrap)."""
        self.style: Sgr | None = None
        """The style the terminal is in (None: not known)."""
        self.stream_style: Sgr | None = DEFAULT
        """The style the incoming stream has set: what its next text is written in. At the start,
        the default: Textual (through Rich) writes every piece of text as if after a reset."""
        self.blank = True
        """True when no cell is known (after `forget`): a full repaint may start by erasing all."""
        self.held = ""
        """The start of an escape sequence that a write ended in the middle of: held back and put
        before the next write, so the whole sequence is read at once."""
        self.quiet = False  # True while rewriting a write that neither draws nor moves the cursor
        self.heading_rows = 0
        """Rows at the top sent before the focus row (the owner sets them: the guide's emergency
        line and title), so a new screen is heard title first."""
        self.focus_row: int | None = None
        """The row the cursor ends on in the write being rewritten: sent before the other rows."""
        self.focus_col: int | None = None
        """The column it ends on."""
        self.resend_focus = False
        """Set when focus moves: the next write that draws sends the cursor's row again, whole."""
        self.focus_extent = 1
        """Rows the focused item takes from the cursor's row (set by the owner): sent together."""
        self.first_rows: range = range(0)
        """A message's rows (set by the owner): sent before all others, as the news of the key."""
        self.resend_first = False
        """Set by the owner: `first_rows` go out again, whole (a message given again)."""
        self.forced_rows: set[int] = set()
        """The rows being sent again for `resend_focus`, until they are sent."""
        self.held_rows: frozenset[int] = frozenset()
        """Rows not to send in this write (set by the owner): a message's that goes within moments,
        rows under a dialog. What they should show is `deferred`: once no longer held, sent with the
        next write, unless that one or the write that let them go draws them (a dialog that took a
        dialog's place drew its last rows a write later, and a row of the screen below was said)."""
        self.deferred, self.released = dict[int, list[Cell | None]](), set[int]()
        self.off = False
        """True after a mode that changes what writing does (insert, a scrolling region...): from
        then on every write goes out unchanged, until a full reset (RIS)."""

    def forget(self) -> None:
        """Know nothing of the screen: the next repaint goes out in full."""
        columns, rows = self.size
        self.cells = [[None] * columns for _ in range(rows)]
        self.row = self.col = None
        self.style = None
        self.blank = True
        self.deferred, self.released = {}, set()

    def rewrite(self, stream: str, size: tuple[int, int] | None) -> str:
        """What to send instead of `stream` for the terminal of `size` (columns, rows) to show the
        same screen with the cursor in the same place."""
        stream, self.held = self.held + stream, ""
        pieces = tokens(stream)
        if pieces and pieces[-1].kind == "cut":
            self.held = pieces.pop().raw
            stream = stream[:len(stream) - len(self.held)]
        if size is None or size[0] < 1 or size[1] < 1:
            self.size = (0, 0)
            return self._pass_on(stream, pieces)
        if size != self.size:
            self.size = size
            self.forget()
        came_from = self.focus_from = self.focus_row  # the row the cursor was on before this write
        if self.off or not self._understood(pieces):
            self.focus_row = None
            return self._pass_on(stream, pieces)
        if self.focus_row != came_from:
            self.resend_focus = True  # the cursor moved to another row: say it, changed or not
        # Between two writes another program may have moved the cursor or changed the style (a
        # message from the system): the first move is absolute and the first style complete.
        row, col = self.row, self.col
        self.quiet = all(token.kind == "harmless" for token in pieces)
        if not self.quiet:
            self.row = self.col = None
            self.style = None
        return self._redraw(pieces, row, col)

    def flush_released(self) -> str:
        """What sends the rows let go that no write has drawn since, the cursor put back: for when
        the app writes nothing more (rows held under a message that went were never sent)."""
        if self.off or self.row is None or self.col is None:
            return ""
        late, out = {n: self.deferred.pop(n) for n in list(self.deferred) if n not in self.held_rows}, list[str]()
        if late:
            self.quiet, self.released = False, set()
            self._send(out, late, self.row, self.col)
        return "".join(out)

    # -- reading the stream ---------------------------------------------------------------------

    def _pass_on(self, stream: str, pieces: Sequence[Token]) -> str:
        """Send `stream` as it is, after putting the terminal in the stream's style; then forget."""
        prefix = change_style(self.style, self.stream_style) if self.stream_style is not None else ""
        style = self.stream_style
        for token in pieces:
            if token.kind == "sgr":
                style = apply_sgr(style, token.params)
            elif token.kind == "other":
                if not keeps_style(token.raw):
                    style = None  # a reset, a restored cursor...: the style may have changed
                if changes_writing(token.raw):
                    self.off = True
                elif token.raw == "\x1bc":  # a full reset: every mode back to its default
                    self.off = False
        self.forget()
        self.stream_style = self.style = style
        return prefix + stream

    def _understood(self, pieces: Sequence[Token]) -> bool:
        """True if every piece can be modelled and the cursor ends in a known place."""
        columns, rows = self.size
        row, col, style = self.row, self.col, self.stream_style
        for token in pieces:
            kind = token.kind
            if kind == "text":
                width = narrow_width(token.raw)
                if width is None or row is None or col is None or style is None or col + width > columns:
                    return False
                col += width
            elif kind == "sgr":
                style = apply_sgr(style, token.params)
            elif kind == "cup":
                row, col = min(token.row, rows - 1), min(token.col, columns - 1)
            elif kind == "cr":
                col = 0
            elif kind == "lf":
                if row is None or row + 1 >= rows:
                    return False  # the screen would scroll
                # The pty may or may not add a CR: the column is unknown until the next move.
                row, col = row + 1, None
            elif kind != "harmless" or row is None or col is None:
                return False  # not understood, or a query (of the cursor, say) from an unknown place
        # The stream's style must stay known: the next write may rely on it.
        self.focus_row, self.focus_col = row, col
        return row is not None and col is not None and col < columns and style is not None

    def _redraw(self, pieces: Sequence[Token], row: int | None, col: int | None) -> str:
        """Play the stream onto a copy of the cells, from the cursor at (`row`, `col`), sending the
        difference before each harmless sequence and at the end."""
        out: list[str] = []
        wanted: dict[int, list[Cell | None]] = {}
        style = self.stream_style
        if not self.quiet:  # rows sent again though unchanged: focus moved, a message said again
            again = [*(self._focus_rows() if self.resend_focus else []), *list(self.first_rows) * self.resend_first]
            self.resend_focus = self.resend_first = False
            self.forced_rows |= {n for n in again if any(c is not None for c in self.cells[n])}
        wanted.update({number: self.cells[number][:] for number in self.forced_rows})
        late = {n: self.deferred.pop(n) for n in list(self.deferred) if n not in self.held_rows and n in self.released}
        wanted.update(late)
        self.released = set(self.deferred) - self.held_rows
        # A row sent again, or held back before, waits while the write has text still to draw for the
        # stream to draw it: sent at a harmless sequence before, it said the last dialog's hint.
        last_text = max((n for n, token in enumerate(pieces) if token.kind == "text"), default=-1)
        drawn: set[int] = set()
        for index, token in enumerate(pieces):
            kind = token.kind
            if kind == "text":
                assert row is not None and col is not None and style is not None  # checked by _understood
                drawn.add(row)
                line = wanted.get(row)
                if line is None:
                    line = wanted[row] = self.deferred.pop(row) if row in self.deferred else self.cells[row][:]
                text = token.raw
                cell_of = cells.cells_in(style)
                line[col:col + len(text)] = [cell_of[char] for char in text]
                col += len(text)
            elif kind == "sgr":
                style = apply_sgr(style, token.params)
            elif kind == "cup":
                row, col = min(token.row, self.size[1] - 1), min(token.col, self.size[0] - 1)
            elif kind == "cr":
                col = 0
            elif kind == "lf":
                row, col = (row or 0) + 1, None
            else:  # harmless: keep its place in the order of things
                later = (self.forced_rows | late.keys()) - drawn if index < last_text else set()
                waiting = {n: wanted.pop(n) for n in later if n in wanted}
                self._send(out, wanted, row, col)
                wanted.update(waiting)
                out.append(token.raw)
        self._send(out, wanted, row, col)
        self.stream_style = style
        return "".join(out)

    # -- writing the difference -----------------------------------------------------------------

    def _send(self, out: list[str], wanted: dict[int, list[Cell | None]], row: int | None, col: int | None) -> None:
        """Send what differs in the `wanted` lines, then put the cursor at (`row`, `col`)."""
        if wanted:
            if self.caps.lines and (moved := shift_rows(wanted, self.cells, self.held_rows, self.style)):
                # Rows that moved, moved by the terminal (shift.py): not said again, nor a focus moved with them.
                out.append(moved[0])
                self.cells, self.style, self.row, self.col = moved[1], DEFAULT, None, None
                if self.focus_from == (self.focus_row or 0) + moved[2]:
                    self.forced_rows.difference_update(self._focus_rows())
            cells.add_whole_item(wanted, self.cells, self._focus_rows(), self.forced_rows)
            if self.blank and len(wanted) == self.size[1]:
                self._erase_all(out, wanted)
            for number in self._order(wanted):
                if number in self.held_rows:
                    self.deferred[number] = wanted[number]  # the terminal keeps what it shows
                    continue
                self._send_line(out, number, wanted[number], whole=number in self.forced_rows)
                self.forced_rows.discard(number)
                self.cells[number] = wanted[number]
            wanted.clear()
            self.blank = False
        if row is None or col is None:
            return
        if self.quiet:
            # A write of modes and queries only (Textual sends the start and end of synchronized
            # output on their own): the cursor has not moved, and no move need be sent.
            self.row, self.col = row, col
            return
        self._move(out, row, col)

    def _focus_rows(self) -> list[int]:  # the focused item's rows, the cursor's first
        row = self.focus_row
        return [] if row is None else list(range(row, min(self.size[1], row + max(1, self.focus_extent))))

    def _order(self, wanted: dict[int, list[Cell | None]]) -> list[int]:
        """Rows as a reader should hear them: a message's, headings, the focused item's, the rest."""
        first = [n for n in self.first_rows if n in wanted]
        first += [n for n in (*range(self.heading_rows), *self._focus_rows()) if n in wanted and n not in first]
        return first + sorted(set(wanted) - set(first))

    def _erase_all(self, out: list[str], wanted: dict[int, list[Cell | None]]) -> None:
        """Start a full repaint with ED 2 in the commonest blank, if every cell is painted."""
        style = cells.commonest_blank(wanted.values(), self._erased_look)
        if style is not None:
            self._set_style(out, style)
            out.append("\x1b[2J")
            self.cells = [[(" ", style)] * self.size[0] for _ in range(self.size[1])]

    def _erased_look(self, cell: Cell | None) -> object | None:
        """How `cell` looks (its `blank_key`) if an erase gives it (a blank showing only a background:
        any under BCE, else the default), else None."""
        if cell is None or cell[0] != " ":
            return None
        style = cell[1]
        if not erase_safe(style) or not (self.caps.bce or not style.bg):
            return None
        return blank_key(style)

    def _erase_style(self, out: list[str], cell: Cell) -> None:
        """Put the terminal in a style whose erase gives `cell` (the cell's background), without BCE
        too: many terminals whose terminfo lacks ``bce`` (tmux, kitty...) erase with it anyway."""
        current = self.style
        if current is None or not erase_safe(current) or current.bg != cell[1].bg:
            self._set_style(out, cell[1])

    def _send_line(self, out: list[str], row: int, line: list[Cell | None], whole: bool = False) -> None:
        """Send the row `row` as `line` where it differs from the terminal's (in one pass).

        A row whose words change goes out whole, from a line start, as a reader must hear it (a
        console screen reader speaks what is drawn, per line): never a few changed letters, never
        run on from the row before. A row where only blanks or marks change (a scroll bar) sends
        only those cells. `whole`: send it whole even if nothing in it changed."""
        have = self.cells[row]
        if line == have and not whole:
            return
        columns = len(line)
        changed = cells.changed_cells(line, have)
        if not any(changed) and not whole:
            return
        if (not whole and row == self.focus_row and self.focus_col is not None
                and cells.only_near(changed, self.focus_col)):
            # A letter typed or rubbed out where the cursor is: only it (and the caret) go out, as a
            # terminal's own echo, which a reader says as the letter typed, not as the line again.
            pass
        elif whole or any(change and (wordy(new) or wordy(old))
                          for change, new, old in zip(changed, line, have, strict=True)):
            self._line_start(out, row)
            text = [x for x, cell in enumerate(line) if cell is not None and cell[0] != " "]  # visible, inline
            if text:  # every cell from the first mark to the last, whether it changed or not
                changed[text[0]:text[-1] + 1] = [cell is not None for cell in line[text[0]:text[-1] + 1]]
            if not any(changed):
                return
        elif any(changed[x] and visible(line[x]) for x in range(columns)):
            self._line_start(out, row)  # a mark of its own, not one more letter of the row before
        last = columns - 1 - changed[::-1].index(True)
        looks = cells.erased_looks(line, self._erased_look)
        ech_at, run_end = cells.ech_starts(looks, changed) if self.caps.ech else (None, [])
        # The line's blank tail: from there to the edge, one erasable blank.
        tail = columns
        while tail > 0 and looks[tail - 1] is not None and looks[tail - 1] == looks[-1]:
            tail -= 1
        el_until = last - EL_FROM + 1  # an erase to the end of the line may start from `tail` to here
        x = changed.index(True)
        while x <= last:
            if not changed[x]:  # unchanged, or not known: skip to the next changed cell
                x = changed.index(True, x, last + 1)
            cell = line[x]
            assert cell is not None  # a changed cell is a known one
            if tail <= x <= el_until:
                self._move(out, row, x)
                self._erase_style(out, cell)
                out.append(EL)
                have[x:] = line[x:]
                return
            if ech_at is not None and ech_at[x]:
                self._move(out, row, x)
                self._erase_style(out, cell)
                out.append(f"\x1b[{run_end[x] - x}X")
                have[x:run_end[x]] = line[x:run_end[x]]
                x = run_end[x]
                continue
            self._move(out, row, x)
            # The cells from here, up to one unchanged or unknown, or where an erase would start,
            # written run by run of one style (this runs for every row sent: a cell at a time
            # was most of the screen model's time on a frame of new rows).
            end = cells.first_index(changed, False, x + 1, last + 1)
            if x < el_until and tail <= el_until:
                end = min(end, max(tail, x + 1))
            if ech_at is not None:
                end = cells.first_index(ech_at, True, x + 1, end)
            self.style = cells.write_cells(out, line[x:end], self.style)
            have[x:end] = line[x:end]
            self.col = x = end

    def _line_start(self, out: list[str], row: int) -> None:
        """Put the cursor at the start of `row` with a line feed from the row above (a console reader
        ends a line only on one); for row 0, `ROW_ZERO_LINE_END` (tdsr glued a row to the next)."""
        if row == 0:
            self._move(out, 0, 0)
            if self.size[1] > 1:  # on a one-row window the line feed would scroll
                out.append(ROW_ZERO_LINE_END)
            return
        if self.row == row - 1 and self.col is not None:
            out.append("\r\n")
        else:
            out.append(cup(row - 1, 0) + "\n")
        self.row, self.col = row, 0

    def _set_style(self, out: list[str], style: Sgr) -> None:
        out.append(change_style(self.style, style))
        self.style = style

    def _move(self, out: list[str], row: int, col: int) -> None:
        """Put the cursor at (`row`, `col`) in the fewest bytes."""
        if self.row == row and self.col == col:
            return
        here = (self.row, self.col) if self.col is None or self.col < self.size[0] else (None, None)
        out.append(cells.shortest_move(here, (row, col), self.cells[row], self.style))
        self.row, self.col = row, col
