"""Text styles as SGR (Select Graphic Rendition) sequences: parse them, compare them, and change
from one to another in the fewest bytes.

Pure logic with no Textual import, so the screen model that uses it is tested on its own.
"""

from __future__ import annotations

import functools
from typing import Any, NamedTuple, cast

__all__ = ["DEFAULT", "Sgr", "apply_sgr", "blank_key", "change_style", "erase_safe", "sgr_params"]


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
    """'' for the default, else the parameters that set it ('31', '38;5;231', '38;2;1;2;3')."""
    bg: str = ""
    underline_colour: str = ""


DEFAULT = Sgr()
"""The style after a reset (ESC[0m)."""

_ON = {1: "bold", 2: "dim", 3: "italic", 5: "blink", 7: "reverse", 8: "conceal", 9: "strike", 53: "overline"}
_OFF = {23: ("italic",), 25: ("blink",), 27: ("reverse",), 28: ("conceal",), 29: ("strike",),
        55: ("overline",), 22: ("bold", "dim")}
_COLOUR_FIELD = {38: "fg", 48: "bg", 58: "underline_colour"}
_FLAGS = (("bold", "1"), ("dim", "2"), ("italic", "3"), ("blink", "5"), ("reverse", "7"), ("conceal", "8"),
          ("strike", "9"), ("overline", "53"))
"""Each on/off attribute and the parameter that turns it on, in the order they are sent."""
_FLAG_OFF = {"italic": "23", "blink": "25", "reverse": "27", "conceal": "28", "strike": "29", "overline": "55"}
"""The parameter that turns one attribute off (bold and dim share 22, handled apart)."""


def _with(state: Sgr, *names: str, value: str | bool) -> Sgr:
    """`state` with the fields `names` set to `value`."""
    changed: Sgr = cast(Any, state)._replace(**dict.fromkeys(names, value))
    return changed


def _int(field: str) -> int | None:
    if field == "":
        return 0
    return int(field) if field.isdigit() else None


@functools.lru_cache(maxsize=4096)
def apply_sgr(state: Sgr | None, params: str) -> Sgr | None:
    """The state after ``ESC[<params>m`` from `state`; None when unknown (before or after).

    Cached: a frame repeats the same few styles many times over."""
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
                parts = field.split(":")
                if len(parts) < 3 or parts[1] not in ("5", "2") or not all(int(v or 0) <= 255 for v in parts[2:]):
                    return None  # a form or value the terminal may read otherwise: not modelled
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
            if not all(v.isdigit() and int(v) <= 255 for v in values):
                return None  # xterm ignores an out-of-range colour: not modelled
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


def sgr_params(style: Sgr) -> list[str]:
    """The parameters that set `style` after a reset."""
    params = [code for name, code in _FLAGS if getattr(style, name)]
    if style.underline:
        params.append(style.underline)
    params.extend(colour for colour in (style.fg, style.bg, style.underline_colour) if colour)
    return params


def _delta_params(old: Sgr, new: Sgr) -> list[str]:
    """Parameters that take the terminal from `old` to `new` without a reset."""
    params: list[str] = []
    if (old.bold and not new.bold) or (old.dim and not new.dim):
        params.append("22")  # turns both off; whichever `new` has is turned on again below
        old = old._replace(bold=False, dim=False)
    for name, off in _FLAG_OFF.items():
        if getattr(old, name) and not getattr(new, name):
            params.append(off)
    for name, on in _FLAGS:
        if getattr(new, name) and not getattr(old, name):
            params.append(on)
    if old.underline != new.underline:
        params.append(new.underline or "24")
    for field, off in (("fg", "39"), ("bg", "49"), ("underline_colour", "59")):
        if getattr(old, field) != getattr(new, field):
            params.append(getattr(new, field) or off)
    return params


def change_style(old: Sgr | None, new: Sgr) -> str:
    """The shortest SGR sequence that takes the terminal from `old` (None: unknown) to `new`."""
    if old == new:
        return ""
    full = "\x1b[" + ";".join(["0", *sgr_params(new)]) + "m"
    if old is None:
        return full
    delta = "\x1b[" + ";".join(_delta_params(old, new)) + "m"
    return delta if len(delta) < len(full) else full


def erase_safe(style: Sgr) -> bool:
    """True if a blank cell in `style` shows only its background (no reverse, lines, ...)."""
    return not (style.reverse or style.underline or style.strike or style.overline)


@functools.cache
def blank_key(style: Sgr) -> object:
    """What a blank cell in `style` looks like: two blanks with the same key look the same.

    A blank shows only its background, unless reverse video, underline, strike-through or
    overline draw on it: then its whole style counts.
    """
    return ("bg", style.bg) if erase_safe(style) else style
