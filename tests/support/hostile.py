"""What the outside hostile suite shares: the guide started as a stranger would start it (its own
short XDG folders, optionally as another account), the checks every case makes (it answers, ends
cleanly, never prints a traceback), floods written while the screen is read and memory sampled,
the one way to find a traceback in what a terminal received, and the hosted account of
docs/hosting.md on a private sshd with a reader's ssh session to it.

Nothing here reads the guide's code: every figure comes from the terminal, /proc and the disk.
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
import signal
import struct
import tempfile
import termios
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.support.guide_pty import MARK
from tests.support.host_tools import GUIDE
from tests.support.private_sshd import (
    HOSTING_DOC,
    SshServer,
    block_for_user,
    match_block,
    os_user,
    remote_path,
    running_sshd,
)
from tests.support.ptydrive import STACKS_ON_ABORT, Session, spawn

WITHOUT_DAC = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--"]
"""Run as root but bound by file modes like any account (root reads a mode-000 file otherwise)."""

SGR = re.compile(rb"\x1b\[[0-9;:]*m")
"""Colour and style changes: taken out, so a styled word stays whole."""
ANSI = re.compile(rb"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[PX^_][^\x1b]*\x1b\\|[@-Z\\-_])")
"""Every other escape sequence (cursor moves): a space, so two rows never run into one word."""

EXCEPTION_NAMES = re.compile(r"Traceback|KeyboardInterrupt|\b[A-Z][A-Za-z]+(Error|Exception)(:|\s*$)", re.MULTILINE)
"""What a Python traceback or an uncaught exception prints (also Rich's boxed form): a name ending
in Error or Exception as a traceback's last line has it (followed by ":" or the line's end)."""


def plan_mib() -> int:
    """The per-reader memory plan of docs/hosting.md ("Plan for N MiB a reader"), read from it."""
    found = re.search(r"Plan for (\d+) MiB a reader", HOSTING_DOC.read_text(encoding="utf-8"))
    assert found, "docs/hosting.md no longer states a per-reader memory plan"
    return int(found.group(1))


def plain_text(data: bytes) -> str:
    """What a terminal received, without its escape sequences, as text."""
    return ANSI.sub(b" ", SGR.sub(b"", data)).decode("utf-8", "replace")


def tracebacks(data: bytes) -> list[str]:
    """Each place a traceback or an exception name appears in what the terminal received."""
    text = plain_text(data)
    return [text[max(0, m.start() - 80): m.end() + 200] for m in EXCEPTION_NAMES.finditer(text)][:3]


def squeezed(text: str) -> str:
    """Text with every space and line break taken out (a wrapped word is still found)."""
    return "".join(text.split())


# A home of one's own ---------------------------------------------------------------------------


@dataclass
class Home:
    """A reader's home with short XDG folders (short, so a path in a message fits on one row)."""

    root: Path

    @property
    def config(self) -> Path:
        return self.root / "c" / "spasm-guide"

    @property
    def state(self) -> Path:
        return self.root / "s" / "spasm-guide"

    @property
    def data(self) -> Path:
        return self.root / "d" / "spasm-guide"

    def env(self) -> dict[str, str]:
        """The environment that puts the guide's files here."""
        names = {"XDG_CONFIG_HOME": "c", "XDG_STATE_HOME": "s", "XDG_DATA_HOME": "d", "XDG_CACHE_HOME": "k"}
        for sub in names.values():
            (self.root / sub).mkdir(parents=True, exist_ok=True)
        return {"HOME": str(self.root), **{k: str(self.root / v) for k, v in names.items()}}



@contextlib.contextmanager
def short_home() -> Iterator[Home]:
    """A fresh Home under /tmp (world-traversable, so another account can be given it)."""
    root = Path(tempfile.mkdtemp(prefix="hg", dir="/tmp"))
    root.chmod(0o755)
    try:
        yield Home(root)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def spawn_guide(home: Home, *args: str, size: tuple[int, int] = (80, 24), bound_by_modes: bool = False,
                env: dict[str, str] | None = None) -> Session:
    """The installed `spasm-guide ARGS` on a new pty of `size`, with `home`'s folders; with
    `bound_by_modes`, unable to read past a file's mode even when the suite runs as root."""
    full = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR", "COLORTERM")}
    full.update({"TERM": "xterm-256color", "LANG": "C.UTF-8", **STACKS_ON_ABORT, **home.env(), **(env or {})})
    argv = [str(GUIDE), *args]
    if bound_by_modes and os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        assert setpriv, "setpriv (util-linux) is needed to test an unreadable file as root"
        argv = [setpriv, *WITHOUT_DAC[1:], *argv]
    pid, fd = pty.fork()
    if pid == 0:
        try:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
            os.execve(argv[0], argv, full)
        finally:
            os._exit(127)
    return Session(pid=pid, fd=fd, started=time.perf_counter(), size=size)


def runs_own_code(session: Session) -> bool:
    """True once the guide's own code runs: the process is the installed `spasm-guide` (not the
    test's fork before it) and has loaded termios, which tui.output.early_paint imports, or it has
    already ended. Before that it is Python starting, whose own Ctrl+C handling is Python's (as
    tests/test_output_and_signals.py says of its Ctrl+C at start). Reads what it writes meanwhile."""
    with contextlib.suppress(EOFError, OSError):
        session.read_some(0.002)
    if not session.alive():
        return True
    try:
        return str(GUIDE).encode() in Path(f"/proc/{session.pid}/cmdline").read_bytes() and \
            "termios" in Path(f"/proc/{session.pid}/maps").read_text()
    except OSError:
        return False


def end(session: Session) -> None:
    """Kill the program if it still runs and close its pty (however a test ended)."""
    if session.alive():
        with contextlib.suppress(ProcessLookupError):
            os.kill(session.pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(session.pid, 0)
    with contextlib.suppress(OSError):
        os.close(session.fd)


def watch(session: Session, seconds: float) -> None:
    """Read for `seconds` (or until the program closes its terminal). Each read waits at most
    what is left of them: a read of 50 ms made `watch(session, 0.01)` last 50 ms when the program
    wrote nothing (128 bytes typed one by one then took 6.4 s instead of 1.3 s)."""
    stop = time.monotonic() + seconds
    with contextlib.suppress(EOFError, OSError):
        while (left := stop - time.monotonic()) > 0:
            session.read_some(min(0.05, left))


def shows(session: Session, text: str, guard: float = 30.0) -> str:
    """Read until `text` is on the screen; fail saying how the program ended if it ends first."""
    stop = time.monotonic() + guard
    while text not in session.shown():
        if time.monotonic() > stop:
            screen = session.shown()
            raise AssertionError(f"{text!r} never shown; the screen:\n{screen}\nits threads were at:\n"
                                 f"{session.kill_with_stacks()}")
        try:
            session.read_some(0.05)
        except (EOFError, OSError):
            stop = time.monotonic() + 2.0
            while session.alive() and time.monotonic() < stop:  # reap it, for its status
                time.sleep(0.05)
            got = tracebacks(session.output()) or plain_text(session.output()[-400:])
            raise AssertionError(f"the program ended (status {session.exit_status}) before showing {text!r}; "
                                 f"the terminal got: {got}") from None
    return session.shown()


def step(session: Session, keys: bytes, quiet: float = 0.3) -> str:
    """Type `keys`, read until the guide is quiet, return the screen."""
    session.send(keys)
    with contextlib.suppress(EOFError, OSError):
        session.settle(quiet, 5.0)
    return session.shown()


# What every case checks -----------------------------------------------------------------------


START = "Read the guide"
CHECKLIST = "Check your symptoms"
DOWN, END_KEY, CTRL_U, CTRL_S, CTRL_Q = b"\x1b[B", b"\x1b[F", b"\x15", b"\x13", b"\x11"
QUIT_GUARD = 5.0
"""How long a case waits for the exit at all before it kills the guide (the failure's figure)."""


def started(session: Session, text: str = START) -> str:
    """Wait for `text` on the screen (a guard against a hang only); return the screen."""
    shows(session, text)
    with contextlib.suppress(EOFError, OSError):
        session.settle(0.2, 3.0)
    return session.shown()


def assert_clean(session: Session) -> None:
    """Nothing the terminal received names a traceback or a Python exception."""
    found = tracebacks(session.output())
    assert not found, f"the terminal received a traceback or exception: {found}"


def assert_answers(session: Session, keys: bytes, text: str) -> None:
    """The guide still runs and answers a key: `keys` bring `text` to the screen."""
    assert session.alive(), f"the guide ended (status {session.exit_status}); screen:\n{session.shown()}"
    session.send(keys)
    shows(session, text)


def quit_cleanly(session: Session) -> None:
    """`q` ends the guide with status 0 and nothing the terminal got names an exception."""
    seconds = time_to_exit(session, b"q", QUIT_GUARD)
    assert_clean(session)
    assert seconds is not None, f"q did not end the guide within {QUIT_GUARD} s"
    assert session.exit_status == 0, f"exit status {session.exit_status}"


def open_checklist(session: Session) -> None:
    session.send(b"k")
    shows(session, CHECKLIST)
    session.settle(0.2)


# Memory ---------------------------------------------------------------------------------------


def status_kib(pid: int, field: str) -> int:
    """A `Vm...` figure of /proc/PID/status in KiB (0 once the process has gone)."""
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def descendants(root: int) -> list[int]:
    """`root` and every process below it (by parent id in /proc)."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, ValueError, IndexError):
                stat = (entry / "stat").read_text()
                parent = int(stat[stat.rindex(")") + 2:].split()[1])
                parents.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(parents.get(pid, []))
    return found


@dataclass
class Memory:
    """Peak memory of a group of processes, sampled as they run."""

    roots: list[int]
    """The processes (with their children) that make up one reader."""
    peak_kib: int = 0
    """The largest sum of VmRSS seen, or the largest single VmHWM, whichever is larger."""

    def sample(self) -> int:
        """Sample now; return the current total in KiB."""
        pids = {pid for root in self.roots for pid in descendants(root)}
        total = sum(status_kib(pid, "VmRSS") for pid in pids)
        high = max((status_kib(pid, "VmHWM") for pid in pids), default=0)
        self.peak_kib = max(self.peak_kib, total, high)
        return total

    @property
    def peak_mib(self) -> float:
        return self.peak_kib / 1024


# Floods ---------------------------------------------------------------------------------------


@dataclass
class Flood:
    """What writing a flood did."""

    offered: int
    """Bytes the flood had."""
    written: int
    """Bytes the terminal took (the guide read them, or they wait in the pty)."""
    seconds: float
    """How long the writing went on."""
    over_plan: bool
    """True if memory went over the plan while writing (the writing stopped there)."""


def write_flood(session: Session, data: bytes, limit: float, memory: Memory, cap_kib: int) -> Flood:
    """Write `data` to the terminal as fast as it takes it, reading the output meanwhile (so the
    guide never blocks on a full screen), for at most `limit` seconds; sample memory every 50 ms
    and stop at once when it goes over `cap_kib` (the figure is then already a failure)."""
    start = time.monotonic()
    written, next_sample = 0, 0.0
    view = memoryview(data)
    flags = fcntl.fcntl(session.fd, fcntl.F_GETFL)
    fcntl.fcntl(session.fd, fcntl.F_SETFL, flags | os.O_NONBLOCK)
    try:
        while written < len(data) and time.monotonic() - start < limit:
            now = time.monotonic()
            if now >= next_sample:
                next_sample = now + 0.05
                if memory.sample() > cap_kib or memory.peak_kib > cap_kib:
                    return Flood(len(data), written, now - start, True)
            readable, writable, _ = select.select([session.fd], [session.fd], [], 0.05)
            if readable:
                with contextlib.suppress(BlockingIOError):
                    chunk = os.read(session.fd, 65536)
                    if not chunk:
                        break
                    session.log.append((time.perf_counter(), chunk))
            if writable:
                with contextlib.suppress(BlockingIOError):
                    written += os.write(session.fd, view[written: written + 65536])
    except OSError:  # the program ended and closed its terminal
        pass
    finally:
        with contextlib.suppress(OSError):
            fcntl.fcntl(session.fd, fcntl.F_SETFL, flags)
    return Flood(len(data), written, time.monotonic() - start, memory.peak_kib > cap_kib)


def time_to_exit(session: Session, keys: bytes, guard: float, memory: Memory | None = None) -> float | None:
    """Type `keys` and return the seconds until the program has ended (None if it still runs after
    `guard`), reading its output and sampling memory meanwhile."""
    start = time.monotonic()
    with contextlib.suppress(OSError):
        session.send(keys)
    while time.monotonic() - start < guard:
        if memory is not None:
            memory.sample()
        with contextlib.suppress(EOFError, OSError):
            session.read_some(0.02)
        if not session.alive():
            return time.monotonic() - start
    return None


# The hosted account over SSH ------------------------------------------------------------------


@contextmanager
def hosted_sshd(folder: Path, home: Home) -> Iterator[tuple[SshServer, str]]:
    """A private sshd with the hosting doc's Match block, its sessions marked so /proc finds them:
    the server and the mark."""
    mark = uuid.uuid4().hex
    setenv = {"PATH": remote_path(), MARK: mark, **home.env()}
    with running_sshd(folder, block_for_user(match_block(), os_user()), setenv) as server:
        yield server, mark


def ssh_session(server: SshServer, command: list[str]) -> Session:
    """`ssh -tt` to the hosted account asking it to run `command` (after "--", so a command that
    starts with "--" reaches the server instead of being read as an ssh option)."""
    argv = server.ssh_argv()
    if command:
        argv += ["--", shlex.join(command)]
    return spawn(argv, {"TERM": "xterm-256color"})
