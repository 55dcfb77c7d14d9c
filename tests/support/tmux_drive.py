"""tmux as a real terminal whose screen a test reads: a private server (its own socket), sessions
started, keys pressed and text typed, the screen and the cursor's row read, and each program's exit
status kept in a file."""

from __future__ import annotations

import shlex
import subprocess
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path

from tests.support.host_tools import require_tools, terminal_env
from tests.support.wait import GUARD, wait_until

TMUX_CONF = """\
set -g status off
set -g remain-on-exit on
set -g default-terminal tmux-256color
set -sg escape-time 0
set -g history-limit 100
"""
"""No status line (the pane is the whole window), keep a finished pane to read its exit status."""


class Tmux:
    """A private tmux server (its own socket), so tests never touch anyone else's sessions."""

    def __init__(self, folder: Path) -> None:
        self.binary = require_tools("tmux")["tmux"]
        folder.mkdir(parents=True, exist_ok=True)
        self.socket = folder / "tmux.sock"
        self.conf = folder / "tmux.conf"
        self.conf.write_text(TMUX_CONF, encoding="utf-8")

    def run(self, *args: str, check: bool = True) -> str:
        """Run one tmux command against our server; return its output."""
        done = subprocess.run([self.binary, "-S", str(self.socket), "-f", str(self.conf), *args],
                              capture_output=True, text=True, timeout=GUARD, env=terminal_env())
        if check and done.returncode != 0:
            raise AssertionError(f"tmux {' '.join(args)}: {done.stderr.strip()}")
        return done.stdout

    def new(self, name: str, argv: Sequence[str], size: tuple[int, int] = (80, 24),
            env: dict[str, str] | None = None) -> None:
        """Start `argv` in a new detached session `name` of `size` (columns, rows)."""
        width, height = size
        env_args = [arg for key, value in (env or {}).items() for arg in ("-e", f"{key}={value}")]
        # The exit status goes to a file: tmux sometimes marks a pane dead before it has read the
        # last output or reaped the child, so neither the screen nor #{pane_dead_status} is sure.
        status = self.status_file(name)
        status.unlink(missing_ok=True)
        self.run("new-session", "-d", "-s", name, "-x", str(width), "-y", str(height), *env_args,
                 f"{shlex.join(argv)}; echo $? > {shlex.quote(str(status))}.tmp && "
                 f"mv {shlex.quote(str(status))}.tmp {shlex.quote(str(status))}")

    def status_file(self, name: str) -> Path:
        """Where the exit status of session `name`'s program is written when it ends."""
        return self.socket.parent / f"{name}.status"

    def send(self, name: str, *keys: str) -> None:
        """Press keys, by tmux name ("Down", "Enter", "Space", "Escape") or as single characters."""
        self.run("send-keys", "-t", name, *keys)

    def type(self, name: str, text: str) -> None:
        """Type `text` literally."""
        self.run("send-keys", "-t", name, "-l", text)

    def screen(self, name: str) -> str:
        """The visible screen as text, one line per row."""
        return self.run("capture-pane", "-p", "-t", name)

    def scrollback(self, name: str) -> str:
        """Everything the pane has shown, from the top of its history (rows as the terminal wrapped
        them): what a finished program said, even after tmux's "Pane is dead" line scrolled it."""
        return self.run("capture-pane", "-p", "-S", "-", "-t", name)

    def cursor_line(self, name: str) -> str:
        """The screen row the terminal cursor is on, from the cursor onwards (what a reader hears)."""
        x, y = (int(n) for n in self.run("display-message", "-p", "-t", name, "#{cursor_x} #{cursor_y}").split())
        rows = self.screen(name).splitlines()
        return rows[y][x:] if y < len(rows) else ""

    def resize(self, name: str, width: int, height: int) -> None:
        """Resize the window as a person dragging the terminal's corner would."""
        self.run("resize-window", "-t", name, "-x", str(width), "-y", str(height))

    def exit_status(self, name: str) -> int | None:
        """The exit status of the pane's program once it has ended, else None."""
        try:
            return int(self.status_file(name).read_text().strip())
        except (FileNotFoundError, ValueError):
            return None

    def wait_for(self, name: str, predicate: Callable[[str], bool] | str, what: str = "",
                 timeout: float = GUARD, poll: float = 0.1) -> str:
        """Poll the screen until `predicate` holds (or a string is on it); return that screen."""
        test = (lambda screen: predicate in screen) if isinstance(predicate, str) else predicate
        last = [""]

        def shown() -> str:
            last[0] = self.screen(name)
            return last[0] if test(last[0]) else ""

        return wait_until(shown, lambda: f"{name}: {what or predicate!r}; the screen was:\n{last[0]}", timeout, poll)

    def wait_dead(self, name: str, timeout: float = GUARD) -> int:
        """Wait until the pane's program ends; return its exit status."""
        ended: list[int] = []

        def status() -> bool:
            code = self.exit_status(name)
            if code is not None:
                ended.append(code)
            return code is not None

        wait_until(status, lambda: f"{name}: the program ending ({self.pane_report(name)}); the screen was:\n"
                   f"{self.screen(name)}", timeout, 0.1)
        return ended[0]

    def pane_report(self, name: str) -> str:
        """The pane's process and what it is waiting on (for a failure message)."""
        info = self.run("display-message", "-p", "-t", name, "#{pane_pid} #{pane_dead} #{pane_dead_status}",
                        check=False).split()
        if not info:
            return "no pane"
        proc = Path("/proc") / info[0]
        try:
            state = next(line for line in (proc / "status").read_text().splitlines() if line.startswith("State"))
            wchan = (proc / "wchan").read_text()
        except (OSError, StopIteration):
            state, wchan = "gone", ""
        return f"pane {info}, process {state} waiting in {wchan or '-'}"

    def kill_server(self) -> None:
        """End every session of our server (and with them ssh clients and guides)."""
        self.run("kill-server", check=False)
        with suppress(FileNotFoundError):
            self.socket.unlink()


@contextmanager
def tmux_server(folder: Path) -> Iterator[Tmux]:
    """A private tmux server for a with-block, killed however the block ends."""
    tmux = Tmux(folder)
    try:
        yield tmux
    finally:
        tmux.kill_server()
