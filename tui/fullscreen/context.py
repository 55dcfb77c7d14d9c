"""What a screen or dialog may ask of the app: a small typed view, so screens never import it.

Screens and dialogs see the app only through `GuideContext` (`GuideScreen.guide_app`); the app
satisfies it. This keeps the import graph a tree: the app imports screens, never the reverse.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from textual.notifications import SeverityLevel

from tui.data.content import Guide
from tui.data.settings import Settings

if TYPE_CHECKING:
    from tui.fullscreen.reader import Reader


@runtime_checkable
class GuideContext(Protocol):
    """The guide's state and the few things a screen may ask the app to do."""

    guide: Guide
    """The content being shown."""
    settings: Settings
    """The user's settings; change them with `change_settings`."""
    reader: Reader
    """Reading aloud and self-voicing."""

    def emergency_text(self, width: int | None = None) -> str:
        """The emergency line, short when the full one would wrap at `width`."""

    def change_settings(self, **changes: Any) -> None:
        """Apply and save settings; a failed save is said, never a crash."""

    def announce(self, *texts: str) -> None:
        """Self-voicing: speak a new screen's title or a newly focused item."""

    def open_section(self, number: int, paragraph: int | None = None) -> None:
        """Open a section of the guide (at a paragraph)."""

    def open_destination(self, name: str) -> None:
        """Open a place by its id (tui/data/places.py): its screen ("contents", "search", ...) or its page."""

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = False) -> None:
        """Show a message; its severity is said in words."""

    def switch_language(self, code: str, then: str | None = None) -> None:
        """Show the whole guide in language `code` now, and save the choice; `then`: a screen to
        open over the new start screen (by name), told of the switch."""

    def ready_to_paint(self) -> None:
        """The start screen is complete: paint it."""


def context_of(app: object) -> GuideContext:
    """`app` as a GuideContext; a TypeError if it is not the guide (a test's bare App)."""
    if not isinstance(app, GuideContext):
        raise TypeError(f"{type(app).__name__} is not the guide app")
    return app
