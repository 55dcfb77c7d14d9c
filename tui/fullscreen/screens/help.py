"""Help for the screen below: its keys, made from its own bindings (tui/fullscreen/keys.py)."""

from __future__ import annotations

from tui.fullscreen.screens.page import PageScreen


class HelpScreen(PageScreen):
    """Help for the screen below it (a screen of its own, so help is not opened on help)."""
