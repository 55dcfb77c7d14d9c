"""Keys and signals a stranger sends the guide: every byte that is not UTF-8 (at the start screen,
in the search box and in the checklist), quick bursts of keys into each dialog, and SIGINT at
moments of its start. The guide goes on (or ends cleanly), and never prints a traceback.

It is the guide as a hostile stranger meets it, from outside (a real pty, a real sshd set up as
docs/hosting.md says), knowing only the README, the hosting doc, the man page and --help. A case
fails on what the terminal, /proc or the disk shows, never on a guess.
"""

from __future__ import annotations

import os
import signal

import pytest

from tests.support.hostile import (
    CHECKLIST,
    CTRL_S,
    QUIT_GUARD,
    START,
    Home,
    assert_answers,
    assert_clean,
    end,
    open_checklist,
    quit_cleanly,
    runs_own_code,
    shows,
    spawn_guide,
    started,
    step,
    time_to_exit,
    tracebacks,
    watch,
)
from tests.support.keyfuzz import idle
from tests.support.ptydrive import Session
from tests.support.wait import wait_until

pytestmark = [pytest.mark.e2e]


# Bytes that are not UTF-8 -----------------------------------------------------------------------


def open_search(session: Session) -> None:
    session.send(b"/")
    shows(session, "Search")
    session.settle(0.2)


@pytest.mark.parametrize("where", ["start", "search", "checklist"])
def test_every_byte_that_is_not_utf8(home: Home, where: str) -> None:
    """0xe9 then a key (a Latin-1 "é"), then each byte 0x80-0xff alone: the guide goes on."""
    session = spawn_guide(home)
    try:
        started(session)
        if where == "search":
            open_search(session)
            assert_answers(session, b"caf\xe9s", "caf")
        elif where == "checklist":
            open_checklist(session)
            assert_answers(session, b"\xe9 ", "> selected:")
        else:
            assert_answers(session, b"\xe9k", CHECKLIST)
            step(session, b"\x1b")
            shows(session, START)
        for byte in range(0x80, 0x100):
            session.send(bytes([byte]))
            watch(session, 0.01)
            assert session.alive(), (f"byte {byte:#x} (or one of the few typed just before it) ended the guide; "
                                     f"the terminal got: {tracebacks(session.output())}")
        session.rest()  # every byte read and answered
        assert_clean(session)
        if where == "search":
            assert_answers(session, b"\x1b", START)
        else:
            assert_answers(session, b"?", "Help:")
        quit_cleanly(session)
    finally:
        end(session)


# Quick key bursts into dialogs ----------------------------------------------------------------


BURSTS = {
    # Dialogs take the whole window (README: a dialog is read question first), so the question
    # or the save dialog is on top; the walk back with Esc must then pass the checklist.
    "three quick Enters in the doctor questions": (b"", b"ks\r\r\r", "Question 2 of"),
    "two quick Enters in the doctor questions": (b"", b"ks\r\r", "Question 2 of"),
    "questions, save now, then Enters in the save dialog": (b"k ", b"s" + CTRL_S + b"\r\r\r",
                                                            "Save a summary for a doctor"),
    "clear, then Enters": (b"k ", b"c\r\r\r", CHECKLIST),
    "clear, yes, then Enters": (b"k ", b"cy\r\r", CHECKLIST),
    "settings, then Enters": (b"k", b"o\r\r\r", "Settings"),
    "help, then Enters": (b"k", b"?\r\r\r", "Help:"),
}
"""Keys typed before the burst (each awaited), the burst in one write, and the title (the
screen's second row) the burst must leave on top."""


@pytest.mark.parametrize("name", list(BURSTS))
def test_a_quick_burst_into_a_dialog(home: Home, name: str) -> None:
    """Keys in one write: no traceback, the checklist still under whatever is open (nothing popped
    that should not be), and Esc walks back down to the start screen."""
    before, burst, title = BURSTS[name]
    session = spawn_guide(home)
    try:
        started(session)
        for key in before:
            step(session, bytes([key]))
        session.send(burst)
        # Look once the guide has worked through the burst (quiet for 0.2 s, and every thread of
        # it asleep), as a reader would see it: on a busy machine that can take seconds. (A fixed
        # 0.7 s of watching before that added nothing the look does not wait for.)
        wait_until(lambda: session.settle(0.2, 5.0) >= 0 and (not session.alive() or idle(session.pid)),
                   f"{name}: the guide working through the burst", guard=30.0, poll=0)
        assert_clean(session)
        assert session.alive(), f"{name}: the guide ended (status {session.exit_status})"
        screen = session.shown()
        assert screen.splitlines()[1].strip().startswith(title), \
            f"{name}: {title!r} is no longer the screen on top (something popped it):\n{screen}"
        titles = []
        for _ in range(4):
            if START in session.shown() and "Question" not in session.shown():
                break
            titles.append(step(session, b"\x1b", 0.4).splitlines()[1].strip())
        screen = session.shown()
        assert START in screen and "Question" not in screen, f"{name}: Esc did not lead back to the start:\n{screen}"
        if b"k" in before + burst[:2]:  # the checklist was opened: it is still under the dialogs
            assert title.startswith((CHECKLIST, "Settings", "Help")) or any(
                t.startswith(CHECKLIST) for t in titles), f"{name}: the checklist was gone under the dialog: {titles}"
        quit_cleanly(session)
    finally:
        end(session)


# Signals ---------------------------------------------------------------------------------------


def test_sigint_at_moments_of_start(home: Home) -> None:
    """SIGINT 0.05-0.5 s after the guide's own code starts (the first start with no cache, then
    warm): no traceback, and the guide either ends or still quits with q. Counted from then, not
    from the fork: on a loaded machine Python's own start took over 0.1 s, and a SIGINT then was
    Python's KeyboardInterrupt in `site`, before any of the guide's code ran."""
    failures = []
    for delay in (0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5):
        session = spawn_guide(home)
        try:
            wait_until(lambda session=session: runs_own_code(session), "the guide's own code starting", poll=0)
            watch(session, delay)
            if session.alive():
                os.kill(session.pid, signal.SIGINT)
            watch(session, 1.0)
            if session.alive():
                time_to_exit(session, b"q", QUIT_GUARD)
            found = tracebacks(session.output())
            if found or session.alive():
                failures.append(f"SIGINT at {delay} s: exit {session.exit_status}, {found or 'still running after q'}")
        finally:
            end(session)
    assert not failures, "\n".join(failures)
