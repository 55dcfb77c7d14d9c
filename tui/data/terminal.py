"""What the terminal can show: colours or none (from terminfo), the words that fit a window too
small for the guide, and the program's version for the About screen.

A terminal whose terminfo entry has no colours (vt100, and any entry without the `colors`
capability) is treated as if NO_COLOR were set: colour codes there are at best ignored and at
worst shown as garbage. At 10 columns by 5 rows the full "make the window larger" sentence
wraps into more rows than there are, so the longest forms that fit are chosen instead.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Mapping
from dataclasses import dataclass

from tui.data.words import _
from tui.data.wrap import wrap_spans


@dataclass(frozen=True)
class Terminfo:
    """The few capabilities of TERM's terminfo entry the guide asks about."""

    colours: int
    """The `colors` number (-1 when the entry has none)."""
    cursor_address: bool
    """Whether it can move the cursor to a row and column (`cup`)."""
    back_colour_erase: bool
    """Whether erasing fills with the current background (`bce`)."""
    erase_characters: bool
    """Whether it can erase characters in place (`ech`)."""
    insert_delete_lines: bool = False
    """Whether it can insert and delete lines (`il1` and `dl1`, or `il` and `dl`)."""


@functools.cache
def terminfo(term: str) -> Terminfo | None:
    """TERM's terminfo entry, or None when unknown: no TERM, TERM=dumb (test runners and editors
    set it for everything), no entry, no curses. The output driver and the colour choice both
    read it here.

    CPython's ``curses.setupterm`` only takes effect the first time it is called in a process;
    the guide only ever asks about its own TERM.
    """
    if not term or term == "dumb":
        return None
    try:
        import curses

        fd = os.open(os.devnull, os.O_WRONLY)
        try:
            curses.setupterm(term, fd)
            return Terminfo(colours=int(curses.tigetnum("colors")), cursor_address=bool(curses.tigetstr("cup")),
                            back_colour_erase=curses.tigetflag("bce") > 0,
                            erase_characters=bool(curses.tigetstr("ech")),
                            insert_delete_lines=bool((curses.tigetstr("il1") or curses.tigetstr("il"))
                                                     and (curses.tigetstr("dl1") or curses.tigetstr("dl"))))
        finally:
            os.close(fd)
    except Exception:  # no terminfo entry, no curses module: say nothing
        return None


def terminfo_colours(term: str) -> int | None:
    """The `colors` number of TERM's terminfo entry (-1 when it has none), or None when unknown."""
    entry = terminfo(term)
    return entry.colours if entry else None


def wants_no_colour(env: Mapping[str, str]) -> bool:
    """True when NO_COLOR is set, or TERM's terminfo entry says it has no colours."""
    if "NO_COLOR" in env:
        return True
    colours = terminfo_colours(env.get("TERM", ""))
    return colours is not None and colours <= 0


# A window too small ------------------------------------------------------------------------

PADDING = 2
"""Columns the screen keeps blank at the sides of a line (one each side)."""


def emergency_forms(number: str, full: str) -> list[str]:
    """The emergency line, longest first, down to the bare number (written as the language shown
    now says it digit by digit: "9-1-1" in Spanish)."""
    from tui.data.settings import spoken_number

    number = spoken_number(number)
    return [full, _("Emergency? Call {number} or local number.").format(number=number),
            _("Emergency? Call {number}.").format(number=number), _("Emergency: {number}").format(number=number),
            _("Call {number}").format(number=number), number]


def larger_forms(min_width: int, min_height: int) -> list[str]:
    """"Make the window larger", longest first, down to nothing."""
    return [_("Please make the window larger: the guide needs at least {columns} columns and {rows} rows.").format(
                columns=min_width, rows=min_height),
            _("Please make the window larger: at least {columns} by {rows}.").format(
                columns=min_width, rows=min_height),
            _("Please make the window larger."), _("Make the window larger."), _("Make window larger."),
            _("Too small."), _("Larger"), ""]


def rows_for(text: str, width: int) -> int:
    """Rows `text` takes when wrapped to `width` columns (0 for no text)."""
    return len(wrap_spans(text, width)) if text else 0


def drops_padding(width: int, number: str) -> bool:
    """True when the emergency number does not fit between the blank columns at its sides: they
    are dropped, so at 3x3 "911" is drawn whole on one row, edge to edge, instead of one digit a
    row. (Narrower than the number it wraps, using every column: a number is never cut.)"""
    return len(number) > width - PADDING


def too_small_texts(width: int, height: int, number: str, full: str, min_width: int,
                    min_height: int) -> tuple[str, str]:
    """(emergency line, message) that fit together in `width` x `height`, each as long as it can be.

    Preference goes to fuller forms of both; the emergency number is always kept if one row of
    it fits, since it is the one thing on screen that must never be lost.
    """
    columns = max(width, 1) if drops_padding(width, number) else width - PADDING
    emergencies = [text for text in emergency_forms(number, full) if max(len(w) for w in text.split()) <= columns]
    emergencies = emergencies or [number]
    messages = larger_forms(min_width, min_height)
    # Saying nothing about the size is the last resort: it costs more than any shortening.
    choices = [(e + (m if message else 2 * len(messages)), emergency, message)
               for e, emergency in enumerate(emergencies) for m, message in enumerate(messages)]
    for _rank, emergency, message in sorted(choices, key=lambda choice: choice[0]):
        fits_words = all(len(word) <= columns for word in message.split())
        if fits_words and rows_for(emergency, columns) + rows_for(message, columns) <= height:
            return emergency, message
    return emergencies[-1], ""


# The version -------------------------------------------------------------------------------

DISTRIBUTION = "spasm-guide"
"""The name the package is installed under."""


def program_version() -> str:
    """The installed version (importlib.metadata), or the package's own when not installed."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:  # run from a source folder that was never installed
        from tui import __version__

        return __version__
