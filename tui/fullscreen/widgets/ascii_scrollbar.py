"""A scrollbar drawn with spaces in reverse video: no block glyphs, so it shows under LANG=C."""

from __future__ import annotations

from math import ceil
from typing import ClassVar

from rich.color import Color
from rich.segment import Segment
from rich.style import Style
from textual.css.styles import RulesMap
from textual.scrollbar import ScrollBarRender
from textual.strip import Strip
from textual.style import Style as VisualStyle
from textual.visual import RenderOptions, Visual
from textual.widget import Widget

BACK = Color.parse("#555555")
"""The track's colour when the style names none (as Textual's scrollbar)."""
BAR = Color.parse("bright_magenta")
"""The thumb's colour when the style names none (as Textual's scrollbar)."""


class AsciiScrollBarRender(ScrollBarRender, Visual):
    """Textual's scrollbar without its eighth-block glyphs (U+2581..U+2587), drawn as rows.

    Those glyphs turn into garbage on a terminal without UTF-8 (LANG=C, the Linux console with
    some fonts, old serial terminals). The thumb is still a reverse-video block, which also
    survives NO_COLOR.

    It is also a Visual: Textual draws it row by row, not through Rich's console (Textual's
    scrollbar is a Rich renderable, rendered, split into lines and styled again on every frame it
    moves in: the search's bar moves with each letter typed, and took a tenth of that letter's
    frame). The rows are the same cells in the same colours; without the mouse's marks, as the
    guide turns the mouse off (tests/test_ascii_scrollbar.py).
    """

    VERTICAL_BARS: ClassVar[list[str]] = [" "] * 8
    """Only whole cells: no partial-cell glyphs."""
    HORIZONTAL_BARS: ClassVar[list[str]] = [" "] * 8
    """Only whole cells: no partial-cell glyphs."""

    def thumb(self, size: int) -> tuple[int, int]:
        """The first cell of the thumb and the cell after it, along a bar of `size` cells (as
        Textual's `render_bar` places it, whole cells only); (0, 0) if there is nothing to scroll."""
        window, virtual = self.window_size, self.virtual_size
        if not (window and size and virtual and size != virtual):
            return 0, 0
        thumb_size = max(1, window / (virtual / size))
        position = (size - thumb_size) * (self.position / (virtual - window))
        start = int(position * 8)
        end = start + ceil(thumb_size * 8)
        return max(0, start) // 8, max(0, end) // 8

    def render_strips(self, width: int, height: int | None, style: VisualStyle, options: RenderOptions) -> list[Strip]:
        colours = self.style if isinstance(self.style, Style) else Style.parse(self.style)
        base = style.rich_style
        back = base + Style(bgcolor=colours.bgcolor or BACK)
        bar = base + Style(color=colours.color or BAR, reverse=True)
        rows = height if height is not None else self.virtual_size
        if self.vertical:
            start, end = self.thumb(rows)
            track, knob = Strip([Segment(" " * width, back)], width), Strip([Segment(" " * width, bar)], width)
            return [knob if start <= y < end else track for y in range(rows)]
        start, end = self.thumb(width)
        cells = [Segment(" ", bar if start <= x < end else back) for x in range(width)]
        return [Strip(cells, width).simplify()] * rows

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.thickness if self.vertical else container_width

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self.virtual_size if self.vertical else self.thickness


def use_ascii_scrollbars(widget: Widget) -> None:
    """Give `widget`'s own scrollbars the ASCII renderer (only this widget, not every app)."""
    # Textual documents per-instance renderers; its class-variable annotation does not say so.
    widget.vertical_scrollbar.renderer = AsciiScrollBarRender  # type: ignore[misc]
    widget.horizontal_scrollbar.renderer = AsciiScrollBarRender  # type: ignore[misc]
