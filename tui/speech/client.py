"""The app's handle on speech: starts the worker process on demand and never blocks its caller.

Threading model:
- Every public method may be called from any thread (the Textual app calls them from its event
  loop). None of them waits for the worker: commands go to a writer thread through a queue, so
  even a large `speak()` cannot stall the caller on a full pipe. Starting the worker process is
  a `fork`+`exec` (a few milliseconds) on first use; the engine loads in the worker.
- Events arrive on a reader thread and are handed to the `listener` there, never on the
  caller's thread (the app wraps its listener in `App.call_from_thread`, which refuses to run on
  the app's own thread). The listener must return quickly.

Failure handling: a worker that crashes (its stdout ends) or hangs (does not confirm a stop
within `stop_grace`, or says nothing for `hang_timeout` after a speak) is killed with its whole
process group (the player too), reported once as an error event, and started again the next
time speech is asked for.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import IO, Any

import tui
from tui.data.sentences import Chunk, spoken_texts
from tui.data.settings import Settings
from tui.speech import audio
from tui.speech.events import EventKind, Listener, SpeechEvent, default_log_path

LOG_LIMIT = 1_000_000
"""The worker's log is started afresh when it grows past this many bytes."""

__all__ = ["EventKind", "Listener", "SpeechClient", "SpeechEvent", "default_log_path", "spoken_texts"]


class SpeechClient:
    """Speak guide text through a worker process; see the module docstring for threads."""

    def __init__(self, listener: Listener | None = None, *, rate: int = 170, volume: float = 1.0,
                 voice: str = "", log_path: Path | None = None, env: Mapping[str, str] | None = None,
                 stop_grace: float = 0.1, hang_timeout: float = 10.0) -> None:
        self.listener = listener
        self.rate, self.volume, self.voice = rate, volume, voice
        self.log_path = log_path or default_log_path()
        self.env = dict(os.environ if env is None else env)
        self.stop_grace = stop_grace
        self.hang_timeout = hang_timeout
        self._lock = threading.RLock()
        self._proc: subprocess.Popen[bytes] | None = None
        self._outbox: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self._next_id = 0
        self._stop_seq = 0
        self._confirmed_seq = 0
        self._awaiting: int | None = None  # a speak with no answer yet (for hang detection)
        self._reported = False  # a failure of the current worker has been reported
        self._ready = False  # the current worker has said "ready" (its engine is loaded)
        self._tmpdir: Path | None = None  # the current worker's chunk files
        self._chunks: list[str] = []
        self._sent_voice: dict[str, Any] = {}
        self.utterance: int | None = None
        """The utterance speaking (or paused) now, or None."""
        self.index: int | None = None
        """The chunk of it being heard now, or None."""
        self.paused = False
        self.available_cache = False

    @classmethod
    def from_settings(cls, settings: Settings, listener: Listener | None = None, **kwargs: Any) -> SpeechClient:
        """A client with the user's rate, volume and voice."""
        return cls(listener, rate=settings.speech_rate, volume=settings.speech_volume,
                   voice=settings.speech_voice, **kwargs)

    # -- questions that start nothing -------------------------------------------------------

    def availability(self, need_player: bool = True) -> tuple[bool, str]:
        """(True, "") or (False, reason); quick, never hangs. Show the reason with
        `tui.speech.audio.unavailable_message(reason)`."""
        if self.available_cache and need_player:
            return True, ""
        ok, reason = audio.availability(need_player, self.env)
        self.available_cache = ok and need_player
        return ok, reason

    def is_remote(self) -> bool:
        """Whether this is an SSH session (audio would play on the server)."""
        return audio.is_remote(self.env)

    @property
    def speaking(self) -> bool:
        """Whether an utterance is in progress (playing or paused)."""
        return self.utterance is not None

    @property
    def worker_pid(self) -> int | None:
        """The worker's process id while it runs (for tests and the benchmark)."""
        proc = self._proc
        return proc.pid if proc is not None and proc.poll() is None else None

    # -- commands ---------------------------------------------------------------------------

    def speak(self, chunks: Sequence[Chunk | str], start: int = 0) -> int | None:
        """Speak `chunks` from index `start`, replacing anything speaking. Return the utterance
        id, or None (and an error event) if speech is not available."""
        ok, reason = self.availability()
        if not ok:
            self._deliver_async(SpeechEvent("error", message=audio.unavailable_message(reason), fatal=True))
            return None
        texts = spoken_texts(chunks)
        with self._lock:
            self._next_id += 1
            self._chunks = texts
            self.utterance, self.index, self.paused = self._next_id, None, False
            self._send_speak(start)
            return self._next_id

    def synth_to_file(self, chunks: Sequence[Chunk | str], path: Path) -> int | None:
        """Write `chunks` as one WAV file; a "finished" event (with path, seconds) says when."""
        ok, reason = self.availability(need_player=False)
        if not ok:
            self._deliver_async(SpeechEvent("error", message=audio.unavailable_message(reason), fatal=True))
            return None
        with self._lock:
            self._next_id += 1
            self.utterance = None
            self._send({"cmd": "synth_to_file", "id": self._next_id, "path": str(Path(path).resolve()),
                        "chunks": spoken_texts(chunks),
                        **self._voice()}, start=True)
            return self._next_id

    def stop(self) -> None:
        """Silence speech now. If the worker does not confirm within `stop_grace`, kill it."""
        with self._lock:
            self.utterance, self.index, self.paused = None, None, False
            self._awaiting = None
            proc = self._proc
            if proc is None or proc.poll() is not None:
                return
            self._stop_seq += 1
            seq = self._stop_seq
            self._send({"cmd": "stop", "seq": seq})
            if not self._ready:
                # Still loading the engine: nothing can be playing yet, and the stop is handled
                # in order as soon as it is ready; a watchdog now would call that a hang.
                return
        timer = threading.Timer(self.stop_grace, self._stop_overdue, args=(proc, seq))
        timer.daemon = True
        timer.start()

    def pause(self) -> None:
        """Pause at once; `resume()` replays the interrupted sentence from its start."""
        with self._lock:
            if self.utterance is not None and not self.paused:
                self.paused = True
                self._awaiting = None  # a paused utterance rightly says nothing
                self._send({"cmd": "pause"})

    def resume(self) -> None:
        """Carry on after `pause()`."""
        with self._lock:
            if self.utterance is not None and self.paused:
                self.paused = False
                if self._sent_voice != self._voice():
                    self._send_speak(self.index or 0)  # rate or voice changed while paused
                else:
                    self._send({"cmd": "resume"})

    def next_sentence(self) -> None:
        """Skip to the next chunk (ends the utterance after the last one)."""
        self._skip(1)

    def previous_sentence(self) -> None:
        """Go back one chunk (from the first, start it again)."""
        self._skip(-1)

    def set_rate(self, rate: int) -> None:
        """Words per minute; an utterance in progress goes on from the start of the sentence
        being heard at the new rate (a paused one, when it resumes)."""
        self.rate = int(rate)
        self._respeak()

    def set_volume(self, volume: float) -> None:
        """0.0 to 1.0; applied like `set_rate`."""
        self.volume = max(0.0, min(1.0, float(volume)))
        self._respeak()

    def set_voice(self, voice: str) -> None:
        """A voice id, name or language code ("" for the engine's default); applied like `set_rate`."""
        self.voice = voice
        self._respeak()

    def ping(self) -> None:
        """Ask the worker for a "pong" (starts it if needed): a cheap way to warm it up."""
        self._send({"cmd": "ping", "seq": 0}, start=True)

    def close(self, force: bool = False) -> None:
        """End the worker and its player (call when the app exits). Asks the worker to quit and
        waits up to half a second; with `force` (Ctrl+C), kills its process group at once."""
        with self._lock:
            proc, self._proc = self._proc, None
            self.utterance, self.index, self.paused = None, None, False
            self._awaiting = None
            self._reported = True  # an exit we asked for is not a failure
            if proc is None:
                return
            if not force:
                self._outbox.put({"cmd": "quit"})
                self._outbox.put(None)
        if not force:
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=0.5)
        kill_group(proc)
        if self._tmpdir is not None:  # now, not on the reader thread: the process may be exiting
            shutil.rmtree(self._tmpdir, ignore_errors=True)

    # -- internals --------------------------------------------------------------------------

    def _voice(self) -> dict[str, Any]:
        return {"rate": self.rate, "volume": self.volume, "voice": self.voice}

    def _skip(self, step: int) -> None:
        with self._lock:
            if self.utterance is not None:
                self.paused = False
                self._send({"cmd": "skip", "step": step})

    def _respeak(self) -> None:
        """Re-send the utterance in progress, from the chunk being heard, with the new voice."""
        with self._lock:
            if self.utterance is not None and not self.paused:
                self._send_speak(self.index or 0)

    def _send_speak(self, start: int) -> None:
        assert self.utterance is not None
        self._awaiting = self.utterance
        self._sent_voice = self._voice()
        self._send({"cmd": "speak", "id": self.utterance, "chunks": self._chunks, "start": start,
                    **self._voice()}, start=True)
        timer = threading.Timer(self.hang_timeout, self._speak_overdue, args=(self._proc, self.utterance))
        timer.daemon = True
        timer.start()

    def _send(self, message: dict[str, Any], start: bool = False) -> None:
        """Queue a command for the worker, starting it first if `start` and it is not running."""
        with self._lock:
            if self._proc is None or self._proc.poll() is not None:
                if not start:
                    return
                self._start_worker()
            self._outbox.put(message)

    def _start_worker(self) -> None:
        """Start a fresh worker in its own session (so Ctrl+C and the app's signals miss it)."""
        tmpdir = Path(tempfile.mkdtemp(prefix="spasm-guide-speech-"))  # the reader removes it
        self._tmpdir = tmpdir
        env = dict(self.env)
        package_root = str(Path(tui.__file__).resolve().parent.parent)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH", "")) if p)
        log = self._open_log()
        try:
            proc = subprocess.Popen(
                [sys.executable, "-m", "tui.speech.worker", str(tmpdir)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log, env=env, start_new_session=True,
            )
        finally:
            log.close()
        assert proc.stdin is not None and proc.stdout is not None
        self._proc, self._reported, self._ready, self._outbox = proc, False, False, queue.Queue()
        threading.Thread(target=self._writer, args=(proc, proc.stdin, self._outbox), daemon=True,
                         name="speech-writer").start()
        threading.Thread(target=self._reader, args=(proc, proc.stdout, tmpdir), daemon=True,
                         name="speech-reader").start()

    def _open_log(self) -> IO[bytes]:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(OSError):
            if self.log_path.stat().st_size > LOG_LIMIT:
                self.log_path.unlink()
        return self.log_path.open("ab")

    def _writer(self, proc: subprocess.Popen[bytes], pipe: IO[bytes], outbox: queue.Queue[Any]) -> None:
        while (message := outbox.get()) is not None:
            try:
                pipe.write(json.dumps(message).encode() + b"\n")
                pipe.flush()
            except (BrokenPipeError, OSError, ValueError):
                return  # the reader sees the end of stdout and reports it
        with contextlib.suppress(OSError):
            pipe.close()

    def _reader(self, proc: subprocess.Popen[bytes], pipe: IO[bytes], tmpdir: Path) -> None:
        for raw in pipe:
            try:
                data = json.loads(raw)
                event = self._event(data)
            except (ValueError, TypeError, KeyError):
                continue
            self._deliver(event)
        # The worker has gone: its player goes with its process group; tidy up, report once.
        self._give_up(proc, "The speech process ended unexpectedly")
        kill_group(proc)  # reaps it, if it was closed or replaced rather than given up on
        shutil.rmtree(tmpdir, ignore_errors=True)

    def _event(self, data: dict[str, Any]) -> SpeechEvent:
        """Turn one event line into a SpeechEvent and update the client's state from it."""
        kind = data["event"]
        event = SpeechEvent(kind, data.get("id"), data.get("index"), str(data.get("message", "")),
                            bool(data.get("fatal", False)), data.get("path"), data.get("seconds"))
        with self._lock:
            if kind == "ready":
                self._reported, self._ready = False, True
            if event.utterance is not None and event.utterance == self._awaiting:
                self._awaiting = None
            if kind == "stopped" and isinstance(data.get("seq"), int):
                self._confirmed_seq = max(self._confirmed_seq, data["seq"])
            if event.utterance is not None and event.utterance == self.utterance:
                if kind == "started":
                    self.index = event.index
                elif kind in ("finished", "stopped", "error"):
                    self.utterance, self.index, self.paused = None, None, False
            if kind == "error" and not event.fatal:  # in plain words; the detail is in the log
                event = SpeechEvent("error", event.utterance, event.index, audio.plain_error(event.message))
            if kind == "error" and event.fatal:
                self._reported = True  # the worker says why and exits: not a crash
                self.available_cache = False
                event = SpeechEvent("error", message=audio.unavailable_message(event.message), fatal=True)
        return event

    def _deliver(self, event: SpeechEvent) -> None:
        if self.listener is not None:
            try:
                self.listener(event)
            except Exception as exc:  # a listener bug must not kill the reader thread
                # Into the log, never stderr: inside the app, stderr is the screen.
                with contextlib.suppress(OSError), self.log_path.open("a", encoding="utf-8") as log:
                    log.write(f"speech listener failed: {exc!r}\n")

    def _deliver_async(self, event: SpeechEvent) -> None:
        """Deliver from another thread, so the listener never runs on the caller's thread."""
        threading.Thread(target=self._deliver, args=(event,), daemon=True).start()

    def _give_up(self, proc: subprocess.Popen[bytes], message: str, stopped: bool = False) -> None:
        """Forget a dead or hung worker, kill its process group (worker and player), and report
        it once; the next speak starts another. Forgetting comes first, so that the reader,
        seeing the output end, does not report the same worker again as a crash."""
        with self._lock:
            if proc is not self._proc:
                return  # an old worker, already replaced, forgotten or closed
            self._proc = None
            was_speaking = self.utterance
            self.utterance, self.index, self.paused = None, None, False
            report, self._reported = not self._reported, True
        kill_group(proc)
        if stopped:
            self._deliver(SpeechEvent("stopped", utterance=was_speaking))
        if report:
            self._deliver(SpeechEvent("error", utterance=None if stopped else was_speaking,
                                      message=f"{message}; it will restart when you next ask for speech."))

    def _stop_overdue(self, proc: subprocess.Popen[bytes], seq: int) -> None:
        """Watchdog: the worker has not confirmed stop number `seq`; silence it by force."""
        with self._lock:
            if self._confirmed_seq >= seq:
                return
        self._give_up(proc, "Speech did not stop in time, so it was ended", stopped=True)

    def _speak_overdue(self, proc: subprocess.Popen[bytes] | None, utterance: int) -> None:
        """Watchdog: a speak got no answer at all for `hang_timeout`: the worker is hung."""
        with self._lock:
            if proc is None or self._awaiting != utterance:
                return
        self._give_up(proc, "Speech stopped responding and was ended")


def kill_group(proc: subprocess.Popen[bytes]) -> None:
    """Kill a worker's whole process group (the worker and its player) and reap the worker."""
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=5)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)  # a player left in the group after the worker
