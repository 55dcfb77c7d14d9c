"""A list's keys as a keyboard-only or screen-reader user expects them (issue 23).

Space opens the highlighted item on every list that opens things, as Enter does (a screen-reader
user presses Space on a list item); where Space already selects (the checklist, Settings) it
still selects. Up on the first item and Down on the last stay put and say so, once per press, in
a message in rows of its own (the next key takes it away), in the guide's language: a listener
who heard the first item after the last took it for a new one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT
from tests.support.pilot import make_app, screen_lines, screen_text, text_at_cursor
from tui.data.words import in_language
from tui.fullscreen.app import GuideApp
from tui.fullscreen.keys import screen_keys
from tui.fullscreen.screens.base import GuideScreen
from tui.fullscreen.screens.contents import ContentsScreen
from tui.fullscreen.screens.cramp_now import CrampNowScreen
from tui.fullscreen.screens.section import SectionScreen
from tui.fullscreen.textual_private import notifications
from tui.fullscreen.widgets.guide_list import GuideList

pytestmark = [pytest.mark.pilot]

SPANISH = ROOT / "content" / "muscle-spasms-es"
"""The Spanish guide."""

SIZES = [(80, 24), (40, 12)]


async def press(pilot: Any, *keys: str) -> None:
    await pilot.press(*keys)
    await pilot.pause()


def focused_list(app: GuideApp) -> GuideList:
    listing = app.focused
    assert isinstance(listing, GuideList), listing
    return listing


def messages(app: GuideApp) -> list[str]:
    return [n.message for n in notifications(app)]


def notice_rows(app: GuideApp) -> list[str]:
    """The rows the message is on now (none when there is no message)."""
    screen = app.screen
    assert isinstance(screen, GuideScreen)
    notice = screen.notice_widget()
    if notice is None or not notice.display:
        return []
    return [screen_lines(app)[y].strip() for y in range(notice.region.y, notice.region.bottom)]


# Space opens ---------------------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "40x12"])
async def test_space_on_the_start_menu_and_the_contents_opens_the_item(tmp_path: Path, size: tuple[int, int]) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        menu = focused_list(app)
        assert menu.get_option_at_index(menu.highlighted or 0).id == "contents"
        await press(pilot, "space")
        assert isinstance(app.screen, ContentsScreen)
        await press(pilot, "down", "space")
        assert isinstance(app.screen, SectionScreen) and app.screen.number == 2
        # In a section, Space opens nothing and moves nothing.
        before = screen_text(app)
        await press(pilot, "space")
        assert isinstance(app.screen, SectionScreen) and app.screen.number == 2 and screen_text(app) == before


async def test_space_opens_a_place_found_and_types_a_space_in_the_box(tmp_path: Path) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "slash", "c", "a", "l", "f", "space")
        box = app.focused
        assert getattr(box, "value", None) == "calf "  # in the box, Space is a space
        await press(pilot, "enter")
        results = focused_list(app)
        assert results.option_count > 0
        await press(pilot, "space")
        assert isinstance(app.screen, SectionScreen)


async def test_space_on_a_muscle_starts_its_stretch(tmp_path: Path) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "m")
        screen = app.screen
        assert isinstance(screen, CrampNowScreen) and screen.muscle is None
        await press(pilot, "space")
        assert screen.muscle is not None and screen.timing


async def test_space_still_selects_in_the_checklist_and_in_settings(tmp_path: Path) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "k", "space")
        assert len(app.screen.session.checked) == 1  # type: ignore[attr-defined]
        await press(pilot, "space")
        assert len(app.screen.session.checked) == 0  # type: ignore[attr-defined]


async def test_help_says_space_opens_where_it_does_and_not_where_it_does_not(tmp_path: Path) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        here, _reading, changing = screen_keys(app, app.screen)
        assert ("Enter or Space", "Open the highlighted item") in here, here
        assert "list.open" in changing[-1]
        await press(pilot, "2")
        here, _reading, changing = screen_keys(app, app.screen)
        assert not [keys for keys, _what in here if "Space" in keys], here
        assert "list.open" not in changing[-1]
        await press(pilot, "k")
        here, _reading, _changing = screen_keys(app, app.screen)
        assert ("Space or Enter", "Select or unselect this item") in here or \
            ("Enter or Space", "Select or unselect this item") in here, here


# The ends of a list --------------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "40x12"])
async def test_down_on_the_last_item_stays_and_says_so(tmp_path: Path, size: tuple[int, int]) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=size) as pilot:
        await press(pilot, "space")  # the contents
        listing = focused_list(app)
        last = listing.option_count - 1
        await press(pilot, "end")
        item = text_at_cursor(app)
        assert listing.highlighted == last and notice_rows(app) == []
        await press(pilot, "down")
        assert listing.highlighted == last, "Down on the last item went round to the first"
        assert notice_rows(app) == ["This is the last item."]
        # The cursor is on the message (after an arrow a console screen reader says only the
        # cursor's row), until the next key.
        assert text_at_cursor(app) == "This is the last item."
        await press(pilot, "down")  # again: said again, for this press
        assert listing.highlighted == last and notice_rows(app) == ["This is the last item."]
        assert text_at_cursor(app) == "This is the last item."
        await press(pilot, "up")
        assert listing.current_text().startswith(text_at_cursor(app))  # the cursor back on the item
        await pilot.pause(0.2)  # the message goes once the next key has done its work
        assert listing.highlighted == last - 1 and notice_rows(app) == []
        await press(pilot, "down")
        assert text_at_cursor(app) == item  # back on the last item


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "40x12"])
async def test_up_on_the_first_item_stays_and_says_so(tmp_path: Path, size: tuple[int, int]) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        listing = focused_list(app)
        assert listing.highlighted == 0
        await press(pilot, "up")
        assert listing.highlighted == 0, "Up on the first item went round to the last"
        assert notice_rows(app) == ["This is the first item."]


async def test_a_list_in_groups_stops_at_its_first_item_under_its_heading(tmp_path: Path) -> None:
    """The checklist's first row is a heading, which the highlight skips: Up on the first item
    (row 1) stays there, and Down on the last stays."""
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "k")
        listing = focused_list(app)
        first = listing.highlighted
        assert first is not None and listing.get_option_at_index(first - 1).disabled
        await press(pilot, "up")
        assert listing.highlighted == first and notice_rows(app) == ["This is the first item."]
        await press(pilot, "end", "down")
        assert listing.highlighted == listing.option_count - 1
        assert notice_rows(app) == ["This is the last item."]
        assert "selected" not in screen_text(app)  # moving selects nothing


async def test_the_ends_are_said_in_spanish(tmp_path: Path) -> None:
    with in_language("es"):
        app = make_app(tmp=tmp_path, content=SPANISH)
        async with app.run_test(size=(80, 24)) as pilot:
            await press(pilot, "up")
            assert notice_rows(app) == ["Este es el primer elemento."]
            await press(pilot, "end", "down")
            assert notice_rows(app) == ["Este es el último elemento."]
