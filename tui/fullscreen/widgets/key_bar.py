"""The keys of the current screen, in words, wrapped onto more lines (two at most on a short window)."""

from __future__ import annotations

from textual.app import RenderResult
from textual.content import Content
from textual.geometry import Size
from textual.screen import Screen
from textual.widget import Widget

from tui.data.words import _

SHORT_ROWS = 2
"""Rows the bar may take on a short window (the screen has the -short class): at 40x12 every row
given to keys is taken from the text."""


class KeyBar(Widget):
    """Every key shown for this screen: "n Next  p Previous  Esc Back ...".

    Textual's Footer scrolls sideways and hides keys on a narrow terminal; at 40 columns with a
    large font every key must still be visible, so this one wraps. Digits bound to sections
    collapse into one "1-9 Section" entry. On a short window it keeps to SHORT_ROWS rows: the
    screen's own keys and those that stop or pause reading first, then Help (which lists every
    key), then Back, then the rest as they fit.
    """

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: auto;
        background: $footer-background;
        color: $footer-description-foreground;
        padding: 0 1;
    }
    KeyBar:ansi { background: ansi_default; color: ansi_default; text-style: reverse; }
    """

    _last: str | None = None
    """The keys as last drawn: a change of focus that keeps them draws nothing."""

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen[object]) -> None:
        """Redraw only when the set of keys changed (a focus move rarely changes them)."""
        text = self.describe()
        if text != self._last:
            self._last = text
            self.refresh(layout=True)

    def entries(self) -> list[tuple[str, str]]:
        """(keys, description) for every binding shown on this screen, in binding order.

        Keys that do the same thing share one entry ("n/Right Next"), so none is hidden.
        """
        return [(keys, description) for keys, description, _rank in self._ranked_entries()]

    def _ranked_entries(self) -> list[tuple[str, str, int]]:
        """`entries`, each with its rank for a short window (lower is kept first)."""
        keys_for: dict[str, list[str]] = {}
        rank_of: dict[str, int] = {}
        digits = False
        for key, active in self.screen.active_bindings.items():
            binding = active.binding
            if not binding.show or not binding.description:
                continue
            if key.isdigit():
                digits = True
                continue
            # Textual keeps each class's bindings once, words and all: they are English there
            # (marked with N_()), and put into the language shown here, when the bar is drawn.
            description = _(binding.description)
            shown = keys_for.setdefault(description, [])
            display = self.app.get_key_display(binding)
            if display not in shown:
                shown.append(display)
            action = binding.action.split("(")[0]
            rank = (0 if active.node is not self.app or action in ("stop_reading", "pause_reading")
                    else 1 if action == "help" else 2 if action == "go_back" else 3)
            rank_of[description] = min(rank, rank_of.get(description, rank))
        out = [("/".join(keys), description, rank_of[description]) for description, keys in keys_for.items()]
        if digits:
            out.append(("1-9", _("Section"), 3))
        return out

    def describe(self) -> str:
        """The bar as plain text (also what tests read)."""
        return "  ".join(f"{key} {description}" for key, description in self.entries())

    def rows(self, width: int) -> list[list[tuple[str, str]]]:
        """The entries shown, packed into rows of `width` columns; an entry is never split.

        Normally every entry, in binding order. On a short window at most SHORT_ROWS rows: entries
        in rank order, each into the first row with room for it, and left out if none has.
        """
        ranked = self._ranked_entries()
        if self.screen.has_class("-short"):
            rows: list[list[tuple[str, str]]] = []
            for keys, description, _rank in sorted(ranked, key=lambda entry: entry[2]):
                size = len(keys) + 1 + len(description)
                row = next((row for row in rows if self._width_of(row) + 2 + size <= width), None)
                if row is not None:
                    row.append((keys, description))
                elif len(rows) < SHORT_ROWS:
                    rows.append([(keys, description)])
            return rows or [[]]
        rows = [[]]
        for keys, description, _rank in ranked:
            if rows[-1] and self._width_of(rows[-1]) + 2 + len(keys) + 1 + len(description) > width:
                rows.append([])
            rows[-1].append((keys, description))
        return rows

    @staticmethod
    def _width_of(row: list[tuple[str, str]]) -> int:
        """Columns a row of entries takes, two spaces between entries."""
        return sum(len(keys) + 1 + len(description) for keys, description in row) + 2 * max(len(row) - 1, 0)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.rows(width))

    def render(self) -> RenderResult:
        lines: list[Content] = []
        for row in self.rows(self.content_region.width or self.size.width):
            parts: list[Content | str] = []
            for key, description in row:
                if parts:
                    parts.append("  ")
                parts.append(Content.styled(key, "bold $footer-key-foreground"))
                parts.append(f" {description}")
            lines.append(Content.assemble(*parts))
        return Content("\n").join(lines)
