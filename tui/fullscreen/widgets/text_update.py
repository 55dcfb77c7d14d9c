"""New words in a Static, without laying the whole screen out again unless they need it.

Textual's `Static.update` asks for a layout of the screen (5-7 ms of a key's processor time on
this machine) in case the new words take more or fewer rows. The checklist's headline, a
section's title and the search's count change on a key whose frame a screen reader reads 20 ms
after it; they mostly keep their rows.
"""

from __future__ import annotations

from textual.css.scalar import Unit
from textual.widgets import Static

__all__ = ["set_text"]


def set_text(widget: Static, text: str) -> None:
    """Show `text` in `widget`; laid out again only if it is shown and now takes another number of
    rows, its min-height counted (a hidden widget is laid out when it is shown)."""
    if widget.is_mounted and str(widget.content) == text:
        return  # the same words: nothing to draw or send again
    rows, width = widget.content_region.height, widget.content_region.width
    widget.update(text, layout=False)
    if not widget.is_mounted or not widget.display:
        return
    given = widget.styles.width  # None: as wide as its container
    if width <= 0 or (given is not None and given.is_auto):
        widget.refresh(layout=True)  # its width follows its words, or it has not been placed yet
    elif max(widget.get_content_height(widget.size, widget.size, width), fewest_rows(widget)) != rows:
        widget.refresh(layout=True)


def fewest_rows(widget: Static) -> int:
    """The rows `widget`'s content keeps whatever its words (its min-height in rows, else 0): the
    search's count keeps two on a narrow window, so one row of words does not move the list."""
    least = widget.styles.min_height
    if least is None or least.unit != Unit.CELLS:
        return 0
    return max(0, int(least.value) - widget.styles.gutter.height)
