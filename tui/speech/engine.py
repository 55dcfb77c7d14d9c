"""The speech engine, used only to write WAV files: pyttsx3 with eSpeak NG, and its pitfalls.

What pyttsx3 2.99 does on Linux, and what this class does about it (measured here):
- `pyttsx3.init()` raises a plain RuntimeError when libespeak-ng is missing: caught, and turned
  into `EngineUnavailable` with a reason in plain words.
- The driver starts libespeak-ng in AUDIO_OUTPUT_RETRIEVAL mode, which is asynchronous: the
  samples arrive in a callback on libespeak-ng's own thread and the WAV is written from there,
  so `runAndWait()` can return before the file exists. `_run()` waits for the
  `finished-utterance` event and a complete WAV header instead of trusting `runAndWait()`.
- Each `runAndWait()` queues an end-of-loop command that calls the driver's `stop()`, which
  cancels whatever libespeak-ng is still doing (a queued voice change is enough) and leaves a
  flag that cancels a later run. So every run starts when libespeak-ng is idle, with that flag
  cleared, and a cancelled run is tried again.
- The driver never forgets the last text: a `runAndWait()` with only `setProperty()` queued
  speaks it again. Properties are therefore set outside any run, always followed by a real
  `save_to_file()`; a warm-up run at start leaves pyttsx3 in the state where they apply at once.
- The synthesis buffer grows by concatenation (quadratic) and about 25 KB of text crashes
  libespeak-ng: callers pass one sentence, at most ~300 characters, at a time.
- pyttsx3 prints "Audio saved to ..." on stdout: the worker moves fd 1 to its log.
"""

from __future__ import annotations

import sys
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tui.speech.audio import simulated_failure, wav_complete
from tui.speech.protocol import Voice

SYNTH_TIMEOUT = 10.0
"""Longest wait for one chunk's WAV (a guard: a sentence takes about 12 ms)."""



class EngineUnavailable(Exception):
    """The speech engine could not start; the message is the reason, in plain words."""


def espeak_busy() -> bool:
    """Whether libespeak-ng's own thread still has work queued."""
    from pyttsx3.drivers import _espeak

    return bool(_espeak.IsPlaying())


class Synthesiser:
    """Writes text to WAV files with pyttsx3. One thread only may call it after `start()`."""

    def __init__(self, tmpdir: Path, engine: Any = None, busy: Callable[[], bool] = espeak_busy) -> None:
        self.tmpdir = tmpdir
        self.engine: Any = engine
        """The pyttsx3 engine (or a stand-in in unit tests)."""
        self.busy = busy
        self.default_voice = ""
        self.props: Voice | None = None
        self.synth_done = threading.Event()
        self.synth_ok = False
        self.serial = 0

    def start(self) -> None:
        """Initialise pyttsx3 (in this thread, before the speaker starts) or explain why not."""
        if simulated_failure() == "engine":
            raise EngineUnavailable("the eSpeak NG speech library (libespeak-ng1) is not installed")
        try:
            import pyttsx3
        except ImportError as exc:
            raise EngineUnavailable("the Python package pyttsx3 is not installed") from exc
        try:
            engine = pyttsx3.init()
        except Exception as exc:  # pyttsx3 raises RuntimeError, and others from ctypes
            traceback.print_exc()
            raise EngineUnavailable("the eSpeak NG speech library (libespeak-ng1) could not start") from exc
        self.attach(engine)

    def attach(self, engine: Any) -> None:
        """Use `engine`: listen for its finished-utterance events, note its voice, warm it up."""
        self.engine = engine
        self.engine.connect("finished-utterance", self._on_finished)
        self.default_voice = str(self.engine.getProperty("voice") or "")
        self.warm_up()

    def _on_finished(self, name: object = None, completed: object = True) -> None:
        """pyttsx3's callback, on libespeak-ng's own thread: a chunk's WAV is written (or not)."""
        self.synth_ok = bool(completed)
        self.synth_done.set()

    def _wait_idle(self) -> None:
        """Wait (bounded) until libespeak-ng's thread has nothing queued.

        Every `runAndWait()` queues an end-of-loop command that calls the driver's `stop()`,
        which cancels whatever libespeak-ng is still doing and sets a flag that makes a run
        report a cancelled utterance; starting only when it is idle keeps a chunk from being cut.
        """
        deadline = time.monotonic() + SYNTH_TIMEOUT
        while self.busy() and time.monotonic() < deadline:
            time.sleep(0.001)

    def _clear_stale_stop(self) -> None:
        """Drop a cancel left over from an earlier run, which would cut the next chunk short.

        The driver's `stop()` sets `_stopping` whenever libespeak-ng is busy (even with only a
        voice change queued), and only a later run's loop consumes it, by cancelling that run.
        If a later pyttsx3 has no such attribute this does nothing; the retry still covers it.
        """
        driver = getattr(getattr(self.engine, "proxy", None), "_driver", None)
        if getattr(driver, "_stopping", False):
            driver._stopping = False  # type: ignore[union-attr]

    def warm_up(self) -> None:
        """Synthesise one word at start: loads the voice data, so the first real chunk is fast,
        and leaves pyttsx3 outside a run, where setProperty() applies at once."""
        path = self.tmpdir / "warm-up.wav"
        self._run("Ready.", path)
        path.unlink(missing_ok=True)

    def synthesise(self, text: str, voice: Voice) -> Path:
        """Write one chunk to a new WAV file in the temp folder; only the speaker thread calls this.

        pyttsx3 initialises libespeak-ng in AUDIO_OUTPUT_RETRIEVAL mode, which is asynchronous:
        synthesis runs on libespeak-ng's own thread, the WAV is written from its callback, and
        `runAndWait()` often returns before the file exists (measured: returned after 18 ms,
        file written at 49 ms). So wait for the `finished-utterance` event with completed=True
        and a complete WAV header, and try again if the run was cancelled under us.
        """
        if voice != self.props:
            # Outside a run (the engine is idle after the warm-up) setProperty() goes straight
            # to libespeak-ng, which queues it on its thread like a synthesis.
            self.engine.setProperty("rate", voice.rate)
            self.engine.setProperty("volume", voice.volume)
            try:
                self.engine.setProperty("voice", voice.name or self.default_voice)
            except ValueError:
                print(f"unknown voice {voice.name!r}; using {self.default_voice}", file=sys.stderr)
                self.engine.setProperty("voice", self.default_voice)
            self.props = voice
        self.serial += 1
        path = self.tmpdir / f"chunk-{self.serial}.wav"
        self._run(text, path)
        return path

    def _run(self, text: str, path: Path) -> None:
        """One `save_to_file()` run, waited for properly, tried up to three times."""
        for attempt in range(3):
            self._wait_idle()
            self._clear_stale_stop()
            self.synth_done.clear()
            self.synth_ok = False
            self.engine.save_to_file(text, str(path))
            self.engine.runAndWait()
            if self.synth_done.wait(SYNTH_TIMEOUT) and self.synth_ok and wav_complete(path):
                return
            print(f"synthesis attempt {attempt + 1} failed (event {self.synth_done.is_set()}, "
                  f"completed {self.synth_ok}, file {wav_complete(path)}): {text[:40]!r}", file=sys.stderr)
        raise RuntimeError(f"the speech engine did not write {path.name}")

