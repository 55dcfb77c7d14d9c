"""The Spanish guide spoken by a real Spanish voice: eSpeak NG's es-419 (Latin American).

The guide's `[language] voice` is "es-419". Through the guide's own synthesiser (pyttsx3, as the
speech worker uses it) the emergency line must come out as speech, not silence (RMS from the WAV),
and in that voice, not the English default that says "lame" for "Llame". A seeded sample of the
guide's sentences must be speech too. And "9-1-1" must be read digit by digit, "nueve uno uno":
eSpeak NG's phoneme output (`-x`) for the line is compared with its output for the words.
"""

from __future__ import annotations

import array
import math
import random
import re
import shutil
import subprocess
import wave
from pathlib import Path

import pytest

from tests.support import needs
from tui.data.content import load_guide
from tui.data.sentences import split_sentences
from tui.speech.audio import espeak_library_present
from tui.speech.engine import Synthesiser
from tui.speech.protocol import Voice

pytestmark = [pytest.mark.audio, needs.skip_unless(espeak_library_present(), "libespeak-ng1")]

ROOT = Path(__file__).resolve().parent.parent
SPANISH_DIR = ROOT / "content" / "muscle-spasms-es"
GUIDE = load_guide(SPANISH_DIR)
VOICE = GUIDE.language.voice

EMERGENCY_LINE = "Llame a su número de emergencias. Es el 9-1-1 en Estados Unidos."
"""The emergency line as section 6 writes it (checked below to be there)."""

SPEECH_RMS = 1000.0
"""Louder than this is speech (eSpeak NG's speech measures around 3000; silence near 0)."""


def rms_of(path: Path) -> float:
    """Root mean square amplitude of a 16-bit mono WAV file."""
    with wave.open(str(path), "rb") as handle:
        assert handle.getnchannels() == 1 and handle.getsampwidth() == 2
        samples = array.array("h", handle.readframes(handle.getnframes()))
    return math.sqrt(sum(s * s for s in samples) / len(samples)) if samples else 0.0


def espeak_cli() -> str:
    """The espeak-ng program (from the espeak-ng package, which .ci/run installs)."""
    found = shutil.which("espeak-ng")
    if found is None:
        needs.missing("espeak-ng (the program)")
    return found


def phonemes(text: str) -> str:
    """eSpeak NG's es-419 phonemes for `text`, without stress marks and pauses: what is said."""
    result = subprocess.run([espeak_cli(), "-q", "-x", "-v", VOICE, text], capture_output=True, text=True,
                            check=True, timeout=60)
    return re.sub(r"[\s'_,:]+", " ", result.stdout).strip()


def test_the_emergency_line_is_in_section_6() -> None:
    text = GUIDE.section(6).text()
    assert "Llame a su número de emergencias" in text and "Es el 9-1-1 en Estados Unidos" in text


def test_9_1_1_is_read_digit_by_digit() -> None:
    said = phonemes("Es el 9-1-1 en Estados Unidos.")
    nine, one = phonemes("nueve"), phonemes("uno")
    assert nine in said and said.count(one) >= 2, said
    for wrong in ("novecientos", "once", "menos"):
        assert phonemes(wrong) not in said, f"{said!r} says {wrong!r}"


def test_the_digit_check_is_not_vacuous() -> None:
    """Written as one number, the same voice says "novecientos once": the check above would fail."""
    said = phonemes("Es el 911 en Estados Unidos.")
    assert phonemes("novecientos") in said and phonemes("once") in said


@pytest.fixture(scope="module")
def synthesiser(tmp_path_factory: pytest.TempPathFactory) -> Synthesiser:
    """The guide's own synthesiser (pyttsx3 and libespeak-ng), started once for this module."""
    synth = Synthesiser(tmp_path_factory.mktemp("speech"))
    synth.start()
    return synth


def test_the_emergency_line_is_speech_in_the_spanish_voice(synthesiser: Synthesiser,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    path = synthesiser.synthesise(EMERGENCY_LINE, Voice(150, 1.0, VOICE))
    assert "unknown voice" not in capsys.readouterr().err  # the engine took es-419, not its default
    assert VOICE in str(synthesiser.engine.getProperty("voice"))
    loud = rms_of(path)
    assert loud > SPEECH_RMS, f"RMS {loud:.0f}: silent"


def test_a_seeded_sample_of_sentences_is_speech(tmp_path: Path) -> None:
    sentences = [s for section in GUIDE.sections for s in split_sentences(section.text())]
    sample = random.Random(21).sample(sentences, 12)
    cli = espeak_cli()
    for number, sentence in enumerate(sample):
        out = tmp_path / f"sample-{number}.wav"
        subprocess.run([cli, "-v", VOICE, "-w", str(out), sentence], check=True, timeout=60)
        loud = rms_of(out)
        assert loud > SPEECH_RMS, f"{sentence!r}: RMS {loud:.0f}"
