"""A checklist result as a section, so every screen shows and reads it as the guide's own.

The guide's other pages made in code (about, help) are in tui/data/pages.py.
"""

from __future__ import annotations

from tui.data.content import Block, Section
from tui.data.pages import made_section
from tui.data.triage import TriageResult, result_blocks
from tui.data.words import _


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
    return made_section(_("Result"), blocks)
