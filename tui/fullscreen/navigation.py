"""Going between screens: by name (the start menu, a key), to a section, to help, and back.

Screens are found by name in tui/fullscreen/screen_registry.py; only a section (which needs its number)
and help (made from the keys of the screen below) are opened here by class.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import Any

from textual.app import App
from textual.screen import Screen

from tui.data.content import Guide
from tui.fullscreen.context import context_of
from tui.fullscreen.keys import screen_keys
from tui.fullscreen.screen_registry import screen_class
from tui.fullscreen.screens.base import GuideScreen
from tui.fullscreen.screens.help import HelpScreen
from tui.fullscreen.screens.section import SectionScreen


class Navigation(App[int]):
    """Opening screens by name, sections by number, help for the screen shown; Esc goes back."""

    guide: Guide
    """The content being shown (set by the app)."""
    settings_file: Path | None
    """Where settings are saved, said in help (set by the app)."""

    def get_default_screen(self) -> Screen[Any]:
        screen = screen_class("start").make(context_of(self))
        assert screen is not None  # the start screen always can be shown
        return screen

    def open_destination(self, name: str) -> None:
        """Open the screen registered as `name` (on it already: its `open_again`)."""
        if name == "help":
            self.action_help()
            return
        cls = screen_class(name)
        if isinstance(self.screen, cls):
            self.screen.open_again()
            return
        screen = cls.make(context_of(self))
        if screen is not None:
            self.push_screen(screen)

    def open_section(self, number: int, paragraph: int | None = None) -> None:
        """Open section `number`; on a section screen already, change it in place."""
        if not 1 <= number <= len(self.guide.sections):
            self.notify(f"There is no section {number}.", timeout=3)
            return
        if isinstance(self.screen, SectionScreen) and paragraph is None:
            self.screen.show(number)
        else:
            self.push_screen(SectionScreen(number, paragraph))

    def action_open_section(self, number: int) -> None:
        self.open_section(number)

    def action_contents(self) -> None:
        self.open_destination("contents")

    def action_search(self) -> None:
        self.open_destination("search")

    def action_checklist(self) -> None:
        self.open_destination("checklist")

    def action_cramp_now(self) -> None:
        self.open_destination("cramp_now")

    def action_settings(self) -> None:
        self.open_destination("settings")

    def action_about(self) -> None:
        self.open_destination("about")

    def action_help(self) -> None:
        screen = self.screen
        if isinstance(screen, HelpScreen):
            return
        name = screen.screen_title() if isinstance(screen, GuideScreen) else "this screen"
        from tui.data.built_sections import help_section  # the checklist's rules: only for help

        section = help_section(name, *screen_keys(self, screen, self.settings_file))
        from tui.speech.audio import is_remote

        if is_remote():
            from tui.hosted import remote_help_blocks

            # Over SSH: how to hear this screen's section on the reader's own computer.
            number = getattr(getattr(screen, "section", None), "number", 0)
            section = replace(section, blocks=(*section.blocks, *remote_help_blocks(
                os.environ, number if isinstance(number, int) and number > 0 else None)))
        self.push_screen(HelpScreen(section))

    def action_go_back(self) -> None:
        if len(self.screen_stack) > 1:
            self.pop_screen()
