"""`--speak` and `--speak-to FILE.wav`: the guide read aloud with no interface.

`--speak` prints each sentence as it starts to play, so a listener can follow (or a braille
display can show the same words); Ctrl+C silences the player at once and exits with 130.
`--speak-to` writes the whole reading to one WAV file, for a user on SSH to copy and play at
home, or for anyone to keep. Both only ever speak the guide's own text, never interface chrome.
"""

from __future__ import annotations

import os
import queue
import sys
from pathlib import Path
from typing import TextIO

from tui.data.content import Guide, Section
from tui.data.pages import credit_lines, section_position
from tui.data.sentences import Chunk, speech_chunks, text_chunks
from tui.data.settings import Settings, emergency_line
from tui.data.words import N_, _
from tui.speech.client import SpeechClient
from tui.speech.protocol import Error, Event, Finished, Saved, Started, Stopped

REMOTE_NOTICE = N_(
    "this is an SSH session, so the audio plays on the server, not on your computer; "
    "to hear it there, run on your computer: ssh you@server spasm-guide --speak-to - | aplay; "
    "or forward your audio "
    "(ssh -R 24713:127.0.0.1:4713, then PULSE_SERVER=tcp:127.0.0.1:24713; see the README)."
)
"""Said once, on stderr, before speaking over SSH without forwarded audio (after "spasm-guide: ")."""

POLL = 0.25
"""How often the wait for events wakes up (so Ctrl+C is always seen promptly)."""


def section_speech(section: Section, total: int, language: str = "en") -> list[Chunk]:
    """A section as heard: its position ("Section two of nine"), then title and body, split into
    sentences by the abbreviations of the guide's `language`."""
    return [*text_chunks(f"{section_position(section, total)}."), *speech_chunks(section, language=language)]


def guide_speech(guide: Guide, settings: Settings, section: int | None = None) -> list[Chunk]:
    """Everything `--speak` reads: one section, or the whole guide with its title and credit."""
    total = len(guide.sections)
    language = guide.language.code
    if section is not None:
        return section_speech(guide.section(section), total, language)
    # Every piece split by the guide's language, so the printed sentences (which a listener
    # follows) are the guide's own: "Dra. Ruiz" is one sentence in Spanish.
    chunks = [*text_chunks(guide.title, language=language), *text_chunks(guide.disclaimer, language=language),
              *text_chunks(emergency_line(settings), language=language)]
    for item in guide.sections:
        chunks += section_speech(item, total, language)
    chunks += text_chunks(" ".join([*credit_lines(guide), guide.signoff_note]), language=language)
    return chunks


def fail(message: str, err: TextIO) -> int:
    """One line on stderr, exit status 2: never a traceback."""
    print(f"spasm-guide: {message}", file=err, flush=True)
    return 2


def next_event(events: queue.Queue[Event]) -> Event:
    """Wait for the next event, waking often so that Ctrl+C is handled at once."""
    while True:
        try:
            return events.get(timeout=POLL)
        except queue.Empty:
            continue


def write_file(client: SpeechClient, events: queue.Queue[Event], chunks: list[Chunk], target: Path,
               out: TextIO, err: TextIO) -> int:
    """`--speak-to`: synthesise everything into one WAV file and say where and how long."""
    if target.is_dir():
        return fail(_("{path}: is a folder; give a file name such as guide.wav").format(path=target), err)
    job = client.synth_to_file(chunks, target)
    while True:
        event = next_event(events)
        if isinstance(event, Error) and event.utterance in (job, None):
            return fail(event.message, err)
        if isinstance(event, Saved) and event.utterance == job:
            print(_("Wrote {path}: {seconds} seconds of speech.").format(
                path=event.path, seconds=f"{event.seconds:.1f}"), file=out, flush=True)
            return 0
        if isinstance(event, Stopped) and event.utterance == job:
            return fail(_("writing the audio was stopped"), err)


def speak_aloud(client: SpeechClient, events: queue.Queue[Event], chunks: list[Chunk],
                out: TextIO, err: TextIO) -> int:
    """`--speak`: play everything, printing each sentence as it begins."""
    if client.is_remote() and not os.environ.get("PULSE_SERVER"):
        print(f"spasm-guide: {_(REMOTE_NOTICE)}", file=err, flush=True)
    utterance = client.speak(chunks)
    while True:
        event = next_event(events)
        if isinstance(event, Error) and event.utterance in (utterance, None):
            # A player that cannot reach a sound server: the file route still works.
            hint = "" if event.fatal else _("; to keep the speech as a file instead, use --speak-to FILE.wav")
            return fail(f"{event.message}{hint}", err)
        if event.utterance != utterance:
            continue
        if isinstance(event, Started):
            print(chunks[event.index].text, file=out, flush=True)
        elif isinstance(event, (Finished, Stopped)):
            return 0


def run_listen(guide: Guide, settings: Settings, section: int | None, speak_to: Path | None,
               out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Read the guide (or section `section`) aloud, or write it to `speak_to`; return the exit status."""
    out = out or sys.stdout
    err = err or sys.stderr
    events: queue.Queue[Event] = queue.Queue()
    client = SpeechClient.from_settings(settings, events.put)
    ok, reason = client.availability(need_player=speak_to is None)
    if not ok:
        return fail(reason, err)
    chunks = guide_speech(guide, settings, section)
    try:
        if speak_to is not None:
            return write_file(client, events, chunks, speak_to, out, err)
        return speak_aloud(client, events, chunks, out, err)
    except KeyboardInterrupt:
        # Ctrl+C: kill the worker and its player now (no polite request), and leave quietly.
        client.close(force=True)
        return 130
    finally:
        client.close()
