"""The emergency number at the smallest windows: whole on one row whenever the width allows.

Issue 18.7: at 3x3 the number was drawn one digit a row ("9", "1", "1"), because the line keeps a
blank column at each side. A reader with a 3-column window expects to read "911"; the blank
columns go before the number breaks. Narrower than the number itself, it wraps (never cut).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.pilot import make_app, screen_lines
from tui.data.settings import Settings

pytestmark = [pytest.mark.pilot]


@pytest.mark.parametrize(("size", "region_number"), [((3, 3), ("US", "911")), ((4, 3), ("US", "911")),
                                                     ((3, 2), ("UK", "999")), ((3, 1), ("EU", "112")),
                                                     ((5, 3), ("US", "911"))])
async def test_the_number_is_whole_on_one_row(tmp_path: Path, size: tuple[int, int],
                                              region_number: tuple[str, str]) -> None:
    region, number = region_number
    app = make_app(Settings(region=region), tmp=tmp_path)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        lines = screen_lines(app)
        assert any(number in line for line in lines), lines  # whole, on one row
        assert all(line.strip() != number[0] for line in lines), lines  # not one digit a row


async def test_narrower_than_the_number_it_wraps_and_is_never_cut(tmp_path: Path) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(2, 3)) as pilot:
        await pilot.pause()
        lines = screen_lines(app)
        assert "".join(line.strip() for line in lines) == "911", lines


async def test_the_blank_columns_come_back_when_there_is_room(tmp_path: Path) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(3, 3)) as pilot:
        await pilot.pause()
        assert app.screen.has_class("-tiny")
        await pilot.resize_terminal(12, 4)
        await pilot.pause()
        assert not app.screen.has_class("-tiny")
        assert screen_lines(app)[0].startswith(" ")
