"""The plain interfaces in Spanish: `--plain`, `--accessible` and `--checklist`, driven in-process as
the prompt tests drive them, and what `--speak` says around the guide's text, with the words layer
set to Spanish (`in_language("es")`).

Code tests run on the fixture guide (its own text is English: only the interfaces' words change);
the last test runs the live Spanish guide through the three modes and finds no English phrase of
the catalogue in what is printed. The language is set for one block and put back after it, so
English output is the same before and after a Spanish run.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

import pytest
from babel.messages.pofile import read_po

from tests.conftest import ROOT
from tests.support.fixture_guide import fixture_guide
from tui.data.checklist import load_checklist
from tui.data.content import Guide, load_guide
from tui.data.key_names import key_in_words
from tui.data.settings import Settings
from tui.data.words import LOCALE_DIR, current_language, in_language
from tui.plain.checklist_prompts import run_checklist_prompts
from tui.plain.linear import run_linear
from tui.plain.render import plain_text
from tui.speech.listen import guide_speech

pytestmark: list[pytest.MarkDecorator] = []
"""In-process and fast: part of the fast set."""


class FakeTerminal(io.StringIO):
    """A stream that says it is a terminal, for the interactive prompts in-process."""

    def isatty(self) -> bool:
        return True


def linear(answers: str, guide: Guide | None = None) -> str:
    """What `--accessible` prints for these answers (piped)."""
    out = io.StringIO()
    assert run_linear(guide or fixture_guide(), Settings(), io.StringIO(answers), out) == 0
    return out.getvalue()


def checklist(answers: str, guide: Guide | None = None, terminal: bool = False) -> str:
    """What `--checklist` prints for these answers (piped, or at a terminal)."""
    out = FakeTerminal() if terminal else io.StringIO()
    stdin = FakeTerminal(answers) if terminal else io.StringIO(answers)
    assert run_checklist_prompts(guide or fixture_guide(), Settings(), stdin, out) == 0
    return out.getvalue()


@pytest.fixture
def spanish() -> Iterator[None]:
    """The words layer in Spanish for the test, English after it."""
    with in_language("es"):
        yield
    assert current_language() == "en"


@pytest.mark.usefixtures("spanish")
def test_plain_prints_the_interfaces_words_in_spanish() -> None:
    text = plain_text(fixture_guide(), Settings())
    lines = text.splitlines()
    assert "¿Emergencia? Llame al 9-1-1 o a su número local de emergencias." in lines
    assert "Contenido" in lines and "Contents" not in lines
    assert f"Sección uno de tres: {fixture_guide().sections[0].title}" in lines
    assert "Acerca de esta guía" in lines and "Revisión" in lines
    assert any(line.startswith("Esta guía está escrita con nuestras propias palabras") for line in lines)
    # (Each section's last line, "Reviewed ... Next review due ...", is the guide's own, in its language.)
    for english in ("Emergency?", "Section one", "About this guide", "Medically reviewed", "Next review due:"):
        assert english not in text


@pytest.mark.usefixtures("spanish")
def test_accessible_menus_questions_and_hints_are_in_spanish() -> None:
    out = linear("1\nuno\n1\n0\n3\n0\n")
    assert "Menú principal" in out and "1. Leer una sección" in out and "0. Salir" in out
    assert "Escriba un número, 0 para salir:" in out
    assert "Secciones" in out and "Escriba el número de una sección para leerla, 0 para volver:" in out
    assert "'uno' no es un número de aquí. Escriba un número del 0 al 3, o ? para ver la lista otra vez." in out
    assert f"Fin de la sección uno. Sigue la 2, {fixture_guide().sections[1].title}." in out
    # Help names the keys as a Spanish reader hears them.
    assert "Escriba el número y luego presione Intro." in out and "Ctrl+D, o el final" in out
    assert out.rstrip().endswith("Adiós.")
    for english in ("Main menu", "Type a number", "Goodbye.", "Next is", "press Enter", "is not a number"):
        assert english not in out


@pytest.mark.usefixtures("spanish")
def test_accessible_search_says_what_it_found_in_spanish() -> None:
    out = linear("6\ncramp\n0\n\n6\nzzzz\n\n0\n")
    assert "Escriba las palabras que busca, o solo Intro para volver:" in out
    assert re.search(r"^Se encontraron \d+ lugares\.", out, re.M), out
    assert re.search(r"^1\. Sección \d, ", out, re.M)
    assert 'No se encontró nada para "zzzz".' in out
    assert "places found" not in out and "Section 1," not in out


@pytest.mark.usefixtures("spanish")
def test_accessible_cramp_now_steps_and_timer_are_in_spanish() -> None:
    out = linear("5\n1\n1\n0\n")
    assert "Escriba el número del músculo, 0 para volver:" in out
    assert "Paso 1 de 3: " in out and "Paso 3 de 3: " in out
    said = " ".join(out.split())  # (wrapped at 72 columns)
    assert "El reloj empezó. A los 10 minutos le va a preguntar si el calambre se calmó." in said
    assert "1. Ya se calmó" in out and "3. ¿Cuánto tiempo lleva?" in out
    assert "Qué hacer:" in out and "Si vuelve:" in out and "Esto no es un diagnóstico." in out
    assert "Step 1 of 3" not in out and "What to do:" not in out


@pytest.mark.usefixtures("spanish")
def test_piped_checklist_marks_and_the_result_are_in_spanish() -> None:
    items = load_checklist(fixture_guide().folder).items
    first = items[0]
    out = checklist(f"{first.number}\n0\n")
    lines = out.splitlines()
    assert lines[1] == "Esto no es un diagnóstico."
    assert any(line.startswith("La entrada no es una terminal") for line in lines)
    assert f"{first.number}. [ ] {first.text}" in lines
    assert f"{first.number}. marcada: {first.text}" in lines
    assert out.count("Escriba un número para marcarlo, 0 para terminar:") == 2
    for heading in ("Porque marcó:", "Qué hacer:", "Si empeora:"):
        assert heading in lines
    assert "¿Qué sigue?" in lines and "0. Terminar" in lines
    for english in ("This is not a diagnosis.", "selected:", "Because you chose:", "Type a number"):
        assert english not in out


@pytest.mark.usefixtures("spanish")
def test_checklist_at_a_terminal_asks_what_next_in_spanish() -> None:
    item = load_checklist(fixture_guide().folder).items[-1]
    out = checklist(f"{item.number}\n{item.number}\n0\n3\n0\n", terminal=True)
    assert f"{item.number}. marcada: {item.text}" in out
    assert f"{item.number}. desmarcada: {item.text}" in out
    assert "Todavía no ha marcado nada." in out
    assert "¿Qué sigue?" in out and "1. Guardar un resumen para su médico" in out
    assert "No hay nada marcado." in out
    assert "Escriba un número para marcarlo o desmarcarlo, 0 para terminar:" in out


@pytest.mark.usefixtures("spanish")
def test_speak_says_where_each_section_stands_and_the_emergency_line_in_spanish() -> None:
    said = [chunk.text for chunk in guide_speech(fixture_guide(), Settings())]
    assert "¿Emergencia?" in said and "Llame al 9-1-1 o a su número local de emergencias." in said  # 2 sentences
    assert "Sección uno de tres." in said and "Sección tres de tres." in said
    assert any(text.startswith("Esta guía está escrita con nuestras propias palabras") for text in said)
    assert not [text for text in said if text.startswith(("Section ", "Emergency?", "This guide is written"))]


def test_english_is_the_same_before_and_after_a_spanish_run() -> None:
    before = (plain_text(fixture_guide(), Settings()), linear("1\n1\n0\n3\n0\n"))
    with in_language("es"):
        spanish = (plain_text(fixture_guide(), Settings()), linear("1\n1\n0\n3\n0\n"))
    after = (plain_text(fixture_guide(), Settings()), linear("1\n1\n0\n3\n0\n"))
    assert before == after and spanish != before
    assert "Contents" in before[0].splitlines() and "Main menu" in before[1] and "Goodbye." in before[1]


def english_phrases() -> set[str]:
    """Each catalogue phrase's fixed parts of three words or more that its Spanish does not share
    ("Type a number", "Because you chose:"): none may be printed in Spanish."""
    with (LOCALE_DIR / "es" / "LC_MESSAGES" / "spasm-guide.po").open("rb") as handle:
        catalogue = read_po(handle, locale="es")
    found: set[str] = set()
    for message in catalogue:
        ids = (message.id,) if isinstance(message.id, str) else tuple(message.id)
        translated = " ".join((message.string,) if isinstance(message.string, str) else message.string)
        for text in ids:
            for part in re.split(r"\{[^{}]*\}", text):
                part = part.strip(" .,:;?")
                if len(part.split()) >= 3 and part not in translated:
                    found.add(part)
    return found


@pytest.mark.content
def test_the_spanish_guide_in_every_plain_mode_has_no_english_phrase_of_the_interfaces() -> None:
    guide = load_guide(ROOT / "content" / "muscle-spasms-es")
    with in_language("es"):
        printed = "\n".join([
            plain_text(guide, Settings()),
            linear("1\n1\n9\n0\n2\n1\n0\n3\n5\n1\n3\n1\n6\ncalambre\n0\n\n4\n0\n", guide),
            checklist("1\n2\n0\n", guide),
            checklist("1\n0\n3\n1\n0\n", guide, terminal=True),
        ])
    phrases = english_phrases()
    assert len(phrases) > 100
    left = sorted(phrase for phrase in phrases if phrase in printed)
    assert not left, left


def test_keys_are_named_as_a_reader_of_the_language_hears_them() -> None:
    keys = ("enter", "escape", "space", "down", "pagedown", "ctrl+d", "shift+tab", "f1", "question_mark", "n")
    assert [key_in_words(key) for key in keys] == ["Enter", "Esc", "Space", "Down", "PgDn", "Ctrl+D", "Shift+Tab",
                                                  "F1", "?", "n"]
    with in_language("es"):
        assert [key_in_words(key) for key in keys] == ["Intro", "Esc", "Espacio", "Flecha abajo", "AvPág", "Ctrl+D",
                                                      "Mayús+Tab", "F1", "?", "n"]


def spanish_catalogue() -> list[tuple[str, str]]:
    """Each phrase of the Spanish catalogue: (English, Spanish), plural forms joined by a space."""
    with (LOCALE_DIR / "es" / "LC_MESSAGES" / "spasm-guide.po").open("rb") as handle:
        catalogue = read_po(handle, locale="es")
    pairs = []
    for message in catalogue:
        if message.id:
            english = message.id if isinstance(message.id, str) else " ".join(message.id)
            spanish = message.string if isinstance(message.string, str) else " ".join(message.string)
            pairs.append((english, spanish))
    return pairs


def mixed_terms(pairs: list[tuple[str, str]]) -> list[str]:
    """Where the Spanish names one thing two ways: a tick is "marcar" ("escoger" is for choosing
    a number, a place, a file), the highlight is "resaltado", a key is pressed ("presionar", not
    "pulsar"), the settings are "Ajustes" (not "configuración"), and the emergency numbers are
    written digit by digit, so that a voice says "nueve uno uno"."""
    wrong = []
    for english, spanish in pairs:
        words = re.sub(r"\{[^{}]*\}", "", english)  # "{choices}" is a placeholder, not a word
        ticks = re.search(r"\b(un)?select(ed|ion|ions)?\b|\bchose(n)?\b|\bchoices\b", words, re.IGNORECASE)
        # Not a tick: a folder, a language or an option's value chosen (argparse's "%(choices)s").
        other_choice = "folder" in words or "language" in words or "%(" in english
        if ticks and not other_choice and (re.search(r"escog|elegi|selecc", spanish.lower())
                                                 or not re.search(r"marc|marqu", spanish.lower())):
            wrong.append(f"a tick is 'marcar': {english!r} -> {spanish!r}")
        if "highlighted" in english and "resaltad" not in spanish:
            wrong.append(f"the highlight is 'resaltado': {english!r} -> {spanish!r}")
        if re.search(r"\bpuls(e|a|ar|ado|ara)\b", spanish, re.IGNORECASE):
            wrong.append(f"a key is pressed ('presione'): {spanish!r}")
        if "configuración" in spanish:
            wrong.append(f"the settings are 'Ajustes': {spanish!r}")
        if re.search(r"(?<![\d-])(911|999|112|111)(?![\d-])", spanish):
            wrong.append(f"an emergency number a voice would say as a quantity: {spanish!r}")
    return wrong


def test_the_spanish_catalogue_names_each_thing_one_way() -> None:
    pairs = spanish_catalogue()
    assert len(pairs) > 500
    assert not mixed_terms(pairs), mixed_terms(pairs)


def test_the_one_name_check_can_fail() -> None:
    assert len(mixed_terms([("Clear every selection", "Borrar todo lo escogido"),
                            ("Open the highlighted item", "Abrir el elemento marcado"),
                            ("Press {key}", "Pulse {key}"), ("Could not save settings", "la configuración"),
                            ("call 111", "llame al 111")])) == 5


def unopened(spanish: str) -> bool:
    """Whether a "?" or "!" after a word closes a question or an exclamation that no "¿" or "¡"
    opened ("? o F1", a key's name, stands alone)."""
    for close, opening in (("?", "¿"), ("!", "¡")):
        start = 0
        for match in re.finditer(re.escape(close) + r"(?=[\s\"')]|$)", spanish):
            before = spanish[start : match.start()]
            if match.start() and spanish[match.start() - 1].isalpha() and opening not in before:
                return True
            start = match.end()
    return False


def test_every_spanish_question_and_exclamation_opens_with_its_mark() -> None:
    assert unopened("Se calmó?") and unopened("¿Se calmó? Ya pasó!") and not unopened("? o F1, ¿sigue ahí?")
    missing = [spanish for _english, spanish in spanish_catalogue() if unopened(spanish)]
    assert not missing, missing
