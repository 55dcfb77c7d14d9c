"""Ask yes or no, with "no" first so a stray Enter never destroys anything."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import BindingType

from tui.data.words import N_
from tui.fullscreen.dialogs.choice import ChoiceDialog
from tui.fullscreen.keys import keyed


class ConfirmDialog(ChoiceDialog):
    """Yes or no; the result is "yes", "no", or None when cancelled.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        keyed("dialog.yes", N_("Yes"), tooltip=N_("Answer yes")),
        keyed("dialog.no", N_("No"), tooltip=N_("Answer no")),
    ]
    """Single keys for the two answers (Escape, from ChoiceDialog, means no)."""

    def __init__(self, question: str, yes: str, no: str) -> None:
        super().__init__(question, [("no", no), ("yes", yes)])
