"""How many colours the terminal has, from its terminfo entry (what `tput colors` prints).

A terminal whose entry has no colours (vt100, and any entry without the `colors` capability)
is treated as if NO_COLOR were set: colour codes there are at best ignored and at worst shown
as garbage.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Mapping


@functools.cache
def terminfo_colours(term: str) -> int | None:
    """The `colors` number of TERM's terminfo entry (-1 when it has none), or None when unknown:
    no TERM, TERM=dumb (test runners and editors set it for everything), no entry, no curses.

    CPython's ``curses.setupterm`` only takes effect the first time it is called in a process;
    the guide only ever asks about its own TERM, as the output driver does.
    """
    if not term or term == "dumb":
        return None
    try:
        import curses

        fd = os.open(os.devnull, os.O_WRONLY)
        try:
            curses.setupterm(term, fd)
            return int(curses.tigetnum("colors"))
        finally:
            os.close(fd)
    except Exception:  # no terminfo entry, no curses module: say nothing
        return None


def wants_no_colour(env: Mapping[str, str]) -> bool:
    """True when NO_COLOR is set, or TERM's terminfo entry says it has no colours."""
    if "NO_COLOR" in env:
        return True
    colours = terminfo_colours(env.get("TERM", ""))
    return colours is not None and colours <= 0
