"""The frame every screen shares: the emergency line, the body, the keys, and a size check."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar, TypeVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.css.query import NoMatches
from textual.events import Key, Resize
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Input, Static

from tui.data.errors import GuideError
from tui.data.sentences import Chunk
from tui.data.words import N_, _
from tui.fullscreen.keys import keyed, types_a_character
from tui.fullscreen.screens.message_rows import MessageRows
from tui.fullscreen.widgets.emergency_line import EmergencyLine
from tui.fullscreen.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from tui.fullscreen.context import GuideContext
    from tui.fullscreen.reader import Reader
    from tui.fullscreen.widgets.section_text import SectionText

MIN_WIDTH = 40
"""Narrowest terminal that is fully usable (a large font on a small screen)."""
MIN_HEIGHT = 12
"""Shortest terminal that is fully usable."""


SHORT_HEIGHT = 20
"""Below this many rows, screens with two panes show one at a time."""

NARROW_WIDTH = 60
"""Windows narrower than this get messages across their whole width, not in a thin column."""


Loaded = TypeVar("Loaded")


def loaded_or_said(context: GuideContext, cannot: str, load: Callable[[], Loaded]) -> Loaded | None:
    """What `load()` returns; or None, having told the reader in one line why a screen's content
    cannot be shown, so a bad content file never ends the guide. `cannot` is the message, marked
    with N_() ("The checklist cannot be shown: {problem}"), looked up here."""
    try:
        return load()
    except GuideError as exc:
        context.notify(_(cannot).format(problem=exc.one_line()), severity="error", timeout=10)
        return None


class GuideScreen(MessageRows):
    """A screen with the emergency line on its first row and every key on its last rows."""

    DEFAULT_CLASSES = "guide-screen"
    """Marks the guide's own screens in CSS (not its dialogs): their messages are never toasts."""

    DEFAULT_CSS: ClassVar[str] = """
    GuideScreen #body { height: 1fr; padding: 0 1; }
    GuideScreen .title { text-style: bold; height: auto; margin: 0 0 1 0; }
    GuideScreen .title.tight { margin: 0; }
    GuideScreen .muted { color: $text-muted; height: auto; margin: 0 0 1 0; }
    /* Short windows: every row counts. */
    GuideScreen.-short .title, GuideScreen.-short .muted { margin: 0; }
    /* A message in rows of its own above the key bar (GuideApp.notify), in the screen's flow, so
       it never covers the text and the text above it does not move; the next key hides it. */
    GuideScreen #notice { display: none; height: auto; padding: 0 1; text-style: bold; }
    /* Too small: only "make the window larger" and the emergency number, nothing to scroll to
       (what fits is chosen in words, and no scrollbar glyph goes out). */
    GuideScreen #too-small { display: none; padding: 0 1; }
    GuideScreen.-too-small > #body, GuideScreen.-too-small > KeyBar { display: none; }
    GuideScreen.-too-small > #too-small { display: block; }
    GuideScreen.-too-small { overflow: hidden; }
    /* A tiny window (3x3): the emergency number uses every column, so it stays on one row. */
    GuideScreen.-tiny #emergency { padding: 0; }
    """
    """The body, titles, the message rows and the too-small words; each screen adds its own."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # The same words as Enter's (the list's "list.select"), so help shows them as one line;
        # not in the key bar, where Enter already says "Open" and a 40x12 window has no row to spare.
        keyed("list.open", N_("Open"), tooltip=N_("Open the highlighted item")),
    ]
    """Space on a list opens its highlighted item, as Enter does: a screen-reader user presses
    Space on a list item. A screen that gives Space another meaning (the checklist's Select, the
    settings' list) binds it itself, and that binding comes first."""

    TITLE_TEXT: ClassVar[str] = ""
    """The screen's name, shown as its first body line and spoken in self-voicing mode: in English,
    marked with N_(), and looked up in `screen_title` when shown."""

    SCREEN_NAME: ClassVar[str] = ""
    """The name the app opens this screen by (tui/fullscreen/screen_registry.py); "" if it needs arguments."""

    @classmethod
    def make(cls, context: GuideContext) -> GuideScreen | None:
        """A new screen opened by name; None (having said why) when it cannot be shown."""
        return cls()

    def open_again(self) -> None:
        """This screen's own key, pressed on it: nothing, unless a screen says otherwise."""

    @property
    def guide_app(self) -> GuideContext:
        """The app, seen through what screens may ask of it."""
        from tui.fullscreen.context import context_of

        return context_of(self.app)

    def screen_title(self) -> str:
        """The title shown on the screen's first body line, in the language shown."""
        return _(self.TITLE_TEXT) if self.TITLE_TEXT else ""

    def compose(self) -> ComposeResult:
        yield EmergencyLine(self.guide_app.emergency_text())
        with Vertical(id="body"):
            yield from self.compose_body()
        yield Static("", id="notice", markup=False)
        yield Static(
            _("Please make the window larger: the guide needs at least {columns} columns and {rows} rows.")
            .format(columns=MIN_WIDTH, rows=MIN_HEIGHT),
            id="too-small", markup=False,
        )
        yield KeyBar()

    _focus_before_too_small: Widget | None = None
    """What had focus when the window became too small."""

    def _restore_focus(self) -> None:
        """Give focus back to what had it before the window was too small."""
        widget = self._focus_before_too_small
        self._focus_before_too_small = None
        if widget is not None and widget.is_attached:
            self.set_focus(widget)  # at once: `focus()` waits for the app's queue (see `fit`)
            if isinstance(widget, Input):
                # A box selects all its words when focused (Textual's select_on_focus), and the
                # next letter typed replaced them: the reader's words are kept, the caret after them.
                self.call_after_refresh(widget.action_end)
        elif self.focused is None:
            self.focus_next()

    _title: Static | None = None
    """The screen's title widget, found once (see `notice_widget`)."""

    def heading_rows(self) -> int | None:
        """Rows from the top to the end of the title (the emergency line's and the title's): sent
        before the focused item's, so a title wrapped over two rows is heard whole and first.
        None for a screen with no title shown."""
        if self._title is None:
            try:
                self._title = self.query_one("#body > .title", Static)
            except NoMatches:
                return None
        region = self._title.region
        return region.bottom if region.height and self._title.display else None

    def compose_body(self) -> ComposeResult:
        """The screen's own widgets."""
        yield from ()

    def update_emergency_line(self, width: int | None = None) -> None:
        """Redraw the emergency line only if its words changed (every repaint crosses the link)."""
        line = self.query_one("#emergency", Static)
        text = self.guide_app.emergency_text(width)
        if str(line.content) != text:
            line.update(text)

    def speech_content(self) -> tuple[list[Chunk | str], SectionText | None]:
        """What `r` reads on this screen, and the view that highlights it (None: no highlight).

        By default: the title, then every item of the screen's lists, never the key bar or the
        emergency line's decoration.
        """
        from tui.fullscreen.widgets.guide_list import GuideList

        parts: list[Chunk | str] = [self.screen_title()]
        for listing in self.query(GuideList):
            parts.extend(listing.item_texts())
        return parts, None

    def announce_screen(self) -> None:
        """Self-voicing: the screen's title, then the focused item."""
        from tui.fullscreen.widgets.guide_list import GuideList

        focused = self.focused
        item = focused.current_text() if isinstance(focused, GuideList) else ""
        self.guide_app.announce(self.screen_title(), item)

    def on_reader_highlight(self, message: Reader.Highlight) -> None:
        """Show the sentence being heard in the section view being read."""
        message.stop()
        if not message.stale:
            message.target.highlight = message.span

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """None of the screen's own keys acts while the window is too small to show it (Space
        ticked a hidden checklist item, n turned a hidden section's page); then the screen's own
        rule, `can_act`. The app's keys (quit, help, back, places) are the app's, and still work.
        A screen says when its keys work in `can_act`, never here, so this guard holds for all."""
        if self.has_class("-too-small"):
            return False
        return self.can_act(action, parameters)

    def can_act(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Whether one of this screen's own keys works now (the window shows the screen): True,
        False (not in force, not shown), or None (shown, greyed)."""
        if action == "open_highlighted":
            from tui.fullscreen.widgets.guide_list import GuideList

            return isinstance(self.focused, GuideList)
        return True

    def action_open_highlighted(self) -> None:
        """Space: open the focused list's highlighted item, as Enter does."""
        from tui.fullscreen.widgets.guide_list import GuideList

        if isinstance(self.focused, GuideList):
            self.focused.action_select()

    def on_key(self, event: Key) -> None:
        # The widgets in the body take no keys while the window is too small (it is disabled, and
        # has no focus). A letter meant for the search box, which had focus, must not reach the
        # app's keys instead: "q" in "quinine" quit the guide, "k" opened the checklist.
        if (self.has_class("-too-small") and self.typing_before_too_small()
                and event.is_printable and types_a_character(event.key)):
            event.prevent_default()
            event.stop()

    def typing_before_too_small(self) -> bool:
        """A text box had focus when the window became too small, or will have it when there is
        room (the search screen opened in a small window: its box has focus first)."""
        widget = self._focus_before_too_small
        if widget is None:
            return bool(self.query_one("#body").query(Input))
        return isinstance(widget, Input)

    def on_resize(self, event: Resize) -> None:
        self.fit(event.size.width, event.size.height)

    def on_screen_resume(self) -> None:
        # The region, theme or window size may have changed while another screen was on top.
        self.fit(self.app.size.width, self.app.size.height)
        self.call_after_refresh(self.announce_screen)

    def on_screen_suspend(self) -> None:
        # Under another full screen this one is not drawn, yet Textual keeps every line each of
        # its widgets last drew: across the Esc history, at up to 250x80, megabytes. Let them go
        # (refresh empties a widget's line cache); they are drawn again, once, on the way back.
        # Under a dialog it shows through, so it keeps them.
        from tui.fullscreen.widgets.guide_list import GuideList

        if not isinstance(self.app.screen, ModalScreen):
            for widget in self.walk_children(Widget):
                if isinstance(widget, GuideList):
                    widget.forget_drawn()
                widget.refresh()

    def fit(self, width: int, height: int) -> None:
        """Adapt to the window: too small, short, or roomy."""
        too_small = width < MIN_WIDTH or height < MIN_HEIGHT
        back = not too_small and self.has_class("-too-small")
        if too_small and not self.has_class("-too-small"):
            # Hiding the body takes focus away; remember it to give it back when there is room.
            self._focus_before_too_small = self.focused
        self.set_class(too_small, "-too-small")
        # Nothing hidden may act on a key (a page key on a list that has no room, Enter on an item
        # nobody can see): disabling the body also takes focus from it, and keeps it off while small.
        self.query_one("#body").disabled = too_small
        if back:
            # Now, not after the next frame: that frame showed the list again, and a Down read
            # after it (a loaded machine) found nothing focused and moved nothing.
            self._restore_focus()
        self.set_class(height < SHORT_HEIGHT, "-short")
        self.set_class(width < NARROW_WIDTH, "-narrow")
        self.update_emergency_line(width)
        if too_small:
            self.fit_too_small(width, height)

    def fit_too_small(self, width: int, height: int) -> None:
        """Say "make the window larger" and the emergency number in the words that fit."""
        from tui.data.terminal import drops_padding, too_small_texts

        settings = self.guide_app.settings
        self.set_class(drops_padding(width, settings.emergency_number), "-tiny")
        emergency, message = too_small_texts(width, height, settings.emergency_number,
                                             self.guide_app.emergency_text(width), MIN_WIDTH, MIN_HEIGHT)
        self.query_one("#emergency", Static).update(emergency)
        self.query_one("#too-small", Static).update(message)
