"""Fast unit tests of the Synthesiser against a stand-in engine that misbehaves as pyttsx3 does.

The stand-in reproduces what was measured with pyttsx3 2.99 and libespeak-ng 1.51: the WAV is
written on another thread after `runAndWait()` has returned; a stale cancel flag on the driver
cuts the next run short (reported as completed=False); libespeak-ng stays busy for a moment
after a property change. The real engine is exercised in test_speech_audio and _worker.
"""

from __future__ import annotations

import threading
import time
import wave
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tui.speech.engine import Synthesiser
from tui.speech.protocol import Voice


class FakeDriver:
    """Holds the flag pyttsx3's eSpeak driver leaves behind after a stop()."""

    def __init__(self) -> None:
        self._stopping = False


class FakeProxy:
    def __init__(self) -> None:
        self._driver = FakeDriver()


class FakeEngine:
    """Writes the WAV late, on its own thread, like libespeak-ng's retrieval mode."""

    def __init__(self, busy_for: float = 0.0, cancel_runs: int = 0, delay: float = 0.03) -> None:
        self.proxy = FakeProxy()
        self.callbacks: list[Callable[..., None]] = []
        self.props: dict[str, Any] = {"voice": "gmw/en"}
        self.pending: tuple[str, str] | None = None
        self.runs: list[str] = []
        self.busy_until = 0.0
        self.busy_for = busy_for
        self.cancel_runs = cancel_runs
        self.delay = delay
        self.in_run = False
        self.set_during_run = False

    def connect(self, topic: str, callback: Callable[..., None]) -> None:
        assert topic == "finished-utterance"
        self.callbacks.append(callback)

    def getProperty(self, name: str) -> Any:
        return self.props[name]

    def setProperty(self, name: str, value: Any) -> None:
        if self.in_run:
            self.set_during_run = True
        if name == "voice" and value not in ("gmw/en", "gmw/en-us"):
            raise ValueError(f"SetVoiceByName failed for {value}")
        self.props[name] = value
        self.busy_until = time.monotonic() + self.busy_for

    def busy(self) -> bool:
        return time.monotonic() < self.busy_until

    def save_to_file(self, text: str, path: str) -> None:
        self.pending = (text, path)

    def runAndWait(self) -> None:
        assert self.pending is not None
        assert not self.busy(), "a run started while libespeak-ng was busy: it would be cancelled"
        text, path = self.pending
        self.runs.append(text)
        cancelled = self.proxy._driver._stopping or len(self.runs) <= self.cancel_runs
        self.proxy._driver._stopping = False

        def finish() -> None:
            time.sleep(self.delay)  # returns first, writes later: the measured behaviour
            if not cancelled:
                with wave.open(path, "wb") as out:
                    out.setnchannels(1)
                    out.setsampwidth(2)
                    out.setframerate(22050)
                    out.writeframes(b"\x10\x00" * 2205)
            for callback in self.callbacks:
                callback(name=None, completed=not cancelled)

        threading.Thread(target=finish, daemon=True).start()


def make(tmp_path: Path, engine: FakeEngine) -> Synthesiser:
    synth = Synthesiser(tmp_path, engine=None, busy=engine.busy)
    synth.attach(engine)
    return synth


def test_waits_for_the_file_that_runandwait_did_not(tmp_path: Path) -> None:
    engine = FakeEngine(delay=0.05)
    synth = make(tmp_path, engine)
    path = synth.synthesise("Hello there.", Voice(170, 1.0, ""))
    with wave.open(str(path)) as handle:
        assert handle.getnframes() == 2205
    assert engine.runs == ["Ready.", "Hello there."]  # the warm-up, then the chunk


def test_a_stale_cancel_is_cleared_before_the_run(tmp_path: Path) -> None:
    engine = FakeEngine()
    synth = make(tmp_path, engine)
    engine.proxy._driver._stopping = True  # left by an earlier run's stop()
    synth.synthesise("Not cut short.", Voice(170, 1.0, ""))
    assert engine.runs[1:] == ["Not cut short."]


def test_a_cancelled_run_is_tried_again(tmp_path: Path) -> None:
    engine = FakeEngine(cancel_runs=1)  # the warm-up's first attempt is cancelled
    synth = make(tmp_path, engine)
    engine.cancel_runs = len(engine.runs) + 1  # and so is the chunk's first attempt
    synth.synthesise("Second time lucky.", Voice(170, 1.0, ""))
    assert engine.runs == ["Ready.", "Ready.", "Second time lucky.", "Second time lucky."]


def test_gives_up_after_three_cancelled_runs(tmp_path: Path) -> None:
    engine = FakeEngine()
    synth = make(tmp_path, engine)
    engine.cancel_runs = 99
    with pytest.raises(RuntimeError, match="did not write"):
        synth.synthesise("Never.", Voice(170, 1.0, ""))
    assert engine.runs.count("Never.") == 3


def test_properties_are_set_outside_runs_and_only_when_changed(tmp_path: Path) -> None:
    engine = FakeEngine(busy_for=0.03)  # libespeak-ng queues a property change like speech
    synth = make(tmp_path, engine)
    synth.synthesise("One.", Voice(140, 0.5, "gmw/en-us"))
    assert engine.props == {"voice": "gmw/en-us", "rate": 140, "volume": 0.5}
    engine.props["rate"] = -1
    synth.synthesise("Two.", Voice(140, 0.5, "gmw/en-us"))
    assert engine.props["rate"] == -1, "the same voice was set again"
    synth.synthesise("Three.", Voice(200, 0.5, ""))
    assert engine.props["rate"] == 200 and engine.props["voice"] == "gmw/en"
    assert not engine.set_during_run


def test_an_unknown_voice_falls_back_to_the_default(tmp_path: Path) -> None:
    engine = FakeEngine()
    synth = make(tmp_path, engine)
    synth.synthesise("Still spoken.", Voice(170, 1.0, "no-such-voice"))
    assert engine.props["voice"] == "gmw/en"
    assert engine.runs[-1] == "Still spoken."
