"""Sections made in code, not read from the guide's files: about, help, a checklist result.

They are `Section`s like the guide's own, so every screen shows and reads them the same way.
"""

from __future__ import annotations

from pathlib import Path

from tui.data.checklist import SOURCES_HEADING, source_lines
from tui.data.content import Block, Guide, Section
from tui.data.terminal import program_version
from tui.data.triage import TriageResult, result_blocks


def made_section(title: str, blocks: list[Block]) -> Section:
    """A section built in code (not from a file), so help and about read like the guide."""
    return Section(number=0, slug=title.lower().replace(" ", "-"), title=title, blocks=tuple(blocks),
                   path=Path("<generated>"))


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


def result_section(result: TriageResult) -> Section:
    """The result in its one layout (`result_blocks`): the headline as a subheading with the
    tier's symbol, each block's heading as a paragraph and its lines as bullets."""
    blocks: list[Block] = []
    for index, block in enumerate(result_blocks(result)):
        if index == 0:
            symbol = f"{result.tier.symbol} " if result.tier else ""
            blocks.append(Block("subheading", (f"{symbol}{block.heading}",)))
            continue
        blocks.append(Block("paragraph", (block.heading,)))
        if block.bullets:
            blocks.append(Block("bullets", block.bullets))
    return made_section("Result", blocks)
