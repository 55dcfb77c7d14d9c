"""The symptom checklist screen (placeholder until the checklist lands)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from tui.screens.base import GuideScreen


class ChecklistScreen(GuideScreen):
    """Placeholder."""

    TITLE_TEXT = "Check your symptoms"

    def compose_body(self) -> ComposeResult:
        yield Static(self.TITLE_TEXT, classes="title", markup=False)
        yield Static("The symptom checklist is coming soon.", markup=False)
