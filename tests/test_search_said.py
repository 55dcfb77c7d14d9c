"""Search, as heard: the box is named on its own row, and Enter with nothing found is answered,
with the closest spelling the guide has ("crampz" -> "cramp"), on the fixture guide."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.fixture_guide import fixture_guide
from tests.support.pilot import make_app, screen_text, text_at_cursor
from tui.data.search import nothing_found_message, suggestion


def test_a_misspelt_word_gets_the_guides_own_spelling() -> None:
    guide = fixture_guide()
    assert suggestion(guide, "crampz") == "cramp"
    assert suggestion(guide, "cramps") is None  # the guide has it: nothing to suggest
    assert nothing_found_message(guide, "crampz").startswith('Nothing found for "crampz". Did you mean "cramp"?')
    assert nothing_found_message(guide, "qqxqzz").endswith("Try another word.")


@pytest.mark.pilot
async def test_enter_with_nothing_found_says_so_and_the_box_is_named(tmp_path: Path) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"crampz", "enter")
        await pilot.pause()
        assert 'Nothing found for "crampz". Did you mean "cramp"?' in " ".join(screen_text(app).split())
        assert text_at_cursor(app) == ""  # the caret, after the words typed
        row = screen_text(app).splitlines()[app.cursor_position.y]
        assert row.strip() == "Find: crampz"  # the box's name on the row the cursor is on


@pytest.mark.pilot
async def test_each_letter_says_how_many_more_then_the_places(tmp_path: Path) -> None:
    """What the count row says at each letter of "cra": no "No places found" on the way to a
    word the guide has, and the places from the third letter on (the fixture says "cramp")."""
    app = make_app(tmp=tmp_path)
    heard: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash")
        for letter in "cra":
            await pilot.press(letter)
            await pilot.pause()
            heard.append(next(row.strip() for row in screen_text(app).splitlines()
                              if "letter" in row or "places found" in row))
    assert heard[:2] == ["Type 2 more letters.", "Type 1 more letter."], heard
    assert heard[2].endswith("places found. Press Enter to see them."), heard
