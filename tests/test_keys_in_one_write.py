"""Characters that arrive in one write with "/" (a paste, a fast typist, a braille keyboard
sending a word at once) are typed into the search box, in the order typed.

The terminal hands the guide every byte of one write together, so "/calf" is five keys given to
the screen in front before the search screen exists: the four letters used to be lost, and a "q"
among them quit the guide. Each key is posted here without waiting between them, as the driver
posts the keys of one read."""

from __future__ import annotations

import pytest
from textual import events
from textual.widgets import Input

from tests.support.fixture_guide import FIXTURE_GUIDE
from tests.support.pilot import make_app
from tui.fullscreen.app import GuideApp
from tui.fullscreen.screens.search import SearchScreen

pytestmark = [pytest.mark.pilot]


async def typed_in_one_write(text: str) -> tuple[GuideApp, str]:
    """The search box's value after `text` arrives in one write on the start screen."""
    app = make_app(content=FIXTURE_GUIDE)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for character in text:
            key = "slash" if character == "/" else character
            app.post_message(events.Key(key, character))
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        box = app.screen.query_one(Input)
        assert app.focused is box
        return app, box.value


async def test_the_letters_after_slash_in_one_write_are_in_the_search_box() -> None:
    _app, value = await typed_in_one_write("/calf")
    assert value == "calf"


async def test_a_pasted_q_is_typed_not_taken_as_quit() -> None:
    app, value = await typed_in_one_write("/quinine")
    assert value == "quinine"
    assert app.return_code is None  # the guide did not close


async def test_letters_typed_one_by_one_after_slash_are_typed_once() -> None:
    app = make_app(content=FIXTURE_GUIDE)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", "c", "a", "l", "f")
        assert app.screen.query_one(Input).value == "calf"
