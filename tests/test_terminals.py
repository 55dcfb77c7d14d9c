"""The guide on many terminals: TERM values, no COLORTERM, LANG=C, NO_COLOR, and live resizing.

tmux is the terminal whose screen we read (it interprets whatever the guide writes, as a real
terminal would); a bare pty (tests/support/ptydrive.py) gives the exact bytes the guide writes, for the
checks on glyphs and colour codes. COLORTERM is never set: OpenSSH does not forward it.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.support.checklist_flow import flow_facts, one_line, saved_checks
from tests.support.host_tools import GUIDE, xdg_env
from tests.support.ptydrive import Session, spawn
from tests.support.terminal_bytes import colour_parameters, drive_bytes
from tests.support.tmux_drive import Tmux, tmux_server
from tests.support.wait import GUARD, wait_until

pytestmark = [pytest.mark.e2e]

TERMS = ("xterm-256color", "xterm", "screen", "tmux-256color", "linux", "vt100")
"""What remote readers' terminals call themselves: modern, old, multiplexers, the Linux console."""

ESC = b"\x1b"


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Tmux]:
    with tmux_server(tmp_path / "tmux") as server:
        yield server


def guide_argv(term: str, home: Path, extra: dict[str, str] | None = None) -> list[str]:
    """The guide with exactly this TERM, no COLORTERM, and its own XDG folders."""
    settings = {"TERM": term, **xdg_env(home), **(extra or {})}
    return ["env", "-u", "COLORTERM", "-u", "NO_COLOR", *(f"{k}={v}" for k, v in settings.items()), str(GUIDE)]


def start_section_checklist(tmux: Tmux, name: str, warning_sign: str) -> None:
    """Start screen, section one, the checklist, one item checked, quit."""
    tmux.wait_for(name, "Read the guide")
    tmux.send(name, "1")
    tmux.wait_for(name, lambda s: "Section one of" in s, "section one")
    tmux.send(name, "k")
    tmux.wait_for(name, lambda s: "Check your symptoms" in s and "> [ ]" in s, "the checklist")
    tmux.send(name, "Space")
    tmux.wait_for(name, "selected:", "the first item checked")
    tmux.send(name, "q")
    assert tmux.wait_dead(name) == 0


def test_every_term_reaches_a_section_and_the_checklist(tmux: Tmux, tmp_path: Path) -> None:
    facts = flow_facts()
    homes = {term: tmp_path / term for term in TERMS}
    for term in TERMS:
        tmux.new(term.replace(".", "_"), guide_argv(term, homes[term]))
    with ThreadPoolExecutor(len(TERMS)) as pool:
        runs = {term: pool.submit(start_section_checklist, tmux, term.replace(".", "_"), facts.warning_sign)
                for term in TERMS}
        failures = {term: run.exception() for term, run in runs.items() if run.exception() is not None}
    assert not failures, "\n\n".join(f"TERM={term}: {why}" for term, why in failures.items())
    for term in TERMS:
        assert saved_checks(xdg_env(homes[term])), f"TERM={term}: nothing saved"


# Raw bytes through a pty -----------------------------------------------------------------------


@pytest.mark.parametrize("size", [(80, 24), (40, 12)])
def test_under_lang_c_nothing_but_ascii_reaches_the_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             size: tuple[int, int]) -> None:
    # Under LANG=C a terminal shows any UTF-8 byte as garbage: scrollbar blocks, key glyphs,
    # an ellipsis, box drawing. Python still writes UTF-8 there (PEP 540), so look at bytes.
    # Words are another matter: a language's own name ("Español" on the language key) is sent as
    # it is written in every output path (issue 21: accents intact under LANG=C too), since LANG=C
    # is most often a server that did not get the client's LANG, in front of a UTF-8 terminal.
    from tui.data.language_choice import LANGUAGE_NAMES

    out = drive_bytes(tmp_path, monkeypatch, {"LANG": "C", "LC_ALL": "C"}, size)
    assert b"Read the guide" in out
    text = out.decode("utf-8", "replace")
    for name in LANGUAGE_NAMES.values():
        text = text.replace(name, "")
    glyphs = sorted({char for char in text if ord(char) > 0x7F})
    assert not glyphs, "non-ASCII glyphs under LANG=C: " + ", ".join(f"U+{ord(c):04X} {c!r}" for c in glyphs)


def test_no_color_means_no_colour_codes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = drive_bytes(tmp_path, monkeypatch, {"NO_COLOR": "1"})
    assert b"Read the guide" in out
    assert not colour_parameters(out), f"colour SGR codes under NO_COLOR: {sorted(colour_parameters(out))}"


# Live resizing ----------------------------------------------------------------------------------


def checklist_with_warning_sign_checked(tmux: Tmux, name: str, home: Path) -> str:
    """Start the guide, open the checklist, check the first warning sign; return the checked line."""
    facts = flow_facts()
    tmux.new(name, guide_argv("xterm-256color", home))
    tmux.wait_for(name, "Read the guide")
    tmux.send(name, "k")
    tmux.wait_for(name, "> [ ]", "the checklist")
    for _ in range(facts.downs):
        tmux.send(name, "Down")
    tmux.wait_for(name, f"> [ ] {facts.warning_sign}")
    tmux.send(name, "Space")
    tmux.wait_for(name, lambda s: "EMERGENCY: call" in one_line(s), "EMERGENCY")
    return f"> selected: {facts.warning_sign}"


def test_resizing_down_to_40x12_and_below_and_back_keeps_place_and_state(tmux: Tmux, tmp_path: Path) -> None:
    home = tmp_path / "home"
    checked = checklist_with_warning_sign_checked(tmux, "resize", home)

    tmux.resize("resize", 40, 12)
    # Still the checklist at 40x12, nothing wider than the window, no "too small" notice.
    # The list may scroll so that only the highlighted item and the tail of the one above show.
    small = tmux.wait_for("resize", lambda s: "Emergency?" in s and "symptoms" in s and "selected:" in s,
                          "the checklist at 40x12, its highlighted item in view")
    assert len(small.splitlines()) <= 12
    assert all(len(line) <= 40 for line in small.splitlines())
    assert "make the window" not in one_line(small)

    for width, height in ((39, 12), (40, 11), (30, 8), (20, 6)):
        tmux.resize("resize", width, height)
        tmux.wait_for("resize", lambda s: "make the window" in one_line(s), f"the too-small notice at {width}x{height}")

    tmux.resize("resize", 80, 24)
    back = tmux.wait_for("resize", checked, "the same item, still checked and highlighted")
    assert "EMERGENCY: call" in one_line(back)
    assert "make the window" not in one_line(back)
    tmux.send("resize", "q")
    assert tmux.wait_dead("resize") == 0
    assert flow_facts().warning_id in saved_checks(xdg_env(home))


def test_arrows_still_move_the_highlight_after_the_window_was_too_small(tmux: Tmux, tmp_path: Path) -> None:
    checked = checklist_with_warning_sign_checked(tmux, "again", tmp_path / "home")
    tmux.resize("again", 30, 8)
    tmux.wait_for("again", lambda s: "make the window" in one_line(s), "the too-small notice")
    tmux.resize("again", 80, 24)
    tmux.wait_for("again", checked, "the checklist again")
    tmux.send("again", "Down")
    tmux.wait_for("again", lambda s: checked not in s and checked[2:] in s, "the highlight on the next item")


def test_the_highlighted_item_stays_in_view_when_the_window_shrinks(tmux: Tmux, tmp_path: Path) -> None:
    checked = checklist_with_warning_sign_checked(tmux, "shrink", tmp_path / "home")
    tmux.resize("shrink", 40, 12)
    tmux.wait_for("shrink", lambda s: "Emergency?" in s and "symptoms" in s, "the checklist at 40x12")
    # A screen reader follows the cursor: the item it sits on must be on screen.
    # At 40 columns the item wraps: its first row, state first, is on screen.
    first_line = " ".join(checked.split()[:5])  # "> selected: A swollen,"
    tmux.wait_for("shrink", lambda s: first_line in s, "the highlighted item at 40x12", timeout=5)


@pytest.mark.parametrize(("gap", "escdelay"), [(0.03, ""), (0.25, "600")], ids=["30ms", "250ms-ESCDELAY=600"])
def test_an_arrow_key_split_across_packets_is_still_an_arrow(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             gap: float, escdelay: str) -> None:
    """A slow link may deliver ESC and the rest of an arrow key's sequence apart. Within the
    escape delay (100 ms, or ESCDELAY milliseconds, as for curses programs) it is still an
    arrow; a lone Esc is still Esc."""
    for name in ("COLORTERM", "NO_COLOR", "COLUMNS", "LINES", "ESCDELAY"):
        monkeypatch.delenv(name, raising=False)
    env = {"TERM": "xterm-256color", **xdg_env(tmp_path / "home"), **({"ESCDELAY": escdelay} if escdelay else {})}
    session: Session = spawn([str(GUIDE)], env)

    def whole(shown: str, gone: str) -> None:
        """Wait for a screen to be drawn whole: `shown` on it and nothing left of the last
        (`gone`). A frame read in two pieces shows the new screen's top over the old one's foot:
        "Contents" and "> Read the guide" together, and an Esc sent then, with the `q` after it
        within the escape delay, was read as Alt+Q."""
        def drawn() -> bool:
            session.read_some(0.05)
            screen = session.shown()
            return shown in screen and gone not in screen

        wait_until(drawn, lambda: f"{shown!r} alone; the screen:\n{session.shown()}", poll=0)

    try:
        session.read_until_shown("> Read the guide", GUARD)
        session.send(b"\x1b")
        time.sleep(gap)  # the rest of the sequence arrives in a later packet
        session.send(b"[B")
        session.read_until_shown("> Check your symptoms", GUARD)
        session.send(b"\x1b[A\r")  # Up, Enter: the contents
        whole("> 1. What muscle spasms are", "> Read the guide")
        session.send(ESC)
        whole("> Read the guide", "Contents")  # a lone Esc is Esc: back to the start
        session.rest()  # the Esc taken, so the quit key is not read with it as Alt+Q
    finally:
        session.finish()


def test_escape_and_a_key_read_together_are_both_taken(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Over a slow link Esc and the key typed after it can arrive in one read. A curses program
    reads them as Alt and the key; the guide has no Alt keys, so that lost both. Esc and `n` in one
    write, in a section, go back to the contents; after a lone Esc, Esc and 4 open section 4; Esc
    and `q` go back and quit."""
    for name in ("COLORTERM", "NO_COLOR", "ESCDELAY"):
        monkeypatch.delenv(name, raising=False)
    session: Session = spawn([str(GUIDE)], {"TERM": "xterm-256color", **xdg_env(tmp_path / "home")})
    try:
        session.read_until_shown("> Read the guide", GUARD)
        session.send(b"\r")
        session.read_until_shown("> 1. What muscle spasms are", GUARD)
        session.rest()
        session.send(b"\r")
        session.read_until_shown("Section one of nine", GUARD)
        session.rest()
        session.send(b"\x1bn")  # Esc, then n (next section), in one read
        session.read_until_shown("> 1. What muscle spasms are", GUARD)
        session.rest()
        assert "Section one of nine" not in session.shown()  # Esc took it back; `n` is nothing on the contents
        session.send(ESC)  # a lone Esc: back to the start
        session.read_until_shown("> Read the guide", GUARD)
        session.rest()
        session.send(b"\x1b4")  # then Esc and 4 in one read: the second Esc is a key of its own
        session.read_until_shown("Section four of nine", GUARD)
        session.rest()
    finally:
        session.finish(b"\x1bq")  # Esc and q in one read: back, then quit
    assert session.exit_status == 0


def test_a_stale_columns_and_lines_in_the_environment_do_not_stop_the_guide(tmp_path: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """A shell or a script may export COLUMNS and LINES (pytest-xdist's workers do). The guide
    draws at the terminal's real size, follows a resize, and quits: with 80x24 exported on a
    120x30 terminal it used to stay busy and draw nothing."""
    for name in ("COLORTERM", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("LINES", "24")
    env = {"TERM": "xterm-256color", **xdg_env(tmp_path / "home")}
    session: Session = spawn([str(GUIDE)], env, size=(120, 30))
    try:
        session.read_until_shown("> Read the guide", GUARD)
        first = session.shown().splitlines()[0]
        assert "Emergency? Call 911 or your local emergency number." in first
        session.resize(100, 26)
        session.send(b"\x0c")  # Ctrl+L: draw it all again, at the size the guide now believes
        session.settle(0.5)
        assert len(session.shown().splitlines()) == 26
        assert "> Read the guide" in session.shown()
    finally:
        session.finish(b"q")
    assert session.exit_status == 0
