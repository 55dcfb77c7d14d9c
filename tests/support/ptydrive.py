"""Drive a program through a real pseudo-terminal: what it writes, when, and its peak memory."""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import select
import signal
import struct
import termios
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tests.support.wait import GUARD, NeverHappened, wait_until


@dataclass
class Session:
    """A program running on a pty of a given size."""

    pid: int
    """The child's process id."""
    fd: int
    """The pty's master side."""
    started: float
    """When it was started (perf_counter)."""
    log: list[tuple[float, bytes]] = field(default_factory=list)
    """Everything it wrote, with the time each piece arrived."""
    size: tuple[int, int] = (80, 24)
    """(columns, rows) of its terminal."""
    _screen: Any = None
    """A pyte screen fed with `log`, made on the first `shown()`."""
    _stream: Any = None
    """The pyte stream that feeds it."""
    _fed: int = 0
    """How many pieces of `log` it has been fed."""
    exit_status: int | None = None
    """The program's exit code once it has ended (a negative number: killed by that signal)."""
    last_sent: tuple[float, bytes] = (0.0, b"")
    """When the last keys were typed, and what they were (`finish` waits out a lone Esc)."""

    def _read_some(self, wait: float) -> bytes:
        """What arrives within `wait` seconds (b"" if nothing), logged."""
        ready, _, _ = select.select([self.fd], [], [], wait)
        if not ready:
            return b""
        data = os.read(self.fd, 65536)
        if not data:
            raise EOFError("the program closed its terminal")
        self.log.append((time.perf_counter(), data))
        return data

    def read_some(self, wait: float) -> bytes:
        """What arrives within `wait` seconds (b"" if nothing), logged; EOFError once it has ended."""
        return self._read_some(wait)

    def read_until(self, marker: bytes, timeout: float = 20.0) -> tuple[float, int]:
        """Read until `marker` appears in the output since this call; return (seconds, bytes read)."""
        start = time.perf_counter()
        seen = b""
        while marker not in seen:
            if time.perf_counter() - start > timeout:
                raise TimeoutError(f"{marker!r} did not appear; got {seen[-300:]!r}")
            seen += self._read_some(0.05)
        return time.perf_counter() - start, len(seen)

    def shown(self) -> str:
        """The screen as a terminal shows it after everything read so far (needs pyte).

        Textual's output, and more so the guide's screen model, sends only what changed: a word that
        appears on screen need not appear whole in the bytes, so waits look at the screen.
        """
        if self._screen is None:
            import pyte

            self._screen = pyte.Screen(*self.size)
            self._stream = pyte.ByteStream(self._screen)
        for _, data in self.log[self._fed:]:
            self._stream.feed(data)
        self._fed = len(self.log)
        return "\n".join(self._screen.display)

    def read_until_shown(self, text: str, timeout: float = 20.0) -> float:
        """Read until `text` is on the screen; return the seconds it took."""
        start = time.perf_counter()

        def shown() -> bool:
            if text in self.shown():
                return True
            self._read_some(0.05)
            return text in self.shown()

        wait_until(shown, lambda: f"{text!r} on the screen; it showed:\n{self.shown()}", timeout, poll=0)
        return time.perf_counter() - start

    def settle(self, quiet: float = 0.3, limit: float = 5.0) -> int:
        """Read until nothing arrives for `quiet` seconds; return the bytes read."""
        return read_until_quiet(self.fd, quiet, limit, lambda data: self.log.append((time.perf_counter(), data)))

    def rest(self, guard: float = GUARD) -> int:
        """Read until the program has done all it was given: nothing written for `QUIET` and none
        of its threads at work (`threads_idle`); return the bytes read. A fixed quiet (`settle`)
        waits its whole length after a quick answer, and is too short for a program kept from a
        core on a busy machine, or importing Textual after its early start screen."""
        read = [0]

        def at_rest() -> bool:
            read[0] += self.settle(QUIET, guard)
            return threads_idle(self.pid)

        wait_until(at_rest, "the program at rest, its writes read", guard, poll=0)
        return read[0]

    def send(self, keys: bytes) -> None:
        """Type `keys`."""
        os.write(self.fd, keys)
        self.last_sent = (time.monotonic(), keys)

    def resize(self, columns: int, rows: int) -> None:
        """Change the terminal's size, as a window manager does (the program gets SIGWINCH)."""
        if self._screen is not None:
            self.shown()  # what came before is drawn at the old size
            self._screen.resize(rows, columns)
        self.size = (columns, rows)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))

    def alive(self) -> bool:
        """True while the program runs; once it has ended, `exit_status` says how."""
        if self.exit_status is not None:
            return False
        pid, status = os.waitpid(self.pid, os.WNOHANG)
        if pid == 0:
            return True
        self.exit_status = os.waitstatus_to_exitcode(status)
        return False

    def rss_kib(self) -> int:
        """The program's resident memory now, in KiB (Linux), or 0 if it has ended."""
        try:
            with open(f"/proc/{self.pid}/status", encoding="ascii") as status:
                for line in status:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1])
        except OSError:
            pass
        return 0

    def output(self) -> bytes:
        """Everything the program has written so far."""
        return b"".join(data for _, data in self.log)

    def kill_with_stacks(self) -> str:
        """Kill a program that hangs, and return where each of its threads was: `spawn` turns on
        Python's fault handler, which writes every thread's stack to the terminal on SIGABRT."""
        before = len(self.log)
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGABRT)
        read_until_quiet(self.fd, 0.5, 5.0, lambda data: self.log.append((time.perf_counter(), data)))
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        text = b"".join(data for _, data in self.log[before:]).decode("utf-8", "replace")
        start = text.find("Fatal Python error")
        return text[start:].replace("\r\n", "\n") if start >= 0 else "(no stack came before it ended)"

    def finish(self, quit_keys: bytes = b"q") -> int:
        """Quit, wait, and return the peak resident memory in KiB (`exit_status` is set)."""
        at, keys = self.last_sent
        if keys.endswith(b"\x1b"):  # a quit key within the escape delay of a lone Esc is Alt and that key
            time.sleep(max(0.0, at + ESC_WAIT - time.monotonic()))
        self.send(quit_keys)
        self.settle(0.2, 3.0)
        ended: list[tuple[int, int, Any]] = []

        def reaped() -> bool:
            with contextlib.suppress(EOFError, OSError):  # (once it has ended, reading fails)
                self._read_some(0.05)  # a program blocked writing to a full pty would never end
            pid, status, usage = os.wait4(self.pid, os.WNOHANG)
            if pid:
                ended.append((pid, status, usage))
            return bool(pid)

        try:
            wait_until(reaped, "the program ending after its quit keys", poll=0)
        except NeverHappened as hang:  # kill it, so the test fails instead of hanging too
            raise NeverHappened(f"{hang}; its threads were at:\n{self.kill_with_stacks()}") from None
        finally:
            if not ended:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(self.pid, signal.SIGKILL)
                ended.append(os.wait4(self.pid, 0))
            os.close(self.fd)
        self.exit_status = os.waitstatus_to_exitcode(ended[0][1])
        return int(ended[0][2].ru_maxrss)


STACKS_ON_ABORT = {"PYTHONFAULTHANDLER": "1"}
"""In a guide's environment: Python's fault handler writes every thread's stack to the terminal on
SIGABRT (`Session.kill_with_stacks`)."""
ESC_WAIT = 0.7
"""Seconds after a lone Esc before `finish` types its quit key: longer than the longest escape delay
a test sets (ESCDELAY=600), after which the terminal's Esc is the Escape key, not Alt."""
QUIET = 0.15
"""Seconds without a write after which `Session.rest` asks whether the program is idle: longer than
the longest sleep the guide takes inside one answer (0.1 s: Textual's ESCAPE_DELAY, NOTICE_GRACE
in tui/fullscreen/screens/message_rows.py), as the early paint tests' and the screen reader's rest."""

BUSY_STATES = (b"R", b"D")
"""A thread's states (/proc/PID/task/TID/stat) that mean work under way: running or waiting for a
core, or waiting for the disk."""


def threads_idle(pid: int, looks: int = 4) -> bool:
    """True if no thread of process `pid` is busy (`BUSY_STATES`) in any of `looks` looks a
    millisecond apart (so over 3 ms for four: longer than the 2 ms a frame of the guide may be
    put off, asleep, by tui/fullscreen/process_setup.py's FRAME_PERIOD); True once it has ended.
    An idle program has done all it was given: a key it was sent and has not yet read wakes its
    input thread, which is then seen busy."""
    for look in range(looks):
        if look:
            time.sleep(0.001)
        try:
            threads = os.listdir(f"/proc/{pid}/task")
        except OSError:  # it has ended
            return True
        for thread in threads:
            try:
                with open(f"/proc/{pid}/task/{thread}/stat", "rb") as stat:
                    fields = stat.read()
            except OSError:  # that thread has ended
                continue
            if fields[fields.rindex(b")") + 2:][:1] in BUSY_STATES:
                return False
    return True


def read_until_quiet(fd: int, quiet: float, limit: float, take: Callable[[bytes], object]) -> int:
    """Read `fd` until nothing arrives for `quiet` seconds, `limit` seconds pass or it closes,
    handing each piece to `take`; return the bytes read."""
    total = 0
    end = time.monotonic() + limit
    while time.monotonic() < end:
        ready, _, _ = select.select([fd], [], [], quiet)
        if not ready:
            break
        try:
            data = os.read(fd, 65536)
        except OSError:  # the program exited and the pty closed
            break
        if not data:
            break
        take(data)
        total += len(data)
    return total


def spawn(argv: list[str], env: dict[str, str] | None = None, size: tuple[int, int] = (80, 24),
          cwd: str | None = None) -> Session:
    """Start `argv` on a new pty of `size` (columns, rows), in folder `cwd` if given. COLUMNS and
    LINES are not passed on unless `env` sets them: the pty's size is the size (pytest-xdist's
    workers export 80x24)."""
    inherited = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    inherited.update(STACKS_ON_ABORT)
    pid, fd = pty.fork()
    if pid == 0:
        if cwd is not None:
            os.chdir(cwd)
        os.execvpe(argv[0], argv, {**inherited, **(env or {})})
    columns, rows = size
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    return Session(pid=pid, fd=fd, started=time.perf_counter(), size=size)
