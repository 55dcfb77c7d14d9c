"""A page that is read, not used: a title and a text, in the section view (help, about, any
place of tui/data/places.py that has a page)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from tui.data.content import Section
from tui.data.key_names import key_in_words
from tui.data.sentences import Chunk
from tui.data.words import _
from tui.fullscreen.reader import section_reading
from tui.fullscreen.screens.base import GuideScreen
from tui.fullscreen.widgets.section_text import SectionText


class PageScreen(GuideScreen):
    """A title and a scrollable text."""

    def __init__(self, section: Section, place_id: str = "") -> None:
        super().__init__()
        self.section = section
        """What this screen shows."""
        self.place_id = place_id
        """The place (tui/data/places.py) whose page this is; "" for help and other pages."""

    def screen_title(self) -> str:
        return self.section.title

    def compose_body(self) -> ComposeResult:
        yield Static(self.section.title, classes="title", markup=False)
        yield SectionText(self.section, end_text=_("End of {title}. Press {key} to go back.").format(
            title=self.section.title, key=key_in_words("escape")))

    def on_mount(self) -> None:
        self.query_one(SectionText).focus()

    def speech_content(self) -> tuple[list[Chunk | str], SectionText | None]:
        """The title and every sentence, highlighted as heard."""
        text = self.query_one(SectionText)
        return section_reading(text, language=self.guide_app.guide.language.code), text
