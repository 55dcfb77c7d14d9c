"""Sentences in Spanish: "Dra.", "Sra.", "p. ej.", "aprox." never end a sentence, "etc." follows the
general rule, and "¿...?" / "¡...!" are whole sentences, each starting a new one after a stop.
English splitting is the same as before (tests/test_sentences.py)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tui.data.content import load_guide
from tui.data.sentences import speech_chunks, split_sentences, spoken_text

pytestmark = [pytest.mark.content]

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(("text", "sentences"), [
    ("La Dra. Ruiz lo vio. ¿Le duele? ¡Llame ya!", ["La Dra. Ruiz lo vio.", "¿Le duele?", "¡Llame ya!"]),
    ("La Sra. López y el Sr. Gómez llegaron. Luego se fueron.",
     ["La Sra. López y el Sr. Gómez llegaron.", "Luego se fueron."]),
    ("Tome líquidos, p. ej. Agua o suero. Luego descanse.", ["Tome líquidos, p. ej. Agua o suero.", "Luego descanse."]),
    ("Espere aprox. 10 minutos. Después estire.", ["Espere aprox. 10 minutos.", "Después estire."]),
    ("Sal, agua, etc. y descanso.", ["Sal, agua, etc. y descanso."]),
    ("Sal, agua, etc. Luego descanse.", ["Sal, agua, etc.", "Luego descanse."]),
    ("Tome vitamina D. ¿Le ayuda?", ["Tome vitamina D.", "¿Le ayuda?"]),
    ("Vea la pág. 5 del folleto. Es corto.", ["Vea la pág. 5 del folleto.", "Es corto."]),
    ("Si le duele, ¿tiene fiebre? Llame al médico.", ["Si le duele, ¿tiene fiebre?", "Llame al médico."]),
    ("- ¡No maneje! Pida ayuda.", ["¡No maneje!", "Pida ayuda."]),
])
def test_spanish_sentences(text: str, sentences: list[str]) -> None:
    assert split_sentences(text, "es") == sentences
    assert split_sentences(text, "es-419") == sentences


def test_the_spanish_rules_are_not_the_english_ones() -> None:
    # English has no "Dra."; a Spanish guide split by the English rules would cut the name off.
    assert split_sentences("La Dra. Ruiz lo vio.") == ["La Dra.", "Ruiz lo vio."]
    assert split_sentences("La Dra. Ruiz lo vio.", "es") == ["La Dra. Ruiz lo vio."]


def test_every_spanish_chunk_is_its_paragraph_text() -> None:
    guide = load_guide(ROOT / "content" / "muscle-spasms-es")
    for section in guide.sections:
        paragraphs = section.plain_paragraphs()
        for chunk in speech_chunks(section, language="es"):
            source = section.title if chunk.paragraph is None else paragraphs[chunk.paragraph]
            assert source[chunk.start:chunk.end] == chunk.text
            assert not chunk.text.endswith(("Dr.", "Dra.", "Sr.", "Sra.", "p.", "ej.", "aprox.")), chunk.text


@pytest.mark.parametrize(("text", "spoken"), [
    ("Tome líquidos, p. ej. agua.", "Tome líquidos, por ejemplo agua."),
    ("Espere aprox. 10 minutos.", "Espere aproximadamente 10 minutos."),
    ("Vea la pág. 5.", "Vea la página 5."),
    ("Llame al 9-1-1 ya.", "Llame al 9-1-1 ya."),
])
def test_spanish_abbreviations_are_said_in_words(text: str, spoken: str) -> None:
    assert spoken_text(text) == spoken


@pytest.mark.e2e  # starts espeak-ng
@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is installed by .ci/run")
def test_the_spanish_voice_says_por_ejemplo() -> None:
    def phonemes(text: str) -> str:
        return subprocess.run(["espeak-ng", "-q", "-x", "-v", "es-419", text], capture_output=True, text=True,
                              check=True, timeout=30).stdout
    assert phonemes(spoken_text("p. ej. agua")) == phonemes("por ejemplo agua")
    assert "ex'emplo" not in phonemes("p. ej. agua")  # what the expansion is for
