"""A guide without an optional place's file (no cramp-now.toml, no glossary.toml) has no such
place, and every interface says so instead of failing: the start menu and the prompts' menu
leave it out, its key and its number say "this guide has none", Help says it beside the key,
and `--plain` prints the pages the guide has."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.fixture_guide import FIXTURE_GUIDE
from tests.support.pilot import make_app
from tui.data.content import Block, Guide, Section, load_guide
from tui.data.pages import PAGES, absent_place, made_section
from tui.data.places import PLACES, Place, absent_places, in_guide, place, prompt_menu, start_menu
from tui.data.settings import Settings
from tui.fullscreen.screens.page import PageScreen
from tui.fullscreen.screens.start import StartScreen
from tui.fullscreen.textual_private import notifications
from tui.fullscreen.widgets.guide_list import GuideList
from tui.plain.linear import main_menu, run_linear
from tui.plain.render import guide_lines

pytestmark: list[pytest.MarkDecorator] = []
"""Pure and pilot tests: part of the fast set (the one that runs the command is marked e2e)."""

CRAMP = place("cramp_now")
NONE_SAID = absent_place(CRAMP)
"""'"Cramp now": this guide has none.'"""


@pytest.fixture
def without_cramp(tmp_path: Path) -> Guide:
    """The fixture guide with no cramp-now.toml."""
    folder = tmp_path / "guide"
    shutil.copytree(FIXTURE_GUIDE, folder)
    (folder / "cramp-now.toml").unlink()
    return load_guide(folder)


def test_the_table_knows_which_places_are_optional(without_cramp: Guide) -> None:
    assert CRAMP.content_file == "cramp-now.toml"
    assert in_guide(CRAMP, FIXTURE_GUIDE) and not in_guide(CRAMP, without_cramp.folder)
    assert absent_places(without_cramp.folder) == (CRAMP,) and absent_places(FIXTURE_GUIDE) == ()
    assert CRAMP not in start_menu(without_cramp.folder) and CRAMP in start_menu(FIXTURE_GUIDE)
    assert CRAMP not in prompt_menu(without_cramp.folder) and CRAMP in prompt_menu()
    assert NONE_SAID == '"Cramp now": this guide has none.'


@pytest.mark.pilot
async def test_the_full_screen_leaves_it_out_and_its_key_and_help_say_so(without_cramp: Guide,
                                                                         tmp_path: Path) -> None:
    app = make_app(tmp=tmp_path, content=without_cramp.folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        menu = app.screen.query_one("#menu", GuideList)
        assert CRAMP.label not in menu.item_texts() and len(menu.item_texts()) == len(start_menu()) - 1
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)  # nothing opened, nothing failed
        assert [n.message for n in notifications(app)] == [NONE_SAID]
        await pilot.press("question_mark", "end")
        await pilot.pause()
        assert isinstance(app.screen, PageScreen)
        help_text = " ".join(app.screen.section.text().split())
        assert f"m: {CRAMP.tooltip} (this guide has none)" in help_text
        assert "r: Read this screen aloud" in help_text  # the other keys as they were


@pytest.mark.pilot
async def test_with_the_file_the_place_is_there_and_help_says_nothing_more(tmp_path: Path) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert CRAMP.label in app.screen.query_one("#menu", GuideList).item_texts()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, PageScreen)
        assert "this guide has none" not in " ".join(app.screen.section.text().split())


def test_the_prompts_leave_it_out_and_its_number_says_so(without_cramp: Guide) -> None:
    out = io.StringIO()
    number = CRAMP.prompt_number
    assert run_linear(without_cramp, Settings(), io.StringIO(f"{number}\n0\n"), out) == 0
    lines = out.getvalue().splitlines()
    assert f"{number}. {CRAMP.prompt_label}" not in lines
    assert main_menu(without_cramp.folder) == tuple(line for line in main_menu() if not line.startswith(f"{number}."))
    assert lines[lines.index(NONE_SAID) - 1].startswith("Type a number, 0 to quit:")
    assert lines[-1] == "Goodbye."
    with_file = io.StringIO()
    run_linear(load_guide(FIXTURE_GUIDE), Settings(), io.StringIO("0\n"), with_file)
    assert f"{number}. {CRAMP.prompt_label}" in with_file.getvalue().splitlines()


GLOSSARY = Place("glossary", "Words used in this guide", "Words used in this guide", menu_order=8, prompt_number=7,
                 content_file="glossary.toml")
"""An optional page, as the glossary trial made one: a place whose page is read from its own file."""


def glossary_page(guide: Guide) -> Section:
    """The glossary's page, from its file: a guide without the file never gets here."""
    words = (guide.folder / "glossary.toml").read_text(encoding="utf-8")
    return made_section("Words used in this guide", [Block("paragraph", (words.strip(),))])


@pytest.fixture
def glossary(monkeypatch: pytest.MonkeyPatch) -> Place:
    """The glossary place in the table, its page in the builders, for one test."""
    monkeypatch.setattr("tui.data.places.PLACES", (*PLACES, GLOSSARY))
    monkeypatch.setitem(PAGES, "glossary", glossary_page)
    return GLOSSARY


def test_plain_prints_the_pages_the_guide_has(glossary: Place, without_cramp: Guide) -> None:
    text = "\n".join(guide_lines(without_cramp, Settings()))  # no glossary.toml: no page, no error
    assert glossary.label not in text and "About this guide" in text
    (without_cramp.folder / "glossary.toml").write_text("cramp: a muscle that tightens on its own\n",
                                                        encoding="utf-8")
    text = "\n".join(guide_lines(without_cramp, Settings()))
    assert glossary.label in text and "cramp: a muscle that tightens on its own" in text


def test_the_prompts_say_an_optional_page_is_not_there(glossary: Place, without_cramp: Guide) -> None:
    out = io.StringIO()
    assert run_linear(without_cramp, Settings(), io.StringIO("7\n0\n"), out) == 0
    lines = out.getvalue().splitlines()
    assert "7. Words used in this guide" not in lines and absent_place(glossary) in lines


@pytest.mark.e2e  # starts the guide as a real process
def test_the_command_reads_a_guide_without_the_file(without_cramp: Guide) -> None:
    for args, stdin in ((["--plain"], ""), (["--accessible"], f"{CRAMP.prompt_number}\n0\n")):
        done = subprocess.run([sys.executable, "-m", "tui", "--content", str(without_cramp.folder), *args],
                              input=stdin, capture_output=True, text=True, check=False, timeout=120)
        assert done.returncode == 0 and done.stderr == "", (args, done.stderr)
        assert without_cramp.title in done.stdout
    assert NONE_SAID in done.stdout
