"""Keys typed ahead reach the screen they were typed for.

On a busy machine, or over a slow link that delivers several keys in one read, the guide is sent
a key that opens something and the keys after it at once: the driver posts them together, as
these tests do. A list's Enter (and Space) and a box's Enter are handled before the next key is
read (tui/fullscreen/widgets/handled_now.py): Enter and Down at the start screen used to open the
contents with its Down lost, and to move the start menu's highlight instead.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual import events

from tests.support.pilot import make_app
from tui.fullscreen.app import GuideApp
from tui.fullscreen.screens.contents import ContentsScreen
from tui.fullscreen.screens.section import SectionScreen
from tui.fullscreen.screens.start import StartScreen
from tui.fullscreen.widgets.guide_list import GuideList
from tui.fullscreen.widgets.section_text import SectionText

pytestmark = [pytest.mark.pilot]


async def typed_together(app: GuideApp, pilot: Any, *keys: str) -> None:
    """Post `keys` at once, as the input thread does for one read, then let the app settle."""
    for key in keys:
        app.post_message(events.Key(key, key if len(key) == 1 else None))
    for _ in range(6):
        await pilot.pause()


def highlight(app: GuideApp, screen_type: type) -> int | None:
    """The highlighted item of the list on the open screen of `screen_type`."""
    screen = next(s for s in app.screen_stack if isinstance(s, screen_type))
    return screen.query_one(GuideList).highlighted


@pytest.mark.parametrize("opener", ["enter", "space"])
async def test_a_down_typed_with_the_key_that_opens_the_contents_moves_in_the_contents(tmp_path: Path,
                                                                                        opener: str) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await typed_together(app, pilot, opener, "down")
        assert isinstance(app.screen, ContentsScreen)
        assert highlight(app, ContentsScreen) == 1
        assert app.focused is app.screen.query_one(GuideList)
        assert highlight(app, StartScreen) == 0  # the start menu did not take the Down


async def test_keys_typed_ahead_through_two_screens_land_on_the_last(tmp_path: Path) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await typed_together(app, pilot, "enter", "down", "enter", "down")
        assert isinstance(app.screen, SectionScreen)
        assert app.screen.section.number == 2
        text = app.screen.query_one(SectionText)
        assert app.focused is text and text.line > 0  # the last Down read on in the section
        assert highlight(app, ContentsScreen) == 1
        assert highlight(app, StartScreen) == 0
