"""`spasm-guide --speak-to -`: the guide's speech as a WAV stream on standard output, for a player.

This is how a reader on a hosted SSH account hears the guide on their own computer:
`ssh clinic@host speak 3 | aplay`. The audio is made chunk by chunk (a sentence at a time)
through the usual speech worker, with the reader's rate, volume and voice, and each chunk is
written as soon as it is made, so the player starts at once.

The format, chosen by measuring the players installed here reading from a pipe:
- WAV, 11025 Hz, mono, unsigned 8-bit PCM: 11,025 bytes per second of speech, 86 kbit/s, so it
  keeps up on a 128 kbit/s link with a third to spare for SSH's own overhead. 16-bit at the same
  rate would need 22 KB/s (more than the link), and 8 kHz 16-bit exactly the link's 16 KB/s.
- Plain PCM because aplay refuses anything else in a WAV (mu-law: "can't play WAVE-file format
  0x0007"); aplay, paplay and SoX's `play -` all played this stream from a pipe (ffplay reads
  any PCM WAV). 11025 Hz keeps speech up to 5.5 kHz, better than a telephone's 3.4 kHz.
- The header's lengths are 0xFFFFFFFF, "unknown": the players read until the pipe ends (SoX
  warns "Premature EOF" at the end, and plays everything).
eSpeak NG makes 22050 Hz 16-bit audio: each chunk is low-passed ([1, 2, 1] / 4, which removes
what would fold back below 5.5 kHz) and every second sample kept, then scaled to 8 bits.
"""

from __future__ import annotations

import array
import os
import queue
import shutil
import struct
import sys
import tempfile
import time
import wave
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from tui.data.content import Guide
from tui.data.settings import Settings
from tui.data.words import N_, _
from tui.speech import audio
from tui.speech.protocol import Error, Event, Saved, Stopped

if TYPE_CHECKING:
    from tui.speech.client import SpeechClient

STREAM_RATE = 11025
"""Samples per second in the stream (one byte each)."""

FIRST_PIECE = 2048
"""Bytes in each write of the first sentence (0.19 s of sound; 0.13 s on a 128 kbit/s link)."""

FIRST_GAP = 0.02
"""Seconds between those writes: time for sshd to read and send each piece on its own."""

UNKNOWN = 0xFFFFFFFF
"""The length written in the header: unknown, read to the end."""

TTY_REFUSAL = N_("spasm-guide: --speak-to - writes audio, not text: pipe it to a player, "
                 "for example: spasm-guide --speak-to - | aplay")
"""Said instead of writing audio to a terminal (shown through `_()`)."""


EARLY: list[SpeechClient] = []
"""A client whose worker was started before the guide loaded (see `start_early`)."""


def start_early() -> None:
    """Start the speech worker now, while the guide's code and content load.

    The worker takes longest to be ready (a second interpreter, pyttsx3, eSpeak NG's voice data):
    started first, it is ready about when the first sentence is asked for, so the reader hears
    speech sooner. The reader's rate and voice go with each request, so none are needed yet.
    """
    from tui.speech.client import SpeechClient

    client = SpeechClient(EARLY_EVENTS.put)
    client.ping()
    EARLY.append(client)


EARLY_EVENTS: queue.Queue[Event] = queue.Queue()
"""Where the early client's events go."""


def stream_header(rate: int = STREAM_RATE) -> bytes:
    """A WAV header for mono unsigned 8-bit PCM of unknown length."""
    fmt = struct.pack("<HHIIHH", 1, 1, rate, rate, 1, 8)
    return (b"RIFF" + struct.pack("<I", UNKNOWN) + b"WAVE" + b"fmt " + struct.pack("<I", len(fmt)) + fmt
            + b"data" + struct.pack("<I", UNKNOWN))


def to_stream_samples(pcm: bytes, rate: int, width: int = 2) -> bytes:
    """16-bit mono PCM at `rate` as unsigned 8-bit samples at STREAM_RATE."""
    if width != 2:
        raise ValueError(f"expected 16-bit audio, got {8 * width}-bit")
    samples = array.array("h")
    samples.frombytes(pcm[: len(pcm) - len(pcm) % 2])
    if sys.byteorder == "big":
        samples.byteswap()
    if rate == 2 * STREAM_RATE:
        n = len(samples)
        # [1, 2, 1] / 4 around every even sample, then keep it: a low-pass and a halving.
        picked = [(samples[i - 1] if i else samples[0]) + 2 * samples[i] + (samples[i + 1] if i + 1 < n else samples[i])
                  for i in range(0, n, 2)]
        return bytes(min(255, max(0, ((value + 512) >> 10) + 128)) for value in picked)
    # Any other rate (another voice library): nearest sample, good enough and never fails.
    step = rate / STREAM_RATE
    count = int(len(samples) / step)
    return bytes(min(255, max(0, ((samples[int(i * step)] + 128) >> 8) + 128)) for i in range(count))


def wav_stream_bytes(path: Path) -> bytes:
    """One synthesised chunk's WAV file as stream samples."""
    with wave.open(str(path), "rb") as handle:
        if handle.getnchannels() != 1:
            raise ValueError(f"{path.name}: expected mono audio")
        return to_stream_samples(handle.readframes(handle.getnframes()), handle.getframerate(),
                                 handle.getsampwidth())


def write_all(fd: int, data: bytes) -> None:
    """Write every byte (a pipe to a slow link takes it in pieces)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def next_event(events: queue.Queue[Event], job: int | None) -> Event:
    """The next event that ends `job`: saved, stopped, or an error (its own, or the worker's)."""
    while True:
        event = events.get()
        if isinstance(event, Error) and event.utterance in (job, None):
            return event
        if isinstance(event, (Saved, Stopped)) and event.utterance == job:
            return event


def stream_chunks(texts: list[str], settings: Settings, fd: int, err: TextIO) -> int:
    """Synthesise `texts` one at a time, each written to `fd` as soon as it is made.

    The next chunk is asked for before this one is written, so synthesis (milliseconds) runs
    while the pipe drains (seconds on a slow link), and never more than one chunk ahead.
    """
    from tui.speech.client import SpeechClient
    from tui.speech.protocol import Voice

    if EARLY:
        client, events = EARLY.pop(), EARLY_EVENTS
        client.voice = Voice(settings.speech_rate, settings.speech_volume, settings.speech_voice)
    else:
        events = queue.Queue()
        client = SpeechClient.from_settings(settings, events.put)
    folder = Path(tempfile.mkdtemp(prefix="spasm-guide-stream-"))
    try:
        def ask(index: int) -> int | None:
            return client.synth_to_file([texts[index]], folder / f"chunk-{index}.wav")

        job = ask(0)
        for index in range(len(texts)):
            event = next_event(events, job)
            if isinstance(event, Error):
                print(f"spasm-guide: {event.message}", file=err, flush=True)
                return 2
            if isinstance(event, Stopped) or not isinstance(event, Saved):
                print("spasm-guide: " + _("the speech stream was stopped"), file=err, flush=True)
                return 2
            made = Path(event.path)
            job = ask(index + 1) if index + 1 < len(texts) else None
            data = wav_stream_bytes(made)
            made.unlink(missing_ok=True)
            if index == 0:
                # The header goes with the first sound: SoX's `play -` guesses the type from its
                # first read, and fails ("RIFF header not found") on a header alone.
                data = stream_header() + data
                # The first sentence in small, spaced writes: sshd sends what it has read as one
                # packet, which the reader's ssh passes on only when all of it has arrived, so a
                # whole sentence at once (17 KB) took over a second on a 128 kbit/s link before
                # the player heard anything. Small pieces go one by one, each sooner than the
                # last one has played.
                while len(data) > FIRST_PIECE:
                    write_all(fd, data[:FIRST_PIECE])
                    data = data[FIRST_PIECE:]
                    time.sleep(FIRST_GAP)
            write_all(fd, data)
        return 0
    finally:
        client.close(force=True)
        shutil.rmtree(folder, ignore_errors=True)


def run_stream(guide: Guide, settings: Settings, section: int | None, warning: str | None = None,
               fd: int = 1, err: TextIO | None = None) -> int:
    """`--speak-to -`: the spoken guide (or section `section`) as a WAV stream on `fd`."""
    err = err or sys.stderr
    try:
        return stream_guide(guide, settings, section, warning, fd, err)
    finally:
        for client in EARLY:
            client.close(force=True)  # refused before it was used


def stream_guide(guide: Guide, settings: Settings, section: int | None, warning: str | None, fd: int,
                 err: TextIO) -> int:
    """`run_stream`'s work, once the early worker's fate is in hand."""
    from tui.data.sentences import spoken_texts
    from tui.lifecycle import quiet_broken_stdout
    from tui.speech.listen import guide_speech

    if os.isatty(fd):
        from tui.hosted import HOSTED_ENV, listen_command
        from tui.speech.audio import is_remote

        if HOSTED_ENV in os.environ or is_remote():
            # `ssh -t host speak 3`: the terminal is the reader's; say what to type there instead.
            said = _("speak writes audio, not text: on your own computer, run {command}").format(
                command=listen_command(os.environ, section))
            print(f"spasm-guide: {said}", file=err, flush=True)
        else:
            print(_(TTY_REFUSAL), file=err, flush=True)
        return 2
    if warning:
        for line in warning.splitlines():
            print(f"spasm-guide: {line}", file=err, flush=True)
    ok, reason = audio.availability(need_player=False, voice=settings.speech_voice)
    if not ok:
        print(f"spasm-guide: {reason}", file=err, flush=True)
        return 2
    texts = [text for text in spoken_texts(guide_speech(guide, settings, section), settings.speech_voice)
             if text.strip()]
    try:
        return stream_chunks(texts, settings, fd, err)
    except BrokenPipeError:
        # The player quit (or the reader's connection closed): nothing to say to anyone.
        quiet_broken_stdout()
        return 0
    except KeyboardInterrupt:
        return 130
