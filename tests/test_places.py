"""The places table (tui/data/places.py): the start menu, the prompts' menu, the keys, Help and
`--plain` are all drawn from it, and a new place with a page needs nothing else."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from textual.binding import Binding

from tests.support.fixture_guide import fixture_guide
from tests.support.pilot import make_app, screen_text
from tui.data.content import Guide, Section
from tui.data.pages import PAGES, credit_lines, made_section
from tui.data.places import PLACES, Place, keyed_places, prompt_menu, start_menu
from tui.data.settings import BINDING_IDS, Settings
from tui.fullscreen.app import GuideApp
from tui.fullscreen.screen_registry import screen_classes
from tui.fullscreen.screens.page import PageScreen
from tui.fullscreen.widgets.guide_list import GuideList
from tui.plain.checklist_prompts import Prompter
from tui.plain.linear import LinearGuide, main_menu, run_linear
from tui.plain.render import guide_lines

pytestmark: list[pytest.MarkDecorator] = []
"""Pure and pilot tests: part of the fast set."""


def test_the_table_is_consistent() -> None:
    ids = [row.id for row in PLACES]
    assert len(ids) == len(set(ids))
    orders = sorted(row.menu_order for row in PLACES if row.menu_order)
    assert orders == list(range(1, len(orders) + 1)), "start menu orders run 1, 2, 3 ... with no gap"
    numbers = sorted(row.prompt_number for row in PLACES if row.prompt_number is not None)
    assert numbers == list(range(len(numbers))), "prompt numbers run 0, 1, 2 ... with no gap"
    assert [row.action for row in PLACES if row.prompt_number == 0] == ["quit"]
    keyed = keyed_places()
    assert all(row.binding_id and row.tooltip and row.key_word for row in keyed)
    assert len({row.binding_id for row in keyed}) == len(keyed)


def test_every_place_in_a_menu_leads_somewhere() -> None:
    """A screen of that name, a page built for it, or the app's own action (help, quit)."""
    screens = screen_classes()
    for row in PLACES:
        if row.menu_order or row.prompt_number is not None:
            assert row.id in screens or row.id in PAGES or row.action, row.id


def test_the_app_keys_are_the_table_keys_in_its_order() -> None:
    bindings = [b for b in GuideApp.BINDINGS if isinstance(b, Binding) and b.id in {r.binding_id for r in PLACES}]
    assert [(b.key, b.action, b.description, b.id, b.tooltip, b.show) for b in bindings] == [
        (r.key, r.key_action, r.key_word, r.binding_id, r.tooltip, r.show_key) for r in keyed_places()]
    assert {r.binding_id for r in keyed_places()} <= BINDING_IDS


@pytest.mark.pilot
async def test_the_start_menu_is_the_table(tmp_path: Path) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        menu = app.screen.query_one("#menu", GuideList)
        ids = [menu.get_option_at_index(n).id for n in range(menu.option_count)]
        assert list(zip(ids, menu.item_texts(), strict=True)) == [(row.id, row.label) for row in start_menu()]


def test_the_prompts_menu_is_the_table() -> None:
    assert main_menu()[1:] == tuple(f"{row.prompt_number}. {row.prompt_label}" for row in prompt_menu())
    assert main_menu()[-1] == "0. Quit"


GLOSSARY = Place("glossary", "Words used in this guide", "Words used in this guide", menu_order=8, prompt_number=7)
"""A place added as issue 19 asks: one row, and a page builder (below)."""


def glossary_page(guide: Guide) -> Section:
    return made_section("Words used in this guide", [])


@pytest.fixture
def glossary(monkeypatch: pytest.MonkeyPatch) -> Place:
    """The glossary place added to the table and its page to the builders, for one test."""
    monkeypatch.setattr("tui.data.places.PLACES", (*PLACES, GLOSSARY))
    monkeypatch.setitem(PAGES, "glossary", glossary_page)
    return GLOSSARY


@pytest.mark.pilot
async def test_a_new_place_with_a_page_shows_on_the_full_screen(glossary: Place, tmp_path: Path) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert glossary.label in text
        # An eighth row does not push "Get help now" off an 80x24 screen: every sign still shows.
        for line in app.guide.get_help[:-1]:
            assert line.split(":")[0][:40] in text, line
        await pilot.press(*["down"] * (glossary.menu_order - 1), "enter")
        await pilot.pause()
        assert isinstance(app.screen, PageScreen) and app.screen.place_id == "glossary"
        assert glossary.label in screen_text(app)


def test_a_new_place_with_a_page_shows_in_the_prompts_and_plain(glossary: Place) -> None:
    out = io.StringIO()
    assert run_linear(fixture_guide(), Settings(), io.StringIO("7\n0\n"), out) == 0
    lines = out.getvalue().splitlines()
    assert "7. Words used in this guide" in lines
    assert lines.count("Words used in this guide") == 1  # the page's title, after choosing 7
    assert "Words used in this guide" in guide_lines(fixture_guide(), Settings())


def test_about_in_the_prompts_and_plain_is_the_about_page_in_one_wording() -> None:
    guide = fixture_guide()
    out = io.StringIO()
    LinearGuide(guide, Settings(), Prompter(io.StringIO(""), out)).open_place("about")
    credit = credit_lines(guide)
    assert credit[0] == PAGES["about"](guide).blocks[0].lines[0]
    for text in (" ".join(out.getvalue().split()), " ".join(" ".join(guide_lines(guide, Settings())).split())):
        for line in credit:
            assert line in text
