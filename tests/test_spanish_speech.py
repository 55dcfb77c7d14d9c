"""The Spanish guide spoken by a real Spanish voice: eSpeak NG's es-419 (Latin American).

The guide's `[language] voice` is "es-419". Through the guide's own synthesiser (pyttsx3, as the
speech worker uses it) the emergency line must come out as speech, not silence (RMS from the WAV),
and in that voice, not the English default that says "lame" for "Llame". Every sentence of the
guide a listener can hear (sections, About, "Get help now", the checklist and every result it
gives, cramp now), as the guide sends it to the voice, must be speech too: one synthesiser writes
each to its own WAV file. And "9-1-1" must be read digit by digit, "nueve uno uno", and "etc."
as "etcétera": eSpeak NG's phoneme output (`-x`) is compared with its output for the words.
"""

from __future__ import annotations

import array
import math
import re
import shutil
import subprocess
import wave
from pathlib import Path

import pytest

from tests.support import needs
from tests.support.spanish_heard import VOICE, heard_sentences
from tui.data.sentences import spoken_text
from tui.speech.audio import espeak_library_present
from tui.speech.engine import Synthesiser
from tui.speech.protocol import Voice

pytestmark = [pytest.mark.audio, needs.skip_unless(espeak_library_present(), "libespeak-ng1")]

EMERGENCY_LINE = "Llame a su número de emergencias. Es el 9-1-1 en Estados Unidos."
"""The emergency line as section 6 writes it (tests/test_spanish_speech_words.py checks it is there)."""
SENTENCES = heard_sentences()

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


SAID_AS = [
    ("Sal, agua, etc. y descanso.", "Sal, agua, etcétera y descanso."),
    ("Sal, agua, etc.", "Sal, agua, etcétera."),
    ("Vaya ya a la sala de emergencias (A&E en el Reino Unido).",
     "Vaya ya a la sala de emergencias (A y E en el Reino Unido)."),
    ("En la EM, el cuerpo ataca la capa que cubre los nervios.",
     "En la E M, el cuerpo ataca la capa que cubre los nervios."),
    ("La Dra. Ruiz lo vio.", "La doctora Ruiz lo vio."),
    ("Tome líquidos, p. ej. agua.", "Tome líquidos, por ejemplo agua."),
    ("En el Reino Unido, llame al 1-1-1.", "En el Reino Unido, llame al uno uno uno."),
    ("Es el 9-9-9 en el Reino Unido y el 1-1-2 en Europa.",
     "Es el nueve nueve nueve en el Reino Unido y el uno uno dos en Europa."),
]
"""Abbreviations and numbers, as the guide writes them, and the words a Spanish voice must say for
them: each was checked with `espeak-ng -v es-419 -x` over every sentence of the guide ("etc." was
"etk", "A&E" "a ampersand e", "EM" the one syllable "em", where "E M" is "e eme"). The initialisms of its sources (NHS,
MSD, CDC, FDA, MD, GP) are spelled letter by letter already."""


@pytest.mark.parametrize(("written", "said"), SAID_AS, ids=[written for written, _ in SAID_AS])
def test_abbreviations_are_said_as_words(written: str, said: str) -> None:
    assert phonemes(spoken_text(written, VOICE)) == phonemes(said)


def test_the_abbreviation_check_is_not_vacuous() -> None:
    """As written, without the guide's words for the voice, es-419 mangles them."""
    assert phonemes("etc.") == phonemes("etk") != phonemes("etcétera")
    assert phonemes("A&E") != phonemes("A y E") and phonemes("EM") != phonemes("E M")


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




HELP_NUMBER = re.compile(r"\b(?:9-1-1|9-9-9|1-1-2|1-1-1|9 1 1|9 9 9|1 1 2|1 1 1)\b")
"""A help line's number, as the guide writes it (9-1-1) or as the voice is given it (9 1 1)."""


def test_every_help_number_the_guide_says_is_heard_digit_by_digit() -> None:
    """Every sentence with a help number, read by one espeak-ng: never "novecientos" or "ciento"
    (as "911" would be, "novecientos once"), and each number's digits heard."""
    numbered = [sentence for sentence in SENTENCES if HELP_NUMBER.search(sentence)]
    assert len(numbered) >= 10 and not [s for s in numbered if "ciento" in s]
    said = phonemes("\n".join(numbered))
    assert phonemes("novecientos") not in said and phonemes("ciento") not in said
    assert said.count(phonemes("nueve uno uno")) >= sum("9-1-1" in s or "9 1 1" in s for s in numbered)


def test_every_sentence_of_the_guide_is_speech(synthesiser: Synthesiser, tmp_path: Path) -> None:
    """Each sentence to its own WAV file, by the guide's own synthesiser in one process."""
    voice = Voice(170, 1.0, VOICE)
    silent = []
    for sentence, where in SENTENCES.items():
        path = synthesiser.synthesise(sentence, voice)
        loud = rms_of(path)
        path.unlink()
        if loud <= SPEECH_RMS:
            silent.append(f"{where}: {sentence!r} RMS {loud:.0f}")
    assert not silent, f"{len(silent)} of {len(SENTENCES)} sentences silent: {silent[:5]}"


def test_the_silence_check_is_not_vacuous(synthesiser: Synthesiser) -> None:
    """A sentence said at no volume is measured silent: the check above can fail."""
    path = synthesiser.synthesise(EMERGENCY_LINE, Voice(170, 0.0, VOICE))
    assert rms_of(path) <= SPEECH_RMS
