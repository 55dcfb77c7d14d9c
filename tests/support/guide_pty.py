"""Run the guide in a real pseudo-terminal: read what it draws, send it keys and signals.

Each run gets its own XDG folders and a marker in its environment, so a test can find every
process the run started (the guide, its speech worker, a player) and prove none is left.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import select
import struct
import sys
import termios
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tests.support.wait import GUARD, holds_within, wait_until

MARK = "SPASM_GUIDE_TEST_RUN"
"""Environment variable naming one run, inherited by every process it starts."""


def marked_pids(mark: str) -> list[int]:
    """Processes whose environment carries this run's marker (this test process excluded)."""
    found = []
    needle = f"{MARK}={mark}".encode()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        with contextlib.suppress(OSError):
            if needle in (entry / "environ").read_bytes().split(b"\0"):
                status = (entry / "status").read_text()
                if "State:\tZ" not in status:
                    found.append(int(entry.name))
    return found


def descendants(root: int) -> list[int]:
    """Every process below `root` (an sshd's session processes and the guides they run)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        for pid in children.get(todo.pop(), []):
            todo.append(pid)
            found.append(pid)
    return found


def wait_until_gone(mark: str, guard: float = GUARD) -> list[int]:
    """Wait (up to the guard) until no process of the run is left; return any still there."""
    holds_within(lambda: not marked_pids(mark), guard, poll=0.1)
    return marked_pids(mark)


@dataclass
class PtyRun:
    """The guide running on a pty whose other side this test holds."""

    pid: int
    """The guide's process id."""
    fd: int
    """The pty's controlling side."""
    mark: str
    """This run's marker (see MARK)."""
    output: bytearray = field(default_factory=bytearray)
    """Everything the guide wrote so far."""
    status: int | None = None
    """The exit status, once it has ended (128 + n when ended by signal n)."""

    def read_some(self, timeout: float = 0.2) -> bool:
        """Read what is waiting; False once the pty is closed."""
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return True
        try:
            data = os.read(self.fd, 65536)
        except OSError:
            return False
        self.output += data
        return bool(data)

    def wait_for(self, text: bytes, guard: float = GUARD) -> None:
        """Read until `text` has been drawn."""
        def drawn() -> bool:
            if text not in self.output and not self.read_some():
                raise AssertionError(f"ended before drawing {text!r}: {bytes(self.output[-400:])!r}")
            return text in self.output

        wait_until(drawn, lambda: f"drawing {text!r}; got {bytes(self.output[-400:])!r}", guard, poll=0)

    def send(self, keys: bytes) -> None:
        """Type keys."""
        os.write(self.fd, keys)

    def flood(self, data: bytes) -> None:
        """Type `data` as fast as the pty takes it, reading what the guide draws meanwhile (as a
        terminal does: a guide blocked on a full screen buffer would never read its keys)."""
        sent = 0
        view = memoryview(data)
        while sent < len(data):
            readable, writable, _ = select.select([self.fd], [self.fd], [], 1.0)
            if readable and not self.read_some(0):
                raise AssertionError(f"the guide ended during the flood: {bytes(self.output[-400:])!r}")
            if writable:
                sent += os.write(self.fd, view[sent:sent + 65536])
        del self.output[:-200_000]  # keep the tail: a flood's echo is not worth holding

    def peak_rss_kib(self) -> int:
        """The guide's peak resident memory so far (VmHWM), in KiB."""
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
        raise AssertionError("no VmHWM line")

    def wait_exit(self, guard: float = GUARD) -> int:
        """Read to the end and reap the guide; return its exit status."""
        def reaped() -> bool:
            alive = self.read_some(0.1)
            done, raw = os.waitpid(self.pid, os.WNOHANG)
            if done:
                status = os.waitstatus_to_exitcode(raw)
                self.status = 128 - status if status < 0 else status
                while self.read_some(0.1):
                    pass
            elif not alive:
                time.sleep(0.05)
            return self.status is not None

        if self.status is None:
            wait_until(reaped, lambda: f"the guide ending; last output {bytes(self.output[-300:])!r}", guard, poll=0)
        assert self.status is not None
        return self.status


@contextlib.contextmanager
def guide_on_pty(home: Path, *args: str, env: dict[str, str] | None = None,
                 size: tuple[int, int] = (24, 80)) -> Iterator[PtyRun]:
    """Start `python -m tui ARGS` on a new pty; kill it and close the pty however the block ends."""
    mark = uuid.uuid4().hex
    full_env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR")}
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        folder = home / name.lower()
        folder.mkdir(parents=True, exist_ok=True)
        full_env[name] = str(folder)
    full_env.update({"TERM": "xterm-256color", MARK: mark, **(env or {})})
    pid, fd = pty.fork()
    if pid == 0:  # the child: the pty is its terminal
        try:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", size[0], size[1], 0, 0))
            os.execve(sys.executable, [sys.executable, "-m", "tui", *args], full_env)
        finally:
            os._exit(127)
    run = PtyRun(pid, fd, mark)
    try:
        yield run
    finally:
        if run.status is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, 9)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)
        with contextlib.suppress(OSError):
            os.close(fd)
