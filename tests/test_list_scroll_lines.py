"""A list scrolled by the arrow keys keeps the lines it drew a row or two away
(tui/fullscreen/widgets/guide_list.py): what it shows after every press is what drawing every row
again would show, highlight, "> " mark and the words of an item just unselected included."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.geometry import Region
from textual.strip import Strip

from tests.support.pilot import make_app
from tui.data.settings import Settings
from tui.fullscreen.widgets.guide_list import GuideList

pytestmark = [pytest.mark.pilot]

SIZES = [(80, 24), (40, 12)]


def drawn(items: GuideList) -> list[Strip]:
    """The list's rows as the next frame would take them (from what it has drawn)."""
    return [strip.simplify() for strip in items.render_lines(Region(0, 0, *items.size))]


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "40x12"])
async def test_a_scrolled_checklist_shows_what_a_full_redraw_shows(size: tuple[int, int], tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    app = make_app(Settings(), tmp_path)
    async with app.run_test(size=size) as pilot:
        await pilot.press("k")
        await pilot.pause()
        items = app.screen.query_one("#items", GuideList)
        scrolled = 0
        # Down past the fold, a tick and an untick on the way (the item left then shows its plain
        # words again), then Up back past the top.
        for index, key in enumerate(["down"] * 24 + ["up"] * 24):
            top = items.scroll_offset.y
            await pilot.press(key)
            if index in (9, 30):
                await pilot.press("space", "space")
            await pilot.pause()
            scrolled += items.scroll_offset.y != top
            shown = drawn(items)
            items.refresh()
            assert shown == drawn(items), f"press {index + 1} ({key}): the list differs from a full redraw"
        assert scrolled >= 10, f"only {scrolled} presses scrolled the list"
