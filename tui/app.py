"""The full-screen guide: a Textual app that keeps the terminal cursor on what has focus."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import Any, ClassVar

from textual import constants as textual_constants
from textual import events
from textual import screen as textual_screen
from textual.app import App
from textual.binding import Binding, BindingType
from textual.driver import Driver
from textual.filter import NoColor
from textual.geometry import Offset
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.widgets import Input

from tui.data.content import Guide
from tui.data.settings import Settings, emergency_line, save_settings
from tui.data.terminal import wants_no_colour
from tui.keys import key_in_words, known_binding_ids, screen_keys
from tui.reader import RATE_STEP, Reader
from tui.textual_fixes import apply_textual_fixes
from tui.themes import OWN_THEMES

SECTION_KEYS: list[BindingType] = [
    Binding(str(n), f"open_section({n})", f"Section {n}", show=True, id=f"app.section{n}",
            tooltip=f"Open section {n}")
    for n in range(1, 10)
]
"""Digits jump straight to a section, on every screen."""


FRAME_PERIOD = 0.002
"""Seconds between frames at most (Textual's own is a 60th of a second). A console screen reader
reads the cursor's line 20 ms after an arrow key: a frame that waits for the next 60th is often
too late, and the reader names the item just left. Frames still come only when something changed."""

THREAD_SWITCH = 0.0005
"""Seconds a thread may hold the interpreter while another waits (Python's own is 5 ms). Textual
reads keys in one thread and writes frames in another: each waited up to 5 ms for the main thread
on a busy machine, and a frame later than 20 ms is read by a screen reader as the item just left."""

HISTORY = 12
"""Screens Esc goes back through. Older ones are closed as new ones open: without a limit every
section, help and search opened in a long session stays in memory, drawn lines and all."""

SHORT_EMERGENCY_BELOW = 54
"""Terminal width under which the emergency line takes its short form, to stay on one row."""

class GuideApp(App[int]):
    """The guide. Every screen has the emergency line on top and its keys at the bottom.

    | Key(s) | Description |
    | :- | :- |
    | escape | Go back. |
    | / | Search the guide. |
    | k | Check your symptoms. |
    | m | A cramp now: stretch it, with a timer. |
    | ?, f1 | Help for this screen. |
    | 1-9 | Open that section. |
    | q | Quit. |
    """

    CSS_PATH = "app.tcss"
    ENABLE_COMMAND_PALETTE = False
    """The palette is a mouse-and-fuzzy-search tool that speaks poorly; every action has a key."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "go_back", "Back", id="app.back", tooltip="Go back to the previous screen"),
        Binding("slash", "search", "Search", id="app.search", tooltip="Search the guide"),
        Binding("k", "checklist", "Symptoms", id="app.checklist", tooltip="Check your symptoms"),
        Binding("m", "cramp_now", "Cramp now", show=False, id="app.cramp_now",
                tooltip="A cramp now: stretch it, with a timer"),
        Binding("question_mark,f1", "help", "Help", id="app.help",
                tooltip="Keys for this screen"),
        Binding("q", "quit", "Quit", id="app.quit", tooltip="Quit the guide"),
        Binding("o", "settings", "Settings", id="app.settings",
                tooltip="Settings: colours, emergency number, voice and volume"),
        Binding("ctrl+l", "redraw", "Redraw", show=False, id="app.redraw",
                tooltip="Draw the whole screen again, if other text wrote over it"),
        Binding("r", "read", "Read aloud", id="app.read", tooltip="Read this screen aloud"),
        Binding("v", "self_voicing", "Voicing", id="app.self_voicing",
                tooltip="Turn self-voicing on or off: speak each new screen and focused item"),
        *SECTION_KEYS,
        # Only while reading aloud (check_action hides them otherwise, and the key falls through).
        Binding("space", "pause_reading", "Pause", id="speech.pause", priority=True,
                tooltip="Pause or go on reading"),
        Binding("x,escape", "stop_reading", "Stop", id="speech.stop", priority=True, tooltip="Stop reading"),
        # One word each for the pairs, so the key bar shows "]/[ Sentence" and "+/=/- Speed".
        Binding("right_square_bracket", "skip_sentence(1)", "Sentence", id="speech.next",
                tooltip="Skip to the next sentence"),
        Binding("left_square_bracket", "skip_sentence(-1)", "Sentence", id="speech.previous",
                tooltip="Go back a sentence"),
        Binding("plus,equals_sign", "rate(1)", "Speed", id="speech.faster", tooltip="Read faster"),
        Binding("minus", "rate(-1)", "Speed", id="speech.slower", tooltip="Read slower"),
    ]
    """Keys that work on every screen."""

    def get_driver_class(self) -> type[Driver]:
        """The lean driver (only changed cells are sent) where terminfo knows TERM; else Textual's."""
        if sys.platform != "win32" and textual_constants.DRIVER is None:
            from tui.lean_driver import LeanDriver, terminal_caps

            if terminal_caps(os.environ) is not None:
                return LeanDriver
        return super().get_driver_class()

    def __init__(self, guide: Guide, settings: Settings, *, theme_override: str | None = None,
                 settings_file: Path | None = None, startup_message: str | None = None,
                 start_section: int | None = None) -> None:
        # With NO_COLOR, Textual's NoColor filter (only bold and reverse) instead of its
        # Monochrome one, which still sends grey colour codes. A terminal without colours in
        # its terminfo entry (TERM=vt100) is treated the same.
        no_colour = wants_no_colour(os.environ)
        super().__init__(ansi_color=True if no_colour else None)
        if no_colour and not self.no_color:  # Textual itself only looks at NO_COLOR
            self.no_color = True
            self._filters.append(NoColor())
        # Every screen's update timer is made from this when first needed (see FRAME_PERIOD).
        setattr(textual_screen, "UPDATE_PERIOD", FRAME_PERIOD)  # noqa: B010  (a Final in Textual)
        sys.setswitchinterval(THREAD_SWITCH)
        apply_textual_fixes()  # else every closed screen's drawn lines stay in memory
        self.guide = guide
        """The content being shown."""
        self.settings = settings
        """The user's settings; change them with change_settings so they are saved."""
        self.settings_file = settings_file
        """Where settings are saved (None: the user's config folder)."""
        self.theme_override = theme_override
        """A theme chosen on the command line for this run only."""
        self.startup_message = startup_message
        """A problem found before start (a bad settings file), said once the screen is up."""
        self.start_section = start_section
        """A section to open at start (`--section N`), over the start screen: Esc goes back to it."""
        self._cursor_fallback = Offset(0, 0)
        self.reader = Reader(self)
        """Reading aloud: the speech worker starts on first use."""
        for theme in OWN_THEMES:
            self.register_theme(theme)
        self.theme = theme_override or settings.theme
        # Nothing moves on its own: no animation, no smooth scrolling (and fewer bytes over SSH).
        self.animation_level = "none"
        # Paint once at start. Mounting, focusing and highlighting the menu would otherwise each
        # paint a frame, and a console screen reader reads every frame aloud in full. Textual's
        # batch counter holds every frame until the start screen calls `ready_to_paint`.
        self._holding_first_paint = True
        self._begin_batch()
        self._screen_holds = 0
        self._open_holds: set[int] = set()

    # The terminal cursor follows focus -------------------------------------------------------
    # Textual moves the (hidden) terminal cursor to `cursor_position` on every frame it draws.
    # Computing it here, at draw time, puts it on the focused item in the same frame as the
    # highlight, which is what a console screen reader or braille display follows.

    @property
    def cursor_position(self) -> Offset:
        try:
            screen = self.screen
            focused = screen.focused
            if screen.has_class("-too-small"):
                # The only words on screen: "Please make the window larger".
                return screen.query_one("#too-small").content_region.offset
        except Exception:  # no screen yet, or shutting down
            return self._cursor_fallback
        if focused is None:
            return self._cursor_fallback
        anchor = getattr(focused, "cursor_anchor", None)
        if callable(anchor):
            position = anchor()
            if isinstance(position, Offset):
                return position
        if isinstance(focused, Input):
            # Textual counts one cell more at the end of the text (room to scroll to); the caret
            # is drawn on the cell after the last letter, and the terminal cursor goes there too.
            offset = focused.cursor_screen_offset
            return offset - Offset(1, 0) if focused.cursor_at_end else offset
        return focused.content_region.offset

    @cursor_position.setter
    def cursor_position(self, value: Offset) -> None:
        self._cursor_fallback = value

    # Start-up ----------------------------------------------------------------------------------

    def get_theme_variable_defaults(self) -> dict[str, str]:
        # Our own variables, for themes that do not set them (Textual's ansi themes).
        return {
            "emergency-foreground": "ansi_bright_white",
            "emergency-background": "ansi_red",
            "note-foreground": "ansi_default",
            "highlight-foreground": "ansi_black",
            "highlight-background": "ansi_bright_white",
        }

    def on_mount(self) -> None:
        if self.startup_message:
            self.notify(self.startup_message, severity="warning", timeout=15)
        if self.settings.keys:
            unknown = sorted(set(self.settings.keys) - known_binding_ids())
            if unknown:
                self.notify(f"settings.toml: [keys] has no binding '{unknown[0]}'; Help (?) lists the ids.",
                            severity="warning", timeout=10)
            self.set_keymap(self.settings.keys)
        # Never a blank screen for long, whatever happens to the start screen.
        self.set_timer(1.0, self.ready_to_paint)
        if self.start_section is not None:
            self.open_section(self.start_section)

    def push_screen(self, screen: Any, *args: Any, **kwargs: Any) -> Any:
        """Open a screen with one paint: frames are held while it mounts, focuses and highlights.

        Without the hold, Textual paints a new screen about three times, and a console screen
        reader reads each paint aloud, in full.
        """
        self._begin_batch()
        self._screen_holds += 1
        hold = self._screen_holds
        self._open_holds.add(hold)
        result = super().push_screen(screen, *args, **kwargs)
        while len(self._screen_stack) > HISTORY + 1:  # the start screen always stays
            self._screen_stack.pop(1).remove()
        self.call_after_refresh(self.call_after_refresh, self._release_hold, hold)
        self.set_timer(1.0, lambda: self._release_hold(hold))  # never a frozen screen
        return result

    def _release_hold(self, hold: int) -> None:
        """End one hold (once), and paint the screen as it now is."""
        if hold in self._open_holds:
            self._open_holds.discard(hold)
            self._end_batch()
            if not self._batch_count:
                self.screen.refresh(layout=True)

    def ready_to_paint(self) -> None:
        """Release the held first frame (once): the start screen is complete and focused."""
        if self._holding_first_paint:
            self._holding_first_paint = False
            self._end_batch()

    def get_default_screen(self) -> Screen[Any]:
        from tui.screens.start import StartScreen

        return StartScreen()

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = False) -> None:
        """A notification whose severity is in words ("Error"), not only in colour; never markup."""
        if not title and severity != "information":
            title = severity.capitalize()
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    def get_key_display(self, binding: Binding) -> str:
        """Keys in words ("Enter", "Up"), never glyphs that turn to garbage without UTF-8."""
        if binding.key_display:
            return binding.key_display
        return key_in_words(binding.key)

    def emergency_text(self, width: int | None = None) -> str:
        """The emergency line for the chosen region, short when the full line would wrap."""
        width = self.size.width if width is None else width
        return emergency_line(self.settings, short=width < SHORT_EMERGENCY_BELOW)

    def change_settings(self, **changes: Any) -> None:
        """Apply and save settings (atomically); a failed save is said, never a crash."""
        from dataclasses import replace

        self.settings = replace(self.settings, **changes)
        if "theme" in changes:
            self.theme = self.settings.theme
        try:
            save_settings(self.settings, self.settings_file)
        except OSError as exc:
            self.notify(f"Could not save settings: {exc.strerror}", severity="error")

    def announce(self, *texts: str) -> None:
        """Self-voicing: speak a new screen's title or a newly focused item (when turned on)."""
        self.reader.announce(*texts)

    # Reading aloud -----------------------------------------------------------------------------

    SPEECH_ACTIONS: ClassVar[frozenset[str]] = frozenset(
        {"pause_reading", "stop_reading", "skip_sentence", "rate"})
    """Actions that only exist while the guide is reading aloud."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self.SPEECH_ACTIONS:
            # Typing in a box always types, and these keys are free for the screen when silent.
            typing = isinstance(self.focused, Input)
            return self.reader.speaking and not typing
        if action == "go_back":
            return len(self.screen_stack) > 1  # nothing behind the start screen: not shown
        if action == "settings":
            from tui.screens.settings import SettingsScreen

            return not isinstance(self.screen, SettingsScreen)
        return True

    def action_read(self) -> None:
        from tui.screens.base import GuideScreen

        screen = self.screen
        if not isinstance(screen, GuideScreen):
            return
        chunks, target = screen.speech_content()
        from tui.speech.audio import is_remote

        if is_remote() and not self.reader.remote_ok:
            from tui.dialogs.remote_speech import RemoteSpeechDialog

            self.push_screen(RemoteSpeechDialog(), lambda choice: self.remote_choice(choice, screen))
            return
        self.reader.read(chunks, target)

    def remote_choice(self, choice: str | None, screen: Screen[Any]) -> None:
        """What an SSH user chose to do about speech playing on the server."""
        from tui.dialogs.remote_speech import forwarding_help
        from tui.screens.base import GuideScreen
        from tui.screens.reading import ReadingScreen

        if choice == "server" and isinstance(screen, GuideScreen):
            self.reader.remote_ok = True
            self.reader.read(*screen.speech_content())
        elif choice == "file" and isinstance(screen, GuideScreen):
            from tui.dialogs.save_path import SavePathDialog

            chunks, _ = screen.speech_content()
            # Letters, digits and dashes only: a colon would make scp read the name as a host.
            words = re.sub(r"[^a-z0-9]+", "-", screen.screen_title().lower()).strip("-")[:40].rstrip("-")
            default = Path.home() / f"spasm-guide-{words or 'audio'}.wav"
            self.push_screen(SavePathDialog("Write the audio to which file?", default),
                             lambda path: self.reader.write_file(chunks, path) if path else None)
        elif choice == "forward":
            self.push_screen(ReadingScreen(forwarding_help()))

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
            from tui.screens.base import GuideScreen

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

    # Navigation --------------------------------------------------------------------------------

    def open_destination(self, name: str) -> None:
        """Open a start-menu destination by id."""
        actions = {"read": self.action_contents, "checklist": self.action_checklist,
                   "search": self.action_search, "settings": self.action_settings,
                   "help": self.action_help, "about": self.action_about, "cramp": self.action_cramp_now}
        actions[name]()

    def open_section(self, number: int, paragraph: int | None = None) -> None:
        """Open section `number`; on a section screen already, change it in place."""
        from tui.screens.section import SectionScreen

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
        from tui.screens.contents import ContentsScreen

        self.push_screen(ContentsScreen())

    def action_search(self) -> None:
        from tui.screens.search import SearchScreen

        if isinstance(self.screen, SearchScreen):
            self.screen.query_one("#query").focus()  # "/" on the results: back to the words
        else:
            self.push_screen(SearchScreen())

    def action_checklist(self) -> None:
        from tui.data.checklist import load_checklist
        from tui.data.errors import GuideError
        from tui.screens.checklist import ChecklistScreen

        if isinstance(self.screen, ChecklistScreen):
            return
        try:
            checklist = load_checklist(self.guide.folder)
        except GuideError as exc:
            self.notify(f"The checklist cannot be shown: {exc.one_line()}", severity="error", timeout=10)
            return
        self.push_screen(ChecklistScreen(checklist))

    def action_cramp_now(self) -> None:
        from tui.data.cramp_now import load_cramp_now
        from tui.data.errors import GuideError
        from tui.screens.cramp_now import CrampNowScreen

        if isinstance(self.screen, CrampNowScreen):
            return
        try:
            cramp = load_cramp_now(self.guide.folder)
        except GuideError as exc:
            self.notify(f"Cramp now cannot be shown: {exc.one_line()}", severity="error", timeout=10)
            return
        self.push_screen(CrampNowScreen(cramp))

    def action_settings(self) -> None:
        from tui.screens.settings import SettingsScreen

        self.push_screen(SettingsScreen())

    def action_about(self) -> None:
        from tui.screens.reading import ReadingScreen, about_section

        self.push_screen(ReadingScreen(about_section(self.guide)))

    def action_help(self) -> None:
        from tui.screens.base import GuideScreen
        from tui.screens.reading import HelpScreen, help_section

        screen = self.screen
        if isinstance(screen, HelpScreen):
            return
        name = screen.screen_title() if isinstance(screen, GuideScreen) else "this screen"
        self.push_screen(HelpScreen(help_section(name, *screen_keys(self, screen))))

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """A text box never blinks: its caret would be drawn, and read aloud, twice a second."""
        if isinstance(event.widget, Input):
            event.widget.cursor_blink = False

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and self._exit:
            # Quitting: keys pasted or typed after q must not open a screen while the guide closes
            # (it would mount with no widgets, and the quit would end in a traceback).
            return
        # On a narrow window a message covers the list it speaks of: the next key clears it (the
        # key still does its work), so nothing the reader acts on stays hidden.
        if (isinstance(event, events.Key) and not event.is_forwarded and self._notifications
                and self._screen_stack and self.screen.has_class("-narrow")):
            self.clear_notifications()
        await super().on_event(event)

    def action_help_quit(self) -> None:
        """Ctrl+C: say in plain words how to quit (Textual's own message is markup, and English
        of its own)."""
        keys = [self.get_key_display(active.binding) for active in self.screen.active_bindings.values()
                if active.binding.action == "quit" and active.binding.id]
        self.notify(f"To quit, press {keys[0] if keys else 'Ctrl+Q'}.", timeout=5)

    def action_redraw(self) -> None:
        """Send every cell again: the lean driver forgets what it thinks the terminal shows, which
        a message from the system (wall, talk) or a job in the background may have written over."""
        from tui.lean_driver import LeanDriver

        if isinstance(self._driver, LeanDriver):
            self._driver.forget_screen()
        self.screen.refresh(repaint=True, layout=True)

    def action_go_back(self) -> None:
        if len(self.screen_stack) > 1:
            self.pop_screen()
