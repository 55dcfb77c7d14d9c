"""Real speech, headless: eSpeak NG through pyttsx3 and the worker, checked as audio.

`--speak-to` writes a section to WAV: its length must fit the word count and the rate, it must be
loud enough to be speech (RMS around 3000; silence is near 0) and mostly voiced. A faster rate in
settings.toml must give a shorter file. And the words must be intelligible: pocketsphinx (its US
English model ships in the wheel) must pick the emergency line out from among other sentences.
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

from tests.support import needs
from tui.data.content import load_guide
from tui.data.sentences import spoken_text
from tui.data.settings import Settings, emergency_line
from tui.speech.audio import espeak_library_present
from tui.speech.client import SpeechClient
from tui.speech.listen import guide_speech
from tui.speech.protocol import Event, Saved

pytestmark = [pytest.mark.audio, needs.skip_unless(espeak_library_present(), "libespeak-ng1")]

ROOT = Path(__file__).resolve().parent.parent
"""The checkout: the guide runs from here as `python -m tui`."""

FRAME = 0.02
"""Seconds per analysis frame."""


def read_samples(path: Path) -> tuple[array.array[int], int]:
    """16-bit mono samples and the sample rate of a WAV file."""
    with wave.open(str(path), "rb") as handle:
        assert handle.getnchannels() == 1 and handle.getsampwidth() == 2
        samples = array.array("h", handle.readframes(handle.getnframes()))
        return samples, handle.getframerate()


def rms(samples: array.array[int] | list[int]) -> float:
    """Root mean square amplitude."""
    return math.sqrt(sum(s * s for s in samples) / len(samples)) if len(samples) else 0.0


def voiced_share(samples: array.array[int], rate: int, threshold: float = 300.0) -> float:
    """The share of 20 ms frames louder than `threshold` (speech, not pauses)."""
    size = int(rate * FRAME)
    frames = [samples[i:i + size] for i in range(0, len(samples) - size + 1, size)]
    return sum(rms(frame) > threshold for frame in frames) / len(frames)


def speak_to(path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """Run `python -m tui --speak-to PATH ...` as a user would (private XDG folders from conftest)."""
    return subprocess.run([sys.executable, "-m", "tui", "--speak-to", str(path), *extra],
                          cwd=ROOT, capture_output=True, text=True, timeout=120, env=dict(os.environ))


def set_rate(home: Path, rate: int) -> None:
    """Write settings.toml with `speech_rate` where the guide will read it (XDG_CONFIG_HOME)."""
    folder = Path(os.environ["XDG_CONFIG_HOME"]) / "spasm-guide"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "settings.toml").write_text(f"speech_rate = {rate}\n", encoding="utf-8")


def section_words(number: int) -> tuple[int, int]:
    """(words spoken, chunks) for section `number`, as `--speak --section` reads it."""
    chunks = guide_speech(load_guide(), Settings(), number)
    return sum(len(spoken_text(c.text).split()) for c in chunks), len(chunks)


def test_section_to_wav_is_speech_of_the_right_length(tmp_path: Path, private_dirs: Path) -> None:
    set_rate(private_dirs, 170)
    target = tmp_path / "x.wav"
    result = speak_to(target, "--section", "1")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert str(target) in result.stdout and "seconds" in result.stdout
    assert not list(tmp_path.glob(".x.wav.*")), "the temp file of the atomic write was left behind"
    samples, rate = read_samples(target)
    seconds = len(samples) / rate
    words, chunks = section_words(1)
    expected = words / 170 * 60
    # eSpeak NG speaks close to the asked rate; each chunk also ends with a short pause.
    assert 0.6 * expected <= seconds <= 1.5 * expected + 0.6 * chunks, (seconds, expected)
    assert rms(samples) > 1000, "too quiet to be speech"
    assert voiced_share(samples, rate) > 0.5, "mostly silence"


def test_higher_rate_gives_shorter_audio(tmp_path: Path, private_dirs: Path) -> None:
    lengths = {}
    for rate in (120, 300):
        set_rate(private_dirs, rate)
        target = tmp_path / f"rate-{rate}.wav"
        result = speak_to(target, "--section", "1")
        assert result.returncode == 0, result.stderr
        samples, sample_rate = read_samples(target)
        lengths[rate] = len(samples) / sample_rate
    # 120 to 300 words a minute is 2.5 times as fast; allow for the pauses, which do not scale.
    assert lengths[300] < 0.7 * lengths[120], lengths


def test_whole_guide_to_one_wav(tmp_path: Path) -> None:
    target = tmp_path / "guide.wav"
    result = speak_to(target)
    assert result.returncode == 0, result.stderr
    samples, rate = read_samples(target)
    words = sum(len(spoken_text(c.text).split()) for c in guide_speech(load_guide(), Settings()))
    assert len(samples) / rate > 0.6 * words / 170 * 60


# -- intelligibility ---------------------------------------------------------------------------

SENTENCES = {
    "emergency call nine one one or your local emergency number": emergency_line(Settings(region="US")),
    "drink water and stretch the muscle gently": "Drink water and stretch the muscle gently.",
    "most spasms go away on their own": "Most spasms go away on their own.",
    "see a doctor if the cramps keep coming back": "See a doctor if the cramps keep coming back.",
    "a warm bath can help you relax": "A warm bath can help you relax.",
    "weakness in your hands or feet": "Weakness in your hands or feet.",
}
"""What pocketsphinx should hear (its grammar) for each sentence the guide's voice says."""

DISTRACTORS = ("emergency call nine hundred and eleven or your local emergency number",)
"""Also in the grammar: how eSpeak NG reads "911" unless told to say the digits (it was so)."""


def prefix_rule(words: str) -> str:
    """A JSGF rule matching any opening of the sentence: "call [nine [one]]".

    eSpeak NG's last word often trails off below what pocketsphinx can place, and a grammar
    that insists on whole sentences then returns nothing at all; allowing any prefix keeps the
    choice between sentences, which is what the test is about.
    """
    parts = words.split()
    rule = parts[-1]
    for word in reversed(parts[:-1]):
        rule = f"{word} [{rule}]"
    return f"( {rule} )"


def padded(samples: array.array[int], rate: int, seconds: float = 0.4) -> bytes:
    """The audio with silence either side, as a recogniser expects an utterance."""
    silence = bytes(int(rate * seconds) * 2)
    return silence + samples.tobytes() + silence


def closest(words: str) -> str:
    """The grammar sentence nearest to what was recognised, word by word."""
    def score(candidate: str) -> float:
        return difflib.SequenceMatcher(None, words.split(), candidate.split()).ratio()

    return max((*SENTENCES, *DISTRACTORS), key=score)


def test_emergency_line_is_intelligible(tmp_path: Path) -> None:
    pocketsphinx = needs.import_or_skip("pocketsphinx")
    events: queue.Queue[Event] = queue.Queue()
    client = SpeechClient(events.put, rate=140, voice="gmw/en-us", log_path=tmp_path / "speech.log")
    audio: dict[str, bytes] = {}
    try:
        for key, text in SENTENCES.items():
            path = tmp_path / f"{len(audio)}.wav"
            job = client.synth_to_file([text], path)
            while (event := events.get(timeout=30)).utterance != job:
                pass
            assert isinstance(event, Saved), event
            audio[key] = padded(*read_samples(path))
    finally:
        client.close()
    grammar = tmp_path / "guide.jsgf"
    rules = " | ".join(prefix_rule(words) for words in (*SENTENCES, *DISTRACTORS))
    grammar.write_text(f"#JSGF V1.0;\ngrammar guide;\npublic <sentence> = {rules} ;\n")
    # The model's filter bank is defined in Hz (130-6800), so it reads eSpeak's 22050 Hz audio
    # directly with a longer FFT; resampling without a proper low-pass filter spoils it.
    decoder = pocketsphinx.Decoder(jsgf=str(grammar), samprate=22050, nfft=1024, logfn=os.devnull)
    heard: dict[str, str] = {}
    for key, data in audio.items():
        decoder.start_utt()
        decoder.process_raw(data, full_utt=True)
        decoder.end_utt()
        hypothesis = decoder.hyp()
        heard[key] = hypothesis.hypstr if hypothesis else ""
    # The emergency line must be recognised for what it is, number included, digit by digit.
    assert "emergency call nine one one or your local" in heard[next(iter(SENTENCES))], heard
    assert all(closest(words) == key for key, words in heard.items()), heard
