"""The speech worker as a process: started, fed commands, listened to, and ended.

`WorkerProcess` owns one run of `python -m tui.speech.worker`: a fresh interpreter (pyttsx3 must
not be forked) in its own session, so Ctrl+C and the app's signals miss it and killing its
process group silences its player too. Its stderr goes to the speech log, never the screen.

Two threads per worker, so that no caller ever waits on a pipe:
- the writer takes commands from a queue and writes their lines to the worker's stdin;
- the reader decodes each event line (`tui.speech.protocol`) and hands it to `on_event`; when
  the worker's stdout ends, it calls `on_exit`, kills the process group and removes the
  worker's temp folder. A line that is not a valid event is refused and noted in the log.
"""

from __future__ import annotations

import contextlib
import os
import queue
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import IO

import platformdirs

import tui
from tui.data.settings import APP_NAME
from tui.speech.protocol import Command, Event, ProtocolError, Quit, decode_event

LOG_LIMIT = 1_000_000
"""The worker's log is started afresh when it grows past this many bytes."""


def default_log_path() -> Path:
    """The worker's log, in the user's state folder (XDG_STATE_HOME moves it)."""
    return Path(platformdirs.user_state_dir(APP_NAME)) / "speech.log"


def note_in_log(log_path: Path, line: str) -> None:
    """Add one line to the speech log; never stderr, which inside the app is the screen."""
    with contextlib.suppress(OSError), log_path.open("a", encoding="utf-8") as log:
        log.write(line.rstrip("\n") + "\n")


class WorkerProcess:
    """One running worker: `send()` queues a command, events arrive on `on_event`."""

    def __init__(self, env: Mapping[str, str], log_path: Path, on_event: Callable[[WorkerProcess, Event], None],
                 on_exit: Callable[[WorkerProcess], None]) -> None:
        """Start the worker now (a fork and exec: a few milliseconds; the engine loads in it)."""
        self.log_path = log_path
        self.tmpdir = Path(tempfile.mkdtemp(prefix="spasm-guide-speech-"))
        """The worker's chunk files; removed when it ends."""
        self._outbox: queue.Queue[Command | None] = queue.Queue()
        child_env = dict(env)
        package_root = str(Path(tui.__file__).resolve().parent.parent)
        child_env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, child_env.get("PYTHONPATH", "")) if p)
        log = self._open_log()
        try:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "tui.speech.worker", str(self.tmpdir)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log, env=child_env, start_new_session=True,
            )
        finally:
            log.close()
        assert self.proc.stdin is not None and self.proc.stdout is not None
        threading.Thread(target=self._write, args=(self.proc.stdin,), daemon=True, name="speech-writer").start()
        threading.Thread(target=self._read, args=(self.proc.stdout, on_event, on_exit), daemon=True,
                         name="speech-reader").start()

    @property
    def pid(self) -> int:
        """The worker's process id (also its process group's)."""
        return self.proc.pid

    def running(self) -> bool:
        """Whether the worker has not exited."""
        return self.proc.poll() is None

    def send(self, command: Command) -> None:
        """Queue a command; never blocks (the writer thread does the writing)."""
        self._outbox.put(command)

    def quit(self, wait: float = 0.5) -> None:
        """Ask the worker to leave, give it `wait` seconds, then kill what is left."""
        self._outbox.put(Quit())
        self._outbox.put(None)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(timeout=wait)
        self.kill()

    def kill(self) -> None:
        """Kill the worker's whole process group (the worker and its player) and reap the worker."""
        proc = self.proc
        if proc.poll() is None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(proc.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=5)
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)  # a player left in the group after the worker
        shutil.rmtree(self.tmpdir, ignore_errors=True)

    def _open_log(self) -> IO[bytes]:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(OSError):
            if self.log_path.stat().st_size > LOG_LIMIT:
                self.log_path.unlink()
        return self.log_path.open("ab")

    def _write(self, pipe: IO[bytes]) -> None:
        while (command := self._outbox.get()) is not None:
            try:
                pipe.write(command.to_wire())
                pipe.flush()
            except (BrokenPipeError, OSError, ValueError):
                return  # the reader sees the end of stdout and reports it
        with contextlib.suppress(OSError):
            pipe.close()

    def _read(self, pipe: IO[bytes], on_event: Callable[[WorkerProcess, Event], None],
              on_exit: Callable[[WorkerProcess], None]) -> None:
        for line in pipe:
            try:
                event = decode_event(line)
            except ProtocolError as exc:
                note_in_log(self.log_path, f"refused a line from the speech worker: {exc}")
                continue
            on_event(self, event)
        # The worker has gone: its player goes with its process group; report, then tidy up.
        on_exit(self)
        self.kill()
