"""Reading the Spanish guide aloud: the sentence heard is the sentence highlighted, by Spanish rules.

The full screen's read-aloud key (r) highlights the sentence being heard, and `--speak` prints each
sentence as it starts, so a listener can follow. Both must follow Spanish sentences: "¿...?" and
"¡...!" are sentences of their own, and "p. ej." or "Dra." never end one. Checked on a copy of the
Spanish guide with one paragraph added that has each of them (the guide itself has "¿...?" but
no "p. ej."), with a stand-in speech client that the test plays the worker for.
"""

from __future__ import annotations

import io
import queue
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import cast

import pytest

from tests.support.pilot import make_app, text_at_cursor
from tests.support.speech_fake import FakeClient
from tui.data.content import load_guide
from tui.data.sentences import Chunk, spoken_text
from tui.data.settings import Settings
from tui.fullscreen.widgets.section_text import SectionText
from tui.speech.client import SpeechClient
from tui.speech.listen import guide_speech, speak_aloud
from tui.speech.protocol import Event, Finished, Started

pytestmark = [pytest.mark.content]

ROOT = Path(__file__).resolve().parent.parent
SPANISH_DIR = ROOT / "content" / "muscle-spasms-es"

ADDED = [
    "Tome líquidos, p. ej. agua o suero oral.",
    "¡No maneje si se marea!",
    "¿Le ayuda?",
    "La Dra. Ruiz dice que sí, etc. y que descanse.",
    "Si le duele, ¿tiene fiebre?",
    "Llame al médico.",
]
"""The sentences of the paragraph added to section 4, each as it must be heard and highlighted."""

IN_THE_GUIDE = "¿Tiene una enfermedad de los riñones o del corazón?"
"""A question the Spanish guide itself asks (section 4), a sentence of its own."""


@pytest.fixture
def spanish_copy(tmp_path: Path) -> Path:
    """The Spanish guide with ADDED as a new paragraph at the end of section 4's first part."""
    folder = tmp_path / "guia"
    shutil.copytree(SPANISH_DIR, folder)
    causes = folder / "sections" / "causes.md"
    text = causes.read_text(encoding="utf-8")
    marker = "Pero algunas causas comunes son fáciles de corregir.\n"
    assert marker in text
    causes.write_text(text.replace(marker, marker + "\n" + " ".join(ADDED) + "\n", 1), encoding="utf-8")
    return folder


def sentences_of(chunks: Sequence[Chunk | str]) -> list[str]:
    return [c.text if isinstance(c, Chunk) else c for c in chunks]


def test_the_guide_question_is_a_sentence_of_its_own() -> None:
    said = sentences_of(guide_speech(load_guide(SPANISH_DIR), Settings(), 4))
    assert IN_THE_GUIDE in said
    # and the sentence after it starts on its own, not joined to the question
    assert said[said.index(IN_THE_GUIDE) + 1] == "Entonces pregunte a su médico cuánto debe tomar."


@pytest.mark.parametrize("size", [(80, 24), (40, 12)])
@pytest.mark.pilot
async def test_the_highlight_follows_each_spanish_sentence(spanish_copy: Path, tmp_path: Path,
                                                           size: tuple[int, int]) -> None:
    app = make_app(tmp=tmp_path, content=spanish_copy)
    async with app.run_test(size=size) as pilot:
        fake = FakeClient()
        app.reader.client = fake
        await pilot.press("4", "r")
        await pilot.pause()
        reading = app.reader.reading
        assert reading is not None and fake.spoken
        chunks = [c for c in reading.chunks if isinstance(c, Chunk)]
        texts = [c.text for c in chunks]
        start = texts.index(ADDED[0])
        assert texts[start:start + len(ADDED)] == ADDED, texts[start:start + len(ADDED) + 1]
        assert IN_THE_GUIDE in texts
        text = app.screen.query_one(SectionText)
        for sentence in [*ADDED, IN_THE_GUIDE]:
            chunk = chunks[texts.index(sentence)]
            app.reader.handle(Started(utterance=reading.utterance, index=reading.chunks.index(chunk)))
            await pilot.pause()
            assert text.highlight == chunk.highlight, sentence
            # The highlight is exactly the sentence: its span in its paragraph is the sentence.
            paragraph = text.section.plain_paragraphs()[chunk.paragraph or 0]
            assert paragraph[chunk.start:chunk.end] == sentence
            # The cursor, which a screen reader and a braille display follow, is on its first word.
            first_word = sentence.split()[0]
            assert text_at_cursor(app).startswith(first_word), (sentence, text_at_cursor(app))


class EchoingClient(FakeClient):
    """The stand-in client, playing every sentence of what it is given to speak, then finishing."""

    def __init__(self, events: queue.Queue[Event]) -> None:
        super().__init__()
        self.events = events

    def is_remote(self) -> bool:
        return False

    def speak(self, chunks: Sequence[Chunk | str], start: int = 0) -> int | None:
        utterance = super().speak(chunks, start)
        assert utterance is not None
        for index in range(start, len(chunks)):
            self.events.put(Started(utterance=utterance, index=index))
        self.events.put(Finished(utterance=utterance))
        return utterance


def test_speak_prints_each_spanish_sentence_whole_as_it_starts(spanish_copy: Path) -> None:
    guide = load_guide(spanish_copy)
    chunks = guide_speech(guide, Settings(), 4)
    events: queue.Queue[Event] = queue.Queue()
    out, err = io.StringIO(), io.StringIO()
    status = speak_aloud(cast(SpeechClient, EchoingClient(events)), events, chunks, out, err)
    assert status == 0, err.getvalue()
    printed = out.getvalue().splitlines()
    assert printed == sentences_of(chunks)
    start = printed.index(ADDED[0])
    assert printed[start:start + len(ADDED)] == ADDED
    assert IN_THE_GUIDE in printed


def test_the_whole_guide_reading_splits_its_title_and_credit_by_spanish_rules() -> None:
    guide = load_guide(SPANISH_DIR)
    said = sentences_of(guide_speech(guide, Settings()))
    assert said[0] == guide.title
    assert not [s for s in said if s.endswith((" Dra.", " Dr.", " p.", " ej.", " Sra."))]


@pytest.mark.parametrize(("text", "voice", "spoken"), [
    ("Sal, agua, etc. y descanso.", "es-419", "Sal, agua, etcétera y descanso."),
    ("Sal, agua, etc.", "es", "Sal, agua, etcétera."),
    ("Salt, water, etc. and rest.", "", "Salt, water, etc. and rest."),  # an English voice says it well
    ("Salt, water, etc. and rest.", "en-gb", "Salt, water, etc. and rest."),
    ("Tome agua, p. ej. suero.", "es-419", "Tome agua, por ejemplo suero."),
    ("Sal, agua, etc. y descanso.", "roa/es-419", "Sal, agua, etcétera y descanso."),  # eSpeak NG's voice id
])
def test_etc_is_said_in_the_voices_own_words(text: str, voice: str, spoken: str) -> None:
    assert spoken_text(text, voice) == spoken


def test_the_walks_judge_takes_spanish_words_whole() -> None:
    """tests/test_screen_reader_walk_es.py judges what tdsr said by these (tests.support.screen_reader
    splits words the same way): a Spanish word is one word ("músculo", never "m" and "sculo"), and
    a piece of one is not a word of the guide."""
    from tests.support.guide_words import catalogue_text, guide_words, not_whole, words

    assert words("¿Le duelen los músculos? Año, niño, pingüino.") == [
        "Le", "duelen", "los", "músculos", "Año", "niño", "pingüino"]
    assert words("don't stop") == ["don't", "stop"]  # English as before
    known = guide_words([catalogue_text("es")], folder=SPANISH_DIR)
    assert not not_whole(["Los músculos necesitan agua y electrolitos", "riñones", "emergencias"], known)
    assert not_whole(["sculo", "emergen", "riño"], known) == ["sculo", "emergen", "riño"]


def test_the_speech_client_sends_each_sentence_in_its_voices_words(monkeypatch: pytest.MonkeyPatch) -> None:
    """What the worker is sent: "etc." as "etcétera" for a Spanish voice, as written for an
    English one, again when the voice changes part-way (the sentences are kept as written)."""
    from tui.speech.protocol import Command, Speak

    sent: list[Command] = []
    client = SpeechClient(voice="es-419", start_timeout=3600, hang_timeout=3600)
    monkeypatch.setattr(client, "availability", lambda need_player=True: (True, ""))
    monkeypatch.setattr(client, "_send", lambda command, start=False: sent.append(command))
    client.speak(["Sal, agua, etc.", "Llame al 9-1-1 ya."])
    client.set_voice("en-us")
    speaks = [command for command in sent if isinstance(command, Speak)]
    assert [speak.chunks for speak in speaks] == [("Sal, agua, etcétera.", "Llame al 9-1-1 ya."),
                                                  ("Sal, agua, etc.", "Llame al 9-1-1 ya.")]
    assert [speak.voice.name for speak in speaks] == ["es-419", "en-us"]
