"""The first screen: what this is, that it is not a diagnosis, when to get help now, and where to go."""

from __future__ import annotations

import textwrap
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import OptionList, Static

from tui.data.language_choice import LANGUAGE_NAMES
from tui.data.pages import GetHelp, get_help
from tui.data.places import start_menu
from tui.data.sentences import Chunk
from tui.data.words import N_, _, current_language
from tui.fullscreen.keys import keyed
from tui.fullscreen.screens.base import GuideScreen
from tui.fullscreen.widgets.guide_list import GuideList
from tui.fullscreen.widgets.key_bar import KeyBar
from tui.fullscreen.widgets.section_text import SectionText

LANGUAGE_TOOLTIPS: dict[str, str] = {"en": N_("Show the whole guide in English"),
                                     "es": N_("Show the whole guide in Spanish")}
"""What each language's key does, for help (in the words of the language shown now)."""


def wrapped(text: str, width: int, indent: str = "") -> list[str]:
    """`text` wrapped at `width`, continuation rows lined up under the text after `indent`."""
    return textwrap.wrap(text, max(width, 1), initial_indent=indent, subsequent_indent=" " * len(indent),
                         break_on_hyphens=False) or [indent.rstrip()]


def rows_of(text: str, width: int, indent: str = "") -> int:
    """How many rows `text` takes when wrapped at `width`."""
    return len(wrapped(text, width, indent))


class StartScreen(GuideScreen):
    """Title, disclaimer, the "Get help now" signs (when they fit) and the main menu."""

    SCREEN_NAME = "start"

    BINDINGS: ClassVar[list[BindingType]] = [
        # One key per language, labelled with the language's own name ("Español" in the English
        # guide): only the one for a language not shown now is in force (can_act). Both
        # have one id, so one [keys] line in settings.toml moves both.
        keyed("start.language", name, tooltip=LANGUAGE_TOOLTIPS[code], argument=code)
        for code, name in LANGUAGE_NAMES.items()
    ]
    """The language key: its label is the other language's name in that language."""

    DEFAULT_CSS: ClassVar[str] = """
    StartScreen #get-help {
        height: auto;
        margin: 0 0 1 0;
    }
    """
    """The block takes its words' rows and one blank row before the menu."""

    def screen_title(self) -> str:
        return self.guide_app.guide.title

    def compose_body(self) -> ComposeResult:
        guide = self.guide_app.guide
        # No blank row under the title: with it, the "Get help now" block would not fit at 80x24.
        yield Static(guide.title, classes="title tight", markup=False)
        yield Static(guide.disclaimer, classes="muted", markup=False)
        yield Static(self.get_help_text(full=True, width=self.app.size.width - 2), id="get-help", markup=False)
        # The places table (tui/data/places.py) in menu order; the first has focus, so Enter starts reading.
        menu = start_menu(guide.folder)  # without the places this guide has not
        yield GuideList([_(row.label) for row in menu], ids=[row.id for row in menu], id="menu")

    def on_mount(self) -> None:
        menu = self.query_one(GuideList)
        menu.highlighted = 0
        menu.focus()
        self.call_after_refresh(self.guide_app.ready_to_paint)

    def get_help_text(self, full: bool, width: int) -> Text:
        """The whole block (heading in bold, a "- " per sign), or only its last line, wrapped
        here so that a sign's second row lines up under its words."""
        block = get_help(self.guide_app.guide)
        if block is None:
            return Text("")
        if not full:
            return Text("\n".join(wrapped(block.after, width)))
        rows = [line for sign in block.signs for line in wrapped(sign, width, "- ")]
        return Text.assemble(("\n".join(wrapped(block.title, width)), "bold"), *(f"\n{row}" for row in rows),
                             "\n", "\n".join(wrapped(block.after, width)))

    @staticmethod
    def block_rows(block: GetHelp, width: int) -> tuple[int, int]:
        """Rows the whole block and its one-line pointer take at `width`, without blank rows."""
        full = rows_of(block.title, width) + sum(rows_of(s, width, "- ") for s in block.signs)
        return full + rows_of(block.after, width), rows_of(block.after, width)

    def get_help_rows(self, width: int) -> tuple[int, int]:
        """Rows the whole block and its one-line pointer take at `width`, each with its blank row."""
        block = get_help(self.guide_app.guide)
        if block is None:
            return 0, 0
        full, pointer = self.block_rows(block, width)
        return full + 1, pointer + 1

    def fit(self, width: int, height: int) -> None:
        super().fit(width, height)
        # The menu always keeps its rows: the block shows whole if it fits (without its blank row
        # under it if only that is too many: a menu of eight places still leaves every sign on
        # an 80x24 screen), else its last line (where to read every sign), else nothing. Worked
        # out from the words, before painting, so the start screen is still drawn once.
        guide = self.guide_app.guide
        text_width = width - 2  # the body's padding
        keys = len(self.query_one(KeyBar).rows(text_width + 2)) if self.is_mounted else 2
        used = 1 + rows_of(guide.title, text_width) + rows_of(guide.disclaimer, text_width) + 1
        used += len(start_menu(self.guide_app.guide.folder)) + keys
        full, pointer = self.get_help_rows(text_width)
        block = self.query_one("#get-help", Static)
        if full and used + full - 1 <= height:
            block.update(self.get_help_text(full=True, width=text_width))
            block.display = True
            blank = 0 if used + full > height else 1  # DEFAULT_CSS gives it one
            if block.styles.margin.bottom != blank:
                block.styles.margin = (0, 0, blank, 0)
        elif pointer and used + pointer <= height:
            block.update(self.get_help_text(full=False, width=text_width))
            block.display = True
        else:
            block.display = False

    def speech_content(self) -> tuple[list[Chunk | str], SectionText | None]:
        """The title, every "Get help now" line (even when the window is too short to show
        them), then the menu."""
        parts, view = super().speech_content()
        return [parts[0], *self.guide_app.guide.get_help, *parts[1:]], view

    def can_act(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "switch_language":
            return parameters != (current_language(),)  # the language shown now has no key
        return super().can_act(action, parameters)

    def action_switch_language(self, code: str) -> None:
        """The whole guide in the other language, now, and saved (tui/fullscreen/app.py)."""
        self.guide_app.switch_language(code)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.guide_app.open_destination(event.option.id or "")
