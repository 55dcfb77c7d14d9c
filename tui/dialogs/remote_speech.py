"""Over SSH, speech would play on the server: ask what the reader wants instead."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static

from tui.data.content import Block, Section
from tui.widgets.guide_list import GuideList

CHOICES: tuple[tuple[str, str], ...] = (
    ("file", "Write the audio to a file to copy and play"),
    ("forward", "How to hear it on your own computer"),
    ("server", "Play it on the server anyway"),
    ("cancel", "Cancel"),
)
"""(id, words) of each answer; the safest first."""


class RemoteSpeechDialog(ModalScreen[str | None]):
    """Speech over SSH: a file, forwarding, the server anyway, or cancel.

    | Key(s) | Description |
    | :- | :- |
    | up, down | Choose. |
    | enter | Go ahead. |
    | escape | Cancel. |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="dialog.cancel", tooltip="Cancel: play nothing"),
    ]
    """Escape cancels."""

    DEFAULT_CSS = """
    RemoteSpeechDialog { align: center middle; }
    RemoteSpeechDialog > Vertical {
        width: 90%; max-width: 70; height: auto; max-height: 90%;
        background: $panel; border: ascii $border; padding: 0 1;
    }
    RemoteSpeechDialog:ansi > Vertical { background: ansi_default; }
    RemoteSpeechDialog GuideList { height: auto; max-height: 6; }
    RemoteSpeechDialog Static { height: auto; margin: 0 0 1 0; }
    """

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("You are connected over SSH. Speech would play on the server, not on your "
                         "computer. What would you like?", markup=False)
            yield GuideList([words for _, words in CHOICES], ids=[key for key, _ in CHOICES])

    def on_mount(self) -> None:
        choices = self.query_one(GuideList)
        choices.highlighted = 0
        choices.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


def forwarding_help() -> Section:
    """How to hear the guide's speech on your own computer, over SSH."""
    from pathlib import Path

    return Section(number=0, slug="speech-over-ssh", title="Hearing speech over SSH", path=Path("<generated>"),
                   blocks=(
        Block("paragraph", ("Speech plays on the computer that runs the guide. Over SSH that is the "
                            "server. Here are three ways to hear it on your own computer.",)),
        Block("subheading", ("1. Your own screen reader",)),
        Block("paragraph", ("Run spasm-guide --plain or spasm-guide --accessible. Your own screen "
                            "reader reads the text on your computer.",)),
        Block("subheading", ("2. A sound file",)),
        Block("paragraph", ("Run spasm-guide --speak-to guide.wav on the server. Copy guide.wav to "
                            "your computer, for example with scp, and play it.",)),
        Block("subheading", ("3. Send the sound to your computer",)),
        Block("paragraph", ("Your computer needs PulseAudio or PipeWire, listening on TCP port 4713. "
                            "Connect with: ssh -R 24713:127.0.0.1:4713 you@server. On the server, "
                            "start the guide with: PULSE_SERVER=tcp:127.0.0.1:24713 spasm-guide. "
                            "The README has the details.",)),
    ))
