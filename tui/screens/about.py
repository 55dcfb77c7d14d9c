"""About this guide: credit, review dates, sign-off and sources. Opened as "about"."""

from __future__ import annotations

from typing import ClassVar

from tui.context import GuideContext
from tui.data.checklist import SOURCES_HEADING, source_lines
from tui.data.content import Block, Guide, Section
from tui.data.terminal import program_version
from tui.screens.page import PageScreen, made_section


class AboutScreen(PageScreen):
    """Who wrote the guide, who reviewed it, and where each addition comes from."""

    SCREEN_NAME: ClassVar[str] = "about"

    @classmethod
    def make(cls, context: GuideContext) -> AboutScreen:
        return cls(about_section(context.guide))


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
