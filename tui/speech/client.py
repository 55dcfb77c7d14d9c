"""The app's handle on speech: what is being read, paused or heard, and the watchdogs.

`SpeechClient` is the state machine; it implements `tui.speech.interface.SpeechInterface`. It
sends `tui.speech.protocol` commands to a `tui.speech.process.WorkerProcess`, started on first
use, and updates its state from the events that come back before handing them to its listener.

Threading model:
- Every public method may be called from any thread (the Textual app calls them from its event
  loop). None of them waits for the worker: commands are queued for the process's writer
  thread, so even a large `speak()` cannot stall the caller on a full pipe.
- Events arrive on the process's reader thread and are handed to the `listener` there, never on
  the caller's thread (the app passes them to its loop with `App.call_from_thread`, which
  refuses to run on the app's own thread). The listener must return quickly.

Failure handling: a worker that crashes (its stdout ends) or hangs (does not confirm a stop
within `stop_grace`, or says nothing for `hang_timeout` after a speak once its engine is loaded,
or does not load it within `start_timeout`) is killed with its whole
process group (the player too), reported once as an `Error` event, and started again the next
time speech is asked for.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from tui.data.sentences import Chunk, spoken_texts
from tui.data.settings import Settings
from tui.data.words import _
from tui.speech import audio
from tui.speech.interface import Listener, SpeechInterface
from tui.speech.process import WorkerProcess, default_log_path, note_in_log
from tui.speech.protocol import (
    Command,
    Error,
    Event,
    Pause,
    Ping,
    Ready,
    Resume,
    Skip,
    Speak,
    Started,
    Stop,
    Stopped,
    SynthToFile,
    Voice,
)


class SpeechClient(SpeechInterface):
    """Speak guide text through a worker process; see the module docstring for threads."""

    def __init__(self, listener: Listener | None = None, *, rate: int = 170, volume: float = 1.0,
                 voice: str = "", log_path: Path | None = None, env: Mapping[str, str] | None = None,
                 stop_grace: float = 0.1, hang_timeout: float = 10.0, start_timeout: float = 60.0) -> None:
        self.listener = listener
        """Gets every event (see `tui.speech.interface.Listener`)."""
        self.voice = Voice(int(rate), float(volume), voice)
        """What the next utterance is spoken with."""
        self.log_path = log_path or default_log_path()
        self.env = dict(os.environ if env is None else env)
        self.stop_grace = stop_grace
        """How long a stop may take to be confirmed before the worker is killed."""
        self.hang_timeout = hang_timeout
        """How long a speak may go unanswered, once the worker is ready, before it is called hung."""
        self.start_timeout = start_timeout
        """How long a new worker may take to load its engine (seconds on a busy machine)."""
        self._lock = threading.RLock()
        self._worker: WorkerProcess | None = None
        self._next_id = 0
        self._stop_seq = 0
        self._confirmed_seq = 0
        self._awaiting: int | None = None  # a speak with no answer yet (for hang detection)
        self._reported = False  # a failure of the current worker has been reported
        self._ready = False  # the current worker has said "ready" (its engine is loaded)
        self._chunks: tuple[str, ...] = ()
        """The texts of the utterance in progress as written: said in the words of the voice
        they are sent with (tui.data.sentences.spoken_texts), again when the voice changes."""
        self._sent_voice = self.voice
        self.utterance: int | None = None
        """The utterance speaking (or paused) now, or None."""
        self.index: int | None = None
        """The chunk of it being heard now, or None."""
        self._paused = False
        self.available_cache = False
        """Speech (with a player) was found to work; cleared when the engine turns out missing."""

    @classmethod
    def from_settings(cls, settings: Settings, listener: Listener | None = None, **kwargs: Any) -> SpeechClient:
        """A client with the user's rate, volume and voice."""
        return cls(listener, rate=settings.speech_rate, volume=settings.speech_volume,
                   voice=settings.speech_voice, **kwargs)

    # -- questions that start nothing -------------------------------------------------------

    def availability(self, need_player: bool = True) -> tuple[bool, str]:
        """(True, "") or (False, the one line to show: what is wrong, then what to do); quick,
        never hangs."""
        if self.available_cache and need_player:
            return True, ""
        ok, reason = audio.availability(need_player, self.env, self.voice.name)
        self.available_cache = ok and need_player
        return ok, reason

    def is_remote(self) -> bool:
        """Whether this is an SSH session (audio would play on the server)."""
        return audio.is_remote(self.env)

    @property
    def paused(self) -> bool:
        """Whether the utterance in progress is paused."""
        return self._paused

    @property
    def speaking(self) -> bool:
        """Whether an utterance is in progress (playing or paused)."""
        return self.utterance is not None

    @property
    def worker_pid(self) -> int | None:
        """The worker's process id while it runs (for tests and the benchmark)."""
        worker = self._worker
        return worker.pid if worker is not None and worker.running() else None

    # -- commands ---------------------------------------------------------------------------

    def speak(self, chunks: Sequence[Chunk | str], start: int = 0) -> int | None:
        """Speak `chunks` from index `start`, replacing anything speaking. Return the utterance
        id, or None (and an error event) if speech is not available."""
        ok, reason = self.availability()
        if not ok:
            self._deliver_async(Error(message=reason, fatal=True))
            return None
        with self._lock:
            self._next_id += 1
            self._chunks = tuple(c.text if isinstance(c, Chunk) else str(c) for c in chunks)
            self.utterance, self.index, self._paused = self._next_id, None, False
            self._send_speak(start)
            return self._next_id

    def synth_to_file(self, chunks: Sequence[Chunk | str], path: Path) -> int | None:
        """Write `chunks` as one WAV file; a `Saved` event (with path, seconds) says when."""
        ok, reason = self.availability(need_player=False)
        if not ok:
            self._deliver_async(Error(message=reason, fatal=True))
            return None
        with self._lock:
            self._next_id += 1
            self.utterance = None
            self._send(SynthToFile(utterance=self._next_id, chunks=tuple(spoken_texts(chunks, self.voice.name)),
                                   # No realpath: a link at the name is replaced, never followed.
                                   path=os.path.abspath(path), voice=self.voice), start=True)
            return self._next_id

    def stop(self) -> None:
        """Silence speech now. If the worker does not confirm within `stop_grace`, kill it."""
        with self._lock:
            self.utterance, self.index, self._paused = None, None, False
            self._awaiting = None
            worker = self._worker
            if worker is None or not worker.running():
                return
            self._stop_seq += 1
            seq = self._stop_seq
            worker.send(Stop(seq=seq))
            if not self._ready:
                # Still loading the engine: nothing can be playing yet, and the stop is handled
                # in order as soon as it is ready; a watchdog now would call that a hang.
                return
        self._watch(self.stop_grace, self._stop_overdue, worker, seq)

    def pause(self) -> None:
        """Pause at once; `resume()` replays the interrupted sentence from its start."""
        with self._lock:
            if self.utterance is not None and not self._paused:
                self._paused = True
                self._awaiting = None  # a paused utterance rightly says nothing
                self._send(Pause())

    def resume(self) -> None:
        """Carry on after `pause()`."""
        with self._lock:
            if self.utterance is not None and self._paused:
                self._paused = False
                if self._sent_voice != self.voice:
                    self._send_speak(self.index or 0)  # rate or voice changed while paused
                else:
                    self._send(Resume())

    def skip(self, step: int) -> None:
        """Move `step` chunks: 1 for the next (past the last ends it), -1 for the previous
        (from the first, start it again)."""
        with self._lock:
            if self.utterance is not None:
                self._paused = False
                self._send(Skip(step=step))

    def set_rate(self, rate: int) -> None:
        """Words per minute; an utterance in progress goes on from the start of the sentence
        being heard at the new rate (a paused one, when it resumes)."""
        self._respeak(Voice(int(rate), self.voice.volume, self.voice.name))

    def set_volume(self, volume: float) -> None:
        """0.0 to 1.0; applied like `set_rate`."""
        self._respeak(Voice(self.voice.rate, max(0.0, min(1.0, float(volume))), self.voice.name))

    def set_voice(self, voice: str) -> None:
        """A voice id, name or language code ("" for the engine's default); applied like `set_rate`."""
        self.available_cache = False  # is the new voice here? asked again before the next speech
        self._respeak(Voice(self.voice.rate, self.voice.volume, voice))

    def ping(self) -> None:
        """Ask the worker for a `Pong` (starts it if needed): a cheap way to warm it up."""
        self._send(Ping(seq=0), start=True)

    def close(self, force: bool = False) -> None:
        """End the worker and its player (call when the app exits). Asks the worker to quit and
        waits up to half a second; with `force` (Ctrl+C), kills its process group at once."""
        with self._lock:
            worker, self._worker = self._worker, None
            self.utterance, self.index, self._paused = None, None, False
            self._awaiting = None
            self._reported = True  # an exit we asked for is not a failure
        if worker is None:
            return
        if force:
            worker.kill()
        else:
            worker.quit()

    # -- internals --------------------------------------------------------------------------

    def _respeak(self, voice: Voice) -> None:
        """Use `voice` from now on; re-send the utterance in progress from the chunk being heard."""
        with self._lock:
            self.voice = voice
            if self.utterance is not None and not self._paused and voice != self._sent_voice:
                self._send_speak(self.index or 0)

    def _send_speak(self, start: int) -> None:
        assert self.utterance is not None
        self._awaiting = self.utterance
        self._sent_voice = self.voice
        self._send(Speak(utterance=self.utterance, chunks=tuple(spoken_texts(self._chunks, self.voice.name)),
                         start=start, voice=self.voice), start=True)
        # A worker still loading its engine is slow, not hung: the hang clock starts at its "ready"
        # (see _on_event); until then only a start that never ends is called a hang.
        delay = self.hang_timeout if self._ready else self.start_timeout
        self._watch(delay, self._speak_overdue, self._worker, self.utterance)

    def _send(self, command: Command, start: bool = False) -> None:
        """Queue a command for the worker, starting it first if `start` and it is not running."""
        with self._lock:
            if self._worker is None or not self._worker.running():
                if not start:
                    return
                self._worker = WorkerProcess(self.env, self.log_path, self._on_event, self._on_exit)
                self._reported, self._ready = False, False
            self._worker.send(command)

    @staticmethod
    def _watch(delay: float, check: Callable[..., None], *args: Any) -> None:
        """Call `check(*args)` after `delay` seconds, on a timer thread."""
        timer = threading.Timer(delay, check, args=args)
        timer.daemon = True
        timer.start()

    def _on_event(self, worker: WorkerProcess, event: Event) -> None:
        """On the reader thread: update the state from one event, then pass it on."""
        with self._lock:
            if worker is not self._worker:
                return  # an old worker's last words
            if isinstance(event, Ready):
                self._reported, self._ready = False, True
                if self._awaiting is not None:  # a speak sent while it loaded: its hang clock starts now
                    self._watch(self.hang_timeout, self._speak_overdue, worker, self._awaiting)
            if event.utterance is not None and event.utterance == self._awaiting:
                self._awaiting = None
            if isinstance(event, Stopped) and event.seq is not None:
                self._confirmed_seq = max(self._confirmed_seq, event.seq)
            if event.utterance is not None and event.utterance == self.utterance:
                if isinstance(event, Started):
                    self.index = event.index
                else:  # Finished, Stopped or Error: it is over
                    self.utterance, self.index, self._paused = None, None, False
            if isinstance(event, Error) and not event.fatal:  # in plain words; the detail is in the log
                event = Error(message=audio.plain_error(event), utterance=event.utterance)
            elif isinstance(event, Error):
                self._reported = True  # the worker says why and exits: not a crash
                self.available_cache = False
                event = Error(message=audio.unavailable_message(event.message), fatal=True)
        self._deliver(event)

    def _on_exit(self, worker: WorkerProcess) -> None:
        """On the reader thread: the worker's output has ended."""
        self._give_up(worker, _("The speech process ended unexpectedly"))

    def _deliver(self, event: Event) -> None:
        if self.listener is not None:
            try:
                self.listener(event)
            except Exception as exc:  # a listener bug must not kill the reader thread
                note_in_log(self.log_path, f"speech listener failed: {exc!r}")

    def _deliver_async(self, event: Event) -> None:
        """Deliver from another thread, so the listener never runs on the caller's thread."""
        threading.Thread(target=self._deliver, args=(event,), daemon=True).start()

    def _give_up(self, worker: WorkerProcess, message: str, stopped: bool = False) -> None:
        """Forget a dead or hung worker, kill its process group (worker and player), and report
        it once; the next speak starts another. Forgetting comes first, so that the reader,
        seeing the output end, does not report the same worker again as a crash."""
        with self._lock:
            if worker is not self._worker:
                return  # an old worker, already replaced, forgotten or closed
            self._worker = None
            was_speaking = self.utterance
            self.utterance, self.index, self._paused = None, None, False
            report, self._reported = not self._reported, True
        worker.kill()
        if stopped:
            self._deliver(Stopped(utterance=was_speaking))
        if report:
            self._deliver(Error(utterance=None if stopped else was_speaking,
                                message=_("{problem}; it will restart when you next ask for speech.").format(
                                    problem=message)))

    def _stop_overdue(self, worker: WorkerProcess, seq: int) -> None:
        """Watchdog: the worker has not confirmed stop number `seq`; silence it by force."""
        with self._lock:
            if self._confirmed_seq >= seq:
                return
        self._give_up(worker, _("Speech did not stop in time, so it was ended"), stopped=True)

    def _speak_overdue(self, worker: WorkerProcess | None, utterance: int) -> None:
        """Watchdog: a speak got no answer at all for `hang_timeout`: the worker is hung."""
        with self._lock:
            if worker is None or self._awaiting != utterance:
                return
        self._give_up(worker, _("Speech stopped responding and was ended"))
