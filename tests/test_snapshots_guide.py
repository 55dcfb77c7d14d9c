"""Snapshots of every guide screen at 80x24 and at 40x12 (a large font on a small screen), on the
fixture guide (tests/fixtures/guide): they show the code's layout, and the live content can change
without them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.support.fixture_guide import FIXTURE_GUIDE
from tests.support.pilot import make_app
from tui.data.places import start_menu
from tui.fullscreen.screens.base import GuideScreen
from tui.fullscreen.screens.contents import ContentsScreen
from tui.fullscreen.screens.help import HelpScreen
from tui.fullscreen.screens.page import PageScreen
from tui.fullscreen.screens.search import SearchScreen
from tui.fullscreen.screens.section import SectionScreen
from tui.fullscreen.screens.settings import SettingsScreen
from tui.fullscreen.screens.start import StartScreen

pytestmark = [pytest.mark.pilot]


def menu_keys(name: str) -> list[str]:
    """Down to the start menu's row for screen `name`, then Enter: found from the menu itself."""
    return ["down"] * [row.id for row in start_menu()].index(name) + ["enter"]


SIZES = [(80, 24), (40, 12)]
"""Every screen is checked at both sizes."""

SCREENS: dict[str, list[str]] = {
    "start": [],
    "contents": ["enter"],
    "section": ["3"],
    "section-scrolled": ["3", "pagedown"],
    "search": ["slash", *"cramp", "enter"],
    "help": ["3", "question_mark"],
    "about": menu_keys("about"),
    "settings": menu_keys("settings"),
}
"""Screen name to the keys that reach it from the start screen."""


SHOWN: dict[str, type[GuideScreen]] = {
    "start": StartScreen, "contents": ContentsScreen, "section": SectionScreen, "section-scrolled": SectionScreen,
    "search": SearchScreen, "help": HelpScreen, "about": PageScreen, "settings": SettingsScreen}
"""Each snapshot's name to the screen it must show: a snapshot of the wrong screen is no check."""


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("screen", list(SCREENS))
def test_screen(screen: str, size: tuple[int, int], snap_compare: Callable[..., bool], tmp_path: Path) -> None:
    """The snapshot, and that it shows the screen it is named for (one app for both: this was two
    tests, each starting an app and pressing the same keys)."""
    app = make_app(tmp=tmp_path, content=FIXTURE_GUIDE)

    async def reach_the_screen(pilot: Pilot[int]) -> None:
        await pilot.press(*SCREENS[screen])
        await pilot.pause()
        assert type(app.screen) is SHOWN[screen], type(app.screen).__name__
        if screen == "about":  # a page of the places table: the one it is named for
            assert isinstance(app.screen, PageScreen) and app.screen.place_id == "about"

    assert snap_compare(app, run_before=reach_the_screen, terminal_size=size)


def test_start_screen_with_no_color(snap_compare: Callable[..., bool], tmp_path: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(make_app(tmp=tmp_path, content=FIXTURE_GUIDE), press=["down"], terminal_size=(80, 24))


def test_too_small(snap_compare: Callable[..., bool], tmp_path: Path) -> None:
    assert snap_compare(make_app(tmp=tmp_path, content=FIXTURE_GUIDE), terminal_size=(30, 10))
