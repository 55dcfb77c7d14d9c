"""The terminal cursor follows focus and highlight: what a screen reader or braille display reads."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.geometry import Offset
from textual.widgets import Input

from tests.support.pilot import make_app, row_of, screen_lines, screen_text, text_at_cursor
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


async def test_left_and_right_move_the_cursor_along_the_row_and_change_nothing_else(tmp_path: Path) -> None:
    """A braille display routes the cursor with Right and Left (and waits for it to move after
    each); a console reader spells the line with them. They move the cursor one cell, within the
    row, and nothing drawn, focused or highlighted changes; the column goes when the focus or its
    row does."""
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        start, shown = app.cursor_position, screen_text(app)
        assert text_at_cursor(app) == "Read the guide"
        await pilot.press("right", "right", "right")
        await pilot.pause()
        assert app.cursor_position == start + Offset(3, 0)
        assert text_at_cursor(app) == "d the guide" and screen_text(app) == shown
        await pilot.press("left")
        await pilot.pause()
        assert app.cursor_position == start + Offset(2, 0)
        await pilot.press(*["left"] * (start.x + 5))  # never past the row's first cell
        await pilot.pause()
        assert app.cursor_position == Offset(0, start.y) and screen_text(app) == shown
        await pilot.press(*["right"] * 45)  # nor past its last
        await pilot.pause()
        assert app.cursor_position == Offset(39, start.y) and screen_text(app) == shown
        # Another item: the cursor on its first letter again, and Right counts from there.
        await pilot.press("down")
        await pilot.pause()
        assert text_at_cursor(app) == "Check your symptoms"
        below = app.cursor_position
        assert below == Offset(start.x, start.y + 1)
        await pilot.press("right")
        await pilot.pause()
        assert app.cursor_position == below + Offset(1, 0) and text_at_cursor(app) == "heck your symptoms"
        # Another screen, then another part of it (Tab): back to the focused item's first letter each time.
        await pilot.press("enter")
        await pilot.pause()
        item = app.cursor_position
        assert text_at_cursor(app).startswith("[ ] ")
        await pilot.press("right", "right")
        await pilot.pause()
        assert app.cursor_position == item + Offset(2, 0)
        focused = app.screen.focused
        await pilot.press("tab")
        await pilot.pause()
        assert app.screen.focused is not focused and app.cursor_position == app.cursor.focus_place()
        await pilot.press("tab")
        await pilot.pause()
        assert app.screen.focused is focused and app.cursor_position == item
        # A section: Right never turns the page to the next section.
        await pilot.press("1")
        await pilot.pause()
        section = screen_text(app)
        line = app.cursor_position
        await pilot.press("right", "right")
        await pilot.pause()
        assert screen_text(app) == section and app.cursor_position == line + Offset(2, 0)
        await pilot.press("down")
        await pilot.pause()
        assert app.cursor_position == app.cursor.focus_place() and app.cursor_position.x == line.x


async def test_left_and_right_still_move_the_caret_in_the_search_box(tmp_path: Path) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", "c", "a", "l", "f", "left", "left")
        await pilot.pause()
        focused = app.screen.focused
        assert isinstance(focused, Input) and focused.cursor_position == 2
        row = screen_lines(app)[app.cursor_position.y]
        assert row[: app.cursor_position.x].rstrip().endswith("ca") and row[app.cursor_position.x:].startswith("lf")
        await pilot.press("right")
        await pilot.pause()
        assert focused.cursor_position == 3 and row[app.cursor_position.x:].startswith("f")


async def test_left_and_right_move_the_cursor_in_a_dialog_too(tmp_path: Path) -> None:
    """A dialog hides the app's keys (Textual's modal screens): it has Left and Right of its own."""
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press("k", "space", "c")
        await pilot.pause()
        answer, shown = app.cursor_position, screen_text(app)
        assert text_at_cursor(app) == "No, keep them"
        await pilot.press("right", "right", "left")
        await pilot.pause()
        assert app.cursor_position == answer + Offset(1, 0) and screen_text(app) == shown
        assert text_at_cursor(app) == "o, keep them"
