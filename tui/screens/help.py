"""Help for the screen below: its keys, made from its own bindings (tui/keys.py)."""

from __future__ import annotations

from tui.data.content import Block, Section
from tui.screens.page import PageScreen, made_section


class HelpScreen(PageScreen):
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
