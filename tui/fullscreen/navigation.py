"""Going between screens: by name (the start menu, a key), to a section, to help, and back.

Screens are found by name in tui/fullscreen/screen_registry.py; only a section (which needs its
number) and help (made from the keys of the screen below) are opened here by class. The app's
key actions (`action_open_place`, `action_help`, ...) ask a `Navigation`.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import Any

from textual.app import App

from tui.data.content import Guide
from tui.data.pages import PAGES, absent_place, help_page
from tui.data.places import absent_places
from tui.data.words import _
from tui.fullscreen.context import context_of
from tui.fullscreen.keys import screen_keys
from tui.fullscreen.screen_registry import SCREENS, screen_class
from tui.fullscreen.screens.base import GuideScreen
from tui.fullscreen.screens.help import HelpScreen
from tui.fullscreen.screens.page import PageScreen
from tui.fullscreen.screens.section import SectionScreen


class Navigation:
    """Opening screens by name, sections by number, help for the screen shown; Esc goes back."""

    def __init__(self, app: App[Any], guide: Guide, settings_file: Path | None) -> None:
        self.app = app
        """The app whose screens these are."""
        self.guide = guide
        """The content being shown."""
        self.settings_file = settings_file
        """Where settings are saved, said in help."""
        self.language_switches = 0
        """How many times the reader switched the language (each gets a screen stack of its own)."""

    def start_screen(self) -> GuideScreen:
        """The screen the guide opens on."""
        screen = screen_class("start").make(context_of(self.app))
        assert screen is not None  # the start screen always can be shown
        return screen

    def open_destination(self, name: str) -> None:
        """Open the place `name` (tui/data/places.py): the screen registered as `name` (on it
        already: its `open_again`), or, for a page that is read, not used, that page."""
        if name == "help":
            self.help()
            return
        absent = {row.id: row for row in absent_places(self.guide.folder)}
        if name in absent:  # its key, pressed from habit or from Help
            self.app.notify(absent_place(absent[name]), timeout=5)
            return
        if name not in SCREENS:
            self.open_page(name)
            return
        cls = screen_class(name)
        if isinstance(self.app.screen, cls):
            self.app.screen.open_again()
            return
        screen = cls.make(context_of(self.app))
        if screen is not None:
            self.app.push_screen(screen)

    def open_section(self, number: int, paragraph: int | None = None) -> None:
        """Open section `number`; on a section screen already, change it in place."""
        if not 1 <= number <= len(self.guide.sections):
            self.app.notify(_("There is no section {number}.").format(number=number), timeout=3)
            return
        if isinstance(self.app.screen, SectionScreen) and paragraph is None:
            self.app.screen.show(number)
        else:
            self.app.push_screen(SectionScreen(number, paragraph))

    def open_page(self, name: str) -> None:
        """Open the page of place `name`, built by its row's builder (a KeyError if it has none)."""
        builder = PAGES.get(name)
        if builder is None:
            raise KeyError(f"place '{name}' has neither a screen nor a page")
        if isinstance(self.app.screen, PageScreen) and self.app.screen.place_id == name:
            return
        self.app.push_screen(PageScreen(builder(self.guide), place_id=name))

    def help(self) -> None:
        """Help for the screen shown: its keys, and over SSH how to hear it at home."""
        screen = self.app.screen
        if isinstance(screen, HelpScreen):
            return
        name = screen.screen_title() if isinstance(screen, GuideScreen) else _("this screen")
        absent = frozenset(row.binding_id for row in absent_places(self.guide.folder) if row.binding_id)
        section = help_page(name, *screen_keys(self.app, screen, self.settings_file, absent))
        from tui.speech.audio import is_remote

        if is_remote():
            from tui.hosted import remote_help_blocks

            # Over SSH: how to hear this screen's section on the reader's own computer.
            number = getattr(getattr(screen, "section", None), "number", 0)
            section = replace(section, blocks=(*section.blocks, *remote_help_blocks(
                os.environ, number if isinstance(number, int) and number > 0 else None)))
        self.app.push_screen(HelpScreen(section))

    def switch_language(self, code: str, then: str | None = None) -> None:
        """The whole guide in language `code` (the start screen's "Español" / "English" key,
        Settings): that language's bundled guide and interface words, its voice, and the choice
        saved. Every screen drawn in the old words goes; a new start screen takes their place, in
        a screen stack of its own (a Textual mode), so Esc has nothing in the old language to go
        back to; focus is on its first item, announced as on any new screen. The checklist's
        ticks are kept: they are saved by item id, and both guides have the same items. `then`
        names a screen opened over it (Settings, where the language was chosen), whose
        `language_switched` is called, if it has one, before it is first drawn."""
        from tui.data.content import load_guide
        from tui.data.errors import GuideError
        from tui.data.language_choice import guide_folder
        from tui.data.words import use_language

        context = context_of(self.app)
        try:
            guide = load_guide(guide_folder(code))
        except GuideError as exc:
            context.notify(exc.one_line(), severity="error", timeout=10)
            return
        use_language(code)
        self.guide = context.guide = guide
        context.change_settings(language=code)
        context.reader.stop()
        context.reader.apply_settings()  # the voice follows the language
        while len(self.app.screen_stack) > 1:
            self.app.pop_screen()
        before = self.app.current_mode
        self.language_switches += 1
        mode = f"language-{self.language_switches}"
        self.app.add_mode(mode, self.start_screen)
        self.app.switch_mode(mode)
        if before.startswith("language-"):  # Textual's own first mode cannot be removed
            self.app.remove_mode(before)
        if then is not None:
            self.open_destination(then)
            told = getattr(self.app.screen, "language_switched", None)
            if callable(told):
                told(code)

    def go_back(self) -> None:
        """Esc: the screen before (nothing behind the start screen)."""
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()
