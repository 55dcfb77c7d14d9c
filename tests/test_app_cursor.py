"""The terminal cursor follows focus and highlight: what a screen reader or braille display reads."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.pilot import make_app, row_of, screen_lines, text_at_cursor
from tui.fullscreen.screens.settings import SettingsScreen
from tui.fullscreen.widgets.guide_list import GuideList
from tui.fullscreen.widgets.section_text import SectionText

pytestmark = [pytest.mark.pilot]


async def test_cursor_is_on_each_highlighted_menu_item(tmp_path: Path) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        seen = []
        for step in range(6):
            seen.append(text_at_cursor(app))
            if step < 5:
                await pilot.press("down")
                await pilot.pause()
        assert seen == ["Read the guide", "Check your symptoms", "Search the guide", "Settings", "Help",
                        "About this guide"]
        # The highlight is in the text too, not colour alone: "> " marks the cursor's row.
        row = screen_lines(app)[app.cursor_position.y]
        assert row.lstrip().startswith("> About this guide")
        await pilot.press("up")
        await pilot.pause()
        assert text_at_cursor(app) == "Help"
        assert "> About" not in "\n".join(screen_lines(app))


async def test_cursor_follows_the_contents_list_and_scrolls_with_it(tmp_path: Path) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        for section in app.guide.sections:
            assert text_at_cursor(app).startswith(f"{section.number}. "), text_at_cursor(app)
            # Long titles wrap at 40 columns: the cursor row holds the title's first words.
            assert section.title.startswith(text_at_cursor(app).split(". ", 1)[1].rstrip()[:10])
            await pilot.press("down")
            await pilot.pause()


async def test_cursor_on_section_text_moves_as_it_scrolls(tmp_path: Path) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press("1")
        await pilot.pause()
        assert isinstance(app.screen.focused, SectionText)
        first = text_at_cursor(app)
        assert first and first == screen_lines(app)[row_of(app, first)].strip()
        await pilot.press("down", "down", "down")
        await pilot.pause()
        after = text_at_cursor(app)
        assert after and after != first
        # The cursor sits on the first text row of the visible part of the section.
        assert app.cursor_position.y >= row_of(app, "Section one")


async def test_cursor_skips_group_headings_in_settings(tmp_path: Path) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(SettingsScreen())
        await pilot.pause()
        assert text_at_cursor(app).startswith("selected: Colours: Dark, high contrast")
        for _ in range(4):  # down past the last theme and the "Emergency number" heading
            await pilot.press("down")
        await pilot.pause()
        focused = app.screen.focused
        assert isinstance(focused, GuideList)
        assert text_at_cursor(app).startswith("selected: Emergency number 911")


async def test_search_box_keeps_the_cursor_at_the_typing_point(tmp_path: Path) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", "c", "a", "l", "f")
        await pilot.pause()
        row = screen_lines(app)[app.cursor_position.y]
        assert row[: app.cursor_position.x].rstrip().endswith("calf")
