"""The speech worker's pause and resume, with the speaker thread slow to wake (a busy machine).

Pause kills the player mid-sentence; resume replays that sentence. When the resume came before
the speaker thread had seen the killed player end (beside a busy process, in CI), the thread
took the killed player's exit status for a failure: the reading ended with "the audio player
could not play sound", and the sentence was never played again. Here the test holds the worker's
lock across both commands, so the thread sees them only after both: the order a busy machine
made. A stand-in player and engine: no process, no audio (the real ones: test_speech_worker.py).
"""

from __future__ import annotations

import io
import threading
from pathlib import Path
from typing import Any

import pytest

from tests.support.wait import wait_until
from tui.speech import worker as worker_module
from tui.speech.protocol import Event, Pause, Resume, Voice, decode_event
from tui.speech.worker import Utterance, Worker


class StandInPlayer:
    """Plays until killed; a killed player ends with status -9, as a real one does."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.killed = threading.Event()

    def wait(self) -> int:
        self.killed.wait(30)
        return -9

    def poll(self) -> int | None:
        return -9 if self.killed.is_set() else None

    def kill(self) -> None:
        self.killed.set()


class StandInEngine:
    def __init__(self, tmp_path: Path) -> None:
        self.tmp_path = tmp_path

    def synthesise(self, text: str, voice: Voice) -> Path:
        path = self.tmp_path / f"{abs(hash(text))}.wav"
        path.write_bytes(b"")
        return path


def events_of(stream: io.BytesIO) -> list[Event]:
    return [decode_event(line) for line in stream.getvalue().splitlines() if line.strip()]


def test_a_resume_read_before_the_killed_player_ended_replays_the_sentence(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(worker_module, "player_command", lambda *_: ["player", "x.wav"])
    players: list[StandInPlayer] = []

    def popen(*args: Any, **kwargs: Any) -> StandInPlayer:
        players.append(StandInPlayer())
        return players[-1]

    monkeypatch.setattr(worker_module.subprocess, "Popen", popen)
    out = io.BytesIO()
    worker = Worker(out, tmp_path)  # type: ignore[arg-type]
    worker.engine = StandInEngine(tmp_path)  # type: ignore[assignment]
    utterance = Utterance(1, ("One.", "Two."), Voice(), worker.gen)
    worker.current = utterance
    speaker = threading.Thread(target=worker.play, args=(utterance,), daemon=True)
    speaker.start()
    wait_until(lambda: len(players) == 1, "the first sentence playing")
    with worker.lock:  # the speaker thread sees the pause and the resume only after both
        worker.handle(Pause())
        assert players[0].killed.is_set()
        worker.handle(Resume())
    wait_until(lambda: len(players) == 2, lambda: f"the sentence played again; events: {events_of(out)}")
    kinds = [(event.kind, getattr(event, "index", None)) for event in events_of(out)]
    assert kinds == [("started", 0), ("started", 0)], kinds
    worker.handle(Pause())  # let the thread end: the stand-in player goes, and it waits
    worker.gen += 1
    with worker.lock:
        worker.lock.notify_all()
    speaker.join(5)
