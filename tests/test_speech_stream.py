"""`spasm-guide --speak-to -`: speech as a WAV stream on standard output, for a player.

Real eSpeak NG through the worker: the stream is speech of the right length at 11025 Hz 8-bit,
the rate setting applies, a terminal is refused in one line, a player that quits ends it quietly,
and the 8-bit 11025 Hz format is still intelligible (pocketsphinx picks each sentence out).
"""

from __future__ import annotations

import array
import difflib
import math
import os
import queue
import subprocess
import sys
import wave
from pathlib import Path

import pytest

from tui.speech.audio import espeak_library_present
from tui.speech.client import SpeechClient
from tui.speech.protocol import Event, Saved
from tui.speech.stream import STREAM_RATE, TTY_REFUSAL, wav_stream_bytes

pytestmark = [pytest.mark.audio,
              pytest.mark.skipif(not espeak_library_present(), reason="libespeak-ng1 is not installed")]

ROOT = Path(__file__).resolve().parent.parent
GUARD = 120


def stream(*extra: str, **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    """`python -m tui --speak-to - ...`, its audio captured."""
    return subprocess.run([sys.executable, "-m", "tui", "--speak-to", "-", *extra], cwd=ROOT, capture_output=True,
                          timeout=GUARD, env=dict(os.environ), check=False, **kwargs)  # type: ignore[call-overload]


def samples_of(data: bytes) -> tuple[int, array.array[int]]:
    """(rate, samples centred on 0) of an 8-bit stream, read by Python's own wave module."""
    import io

    with wave.open(io.BytesIO(data), "rb") as handle:
        assert (handle.getnchannels(), handle.getsampwidth()) == (1, 1)
        rate = handle.getframerate()
        raw = data[44:]  # the header's length is "unknown": the data runs to the end
    return rate, array.array("h", (b - 128 for b in raw))


def set_rate(rate: int) -> None:
    folder = Path(os.environ["XDG_CONFIG_HOME"]) / "spasm-guide"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "settings.toml").write_text(f"speech_rate = {rate}\n", encoding="utf-8")


def test_a_section_streams_as_speech_and_the_rate_applies() -> None:
    lengths = {}
    for rate in (120, 300):
        set_rate(rate)
        done = stream("--section", "1")
        assert done.returncode == 0, done.stderr
        sample_rate, samples = samples_of(done.stdout)
        assert sample_rate == STREAM_RATE
        rms = math.sqrt(sum(s * s for s in samples) / len(samples))
        assert rms > 5, rms  # eSpeak NG's speech is about 11 of 128 here; silence is 0
        lengths[rate] = len(samples) / sample_rate
    assert lengths[300] < 0.7 * lengths[120], lengths
    assert lengths[120] > 20, lengths


def test_a_terminal_gets_one_line_not_audio() -> None:
    main, other = os.openpty()
    try:
        done = subprocess.run([sys.executable, "-m", "tui", "--speak-to", "-", "--section", "1"], cwd=ROOT,
                              stdout=other, stderr=subprocess.PIPE, timeout=GUARD, check=False)
        os.close(other)
        written = b""
        try:
            while chunk := os.read(main, 4096):
                written += chunk
        except OSError:
            pass  # the pty's other end is closed: everything has been read
    finally:
        os.close(main)
    assert (done.returncode, done.stderr.decode(), written) == (2, TTY_REFUSAL + "\n", b"")


def test_a_player_that_quits_ends_the_stream_quietly() -> None:
    guide = subprocess.Popen([sys.executable, "-m", "tui", "--speak-to", "-"], cwd=ROOT, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE)
    assert guide.stdout is not None and guide.stderr is not None
    first = guide.stdout.read(5000)
    guide.stdout.close()  # the player quits after five thousand bytes
    assert guide.wait(GUARD) == 0
    assert guide.stderr.read() == b""
    assert first[:4] == b"RIFF" and len(first) == 5000


SENTENCES = {
    "drink water and stretch the muscle gently": "Drink water and stretch the muscle gently.",
    "most spasms go away on their own": "Most spasms go away on their own.",
    "see a doctor if the cramps keep coming back": "See a doctor if the cramps keep coming back.",
    "a warm bath can help you relax": "A warm bath can help you relax.",
    "weakness in your hands or feet": "Weakness in your hands or feet.",
}
"""Sentences in the guide's voice, and what pocketsphinx should hear for each."""


def prefix_rule(words: str) -> str:
    """A JSGF rule matching any opening of the sentence (eSpeak's last word often trails off)."""
    parts = words.split()
    rule = parts[-1]
    for word in reversed(parts[:-1]):
        rule = f"{word} [{rule}]"
    return f"( {rule} )"


def test_the_stream_format_is_still_intelligible(tmp_path: Path) -> None:
    pocketsphinx = pytest.importorskip("pocketsphinx")
    events: queue.Queue[Event] = queue.Queue()
    client = SpeechClient(events.put, rate=140, voice="gmw/en-us", log_path=tmp_path / "speech.log")
    heard: dict[str, str] = {}
    grammar = tmp_path / "guide.jsgf"
    rules = " | ".join(prefix_rule(words) for words in SENTENCES)
    grammar.write_text(f"#JSGF V1.0;\ngrammar guide;\npublic <sentence> = {rules} ;\n")
    # The model's filter bank reaches 6800 Hz, above the stream's 5512: decode at 22050 Hz, after
    # widening the stream back as a player does (linear interpolation: a gentle low-pass).
    decoder = pocketsphinx.Decoder(jsgf=str(grammar), samprate=2 * STREAM_RATE, nfft=1024, logfn=os.devnull)
    try:
        for key, text in SENTENCES.items():
            path = tmp_path / f"{len(heard)}.wav"
            job = client.synth_to_file([text], path)
            while (event := events.get(timeout=30)).utterance != job:
                pass
            assert isinstance(event, Saved), event
            # Exactly what a reader's player gets, widened back to 16 bits for the recogniser.
            eight_bit = wav_stream_bytes(path)
            silence = bytes(int(2 * STREAM_RATE * 0.4) * 2)
            wide = [(b - 128) * 256 for b in eight_bit]
            doubled = array.array("h")
            for here, after in zip(wide, [*wide[1:], wide[-1]], strict=True):
                doubled.extend((here, (here + after) // 2))
            data = silence + doubled.tobytes() + silence
            decoder.start_utt()
            decoder.process_raw(data, full_utt=True)
            decoder.end_utt()
            hypothesis = decoder.hyp()
            heard[key] = hypothesis.hypstr if hypothesis else ""
    finally:
        client.close()

    def closest(words: str) -> str:
        return max(SENTENCES, key=lambda c: difflib.SequenceMatcher(None, words.split(), c.split()).ratio())

    assert all(words and closest(words) == key for key, words in heard.items()), heard
