"""Run the installed guide under a real console screen reader (tdsr), and keep what it says.

tdsr sits between a terminal and a program: it reads what the program writes into its own pyte
screen and sends each thing to say, one line at a time, to a speech server program on its standard
input ("s<text>" to say, "x" to stop, "l<char>" to spell). Here the speech server is a small
script that writes each command, with the time it came, to a file: the transcript. Everything else
is tdsr as a reader runs it, at its default settings (a cursor delay of 20 ms).

Our side of the pty is the terminal: we type keys and keep our own pyte screen of what tdsr passes
through, so a test can set what was said against what was shown.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import re
import select
import shlex
import shutil
import struct
import sys
import termios
import time
import tty
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyte

from tests.support.ptydrive import read_until_quiet
from tests.support.wait import holds_within, wait_until

GUIDE = shutil.which("spasm-guide", path=str(Path(sys.executable).parent)) or "spasm-guide"
"""The installed guide, from this interpreter's environment."""
SHELL_STAYS = 1.0
"""Seconds the shell under tdsr stays after the guide ends (see `start`): tdsr reads the guide's
last line long before, however busy the machine."""
TDSR = shutil.which("tdsr", path=str(Path(sys.executable).parent))
"""The installed screen reader, or None (then the tests say how to install it and fail)."""

LOGGER = """\
import sys, time
log = open(sys.argv[1], "a", encoding="utf-8")
for line in sys.stdin:
    log.write(f"{time.monotonic():.4f} {line}")
    log.flush()
"""
"""The speech server: every command tdsr sends, with the time it came."""

UP, DOWN, TAB, SHIFT_TAB, ENTER, ESC = b"\x1b[A", b"\x1b[B", b"\t", b"\x1b[Z", b"\r", b"\x1b"
STILL_FOR = 0.15
"""Seconds `rest` needs with nothing happening: the longest sleep the guide takes inside one answer
to a key (Textual's ESCAPE_DELAY, 0.1 s, before a lone Esc byte is the Esc key; NOTICE_GRACE, 0.1 s,
in tui/fullscreen/screens/message_rows.py before a stale notice goes; a frame's period is 2 ms) and two
looks more, and more than tdsr's (5 ms before it says what came, 20 ms after an arrow); past a sleep
a process is ready to run, and seen. Checked: after 124 keys of the Spanish walk beside a busy
process (load 6.4 to 7.1), nothing more came on the pty or in the transcript in the next second."""
LOOK_EVERY = 0.02
"""Seconds between `rest`'s looks at whether the guide, tdsr or the speech server is ready to run."""
IDLE_MS = 1.0
"""Processor milliseconds the guide, tdsr and the speech server may use together in STILL_FOR and
still be at rest: the guide's input thread polls (about 0.07 ms each 0.1 s) and its rest collector
looks every 0.5 s (0.2 to 0.5 ms), while the least frame it sends costs 3 ms (tests/support/
reader_arrows.py figures: 3 to 11 ms a press)."""


@dataclass
class Said:
    """One command tdsr sent to the speech server."""

    at: float
    """When it came (time.monotonic, the same clock as `Reader.keys`)."""
    kind: str
    """"s" (say), "x" (stop talking), "l" (a letter), ..."""
    text: str
    """What to say."""


@dataclass
class Reader:
    """The guide running under tdsr on a pty of `size` (columns, rows)."""

    pid: int
    """tdsr's process id."""
    fd: int
    """Our side of the pty."""
    log: Path
    """The speech server's transcript file."""
    size: tuple[int, int]
    """(columns, rows)."""
    screen: pyte.Screen
    """What the terminal shows."""
    stream: pyte.ByteStream
    """Feeds `screen`."""
    keys: list[tuple[float, bytes]] = field(default_factory=list)
    """Each key typed, with its time."""
    seen: set[str] = field(default_factory=set)
    """Every whole word that has been on the screen (after any read)."""
    transcript: list[Said] = field(default_factory=list)
    """What `said()` has read of the transcript so far."""
    read_to: int = 0
    """How far into the transcript file `said()` has read (whole lines only)."""
    ended: bool = False
    """tdsr has ended and been waited for (its process id may since belong to another)."""

    # -- the terminal ---------------------------------------------------------------------------

    def pump(self, seconds: float) -> None:
        """Read what tdsr passes through for `seconds`, onto the screen."""
        end = time.monotonic() + seconds
        while (left := end - time.monotonic()) > 0:
            ready, _, _ = select.select([self.fd], [], [], left)
            if not ready:
                continue
            try:
                data = os.read(self.fd, 65536)
            except OSError:
                return
            if not data:
                return
            self.feed(data)

    def feed(self, data: bytes) -> None:
        """Put what tdsr passed through on the screen, and keep its words."""
        self.stream.feed(data)
        for line in self.screen.display:
            self.seen.update(words(line))

    def settle(self, quiet: float = 0.4, limit: float = 15.0) -> None:
        """Read until nothing arrives for `quiet` seconds (a generous guard against hanging)."""
        read_until_quiet(self.fd, quiet, limit, self.feed)

    def rest(self, still: float = STILL_FOR, limit: float = 15.0) -> None:
        """Read until the guide, tdsr and its speech server have finished with the last key: for
        `still` seconds nothing came on the pty, none of them was ready to run at any look (every
        LOOK_EVERY) and together they ran less than IDLE_MS. A fixed quiet (the `settle` of other
        tests) is both slower and weaker: a guide starved of processor on a busy machine is quiet
        but not done; here it is seen as ready to run, and waited for."""
        def at_rest() -> bool:
            ran, _ = self.activity()
            end = time.monotonic() + still
            while (left := end - time.monotonic()) > 0:
                if read_until_quiet(self.fd, min(left, LOOK_EVERY), LOOK_EVERY, self.feed):
                    return False
                if self.gone():
                    self.settle(0)  # the last of it; nothing more can come
                    return True
                if self.activity()[1]:
                    return False
            return self.activity()[0] - ran < IDLE_MS * 1e6
        wait_until(at_rest, "the guide and tdsr at rest after the key", limit, poll=0)

    def gone(self) -> bool:
        """tdsr has ended (it ends when the guide under it has)."""
        if not self.ended:
            with contextlib.suppress(ChildProcessError):
                self.ended = os.waitpid(self.pid, os.WNOHANG)[0] != 0
        return self.ended

    def activity(self) -> tuple[int, bool]:
        """Nanoseconds tdsr and every process under it (the guide, the speech server) have run so
        far, all threads (the kernel's schedstat), and whether any thread is running or ready to
        run (R) or waiting on a disk (D)."""
        pids, total, busy = [self.pid], 0, False
        while pids:
            pid = pids.pop()
            with contextlib.suppress(OSError, ValueError, IndexError):  # a process or thread that ended
                for task in Path(f"/proc/{pid}/task").iterdir():
                    busy = busy or (task / "stat").read_text().rpartition(")")[2].split()[0] in ("R", "D")
                    total += int((task / "schedstat").read_text().split()[0])
                    pids += [int(child) for child in (task / "children").read_text().split()]
        return total, busy

    def wait_shown(self, text: str, limit: float = 20.0) -> None:
        """Read until `text` is on the screen."""
        def on_screen() -> bool:
            if text not in self.shown():
                self.pump(0.05)
            return text in self.shown()

        wait_until(on_screen, lambda: f"{text!r} on the screen; it showed:\n{self.shown()}", limit, poll=0)

    def shown(self) -> str:
        return "\n".join(self.screen.display)

    def cursor_line(self) -> str:
        """The row the terminal cursor is on, as tdsr's sayline speaks it."""
        return self.screen.display[self.screen.cursor.y].strip()

    def press(self, key: bytes, settle: float = 0.4, hands_off: float = 0.0) -> float:
        """Type `key`, read until the screen is still; return when it was typed.

        `hands_off`: seconds to leave the pty alone first (its buffer keeps what comes), so this
        emulator, in Python, takes no processor time from the reader and the guide while they
        race the reader's cursor delay; a terminal's own emulator costs next to nothing.
        """
        at = time.monotonic()
        os.write(self.fd, key)
        self.keys.append((at, key))
        if hands_off:
            time.sleep(hands_off)
        self.settle(settle)
        return at

    def press_until_ended(self, key: bytes, guard: float = 60.0) -> float:
        """Type `key` (one that quits) and read until tdsr has ended, the guide under it gone; return
        when it was typed. tdsr waits for its speech server before it ends, so everything said is
        then in the transcript, however long a busy machine took to quit (a fixed wait was too
        short at a load of 14)."""
        at = self.press(key, settle=0)

        def ended() -> bool:
            self.pump(0.05)
            with contextlib.suppress(ChildProcessError):
                self.ended = os.waitpid(self.pid, os.WNOHANG)[0] != 0
                return self.ended
            self.ended = True
            return True

        wait_until(ended, "tdsr ending after the quitting key", guard, poll=0)
        return at

    # -- the transcript -------------------------------------------------------------------------

    def said(self) -> list[Said]:
        """Every command sent to the speech server so far (the file is read from where the last
        call stopped: a walk's transcript grows to thousands of lines, read after every key)."""
        if not self.log.exists():
            return list(self.transcript)
        with self.log.open("rb") as log:
            log.seek(self.read_to)
            data = log.read()
        whole = data[:data.rfind(b"\n") + 1]  # a line still being written waits for the next call
        self.read_to += len(whole)
        for line in whole.decode("utf-8").splitlines():
            stamp, _, command = line.partition(" ")
            if command:
                self.transcript.append(Said(float(stamp), command[0], command[1:]))
        return list(self.transcript)

    def first_said(self, at: float) -> str | None:
        """The first thing said for a key typed at the time `at`, if tdsr has said it yet (None if
        not): after the "x" (stop talking) tdsr sends on reading the key. The times are when the
        speech server read each command, so lines said before the key (a new screen's) may carry
        a later time; they come before that "x". Reads the transcript only, not the pty: cheap
        enough to ask while the reader races its 20 ms."""
        self.said()
        since = len(self.transcript)
        while since and self.transcript[since - 1].at >= at:  # the server's times only grow
            since -= 1
        stopped = False
        for said in self.transcript[since:]:
            stopped = stopped or said.kind == "x"
            if stopped and said.kind == "s" and said.text.strip():
                return said.text.strip()
        return None

    def first_said_after(self, at: float, limit: float = 3.0) -> str | None:
        """The first thing said for a key typed at the time `at` (`first_said`), reading the pty
        meanwhile; None if nothing within `limit` seconds."""
        found: list[str] = []

        def spoken() -> bool:
            said = self.first_said(at)
            if said is not None:
                found.append(said)
                return True
            self.pump(0.02)
            return False

        holds_within(spoken, limit, poll=0)
        return found[0] if found else None

    def spoken_since(self, at: float) -> list[str]:
        """What was said (the "s" commands, less blank ones) after the time `at`, in order, as the
        transcript stands now: after `rest`, all of it (tdsr and its speech server were at rest)."""
        return [s.text.strip() for s in self.said() if s.at >= at and s.kind == "s" and s.text.strip()]

    def speech_after(self, at: float, limit: float = 3.0) -> list[str]:
        """What was said (the "s" commands, less blank ones) after the time `at`, in order, once
        the transcript has stopped growing."""
        said: list[str] = []

        def stopped_growing() -> bool:
            before = len(said)
            said[:] = [s.text.strip() for s in self.said() if s.at >= at and s.kind == "s" and s.text.strip()]
            if said and len(said) == before:
                return True
            self.pump(0.15)
            return False

        holds_within(stopped_growing, limit, poll=0)
        return said

    def close(self) -> None:
        """End tdsr and the guide under it (the pty closing ends both)."""
        if not self.ended:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, 15)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self.pid, 0)
        os.close(self.fd)


def start(home: Path, size: tuple[int, int] = (80, 24), args: tuple[str, ...] = ()) -> Reader:
    """Start the installed guide under tdsr on a pty of `size`, with its own private folders."""
    if TDSR is None:
        raise RuntimeError("tdsr is not installed: pip install -e . --group test installs it (the tdsr2 package)")
    home.mkdir(parents=True, exist_ok=True)
    (home / ".config" / "tdsr").mkdir(parents=True, exist_ok=True)  # tdsr saves its settings there
    server = home / "speech_log_server.py"
    server.write_text(LOGGER, encoding="utf-8")
    log = home / "speech.log"
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR", "COLORTERM")}
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"), XDG_DATA_HOME=str(home / ".local"),
               XDG_STATE_HOME=str(home / ".state"), XDG_CACHE_HOME=str(home / ".cache"),
               TERM="xterm-256color", SHELL="/bin/sh")
    # The guide runs from a shell that stays a moment after it, as a reader's own shell does: tdsr
    # (tdsr2 0.2.1, `read_all`) drops what it read in the same read as the terminal's end, so with
    # the guide alone under it, a goodbye line written just before the end went unsaid (13 quits in
    # 80 at a load of 3 to 6); a real terminal's end comes long after, when the reader closes it.
    shell = shlex.join(["/bin/sh", "-c", f"{shlex.join([GUIDE, *args])}; sleep {SHELL_STAYS}"])
    argv = [TDSR, "-s", f"{sys.executable} {server} {log}", shell]
    columns, rows = size
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        # tdsr2 0.2.1 puts its terminal in raw mode and at once restores the old mode, so it would
        # get keys a line at a time: a raw terminal to start with (`stty raw -echo; tdsr`) keeps
        # each key a key.
        tty.setraw(0)
        os.execve(argv[0], argv, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    screen = pyte.Screen(columns, rows)
    reader = Reader(pid=pid, fd=fd, log=log, size=size, screen=screen, stream=pyte.ByteStream(screen))
    return reader


def reader_on_screen(home: Path, size: tuple[int, int], shown: str, args: tuple[str, ...] = (),
                     at_rest: bool = False) -> Iterator[Reader]:
    """A pytest fixture's body: the guide under tdsr (`start`) once `shown` is on screen and the
    first speech has settled (for 0.6 s; or, `at_rest`, once `Reader.rest` says so); closed after
    the test, however it ends."""
    if TDSR is None:
        raise AssertionError("tdsr is not installed: pip install -e . --group test (the tdsr2 package)")
    started = start(home, size, args)
    try:
        started.wait_shown(shown, 30)
        if at_rest:
            started.rest()
        else:
            started.settle(0.6)
        yield started
    finally:
        started.close()


WORD = re.compile(r"(?:[^\W_]|')+")
"""Letters of any alphabet ("músculo" is one word), digits and apostrophes: on English text the
same as `[A-Za-z0-9']+`."""


def words(text: str) -> list[str]:
    """The words of `text`: letters, digits and apostrophes."""
    return WORD.findall(text)
