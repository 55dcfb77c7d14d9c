"""The baseline for the benchmarks: a bare Textual app that shows one line and changes it on a key."""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import BindingType
from textual.widgets import Static


class BareApp(App[None]):
    """One line of text; `n` changes it, Down moves nothing but repaints the line, `q` quits."""

    BINDINGS: ClassVar[list[BindingType]] = [
        ("n", "change", "Change"),
        ("down", "change", "Change"),
        ("q", "quit", "Quit"),
    ]
    """The same keys the guide's benchmark presses."""

    count = 0
    """How many times the line changed."""

    def compose(self) -> ComposeResult:
        yield Static("Bare app ready", id="line")

    def action_change(self) -> None:
        self.count += 1
        self.query_one("#line", Static).update(f"Bare app changed {self.count}")


if __name__ == "__main__":
    BareApp().run(mouse=False)
