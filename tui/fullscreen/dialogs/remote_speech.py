"""Over SSH, speech would play on the server: ask what the reader wants instead."""

from __future__ import annotations

from tui.data.content import Block, Section
from tui.fullscreen.dialogs.choice import ChoiceDialog

CHOICES: tuple[tuple[str, str], ...] = (
    ("file", "Write the audio to a file to copy and play"),
    ("forward", "How to hear it on your own computer"),
    ("server", "Play it on the server anyway"),
    ("cancel", "Cancel"),
)
"""(id, words) of each answer; the safest first."""


HOSTED_CHOICES: tuple[tuple[str, str], ...] = (
    ("own", "The command for macOS, Windows and other players"),
    ("server", "Play it on the server anyway"),
    ("cancel", "Cancel"),
)
"""On a hosted account (`--hosted`) files cannot be copied and nothing can be forwarded: the
stream is the way."""


class RemoteSpeechDialog(ChoiceDialog):
    """Speech over SSH: the command that streams it home, a file, forwarding, the server anyway."""

    def __init__(self, command: str = "", hosted: bool = False) -> None:
        question = "Over SSH, speech plays on the server, not on your computer."
        if command:
            question += f" To hear it on your own computer, run this there:\n\n{command}\n"
        super().__init__(f"{question} What would you like?" if not command else f"{question}\nOr:",
                         HOSTED_CHOICES if hosted else CHOICES)


def stream_help(lines: list[str]) -> Section:
    """The command that plays the speech on the reader's own computer, for each system."""
    from pathlib import Path

    blocks = [
        Block("paragraph", ("Speech plays on the computer that runs the guide. Over SSH that is the "
                            "server. To hear it on your own computer, run one of these there, in a "
                            "terminal (on Windows: PowerShell or cmd). Each sends the speech over SSH "
                            "to a player that reads it as it arrives.",)),
        Block("bullets", tuple(lines)),
        Block("paragraph", ("aplay comes with Linux (alsa-utils), paplay with PulseAudio and PipeWire, "
                            "play with SoX (on macOS: brew install sox), and ffplay with ffmpeg (on "
                            "Windows: winget install ffmpeg).",)),
    ]
    return Section(number=0, slug="speech-at-home", title="Hearing speech on your own computer",
                   path=Path("<generated>"), blocks=tuple(blocks))


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
