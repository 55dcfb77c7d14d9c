"""Playback for real: speech reaches a sound server, and pause and stop silence it.

A private PulseAudio daemon (its own runtime folder, a null sink, a unix socket; it runs as root
here, as in CI, without --system) stands in for the speakers. `parec` records the sink's monitor
while the SpeechClient speaks through the worker and its real `paplay`. Checks are on the
recorded audio and on event order; waits are bounded only as a guard against hanging.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support import needs
from tests.support.pulse import GUARD, LONG, LOUD, QUIET, RATE, Recorder, needs_pulse
from tests.support.wait import wait_until
from tui.speech.client import SpeechClient
from tui.speech.protocol import Event

pytestmark = [pytest.mark.audio, needs_pulse]


def wait_event(inbox: list[Event], wanted: Callable[[Event], bool]) -> Event:
    return wait_until(lambda: next((event for event in list(inbox) if wanted(event)), None),
                      lambda: f"the event wanted, among {inbox}", GUARD, 0.01)


def test_speech_reaches_the_server_and_pause_and_stop_silence_it(pulse: dict[str, str], tmp_path: Path) -> None:
    recorder = Recorder(pulse, tmp_path / "monitor.raw")
    events: list[Event] = []
    speech = SpeechClient(events.append, env=pulse, log_path=tmp_path / "speech.log")
    try:
        assert recorder.silent() or recorder.until(recorder.silent), "the sink was not silent to begin with"
        utterance = speech.speak([LONG, LONG])
        wait_event(events, lambda e: e.kind == "started" and e.utterance == utterance)
        assert recorder.until(recorder.speaking), "no speech arrived at the sound server"

        speech.pause()
        assert recorder.until(recorder.silent), "pause did not silence the player"
        speech.resume()
        assert recorder.until(recorder.speaking), "resume did not bring the speech back"

        mark = recorder.samples()
        speech.stop()
        wait_event(events, lambda e: e.kind == "stopped")
        assert recorder.until(recorder.silent), "stop did not silence the player"
        # Record a second more: it must stay silent (nothing queued plays on after stop).
        end = recorder.samples() + RATE
        assert recorder.until(lambda: recorder.samples() >= end)
        after = recorder.frames(mark)
        last_loud = max((i for i, value in enumerate(after) if value > LOUD), default=-1)
        assert max(after[last_loud + 1:]) < QUIET
        # Speech stopped well inside the first, 14-second chunk: not by running out of words.
        heard = sum(value > LOUD for value in recorder.frames()) * 0.02
        assert heard < 6.0, f"{heard:.1f} s of speech were heard: stop did not cut the sentence short"
        assert not [e for e in events if e.kind == "error"], events
        assert [e.index for e in events if e.kind == "started"] == [0, 0]
        print(f"speech after stop request: {(last_loud + 1) * 20} ms of audio; heard {heard:.1f} s in all")
    finally:
        speech.close(force=True)
        recorder.close()


def test_a_failing_sound_server_is_reported_not_hidden(tmp_path: Path) -> None:
    """paplay with no server to talk to: an error event naming the reason, once."""
    if not shutil.which("paplay"):
        needs.missing("paplay")
    env = {k: v for k, v in os.environ.items() if k != "PULSE_SERVER"}
    env.update(PULSE_SERVER=f"unix:{tmp_path / 'no-such-socket'}", PATH=os.environ.get("PATH", ""))
    events: list[Event] = []
    speech = SpeechClient(events.append, env=env, log_path=tmp_path / "speech.log")
    try:
        utterance = speech.speak(["Is anyone there?"])
        error = wait_event(events, lambda e: e.kind == "error")
        assert error.utterance == utterance
        # What is wrong and what to do, in plain words; the program's own words go to the log.
        assert error.message.startswith("No sound server is running here, so the guide cannot play speech.")
        assert "--speak-to guide.wav" in error.message and "sudo apt install pulseaudio" in error.message
        assert "pa_context" not in error.message and "paplay" not in error.message
        assert not speech.speaking
    finally:
        speech.close(force=True)
    assert "Connection refused" in (tmp_path / "speech.log").read_text(errors="replace")
