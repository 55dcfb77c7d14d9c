"""A host's limits (docs/scale-out.md): a full host says so in one line; an idle reader is warned,
then closed, and keeps their checklist.

Seats are tested with real processes holding real locks (one is killed, and its seat is free
again); the busy line with the real entry point; the idle watch with the real app under the
pilot, with limits of a second or so (the waits are guards, never measures).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.pilot import make_app
from tests.support.wait import holds_within_async
from tui.data.checklist import load_checklist
from tui.data.checklist_state import load_state
from tui.data.content import load_guide
from tui.fullscreen.textual_private import notifications
from tui.host_limits import (
    BUSY_STATUS,
    IdleClock,
    LimitError,
    busy_line,
    minutes,
    read_limits,
    takes_a_seat,
)

HOLD_A_SEAT = """\
import os, sys
from tui.host_limits import claim_seat
refused = claim_seat([], os.environ)
print("refused" if refused else "seated", flush=True)
sys.stdin.read()
"""
"""A stand-in reader: takes a seat as the guide's start does, and holds it until killed."""


def limits_env(folder: Path, readers: int) -> dict[str, str]:
    return {**os.environ, "SPASM_GUIDE_MAX_READERS": str(readers), "SPASM_GUIDE_READERS_DIR": str(folder),
            "SPASM_GUIDE_HOST": "guide.example.org"}


def seated_reader(env: dict[str, str]) -> subprocess.Popen[str]:
    reader = subprocess.Popen([sys.executable, "-c", HOLD_A_SEAT], env=env, stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    assert reader.stdout is not None
    assert reader.stdout.readline().strip() == "seated"
    return reader


def test_settings_are_read_and_a_bad_one_is_named() -> None:
    limits = read_limits({"SPASM_GUIDE_MAX_READERS": "120", "SPASM_GUIDE_IDLE_WARN_MINUTES": "20",
                          "SPASM_GUIDE_IDLE_CLOSE_MINUTES": "2.5", "SPASM_GUIDE_HOST": "guide.example.org"})
    assert (limits.max_readers, limits.idle_warn_seconds, limits.idle_close_seconds, limits.host) == \
        (120, 1200, 150, "guide.example.org")
    assert read_limits({}).max_readers is None and read_limits({}).idle_warn_seconds is None
    for name, bad in (("SPASM_GUIDE_MAX_READERS", "0"), ("SPASM_GUIDE_MAX_READERS", "ten"),
                      ("SPASM_GUIDE_IDLE_WARN_MINUTES", "-1"), ("SPASM_GUIDE_IDLE_CLOSE_MINUTES", "nan")):
        with pytest.raises(LimitError, match=name):
            read_limits({name: bad})


def test_runs_that_print_and_leave_take_no_seat() -> None:
    assert takes_a_seat([]) and takes_a_seat(["--accessible"]) and takes_a_seat(["--section", "3"])
    assert not takes_a_seat(["--plain"]) and not takes_a_seat(["--speak-to=a.wav"])
    assert not takes_a_seat(["--version"])


@pytest.mark.e2e  # starts the guide (or a shell) as a real process
def test_a_full_host_says_so_in_one_line_and_a_killed_readers_seat_is_free_again(tmp_path: Path) -> None:
    env = limits_env(tmp_path / "seats", readers=2)
    readers = [seated_reader(env), seated_reader(env)]
    try:
        # The real entry point, as a third reader: one line, at once, no screen, "try later" status.
        third = subprocess.run([sys.executable, "-m", "tui"], env=env, capture_output=True, text=True,
                               stdin=subprocess.DEVNULL, timeout=60)
        user = __import__("pwd").getpwuid(os.getuid()).pw_name
        assert third.returncode == BUSY_STATUS
        assert third.stderr == ("The guide is busy. Try again in a minute, or read it as plain text: "
                                f"ssh {user}@guide.example.org plain\n")
        assert third.stdout == ""
        # Plain text is never refused: it prints and leaves.
        plain = subprocess.run([sys.executable, "-m", "tui", "--plain", "--section", "1"], env=env,
                               capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=60)
        assert plain.returncode == 0 and plain.stdout.strip(), plain
        # A reader whose connection drops (killed, no chance to tidy up) leaves no seat taken.
        readers[0].send_signal(signal.SIGKILL)
        readers[0].wait(10)
        readers[0] = seated_reader(env)
    finally:
        for reader in readers:
            reader.kill()
            reader.wait(10)


@pytest.mark.e2e  # starts the guide (or a shell) as a real process
def test_a_bad_limit_is_one_line_naming_it(tmp_path: Path) -> None:
    env = {**os.environ, "SPASM_GUIDE_MAX_READERS": "lots"}
    done = subprocess.run([sys.executable, "-m", "tui"], env=env, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=60)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "spasm-guide: SPASM_GUIDE_MAX_READERS='lots': give a whole number from 1 (set by the host, in sshd's SetEnv)"]


def test_the_busy_line_without_a_host_name_uses_the_address_the_reader_reached() -> None:
    limits = read_limits({})
    line = busy_line(limits, {"SSH_CONNECTION": "192.0.2.7 50000 198.51.100.2 22"})
    assert line.endswith("@198.51.100.2 plain")


def test_the_idle_clock_warns_once_then_closes_and_a_key_starts_it_again() -> None:
    clock = IdleClock(warn_after=1200, close_after=300, last_key=0)
    assert clock.due(1199) == ""
    assert clock.due(1200) == "warn"
    assert clock.due(1300) == ""  # warned once, not on every look
    assert clock.key_pressed(1400) is True  # the warning stood: it can be taken away
    assert clock.due(2599) == "" and clock.due(2600) == "warn"
    assert clock.due(2899) == "" and clock.due(2900) == "close"
    assert clock.warning() == ("No key pressed for 20 minutes. The guide will close in 5 minutes unless you "
                               "press a key. Your checklist is saved.")
    assert minutes(60) == "1 minute" and minutes(30) == "30 seconds" and minutes(1) == "1 second"


# About 10 s of real idling (a warning, a key, a warning, the close) but 0.3 CPU seconds and no
# process: in the fast set, where it waits beside the other workers' tests.
@pytest.mark.pilot
async def test_an_idle_reader_is_warned_then_closed_and_keeps_the_checklist(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SPASM_GUIDE_IDLE_WARN_MINUTES", "0.05")  # 3 s
    monkeypatch.setenv("SPASM_GUIDE_IDLE_CLOSE_MINUTES", "0.05")
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("k")
        await pilot.press("space")  # ticks the first item
        ticked = set(load_state(load_checklist(load_guide().folder)).state.ticks)
        assert len(ticked) == 1
        assert await holds_within_async(lambda: bool(notifications(app)))
        assert [(n.title, n.message) for n in notifications(app)] == [(
            "Still there?", "No key pressed for 3 seconds. The guide will close in 3 seconds unless you press a key. "
            "Your checklist is saved.")]
        assert app.is_running
        await pilot.press("down")  # the reader is here: the warning goes, the guide stays
        assert await holds_within_async(lambda: not notifications(app))
        assert app.is_running
        # Nothing more: warned again, then closed as if q was pressed.
        assert await holds_within_async(lambda: not app.is_running)
    assert app.return_code == 0
    assert set(load_state(load_checklist(load_guide().folder)).state.ticks) == ticked

