"""Ask yes or no, with "no" first so a stray Enter never destroys anything."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType

from tui.data.words import N_
from tui.fullscreen.dialogs.choice import ChoiceDialog


class ConfirmDialog(ChoiceDialog):
    """Yes or no; the result is "yes", "no", or None when cancelled.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer('yes')", N_("Yes"), id="dialog.yes", tooltip=N_("Answer yes")),
        Binding("n", "answer('no')", N_("No"), id="dialog.no", tooltip=N_("Answer no")),
    ]
    """Single keys for the two answers (Escape, from ChoiceDialog, means no)."""

    def __init__(self, question: str, yes: str, no: str) -> None:
        super().__init__(question, [("no", no), ("yes", yes)])
