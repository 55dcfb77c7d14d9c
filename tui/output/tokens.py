"""An output stream cut into the pieces a screen model needs: text, styles, cursor moves and the rest.

Pure logic with no Textual import.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

from rich.cells import get_character_cell_size

__all__ = ["Token", "changes_writing", "keeps_style", "narrow_width", "tokens"]

_TOKEN = re.compile(
    r"(?P<text>[^\x00-\x1f\x7f-\x9f]+)"
    r"|(?P<csi>\x1b\[(?P<params>[0-?]*)(?P<inter>[ -/]*)(?P<final>[@-~]))"
    r"|(?P<osc>\x1b\][^\x07\x1b]*(?:\x07|\x1b\\))"
    r"|(?P<string>\x1b[P_^X][^\x1b]*\x1b\\)"
    r"|(?P<esc>\x1b(?![\[\]P_^X])[ -/]*[0-~])"  # not the start of a CSI, OSC or string cut short
    r"|(?P<other>[\x00-\x1a\x1c-\x1f\x7f-\x9f])",  # a control character; a lone ESC is a cut sequence
    re.DOTALL,
)
_CUP = re.compile(r"(\d*)(?:;(\d*))?")
_SGR_PARAMS = re.compile(r"[0-9;:]*")

_HARMLESS_MODES = frozenset({1, 7, 12, 25, 1000, 1001, 1002, 1003, 1004, 1005, 1006, 1015, 1016, 1034, 2004,
                             2026, 2027, 2048})
"""Private modes that change neither the cells, the cursor's place nor the style: cursor keys,
autowrap, cursor blink and visibility, mouse and focus reports, bracketed paste, synchronized
output, in-band resize. Not the alternate screen (47, 1047, 1049), the saved cursor (1048) or
origin mode (6), which do."""
_HARMLESS_CSI = re.compile(r"\?[\d;]*\$p|[>=<?][\d;]*u|[>=]?\d*c|[56]n|(?:1[1-9]|2[0-3])(?:;\d*)*t")
"""Mode and device queries, keyboard-protocol changes, status reports, window reports and the
title stack (not the window operations that move or resize it)."""
_HARMLESS_STRING = re.compile(r"\x1bP[+$]q[^\x1b]*\x1b\\")
"""DCS queries (XTGETTCAP, DECRQSS); other strings (sixel, kitty graphics, ...) may draw."""
_CHANGES_WRITING = re.compile(r"\x1b\[(?:4|20)[hl]|\x1b\[\?(?:[\d;]*;)?(?:6|69)(?:;[\d;]*)?[hl]|\x1b\[[\d;]*r")
"""Modes that change what writing or moving does (insert, new-line, origin, left-right margins,
a scrolling region): after one, the model's picture of a write would be wrong."""


_KEEPS_STYLE = re.compile(r"\x1b\[\?(?P<modes>[\d;]*)(?P<final>[hl])|\x1b\[[\d;]*[ABCDEFGJKX]"
                          r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|[\x07\x08\t]")


def changes_writing(sequence: str) -> bool:
    """True if after `sequence` text, moves or line feeds no longer do what the model assumes."""
    return _CHANGES_WRITING.fullmatch(sequence) is not None


def keeps_style(sequence: str) -> bool:
    """True if the terminal's style is the same after `sequence` as before it: setting a private
    mode (the alternate screen included: it saves the cursor, it does not change the style),
    resetting one other than those that restore the saved cursor and its style (1048, 1049),
    relative moves, erases, OSC strings, BEL, BS, TAB."""
    match = _KEEPS_STYLE.fullmatch(sequence)
    if match is None:
        return False
    if match.group("final") == "l":
        return not {"1048", "1049"} & set(match.group("modes").split(";"))
    return True


class Token(NamedTuple):
    """One piece of an output stream."""

    kind: str
    """text, sgr, cup, lf, cr, harmless (changes no cell, cursor place or style), cut (an escape
    sequence that the end of the stream cuts short) or other."""
    raw: str
    params: str = ""
    """An SGR's parameters."""
    row: int = 0
    """A CUP's row, from 0."""
    col: int = 0
    """A CUP's column, from 0."""


def _harmless_csi(params: str, final: str) -> bool:
    if final in "hl" and params.startswith("?"):
        modes = params[1:].split(";")
        return all(mode.isdigit() and int(mode) in _HARMLESS_MODES for mode in modes)
    return _HARMLESS_CSI.fullmatch(params + final) is not None


_KNOWN: dict[str, Token] = {}
"""Each escape sequence and control character met, and its token: a frame repeats a few dozen of
them (the reset after every run of text, the move to every row) hundreds of times."""
KNOWN_AT_MOST = 4096
"""Sequences kept in `_KNOWN` at most (after that, new ones are read each time they come)."""


def tokens(stream: str) -> list[Token]:
    """`stream` cut into tokens."""
    found: list[Token] = []
    append = found.append
    match_at = _TOKEN.match
    known = _KNOWN
    pos = 0
    end = len(stream)
    while pos < end:
        match = match_at(stream, pos)
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
            continue
        token = known.get(raw)
        if token is None:
            token = _sequence(match, raw, kind)
            if len(known) < KNOWN_AT_MOST:
                known[raw] = token
        append(token)
    return found


def _sequence(match: re.Match[str], raw: str, kind: str | None) -> Token:
    """The token of an escape sequence or control character `raw` (matched as `kind`)."""
    if kind == "csi":  # the last group closed: "final" is inside it
        params, inter, final = match.group("params", "inter", "final")
        if inter and not (final == "p" and inter == "$"):
            return Token("other", raw)
        if final == "m" and _SGR_PARAMS.fullmatch(params):
            return Token("sgr", raw, params)
        if final in "Hf" and (cup := _CUP.fullmatch(params)) is not None:
            row, col = (int(g) if g else 1 for g in cup.groups(""))
            return Token("cup", raw, row=max(row, 1) - 1, col=max(col, 1) - 1)
        return Token("harmless" if _harmless_csi(params + inter, final) else "other", raw)
    if kind == "osc":  # a title or clipboard is harmless; a hyperlink (OSC 8) marks cells
        return Token("other" if raw.startswith("\x1b]8;") else "harmless", raw)
    if kind == "string":
        return Token("harmless" if _HARMLESS_STRING.fullmatch(raw) else "other", raw)
    if raw == "\n":
        return Token("lf", raw)
    if raw == "\r":
        return Token("cr", raw)
    if raw in ("\x07", "\x1b=", "\x1b>"):  # BEL, keypad modes
        return Token("harmless", raw)
    return Token("other", raw)


def narrow_width(text: str) -> int | None:
    """Cells `text` takes, or None if any character is not a plain single-cell one."""
    if text.isascii():
        return len(text)
    for char in text:
        if (get_character_cell_size(char) != 1 or unicodedata.east_asian_width(char) in ("W", "F")
                or unicodedata.combining(char) or ord(char) >= 0x1F000):
            return None
    return len(text)
