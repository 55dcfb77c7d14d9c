"""Every byte the guide writes on a bare pty while a reader goes through its screens, and the
colours in it: for the tests of what reaches terminals without colour, Unicode or width."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.support.host_tools import GUIDE, xdg_env
from tests.support.ptydrive import Session, spawn
from tests.support.wait import GUARD

DOWN, TAB, PGDN, ESC = b"\x1b[B", b"\t", b"\x1b[6~", b"\x1b"
"""Keys, as a terminal sends them."""


def drive_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, extra: dict[str, str],
                size: tuple[int, int] = (80, 24)) -> bytes:
    """Every byte the guide writes while a reader goes through its screens, on a bare pty."""
    # ptydrive starts from this process's environment: take out what a remote terminal lacks
    # (COLORTERM), and COLUMNS/LINES, which would pin Textual's size (see terminal_env).
    for name in ("COLORTERM", "NO_COLOR", "COLUMNS", "LINES"):
        monkeypatch.delenv(name, raising=False)
    env = {"TERM": "xterm-256color", **xdg_env(tmp_path / f"home-{size[0]}x{size[1]}"), **extra}
    session: Session = spawn([str(GUIDE)], env, size)
    try:
        session.read_until_shown("Read the guide", GUARD)
        session.settle(0.2)
        # A section and the next, a page down (scrollbars move), the checklist, a tick, the
        # result, help, search: every kind of thing the guide draws. After "/", the search
        # screen's own line, not "Search" (the key bar shows "/ Search" on every screen): a word
        # sent before the box has focus goes to the screen before it (seen under load).
        for keys, marker in ((b"1", "Section one"), (PGDN, ""), (b"n", "Section two"),
                             (b"k", "[ ] "), (b" ", "selected:"), (DOWN * 6, ""), (TAB, ""),
                             (PGDN, ""), (b"?", "Help:"), (ESC, ""), (b"/", "Type a word to search"),
                             (b"cramp", "found"), (b"\r", "")):
            session.send(keys)
            if marker:
                session.read_until_shown(marker, GUARD)
            session.settle(0.15)
    finally:
        session.finish()
    return b"".join(data for _, data in session.log)


COLOUR_CODES = re.compile(rb"\x1b\[([0-9;:]*)m")


def colour_parameters(output: bytes) -> set[str]:
    """Every SGR parameter group that sets a colour (not the default colour, bold or reverse)."""
    found: set[str] = set()
    for match in COLOUR_CODES.finditer(output):
        params = match.group(1).decode().replace(":", ";").split(";")
        index = 0
        while index < len(params):
            value = int(params[index] or 0)
            if value in (38, 48, 58):  # extended colour: 5;n or 2;r;g;b follows
                width = 3 if index + 1 < len(params) and params[index + 1] == "5" else 5
                found.add(";".join(params[index : index + width]))
                index += width
                continue
            if 30 <= value <= 37 or 40 <= value <= 47 or 90 <= value <= 97 or 100 <= value <= 107:
                found.add(str(value))
            index += 1
    return found
