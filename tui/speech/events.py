"""What the speech client tells the app: one event type, delivered to one listener.

Kept apart from the client so that the app (and tests) can name these types without pulling in
the process machinery.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import platformdirs

from tui.data.settings import APP_NAME

EventKind = Literal["ready", "started", "finished", "stopped", "error", "pong"]
"""What happened, as the worker says it (see tui.speech.worker)."""

@dataclass(frozen=True)
class SpeechEvent:
    """One event from the speech worker (or from the client itself, for failures)."""

    kind: EventKind
    utterance: int | None = None
    """The id `speak()` or `synth_to_file()` returned, if the event belongs to one."""
    index: int | None = None
    """For "started": which chunk's audio has begun playing (highlight this one)."""
    message: str = ""
    """For "error": one line in plain words, ready to show."""
    fatal: bool = False
    """For "error": speech cannot work here at all (the engine is missing)."""
    path: str | None = None
    """For "finished" after synth_to_file: the file written."""
    seconds: float | None = None
    """For "finished" after synth_to_file: its length."""


Listener = Callable[[SpeechEvent], None]
"""Called on the client's reader thread with each event."""


def default_log_path() -> Path:
    """The worker's log, in the user's state folder (XDG_STATE_HOME moves it)."""
    return Path(platformdirs.user_state_dir(APP_NAME)) / "speech.log"


