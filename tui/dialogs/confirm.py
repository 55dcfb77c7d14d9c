"""Ask yes or no, with "no" first so a stray Enter never destroys anything."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static

from tui.widgets.guide_list import GuideList


class ConfirmDialog(ModalScreen[bool]):
    """A question and two answers; the result is True only for the "yes" answer.

    | Key(s) | Description |
    | :- | :- |
    | up, down | Choose an answer. |
    | enter | Give the answer. |
    | y, n | Answer yes or no at once. |
    | escape | Cancel (the same as no). |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "answer(False)", "Cancel", id="dialog.cancel", tooltip="Cancel: change nothing"),
        Binding("y", "answer(True)", "Yes", id="dialog.yes", tooltip="Answer yes"),
        Binding("n", "answer(False)", "No", id="dialog.no", tooltip="Answer no"),
    ]
    """Escape and n both mean no."""

    DEFAULT_CSS = """
    ConfirmDialog { align: center middle; }
    ConfirmDialog > Vertical {
        width: 90%; max-width: 60; height: auto; max-height: 90%;
        background: $panel; border: ascii $border; padding: 0 1;
    }
    ConfirmDialog:ansi > Vertical { background: ansi_default; }
    ConfirmDialog GuideList { height: auto; max-height: 4; }
    ConfirmDialog Static { height: auto; margin: 0 0 1 0; }
    """

    def __init__(self, question: str, yes: str, no: str) -> None:
        super().__init__()
        self.question = question
        """What is asked."""
        self.answers = (no, yes)
        """The two answers, no first."""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.question, markup=False)
            yield GuideList(list(self.answers), ids=["no", "yes"])

    def on_mount(self) -> None:
        answers = self.query_one(GuideList)
        answers.highlighted = 0
        answers.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
