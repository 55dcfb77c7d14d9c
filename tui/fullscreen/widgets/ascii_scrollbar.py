"""A scrollbar drawn with spaces in reverse video: no block glyphs, so it shows under LANG=C."""

from __future__ import annotations

from typing import ClassVar

from textual.scrollbar import ScrollBarRender
from textual.widget import Widget


class AsciiScrollBarRender(ScrollBarRender):
    """Textual's scrollbar without its eighth-block glyphs (U+2581..U+2587).

    Those glyphs turn into garbage on a terminal without UTF-8 (LANG=C, the Linux console with
    some fonts, old serial terminals). The thumb is still a reverse-video block, which also
    survives NO_COLOR.
    """

    VERTICAL_BARS: ClassVar[list[str]] = [" "] * 8
    """Only whole cells: no partial-cell glyphs."""
    HORIZONTAL_BARS: ClassVar[list[str]] = [" "] * 8
    """Only whole cells: no partial-cell glyphs."""


def use_ascii_scrollbars(widget: Widget) -> None:
    """Give `widget`'s own scrollbars the ASCII renderer (only this widget, not every app)."""
    # Textual documents per-instance renderers; its class-variable annotation does not say so.
    widget.vertical_scrollbar.renderer = AsciiScrollBarRender  # type: ignore[misc]
    widget.horizontal_scrollbar.renderer = AsciiScrollBarRender  # type: ignore[misc]
