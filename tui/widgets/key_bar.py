"""The keys of the current screen, in words, wrapping onto more lines instead of being cut off."""

from __future__ import annotations

from textual.app import RenderResult
from textual.content import Content
from textual.geometry import Size
from textual.screen import Screen
from textual.widget import Widget


class KeyBar(Widget):
    """Every key shown for this screen: "n Next  p Previous  Esc Back ...".

    Textual's Footer scrolls sideways and hides keys on a narrow terminal; at 40 columns with a
    large font every key must still be visible, so this one wraps. Digits bound to sections
    collapse into one "1-9 Section" entry.
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

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen[object]) -> None:
        """Redraw only when the set of keys changed (a focus move rarely changes them)."""
        text = self.describe()
        if text != getattr(self, "_last", None):
            self._last = text
            self.refresh(layout=True)

    def entries(self) -> list[tuple[str, str]]:
        """(keys, description) for every binding shown on this screen, in binding order.

        Keys that do the same thing share one entry ("n/Right Next"), so none is hidden.
        """
        keys_for: dict[str, list[str]] = {}
        digits = False
        for key, active in self.screen.active_bindings.items():
            binding = active.binding
            if not binding.show or not binding.description:
                continue
            if key.isdigit():
                digits = True
                continue
            shown = keys_for.setdefault(binding.description, [])
            display = self.app.get_key_display(binding)
            if display not in shown:
                shown.append(display)
        out = [("/".join(keys), description) for description, keys in keys_for.items()]
        if digits:
            out.append(("1-9", "Section"))
        return out

    def describe(self) -> str:
        """The bar as plain text (also what tests read)."""
        return "  ".join(f"{key} {description}" for key, description in self.entries())

    def rows(self, width: int) -> list[list[tuple[str, str]]]:
        """Entries packed into rows of `width` columns; an entry is never split across rows."""
        rows: list[list[tuple[str, str]]] = [[]]
        used = 0
        for key, description in self.entries():
            size = len(key) + 1 + len(description)
            if rows[-1] and used + 2 + size > width:
                rows.append([])
                used = 0
            used += size + (2 if rows[-1] else 0)
            rows[-1].append((key, description))
        return rows

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
