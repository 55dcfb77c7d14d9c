"""Find a word across the guide and open any place it appears."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import ActiveBinding, BindingType
from textual.containers import Horizontal
from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Input, OptionList, Static

from tui.data.key_names import key_in_words
from tui.data.search import Hit, found_message, nothing_found_message, search_guide, search_index
from tui.data.words import N_, _
from tui.fullscreen.keys import keyed, types_a_character
from tui.fullscreen.screens.base import GuideScreen
from tui.fullscreen.widgets.guide_list import GuideList
from tui.fullscreen.widgets.text_update import set_text


class QueryInput(Input):
    """The search box. Enter moves focus to the results before the next key is read, so keys
    typed ahead on a slow link ("cramp", Enter, Enter) open the first place found."""

    BINDINGS: ClassVar[list[BindingType]] = [
        keyed("search.results", N_("Results"), tooltip=N_("Go to the places found")),
    ]
    """Enter, in the guide's words (Textual's says "Submit")."""

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)
    """As Input's, set on every letter typed, but without a layout of the whole screen (5-7 ms of a
    letter's frame): the box keeps its place and size whatever its words."""

    def watch_value(self, value: str) -> None:
        # The places are found and drawn in the same frame as the letter typed, not in a frame of
        # their own after Textual's Changed message reaches the screen: the frame a reader hears
        # ends when its last row is sent, and two frames took the time of both.
        screen = self.screen
        if isinstance(screen, SearchScreen):
            screen.run_search(value)

    async def action_submit(self) -> None:
        screen = self.screen
        if isinstance(screen, SearchScreen) and screen.hits:
            results = screen.query_one(GuideList)
            results.highlighted = 0
            screen.set_focus(results)
        elif isinstance(screen, SearchScreen) and self.value.strip():
            # Enter with nothing found is answered, with a spelling the guide has if one is close.
            screen.notify(nothing_found_message(screen.guide_app.guide, self.value))
        await super().action_submit()


class ResultsList(GuideList):
    """The places found, refilled on every letter typed, in a frame a screen reader reads 20 ms
    after the key.

    OptionList sets its scrolling size on every new set of options, and the reactive asks for a
    layout of the whole screen; then its scroll bar came and went with the places, changing their
    width, so they were wrapped and drawn twice. Here the list's size and width never change (its
    scroll bar's column is kept, SearchScreen's CSS), so a new scrolling size only moves the thumb.
    """

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)
    """As OptionList's, without a layout of the screen (see the class)."""


class SearchScreen(GuideScreen):
    """Type a word, press Enter, choose a place.
    """

    TITLE_TEXT = N_("Search the guide")
    SCREEN_NAME = "search"

    DEFAULT_CSS: ClassVar[str] = """
    SearchScreen #query-row { height: auto; }
    SearchScreen #query-label { width: auto; }
    SearchScreen #count { height: auto; margin: 0 0 1 0; }
    SearchScreen.-short #count { margin: 0; }
    SearchScreen.-narrow #count { min-height: 2; }
    SearchScreen #results { overflow-y: scroll; }
    SearchScreen #results:ansi { scrollbar-background: ansi_default; }
    """
    """"Find:" and the box on one row, then how many were found, then the places. The count keeps
    two rows on a narrow window ("38 places found. Press Enter to see them." takes two, "No places
    found" one) and the places keep their scroll bar's column whether or not they scroll (its
    track is the list's own background, so it shows only when there is something to scroll): the
    letter that first brings places then changes no widget's size, and the screen is not laid out
    again (see ResultsList)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        keyed("search.next_field", N_("Next field"), tooltip=N_("Move between the search box and the results")),
    ]
    """Tab is shown: a newcomer needs to know how to reach the results."""

    def __init__(self) -> None:
        super().__init__()
        self.hits: list[Hit] = []
        """The places found for the current words."""

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """The keys in force, without those that type into the box while it has focus ("/",
        "q", "1"): the key bar and help show only keys that work here."""
        bindings = super().active_bindings
        if isinstance(self.focused, Input):
            return {key: active for key, active in bindings.items() if not types_a_character(key)}
        return bindings

    def compose_body(self) -> ComposeResult:
        yield Static(self.screen_title(), classes="title", markup=False)
        # The box's name on its own row: Tab back to the box says it with the words typed.
        with Horizontal(id="query-row"):
            # TRANSLATORS: the search box's name, before it on its row (keep the space at the end).
            yield Static(_("Find: "), id="query-label", markup=False)
            # TRANSLATORS: the hint in the search box, after "Find: ": both fit one row of 40 columns.
            yield QueryInput(placeholder=_("Type a word, then {key}").format(key=key_in_words("enter")), id="query")
        yield Static(_("Type a word to search for."), id="count", markup=False)
        yield ResultsList([], id="results")

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        # The guide's words stemmed once, after the screen is drawn and before a reader can type:
        # the first letter of a fresh guide stemmed all of it (about 6 ms of its frame).
        self.call_after_refresh(search_index, self.guide_app.guide)

    def open_again(self) -> None:
        """"/" on the results: back to the words."""
        self.query_one(Input).focus()

    def run_search(self, words: str) -> None:
        """Search and list the places, saying how many in words."""
        self.hits = search_guide(self.guide_app.guide, words)
        results = self.query_one(GuideList)
        results.set_labels([f"{h.section_number}. {h.section_title}: {h.snippet}" for h in self.hits])
        message = found_message(len(self.hits), words)
        set_text(self.query_one("#count", Static), message)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()  # QueryInput has already moved focus to the results, if there are any

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        hit = self.hits[event.option_index]
        self.guide_app.open_section(hit.section_number, max(hit.paragraph_index, 0))
