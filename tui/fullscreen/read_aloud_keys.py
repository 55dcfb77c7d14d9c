"""The app's reading-aloud keys: read this screen, pause, stop, skip, speed, self-voicing.

The reading itself is tui/fullscreen/reader.py (and the speech worker behind it); this is what the keys do.
"""

from __future__ import annotations

import os
import re
from typing import Any

from textual.app import App
from textual.screen import Screen

from tui.data.settings import Settings
from tui.fullscreen.reader import RATE_STEP, Reader
from tui.fullscreen.screens.base import GuideScreen


class ReadAloudKeys(App[int]):
    """Key actions for reading aloud, and the reader's messages to the app."""

    settings: Settings
    """The user's settings (set by the app)."""
    reader: Reader
    """Reading aloud (set by the app)."""

    def change_settings(self, **changes: Any) -> None:
        raise NotImplementedError  # the app saves settings

    def action_read(self) -> None:
        screen = self.screen
        if not isinstance(screen, GuideScreen):
            return
        chunks, target = screen.speech_content()
        from tui.speech.audio import is_remote

        if is_remote() and not self.reader.remote_ok:
            from tui.fullscreen.dialogs.remote_speech import RemoteSpeechDialog
            from tui.hosted import HOSTED_ENV, listen_command

            command = listen_command(os.environ, self.screen_section(screen))
            dialog = RemoteSpeechDialog(command, hosted=HOSTED_ENV in os.environ)
            self.push_screen(dialog, lambda choice: self.remote_choice(choice, screen))
            return
        self.reader.read(chunks, target)

    @staticmethod
    def screen_section(screen: Screen[Any]) -> int | None:
        """The number of the guide section on `screen`, or None (the whole guide is offered)."""
        section = getattr(screen, "section", None)
        number = getattr(section, "number", 0)
        return number if isinstance(number, int) and number > 0 else None

    def remote_choice(self, choice: str | None, screen: Screen[Any]) -> None:
        """What an SSH user chose to do about speech playing on the server."""
        from tui.fullscreen.dialogs.remote_speech import forwarding_help, stream_help
        from tui.fullscreen.screens.page import PageScreen
        from tui.hosted import listen_lines

        if choice == "own":
            self.push_screen(PageScreen(stream_help(listen_lines(os.environ, self.screen_section(screen)))))
            return

        if choice == "server" and isinstance(screen, GuideScreen):
            self.reader.remote_ok = True
            self.reader.read(*screen.speech_content())
        elif choice == "file" and isinstance(screen, GuideScreen):
            from tui.data.safe_save import own_folder
            from tui.fullscreen.dialogs.save_path import SavePathDialog

            chunks, _ = screen.speech_content()
            # Letters, digits and dashes only: a colon would make scp read the name as a host.
            words = re.sub(r"[^a-z0-9]+", "-", screen.screen_title().lower()).strip("-")[:40].rstrip("-")
            # The guide's own folder: over SSH the only one a reader may write to (safe_save.py).
            default = own_folder() / f"spasm-guide-{words or 'audio'}.wav"
            self.push_screen(SavePathDialog("Write the audio to which file?", default),
                             lambda target: self.reader.write_file(chunks, target.path) if target else None)
        elif choice == "forward":
            self.push_screen(PageScreen(forwarding_help()))

    def action_stop_reading(self) -> None:
        self.reader.stop()

    def action_pause_reading(self) -> None:
        self.reader.pause_or_resume()

    def action_skip_sentence(self, step: int) -> None:
        self.reader.skip(step)

    def action_rate(self, direction: int) -> None:
        rate = self.reader.change_rate(direction * RATE_STEP)
        self.notify(f"Reading at {rate} words a minute.", timeout=2)

    def action_self_voicing(self) -> None:
        on = not self.settings.self_voicing
        self.change_settings(self_voicing=on)
        # Self-voicing speaks over a screen reader's own voice: it stays off unless chosen.
        self.notify("Self-voicing is on. If you use a screen reader, leave this off." if on
                    else "Self-voicing is off.", timeout=5 if on else 3)
        if on:
            if isinstance(self.screen, GuideScreen):
                self.screen.announce_screen()
        else:
            self.reader.stop()

    def on_unmount(self) -> None:
        self.reader.close()

    def on_reader_notice(self, message: Reader.Notice) -> None:
        self.notify(message.text, severity=message.severity, timeout=message.timeout)

    def on_reader_changed(self, message: Reader.Changed) -> None:
        self.refresh_bindings()  # the reading keys come or go
