"""Floods against the guide: a megabyte of one key and an unterminated paste of 40 MB on a real pty,
150 KB of keys over SSH through the hosted account; each measured by its peak memory against the
hosting doc's per-reader plan and by how soon `q` ends the guide after the flood. And the harness
itself: a guide left alone is within the plan, and a planted traceback would be found.

It is the guide as a hostile stranger meets it, from outside (a real pty, a real sshd set up as
docs/hosting.md says), knowing only the README, the hosting doc, the man page and --help. A case
fails on what the terminal, /proc or the disk shows, never on a guess. Every random input is seeded;
every flood is bounded in bytes and in seconds.
"""

from __future__ import annotations

import os
import random
import stat

import pytest

from tests.support.guide_pty import marked_pids
from tests.support.host_tools import GUIDE
from tests.support.hostile import (
    CHECKLIST,
    DOWN,
    QUIT_GUARD,
    Home,
    Memory,
    assert_answers,
    assert_clean,
    end,
    plan_mib,
    quit_cleanly,
    spawn_guide,
    ssh_session,
    started,
    time_to_exit,
    tracebacks,
    write_flood,
)
from tests.support.private_sshd import SshServer
from tests.support.ptydrive import Session

pytestmark = [pytest.mark.e2e]

QUIT_GOAL = 1.0
"""Issue 18: `q` ends the guide within 1 s after a flood stops."""
QUIT_BOUND = 3.0
"""What this suite allows: the goal plus 2 s for a shared, loaded two-core machine (its soak runs
show a p99 key-to-frame near 0.9 s under load). A guide that still works through a queue of
keys takes ten times this or more (18.8 s over SSH in the issue)."""
FLOOD_SECONDS = 5.0
"""The longest any flood is written for; what the terminal took by then is reported."""


# Floods -------------------------------------------------------------------------------------


def flood_case(session: Session, memory: Memory, data: bytes, what: str) -> None:
    """Write the flood, then `q`: peak memory within the plan, the exit within QUIT_BOUND."""
    cap = plan_mib() * 1024
    flood = write_flood(session, data, FLOOD_SECONDS, memory, cap)
    seconds = None if flood.over_plan else time_to_exit(session, b"q", QUIT_GUARD, memory)
    if flood.over_plan:
        quit_figure = "not measured (over the plan)"
    else:
        quit_figure = f"over {QUIT_GUARD} s" if seconds is None else f"{seconds:.2f} s"
    print(f"\n{what}: {flood.written:,} of {flood.offered:,} bytes taken in {flood.seconds:.1f} s; "
          f"peak RSS {memory.peak_mib:.1f} MiB (plan {plan_mib()} MiB); q to exit {quit_figure}")
    assert_clean(session)
    assert memory.peak_kib <= cap, (f"{what}: peak RSS {memory.peak_mib:.0f} MiB after {flood.written:,} bytes "
                                    f"in {flood.seconds:.1f} s, over the hosting plan of {plan_mib()} MiB a reader")
    assert seconds is not None, f"{what}: q did not end the guide within {QUIT_GUARD} s after the flood"
    assert seconds <= QUIT_BOUND, f"{what}: q took {seconds:.2f} s to end the guide (goal {QUIT_GOAL} s)"


def test_a_megabyte_of_one_key_at_the_start_screen(home: Home) -> None:
    session = spawn_guide(home)
    try:
        started(session)
        memory = Memory([session.pid])
        memory.sample()
        flood_case(session, memory, DOWN * (1_000_000 // len(DOWN)), "1 MB of Down")
    finally:
        end(session)


def test_an_unterminated_paste_of_40_mb(home: Home) -> None:
    session = spawn_guide(home)
    try:
        started(session)
        memory = Memory([session.pid])
        memory.sample()
        rng = random.Random(18)
        words = [bytes(rng.choice(b"abcdefghij klmnop") for _ in range(64)) for _ in range(64)]
        body = b"".join(words) * (40_000_000 // (64 * 64))
        flood_case(session, memory, b"\x1b[200~" + body, "an unterminated paste of 40 MB")
    finally:
        end(session)


def test_a_flood_of_150_kb_over_ssh(hosted: tuple[SshServer, str]) -> None:
    server, mark = hosted
    session = ssh_session(server, [])
    try:
        started(session)
        guides = [pid for pid in marked_pids(mark)]
        assert guides, "no process of the hosted session found"
        memory = Memory(guides)
        memory.sample()
        flood_case(session, memory, DOWN * (150_000 // len(DOWN)), "150 KB of Down over SSH")
    finally:
        end(session)


def test_the_harness_sees_a_plain_start_and_quit(home: Home) -> None:
    """The harness itself: a guide left alone starts, answers a key, and quits with 0, well within
    the plan, and a traceback planted in its output would be found."""
    session = spawn_guide(home)
    try:
        started(session)
        memory = Memory([session.pid])
        memory.sample()
        assert 0 < memory.peak_kib <= plan_mib() * 1024
        assert_answers(session, b"k", CHECKLIST)
        quit_cleanly(session)
    finally:
        end(session)
    assert tracebacks(b"\x1b[31mTraceback \x1b[0m(most recent call last)\r\nUnicodeDecodeError: x")
    assert not tracebacks(b"Closed. Your checklist is saved.")
    assert stat.S_ISREG(os.stat(GUIDE).st_mode)
