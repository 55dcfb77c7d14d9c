"""About this guide: credit, review dates, sign-off and sources. Opened as "about"."""

from __future__ import annotations

from typing import ClassVar

from tui.data.built_sections import about_section
from tui.fullscreen.context import GuideContext
from tui.fullscreen.screens.page import PageScreen


class AboutScreen(PageScreen):
    """Who wrote the guide, who reviewed it, and where each addition comes from."""

    SCREEN_NAME: ClassVar[str] = "about"

    @classmethod
    def make(cls, context: GuideContext) -> AboutScreen:
        return cls(about_section(context.guide))
