"""One section of the guide: its position in words, its text, and keys to move on."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import Static

from tui.data.content import Section
from tui.data.key_names import key_in_words
from tui.data.pages import section_end, section_heading
from tui.data.sentences import Chunk
from tui.data.words import N_, _
from tui.fullscreen.keys import keyed
from tui.fullscreen.reader import section_reading
from tui.fullscreen.screens.base import GuideScreen
from tui.fullscreen.widgets.section_text import SectionText
from tui.fullscreen.widgets.text_update import set_text


class SectionScreen(GuideScreen):
    """Reads one section; next and previous change the section in place.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        keyed("section.next", N_("Next"), tooltip=N_("Go to the next section")),
        keyed("section.previous", N_("Previous"), tooltip=N_("Go to the previous section")),
    ]
    """Moving between sections; reading by line is the text's own. Not Left and Right: a braille
    display's routing keys send them (BRLTTY moves the cursor by arrow keys), and touching a word
    on the display must never turn the page."""

    def __init__(self, number: int, paragraph: int | None = None) -> None:
        super().__init__()
        self.number = number
        """Which section is shown (1-based)."""
        self.start_paragraph = paragraph
        """Paragraph to scroll to when opened from a search result."""

    @property
    def section(self) -> Section:
        """The section on screen."""
        return self.guide_app.guide.section(self.number)

    def screen_title(self) -> str:
        return section_heading(self.section, len(self.guide_app.guide.sections))

    def compose_body(self) -> ComposeResult:
        yield Static(self.screen_title(), id="section-title", classes="title", markup=False)
        yield SectionText(self.section, id="section-text", end_text=self.end_text())

    def end_text(self) -> str:
        """Said after the section's last line, on a row of its own: where the reader is, and how on."""
        total = len(self.guide_app.guide.sections)
        how = (_("Press n for the next section.") if self.number < total
               else _("Press {key} to go back.").format(key=key_in_words("escape")))
        return f"{section_end(self.number, total)}. {how}"

    def on_mount(self) -> None:
        text = self.query_one(SectionText)
        text.focus()
        if self.start_paragraph is not None:
            paragraph = self.start_paragraph
            self.call_after_refresh(text.show_paragraph, paragraph)

    def speech_content(self) -> tuple[list[Chunk | str], SectionText | None]:
        """The section's title and sentences, highlighted as they are heard."""
        text = self.query_one(SectionText)
        return section_reading(text, language=self.guide_app.guide.language.code), text

    def show(self, number: int) -> None:
        """Replace the section on screen (no new screen: Esc still goes back to where you came from)."""
        self.number = number
        set_text(self.query_one("#section-title", Static), self.screen_title())
        text = self.query_one(SectionText)
        text.set_section(self.section, self.end_text())
        self.guide_app.reader.stop()
        self.guide_app.announce(self.screen_title())

    def action_next_section(self) -> None:
        if self.number < len(self.guide_app.guide.sections):
            self.show(self.number + 1)
        else:
            self.notify(_("This is the last section."), timeout=3)

    def action_previous_section(self) -> None:
        if self.number > 1:
            self.show(self.number - 1)
        else:
            self.notify(_("This is the first section."), timeout=3)
