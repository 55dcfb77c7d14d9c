"""Read the installed guide on a braille display: BRLTTY, its virtual display, 40 cells.

BRLTTY (the Debian package `brltty`) reads a screen through a screen driver and shows a window of
it on a braille display through a braille driver. Debian's BRLTTY (6.5) has two screen drivers:
the Linux console's (`lx`), which reads whichever virtual console is in front, so a test would
have to take the machine's console; and GNU screen's (`sc`), used here:

- The screen: the sc driver reads the screen that GNU screen keeps in a shared memory segment
  (its key made by ftok(HOME, 'b'), HOME being BRLTTY's own folder here; a byte each for the
  columns, rows, cursor column and cursor row, then the characters, their attributes, and the
  window's number and flags), and types keys with `screen -p N -X stuff KEYS`. Debian's screen
  lacks the patch that writes that segment, so this harness does screen's part: it runs the
  guide on a pty, keeps what the guide draws in a pyte screen and copies it, with the cursor,
  into the segment after every write; a `screen` command where BRLTTY looks for it (/usr/bin,
  in a mount namespace of BRLTTY's own) hands each `stuff` to the harness, which types it to the
  guide and keeps it (so a test sees every key BRLTTY typed: cursor routing types arrow keys).
- The display: BRLTTY's virtual braille driver (`vr`) connects to a Unix socket this harness
  listens on, is told `cells 40`, and sends every window it shows as `Visual "..."` (the
  characters) and `Braille "..."` (the dots). The harness sends a display's keys back:
  `Route 5` is the routing key over the sixth cell (see ROUTING_KEYS).
- Computer braille: no contraction table, so one character is one cell.
"""

from __future__ import annotations

import contextlib
import ctypes
import fcntl
import os
import pty
import re
import select
import shutil
import socket
import struct
import subprocess
import sys
import termios
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pyte

from tests.support.guide_pty import descendants
from tests.support.ptydrive import threads_idle
from tests.support.wait import wait_until

CELLS = 40
"""The display's width: a common braille display, and the one the issue measured with."""
BRLTTY = shutil.which("brltty") or next((str(p) for p in (Path("/bin/brltty"), Path("/sbin/brltty"))
                                         if p.exists()), None)
"""The installed BRLTTY, or None (CI installs it: .ci/run)."""
GUIDE = shutil.which("spasm-guide", path=str(Path(sys.executable).parent)) or "spasm-guide"
"""The installed guide, from this interpreter's environment."""
ROUTING_KEYS = range(1, CELLS)
"""The routing keys a test can press: `Route N` routes to the window's column N counted from 0,
and BRLTTY 6.5's virtual driver takes N from 1 only, so the first cell has none (39 of 40)."""
VISUAL = re.compile(r'^Visual "(?P<text>(?:[^"\\]|\\.)*)"$')
"""A window's characters, as the virtual driver sends them."""
SEGMENT_SIZE = 4 + 66 * 132 * 2
"""The size BRLTTY's GNU screen driver attaches (screen's own limit: 132 columns, 66 rows)."""
IPC_CREAT, IPC_RMID = 0o1000, 0
ATTRIBUTES = 0x07
"""Every cell's attributes byte: light grey on black (BRLTTY shows attributes only if asked)."""
MESSAGE_CENTISECONDS = 20
"""How long BRLTTY holds a message on the display (its default is 4 s): its start-up message is
gone, and a key is a key, 0.2 s after it is shown instead of 4."""
ROUTE_LOGGED = re.compile(r"cursor routing: (from|to): \[(-?\d+),(-?\d+)\]")
"""BRLTTY's log of a routing key (`-l csrrtg`): where the cursor was, then where it goes (a row,
as column -1, then the cell's column)."""
SCREEN_SHIM = """#!/bin/sh
# BRLTTY's GNU screen driver types a key as `screen -p WINDOW -X stuff KEYS`: hand KEYS on.
[ "$4" = stuff ] || exit 1
printf '%s' "$5" > "{fifo}"
"""

_libc = ctypes.CDLL(None, use_errno=True)
_libc.ftok.argtypes, _libc.ftok.restype = [ctypes.c_char_p, ctypes.c_int], ctypes.c_int
_libc.shmget.argtypes, _libc.shmget.restype = [ctypes.c_int, ctypes.c_size_t, ctypes.c_int], ctypes.c_int
_libc.shmat.argtypes, _libc.shmat.restype = [ctypes.c_int, ctypes.c_void_p, ctypes.c_int], ctypes.c_void_p
_libc.shmdt.argtypes, _libc.shmdt.restype = [ctypes.c_void_p], ctypes.c_int
_libc.shmctl.argtypes, _libc.shmctl.restype = [ctypes.c_int, ctypes.c_int, ctypes.c_void_p], ctypes.c_int


class Segment:
    """The shared memory segment GNU screen would keep for BRLTTY, for the home folder `home`."""

    def __init__(self, home: Path) -> None:
        key = _libc.ftok(str(home).encode(), ord("b"))
        if key == -1:
            raise OSError(ctypes.get_errno(), f"ftok {home}")
        self.id = _libc.shmget(key, SEGMENT_SIZE, IPC_CREAT | 0o700)
        if self.id == -1:
            raise OSError(ctypes.get_errno(), "shmget")
        address = _libc.shmat(self.id, None, 0)
        if address in (None, ctypes.c_void_p(-1).value):
            raise OSError(ctypes.get_errno(), "shmat")
        self.address: int = address

    def write(self, screen: pyte.Screen) -> None:
        """Copy `screen` and its cursor into the segment, in the layout BRLTTY reads."""
        columns, rows = screen.columns, screen.lines
        text = bytearray()
        for y in range(rows):
            line = screen.buffer[y]
            for x in range(columns):
                char = line[x].data or " "
                text += char.encode("ascii") if char.isascii() and char.isprintable() else b"?"
        cursor = (min(screen.cursor.x, columns - 1), min(screen.cursor.y, rows - 1))
        image = bytes([columns, rows, *cursor]) + bytes(text) + bytes([ATTRIBUTES]) * len(text) + b"\0\0"
        ctypes.memmove(self.address, image, len(image))

    def remove(self) -> None:
        _libc.shmdt(ctypes.c_void_p(self.address))
        _libc.shmctl(self.id, IPC_RMID, None)


@dataclass
class Braille:
    """The guide on a pty of `size` (columns, rows), under BRLTTY, read on a 40-cell display."""

    guide_pid: int
    """The guide's process id."""
    fd: int
    """Our side of the guide's pty (its keyboard and screen)."""
    brltty: subprocess.Popen[bytes]
    """BRLTTY."""
    connection: socket.socket
    """The virtual display's connection from BRLTTY."""
    segment: Segment
    """Where BRLTTY reads the screen."""
    fifo: int
    """Where the `screen` command hands on the keys BRLTTY types."""
    log: Path
    """BRLTTY's log file."""
    screen: pyte.Screen
    """What the guide shows."""
    stream: pyte.ByteStream
    lock: threading.Lock = field(default_factory=threading.Lock)
    windows: list[str] = field(default_factory=list)
    """Every window the display was sent, in order."""
    typed: list[bytes] = field(default_factory=list)
    """Every key BRLTTY typed (through `screen -X stuff`), in order."""
    typed_at: list[float] = field(default_factory=list)
    """When each of `typed` came (time.monotonic)."""
    running: bool = True
    threads: list[threading.Thread] = field(default_factory=list)
    """The three pumps below: `close` waits for them before it closes what they read and write."""

    # -- the threads: the guide's terminal, BRLTTY's keys, the display --------------------------

    def pump_guide(self) -> None:
        """Keep the screen of what the guide draws, in the segment too."""
        while self.running:
            ready, _, _ = select.select([self.fd], [], [], 0.2)
            if not ready:
                continue
            try:
                data = os.read(self.fd, 65536)
            except OSError:
                return
            if not data:
                return
            with self.lock:
                self.stream.feed(data)
                self.segment.write(self.screen)

    def pump_keys(self) -> None:
        """Type what BRLTTY stuffs to the guide, and keep it."""
        while self.running:
            ready, _, _ = select.select([self.fifo], [], [], 0.2)
            if not ready:
                continue
            data = os.read(self.fifo, 4096)
            with self.lock:
                self.typed.append(data)
                self.typed_at.append(time.monotonic())
            os.write(self.fd, data)

    def pump_display(self) -> None:
        """Keep every window BRLTTY shows on the display."""
        pending = b""
        while self.running:
            try:
                data = self.connection.recv(65536)
            except OSError:
                return
            if not data:
                return
            pending += data
            *whole, pending = pending.split(b"\n")
            for raw in whole:
                found = VISUAL.match(raw.decode("utf-8", errors="replace").rstrip("\r"))
                if found is not None:
                    with self.lock:
                        self.windows.append(re.sub(r"\\(.)", r"\1", found["text"]))

    # -- what a test does and sees --------------------------------------------------------------

    def press(self, key: bytes) -> None:
        """Type `key` on the keyboard."""
        os.write(self.fd, key)

    def shown(self) -> str:
        """The guide's screen now."""
        with self.lock:
            return "\n".join(self.screen.display)

    def cursor(self) -> tuple[int, int]:
        """The terminal cursor's (column, row)."""
        with self.lock:
            return self.screen.cursor.x, self.screen.cursor.y

    def cursor_row(self) -> str:
        """The row the terminal cursor is on."""
        with self.lock:
            return self.screen.display[self.screen.cursor.y]

    def window(self) -> str:
        """The 40 cells the display shows now, as characters."""
        with self.lock:
            return self.windows[-1] if self.windows else ""

    def keys_typed(self) -> list[bytes]:
        with self.lock:
            return list(self.typed)

    def last_typed_at(self) -> float | None:
        """When BRLTTY last typed a key (time.monotonic), or None if it has typed none."""
        with self.lock:
            return self.typed_at[-1] if self.typed_at else None

    def wait_shown(self, text: str, guard: float = 30.0) -> None:
        wait_until(lambda: text in self.shown(), lambda: f"{text!r} on the screen; it showed:\n{self.shown()}",
                   guard)

    def wait_still(self, quiet: float = 0.5, guard: float = 20.0) -> str:
        """Wait until the screen has not changed for `quiet` seconds; return it."""
        last = {"screen": self.shown()}
        since = {"time": time.monotonic()}

        def still() -> str:
            now = self.shown()
            if now != last["screen"]:
                last["screen"], since["time"] = now, time.monotonic()
            return now if time.monotonic() - since["time"] >= quiet else ""

        return wait_until(still, "a still screen", guard, poll=0.05)

    def wait_answered(self, quiet: float = 0.15, guard: float = 20.0) -> str:
        """Wait until the guide has answered every key it was sent: none of its threads at work
        (`threads_idle`) and its screen, as read here, unchanged for `quiet` seconds: longer
        than the longest sleep the guide takes inside one answer to a key (0.1 s: Textual's
        ESCAPE_DELAY, NOTICE_GRACE in tui/fullscreen/screens/message_rows.py; tests/support/
        screen_reader.py's STILL_FOR). Return the screen. Faster than `wait_still`'s half second
        of a still screen, which stands in for this where the guide's threads cannot be seen."""
        return wait_until(lambda: self.wait_still(quiet, guard) if threads_idle(self.guide_pid) else "",
                          "the guide idle with a still screen", guard, poll=0.01)

    def wait_window(self, text: str, guard: float = 20.0) -> str:
        """Wait until the display shows `text`; return the window."""
        return wait_until(lambda: self.window() if text in self.window() else "",
                          lambda: f"{text!r} on the display; it showed {self.window()!r}; the cursor's row "
                                  f"{self.cursor_row()!r}", guard)

    def route(self, column: int) -> None:
        """Press the routing key over the window's `column` (counted from 0; see ROUTING_KEYS)."""
        self.connection.sendall(f"Route {column}\n".encode())

    def routing(self) -> bool:
        """Whether BRLTTY has a routing under way: it routes in a child process, which types the
        keys and ends when done (a child that has ended but is not yet reaped types nothing)."""
        return any(not ended(pid) for pid in descendants(self.brltty.pid))

    def brltty_log(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace") if self.log.exists() else ""

    def routes(self) -> list[tuple[tuple[int, int], tuple[int, int]]]:
        """Every routing key BRLTTY has taken, as it logged it (`logged_routes`)."""
        return logged_routes(self.brltty_log())

    def close(self) -> None:
        """End BRLTTY and the guide; remove the segment."""
        self.running = False
        self.brltty.terminate()
        try:
            self.brltty.wait(10)
        except subprocess.TimeoutExpired:
            self.brltty.kill()
            self.brltty.wait()
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.guide_pid, 9)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.guide_pid, 0)
        # The pty's and the keys' pumps look at `running` every 0.2 s; the display's ends with
        # BRLTTY's connection. A pump still writing to the pty when it is closed raised in its thread.
        for thread in self.threads:
            thread.join(5)
        for closing in (self.connection.close, lambda: os.close(self.fd), lambda: os.close(self.fifo)):
            with contextlib.suppress(OSError):
                closing()
        self.segment.remove()


def start(home: Path, size: tuple[int, int] = (80, 24), args: tuple[str, ...] = ()) -> Braille:
    """Start the installed guide on a pty of `size` with its own private folders, and BRLTTY
    reading it on a virtual 40-cell display."""
    if BRLTTY is None:
        raise RuntimeError("brltty is not installed (the Debian package brltty; .ci/run installs it)")
    home.mkdir(parents=True, exist_ok=True)
    state = home / "brltty"
    shims = home / "bin"
    for folder in (state, shims, *(home / name for name in ("config", "local", "state", "cache"))):
        folder.mkdir(exist_ok=True)
    fifo_path = state / "stuff.fifo"
    os.mkfifo(fifo_path)
    fifo = os.open(fifo_path, os.O_RDWR)  # read and write: never blocks the shim, never ends
    shim = shims / "screen"
    shim.write_text(SCREEN_SHIM.format(fifo=fifo_path), encoding="utf-8")
    shim.chmod(0o755)
    segment = Segment(state)  # BRLTTY sets HOME to its own folder (-U, -W) before it looks

    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR", "COLORTERM")}
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / "config"), XDG_DATA_HOME=str(home / "local"),
               XDG_STATE_HOME=str(home / "state"), XDG_CACHE_HOME=str(home / "cache"), TERM="xterm-256color")
    columns, rows = size
    guide_pid, fd = pty.fork()
    if guide_pid == 0:
        try:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
            os.execve(GUIDE, [GUIDE, *args], env)
        finally:
            os._exit(127)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))

    socket_path = state / "display.sock"
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(str(socket_path))
    listener.listen(1)
    listener.settimeout(30)
    log = state / "brltty.log"
    argv = [os.path.realpath(BRLTTY), "-n", "-N", "-s", "no", "-f", "/dev/null", "-F", str(state / "brltty.prefs"),
            "-W", str(state), "-U", str(state), "-P", str(state / "brltty.pid"), "-t", "en-nabcc",
            "-b", "vr", "-d", f"client:{socket_path}", "-x", "sc", "-L", str(log), "-l", "info,csrrtg",
            "-M", str(MESSAGE_CENTISECONDS)]
    # BRLTTY runs `screen` from a PATH of its own (/bin:/usr/bin), so in a mount namespace of its
    # own the shim is laid over /usr/bin (a read-only overlay); nothing outside BRLTTY sees it.
    private = ["unshare", "--mount", "--propagation", "private",
               *([] if os.geteuid() == 0 else ["--map-root-user"]),
               "sh", "-c", 'mount -t overlay overlay -o "lowerdir=$0:/usr/bin" /usr/bin && exec "$@"', str(shims)]
    brltty = subprocess.Popen([*private, *argv], env={**env, "LANG": "C.UTF-8"}, stdin=subprocess.DEVNULL,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        connection, _ = listener.accept()
    except TimeoutError:
        brltty.kill()
        brltty.wait()
        raise RuntimeError(f"BRLTTY never connected to the display (it runs in a mount namespace of its "
                           f"own: unshare and an overlay mount must be allowed); its log:\n"
                           f"{log.read_text() if log.exists() else '(none)'}") from None
    finally:
        listener.close()
    connection.sendall(f"cells {CELLS}\n".encode())
    screen = pyte.Screen(columns, rows)
    braille = Braille(guide_pid=guide_pid, fd=fd, brltty=brltty, connection=connection, segment=segment,
                      fifo=fifo, log=log, screen=screen, stream=pyte.ByteStream(screen))
    for pump in (braille.pump_guide, braille.pump_keys, braille.pump_display):
        braille.threads.append(threading.Thread(target=pump, daemon=True))
        braille.threads[-1].start()
    return braille


def logged_routes(log: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """The routing keys in BRLTTY's `log`, in order: ((column, row) the cursor was at, (column,
    row) it was sent to). The same twice: the cursor's own cell, where there is nothing to type."""
    found: list[tuple[tuple[int, int], tuple[int, int]]] = []
    start: tuple[int, int] | None = None
    for kind, column, row in ROUTE_LOGGED.findall(log):
        place = (int(column), int(row))
        if kind == "from":
            start = place
        elif start is not None and place[0] >= 0:
            found.append((start, place))
            start = None
    return found


def ended(pid: int) -> bool:
    """Whether process `pid` has ended (gone, or a zombie not yet reaped by its parent)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except (OSError, IndexError):
        return True


def as_cells(text: str) -> str:
    """`text` as the segment gives it to BRLTTY: a character outside ASCII is a "?"."""
    return "".join(char if char.isascii() and char.isprintable() else "?" for char in text)


def first_words(text: str, count: int = 3) -> str:
    """The first `count` words of `text`, spaced as shown."""
    return " ".join(text.split()[:count])


def settle(seconds: float) -> None:
    """Leave BRLTTY and the guide alone for `seconds`."""
    time.sleep(seconds)
