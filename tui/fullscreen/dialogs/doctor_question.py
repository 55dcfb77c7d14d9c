"""One optional question for the doctor's summary, asked in a dialog of its own.

One question at a time, so a screen reader hears the question, then the field, and a window of
40x12 has room for both. Enter goes on (an empty answer skips the question), Ctrl+S saves the
summary now without the remaining questions, Esc saves nothing.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.widgets import Input, Static

from tui.data.doctor_questions import Question
from tui.data.key_names import key_in_words
from tui.data.words import N_, _
from tui.fullscreen.dialogs.choice import DialogScreen
from tui.fullscreen.keys import keyed
from tui.fullscreen.widgets.handled_now import SubmitsNow
from tui.fullscreen.widgets.key_bar import KeyBar

Step = Literal["next", "done", "cancel"]
"""What the reader asked for: the next question, save now, or save nothing."""

MAX_INPUT = 500
"""The longest answer the field takes (the summary is one page)."""


class DoctorQuestionDialog(DialogScreen[tuple[Step, str]]):
    """A question and a field; the result is (what next, the answer typed).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        keyed("questions.done", N_("Save now"), tooltip=N_("Save the summary now, skip the rest")),
        keyed("dialog.cancel", N_("Cancel"), tooltip=N_("Cancel: save nothing")),
    ]
    """Enter is the field's own."""

    def __init__(self, question: Question, number: int, total: int, answer: str) -> None:
        super().__init__()
        self.question = question
        """What is asked."""
        self.number = number
        """Its place among the questions, from 1."""
        self.total = total
        """How many questions there are."""
        self.answer = answer
        """The answer given before, if any: offered for editing."""

    def compose(self) -> ComposeResult:
        yield self.emergency_row()
        with Vertical(classes="dialog"):
            yield Static(_("Question {number} of {total} for your doctor (optional): {question}").format(
                number=self.number, total=self.total, question=_(self.question.text)), markup=False)
            yield SubmitsNow(self.answer, id="answer", max_length=MAX_INPUT)
            yield Static(_("{enter}: next (empty skips). {save}: save now. {esc}: cancel.").format(
                enter=key_in_words("enter"), save=key_in_words("ctrl+s"), esc=key_in_words("escape")),
                id="hint", markup=False)
            yield KeyBar()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(("next", event.value))

    def action_done(self) -> None:
        self.dismiss(("done", self.query_one(Input).value))

    def action_cancel(self) -> None:
        self.dismiss(("cancel", ""))
