"""Over SSH, speech would play on the server: ask what the reader wants instead."""

from __future__ import annotations

from tui.data.content import Block, Section
from tui.data.words import N_, _
from tui.fullscreen.dialogs.choice import ChoiceDialog

CHOICES: tuple[tuple[str, str], ...] = (
    ("file", N_("Write the audio to a file to copy and play")),
    ("forward", N_("How to hear it on your own computer")),
    ("server", N_("Play it on the server anyway")),
    ("cancel", N_("Cancel")),
)
"""(id, words) of each answer, the safest first; the words in English, looked up when asked."""


HOSTED_CHOICES: tuple[tuple[str, str], ...] = (
    ("own", N_("The command for macOS, Windows and other players")),
    ("server", N_("Play it on the server anyway")),
    ("cancel", N_("Cancel")),
)
"""On a hosted account (`--hosted`) files cannot be copied and nothing can be forwarded: the
stream is the way."""


class RemoteSpeechDialog(ChoiceDialog):
    """Speech over SSH: the command that streams it home, a file, forwarding, the server anyway."""

    def __init__(self, command: str = "", hosted: bool = False) -> None:
        question = _("Over SSH, speech plays on the server, not on your computer.")
        if command:
            question += " " + _("To hear it on your own computer, run this there:") + f"\n\n{command}\n"
        # TRANSLATORS: "Or:" comes before the other answers, after a command to run.
        question += " " + _("What would you like?") if not command else "\n" + _("Or:")
        choices = HOSTED_CHOICES if hosted else CHOICES
        super().__init__(question, [(key, _(words)) for key, words in choices])


def stream_help(lines: list[str]) -> Section:
    """The command that plays the speech on the reader's own computer, for each system."""
    from pathlib import Path

    blocks = [
        Block("paragraph", (_("Speech plays on the computer that runs the guide. Over SSH that is the "
                              "server. To hear it on your own computer, run one of these there, in a "
                              "terminal (on Windows: PowerShell or cmd). Each sends the speech over SSH "
                              "to a player that reads it as it arrives."),)),
        Block("bullets", tuple(lines)),
        Block("paragraph", (_("aplay comes with Linux (alsa-utils), paplay with PulseAudio and PipeWire, "
                              "play with SoX (on macOS: brew install sox), and ffplay with ffmpeg (on "
                              "Windows: winget install ffmpeg)."),)),
    ]
    return Section(number=0, slug="speech-at-home", title=_("Hearing speech on your own computer"),
                   path=Path("<generated>"), blocks=tuple(blocks))


def forwarding_help() -> Section:
    """How to hear the guide's speech on your own computer, over SSH."""
    from pathlib import Path

    return Section(number=0, slug="speech-over-ssh", title=_("Hearing speech over SSH"), path=Path("<generated>"),
                   blocks=(
        Block("paragraph", (_("Speech plays on the computer that runs the guide. Over SSH that is the "
                              "server. Here are three ways to hear it on your own computer."),)),
        Block("subheading", (_("1. Your own screen reader"),)),
        Block("paragraph", (_("Run spasm-guide --plain or spasm-guide --accessible. Your own screen "
                              "reader reads the text on your computer."),)),
        Block("subheading", (_("2. A sound file"),)),
        Block("paragraph", (_("Run spasm-guide --speak-to guide.wav on the server. Copy guide.wav to "
                              "your computer, for example with scp, and play it."),)),
        Block("subheading", (_("3. Send the sound to your computer"),)),
        Block("paragraph", (_("Your computer needs PulseAudio or PipeWire, listening on TCP port 4713. "
                              "To make it listen, run this on your computer:")
                            + " pactl load-module module-native-protocol-tcp port=4713 auth-ip-acl=127.0.0.1",)),
        Block("paragraph", (_("Then connect with:") + " ssh -R 24713:127.0.0.1:4713 you@server. "
                            + _("On the server, start the guide with:")
                            + " PULSE_SERVER=tcp:127.0.0.1:24713 spasm-guide",)),
        Block("paragraph", (_("To stop your computer listening later:")
                            + " pactl unload-module module-native-protocol-tcp",)),
    ))
