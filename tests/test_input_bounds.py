"""Floods, odd bytes and endless pastes typed at the real guide on a real pty.

Each case is a person's terminal gone wrong (or a hostile reader over SSH): the guide must keep
running, stay within the memory docs/hosting.md plans for a reader, and quit at the next `q` or
Ctrl+Q. No wall-clock limits: the waits only guard against a hang (tests/support/wait.py).
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from tests.support.guide_pty import guide_on_pty

pytestmark = [pytest.mark.e2e]

PLAN_KIB = 150 * 1024
"""docs/hosting.md: plan for 150 MiB a reader."""
START = b"Read the guide"
"""On the start screen once it is drawn."""


def clean_end(output: bytes) -> None:
    assert b"Traceback" not in output and b"Error" not in output, output[-1500:]


@pytest.mark.parametrize("bad", [b"\xff", b"\xe9x", "café".encode("latin-1"), b"\xc3", b"\x80\x81\xfe"],
                         ids=["0xff", "0xe9-then-key", "latin1-cafe", "cut-utf8", "continuation-bytes"])
def test_bytes_that_are_not_utf8_do_not_end_the_guide(tmp_path: Path, bad: bytes) -> None:
    with guide_on_pty(tmp_path) as run:
        run.wait_for(START)
        run.send(bad)
        run.send(b"/")  # the search box takes the next bytes as text
        run.wait_for(b"Type a word")
        run.send(bad + b"\r")
        run.send(b"\x1b\x1b")
        run.send(b"\x11")  # Ctrl+Q
        assert run.wait_exit() == 0
        clean_end(bytes(run.output))


def test_random_high_bytes_in_the_search_box_are_shown_as_replacement_characters(tmp_path: Path) -> None:
    rng = random.Random(18)
    with guide_on_pty(tmp_path) as run:
        run.wait_for(START)
        run.send(b"/")
        run.wait_for(b"Type a word")
        run.send(bytes(rng.randrange(0x80, 0x100) for _ in range(40)))
        run.wait_for("\ufffd".encode())
        run.send(b"\x11")
        assert run.wait_exit() == 0
        clean_end(bytes(run.output))


def test_a_megabyte_of_one_key_stays_within_the_plan_and_q_still_quits(tmp_path: Path) -> None:
    with guide_on_pty(tmp_path) as run:
        run.wait_for(START)
        run.flood(b"j" * 1_000_000)
        peak = run.peak_rss_kib()
        run.send(b"q")
        assert run.wait_exit() == 0
        clean_end(bytes(run.output))
    assert peak < PLAN_KIB, f"peak {peak / 1024:.0f} MiB after the flood"


def test_an_endless_paste_is_dropped_and_ctrl_q_ends_it_and_the_guide(tmp_path: Path) -> None:
    with guide_on_pty(tmp_path) as run:
        run.wait_for(START)
        run.flood(b"\x1b[200~" + b"spasm " * 1_500_000)  # 9 MB, never ended
        peak = run.peak_rss_kib()
        run.send(b"\x11")
        assert run.wait_exit() == 0
        clean_end(bytes(run.output))
    assert peak < PLAN_KIB, f"peak {peak / 1024:.0f} MiB after the paste"


def test_after_an_endless_paste_goes_quiet_q_is_a_key_again(tmp_path: Path) -> None:
    with guide_on_pty(tmp_path) as run:
        run.wait_for(START)
        run.flood(b"\x1b[200~" + b"x" * 200_000)
        run.read_some(1.0)  # quiet for longer than a paste may pause (tui/input_guard.py)
        run.read_some(0.5)
        run.send(b"q")
        assert run.wait_exit() == 0
        clean_end(bytes(run.output))


def test_a_seeded_burst_of_random_keys_and_bytes_then_ctrl_q(tmp_path: Path) -> None:
    rng = random.Random(1818)
    pieces = [b"j", b"k", b"\x1b[A", b"\x1b[B", b"\r", b"\x1b", b"/", b"\x1b[200~", b"\x1b[201~", b"1", b"s",
              b"\xff", b"\xe9", b" ", b"\t", b"\x7f"]
    burst = b"".join(rng.choice(pieces) for _ in range(50_000))
    with guide_on_pty(tmp_path) as run:
        run.wait_for(START)
        run.flood(burst)
        run.send(b"\x1b[201~")  # whatever the burst left open
        run.read_some(1.0)
        run.send(b"\x11")
        assert run.wait_exit() == 0
        clean_end(bytes(run.output))


def test_keys_typed_at_a_persons_pace_are_never_dropped(tmp_path: Path) -> None:
    """The count of keys waiting for the app goes back down as the app handles them: after
    hundreds of keys, each one still acts (a count that only grew would drop every key)."""
    with guide_on_pty(tmp_path) as run:
        run.wait_for(START)
        for number in range(300):
            run.send(b"\x1b[B" if number % 2 else b"\x1b[A")
            run.read_some(0.005)
        run.read_some(0.5)
        run.send(b"/")
        run.wait_for(b"Type a word")
        for key in b"cramp":
            run.send(bytes([key]))
            run.read_some(0.02)
        run.wait_for(b"cramp")
        run.send(b"\r")
        run.wait_for(b"found")
        run.send(b"\x11")
        assert run.wait_exit() == 0
