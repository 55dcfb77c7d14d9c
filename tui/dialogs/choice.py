"""A question with a few answers, asked over the current screen; Esc cancels."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.events import Resize
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static

from tui.screens.base import SHORT_HEIGHT
from tui.widgets.guide_list import GuideList
from tui.widgets.key_bar import KeyBar

ResultT = TypeVar("ResultT")


class DialogScreen(ModalScreen[ResultT]):
    """A dialog that fills the window below its own emergency line when the window is short.

    On a roomy window the screen behind shows through, emergency line and all; a short window
    has no room around the dialog, so the dialog draws the line itself, in the same place.
    """

    def emergency_row(self) -> Static:
        """The emergency line, on the dialog's first row (a dialog takes the whole window)."""
        from tui.context import GuideContext

        text = self.app.emergency_text() if isinstance(self.app, GuideContext) else ""
        # Laid out for the window from the first frame: a layout changed after it moved every row,
        # and they were sent (and said) again, the answers before the question.
        self.set_class(self.app.size.height < SHORT_HEIGHT, "-short")
        return Static(text, id="emergency", markup=False)

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.height < SHORT_HEIGHT, "-short")

    def on_mount(self) -> None:
        self.set_class(self.app.size.height < SHORT_HEIGHT, "-short")


class AnswerList(GuideList):
    """A dialog's answers: Enter gives the highlighted one (it opens nothing).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Choose", id="dialog.choose", tooltip="Give the highlighted answer"),
    ]
    """Enter, in words that fit a question ("Choose", not "Open")."""


class ChoiceDialog(DialogScreen[str | None]):
    """The question, then the answers as a list; the result is the chosen answer's id.

    The first answer has focus: put the safe one first, so a stray Enter changes nothing.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="dialog.cancel", tooltip="Cancel: change nothing"),
    ]
    """Escape cancels."""

    def __init__(self, question: str, answers: Sequence[tuple[str, str]]) -> None:
        super().__init__()
        self.question = question
        """What is asked."""
        self.answers = tuple(answers)
        """(id, words) of each answer, in order."""

    def compose(self) -> ComposeResult:
        yield self.emergency_row()
        with Vertical(classes="dialog"):
            yield Static(self.question, markup=False)
            yield AnswerList([words for _, words in self.answers], ids=[key for key, _ in self.answers])
            yield KeyBar()

    def on_mount(self) -> None:
        super().on_mount()
        answers = self.query_one(GuideList)
        answers.highlighted = 0
        answers.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_answer(self, answer: str) -> None:
        self.dismiss(answer)
