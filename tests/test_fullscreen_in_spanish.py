"""The full screen in Spanish: every screen and dialog, opened with the Spanish guide at 80x24 and
40x12, shows the words of tui/locale/es (its title, keys, messages, dialogs) with focus where it
should be, and nothing important cut: the emergency line, the focused item, the screen's own keys.

The words checked here are the full screen's own (tui/fullscreen/). The words it draws from
tui/data (the places' names, help's and About's pages, the emergency line) are the data layer's,
checked with it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Input

from tests.conftest import ROOT
from tests.support.fixture_guide import FIXTURE_GUIDE
from tests.support.pilot import make_app, screen_lines, screen_text, text_at_cursor
from tui.data.words import current_language, in_language
from tui.fullscreen.app import GuideApp
from tui.fullscreen.dialogs.confirm import ConfirmDialog
from tui.fullscreen.dialogs.doctor_question import DoctorQuestionDialog
from tui.fullscreen.dialogs.remote_speech import RemoteSpeechDialog, forwarding_help
from tui.fullscreen.dialogs.save_path import SavePathDialog
from tui.fullscreen.screens.checklist import ChecklistScreen
from tui.fullscreen.screens.contents import ContentsScreen
from tui.fullscreen.screens.cramp_now import CrampNowScreen
from tui.fullscreen.screens.help import HelpScreen
from tui.fullscreen.screens.page import PageScreen
from tui.fullscreen.screens.search import SearchScreen
from tui.fullscreen.screens.section import SectionScreen
from tui.fullscreen.screens.settings import SettingsScreen
from tui.fullscreen.textual_private import notifications
from tui.fullscreen.widgets.guide_list import GuideList
from tui.fullscreen.widgets.key_bar import KeyBar
from tui.fullscreen.widgets.section_text import SectionText

SPANISH = ROOT / "content" / "muscle-spasms-es"
"""The Spanish guide."""

SIZES = [(80, 24), (40, 12)]
"""Every screen at both sizes: a large font on a small screen is where Spanish's longer words
would be cut first."""

SIZE_IDS = ["80x24", "40x12"]


@pytest.fixture(autouse=True)
def spanish() -> Iterator[None]:
    """Spanish for the test, and the language before it afterwards (the next test in this worker
    may be English)."""
    with in_language("es"):
        yield


def spanish_app(tmp: Path) -> GuideApp:
    """The app on the Spanish guide."""
    return make_app(tmp=tmp, content=SPANISH)


def key_bar(app: GuideApp) -> str:
    """The key bar's entries as one line."""
    return app.screen.query_one(KeyBar).describe()


def flat(app: GuideApp) -> str:
    """The screen as one line of words."""
    return " ".join(screen_text(app).split())


def messages(app: GuideApp) -> list[str]:
    """Every message the app has shown."""
    return [n.message for n in notifications(app)]


def assert_not_cut(app: GuideApp, size: tuple[int, int]) -> None:
    """The emergency line has its number on the first row, and every row of the key bar fits the
    window (an entry is never split, so a key bar row wider than the window would be cut)."""
    lines = screen_lines(app)
    assert "9-1-1" in lines[0] or "911" in lines[0], lines[0]
    bar = app.screen.query_one(KeyBar)
    width = bar.content_region.width
    assert 0 < width <= size[0]
    for row in bar.rows(width):
        assert sum(len(keys) + 1 + len(words) for keys, words in row) + 2 * (len(row) - 1) <= width, row


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
@pytest.mark.pilot
async def test_start_and_contents(tmp_path: Path, size: tuple[int, int]) -> None:
    app = spanish_app(tmp_path)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert "Espasmos musculares" in flat(app)
        assert "1-9 Sección" in key_bar(app) and "r Leer" in key_bar(app) and "Esc" not in key_bar(app)
        assert isinstance(app.focused, GuideList) and app.focused.id == "menu"
        assert_not_cut(app, size)
        await pilot.press("enter")  # the first place: the contents
        await pilot.pause()
        assert isinstance(app.screen, ContentsScreen)
        assert "Contenido" in screen_lines(app)[1]
        assert "Intro Abrir" in key_bar(app) and "Esc Atrás" in key_bar(app)
        assert isinstance(app.focused, GuideList) and text_at_cursor(app).startswith("1.")
        assert_not_cut(app, size)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
@pytest.mark.pilot
async def test_a_section_its_keys_its_end_and_its_messages(tmp_path: Path, size: tuple[int, int]) -> None:
    app = spanish_app(tmp_path)
    async with app.run_test(size=size) as pilot:
        await pilot.press("9")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SectionScreen) and isinstance(app.focused, SectionText)
        assert "n Siguiente" in key_bar(app) and "p Anterior" in key_bar(app) and "Esc Atrás" in key_bar(app)
        end = app.focused.end_text or ""
        assert end.endswith("Presione Esc para volver.")
        assert_not_cut(app, size)
        await pilot.press("end")  # the end message, wrapped like the text: no word cut at the edge
        await pilot.pause()
        assert text_at_cursor(app).startswith("Fin de la sección nueve")
        rows = screen_lines(app)
        first = next(n for n, row in enumerate(rows) if row.strip().startswith("Fin de la sección nueve"))
        shown = " ".join(row.strip() for row in rows[first:])
        assert shown.startswith(end), (end, rows)
        assert all(len(row.rstrip()) <= size[0] for row in rows)
        await pilot.press("n")
        await pilot.pause()
        assert "Esta es la última sección." in messages(app)
        assert "Esta es la última sección." in flat(app)
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.focused, SectionText)
        assert (app.focused.end_text or "").endswith("Presione n para ir a la sección siguiente.")


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
@pytest.mark.pilot
async def test_help_lists_the_keys_in_spanish(tmp_path: Path, size: tuple[int, int]) -> None:
    app = spanish_app(tmp_path)
    async with app.run_test(size=size) as pilot:
        await pilot.press("3", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen) and isinstance(app.focused, SectionText)
        text = "\n".join(app.focused.paragraphs)
        assert "n: Ir a la sección siguiente" in text and "Flecha abajo: Leer la línea siguiente" in text
        assert "? o F1" in text
        assert "1 a 9: Abrir esa sección" in text
        assert "Para cambiar una tecla, edite el archivo de ajustes" in text
        assert_not_cut(app, size)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
@pytest.mark.pilot
async def test_search_and_nothing_found(tmp_path: Path, size: tuple[int, int]) -> None:
    app = spanish_app(tmp_path)
    async with app.run_test(size=size) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen) and isinstance(app.focused, Input)
        assert "Buscar en la guía" in flat(app) and "Buscar:" in flat(app)
        assert "Escriba una palabra para buscar." in flat(app)
        assert app.focused.placeholder == "Escriba y presione Intro"
        # The box's name and the whole hint on its row, "Intro" not cut at 40 columns.
        assert any("Buscar: Escriba y presione Intro" in line for line in screen_lines(app))
        assert "Tab Otro campo" in key_bar(app)
        assert_not_cut(app, size)
        await pilot.press(*"calambre", "enter")
        await pilot.pause()
        assert isinstance(app.focused, GuideList) and text_at_cursor(app)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
@pytest.mark.pilot
async def test_settings_groups_choices_and_messages(tmp_path: Path, size: tuple[int, int]) -> None:
    app = spanish_app(tmp_path)
    async with app.run_test(size=size) as pilot:
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen) and isinstance(app.focused, GuideList)
        assert "Ajustes" in screen_lines(app)[1]
        assert text_at_cursor(app).startswith("marcado: Colores: ")
        assert "Intro/Espacio Marcar" in key_bar(app)
        listing = app.focused
        assert "Emergencias 9-1-1: " in " ".join(listing.item_texts())
        assert "Volumen de lectura: 75 por ciento" in " ".join(listing.item_texts())
        texts = " ".join(listing.item_texts())
        assert "Voz: Latinoamérica" in texts and "Voz: España" in texts
        assert "Inglés" not in texts  # an English voice would not read the Spanish guide (reading_voice)
        assert_not_cut(app, size)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert any(m.startswith("Colores: ") for m in messages(app))


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
@pytest.mark.pilot
async def test_checklist_and_its_clear_dialog(tmp_path: Path, size: tuple[int, int]) -> None:
    app = spanish_app(tmp_path)
    async with app.run_test(size=size) as pilot:
        await pilot.press("k")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ChecklistScreen) and app.focused is screen.query_one("#items")
        assert screen_lines(app)[1].strip() == "Revisar síntomas (no es diagnóstico)"  # one row at 40x12
        rows = app.screen.query_one(KeyBar).rows(size[0] - 2)
        shown = " ".join(f"{keys} {words}" for row in rows for keys, words in row)
        for entry in ("Intro/Espacio Marcar", "Tab/Mayús+Tab Resultado", "s Guardar", "c Borrar"):
            assert entry in shown, shown  # every key of the screen's own, at 40x12 too
        assert screen.headline().startswith("Resultado: ") and screen.headline().endswith("(Tab: más)")
        assert_not_cut(app, size)
        await pilot.press("c")
        await pilot.pause()
        assert "No hay nada marcado." in messages(app)
        await pilot.press("space", "c")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "¿Borrar su única marca?" in flat(app)
        assert text_at_cursor(app) == "No, dejar como está"  # the safe answer first (one mark or many)
        assert "s Sí  n No" in key_bar(app) and "Esc Cancelar" in key_bar(app) and "y Sí" not in key_bar(app)
        await pilot.press("y")  # English's yes: in Spanish a lone "y" is the word "and", and answers nothing
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("s")  # sí
        await pilot.pause()
        assert app.screen is screen and "Se borró todo lo marcado." in messages(app)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
@pytest.mark.pilot
async def test_the_doctor_questions_and_the_save_dialog(tmp_path: Path, size: tuple[int, int]) -> None:
    app = spanish_app(tmp_path)
    async with app.run_test(size=size) as pilot:
        await pilot.press("k", "s")
        await pilot.pause()
        assert isinstance(app.screen, DoctorQuestionDialog) and isinstance(app.focused, Input)
        assert "Pregunta 1 de " in flat(app) and "para su médico (opcional):" in flat(app)
        assert "Ctrl+S Guardar ya" in key_bar(app) and "Esc Cancelar" in key_bar(app)
        if size[1] >= 24:  # a short window gives the hint's row to the field
            assert "Intro: siguiente" in flat(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SavePathDialog) and isinstance(app.focused, Input)
        assert "Guardar un resumen para un médico. ¿Dónde?" in flat(app)
        assert "Carpeta: " in flat(app)
        app.focused.value = ""  # an empty name
        await pilot.press("enter")
        await pilot.pause()
        assert "Escriba un nombre de archivo, o presione Esc para cancelar." in flat(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ChecklistScreen)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
@pytest.mark.pilot
async def test_cramp_now_keys_the_early_question_and_eased(tmp_path: Path, size: tuple[int, int]) -> None:
    app = spanish_app(tmp_path)
    async with app.run_test(size=size) as pilot:
        await pilot.press("m")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CrampNowScreen) and isinstance(app.focused, GuideList)
        assert "Calambre ahora" in flat(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.focused, SectionText)
        bar = key_bar(app)
        assert "t Tiempo  s Sí, se calmó  n No se calmó" in bar  # s for sí, as in the dialogs
        assert_not_cut(app, size)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert text_at_cursor(app) == "No, todavía no"
        assert "Sí, ha durado eso" in flat(app)
        await pilot.press("n", "s")
        await pilot.pause()
        assert app.screen is screen
        text = "\n".join(screen.query_one("#cramp-text", SectionText).paragraphs)
        assert "Qué hacer:" in text and "Si vuelve:" in text


@pytest.mark.pilot
async def test_the_ten_minute_question_names_the_spanish_keys(tmp_path: Path) -> None:
    """At the check time the timer line asks with the keys in force: "s" for sí, never a lone "y"."""
    app = spanish_app(tmp_path)
    now = [5000.0]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("m")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CrampNowScreen)
        screen.clock = lambda: now[0]
        await pilot.press("enter")
        await pilot.pause()
        now[0] += 600
        screen.check_time()
        await pilot.pause()
        assert "Ya lleva 10 minutos. ¿Se calmó? s: sí, n: no" in flat(app)
        assert " y: " not in flat(app)
        await pilot.press("s")
        await pilot.pause()
        assert "AUTOCUIDADO: qué bien, el calambre se calmó." in flat(app)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
@pytest.mark.pilot
async def test_speech_over_ssh_dialog_and_its_page(tmp_path: Path, size: tuple[int, int]) -> None:
    app = spanish_app(tmp_path)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        app.push_screen(RemoteSpeechDialog())
        await pilot.pause()
        assert "Por SSH, la voz suena en el servidor, no en su computadora." in flat(app)
        assert "Escribir el audio en un archivo para".startswith(text_at_cursor(app)[:30])
        assert "Intro Escoger" in key_bar(app) and "Esc Cancelar" in key_bar(app)
        await pilot.press("escape")
        await pilot.pause()
        app.push_screen(PageScreen(forwarding_help()))
        await pilot.pause()
        assert "Oír la voz por SSH" in flat(app) and isinstance(app.focused, SectionText)


@pytest.mark.pilot
async def test_a_warning_says_its_kind_in_words(tmp_path: Path) -> None:
    app = spanish_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.notify("algo", severity="warning")
        await pilot.pause()
        assert "Aviso: algo" in flat(app)


@pytest.mark.pilot
async def test_spanish_keys_after_an_english_app_and_english_after_a_spanish_one(tmp_path: Path) -> None:
    # Textual keeps each class's bindings once per process: the words must still follow the app.
    english = make_app(tmp=tmp_path, content=FIXTURE_GUIDE)
    async with english.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        assert "n Next" in key_bar(english)
    assert current_language() == "en"
    app = spanish_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        assert "n Siguiente" in key_bar(app) and "Next" not in key_bar(app)
    english = make_app(tmp=tmp_path, content=FIXTURE_GUIDE)
    async with english.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        assert "n Next" in key_bar(english) and "Siguiente" not in key_bar(english)


def test_a_longer_emergency_line_takes_its_short_form_before_it_would_wrap(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tui.fullscreen.app as app_module

    def line(settings: object, short: bool = False) -> str:
        return "corta" if short else "x" * 60  # longer than any English line

    monkeypatch.setattr(app_module, "emergency_line", line)
    app = spanish_app(tmp_path)
    assert app.emergency_text(62) == "x" * 60
    assert app.emergency_text(61) == "corta"
    assert app.emergency_text(40) == "corta"


def test_key_names_in_spanish_and_english_from_the_one_table() -> None:
    from tui.data.key_names import either_key, key_in_words

    spoken = {key: key_in_words(key) for key in ("enter", "space", "pagedown", "down", "shift+tab", "ctrl+s", "f1")}
    assert spoken == {"enter": "Intro", "space": "Espacio", "pagedown": "AvPág", "down": "Flecha abajo",
                      "shift+tab": "Mayús+Tab", "ctrl+s": "Ctrl+S", "f1": "F1"}
    assert either_key(["?", "F1"]) == "? o F1"
    with in_language("en"):
        assert [key_in_words(key) for key in ("enter", "pagedown", "shift+tab", "slash")] == [
            "Enter", "PgDn", "Shift+Tab", "/"]
        assert either_key(["?", "F1"]) == "? or F1"
