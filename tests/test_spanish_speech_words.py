"""What the Spanish voice is given, without the voice: the emergency line and the abbreviations
tests/test_spanish_speech.py listens to are the guide's own, and the sentences it speaks cover
every part of the guide (pure, so in the fast set; the listening is `audio`)."""

from __future__ import annotations

import pytest

from tests.support.spanish_heard import GUIDE, VOICE, heard_sentences
from tui.data.sentences import speech_chunks, spoken_text

pytestmark = [pytest.mark.content]

SENTENCES = heard_sentences()


def test_the_emergency_line_is_in_section_6() -> None:
    text = GUIDE.section(6).text()
    assert "Llame a su número de emergencias" in text and "Es el 9-1-1 en Estados Unidos" in text


def test_the_abbreviations_fixed_are_the_guides_own() -> None:
    """The guide says "A&E", "EM" and the help numbers as SAID_AS in
    tests/test_spanish_speech.py writes them (sections 6 and 7)."""
    text = GUIDE.section(6).text() + GUIDE.section(7).text()
    for part in ("(A&E en el Reino Unido)", "o EM.", "1-1-1", "9-9-9", "1-1-2"):
        assert part in text, part


def test_every_part_of_the_guide_is_in_the_sentences() -> None:
    """Not vacuous: the sentences are many, from every part, with the section and result words."""
    assert len(SENTENCES) > 500
    assert set(SENTENCES.values()) == {"sections", "about", "get help", "checklist", "results", "cramp now"}
    all_said = " ".join(SENTENCES)
    chunks = [c.text for c in speech_chunks(GUIDE.section(6), language="es")]
    assert all(spoken_text(c, VOICE) in SENTENCES for c in chunks)
    assert "EMERGENCIA" in all_said and "Llame a su número de emergencias" in all_said
