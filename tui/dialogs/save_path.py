"""Ask where to save a file, with a sensible path already typed in."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Static

from tui.dialogs.choice import DialogScreen
from tui.widgets.key_bar import KeyBar


class SavePathDialog(DialogScreen[Path | None]):
    """An editable path; Enter saves there, Escape cancels.

    | Key(s) | Description |
    | :- | :- |
    | enter | Save to the path typed. |
    | escape | Cancel. |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="dialog.cancel", tooltip="Cancel: save nothing"),
    ]
    """Enter is the Input's own."""

    def __init__(self, question: str, default: Path) -> None:
        super().__init__()
        self.question = question
        """What is asked."""
        self.default = default
        """The path offered."""

    def compose(self) -> ComposeResult:
        yield self.emergency_row()
        with Vertical(classes="dialog"):
            yield Static(self.question, markup=False)
            yield Input(str(self.default), id="path")
            yield Static("Enter saves. Esc cancels.", id="hint", markup=False)
            yield KeyBar()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if not text:
            self.query_one("#hint", Static).update("Type a file name, or press Esc to cancel.")
            return
        try:
            path = Path(text).expanduser()
            if path.is_dir():
                self.query_one("#hint", Static).update(f"{path} is a folder: add a file name.")
                return
        except (RuntimeError, OSError) as exc:  # "~nobody/x", a name too long for the disk
            self.query_one("#hint", Static).update(f"That path cannot be used: {exc}. Try another.")
            return
        self.dismiss(path)

    def action_cancel(self) -> None:
        self.dismiss(None)
