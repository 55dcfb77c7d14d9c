"""Reading aloud inside the app: what to speak, what is being read, and self-voicing.

The speech itself runs in a worker process (tui.speech); this is the Textual side. Events from
the worker arrive on a thread and are handed to the app's event loop, so the interface never
waits for speech: a key press is handled the same while the guide is speaking.

The reader never writes into widgets: it posts messages, and the screen or the app shows them.
- `Reader.Highlight`, posted to the section view being read: its screen highlights the sentence
  being heard (or clears the highlight);
- `Reader.Notice`, posted to the app: something to tell the user, as a notification;
- `Reader.Changed`, posted to the app: reading began or ended, so the reading keys come or go.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from textual.message import Message
from textual.notifications import SeverityLevel

from tui.data.content import Guide
from tui.data.language_choice import is_no_voice_reason, reading_voice
from tui.data.sentences import Chunk, speech_chunks
from tui.data.settings import Settings
from tui.data.words import _, ngettext

if TYPE_CHECKING:
    # The speech modules (subprocess, threads, ctypes) load on first use, not at start-up.
    from tui.fullscreen.widgets.section_text import SectionText
    from tui.speech.interface import SpeechInterface
    from tui.speech.protocol import Event

RATE_STEP = 20
"""Words a minute added or taken away by + and -."""
RATE_RANGE = (80, 400)
"""Slowest and fastest rate allowed (the settings file checks the same range)."""


class ReaderHost(Protocol):
    """What the reader needs of the app: its settings, and somewhere to post messages."""

    settings: Settings
    """The user's rate, volume, voice and self-voicing choice."""
    guide: Guide
    """The guide shown: its language decides the voice."""

    def change_settings(self, **changes: Any) -> None:
        """Apply and save settings."""

    def post_message(self, message: Message) -> bool:
        """Queue a message for the app."""

    def call_from_thread(self, callback: Any, *args: Any, **kwargs: Any) -> Any:
        """Run `callback` on the app's loop, from another thread."""


@dataclass
class Reading:
    """What is being read now."""

    utterance: int
    """The speech client's id for it."""
    chunks: list[Chunk | str]
    """The pieces, in order."""
    target: SectionText | None
    """The view that highlights the sentence being heard, if any."""
    heard: bool = False
    """Speech has started: the reading keys are shown from then (one that fails at once, with no
    sound server, says so first, with no key bar drawn and taken back before it)."""


def section_reading(text: SectionText, with_title: bool = True, language: str = "en") -> list[Chunk | str]:
    """The sentences of a section view, each mapped back to the text for the highlight, split by the
    abbreviations of the guide's `language` ("Dra. Ruiz" is one sentence in Spanish)."""
    chunks = speech_chunks(text.section, language=language)
    return list(chunks if with_title else [c for c in chunks if c.paragraph is not None])


class Reader:
    """Owns the speech client for the app and turns its events into messages for the screen."""

    class Highlight(Message):
        """Highlight `span` in `target` as the sentence being heard; None clears the highlight."""

        def __init__(self, reader: Reader, target: SectionText, span: tuple[int, int, int] | None) -> None:
            super().__init__()
            self.target = target
            """The section view to highlight in."""
            self.span = span
            """(paragraph, start, end), as `Chunk.highlight` gives it, or None."""
            self._reader, self._reading = reader, reader.reading

        @property
        def stale(self) -> bool:
            """The reading it belongs to ended before the screen got it: show nothing."""
            return self.span is not None and self._reader.reading is not self._reading

    class Notice(Message):
        """Something to tell the user, as a notification."""

        def __init__(self, text: str, severity: SeverityLevel = "information", timeout: float = 5) -> None:
            super().__init__()
            self.text = text
            """One line in plain words."""
            self.severity = severity
            """"error" for what went wrong."""
            self.timeout = timeout
            """Seconds to show it."""

    class Changed(Message):
        """Reading began or ended: the keys that only work while reading come or go."""

    def __init__(self, app: ReaderHost) -> None:
        self.app = app
        """The app: its settings, and where messages go."""
        self.client: SpeechInterface | None = None
        """Started on first use: most readers never ask for speech."""
        self.reading: Reading | None = None
        """What is being read, or None."""
        self.remote_ok = False
        """The reader has chosen to play over SSH anyway (asked once per run)."""
        self.last_announced = ""
        """Self-voicing never says the same thing twice in a row."""
        self.reported: set[str] = set()
        """Error messages already shown: each is said once."""

    # -- the client ---------------------------------------------------------------------------

    def ensure_client(self) -> SpeechInterface:
        """The speech client, created with the user's rate, volume and voice."""
        if self.client is None:
            from dataclasses import replace

            from tui.speech.client import SpeechClient

            settings = replace(self.app.settings, speech_voice=self.voice())
            self.client = SpeechClient.from_settings(settings, self.on_worker_event)
        return self.client

    def on_worker_event(self, event: Event) -> None:
        """Called on the client's thread: hand the event to the app's loop."""
        with contextlib.suppress(RuntimeError):  # the app has stopped: nothing to update
            self.app.call_from_thread(self.handle, event)

    def tell(self, text: str, severity: SeverityLevel = "information", timeout: float = 5) -> None:
        """Post a notice to the app."""
        self.app.post_message(self.Notice(text, severity, timeout))

    def handle(self, event: Event) -> None:
        """Act on one speech event (on the app's loop)."""
        from tui.speech.protocol import Error, Finished, Saved, Started, Stopped

        reading = self.reading
        if isinstance(event, Started) and reading and event.utterance == reading.utterance:
            if not reading.heard:
                reading.heard = True
                self.app.post_message(self.Changed())
            chunk = reading.chunks[event.index] if event.index < len(reading.chunks) else None
            if reading.target is not None and isinstance(chunk, Chunk):
                reading.target.post_message(self.Highlight(self, reading.target, chunk.highlight))
        elif isinstance(event, (Finished, Stopped)) and reading and event.utterance in (None, reading.utterance):
            self.finish()
        elif isinstance(event, Error):
            # Said when the reader is waiting to hear something; otherwise once. Either way the
            # reading is over, so the reading keys go away.
            if reading is not None or event.message not in self.reported:
                self.reported.add(event.message)
                self.tell(event.message, "error", 10)
            self.finish()
        elif isinstance(event, Saved):
            seconds = round(event.seconds)
            self.tell(ngettext("Saved the audio as {path} ({seconds} second).",
                               "Saved the audio as {path} ({seconds} seconds).", seconds)
                      .format(path=event.path, seconds=f"{event.seconds:.0f}"), timeout=10)

    def finish(self) -> None:
        """Reading ended: clear the highlight and the reading keys."""
        if self.reading and self.reading.target is not None:
            self.reading.target.post_message(self.Highlight(self, self.reading.target, None))
        self.reading = None
        self.app.post_message(self.Changed())

    # -- what the app asks for ----------------------------------------------------------------

    @property
    def speaking(self) -> bool:
        """Whether something is being read (playing or paused)."""
        return self.reading is not None

    def available(self, need_player: bool = True) -> bool:
        """Whether speech can work here; if not, say why (the reader asked, so every time)."""
        ok, reason = self.ensure_client().availability(need_player)
        if not ok:
            self.tell(reason, "error", 10)
        return ok

    def read(self, chunks: Sequence[Chunk | str], target: SectionText | None) -> None:
        """Read `chunks` aloud, replacing anything being read, highlighting in `target`."""
        if not chunks or not self.available():
            return
        self.stop()
        utterance = self.ensure_client().speak(list(chunks))
        if utterance is not None:
            self.reading = Reading(utterance, list(chunks), target)

    def write_file(self, chunks: Sequence[Chunk | str], path: Path) -> None:
        """Write `chunks` to a WAV file instead of playing them (for SSH users)."""
        if self.available(need_player=False):
            self.ensure_client().synth_to_file(list(chunks), path)
            self.tell(_("Writing the audio to {path} ...").format(path=path))

    def stop(self) -> None:
        """Silence now."""
        if self.reading is None:
            return
        if self.client is not None:
            self.client.stop()
        self.finish()

    def pause_or_resume(self) -> None:
        """Space while reading."""
        if self.client is None or self.reading is None:
            return
        if self.client.paused:
            self.client.resume()
        else:
            self.client.pause()

    def skip(self, step: int) -> None:
        """Next (1) or previous (-1) sentence."""
        if self.client is not None and self.reading is not None:
            self.client.skip(step)
    def change_rate(self, step: int) -> int:
        """Faster or slower by `step` words a minute; saved; applies from the current sentence."""
        low, high = RATE_RANGE
        rate = max(low, min(high, self.app.settings.speech_rate + step))
        self.app.change_settings(speech_rate=rate)
        if self.client is not None:
            self.client.set_rate(rate)
        return rate

    def voice(self) -> str:
        """The voice for the guide shown: the reader's choice when it speaks the guide's language,
        else the guide's own (es-419 for the Spanish guide): it follows the language."""
        return reading_voice(self.app.settings.speech_voice, self.app.guide.language)

    def apply_settings(self) -> None:
        """Volume or voice changed in Settings, or the guide's language: tell the client."""
        if self.client is not None:
            self.client.set_volume(self.app.settings.speech_volume)
            self.client.set_voice(self.voice())

    def announce(self, *texts: str) -> None:
        """Self-voicing: speak a new screen's title or a newly focused item, cutting off the last."""
        if not self.app.settings.self_voicing:
            return
        words = ". ".join(t.strip() for t in texts if t.strip())
        if not words or words == self.last_announced:
            return
        from tui.speech.audio import is_remote

        if is_remote() and not self.remote_ok:
            return  # audio would play on the server: only an explicit `r` asks about that
        self.last_announced = words
        ok, reason = self.ensure_client().availability()
        if ok:
            if self.reading is not None:
                self.stop()
            self.ensure_client().speak([words])
        elif is_no_voice_reason(reason) and reason not in self.reported:
            # No voice for the guide's language: said once, and the guide goes on as text.
            self.reported.add(reason)
            self.tell(reason, "warning", 10)

    def close(self) -> None:
        """End the worker with the app."""
        if self.client is not None:
            self.client.close()
            self.client = None
