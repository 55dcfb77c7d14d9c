"""Key to frame for every in-screen key against a bare Textual app, a focus move beside a CPU-bound
process, and bytes per action.

Run: .venv/bin/python -m bench.bench_reader [--presses N] [--env NAME=VALUE ...] [--keys-only] [--kind WORDS]

First, each kind of in-screen key (focus move, toggle, page, line, a line that brings a page, next
section, a letter in search; bench/key_frames.py) at 80x24 and 40x12: key written to the frame's
last byte, p50, p99 and max, p99 as a multiple of a bare Textual app's key (bench/bare_app.py) in
the same run, how many came after tdsr's 20 ms, and the guide's processor time per press (all
threads, from schedstat).

A console screen reader (tdsr, Speakup's cursor tracking) reads the cursor's line a set time after
an arrow key: tdsr waits 20 ms. A frame that comes later is read as the item just left. This
measures, on a real pty at 80x24 and 40x12, the time from an arrow key to the write that puts the
terminal cursor on the new item (p50, p95, p99, max), and how many came after 20 ms; once with the
machine as it is, once with a CPU-bound process running beside the guide (it stops by itself).
Then the bytes one focus move, one checklist toggle and one next section send.

--env PYTHONPATH=/path/to/other/checkout measures another version of the code (before and after).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import key_frames
from tests.support.ptydrive import Session, spawn

GUIDE = str(Path(sys.executable).parent / "spasm-guide")
DOWN, UP = b"\x1b[B", b"\x1b[A"
READER_DELAY = 0.020
"""tdsr's default cursor delay."""
HOG = "import time\nend = time.monotonic() + {seconds}\nwhile time.monotonic() < end:\n    pass\n"
"""A CPU-bound process that stops by itself."""


def start(env: dict[str, str], size: tuple[int, int]) -> Session:
    session = spawn([GUIDE], env, size)
    session.read_until_shown("Read the guide", 30)
    session.settle(0.5)
    return session


def cursor(session: Session) -> tuple[int, int]:
    session.shown()
    return session._screen.cursor.y, session._screen.cursor.x


def focus_moves(session: Session, presses: int) -> list[float]:
    """Seconds from each arrow key to the write that moves the cursor, on the contents list."""
    session.send(b"\r")  # Read the guide: the contents list
    session.read_until_shown("Contents", 30)
    session.settle(0.4)
    times = []
    direction = DOWN
    for _ in range(presses):
        before = cursor(session)
        if before[0] >= 11 or (session.size[1] < 24 and before[0] >= session.size[1] - 3):
            direction = UP
        elif before[0] <= 3:
            direction = DOWN
        sent = time.perf_counter()
        session.send(direction)
        moved = None
        end = sent + 5.0
        while moved is None and time.perf_counter() < end:
            session._read_some(0.01)
            if cursor(session) != before:
                moved = session.log[-1][0] - sent
        if moved is None:  # at the end of the list: turn round
            direction = UP if direction == DOWN else DOWN
            continue
        times.append(moved)
        session.settle(0.06)
    return times


def line_moves(session: Session, presses: int) -> tuple[list[float], list[float]]:
    """Seconds from each Down to the write that moves the cursor, reading section 8 by line (Home
    at its end): (presses within the page, presses that bring the next page)."""
    session.send(b"8")
    session.read_until_shown("Section eight", 30)
    session.settle(0.4)
    within: list[float] = []
    paging: list[float] = []
    for _ in range(presses):
        before = cursor(session)
        top = session.shown().splitlines()[2:4]
        sent = time.perf_counter()
        session.send(DOWN)
        moved = None
        end = sent + 5.0
        while moved is None and time.perf_counter() < end:
            session._read_some(0.01)
            if cursor(session) != before:
                moved = session.log[-1][0] - sent
        if moved is None:  # the end of the section: back to its start
            session.send(b"\x1b[H")
            session.settle(0.2)
            continue
        (paging if session.shown().splitlines()[2:4] != top else within).append(moved)
        session.settle(0.06)
    return within, paging


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def bytes_per_action(env: dict[str, str]) -> dict[str, int]:
    session = start(env, (80, 24))
    out = {}
    try:
        for name, keys, marker in (("focus move", DOWN, ""), ("open section 1", b"1", "Section one"),
                                   ("next section", b"n", "Section two"), ("open checklist", b"k", "symptoms"),
                                   ("checklist toggle", b" ", "selected")):
            before = len(session.log)
            session.send(keys)
            if marker:
                session.read_until_shown(marker, 30)
            session.settle(0.4)
            out[name] = sum(len(data) for _, data in session.log[before:])
    finally:
        session.finish()
    return out


def print_key_kinds(env: dict[str, str], presses: int, only: list[str]) -> None:
    """Each kind of in-screen key (those whose names have a part of `only`, if given) against the
    bare app's key, at both sizes, in this run."""
    for size in ((80, 24), (40, 12)):
        bare = key_frames.time_bare(env, size, presses)
        bare_p99 = key_frames.percentile([p.frame_ms for p in bare], .99)
        print(f"{size[0]}x{size[1]}, load {Path('/proc/loadavg').read_text().split()[0]} at the start")
        print(key_frames.HEADER)
        print(key_frames.row("bare Textual app, a key", bare, bare_p99))
        for kind in key_frames.KINDS:
            if only and not any(part in kind.name for part in only):
                continue
            print(key_frames.row(kind.name, key_frames.time_kind(kind, env, size, presses), bare_p99), flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presses", type=int, default=100)
    parser.add_argument("--env", action="append", default=[])
    parser.add_argument("--keys-only", action="store_true", help="only the table of each kind of key")
    parser.add_argument("--kind", action="append", default=[], help="a part of a kind's name (default: all)")
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="bench-reader-"))
    env = {"TERM": "xterm-256color", "XDG_CONFIG_HOME": str(home / "c"), "XDG_DATA_HOME": str(home / "d"),
           "XDG_STATE_HOME": str(home / "s"), "XDG_CACHE_HOME": str(home / "k")}
    env.update(item.split("=", 1) for item in args.env)
    for key in ("COLUMNS", "LINES", "COLORTERM", "NO_COLOR"):
        os.environ.pop(key, None)
    print_key_kinds(env, args.presses, args.kind)
    if args.keys_only:
        return 0
    print(f"{'focus move, key to frame':34} {'p50':>7} {'p95':>7} {'p99':>7} {'max':>7}  late (>20 ms)")
    for load in (False, True):
        for size in ((80, 24), (40, 12)):
            hog = None
            if load:
                hog = subprocess.Popen([sys.executable, "-c", HOG.format(seconds=120)])
            session = start(env, size)
            try:
                times = focus_moves(session, args.presses)
            finally:
                with contextlib.suppress(OSError):
                    session.finish()
                if hog is not None:
                    hog.kill()
                    hog.wait()
            ms = [t * 1000 for t in times]
            late = sum(t > READER_DELAY for t in times)
            label = f"{size[0]}x{size[1]}, {'beside a CPU hog' if load else 'idle'}"
            print(f"{label:34} {statistics.median(ms):6.1f}ms {percentile(ms, .95):6.1f}ms "
                  f"{percentile(ms, .99):6.1f}ms {max(ms):6.1f}ms  {late}/{len(ms)}")
    print(f"{'reading section 8 by Down':34} {'p50':>7} {'p95':>7} {'p99':>7} {'max':>7}  late (>20 ms)")
    for size in ((80, 24), (40, 12)):
        session = start(env, size)
        try:
            groups = line_moves(session, args.presses)
        finally:
            with contextlib.suppress(OSError):
                session.finish()
        for name, times in zip(("within the page", "bringing a page"), groups, strict=True):
            if not times:
                continue
            ms = [t * 1000 for t in times]
            late = sum(t > READER_DELAY for t in times)
            label = f"{size[0]}x{size[1]}, {name}"
            print(f"{label:34} {statistics.median(ms):6.1f}ms {percentile(ms, .95):6.1f}ms "
                  f"{percentile(ms, .99):6.1f}ms {max(ms):6.1f}ms  {late}/{len(ms)}")
    for name, count in bytes_per_action(env).items():
        print(f"bytes: {name:27} {count:6d} B")
    return 0


if __name__ == "__main__":
    sys.exit(main())
