"""What the reading-aloud keys do: read this screen, speed, self-voicing, and speech over SSH.

The reading itself is tui/fullscreen/reader.py (and the speech worker behind it); the app's key
actions (`action_read`, `action_rate`, ...) ask a `ReadAloudKeys`.
"""

from __future__ import annotations

import os
import re
import unicodedata
from typing import Any

from textual.app import App
from textual.screen import Screen

from tui.data.words import _
from tui.fullscreen.context import GuideContext
from tui.fullscreen.reader import RATE_STEP
from tui.fullscreen.screens.base import GuideScreen


def screen_section(screen: Screen[Any]) -> int | None:
    """The number of the guide section on `screen`, or None (the whole guide is offered)."""
    section = getattr(screen, "section", None)
    number = getattr(section, "number", 0)
    return number if isinstance(number, int) and number > 0 else None


class ReadAloudKeys:
    """The reading-aloud keys' work, for the app."""

    def __init__(self, app: App[Any], context: GuideContext) -> None:
        self.app = app
        """The app whose screens are read."""
        self.context = context
        """The same app, for its settings and reader."""

    def read(self) -> None:
        """`r`: read the screen shown (over SSH, first ask where the sound should go)."""
        screen = self.app.screen
        if not isinstance(screen, GuideScreen):
            return
        chunks, target = screen.speech_content()
        from tui.speech.audio import is_remote

        reader = self.context.reader
        if is_remote() and not reader.remote_ok:
            from tui.fullscreen.dialogs.remote_speech import RemoteSpeechDialog
            from tui.hosted import HOSTED_ENV, listen_command

            command = listen_command(os.environ, screen_section(screen))
            dialog = RemoteSpeechDialog(command, hosted=HOSTED_ENV in os.environ)
            self.app.push_screen(dialog, lambda choice: self.remote_choice(choice, screen))
            return
        reader.read(chunks, target)

    def remote_choice(self, choice: str | None, screen: Screen[Any]) -> None:
        """What an SSH user chose to do about speech playing on the server."""
        from tui.fullscreen.dialogs.remote_speech import forwarding_help, stream_help
        from tui.fullscreen.screens.page import PageScreen
        from tui.hosted import listen_lines

        reader = self.context.reader
        if choice == "own":
            self.app.push_screen(PageScreen(stream_help(listen_lines(os.environ, screen_section(screen)))))
            return

        if choice == "server" and isinstance(screen, GuideScreen):
            reader.remote_ok = True
            reader.read(*screen.speech_content())
        elif choice == "file" and isinstance(screen, GuideScreen):
            from tui.data.safe_save import own_folder
            from tui.fullscreen.dialogs.save_path import SavePathDialog

            chunks, _view = screen.speech_content()
            # Letters, digits and dashes only: a colon would make scp read the name as a host.
            # Accents dropped first: "Revise sus síntomas" gives "revise-sus-sintomas".
            plain = unicodedata.normalize("NFKD", screen.screen_title().lower()).encode("ascii", "ignore").decode()
            words = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:40].rstrip("-")
            # The guide's own folder: over SSH the only one a reader may write to (safe_save.py).
            default = own_folder() / f"spasm-guide-{words or 'audio'}.wav"
            self.app.push_screen(SavePathDialog(_("Write the audio to which file?"), default),
                                 lambda target: reader.write_file(chunks, target.path) if target else None)
        elif choice == "forward":
            self.app.push_screen(PageScreen(forwarding_help()))

    def rate(self, direction: int) -> None:
        """`+` or `-`: faster or slower, saved, and said."""
        rate = self.context.reader.change_rate(direction * RATE_STEP)
        self.context.notify(_("Reading at {rate} words a minute.").format(rate=rate), timeout=2)

    def self_voicing(self) -> None:
        """`v`: self-voicing on or off, saved, and said."""
        on = not self.context.settings.self_voicing
        self.context.change_settings(self_voicing=on)
        # Self-voicing speaks over a screen reader's own voice: it stays off unless chosen.
        self.context.notify(_("Self-voicing is on. If you use a screen reader, leave this off.") if on
                            else _("Self-voicing is off."), timeout=5 if on else 3)
        if on:
            if isinstance(self.app.screen, GuideScreen):
                self.app.screen.announce_screen()
        else:
            self.context.reader.stop()
