"""A text's drawn lines, made while the guide waits for the next key, so that a key that brings a
new page draws it from lines already made.

Reading by Down brings a new page when the cursor passes the last row: every row of the text is
drawn again in that one frame, and a console screen reader reads the cursor's line 20 ms after the
key. The lines of the pages next to the one on screen are made once a frame is out (a reader takes
far longer than that to hear a line), so the frame that pages only looks them up.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable

from textual.strip import Strip


class PreparedLines:
    """Strips by line number, good while what they were drawn with (`drawn_with`) is unchanged."""

    def __init__(self) -> None:
        self._strips: dict[int, Strip] = {}
        self._drawn_with: Hashable = None

    def drawn_with(self, key: Hashable) -> None:
        """What the next lines are drawn with (width, styles): another key forgets every line."""
        if key != self._drawn_with:
            self._strips.clear()
            self._drawn_with = key

    def line(self, number: int, draw: Callable[[int], Strip]) -> Strip:
        """Line `number`, drawn by `draw` unless it was made already."""
        strip = self._strips.get(number)
        if strip is None:
            strip = self._strips[number] = draw(number)
        return strip

    def make(self, numbers: Iterable[int], draw: Callable[[int], Strip]) -> None:
        """Make the lines `numbers` that are not made yet."""
        for number in numbers:
            self.line(number, draw)

    def forget(self, which: Callable[[int], bool] | None = None) -> None:
        """Forget the lines for which `which` is true (all of them, without `which`)."""
        if which is None:
            self._strips.clear()
        else:
            for number in [number for number in self._strips if which(number)]:
                del self._strips[number]
