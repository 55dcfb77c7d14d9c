"""Random keys and window sizes, typed into the guide through a real pty, reproducible from a seed.

Shared by tests/test_key_fuzz.py (a short run in CI) and `python -m bench.bench_soak` (10,000 keys). Each
step is a key (every key the guide binds, letters, digits, F-keys, editing keys), a burst of
typed or bracketed-pasted text, or a resize to anything from 6x3 to 250x80. After each step the
driver waits until the guide has drawn its answer and is idle again, so the same seed gives the
same run and keys never queue up in it. A crash is the guide ending (or writing a Python
traceback) before the final `q`.
"""

from __future__ import annotations

import os
import random
import statistics
import string
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tests.support.ptydrive import Session, spawn, threads_idle
from tests.support.wait import GUARD, holds_within

ROOT = Path(__file__).resolve().parents[2]
"""The checkout."""

KEYS: dict[str, bytes] = {
    "up": b"\x1b[A", "down": b"\x1b[B", "right": b"\x1b[C", "left": b"\x1b[D",
    "home": b"\x1b[H", "end": b"\x1b[F", "pageup": b"\x1b[5~", "pagedown": b"\x1b[6~",
    "insert": b"\x1b[2~", "delete": b"\x1b[3~", "tab": b"\t", "shift+tab": b"\x1b[Z",
    "enter": b"\r", "escape": b"\x1b", "backspace": b"\x7f", "space": b" ",
    "ctrl+l": b"\x0c", "ctrl+c": b"\x03", "ctrl+u": b"\x15", "ctrl+k": b"\x0b",
    "f1": b"\x1bOP", "f2": b"\x1bOQ", "f3": b"\x1bOR", "f4": b"\x1bOS", "f5": b"\x1b[15~",
    "f6": b"\x1b[17~", "f7": b"\x1b[18~", "f8": b"\x1b[19~", "f9": b"\x1b[20~", "f10": b"\x1b[21~",
    "f11": b"\x1b[23~", "f12": b"\x1b[24~",
    **{c: c.encode() for c in string.ascii_lowercase if c != "q"},
    **{c: c.encode() for c in string.digits},
    **{c: c.encode() for c in "?/+=-[],.'"},
}
"""Every key the guide binds, and keys it does not, as an xterm sends them. Not q (it quits:
every run ends with Ctrl+Q instead), not Ctrl+Z (it suspends the terminal's job)."""

GUIDE_KEYS = ("up", "down", "left", "right", "pageup", "pagedown", "home", "end", "tab", "shift+tab",
              "enter", "escape", "space", "f1", "?", "/", "k", "n", "p", "s", "c", "r", "v", "x",
              "]", "[", "+", "-", "ctrl+l", *string.digits[1:])
"""The keys the guide binds, drawn more often than the rest so every screen is reached."""

TEXT = string.ascii_letters.replace("q", "") + string.digits + " .,/-?"
"""Characters of a burst or a paste (no q: typed, it would quit)."""

ESC_WAIT = 0.15
"""A lone Esc is read as Esc after 100 ms without a following byte: wait longer than that."""
QUIET = 0.004
"""How long a read waits for more of an answer before the guide is asked whether it is idle
(`idle`, which is what says the answer is over). Long enough for the kernel to hand a key to the
guide's input thread, which is then seen running (a wake-up takes microseconds); 12 ms here made
each of the 900 steps of a run wait 12 ms after its answer for nothing (a third of a run's time)."""
SLOW_KEY = 2.0
"""At most this long for one answer: a busier machine only makes a run slower, never failed."""
IDLE_LOOKS = 4
"""The guide has worked through every key sent once its threads are all seen idle this many
times in a row, a millisecond apart (`threads_idle`: over the 2 ms a frame may be put off)."""


@dataclass
class Step:
    """One thing done to the guide."""

    kind: str
    """"key", "burst" (typed text, one write), "paste" (bracketed paste) or "resize"."""
    name: str
    """The key's name, the text, or "WxH"."""
    data: bytes = b""
    """What is written to the terminal (nothing for a resize)."""
    size: tuple[int, int] = (0, 0)
    """(columns, rows) for a resize."""


def steps(seed: int, count: int, resize_every: int = 25) -> Iterator[Step]:
    """`count` random steps from `seed`; about one in `resize_every` is a resize."""
    rng = random.Random(seed)
    names = list(KEYS)
    for _ in range(count):
        roll = rng.random()
        if roll < 1 / resize_every:
            # Half the resizes stay near the sizes people use, half go anywhere in the range.
            if rng.random() < 0.5:
                size = (rng.choice((38, 39, 40, 41, 59, 60, 80, 120)), rng.choice((10, 11, 12, 13, 19, 20, 24)))
            else:
                size = (rng.randint(6, 250), rng.randint(3, 80))
            yield Step("resize", f"{size[0]}x{size[1]}", size=size)
        elif roll < 0.06:
            text = "".join(rng.choice(TEXT) for _ in range(rng.randint(3, 40)))
            kind = rng.choice(("burst", "paste"))
            data = text.encode() if kind == "burst" else b"\x1b[200~" + text.encode() + b"\x1b[201~"
            yield Step(kind, text, data)
        else:
            name = rng.choice(GUIDE_KEYS) if rng.random() < 0.6 else rng.choice(names)
            yield Step("key", name, KEYS[name])


def start_size(seed: int) -> tuple[int, int]:
    """The window the guide starts in: half the time 80x24, else anything from 6x3 to 250x80."""
    rng = random.Random(seed ^ 0x5EED)
    return (rng.randint(6, 250), rng.randint(3, 80)) if rng.random() < 0.5 else (80, 24)


def guide_env(home: Path) -> dict[str, str]:
    """A terminal like a remote reader's, private folders, and speech switched off (the speech
    worker would play sound on a shared machine; speech has its own tests)."""
    env = {k: v for k, v in os.environ.items() if k not in ("COLORTERM", "NO_COLOR", "COLUMNS", "LINES")}
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[name] = str(home / name.lower())
    env.update(TERM="xterm-256color", SPASM_GUIDE_SPEECH_FAIL="engine", PYTHONPATH=str(ROOT),
               TEXTUAL_ANIMATIONS="none")
    return env


@dataclass
class Run:
    """What a run saw."""

    seed: int
    """The seed it ran with."""
    done: int = 0
    """Steps completed."""
    crash: str = ""
    """Empty, or how the guide ended: its exit status and the last steps."""
    latencies: list[float] = field(default_factory=list)
    """Seconds from each key to the end of its answer (keys that changed nothing are left out)."""
    rss: list[tuple[int, int]] = field(default_factory=list)
    """(step, resident KiB) samples."""
    history: list[str] = field(default_factory=list)
    """Every step, in words."""
    final_rows: list[str] = field(default_factory=list)
    """The screen at 80x24 after the last step."""

    def p99_ms(self) -> float:
        """The 99th percentile of key to frame, in milliseconds."""
        if len(self.latencies) < 2:
            return 0.0
        return statistics.quantiles(self.latencies, n=100)[98] * 1000

    def where(self) -> str:
        """The last steps, to say where a failure happened."""
        return " | ".join(self.history[-8:])


def answer(session: Session, wait_first: float) -> float | None:
    """Read the guide's answer to a step: seconds to its last byte, or None if it drew nothing."""
    sent = time.perf_counter()
    before = len(session.log)
    deadline = sent + SLOW_KEY
    quiet = max(QUIET, wait_first)
    while time.perf_counter() < deadline:
        try:
            got = session.read_some(quiet)
        except (EOFError, OSError):  # the guide ended and its terminal closed
            break
        if not got:
            break
        quiet = QUIET
    # Quiet output is not enough on a busy machine: a guide given little CPU pauses mid-answer,
    # the next key is sent, and keys queue up in it (hundreds, on a machine loaded eight times
    # over). Their queue then counts as the guide's memory, and a final Ctrl+Q waits behind them.
    # So also wait until it is idle, reading what it writes meanwhile.
    while time.perf_counter() < deadline and not idle(session.pid):
        try:
            session.read_some(0.001)
        except (EOFError, OSError):
            break
    if len(session.log) == before:
        return None
    return session.log[-1][0] - sent


def idle(pid: int) -> bool:
    """True once every thread of the guide has been seen asleep `IDLE_LOOKS` times in a row (see
    `threads_idle`): the input thread too, which reads a key before the main thread is told of it."""
    return threads_idle(pid, IDLE_LOOKS)


def redrawn(session: Session, columns: int, rows: int) -> list[str]:
    """Let the guide catch up with the keys sent (on a busy machine they queue), resize, and
    return the rows a terminal shows once the emergency line is back (everything the guide
    wrote, through pyte); the rows as they are if it never comes within the guard."""
    session.settle(1.0, GUARD)
    session.resize(columns, rows)
    holds_within(lambda: session.settle(0.3) >= 0 and "Emergency" in session.shown().splitlines()[0], poll=0)
    return [line.rstrip() for line in session.shown().splitlines()]


def quit_guide(session: Session, limit: float = GUARD) -> tuple[int | None, str]:
    """Quit with Ctrl+Q (q would type into the search box) and return the exit status and ""; a
    guide that does not end within `limit` seconds is killed, and None returned with where its
    threads were."""
    session.send(b"\x11")
    end = time.perf_counter() + limit
    while session.alive() and time.perf_counter() < end:
        session.settle(0.1, 0.5)
    stacks = ""
    if session.alive():
        stacks = session.kill_with_stacks()
        os.waitpid(session.pid, 0)
        status = None
    else:
        status = session.exit_status
    os.close(session.fd)
    return status, stacks


def run(seed: int, count: int, home: Path, rss_every: int = 0) -> Run:
    """Start the guide at a size drawn from `seed`, take `count` random steps, check the screen at
    80x24, then quit with Ctrl+Q."""
    size = start_size(seed)
    work = home / "cwd"
    work.mkdir(parents=True, exist_ok=True)
    session = spawn([sys.executable, "-m", "tui"], guide_env(home), size=size, cwd=str(work))
    session.shown()  # a terminal from the start, resized with the window
    result = Run(seed, history=[f"start {size[0]}x{size[1]}"])
    answer(session, 3.0)  # the first paint (slow to import on a busy machine)
    answer(session, 0.3)
    for step in steps(seed, count):
        result.history.append(f"{step.kind} {step.name!r}" if step.kind != "key" else step.name)
        if step.kind == "resize":
            session.resize(*step.size)
            answer(session, 0.05)
        else:
            session.send(step.data)
            took = answer(session, ESC_WAIT if step.data.endswith(b"\x1b") else 0.0)
            if took is not None and step.kind == "key" and step.name != "escape":
                result.latencies.append(took)
        result.done += 1
        if rss_every and result.done % rss_every == 0:
            result.rss.append((result.done, session.rss_kib()))
        if not session.alive() or b"Traceback" in session.log[-1][1]:  # (its words are styled apart)
            break
    if session.alive() and not result.crash:
        result.final_rows = redrawn(session, 80, 24)
        if not result.final_rows or "Emergency" not in result.final_rows[0]:
            result.crash = "after the run, at 80x24, the first row is not the emergency line:\n" + "\n".join(
                result.final_rows)
    if session.alive():
        status, stacks = quit_guide(session)
        if status != 0:
            where = f"; its threads were at:\n{stacks}" if stacks else ""
            result.crash = f"exit status {status} after Ctrl+Q{where}"
    else:
        session.settle(0.2, 2.0)
        result.crash = f"the guide ended with exit status {session.exit_status}"
    if b"Traceback" in session.output():
        text = session.output().decode("utf-8", "replace")
        result.crash = (result.crash or "a traceback was written") + ":\n" + text[text.find("Traceback"):][-6000:]
    stray = sorted(p.name for p in work.iterdir())
    if stray and not result.crash:
        result.crash = f"files appeared in the folder the guide was started from: {stray}"
    return result
