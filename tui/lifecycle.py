"""How the guide starts and ends: the terminal it needs, the signals that end it, what it tidies.

No Textual here: the plain modes use this module too, and must start fast.

- The full-screen guide needs a terminal on both stdin and stdout. Without one (a pipe, a file,
  `ssh host cmd` with no `-t`, TERM=dumb) Textual would wait forever for a terminal that never
  answers, burning a core; so the guide says in one line what to use instead and exits.
- SIGTERM and SIGHUP (a closed window, a dropped SSH link, `kill`) end the guide the way `q`
  does: the terminal is put back (main screen, cursor shown, line wrap on), settings and ticks
  are saved, the speech worker is stopped. A second signal ends it at once, and so does the
  first if the guide has not ended within EXIT_WITHIN seconds.
- A kill between writing a temp file and renaming it leaves the temp file behind: the next start
  removes those that are stale (see tui/data/atomic.py).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from types import FrameType
from typing import NoReturn, TextIO

from tui.data.words import N_, _

EXIT_SIGNALS: tuple[signal.Signals, ...] = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)
"""Signals that end the full-screen guide politely. SIGINT too: left to Python (and asyncio, which
cancels the app's task), one that came while the app started was sometimes lost, and the guide
ran on. (Ctrl+C typed in the full screen is a key, not this signal.)"""

EXIT_WITHIN = 5.0
"""Seconds the full-screen guide has to end cleanly after such a signal before the signal ends it
(a clean end takes well under a second)."""

NO_TERMINAL = N_("the full-screen guide needs a terminal; use spasm-guide --plain (text) "
                 "or spasm-guide --accessible (numbered prompts)")
"""The one line said when there is no terminal to draw on (shown through `_()`)."""


def is_terminal(stream: TextIO | None) -> bool:
    """Whether `stream` is open and is a terminal (a closed one is None, or raises)."""
    try:
        return stream is not None and stream.isatty()
    except (ValueError, OSError):
        return False


def terminal_problem(stdin: TextIO | None, stdout: TextIO | None, env: Mapping[str, str]) -> str | None:
    """Why the full-screen guide cannot run here, or None if it can."""
    if not (is_terminal(stdin) and is_terminal(stdout)) or env.get("TERM", "") == "dumb":
        return _(NO_TERMINAL)
    return None


def stdio_closed() -> str | None:
    """Which of stdin and stdout the shell started us without (`>&-`), or None.

    Python sets sys.stdout to None then; anything that prints would raise AttributeError.
    """
    if sys.stdout is None:
        return _("standard output is closed; nothing can be shown")
    return None


def say(line: str) -> None:
    """One line on stderr, if there is a stderr at all."""
    if sys.stderr is not None:
        with contextlib.suppress(OSError, ValueError):
            print(f"spasm-guide: {line}", file=sys.stderr, flush=True)


def signal_status(signum: int) -> int:
    """The exit status a shell reports for a program ended by `signum`."""
    return 128 + signum


def exit_on_signals(stop_app: Callable[[int], None], before_loop: Callable[[int, FrameType | None], None]) -> None:
    """Make SIGTERM, SIGHUP and SIGINT end the full-screen guide cleanly.

    The signal asks the running event loop to call `stop_app` with the signal's number, so
    Textual restores the terminal and unmounts everything as on `q`; the caller then ends the
    process by that same signal (`die_by`). Before the loop runs, `before_loop` is called: it
    must end the process at once (leaving the early screen first), never raise: an exception
    raised from a signal handler while Python imports can be dropped ("Exception ignored"), and
    the guide ran on. A second signal ends the guide at once, in case the first cannot get
    through. (The plain modes keep the default: they leave the terminal as it was, and the
    speech worker ends with its parent.)
    """

    def handler(signum: int, frame: FrameType | None) -> None:
        for number in EXIT_SIGNALS:
            signal.signal(number, signal.SIG_DFL)
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            before_loop(signum, frame)
            return
        # Wakes the loop through its self-pipe: safe from a signal handler.
        loop.call_soon_threadsafe(stop_app, signum)
        # And if the app never gets to end (once, under heavy load, a guide whose terminal had
        # gone drew its start screen again and again, never reaching the exit it was asked for,
        # and ran on for an hour), the signal ends the process itself (its handler is the
        # default again): the checklist and settings are saved as they change.
        watchdog = threading.Timer(EXIT_WITHIN, os.kill, (os.getpid(), signum))
        watchdog.daemon = True
        watchdog.start()

    for number in EXIT_SIGNALS:
        signal.signal(number, handler)


def interrupt_by_exception() -> None:
    """From now on Ctrl+C raises KeyboardInterrupt, as Python's default does: for a mode that
    tidies up on it (the prompts, listening), once its modules are loaded. Until then Ctrl+C
    ends the process at once (tui/__init__.py says why). (Only the main thread may set it: a
    mode run from another thread, as a test may, keeps what it has.)"""
    with contextlib.suppress(ValueError):
        signal.signal(signal.SIGINT, signal.default_int_handler)


def die_by(signum: int) -> int:
    """End the process by `signum`, as if it had not been caught, once everything is tidy.

    A parent (a shell, sshd, a test) then sees what really happened. Returns the shell's status
    for it in the unlikely case the process survives its own signal.
    """
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            if stream is not None:
                stream.flush()
    signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)
    return signal_status(signum)


def app_folders() -> list[Path]:
    """The folders the guide writes to: config, state, cache, and the saved summaries."""
    import platformdirs

    from tui.data.settings import APP_NAME

    data = Path(platformdirs.user_data_dir(APP_NAME))
    return [Path(platformdirs.user_config_dir(APP_NAME)), Path(platformdirs.user_state_dir(APP_NAME)),
            Path(platformdirs.user_cache_dir(APP_NAME)), data, data / "summaries"]


def tidy_temp_files() -> None:
    """Remove temp files a killed earlier run left in the guide's own folders."""
    from tui.data.atomic import remove_stale_temps

    for folder in app_folders():
        remove_stale_temps(folder)


def end_now(status: int) -> NoReturn:
    """End the process with `status` after what Python's own exit does that anyone can see (exit
    handlers, flushing stdout and stderr), without freeing every object first."""
    import atexit

    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            if stream is not None:
                stream.flush()
    os._exit(status)


def exit_status_once_written(code: object) -> int:
    """The exit status for `code` (a SystemExit's), once what was printed is out: a failure to
    write it (`--help > /dev/full`) is one line and status 2; a closed pipe (`| head`) is not."""
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except OSError as exc:
        if output_failed(exc):
            return 2
    return code if isinstance(code, int) else 0 if code is None else 2


def output_failed(exc: OSError) -> bool:
    """Deal with output that could not be written: True (and one line said) if that is an error,
    False for a pipe closed by a reader who had what they wanted (`| head`)."""
    quiet_broken_stdout()
    if isinstance(exc, BrokenPipeError):
        return False
    say(cannot_write(exc))
    return True


def cannot_write(exc: OSError) -> str:
    """The line said when the output cannot be written (a full disk, a vanished terminal)."""
    return _("cannot write the output ({reason})").format(reason=exc.strerror or exc)


def quiet_broken_stdout() -> None:
    """Point stdout at /dev/null so that Python's last flush at exit raises nothing more."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.close(devnull)
    except OSError:
        pass
