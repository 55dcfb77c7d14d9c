"""The emergency line: the first row of every screen and dialog, in colours of its own."""

from __future__ import annotations

from typing import ClassVar

from textual.widgets import Static


class EmergencyLine(Static):
    """The emergency number in words, docked on the first row, bold on red.

    With the terminal's own colours (an ansi theme) it is set off by reverse video, not red.
    A screen with the `-tiny` class (a 3x3 window) takes its padding away, so the number uses
    every column and stays on one row (GuideScreen's rules).
    """

    DEFAULT_CSS: ClassVar[str] = """
    EmergencyLine {
        dock: top;
        height: auto;
        padding: 0 1;
        color: $emergency-foreground;
        background: $emergency-background;
        text-style: bold;
    }
    EmergencyLine:ansi {
        color: ansi_default;
        background: ansi_default;
        text-style: bold reverse;
    }
    """

    def __init__(self, text: str) -> None:
        super().__init__(text, id="emergency", markup=False)
