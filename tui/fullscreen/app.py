"""The full-screen guide: one Textual app that keeps the terminal cursor on what has focus.

What is not one screen's business is done by plain helpers: `Navigation` (between screens),
`ReadAloudKeys` (the reading keys), `PaintHold` (one paint per new screen), `FocusCursor` (the
terminal cursor) and `RestCollector` (full cycle-collector passes kept out of key presses).
Process-wide settings are made by tui/fullscreen/process_setup.py.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, ClassVar

from textual import constants as textual_constants
from textual import events
from textual.app import App
from textual.binding import Binding, BindingType
from textual.dom import DOMNode
from textual.driver import Driver
from textual.filter import NoColor
from textual.geometry import Offset
from textual.notifications import Notification, SeverityLevel
from textual.screen import Screen
from textual.widgets import Input

from tui.data.content import Guide
from tui.data.key_table import SECTION_ROWS, keymap_for
from tui.data.places import keyed_places
from tui.data.settings import Settings, emergency_line, save_settings
from tui.data.terminal import wants_no_colour
from tui.data.words import N_, _, current_language, use_language
from tui.fullscreen.cursor import FocusCursor, FrameHints
from tui.fullscreen.dialogs.choice import typed_for_a_closed_dialog
from tui.fullscreen.keys import SPEECH_ACTIONS, key_in_words, keyed, type_stray_character
from tui.fullscreen.messages import Announce
from tui.fullscreen.navigation import Navigation
from tui.fullscreen.paint_hold import PaintHold
from tui.fullscreen.read_aloud_keys import ReadAloudKeys
from tui.fullscreen.reader import Reader
from tui.fullscreen.rest_collector import RestCollector
from tui.fullscreen.screen_registry import binding_owners as widget_binding_owners
from tui.fullscreen.screens.base import GuideScreen
from tui.fullscreen.textual_private import add_line_filter, current_driver, is_exiting, notifications
from tui.fullscreen.themes import OWN_THEMES
from tui.idle_watch import IdleWatch, start_idle_watch

PLACE_KEYS: list[BindingType] = [
    Binding(row.key, row.key_action, row.key_word, show=row.show_key, id=row.binding_id, tooltip=row.tooltip)
    for row in keyed_places()
]
"""The keys of the guide's places (tui/data/places.py): search, symptoms, help, quit, settings ..."""

SECTION_KEYS: list[BindingType] = [keyed(row.id, N_("Section"), N_("Open that section")) for row in SECTION_ROWS]
"""Digits jump straight to a section, on every screen (the key bar and help show them as one: "1-9")."""

SEVERITY_WORDS: dict[str, str] = {"warning": N_("Warning"), "error": N_("Error")}
"""A message's severity in words, as its title: never only a colour."""


SHORT_EMERGENCY_BELOW = 54
"""Terminal width under which the emergency line takes its short form, to stay on one row."""

EMERGENCY_PADDING = 2
"""Columns the emergency line's padding takes (tui/fullscreen/widgets/emergency_line.py)."""

class GuideApp(App[int]):
    """The guide. Every screen has the emergency line on top and its keys at the bottom.
    """

    CSS_PATH = "app.tcss"
    ENABLE_COMMAND_PALETTE = False
    """The palette is a mouse-and-fuzzy-search tool that speaks poorly; every action has a key."""

    BINDINGS: ClassVar[list[BindingType]] = [
        keyed("app.back", N_("Back"), tooltip=N_("Go back to the previous screen")),
        *PLACE_KEYS,
        keyed("app.redraw", N_("Redraw"), tooltip=N_("Draw the whole screen again, if other text wrote over it")),
        keyed("app.read", N_("Read aloud"), tooltip=N_("Read this screen aloud")),
        keyed("app.self_voicing", N_("Voicing"),
              tooltip=N_("Turn self-voicing on or off: speak each new screen and focused item")),
        *SECTION_KEYS,
        keyed("app.cursor_left", N_("Left"), tooltip=N_("Move the cursor a letter left on this line (to spell it)")),
        keyed("app.cursor_right", N_("Right"), tooltip=N_("Move the cursor a letter right on this line (to spell it)")),
        # Only while reading aloud (check_action hides them otherwise, and the key falls through).
        keyed("speech.pause", N_("Pause"), tooltip=N_("Pause or go on reading")),
        keyed("speech.stop", N_("Stop"), tooltip=N_("Stop reading")),
        # One word each for the pairs, so the key bar shows "]/[ Sentence" and "+/=/- Speed".
        keyed("speech.next", N_("Sentence"), tooltip=N_("Skip to the next sentence")),
        keyed("speech.previous", N_("Sentence"), tooltip=N_("Go back a sentence")),
        keyed("speech.faster", N_("Speed"), tooltip=N_("Read faster")),
        keyed("speech.slower", N_("Speed"), tooltip=N_("Read slower")),
    ]
    """Keys that work on every screen. Their words are English here (Textual keeps a class's
    bindings once for every app in the process) and put into the language shown where they are
    drawn: the key bar and help (tui/fullscreen/keys.py)."""

    def get_driver_class(self) -> type[Driver]:
        """The lean driver (only changed cells are sent) where terminfo knows TERM; else Textual's
        output. Either way input is read through tui/fullscreen/bounded_input.py."""
        if sys.platform != "win32" and textual_constants.DRIVER is None:
            from tui.fullscreen.lean_driver import LeanDriver, terminal_caps

            if terminal_caps(os.environ) is not None:
                return LeanDriver
            from tui.fullscreen.bounded_input import BoundedLinuxDriver

            return BoundedLinuxDriver  # Textual's own output, with input that cannot pile up
        return super().get_driver_class()

    def __init__(self, guide: Guide, settings: Settings, *, theme_override: str | None = None,
                 settings_file: Path | None = None, startup_message: str | None = None,
                 start_section: int | None = None) -> None:
        self.cursor = FocusCursor(self)
        """Where the terminal cursor goes (made first: Textual sets `cursor_position` as it starts)."""
        # With NO_COLOR, Textual's NoColor filter (only bold and reverse) instead of its
        # Monochrome one, which still sends grey colour codes. A terminal without colours in
        # its terminfo entry (TERM=vt100) is treated the same.
        no_colour = wants_no_colour(os.environ)
        super().__init__(ansi_color=True if no_colour else None)
        if no_colour and not self.no_color:  # Textual itself only looks at NO_COLOR
            self.no_color = True
            add_line_filter(self, NoColor())
        self.guide = guide
        """The content being shown."""
        # The interface's own words in the guide's language: a Spanish guide never comes with
        # English keys and messages (choosing the language itself is the launcher's).
        use_language(guide.language.code)
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
        self.reader = Reader(self)
        """Reading aloud: the speech worker starts on first use."""
        self.navigation = Navigation(self, guide, settings_file)
        """Going between screens."""
        self.read_aloud_keys = ReadAloudKeys(self, self)
        """What the reading-aloud keys do."""
        self.idle_watch: IdleWatch | None = None
        """Warns, then closes, a reader who presses nothing (only when the host asks)."""
        self.rest_collector: RestCollector | None = None
        """Full passes of the cycle collector, done while no key comes (made on mount)."""
        for theme in OWN_THEMES:
            self.register_theme(theme)
        self.theme = theme_override or settings.theme
        # Nothing moves on its own: no animation, no smooth scrolling (and fewer bytes over SSH).
        self.animation_level = "none"
        self.paint_hold = PaintHold(self)
        """Paint once at start: every frame is held until the start screen calls `ready_to_paint`."""

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

    def get_default_screen(self) -> Screen[Any]:
        return self.navigation.start_screen()

    def on_mount(self) -> None:
        if self.startup_message:
            self.notify(self.startup_message, severity="warning", timeout=15)
        if unknown := sorted(set(self.settings.keys) - known_binding_ids()):
            self.notify(_("settings.toml: [keys] has no binding '{id}'; Help (?) lists the ids.")
                        .format(id=unknown[0]), severity="warning", timeout=10)
        self.set_keymap(keymap_for(current_language(), self.settings.keys))
        # Never a blank screen for long, whatever happens to the start screen.
        self.set_timer(1.0, self.ready_to_paint)
        self.idle_watch = start_idle_watch(self)
        self.rest_collector = RestCollector(self)
        if self.start_section is not None:
            self.open_section(self.start_section)

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = False) -> None:
        """A notification whose severity is in words ("Error"), not only in colour; never markup."""
        if not title and severity != "information":
            title = _(SEVERITY_WORDS.get(severity, severity.capitalize()))
        screen = self.screen if self.screen_stack else None
        if isinstance(screen, GuideScreen):
            screen.take_message(Notification(message, title, severity, self.NOTIFICATION_TIMEOUT
                                             if timeout is None else timeout, markup=markup))
            return
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    def get_key_display(self, binding: Binding) -> str:
        """Keys in words ("Enter", "Up"), never glyphs that turn to garbage without UTF-8."""
        if binding.key_display:
            return binding.key_display
        return key_in_words(binding.key)

    def emergency_text(self, width: int | None = None) -> str:
        """The emergency line for the chosen region, short when the full line would wrap."""
        width = self.size.width if width is None else width
        full = emergency_line(self.settings)
        # Measured too: the line in another language may be longer than the English one.
        if width < SHORT_EMERGENCY_BELOW or len(full) > width - EMERGENCY_PADDING:
            return emergency_line(self.settings, short=True)
        return full

    def change_settings(self, **changes: Any) -> None:
        """Apply and save settings (atomically); a failed save is said, never a crash."""
        from dataclasses import replace

        self.settings = replace(self.settings, **changes)
        if "theme" in changes:
            self.theme = self.settings.theme
        try:
            save_settings(self.settings, self.settings_file)
        except OSError as exc:
            self.notify(_("Could not save settings: {problem}").format(problem=exc.strerror), severity="error")

    def switch_language(self, code: str, then: str | None = None) -> None:
        """The whole guide in language `code` at once, in one paint (Navigation.switch_language)."""
        hold = self.paint_hold.opening(None)
        self.navigation.switch_language(code, then)
        self.set_keymap(keymap_for(current_language(), self.settings.keys))  # "s" for sí (key_table)
        self.paint_hold.opened(hold)

    def announce(self, *texts: str) -> None:
        """Self-voicing: speak a new screen's title or a newly focused item (when turned on)."""
        self.reader.announce(*texts)

    def on_announce(self, message: Announce) -> None:
        """A widget's words for self-voicing (a newly highlighted item)."""
        self.announce(*message.texts)

    # Going between screens (tui/fullscreen/navigation.py) --------------------------------------

    def open_destination(self, name: str) -> None:
        """Open a screen by its registered name ("contents", "search", ...)."""
        self.navigation.open_destination(name)

    def open_section(self, number: int, paragraph: int | None = None) -> None:
        """Open a section of the guide (at a paragraph)."""
        self.navigation.open_section(number, paragraph)

    def action_open_section(self, number: int) -> None:
        self.open_section(number)

    def action_open_place(self, name: str) -> None:
        """A place's own key (tui/data/places.py): open it."""
        self.open_destination(name)

    def action_help(self) -> None:
        self.navigation.help()

    def action_go_back(self) -> None:
        self.navigation.go_back()

    # One paint per new screen (tui/fullscreen/paint_hold.py) -------------------------------------

    def push_screen(self, screen: Any, *args: Any, **kwargs: Any) -> Any:
        """Open a screen with one paint: frames are held while it mounts, focuses and highlights."""
        hold = self.paint_hold.opening(screen)
        result = super().push_screen(screen, *args, **kwargs)
        self.paint_hold.opened(hold)
        return result

    def pop_screen(self) -> Any:
        """Go back, the screen below sent as one whole frame."""
        hold = self.paint_hold.going_back()
        result = super().pop_screen()
        self.paint_hold.release_when_settled(hold)
        return result

    def ready_to_paint(self) -> None:
        """The start screen is complete: paint it (once)."""
        self.paint_hold.ready_to_paint()

    # The terminal cursor (tui/fullscreen/cursor.py) ----------------------------------------------

    @property
    def cursor_position(self) -> Offset:
        """Where Textual puts the terminal cursor on each frame: on what has focus."""
        return self.cursor.position()

    @cursor_position.setter
    def cursor_position(self, value: Offset) -> None:
        self.cursor.fallback = value

    def frame_hints(self) -> FrameHints:
        """For the lean driver, on each frame (FocusCursor.frame_hints)."""
        return self.cursor.frame_hints()

    def action_move_cursor(self, step: int) -> None:
        """Left, Right: the cursor along the focused row, nothing else (braille routing, spelling)."""
        self.cursor.move_along_row(step)

    # Reading aloud (tui/fullscreen/read_aloud_keys.py) -------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in SPEECH_ACTIONS:
            # Typing in a box always types, and these keys are free for the screen when silent.
            typing = isinstance(self.focused, Input)
            return self.reader.speaking and not typing
        if action == "go_back":
            return len(self.screen_stack) > 1  # nothing behind the start screen: not shown
        if action == "open_place" and parameters == ("settings",):
            # By name: the class itself would import the settings screen for every key bar.
            return getattr(self.screen, "SCREEN_NAME", "") != "settings"  # not shown on settings itself
        return True

    def action_read(self) -> None:
        self.read_aloud_keys.read()

    def action_stop_reading(self) -> None:
        self.reader.stop()

    def action_pause_reading(self) -> None:
        self.reader.pause_or_resume()

    def action_skip_sentence(self, step: int) -> None:
        self.reader.skip(step)

    def action_rate(self, direction: int) -> None:
        self.read_aloud_keys.rate(direction)

    def action_self_voicing(self) -> None:
        self.read_aloud_keys.self_voicing()

    def on_unmount(self) -> None:
        self.reader.close()

    def on_reader_notice(self, message: Reader.Notice) -> None:
        self.notify(message.text, severity=message.severity, timeout=message.timeout)

    def on_reader_changed(self, message: Reader.Changed) -> None:
        self.refresh_bindings()  # the reading keys come or go

    # Keys and messages ---------------------------------------------------------------------------

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """A text box never blinks: its caret would be drawn, and read aloud, twice a second."""
        if isinstance(event.widget, Input):
            event.widget.cursor_blink = False

    def on_key(self, event: events.Key) -> None:
        type_stray_character(self.focused, event)  # a paste of "/calf": its letters to the box

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and (is_exiting(self) or typed_for_a_closed_dialog(self, event)):
            # Quitting: keys pasted or typed after q must not open a screen while the guide closes
            # (it would mount with no widgets, and the quit would end in a traceback). A key typed
            # for a dialog that has closed since is not for whatever screen is on top now.
            return
        if isinstance(event, events.Key):  # the idle reader's clock; the collector's rest
            for watch in [each for each in (self.idle_watch, self.rest_collector) if each is not None]:
                watch.key_pressed()
        # The next key takes a message away (the key still does its work), so its rows go back
        # to the text, and it is never carried to another screen.
        if isinstance(event, events.Key) and not event.is_forwarded and self.screen_stack:
            if notifications(self) and self.screen.has_class("-narrow"):
                self.clear_notifications()  # a dialog's toast, across a narrow window's width
            if isinstance(self.screen, GuideScreen):
                # (A message not yet sent stays for the key after: the lean driver says when it is.)
                self.screen.hide_notice(once_drawn=self.cursor.hinted)
        await super().on_event(event)

    def action_help_quit(self) -> None:
        """Ctrl+C: say in plain words how to quit (Textual's own message is markup, and English
        of its own)."""
        keys = [self.get_key_display(active.binding) for active in self.screen.active_bindings.values()
                if active.binding.action == "quit" and active.binding.id]
        self.notify(_("To quit, press {key}.").format(key=keys[0] if keys else key_in_words("ctrl+q")), timeout=5)

    def action_redraw(self) -> None:
        """Send every cell again: the lean driver forgets what it thinks the terminal shows, which
        a message from the system (wall, talk) or a job in the background may have written over."""
        from tui.fullscreen.lean_driver import forget_what_the_terminal_shows

        forget_what_the_terminal_shows(current_driver(self))
        self.screen.refresh(repaint=True, layout=True)


def binding_owners() -> tuple[type[DOMNode], ...]:
    """Every class that declares keys a user may remap: the app, then screens, dialogs, widgets."""
    return (GuideApp, *widget_binding_owners())


def known_binding_ids() -> set[str]:
    """Every binding id a user may remap in settings.toml's [keys]."""
    return {b.id for owner in binding_owners() for b in owner.BINDINGS if isinstance(b, Binding) and b.id}
