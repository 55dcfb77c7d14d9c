"""A stand-in speech client for app tests: records what the app asks; the test plays the worker.

It subclasses `SpeechInterface`, whose methods are abstract, so a fake that misspells or misses a
method cannot be built: Python refuses at run time and mypy refuses when it checks this file
(tests/test_speech_protocol.py proves both).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tui.data.sentences import Chunk
from tui.speech.interface import SpeechInterface


class FakeClient(SpeechInterface):
    """Records each call as (name, args); `spoken` keeps the text of each `speak`."""

    def __init__(self, available: tuple[bool, str] = (True, "")) -> None:
        self.calls: list[tuple[str, tuple[Any, ...]]] = []
        self.spoken: list[list[str]] = []
        self.ok = available
        self.next_id = 0
        self._paused = False
        self._speaking = False

    @property
    def paused(self) -> bool:
        return self._paused

    @property
    def speaking(self) -> bool:
        return self._speaking

    def availability(self, need_player: bool = True) -> tuple[bool, str]:
        return self.ok

    def speak(self, chunks: Sequence[Chunk | str], start: int = 0) -> int | None:
        self.next_id += 1
        self.spoken.append([c.text if isinstance(c, Chunk) else c for c in chunks])
        self._speaking, self._paused = True, False
        return self.next_id

    def synth_to_file(self, chunks: Sequence[Chunk | str], path: Path) -> int | None:
        self.calls.append(("synth_to_file", (path,)))
        return 99

    def stop(self) -> None:
        self.calls.append(("stop", ()))
        self._speaking, self._paused = False, False

    def pause(self) -> None:
        self.calls.append(("pause", ()))
        self._paused = True

    def resume(self) -> None:
        self.calls.append(("resume", ()))
        self._paused = False

    def skip(self, step: int) -> None:
        self.calls.append(("skip", (step,)))

    def set_rate(self, rate: int) -> None:
        self.calls.append(("set_rate", (rate,)))

    def set_volume(self, volume: float) -> None:
        self.calls.append(("set_volume", (volume,)))

    def set_voice(self, voice: str) -> None:
        self.calls.append(("set_voice", (voice,)))

    def close(self, force: bool = False) -> None:
        self.calls.append(("close", (force,)))


CHECKED: SpeechInterface = FakeClient()
"""Makes mypy check the fake against the interface wherever this module is type-checked."""
