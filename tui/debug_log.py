"""`--debug` (or SPASM_GUIDE_DEBUG=1): a log of one run, for a bug report.

It holds what a maintainer asks first: the versions, the terminal as the guide saw it (TERM, size,
locale, colour, SSH or not), and how long each step took from the process's start. It is written
as the run goes (a crash still leaves it), to `debug.log` in the state folder, replaced by the
next debug run; the last line on stderr says where it is. No addresses are written: SSH is only
"yes" or "no".
"""

from __future__ import annotations

import contextlib
import locale
import os
import platform
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from typing import TextIO

DEBUG_VARIABLE = "SPASM_GUIDE_DEBUG"
"""Set to anything but "" or "0": the same as --debug."""

TERMINAL_VARIABLES = ("TERM", "COLORTERM", "TERM_PROGRAM", "NO_COLOR", "LANG", "LC_ALL", "LC_CTYPE",
                      "ESCDELAY", "ACCESSIBLE", "SPASM_GUIDE_PLAIN_DRIVER", "TMUX", "STY")
"""Environment variables that change how the guide draws or reads keys, logged as they are."""


def debug_wanted(flag: bool, env: Mapping[str, str]) -> bool:
    """Whether this run keeps a debug log."""
    return flag or env.get(DEBUG_VARIABLE, "") not in ("", "0")


def log_path() -> Path:
    """Where the debug log goes: the state folder (`XDG_STATE_HOME` moves it)."""
    import platformdirs

    from tui.data.settings import APP_NAME

    return Path(platformdirs.user_state_dir(APP_NAME)) / "debug.log"


def age_at_load() -> float:
    """Seconds from this process's start to now, from /proc (to a clock tick), or 0 without it."""
    try:
        fields = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
        started = int(fields[19]) / os.sysconf("SC_CLK_TCK")
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        return max(0.0, uptime - started)
    except (OSError, ValueError, IndexError):
        return 0.0


_AGE_AT_LOAD = age_at_load()
_LOADED = time.perf_counter()


def process_age() -> float:
    """Seconds since this process started: /proc's figure when this module loaded, then a fine clock."""
    return _AGE_AT_LOAD + time.perf_counter() - _LOADED


def terminal_size() -> str:
    """The terminal's size as the guide sees it, from whichever of stdout, stderr, stdin is one."""
    for stream in (sys.__stdout__, sys.__stderr__, sys.__stdin__):
        try:
            if stream is not None:
                size = os.get_terminal_size(stream.fileno())
                return f"{size.columns}x{size.lines}"
        except (OSError, ValueError):
            continue
    return "no terminal"


def colour_system(env: Mapping[str, str]) -> str:
    """The colours Rich (and so the guide) would use on stdout."""
    try:
        from rich.console import Console

        return str(Console(file=sys.__stdout__, force_terminal=None).color_system or "none")
    except Exception as exc:  # a report must not fail the run
        return f"unknown ({type(exc).__name__})"


def is_tty(stream: TextIO | None) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (OSError, ValueError):
        return False


class DebugLog:
    """One run's log: details at the start, a timed line per step, the status at the end."""

    def __init__(self, path: Path, argv: list[str], env: Mapping[str, str]) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self.file = path.open("w", encoding="utf-8", buffering=1)  # a line at a time: a crash keeps it
        from tui import __version__

        self.write(f"spasm-guide {__version__}, Python {platform.python_version()}, {platform.platform()}")
        self.write(f"arguments: {argv}")
        self.write(f"textual {self.version_of('textual')}, rich {self.version_of('rich')}")
        self.write(f"terminal: {terminal_size()}; stdin a terminal: {is_tty(sys.__stdin__)}, stdout: "
                   f"{is_tty(sys.__stdout__)}; colours: {colour_system(env)}")
        self.write(f"locale: {locale.getlocale()}, encoding {locale.getpreferredencoding(False)}, "
                   f"stdout {getattr(sys.__stdout__, 'encoding', None)}")
        ssh = any(env.get(name) for name in ("SSH_CONNECTION", "SSH_CLIENT", "SSH_TTY"))
        self.write(f"SSH: {'yes' if ssh else 'no'}")
        for name in TERMINAL_VARIABLES:
            self.write(f"{name}={env[name]!r}" if name in env else f"{name} not set")
        self.step("started")

    @staticmethod
    def version_of(package: str) -> str:
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version(package)
        except PackageNotFoundError:
            return "not installed"

    def write(self, line: str) -> None:
        with contextlib.suppress(OSError, ValueError):  # a full disk must not end the guide
            self.file.write(line + "\n")

    def step(self, what: str) -> None:
        """A timed line: milliseconds since the process started, and what was done."""
        self.write(f"{process_age() * 1000:9.1f} ms  {what}")

    def close(self, status: int) -> str:
        """End the log with the exit status; return the line that says where it is."""
        self.step(f"ended with exit status {status}")
        self.file.close()
        from tui.data.words import _

        return _("debug log: {path}").format(path=self.path)


def start(flag: bool, argv: list[str], env: Mapping[str, str]) -> DebugLog | None:
    """A debug log if one was asked for and can be written; a failure to write it is said, once."""
    if not debug_wanted(flag, env):
        return None
    path = log_path()
    try:
        return DebugLog(path, argv, env)
    except OSError as exc:
        from tui.data.words import _

        said = _("cannot write the debug log {path} ({reason})").format(path=path, reason=exc.strerror)
        print(f"spasm-guide: {said}", file=sys.stderr)
        return None
