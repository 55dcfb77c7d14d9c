"""The screen model's rewrite as it was before its rows were written run by run rather than cell
by cell (tui/output/screen_model.py), with the tokenizer it used: kept only to check that the new
one sends the same bytes and keeps the same cells for the same frames
(tests/test_screen_model_before_after.py).

Pure logic with no Textual import.
"""

from __future__ import annotations

from collections.abc import Sequence

from tui.output import cells
from tui.output.cells import ECH_FROM, EL, EL_FROM, Cell, visible, wordy
from tui.output.screen_model import ScreenModel
from tui.output.sgr import apply_sgr, blank_key, change_style
from tui.output.tokens import _CUP, _HARMLESS_STRING, _SGR_PARAMS, _TOKEN, Token, _harmless_csi

__all__ = ["ScreenModelBefore", "tokens_before"]


def tokens_before(stream: str) -> list[Token]:
    """`stream` cut into tokens, match by match."""
    found: list[Token] = []
    append = found.append
    pos = 0
    while pos < len(stream):
        match = _TOKEN.match(stream, pos)
        if match is None:  # an escape sequence broken by the next ESC, or cut short by the end
            after = stream.find("\x1b", pos + 1)
            if after < 0:
                append(Token("cut", stream[pos:]))
                break
            append(Token("other", stream[pos:after]))
            pos = after
            continue
        raw = match.group()
        pos = match.end()
        kind = match.lastgroup
        if kind == "text":
            append(Token("text", raw))
        elif kind == "csi":  # the last group closed: "final" is inside it
            params, inter, final = match.group("params", "inter", "final")
            if inter and not (final == "p" and inter == "$"):
                append(Token("other", raw))
            elif final == "m" and _SGR_PARAMS.fullmatch(params):
                append(Token("sgr", raw, params))
            elif final in "Hf" and (cup := _CUP.fullmatch(params)) is not None:
                row, col = (int(g) if g else 1 for g in cup.groups(""))
                append(Token("cup", raw, row=max(row, 1) - 1, col=max(col, 1) - 1))
            else:
                harmless = _harmless_csi(params + inter, final)
                append(Token("harmless" if harmless else "other", raw))
        elif kind == "osc":  # a title or clipboard is harmless; a hyperlink (OSC 8) marks cells
            append(Token("other" if raw.startswith("\x1b]8;") else "harmless", raw))
        elif kind == "string":
            append(Token("harmless" if _HARMLESS_STRING.fullmatch(raw) else "other", raw))
        elif raw == "\n":
            append(Token("lf", raw))
        elif raw == "\r":
            append(Token("cr", raw))
        elif raw in ("\x07", "\x1b=", "\x1b>"):  # BEL, keypad modes
            append(Token("harmless", raw))
        else:
            append(Token("other", raw))
    return found


class ScreenModelBefore(ScreenModel):
    """ScreenModel with its rewrite, redraw and row writing as they were, cell by cell."""

    def rewrite(self, stream: str, size: tuple[int, int] | None) -> str:
        """What to send instead of `stream` for the terminal of `size` (columns, rows) to show the
        same screen with the cursor in the same place."""
        stream, self.held = self.held + stream, ""
        pieces = tokens_before(stream)
        if pieces and pieces[-1].kind == "cut":
            self.held = pieces.pop().raw
            stream = stream[:len(stream) - len(self.held)]
        if size is None or size[0] < 1 or size[1] < 1:
            self.size = (0, 0)
            return self._pass_on(stream, pieces)
        if size != self.size:
            self.size = size
            self.forget()
        came_from = self.focus_row
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
        # A row sent again though unchanged (focus moved to it, a message given again) waits, while
        # the write has text still to draw, for the stream to draw it: sent at a harmless sequence
        # before that (a pointer shape at a frame's start) it went out as it was, and a reader
        # heard the last dialog's hint before the new dialog's title.
        last_text = max((n for n, token in enumerate(pieces) if token.kind == "text"), default=-1)
        drawn: set[int] = set()
        for index, token in enumerate(pieces):
            kind = token.kind
            if kind == "text":
                assert row is not None and col is not None and style is not None  # checked by _understood
                drawn.add(row)
                line = wanted.get(row)
                if line is None:
                    line = wanted[row] = self.cells[row][:]
                text = token.raw
                line[col:col + len(text)] = [(char, style) for char in text]
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
                later = self.forced_rows - drawn if index < last_text else set()
                waiting = {n: wanted.pop(n) for n in later if n in wanted}
                self._send(out, wanted, row, col)
                wanted.update(waiting)
                out.append(token.raw)
        self._send(out, wanted, row, col)
        self.stream_style = style
        return "".join(out)

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
        typed = [x for x in range(columns) if changed[x]]
        if (not whole and row == self.focus_row and self.focus_col is not None
                and self.focus_col in typed and typed[0] >= self.focus_col - 1 and typed[-1] <= self.focus_col + 1):
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
        # For each cell, from the right: where its run of one erasable blank ends, and the last
        # changed cell in that run (-1 if none), so that every choice below is O(1).
        looks = cells.erased_looks(line, self._erased_look)
        run_end = [0] * columns
        last_change = [-1] * columns
        for x in range(columns - 1, -1, -1):
            same_run = looks[x] is not None and x + 1 < columns and looks[x + 1] == looks[x]
            run_end[x] = run_end[x + 1] if same_run else x + 1
            later = last_change[x + 1] if same_run else -1
            last_change[x] = later if later >= 0 else (x if changed[x] else -1)
        # The line's blank tail: from there to the edge, one erasable blank.
        tail = columns
        while tail > 0 and looks[tail - 1] is not None and looks[tail - 1] == looks[-1]:
            tail -= 1
        x = changed.index(True)
        while x <= last:
            cell = line[x]
            if cell is None or not changed[x]:
                x += 1
                continue
            if x >= tail and last - x + 1 >= EL_FROM:
                self._move(out, row, x)
                self._erase_style(out, cell)
                out.append(EL)
                have[x:] = line[x:]
                return
            if self.caps.ech and looks[x] is not None and last_change[x] - x + 1 >= ECH_FROM:
                self._move(out, row, x)
                self._erase_style(out, cell)
                out.append(f"\x1b[{run_end[x] - x}X")
                have[x:run_end[x]] = line[x:run_end[x]]
                x = run_end[x]
                continue
            self._move(out, row, x)
            # The cells from here, each in its style (a blank needs only the right background), up
            # to one unchanged or unknown, or where an erase would start (one loop, no call per
            # cell: this runs for every cell of every row sent).
            current = self.style
            while True:
                char, style = cell
                if style != current and not (char == " " and current is not None
                                             and blank_key(current) == blank_key(style)):
                    out.append(change_style(current, style))
                    current = style
                out.append(char)
                have[x] = cell
                x += 1
                if x > last:
                    break
                cell = line[x]
                if (cell is None or not changed[x] or (x >= tail and last - x + 1 >= EL_FROM)
                        or (self.caps.ech and looks[x] is not None and last_change[x] - x + 1 >= ECH_FROM)):
                    break
            self.style = current
            self.col = x
