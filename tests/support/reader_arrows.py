"""Arrow presses under a real screen reader (tdsr), and the bound on wrong ones.

After an arrow key tdsr waits 20 ms and reads the cursor's line: a frame that comes later is read
as the line just left (the press's `left`). Two kinds of run:
- through a list (`arrow_through`): a press is wrong when what it said first is not the highlighted
  item's row (the row marked "> ", found on the screen, not the row the cursor happens to be on).
  Presses go Down to the list's last item, Up to its first, and again (a list stops at its ends:
  a press there moves nothing, and says so), so they pass the view's edges both ways: the presses
  that scroll the list are counted like any other;
- reading a section by line (`read_by_line`): Down until the end is shown; a press is wrong when
  what it said first is not the cursor's line once its frame has come. (What the guide showed is
  checked apart, exactly: every line once, in order.)
- turning a section's pages by line (`turn_pages`): at the foot of each page, Up and Down, each of
  which brings a page (every row of the text drawn again in one frame, the slowest frames of
  reading by line); judged as reading by line.

Each press waits for what it measures, not for a fixed quiet: the pty is left alone while the
reader races its 20 ms (until tdsr has said the key's line, HANDS_OFF at most), then read until
the frame has come and tdsr has said the first thing for the key, then until nothing has come for
STILL (every key here is one write: a frame that came in two would be read whole).

The bound: no wrong press at all when the machine is quiet, and at most EXCUSED_PER_100 per hundred
when other work is running, reported with every run as a figure. "Other work" is measured, not
guessed: the processor time the whole machine used during the presses (/proc/stat) less what this
test's own processes used (the test, tdsr, the guide, the speech logger and the busy process:
/proc/PID/stat of each), in processors' worth.
"""

from __future__ import annotations

import contextlib
import itertools
import math
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from tests.support.screen_reader import DOWN, UP, Reader

EXCUSED_PER_100 = 2
"""Wrong presses allowed per 100 when other work shares the machine. Under load 3 on 2 cores, one
CI run had 0-2 of 100 in the checklist; 10-11 at load 7-18: a machine that busy fails the test,
as a listener on it would hear the wrong item."""
QUIET_BELOW = 0.2
"""Other work, in processors' worth, below which the machine counts as quiet and no wrong press is
allowed: a tenth of a two-core machine (system daemons and kernel threads use a few hundredths)."""
BUSY_LOOP = "import time\nend = time.monotonic() + 300\nwhile time.monotonic() < end:\n    pass\n"
"""A CPU-bound process beside the guide; it stops by itself."""
MARKED = re.compile(r"^(\s*)> ")
"""The highlighted item's mark at a row's start (tui/fullscreen/widgets/guide_list.py MARK)."""
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
MOVE_WITHIN = 5.0
"""Seconds a press has to show on the screen (every arrow moves the highlight: `bounce`)
before the highlighted row is read: never read the row the press left, on however busy a machine."""
READER_DELAY = 0.02
"""tdsr's default cursor delay: it reads the cursor's line this long after an arrow key."""
HANDS_OFF = 0.05
"""Seconds at most the test leaves the pty alone after a key (READER_DELAY at least, then until tdsr
has said its line, asked of the transcript file every 5 ms): this emulator, in Python, takes no
processor from tdsr and the guide while they race the reader's 20 ms (the pty keeps what comes)."""
STILL = 0.01
"""Seconds with nothing more from the pty, once the frame and the speech have come, and then none of
tdsr, the guide and the speech server ready to run (`Reader.activity`), before the next key: each
key here is answered by one write (measured: one read per key, its last byte 4-86 ms after the key,
at loads 0.5 to 6.8), so this only guards a frame that came in pieces. Between pieces the guide
sleeps a frame's period at most (FRAME_PERIOD, 2 ms, tui/fullscreen/process_setup.py); a longer gap
is a guide or tdsr kept from a processor, seen as ready to run and waited for (a fixed 30 ms quiet
was slower, and ended inside a longer such gap)."""
PAGE_DOWN = b"\x1b[6~"
KEY_NAMES = {DOWN: "Down", UP: "Up"}


@contextlib.contextmanager
def busy_process() -> Iterator[None]:
    """One CPU-bound process running beside the guide while the block runs."""
    hog = subprocess.Popen([sys.executable, "-c", BUSY_LOOP])
    try:
        yield
    finally:
        hog.kill()
        hog.wait()


def guide_pid(reader: Reader) -> int:
    """The guide's process: under tdsr, the shell's child that runs it (tdsr's other child runs the
    speech server; the shell, whose command line names the guide too, waits for it)."""
    pids = [reader.pid]
    while pids:
        pid = pids.pop()
        for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split():
            command = Path(f"/proc/{child}/cmdline").read_bytes().split(b"\0")
            if any(part.endswith(b"spasm-guide") for part in command[:2]):
                return int(child)  # the guide's own: python's script, not sh -c's words
            pids.append(int(child))
    raise LookupError("the guide is not running under tdsr")


def run_times(pid: int) -> dict[str, tuple[float, float]]:
    """Per thread of `pid`, (milliseconds it has run, milliseconds it has been ready to run and
    waiting for a processor): the kernel's /proc/PID/task/TID/schedstat."""
    times = {}
    for task in Path(f"/proc/{pid}/task").iterdir():
        with contextlib.suppress(OSError, ValueError):
            ran, waited, _ = (int(field) / 1e6 for field in (task / "schedstat").read_text().split())
            times[task.name] = (ran, waited)
    return times


def spent(before: dict[str, tuple[float, float]], after: dict[str, tuple[float, float]], which: int) -> float:
    """Milliseconds run (`which` 0) or waited for a processor (1) between two `run_times`."""
    return round(sum(after[task][which] - before[task][which] for task in before if task in after), 1)


def machine_ticks() -> int:
    """Clock ticks every processor of the machine has spent busy so far (/proc/stat)."""
    fields = [int(field) for field in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = fields
    return user + nice + system + irq + softirq + steal


def own_ticks() -> int:
    """Clock ticks this test's processes have used: this one and all under it, with the children
    they have reaped (so a process that ends keeps counting, in its parent)."""
    pids, total = [os.getpid()], 0
    while pids:
        pid = pids.pop()
        with contextlib.suppress(OSError, ValueError):
            fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
            total += sum(int(field) for field in fields[11:15])  # utime, stime, cutime, cstime
            for task in Path(f"/proc/{pid}/task").iterdir():
                pids += [int(child) for child in (task / "children").read_text().split()]
    return total


def load_average() -> str:
    return Path("/proc/loadavg").read_text().split()[0]


def list_rows(reader: Reader) -> list[str]:
    """Every row but the first (the emergency line): a list's items may scroll up to the title's
    row, and the key bar and the result never carry the mark."""
    return reader.screen.display[1:]


def unmarked(shown: list[str]) -> list[str]:
    return [MARKED.sub(r"\1  ", row) for row in shown]


def highlighted_row(shown: list[str]) -> str:
    """The highlighted item's first row, as the reader speaks a line (stripped)."""
    marked = [row.strip() for row in shown if MARKED.match(row)]
    return marked[0] if len(marked) == 1 else f"({len(marked)} rows marked highlighted)"


@dataclass
class Press:
    """One arrow press and what the reader said for it."""

    key: bytes
    said: str
    """What tdsr said first."""
    highlighted: str
    """The highlighted item's first row once the screen was still."""
    moved: bool
    """The list changed (the highlight moved)."""
    scrolled: bool
    """The list's rows moved, not only the highlight: the press scrolled the list."""
    ran: float
    """Milliseconds the guide's threads ran in the press (until the terminal was still)."""
    ran_to_frame: float
    """Of those, the milliseconds run by the time the test saw the press's frame: the work that can
    have made the frame late. What the guide runs after its frame is sent (a pass of the cycle
    collector, tui/fullscreen/rest_collector.py) cannot; a frame seen early counts some of it."""
    waited: float
    """Milliseconds they were ready to run but waited for a processor."""
    reader_waited: float
    """Milliseconds tdsr was ready to run but waited for a processor (it must pass the key on)."""
    left: str = ""
    """The highlighted row (or the cursor's line) before the press: what a frame later than the
    reader's 20 ms makes it say."""

    @property
    def wrong(self) -> bool:
        return self.said != self.highlighted

    def __str__(self) -> str:
        late = " (the line just left: its frame came after the reader read)" if self.said == self.left else ""
        return (f"{KEY_NAMES.get(self.key, repr(self.key))}{' (scrolling)' if self.scrolled else ''}: said "
                f"{self.said!r} for {self.highlighted!r}{late}; the guide ran {self.ran} ms "
                f"({self.ran_to_frame} ms by its frame) and waited {self.waited} ms for a processor, tdsr "
                f"waited {self.reader_waited} ms")


@dataclass
class ArrowRun:
    """The presses through one list, and how busy the machine was meanwhile."""

    name: str
    size: tuple[int, int]
    presses: list[Press]
    other_work: float
    """Processors' worth of work on the machine not this test's, over the presses."""
    load: str
    """The 1-minute load average before and after."""

    def wrong(self) -> list[Press]:
        return [press for press in self.presses if press.wrong]

    def quiet(self) -> bool:
        return self.other_work < QUIET_BELOW

    def allowed(self) -> int:
        """Wrong presses allowed: none on a quiet machine, else EXCUSED_PER_100 per hundred."""
        return 0 if self.quiet() else math.floor(EXCUSED_PER_100 * len(self.presses) / 100)

    def figure(self) -> str:
        """One line for the test's output and the README."""
        scrolling = [press for press in self.presses if press.scrolled]
        columns, rows = self.size
        return (f"{self.name} at {columns}x{rows}: {len(self.wrong())} wrong of {len(self.presses)} presses "
                f"({sum(press.wrong for press in scrolling)} of the {len(scrolling)} that scrolled), "
                f"{self.allowed()} allowed; other work {self.other_work:.2f} processors "
                f"({'quiet' if self.quiet() else 'busy'}), load {self.load}")


def screen_state(reader: Reader) -> tuple[list[str], int, int]:
    """The rows and where the cursor is: what a key can change."""
    return reader.screen.display, reader.screen.cursor.x, reader.screen.cursor.y


def cursor_line(reader: Reader) -> str:
    """The cursor's line as tdsr's sayline speaks it ("blank" for an empty one)."""
    return reader.cursor_line() or "blank"


def press_and_hear(reader: Reader, key: bytes, changes: Callable[[], object],
                   at_frame: Callable[[], None] = lambda: None) -> tuple[float, str]:
    """Type `key`; read until `changes()` differs from before (or MOVE_WITHIN has passed) and tdsr
    has said the first thing for it, then until the pty is STILL; `at_frame` is called as soon as
    the change is seen. Returns when it was typed and what was said first ("(nothing)" if nothing
    within 3 s)."""
    before = changes()
    at = time.monotonic()
    os.write(reader.fd, key)
    reader.keys.append((at, key))
    time.sleep(READER_DELAY)
    while reader.first_said(at) is None and time.monotonic() < at + HANDS_OFF:
        time.sleep(0.005)
    reader.settle(0)  # what has come, without waiting
    moved_by = time.monotonic() + MOVE_WITHIN
    while changes() == before and time.monotonic() < moved_by:
        reader.pump(0.01)  # a starved guide can be late by far more than HANDS_OFF: wait for its frame
    at_frame()
    said = reader.first_said_after(at) or "(nothing)"
    reader.settle(STILL)
    while reader.activity()[1]:  # one of them is still to finish: what it writes is this key's
        reader.settle(STILL)
    return at, said


def press_through(reader: Reader, name: str, keys: Iterable[bytes], expected: Callable[[Reader], str],
                  changes: Callable[[Reader], object], last: Callable[[str], bool] = lambda _: False) -> ArrowRun:
    """Press each of `keys` (stopping after the press whose `expected` line is `last`): what tdsr
    said first against `expected`, the line it should have said, once the press's frame has come;
    with the processor time of the guide and tdsr in each press, and the machine's other work."""
    pid = guide_pid(reader)
    load, started, machine, own = load_average(), time.monotonic(), machine_ticks(), own_ticks()
    done: list[Press] = []
    for key in keys:
        before, left = list_rows(reader), expected(reader)
        times, reader_times = run_times(pid), run_times(reader.pid)
        frame_times: list[dict[str, tuple[float, float]]] = []
        _, said = press_and_hear(reader, key, lambda: changes(reader),
                                 lambda seen=frame_times: seen.append(run_times(pid)))
        after_times, reader_after = run_times(pid), run_times(reader.pid)
        after = list_rows(reader)
        done.append(Press(key, said, expected(reader), after != before, unmarked(after) != unmarked(before),
                          spent(times, after_times, 0), spent(times, frame_times[0], 0), spent(times, after_times, 1),
                          spent(reader_times, reader_after, 1), left))
        if last(done[-1].highlighted):
            break
    seconds = time.monotonic() - started
    other = (machine_ticks() - machine - (own_ticks() - own)) / CLOCK_TICKS / seconds
    return ArrowRun(name, reader.size, done, max(0.0, other), f"{load} to {load_average()}")


def bounce(presses: int, items: int, start: int = 0) -> list[bytes]:
    """`presses` arrow keys from item `start` of a list of `items`: Down to the last item, Up to
    the first, and again, so every press moves the highlight (the list stops at its ends)."""
    keys: list[bytes] = []
    at, step = start, 1
    for _ in range(presses):
        if not 0 <= at + step < items:
            step = -step
        keys.append(DOWN if step > 0 else UP)
        at += step
    return keys


def arrow_through(reader: Reader, name: str, presses: int, items: int) -> ArrowRun:
    """Press `presses` arrows through the list of `items` that has focus, on its first item:
    down to its end and back (`bounce`)."""
    return press_through(reader, name, bounce(presses, items), lambda reader: highlighted_row(list_rows(reader)),
                         list_rows)


def read_by_line(reader: Reader, name: str, end: str, most: int = 200) -> ArrowRun:
    """Press Down (at most `most` times) until the cursor's line starts with `end`."""
    return press_through(reader, name, [DOWN] * most, cursor_line, screen_state,
                         last=lambda line: line.startswith(end))


def turn_pages(reader: Reader, name: str, end: str, most: int = 200) -> ArrowRun:
    """To the section's end (the cursor's line starts with `end`), page by page: Page down (to
    rest, not judged: not an arrow, tdsr says what it draws), then Up (the line before the new
    page, at the foot of the page before) and Down (the new page again, its first line at the top)."""
    def keys() -> Iterator[bytes]:
        while True:
            reader.press(PAGE_DOWN, settle=0)
            reader.rest()
            yield UP
            yield DOWN
    return press_through(reader, name, itertools.islice(keys(), most), cursor_line, screen_state,
                         last=lambda line: line.startswith(end))
