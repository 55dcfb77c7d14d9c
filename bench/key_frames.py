"""Key to frame for each kind of in-screen key, against a bare Textual app's key in the same run.

A console screen reader (tdsr) reads the cursor's line 20 ms after a key; a frame whose last byte
comes later is read as the line just left. Each press here is timed from the key written to the
pty to the last byte of the frame it brings (the last write before the terminal goes quiet for
`QUIET` seconds), and costs the guide processor time, counted over all its threads from
/proc/PID/task/*/schedstat (so time spent waiting for a processor on a busy machine is left out).

Used by bench/bench_reader.py (the table), bench/profile_frames.py and bench/frame_parts.py
(where the time goes).
"""

from __future__ import annotations

import os
import re
import signal
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from tests.support.ptydrive import Session, spawn

GUIDE = str(Path(sys.executable).parent / "spasm-guide")
CHECKOUT = Path(__file__).resolve().parent.parent
"""The checkout bench/ is in (the bare app is run from it)."""
DOWN, UP, PAGE_DOWN, PAGE_UP, BACKSPACE = b"\x1b[B", b"\x1b[A", b"\x1b[6~", b"\x1b[5~", b"\x7f"
READER_DELAY_MS = 20.0
"""tdsr's default cursor delay."""
MARKED = re.compile(r"^(\s*)> ")
"""The highlighted item's mark at a row's start."""
QUIET = 0.05
"""Seconds with nothing written that end a frame (Textual sends a frame in writes a few ms apart)."""


TIMING_PRELUDE = """\
import functools, gc, json, os, signal, sys, threading, time
from collections import defaultdict
spent, calls, order, on = defaultdict(int), defaultdict(int), [], [False]
def timed(owner, name, label):
    order.append(label)
    original = getattr(owner, name)
    @functools.wraps(original)
    def wrapper(*args, **kwargs):
        if not on[0] or threading.current_thread() is not threading.main_thread():
            return original(*args, **kwargs)
        begun = time.thread_time_ns()
        try:
            return original(*args, **kwargs)
        finally:
            spent[label] += time.thread_time_ns() - begun
            calls[label] += 1
    setattr(owner, name, wrapper)
"""
"""The start of a script run as the guide (bench/frame_parts.py, bench/letter_parts.py): `timed`
makes a method add its main thread's processor time to `spent[label]` while `on[0]` is true;
`order` keeps the labels in the order they were timed."""
GUIDE_MAIN = """\
sys.argv = ["spasm-guide"]
from tui.launch import main
sys.exit(main())
"""
"""The end of such a script: the guide itself, started as its command starts it."""


def frame_timing(lines_inside: str = "") -> str:
    """Lines for such a script that time a frame by its parts (each indented under what calls it);
    `lines_inside` times parts of the lines drawn (more `timed` lines, indented deeper)."""
    return ("import textual._compositor as compositor, textual._styles_cache as styles_cache\n"
            "import textual.screen as screen\n"
            "import tui.fullscreen.lean_driver as lean_driver, tui.output.screen_model as screen_model\n"
            'timed(screen.Screen, "_on_timer_update", "frames (Textual\'s update timer)")\n'
            'timed(screen.Screen, "_refresh_layout", "  layout (and its frame)")\n'
            'timed(compositor.Compositor, "render_update", "  compose the changed lines")\n'
            'timed(styles_cache.StylesCache, "render_line", "    lines drawn (styles cache)")\n'
            + lines_inside +
            'timed(compositor.ChopsUpdate, "render_segments", "  to escape sequences")\n'
            'timed(lean_driver.LeanDriver, "write", "  lean driver: rewrite and write")\n'
            'timed(screen_model.ScreenModel, "rewrite", "    screen model")\n')


@dataclass
class Press:
    """One key and the frame it brought."""

    frame_ms: float
    """Key written to the frame's last byte."""
    first_ms: float
    """Key written to the frame's first byte."""
    cpu_ms: float
    """Processor time of all the program's threads from the key to the end of the frame."""
    sent: int
    """Bytes the frame took."""
    scrolled: bool = False
    """The rows moved, not only the highlight's "> " mark: the press scrolled a list or a text."""


def cpu_ms(pid: int) -> float:
    """Milliseconds all threads of `pid` have run (the kernel's schedstat; 0 for a thread gone)."""
    total = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            total += int((task / "schedstat").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            continue
    return total / 1e6


def press(session: Session, key: bytes) -> Press | None:
    """Type `key` and read its frame; None if nothing was drawn (a key at the end of a list).

    The frame ends with the last write that changed what the terminal shows or where its cursor
    is (a write that only moves the cursor where it already is, as Textual's next frame after a
    save does, changes nothing a reader hears)."""
    session.shown()  # the screen before the key
    before = len(session.log)
    ran = cpu_ms(session.pid)
    sent = time.perf_counter()
    session.send(key)
    session.settle(QUIET, 3.0)
    ran = cpu_ms(session.pid) - ran
    pieces = session.log[before:]
    if not pieces:
        return None
    screen = session._screen
    rows_before = unmarked(screen.display)
    last = None
    for at, data in pieces:  # the pieces are not fed yet: `shown` fed all before the key
        was = (list(screen.display), screen.cursor.x, screen.cursor.y)
        session._stream.feed(data)
        if (list(screen.display), screen.cursor.x, screen.cursor.y) != was:
            last = at
    session._fed = len(session.log)
    if last is None:
        return None
    return Press((last - sent) * 1000, (pieces[0][0] - sent) * 1000, ran, sum(len(data) for _, data in pieces),
                 unmarked(screen.display) != rows_before)


def unmarked(rows: list[str]) -> list[str]:
    """The rows without the highlighted item's "> " mark (tui/fullscreen/widgets/guide_list.py MARK)."""
    return [MARKED.sub(r"\1  ", row) for row in rows]


def start_guide(env: dict[str, str], size: tuple[int, int], argv: list[str] | None = None) -> Session:
    session = spawn(argv or [GUIDE], env, size)
    session.read_until_shown("Read the guide", 30)
    session.settle(0.5)
    return session


def open_screen(session: Session, key: bytes, marker: str) -> None:
    session.send(key)
    session.read_until_shown(marker, 30)
    session.settle(0.5)


def to_and_fro(forth: bytes, back: bytes, run: int) -> Iterator[bytes]:
    """`run` presses of `forth`, then `run` of `back`, for ever."""
    while True:
        yield from [forth] * run
        yield from [back] * run


UP_AT_THE_END = b"\x1bOA"
"""Up as a terminal in application mode sends it: the same key to the guide, told apart here as the
press that brings a list's "This is the first item." message."""


def past_the_first_item() -> Iterator[bytes]:
    """Up on the first item (its message shown), Down (the message goes), Up, for ever."""
    while True:
        yield from (UP_AT_THE_END, DOWN, UP)


def reading_down(*sections: tuple[int, int]) -> Iterator[bytes]:
    """For each (section, presses): its number (a section screen changes in place), then Down
    that many times; for ever. Enough presses reach the section's end at 40x12; at 80x24 a
    few at the end say the end row again and draw nothing."""
    while True:
        for number, downs in sections:
            yield str(number).encode()
            yield from [DOWN] * downs


def typing(word: str) -> Iterator[bytes]:
    """The letters of `word`, then as many rub-outs, for ever."""
    while True:
        yield from (letter.encode() for letter in word)
        yield from [BACKSPACE] * len(word)


@dataclass(frozen=True)
class KeyKind:
    """A kind of in-screen key: how to reach its screen, and the keys to press there."""

    name: str
    setup: tuple[tuple[bytes, str], ...]
    """(key, words on the screen once it has worked) to reach the screen."""
    keys: Callable[[], Iterator[bytes]]
    """The keys to press, in order."""
    timed: Callable[[bytes], bool] = lambda key: True
    """Which of them are timed (a rub-out after a search word is not a letter)."""
    scrolling: bool = False
    """Only the presses that scrolled are timed (the others are pressed to get there)."""
    tries: int = 12
    """Keys pressed at most per timed press ("cramp" and its rub-outs: 1 timed in 10)."""

    def counts(self, key: bytes, done: Press) -> bool:
        """True if this press of `key` is one of the kind's timed ones."""
        return self.timed(key) and (done.scrolled or not self.scrolling)


KINDS = (
    KeyKind("focus move (contents)", ((b"\r", "Contents"),), lambda: to_and_fro(DOWN, UP, 5)),
    KeyKind("focus move (checklist)", ((b"k", "symptoms"),), lambda: to_and_fro(DOWN, UP, 5)),
    KeyKind("focus move scrolling list", ((b"k", "symptoms"),), lambda: to_and_fro(DOWN, UP, 40), scrolling=True),
    KeyKind("toggle (checklist)", ((b"k", "symptoms"),), lambda: to_and_fro(b" ", b" ", 1)),
    KeyKind("message at a list's end (contents)", ((b"\r", "Contents"),), past_the_first_item,
            lambda key: key == UP_AT_THE_END),
    KeyKind("page down/up (section 8)", ((b"8", "Section eight"),), lambda: to_and_fro(PAGE_DOWN, PAGE_UP, 1)),
    KeyKind("line down (section 8)", ((b"8", "Section eight"),), lambda: to_and_fro(DOWN, UP, 4)),
    KeyKind("line down that pages", ((b"9", "Section nine"),),
            lambda: reading_down((9, 45), (8, 45), (6, 115)), lambda key: key == DOWN, scrolling=True, tries=30),
    KeyKind("next/previous section", ((b"4", "Section four"),), lambda: to_and_fro(b"n", b"p", 1)),
    KeyKind("search letter", ((b"/", "Search the guide"),), lambda: typing("cramp"), lambda key: key != BACKSPACE),
    KeyKind("search letter bringing places", ((b"/", "Search the guide"),), lambda: typing("cramp"),
            lambda key: key == b"a"),  # "cra" begins "cramp": the first letter with places (before, the "p")
)
"""Every in-screen key the reader benchmark times."""


def time_kind(kind: KeyKind, env: dict[str, str], size: tuple[int, int], presses: int,
              argv: list[str] | None = None) -> list[Press]:
    """`presses` timed presses of one kind of key, in a guide of its own."""
    session = start_guide(env, size, argv)
    out: list[Press] = []
    try:
        for key, marker in kind.setup:
            open_screen(session, key, marker)
        keys = kind.keys()
        tries = 0
        while len(out) < presses and tries < presses * kind.tries:
            tries += 1
            key = next(keys)
            done = press(session, key)
            if done is not None and kind.counts(key, done):
                out.append(done)
    finally:
        leave(session)
    return out


def leave(session: Session) -> None:
    """Quit from whatever screen is open (in the search box, q is a letter): Esc, then q."""
    session.send(b"\x1b")
    session.settle(0.3, 3.0)
    session.finish()


def press_between_signals(session: Session, kind: KeyKind, presses: int, out: Path,
                          after_each: Callable[[bool], None] | None = None) -> tuple[list[float], int]:
    """For bench/frame_parts.py and bench/profile_frames.py: open `kind`'s screen, send SIGUSR1
    (the guide starts counting), press until `presses` of its keys count, send SIGUSR2 (the guide
    writes `out`), wait for `out`, and quit. `after_each(counted)` is called after each press
    once its frame is over. Returns the counted presses' processor time (ms) and how many keys
    were pressed in all."""
    cpu: list[float] = []
    made = 0
    try:
        for key, marker in kind.setup:
            open_screen(session, key, marker)
        os.kill(session.pid, signal.SIGUSR1)
        time.sleep(0.1)
        keys = kind.keys()
        while len(cpu) < presses:
            key = next(keys)
            done = press(session, key)
            made += 1
            counted = done is not None and kind.counts(key, done)
            if done is not None and counted:
                cpu.append(done.cpu_ms)
            if after_each is not None:
                after_each(counted)
        os.kill(session.pid, signal.SIGUSR2)
        deadline = time.monotonic() + 10
        while not out.exists() and time.monotonic() < deadline:
            session.settle(0.1, 0.5)
    finally:
        leave(session)
    return cpu, made


def time_bare(env: dict[str, str], size: tuple[int, int], presses: int) -> list[Press]:
    """The same for a bare Textual app's one key (bench/bare_app.py), the baseline."""
    session = spawn([sys.executable, "-m", "bench.bare_app"], env, size, cwd=str(CHECKOUT))
    out: list[Press] = []
    try:
        session.read_until_shown("Bare app ready", 30)
        session.settle(0.5)
        while len(out) < presses:
            done = press(session, b"n")
            if done is not None:
                out.append(done)
    finally:
        session.finish()
    return out


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


HEADER = (f"{'key to frame (last byte)':28} {'p50':>6} {'p99':>6} {'max':>6} {'p99/bare':>8}  "
          f"{'late':>7}  {'CPU p50':>7} {'p95':>5} {'max':>5}  bytes")


def row(name: str, presses: list[Press], bare_p99: float) -> str:
    """One line of the table: frame times in ms, the share late for the reader, CPU per press."""
    if not presses:
        return f"{name:28} (no frames)"
    frames = [p.frame_ms for p in presses]
    cpu = [p.cpu_ms for p in presses]
    late = sum(ms > READER_DELAY_MS for ms in frames)
    p99 = percentile(frames, .99)
    return (f"{name:28} {statistics.median(frames):6.1f} {p99:6.1f} {max(frames):6.1f} {p99 / bare_p99:7.1f}x  "
            f"{late:3d}/{len(frames):<3d}  {statistics.median(cpu):7.1f} {percentile(cpu, .95):5.1f} "
            f"{max(cpu):5.1f}  {statistics.median(p.sent for p in presses):5.0f}")
