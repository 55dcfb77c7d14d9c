"""Pilot tests: a keyboard-only person moves through the guide."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.pilot import make_app, screen_lines, screen_text, text_at_cursor
from tui.data.pages import section_position
from tui.fullscreen.screens.contents import ContentsScreen
from tui.fullscreen.screens.page import PageScreen
from tui.fullscreen.screens.search import SearchScreen
from tui.fullscreen.screens.section import SectionScreen
from tui.fullscreen.screens.start import StartScreen
from tui.fullscreen.widgets.guide_list import GuideList
from tui.fullscreen.widgets.section_text import SectionText

pytestmark = [pytest.mark.pilot]


async def test_start_screen_shows_title_disclaimer_emergency_and_menu(tmp_path: Path) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        lines = screen_lines(app)
        assert lines[0].strip() == "Emergency? Call 911 or your local emergency number."
        text = screen_text(app)
        assert app.guide.title in text
        assert app.guide.disclaimer in text
        for label in ("Read the guide", "Check your symptoms", "Help", "About this guide"):
            assert label in text
        # The first item has focus, so Enter starts reading.
        assert isinstance(app.screen.focused, GuideList)
        assert text_at_cursor(app).startswith("Read the guide")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ContentsScreen)


async def test_contents_lists_numbered_sections_and_enter_opens(tmp_path: Path) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        text = screen_text(app)
        for section in app.guide.sections[:5]:
            assert f"{section.number}. {section.title}" in text
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SectionScreen)
        assert app.screen.number == 3
        third = app.guide.section(3)
        assert f"{section_position(third, len(app.guide.sections))}: {third.title}" in screen_text(app)
        assert "Section three of" in screen_text(app)


async def test_next_previous_and_escape(tmp_path: Path) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SectionScreen)
        assert app.screen.number == 1
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.number == 2
        # Right and Left are a braille display's routing keys (BRLTTY sends arrows to move the
        # cursor to a touched cell): they never turn the page.
        await pilot.press("right", "right", "left")
        await pilot.pause()
        assert app.screen.number == 2
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.number == 3
        assert app.guide.section(3).title in screen_text(app)
        await pilot.press("p", "p")
        await pilot.pause()
        assert app.screen.number == 1
        await pilot.press("p")  # no section before the first: stays, says so
        await pilot.pause()
        assert app.screen.number == 1
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ContentsScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        await pilot.press("escape")  # nothing behind the start screen: no crash, no exit
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)


async def test_digits_jump_to_a_section_from_any_screen(tmp_path: Path) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        assert isinstance(app.screen, SectionScreen)
        assert app.screen.number == 3
        await pilot.press("2")
        await pilot.pause()
        assert app.screen.number == 2


async def test_section_scrolls_by_keyboard(tmp_path: Path) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press("1")
        await pilot.pause()
        text = app.screen.query_one(SectionText)
        assert text.max_scroll_y > 0, "section one should need scrolling at 40x12"
        await pilot.press("pagedown")
        await pilot.pause()
        assert text.scroll_offset.y > 0
        await pilot.press("home")
        await pilot.pause()
        assert text.scroll_offset.y == 0


async def test_search_lists_places_and_enter_opens_one(tmp_path: Path) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"stretching")
        await pilot.pause()
        screen = app.screen
        assert screen.hits, "stretching is in the guide"
        assert "found" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen.focused, GuideList)
        first = screen.hits[0]
        assert text_at_cursor(app).startswith(f"{first.section_number}. {first.section_title}")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SectionScreen)
        assert app.screen.number == first.section_number
        assert "tretch" in screen_text(app)


async def test_search_with_no_match_says_so(tmp_path: Path) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"zzqx")
        await pilot.pause()
        assert 'No places found for "zzqx"' in screen_text(app)
        await pilot.press("enter")  # nothing to go to: focus stays in the box
        await pilot.pause()
        assert app.screen.focused is not None and app.screen.focused.id == "query"


async def test_about_credits_source_and_review_dates(tmp_path: Path) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 50)) as pilot:
        await pilot.press("down", "down", "down", "down", "down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PageScreen)
        text = " ".join(screen_text(app).split())
        credit = app.guide.credit
        for fact in (credit.title, credit.publisher, credit.reviewer, credit.updated,
                     app.guide.reviewed, app.guide.next_review_due):
            assert fact in text
        assert "Next review due" in text
        assert "not" in app.guide.signoff_note  # the plain note that there is no sign-off yet


async def test_quit_key_exits(tmp_path: Path) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_keys_typed_ahead_in_search_open_the_first_place(tmp_path: Path) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"cramp", "enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SectionScreen)
