"""Screens that are read, not used: help and about. Both reuse the section view."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from tui.data.checklist import SOURCES_HEADING, source_lines
from tui.data.content import Block, Guide, Section
from tui.data.sentences import Chunk
from tui.data.terminal import program_version
from tui.reader import section_reading
from tui.screens.base import GuideScreen
from tui.widgets.section_text import SectionText


def made_section(title: str, blocks: list[Block]) -> Section:
    """A section built in code (not from a file), so help and about read like the guide."""
    from pathlib import Path

    return Section(number=0, slug=title.lower().replace(" ", "-"), title=title, blocks=tuple(blocks),
                   path=Path("<generated>"))


class ReadingScreen(GuideScreen):
    """A title and a scrollable text."""

    def __init__(self, section: Section) -> None:
        super().__init__()
        self.section = section
        """What this screen shows."""

    def screen_title(self) -> str:
        return self.section.title

    def compose_body(self) -> ComposeResult:
        yield Static(self.section.title, classes="title", markup=False)
        yield SectionText(self.section)

    def on_mount(self) -> None:
        self.query_one(SectionText).focus()

    def speech_content(self) -> tuple[list[Chunk | str], SectionText | None]:
        """The title and every sentence, highlighted as heard."""
        text = self.query_one(SectionText)
        return section_reading(text), text


def about_section(guide: Guide) -> Section:
    """Credit, review dates, sign-off status and every addition with its source."""
    credit = guide.credit
    blocks = [
        Block("paragraph", (f'This guide is written in our own plain words from "{credit.title}", '
                            f"published by {credit.publisher}.",)),
        Block("bullets", (f"Written by {credit.writer}.", f"Medically reviewed by {credit.reviewer}.",
                          f"Source updated {credit.updated}.")),
        # Straight after the credit: whose review it was, and that our own words have none yet.
        Block("paragraph", (guide.signoff_note,)),
        Block("subheading", ("Review",)),
        Block("bullets", (f"Reviewed: {guide.reviewed}.", f"Next review due: {guide.next_review_due}.")),
        Block("paragraph", (guide.disclaimer,)),
        Block("paragraph", (f"spasm-guide version {program_version()}.",)),
    ]
    if guide.additions:
        blocks.append(Block("subheading", ("Additions and corrections",)))
        blocks.append(Block("bullets", tuple(f"{a.title}: {a.text} Source: {a.source}." for a in guide.additions)))
    sources = source_lines(guide.folder)
    if sources:
        blocks += [Block("subheading", (SOURCES_HEADING,)), Block("bullets", sources)]
    return made_section("About this guide", blocks)


class HelpScreen(ReadingScreen):
    """Help for the screen below it (a screen of its own, so help is not opened on help)."""


def help_section(screen_name: str, keys: list[tuple[str, str]], reading: list[tuple[str, str]],
                 changing: list[str] | None = None) -> Section:
    """Help for one screen, generated from that screen's own bindings."""
    blocks = [
        Block("paragraph", ("These keys work here. Esc goes back. The same keys do the same "
                            "thing on every screen.",)),
        Block("bullets", tuple(f"{key}: {what}" for key, what in keys)),
    ]
    if reading:
        blocks += [Block("subheading", ("While reading aloud",)),
                   Block("bullets", tuple(f"{key}: {what}" for key, what in reading))]
    # Complete here: a person reading over SSH cannot open the README.
    if changing:
        blocks += [Block("subheading", ("Changing keys",)), *(Block("paragraph", (text,)) for text in changing)]
    return made_section(f"Help: {screen_name}", blocks)
