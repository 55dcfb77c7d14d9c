"""What the app may ask of speech: the `SpeechInterface` that the real client and test fakes share.

The app's reader holds a `SpeechInterface`, never the concrete client, so a misspelled call is a
type error, and a test fake that declares the interface (by subclassing it) cannot misspell or
miss a method: mypy refuses to build it, and so does Python (the methods are abstract).

Events reach the app through a `Listener`: the event classes of `tui.speech.protocol`, plus
`Error` events the client makes itself for failures it sees (a crash, a hang, no engine).
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol, runtime_checkable

from tui.data.sentences import Chunk
from tui.speech.protocol import Event

Listener = Callable[[Event], None]
"""Called with each event, on the client's reader thread (never on the caller's): return quickly."""


@runtime_checkable
class SpeechInterface(Protocol):
    """Speech as the app uses it: non-blocking commands, and events on the listener."""

    @property
    @abstractmethod
    def paused(self) -> bool:
        """Whether the utterance in progress is paused."""

    @property
    @abstractmethod
    def speaking(self) -> bool:
        """Whether an utterance is in progress (playing or paused)."""

    @abstractmethod
    def availability(self, need_player: bool = True) -> tuple[bool, str]:
        """(True, "") or (False, the one line to show: what is wrong, then what to do); quick,
        starts nothing."""

    @abstractmethod
    def speak(self, chunks: Sequence[Chunk | str], start: int = 0) -> int | None:
        """Speak `chunks` from `start`, replacing anything speaking; the utterance id, or None
        (and an `Error` event) when speech is not available."""

    @abstractmethod
    def synth_to_file(self, chunks: Sequence[Chunk | str], path: Path) -> int | None:
        """Write `chunks` to one WAV file; a `Saved` event says when it is done."""

    @abstractmethod
    def stop(self) -> None:
        """Silence speech now."""

    @abstractmethod
    def pause(self) -> None:
        """Pause at once, mid-sentence."""

    @abstractmethod
    def resume(self) -> None:
        """Carry on after `pause()`, from the start of the interrupted sentence."""

    @abstractmethod
    def skip(self, step: int) -> None:
        """Move `step` sentences: 1 for the next, -1 for the previous."""

    @abstractmethod
    def set_rate(self, rate: int) -> None:
        """Words a minute, from the start of the sentence being heard."""

    @abstractmethod
    def set_volume(self, volume: float) -> None:
        """0.0 to 1.0, applied like `set_rate`."""

    @abstractmethod
    def set_voice(self, voice: str) -> None:
        """A voice id, name or language code ("" for the default), applied like `set_rate`."""

    @abstractmethod
    def close(self, force: bool = False) -> None:
        """End the worker and its player; with `force` (Ctrl+C), at once."""
