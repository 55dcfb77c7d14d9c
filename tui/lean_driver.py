"""A Linux driver that sends fewer bytes per repaint, for readers on slow SSH links.

Textual paints every cell of a changed line: a line whose right part is empty is sent as a run of
styled spaces, and every styled segment is sent as ``ESC[<style>m text ESC[0m`` even when the next
segment has the very same style. Over a slow link those bytes are most of a repaint.

`lean` rewrites one write()'s worth of output so that the terminal ends up with the same cells:

- a run of blanks at the end of what is written on a line becomes EL (``ESC[K``, erase to end of
  line) if it reaches the right edge of the screen, else ECH (``ESC[<n>X``, erase n characters,
  exactly the run's cells; Textual's lines mostly stop short of the edge, before a scroll bar or
  border painted separately). Both rely on background colour erase (BCE): the erased cells take
  the current background. It is done only when the cells would look the same: the style in force
  is known and shows nothing on a blank (no reverse, underline, strike-through or overline, no open
  hyperlink), the run's columns are known (only narrow characters since the last absolute cursor
  move, and the run does not pass the right edge), and the cursor is next moved absolutely (CUP,
  CR, or LF then CUP/CR), so leaving it at the start of the run instead of its end changes nothing;
- SGR (style) sequences are held back until something that depends on them is sent; if by then
  the style is what the terminal already has (typically ``ESC[0m`` followed by the same style
  again), nothing is sent, and otherwise one sequence that reaches the wanted state from the one in
  force (``ESC[0;<params>m`` when a reset is needed).

Anything it does not understand (other escape sequences, OSC, queries, control characters, a
sequence cut at the end of a write) is passed through unchanged, in order, and makes it forget the
cursor column (so no EL until the next absolute move). `use_lean_driver` says whether the terminal
has BCE (terminfo ``bce``) and the reader has not opted out with ``SPASM_GUIDE_PLAIN_DRIVER=1``.
"""

from __future__ import annotations

import contextlib
import os
import re
import unicodedata
from collections.abc import Mapping
from typing import Any, NamedTuple, cast

from rich.cells import get_character_cell_size
from textual.drivers.linux_driver import LinuxDriver

__all__ = ["OPT_OUT_ENV", "LeanDriver", "lean", "use_lean_driver"]

OPT_OUT_ENV = "SPASM_GUIDE_PLAIN_DRIVER"
"""Set to 1 to keep Textual's own driver."""

EL = "\x1b[K"
"""Erase in line, to its end: for blanks that reach the right edge."""


class Sgr(NamedTuple):
    """The rendition state that SGR sequences set (colours kept as their parameter text)."""

    bold: bool = False
    dim: bool = False
    italic: bool = False
    underline: str = ""
    """'' for none, else the parameter that set it ('4', '4:3', ...)."""
    blink: bool = False
    reverse: bool = False
    conceal: bool = False
    strike: bool = False
    overline: bool = False
    fg: str = ""
    bg: str = ""
    underline_colour: str = ""


DEFAULT = Sgr()

_ON = {1: "bold", 2: "dim", 3: "italic", 5: "blink", 6: "blink", 7: "reverse", 8: "conceal", 9: "strike",
       53: "overline"}
_OFF = {23: ("italic",), 25: ("blink",), 27: ("reverse",), 28: ("conceal",), 29: ("strike",),
        55: ("overline",), 22: ("bold", "dim")}
_COLOUR_FIELD = {38: "fg", 48: "bg", 58: "underline_colour"}


def _with(state: Sgr, *names: str, value: str | bool) -> Sgr:
    """`state` with the fields `names` set to `value`."""
    changed: Sgr = cast(Any, state)._replace(**dict.fromkeys(names, value))
    return changed


def _int(field: str) -> int | None:
    if field == "":
        return 0
    return int(field) if field.isdigit() else None


def apply_sgr(state: Sgr | None, params: str) -> Sgr | None:
    """The state after ``ESC[<params>m`` from `state`; None when unknown (before or after)."""
    fields = params.split(";")
    i = 0
    while i < len(fields):
        field = fields[i]
        i += 1
        if ":" in field:  # ISO 8613-6 sub-parameters: 4:3 (curly underline), 38:2::r:g:b
            head = field.split(":", 1)[0]
            if not all(part.isdigit() or part == "" for part in field.split(":")):
                return None
            if head in ("38", "48", "58"):
                if state is not None:
                    state = _with(state, _COLOUR_FIELD[int(head)], value=field)
                continue
            if head == "4":
                if state is not None:
                    state = state._replace(underline="" if field in ("4:0", "4:") else field)
                continue
            return None
        code = _int(field)
        if code is None:
            return None
        if code == 0:
            state = DEFAULT
            continue
        if code in (38, 48, 58):
            kind = _int(fields[i]) if i < len(fields) else None
            count = {5: 1, 2: 3}.get(kind) if kind is not None else None
            if count is None or i + 1 + count > len(fields):
                return None
            values = fields[i + 1:i + 1 + count]
            if not all(v.isdigit() for v in values):
                return None
            colour = ";".join([str(code), *fields[i:i + 1 + count]])
            i += 1 + count
            if state is not None:
                state = _with(state, _COLOUR_FIELD[code], value=colour)
            continue
        if state is None:
            continue  # still unknown; keep parsing so a later reset can make it known
        if code in _ON:
            state = _with(state, _ON[code], value=True)
        elif code in _OFF:
            state = _with(state, *_OFF[code], value=False)
        elif code == 4:
            state = state._replace(underline="4")
        elif code == 24:
            state = state._replace(underline="")
        elif 30 <= code <= 37 or 90 <= code <= 97:
            state = state._replace(fg=str(code))
        elif code == 39:
            state = state._replace(fg="")
        elif 40 <= code <= 47 or 100 <= code <= 107:
            state = state._replace(bg=str(code))
        elif code == 49:
            state = state._replace(bg="")
        elif code == 59:
            state = state._replace(underline_colour="")
        else:
            return None  # 21 (double underline or bold off), fonts, ...: not modelled
    return state


def _starts_with_reset(params: str) -> bool:
    return params.split(";", 1)[0] in ("", "0")


def _blank_safe(state: Sgr | None) -> bool:
    """True if EL in this state gives cells that look like spaces written in it (under BCE)."""
    return (state is not None and not state.reverse and not state.underline and not state.strike
            and not state.overline)


_TOKEN = re.compile(
    r"(?P<text>[^\x00-\x1f\x7f-\x9f]+)"
    r"|(?P<csi>\x1b\[(?P<params>[0-?]*)(?P<inter>[ -/]*)(?P<final>[@-~]))"
    r"|(?P<osc>\x1b\][^\x07\x1b]*(?:\x07|\x1b\\))"
    r"|(?P<string>\x1b[P_^X][^\x1b]*\x1b\\)"
    r"|(?P<esc>\x1b[ -/]*[0-~])"
    r"|(?P<other>[\x00-\x1f\x7f-\x9f])",
    re.DOTALL,
)
_CUP = re.compile(r"(\d*)(?:;(\d*))?")
_SGR_PARAMS = re.compile(r"[0-9;:]*")
_KEEPS_STYLE = re.compile(r"\x1b\[\?(?!(?:[\d;]*;)?(?:47|1047|1048|1049)(?:;|[hl]))[\d;]*[hl]|\x1b\[\?[\d;]*\$p"
                          r"|\x1b\[[\d;]*[ABCDEFGJKnc]|[\x07\x08\t]")
"""Sequences known to leave the style alone: private modes (not the ones that save the cursor),
mode queries, relative moves, erases, reports and queries, BEL, BS, TAB."""


def _narrow_width(text: str) -> int | None:
    """Cells `text` takes, or None if any character is not a plain single-cell one."""
    if text.isascii():
        return len(text)
    for char in text:
        if (get_character_cell_size(char) != 1 or unicodedata.east_asian_width(char) in ("W", "F")
                or unicodedata.combining(char) or ord(char) >= 0x1F000):
            return None
    return len(text)


class _Token(NamedTuple):
    kind: str
    """text, sgr, cup, lf, cr, osc or other."""
    raw: str
    params: str = ""
    row: int = 0
    col: int = 0


def _tokens(frame: str) -> list[_Token]:
    tokens: list[_Token] = []
    append = tokens.append
    pos = 0
    while pos < len(frame):
        match = _TOKEN.match(frame, pos)
        if match is None:  # a lone or cut escape sequence: pass the rest through untouched
            append(_Token("other", frame[pos:]))
            break
        raw = match.group()
        pos = match.end()
        kind = match.lastgroup
        if kind == "text":
            append(_Token("text", raw))
        elif match.group("csi") is not None:
            params, final = match.group("params"), match.group("final")
            if match.group("inter"):
                append(_Token("other", raw))
            elif final == "m" and _SGR_PARAMS.fullmatch(params):
                append(_Token("sgr", raw, params))
            elif final in "Hf" and (cup := _CUP.fullmatch(params)) is not None:
                row, col = (int(g) if g else 1 for g in cup.groups(""))
                append(_Token("cup", raw, row=max(row, 1) - 1, col=max(col, 1) - 1))
            else:
                append(_Token("other", raw))
        elif kind == "osc":
            append(_Token("osc", raw))
        elif raw == "\n":
            append(_Token("lf", raw))
        elif raw == "\r":
            append(_Token("cr", raw))
        else:
            append(_Token("other", raw))
    return tokens


def lean(frame: str, size: tuple[int, int] | None = None) -> str:
    """`frame` rewritten to send fewer bytes for the same screen (see the module docstring).

    `size` is the terminal's (columns, rows). Without it no blanks become EL (whether a run reaches
    the right edge is unknown) and style changes are not held across a line feed.
    The terminal's style before `frame` is taken as unknown, and it is left as `frame` leaves it.
    """
    width, height = size if size is not None else (None, None)
    tokens = _tokens(frame)
    out: list[str] = []
    emit = out.append

    term: Sgr | None = None  # the style the terminal has, given what we sent (None: unknown)
    want: Sgr | None = None  # the style the original stream has at this point
    pending: list[str] = []  # SGR parameter strings seen but not sent
    col: int | None = None
    row: int | None = None
    link_open = False
    held = 0  # trailing blanks not sent yet, all in style `term`

    def sync() -> None:
        """Send what is needed for the terminal to be in the style `want`."""
        nonlocal term
        if not pending:
            return
        if want is not None and want == term:
            pending.clear()
            return
        last_reset = max((n for n, p in enumerate(pending) if _starts_with_reset(p)), default=-1)
        if want is None or last_reset < 0:
            out.extend(f"\x1b[{p}m" for p in pending)
        else:
            tail = pending[last_reset:]
            if tail[0] in ("", "0"):
                rest = tail[1:]
                if not rest:
                    emit("\x1b[0m")
                elif term == DEFAULT:
                    out.extend(f"\x1b[{p}m" for p in rest)
                elif len(rest) == 1:
                    emit(f"\x1b[0;{rest[0]}m")
                else:
                    emit("\x1b[0m")
                    out.extend(f"\x1b[{p}m" for p in rest)
            else:
                out.extend(f"\x1b[{p}m" for p in tail)
        term = want
        pending.clear()

    def release(erase: bool) -> None:
        """Send the held blanks: as EL if `erase` and it looks the same, else as spaces."""
        nonlocal held
        if not held:
            return
        erase = (erase and width is not None and col is not None and col <= width and _blank_safe(term)
                 and not link_open)
        if erase and col == width and held > len(EL):
            emit(EL)
        elif erase and held > len(ech := f"\x1b[{held}X"):
            emit(ech)
        else:
            emit(" " * held)
        held = 0

    def moves_absolutely(index: int) -> bool:
        """True if, after token `index`, only SGRs come before a CUP or CR (an LF allowed first)."""
        seen_lf = False
        for token in tokens[index:]:
            if token.kind == "sgr":
                continue
            if token.kind == "lf" and not seen_lf:
                seen_lf = True
                continue
            return token.kind in ("cup", "cr")
        return False

    for index, token in enumerate(tokens):
        kind = token.kind
        if kind == "sgr":
            pending.append(token.params)
            want = apply_sgr(want, token.params)
        elif kind == "text":
            text = token.raw
            if pending and not (want is not None and want == term):
                release(False)
            sync()
            stripped = text.rstrip(" ")
            if stripped:
                release(False)
                emit(stripped)
            held += len(text) - len(stripped)
            if col is not None:
                cells = _narrow_width(stripped)
                col = None if cells is None else col + cells + len(text) - len(stripped)
        elif kind == "cup":
            release(True)
            emit(token.raw)
            row, col = token.row, token.col
        elif kind == "cr":
            release(True)
            emit(token.raw)
            col = 0
        elif kind == "lf":
            release(moves_absolutely(index + 1))
            if height is None or row is None or row + 1 >= height:
                sync()  # a line feed at the bottom scrolls, and the new line takes the background
            emit(token.raw)
            row = None if row is None else row + 1
            col = None
        else:
            release(False)
            sync()
            emit(token.raw)
            col = row = None
            if kind == "osc":
                if token.raw.startswith("\x1b]8;"):
                    body = token.raw[4:].removesuffix("\x07").removesuffix("\x1b\\")
                    link_open = body.partition(";")[2] != ""
            elif not _KEEPS_STYLE.fullmatch(token.raw):
                # RIS, DECSTR, DECRC, the alternate screen...: the style may have changed under us
                term = want = None
                link_open = link_open and not token.raw.startswith("\x1bc")
    release(False)
    sync()
    return "".join(out)


def use_lean_driver(env: Mapping[str, str]) -> bool:
    """True if TERM's terminfo entry has BCE (``bce``), EL and ECH (``el``, ``ech``), and the reader has
    not opted out with SPASM_GUIDE_PLAIN_DRIVER=1.

    Any failure (no TERM, TERM=dumb, no terminfo entry, no curses) means False. Note that CPython's
    ``curses.setupterm`` only takes effect the first time it is called in a process: call this once,
    at start-up, with the process's own environment.
    """
    if env.get(OPT_OUT_ENV, "").strip() not in ("", "0"):
        return False
    term = env.get("TERM", "")
    if not term or term == "dumb":
        return False
    try:
        import curses

        fd = os.open(os.devnull, os.O_WRONLY)
        try:
            curses.setupterm(term, fd)
            return bool(curses.tigetflag("bce") > 0 and curses.tigetstr("ech") and curses.tigetstr("el"))
        finally:
            os.close(fd)
    except Exception:  # no terminfo entry, no curses module, ...: keep Textual's own driver
        return False


class LeanDriver(LinuxDriver):
    """Textual's Linux driver, with every write passed through `lean` for the terminal's size."""

    def write(self, data: str) -> None:
        size: tuple[int, int] | None = None
        with contextlib.suppress(AttributeError, ValueError, OSError):
            if self._file is not None:
                columns, lines = os.get_terminal_size(self._file.fileno())
                size = (columns, lines) if columns > 0 and lines > 0 else None
        super().write(lean(data, size))
