"""Over SSH, speech would play on the server: ask what the reader wants instead."""

from __future__ import annotations

from tui.data.content import Block, Section
from tui.dialogs.choice import ChoiceDialog

CHOICES: tuple[tuple[str, str], ...] = (
    ("file", "Write the audio to a file to copy and play"),
    ("forward", "How to hear it on your own computer"),
    ("server", "Play it on the server anyway"),
    ("cancel", "Cancel"),
)
"""(id, words) of each answer; the safest first."""


class RemoteSpeechDialog(ChoiceDialog):
    """Speech over SSH: a file, forwarding, the server anyway, or cancel."""

    def __init__(self) -> None:
        super().__init__("Over SSH, speech plays on the server, not on your computer. What would you like?",
                         CHOICES)


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
                            "To make it listen, run this on your computer: pactl load-module "
                            "module-native-protocol-tcp port=4713 auth-ip-acl=127.0.0.1",)),
        Block("paragraph", ("Then connect with: ssh -R 24713:127.0.0.1:4713 you@server. On the server, "
                            "start the guide with: PULSE_SERVER=tcp:127.0.0.1:24713 spasm-guide",)),
        Block("paragraph", ("To stop your computer listening later: pactl unload-module "
                            "module-native-protocol-tcp",)),
    ))
