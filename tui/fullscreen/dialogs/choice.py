"""A question with a few answers, asked over the current screen; Esc cancels."""

from __future__ import annotations

import time
import weakref
from collections.abc import Sequence
from typing import Any, ClassVar, TypeVar

from textual.app import App, ComposeResult
from textual.await_complete import AwaitComplete
from textual.binding import BindingType
from textual.containers import Vertical
from textual.css.query import NoMatches
from textual.events import Key, Resize
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static

from tui.data.words import N_
from tui.data.wrap import wrap_message
from tui.fullscreen.keys import keyed
from tui.fullscreen.screens.base import SHORT_HEIGHT
from tui.fullscreen.widgets.emergency_line import EmergencyLine
from tui.fullscreen.widgets.guide_list import GuideList
from tui.fullscreen.widgets.key_bar import KeyBar

ResultT = TypeVar("ResultT")


class DialogScreen(ModalScreen[ResultT]):
    """A dialog that fills the window below its own emergency line when the window is short.

    On a roomy window the screen behind shows through, emergency line and all; a short window
    has no room around the dialog, so the dialog draws the line itself, in the same place.

    A dialog answers once. Keys typed together ("k", "s", Enter, Enter, Enter in one write) reach
    a dialog that has already answered while it is still being closed: a second answer popped
    the screen below it (the checklist), or, with nothing below, ended the guide with a
    ScreenStackError. Those keys were typed for a screen that is gone, and do nothing: neither
    here nor on the screen that comes next (`typed_for_a_closed_dialog`, used by the app).
    """

    DEFAULT_CSS: ClassVar[str] = """
    DialogScreen { align: left top; }
    DialogScreen .dialog {
        width: 100%;
        height: auto;
        max-height: 100%;
        background: $background;
        border: none;
        padding: 0 1 1 1;
    }
    DialogScreen:ansi .dialog { background: ansi_default; }
    DialogScreen .dialog Static { height: auto; margin: 0 0 1 0; }
    DialogScreen .dialog GuideList { height: auto; max-height: 8; }
    DialogScreen .dialog KeyBar { dock: none; padding: 0; margin: 1 0 0 0; }
    /* A short window: the dialog takes every row below the emergency line, and its list scrolls. */
    DialogScreen.-short .dialog { height: 1fr; padding: 0 1; }
    DialogScreen.-short .dialog GuideList { height: 1fr; max-height: 100%; }
    DialogScreen.-short .dialog Static, DialogScreen.-short .dialog KeyBar { margin: 0; }
    """
    """The full width under the emergency line, the question then the answers, no box, and a blank
    row under its keys; the rows below are the screen under it, as they were (not sent, so not
    said again when it opens, and only the dialog's rows are sent when it closes: closing re-read
    every row of the checklist). A box drawn over the screen left rows of it at its sides, which
    a screen reader read run on with the box's edges ("Bec| Ctrl+S Save now"). A short window has
    no room to spare: there the dialog takes every row. (A text box's look is the app's.)"""

    BINDINGS: ClassVar[list[BindingType]] = [
        # A modal screen hides the app's own keys: Ctrl+L is repeated here.
        keyed("dialog.redraw", N_("Redraw"), tooltip=N_("Draw the whole screen again, if other text wrote over it")),
        # And Left and Right, the cursor along the line (a braille display routes with them).
        keyed("dialog.cursor_left", N_("Left"), tooltip=N_("Move the cursor a letter left on this line (to spell it)")),
        keyed("dialog.cursor_right", N_("Right"),
              tooltip=N_("Move the cursor a letter right on this line (to spell it)")),
    ]
    """Keys every dialog has."""

    answered = False
    """Set by the first `dismiss`: the dialog is closing, and takes nothing more."""

    def dismiss(self, result: ResultT | None = None) -> AwaitComplete:
        """Close with `result`, once, and only while this dialog is the screen on top."""
        if self.answered or not self.is_active:
            nothing: AwaitComplete = AwaitComplete.nothing()  # type: ignore[no-untyped-call]
            return nothing
        self.answered = True
        _closed_at[self.app] = time.monotonic()
        return super().dismiss(result)


    def emergency_row(self) -> EmergencyLine:
        """The emergency line, on the dialog's first row (a dialog takes the whole window)."""
        from tui.fullscreen.context import GuideContext

        text = self.app.emergency_text() if isinstance(self.app, GuideContext) else ""
        # Laid out for the window from the first frame: a layout changed after it moved every row,
        # and they were sent (and said) again, the answers before the question.
        self.set_class(self.app.size.height < SHORT_HEIGHT, "-short")
        # The screen below shows under the dialog's rows, as it is: its rows are not sent when the
        # dialog opens, and only the dialog's when it closes (the app's rule gives every screen a
        # background; a dialog's own is set here, over it).
        self.styles.background = "transparent"
        return EmergencyLine(text)

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.height < SHORT_HEIGHT, "-short")

    def rows_below(self) -> range:
        """The window's rows under the dialog, where the screen below shows (none on a short
        window): what changes there waits until the dialog closes. A message there going as the
        key that opened the dialog was done moved the rows under it, and one was heard after the
        dialog's keys ("of breath")."""
        if self.has_class("-short"):
            return range(0)
        try:
            return range(self.query_one(".dialog").region.bottom, self.size.height)
        except NoMatches:  # not composed yet
            return range(0)

    def on_mount(self) -> None:
        self.set_class(self.app.size.height < SHORT_HEIGHT, "-short")


_closed_at: weakref.WeakKeyDictionary[App[Any], float] = weakref.WeakKeyDictionary()
"""When each app last closed a dialog (Textual's clock: a message's `time`)."""


def typed_for_a_closed_dialog(app: App[Any], key: Key) -> bool:
    """True if `key` was read before the last dialog closed: it was typed for that dialog, and
    the screen now on top (the one below, or the next question) must not act on it."""
    return key.time <= _closed_at.get(app, float("-inf"))


class AnswerList(GuideList):
    """A dialog's answers: Enter gives the highlighted one (it opens nothing).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        keyed("dialog.choose", N_("Choose"), tooltip=N_("Give the highlighted answer")),
    ]
    """Enter, in words that fit a question ("Choose", not "Open")."""


class QuestionText(Static):
    """A question broken between words at its own width, a long path after a "/": Textual breaks
    a word too long for a row anywhere, and a screen reader then says "notes" and ".txt"."""

    def __init__(self, text: str) -> None:
        super().__init__(text, markup=False)
        self.text = text
        """The question, unbroken."""

    def on_resize(self, event: Resize) -> None:
        self.update("\n".join(wrap_message(self.text, event.size.width)))


class ChoiceDialog(DialogScreen[str | None]):
    """The question, then the answers as a list; the result is the chosen answer's id.

    The first answer has focus: put the safe one first, so a stray Enter changes nothing.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        keyed("dialog.cancel", N_("Cancel"), tooltip=N_("Cancel: change nothing")),
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
            yield QuestionText(self.question)
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
