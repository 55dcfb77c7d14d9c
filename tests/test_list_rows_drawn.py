"""A list's rows drawn from its own store of each item's rows (GuideList.render_line) are the
rows OptionList draws, cell for cell and colour for colour, with the "> " mark on the highlighted
item's first row, in every look an item has (plain, highlighted, heading, ticked, under NO_COLOR);
only the mouse's marks on each cell are gone (the guide turns the mouse off). And the scroll
bar drawn as rows (tui/fullscreen/widgets/ascii_scrollbar.py) is the bar Textual draws through
Rich, in every position."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from textual.css.styles import Styles
from textual.scrollbar import ScrollBarRender
from textual.strip import Strip
from textual.style import Style as VisualStyle
from textual.visual import RenderOptions
from textual.widgets import OptionList

from tests.support.pilot import make_app
from tui.data.settings import Settings
from tui.fullscreen.textual_private import option_at_line
from tui.fullscreen.widgets.ascii_scrollbar import AsciiScrollBarRender
from tui.fullscreen.widgets.guide_list import MARK, GuideList

pytestmark = [pytest.mark.pilot]


def cells(strip: Strip | list[Segment]) -> list[tuple[str, object, object, object, object]]:
    """Each cell's letter and what a terminal shows of its style (not the mouse's marks)."""
    out = []
    for segment in strip:
        style = segment.style or Style()
        out += [(char, style.color, style.bgcolor, style.reverse, style.bold) for char in segment.text]
    return out


def textual_row(items: GuideList, y: int) -> Strip:
    """Row `y` as OptionList draws it, marked as the guide marks it."""
    strip = OptionList.render_line(items, y)
    drawn = option_at_line(items, round(items.scroll_offset.y) + y)
    if drawn is None or drawn[0] != items.highlighted or drawn[1] != 0:
        return strip
    style = next((seg.style for seg in strip if seg.text.strip()), None) or Style()
    return Strip.join([Strip([Segment(MARK, style)]), strip.crop(len(MARK), strip.cell_length)])


def assert_rows_as_textual_draws_them(items: GuideList) -> int:
    for y in range(items.size.height):
        assert cells(items.render_line(y)) == cells(textual_row(items, y)), f"row {y} of {items.id}"
    return items.size.height


@pytest.mark.parametrize("size", [(80, 24), (40, 12)], ids=["80x24", "40x12"])
@pytest.mark.parametrize("no_color", [False, True], ids=["colour", "NO_COLOR"])
async def test_every_list_row_is_the_row_textual_draws(size: tuple[int, int], no_color: bool, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(Settings(), tmp_path)
    async with app.run_test(size=size) as pilot:
        checked = 0
        await pilot.press("k")  # the checklist: headings, items, one ticked, the highlight moved
        await pilot.pause()
        items = app.screen.query_one("#items", GuideList)
        for key in ["down", "down", "space", "down", "down", "down"]:
            await pilot.press(key)
            await pilot.pause()
            checked += assert_rows_as_textual_draws_them(items)
        await pilot.press("escape", "escape", "slash", *"cramp")  # the search's places, made anew
        await pilot.pause()
        results = app.screen.query_one("#results", GuideList)
        checked += assert_rows_as_textual_draws_them(results)
        await pilot.press("enter", "down", "down")
        await pilot.pause()
        checked += assert_rows_as_textual_draws_them(results)
        assert checked >= 8 * 4  # eight looks at lists of four rows or more


def rich_bar(bar: ScrollBarRender, width: int, height: int, base: Style) -> list[list[Segment]]:
    """Textual's own way: the bar rendered by Rich's console over the widget's style."""
    console = Console(width=width, height=height, color_system="truecolor", legacy_windows=False)
    options = console.options.update(width=width, height=height)
    return console.render_lines(bar, options, style=base, pad=False)


class GlyphlessBar(ScrollBarRender):
    """Textual's scrollbar with the same whole cells as AsciiScrollBarRender, drawn the old way."""

    VERTICAL_BARS = [" "] * 8
    HORIZONTAL_BARS = [" "] * 8


@settings(max_examples=300, deadline=None)
@given(size=st.integers(1, 40), virtual=st.integers(0, 300), window=st.integers(0, 60),
       fraction=st.floats(0, 1), thickness=st.integers(1, 2), vertical=st.booleans())
def test_the_bar_drawn_as_rows_is_the_bar_rich_draws(size: int, virtual: int, window: int, fraction: float,
                                                     thickness: int, vertical: bool) -> None:
    position = int(max(0, virtual - window) * fraction * 8) / 8  # ScrollBar keeps eighths of a cell
    colours = Style(color="#8c8c8c", bgcolor="#000000")
    base = VisualStyle.from_rich_style(Style(color="#ffffff", bgcolor="#000000"))
    width, height = (thickness, size) if vertical else (size, thickness)
    arguments = {"virtual_size": virtual, "window_size": window if window < virtual else 0,
                 "position": position, "thickness": thickness, "vertical": vertical, "style": colours}
    options = RenderOptions(VisualStyle.parse, Styles())
    rows = AsciiScrollBarRender(**arguments).render_strips(width, height, base, options)
    expected = rich_bar(GlyphlessBar(**arguments), width, height, base.rich_style)
    assert [cells(row) for row in rows] == [cells(row) for row in expected]
    assert not any(segment.style and segment.style.meta for row in rows for segment in row)
