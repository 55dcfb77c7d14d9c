"""A window far below 40x12 says what it can in ASCII; a terminal without colours gets none.

Through a bare pty (tests/support/ptydrive.py), so the test sees the exact bytes the guide writes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.host_tools import GUIDE, xdg_env
from tests.support.ptydrive import Session, spawn
from tests.support.terminal_bytes import colour_parameters, drive_bytes
from tests.support.wait import GUARD

pytestmark = [pytest.mark.e2e]


def start_at(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int],
             extra: dict[str, str]) -> tuple[bytes, str]:
    """(every byte written, the screen) for the guide started on a pty of `size`."""
    for name in ("COLORTERM", "NO_COLOR", "COLUMNS", "LINES"):
        monkeypatch.delenv(name, raising=False)
    env = {"TERM": "xterm-256color", **xdg_env(tmp_path / "home"), **extra}
    session: Session = spawn([str(GUIDE)], env, size)
    try:
        session.read_until_shown("911", GUARD)
        session.settle(0.3)
        shown = session.shown()
    finally:
        session.finish()
    return b"".join(data for _, data in session.log), shown


def test_at_10x5_under_lang_c_the_number_and_make_larger_are_whole_and_ascii(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out, shown = start_at(tmp_path, monkeypatch, (10, 5), {"LANG": "C", "LC_ALL": "C"})
    words = " ".join(shown.split())
    assert "Call 911" in words
    assert "make the window larger." in words.lower(), shown
    assert "Emerge" not in words  # no fragment of a line cut off by the window
    glyphs = sorted({char for char in out.decode("utf-8", "replace") if ord(char) > 0x7F})
    assert not glyphs, f"non-ASCII under LANG=C at 10x5: {glyphs}"


def test_a_terminal_without_colours_in_terminfo_gets_no_colour_codes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = drive_bytes(tmp_path, monkeypatch, {"TERM": "vt100"})
    assert b"Read the guide" in out and b"Section" in out
    assert not colour_parameters(out), f"colour codes on a vt100: {sorted(colour_parameters(out))}"


def test_a_terminal_with_colours_still_gets_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out, _ = start_at(tmp_path, monkeypatch, (80, 24), {"TERM": "xterm"})
    assert colour_parameters(out)
