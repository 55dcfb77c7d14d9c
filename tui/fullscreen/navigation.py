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
from tui.data.pages import PAGES, help_page
from tui.fullscreen.context import context_of
from tui.fullscreen.keys import screen_keys
from tui.fullscreen.screen_registry import screen_class, screen_classes
from tui.fullscreen.screens.base import GuideScreen
from tui.fullscreen.screens.help import HelpScreen
from tui.fullscreen.screens.page import PageScreen
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
        """Open the place `name` (tui/data/places.py): the screen registered as `name` (on it
        already: its `open_again`), or, for a page that is read, not used, that page."""
        if name == "help":
            self.action_help()
            return
        cls = screen_classes().get(name)
        if cls is None:
            self.open_page(name)
            return
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

    def open_page(self, name: str) -> None:
        """Open the page of place `name`, built by its row's builder (a KeyError if it has none)."""
        builder = PAGES.get(name)
        if builder is None:
            raise KeyError(f"place '{name}' has neither a screen nor a page")
        if isinstance(self.screen, PageScreen) and self.screen.place_id == name:
            return
        self.push_screen(PageScreen(builder(self.guide), place_id=name))

    def action_open_section(self, number: int) -> None:
        self.open_section(number)

    def action_open_place(self, name: str) -> None:
        """A place's own key (tui/data/places.py): open it."""
        self.open_destination(name)

    def action_help(self) -> None:
        screen = self.screen
        if isinstance(screen, HelpScreen):
            return
        name = screen.screen_title() if isinstance(screen, GuideScreen) else "this screen"
        section = help_page(name, *screen_keys(self, screen, self.settings_file))
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
