"""A section's text, wrapped to a readable width, scrolled by keyboard, with a reading highlight."""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding, BindingType
from textual.geometry import Offset, Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.data.content import Section
from tui.data.wrap import WrappedLine, wrap_paragraphs
from tui.widgets.ascii_scrollbar import use_ascii_scrollbars

MAX_WIDTH = 72
"""Longest line drawn: comfortable to read, and to follow on a braille display."""


class SectionText(ScrollView, can_focus=True, inherit_bindings=False):
    """The body of one section: paragraphs, bullets ("- "), subheadings and marked notes.

    Drawn line by line (Textual's line API) so that a scroll or a highlight repaints only the
    lines that change, and so that any (paragraph, character) maps to a screen line.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "scroll_up", "Up", show=False, id="text.up", tooltip="Scroll up a line"),
        Binding("down", "scroll_down", "Down", show=False, id="text.down", tooltip="Scroll down a line"),
        Binding("pageup", "page_up", "Page up", show=False, id="text.page_up", tooltip="Scroll up a page"),
        Binding("pagedown", "page_down", "Page down", show=False, id="text.page_down",
                tooltip="Scroll down a page"),
        Binding("home", "scroll_home", "Start", show=False, id="text.home", tooltip="Go to the start"),
        Binding("end", "scroll_end", "End", show=False, id="text.end", tooltip="Go to the end"),
    ]
    """Scrolling only: left and right are left free for previous and next section."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"section-text--subheading", "section-text--note",
                                             "section-text--highlight"}
    """
    | Class | Description |
    | :- | :- |
    | `section-text--subheading` | A subheading inside the section. |
    | `section-text--note` | An addition or correction to the source. |
    | `section-text--highlight` | The sentence being read aloud. |
    """

    DEFAULT_CSS = """
    SectionText {
        height: 1fr;
        scrollbar-size-vertical: 1;
        & > .section-text--subheading { text-style: bold; }
        & > .section-text--note { color: $note-foreground; }
        & > .section-text--highlight { color: $highlight-foreground; background: $highlight-background; }
    }
    SectionText:ansi {
        & > .section-text--note { color: ansi_default; text-style: italic; }
        & > .section-text--highlight { text-style: reverse; }
    }
    """

    highlight: reactive[tuple[int, int, int] | None] = reactive(None, layout=False)
    """(paragraph, start, end) of the sentence being read, or None."""

    def __init__(self, section: Section, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.section = section
        self.paragraphs, self.kinds, self.joined = self._flatten(section)
        self._lines: list[WrappedLine] = []
        self._width = 0

    @staticmethod
    def _flatten(section: Section) -> tuple[list[str], list[str], set[int]]:
        """The body as one string per paragraph or bullet, matching Section.plain_paragraphs()."""
        texts: list[str] = []
        kinds: list[str] = []
        joined: set[int] = set()
        for block in section.blocks:
            for position, line in enumerate(block.lines):
                if block.kind == "bullets":
                    if position:
                        joined.add(len(texts))
                    texts.append(f"- {line}")
                else:
                    texts.append(line)
                kinds.append(block.kind)
        return texts, kinds, joined

    def set_section(self, section: Section) -> None:
        """Show another section: new text, back at the top, no highlight."""
        self.section = section
        self.paragraphs, self.kinds, self.joined = self._flatten(section)
        self._width = 0
        self.highlight = None
        self.on_resize()
        self.scroll_to(y=0, animate=False, immediate=True)
        self.refresh()

    def wrap(self, width: int) -> list[WrappedLine]:
        """Wrap for `width` columns (at most MAX_WIDTH), cached while the width is unchanged."""
        width = max(1, min(width, MAX_WIDTH))
        if width != self._width:
            self._width = width
            self._lines = wrap_paragraphs(self.paragraphs, width, self.joined)
        return self._lines

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.wrap(width))

    def on_resize(self) -> None:
        lines = self.wrap(self.scrollable_content_region.width)
        self.virtual_size = Size(self._width, len(lines))

    def on_mount(self) -> None:
        use_ascii_scrollbars(self)
        self.on_resize()

    def line_of(self, paragraph: int, offset: int = 0) -> int:
        """The wrapped line (0-based) that holds `offset` of `paragraph`."""
        for number, line in enumerate(self._lines):
            if line.paragraph == paragraph and line.start <= offset <= line.end:
                return number
        return 0

    def show_paragraph(self, paragraph: int) -> None:
        """Scroll so that `paragraph` starts at the top (used when a search result opens)."""
        # Wrap for the width the text has now: lines wrapped before layout (width 1) would put
        # the paragraph far down, and the scroll would land on the end of a long section.
        self.on_resize()
        self.scroll_to(y=self.line_of(paragraph), animate=False, immediate=True)

    def watch_highlight(self, value: tuple[int, int, int] | None) -> None:
        if value is not None:
            first, last = self.line_of(value[0], value[1]), self.line_of(value[0], value[2])
            top, height = round(self.scroll_offset.y), self.scrollable_content_region.height
            if first < top or last >= top + height:
                self.scroll_to(y=first, animate=False, immediate=True)
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        # Wrapped for the width it has now: a text that was hidden (width 0) is painted once
        # before its resize event, and must not be drawn one letter a row.
        self.wrap(width)
        number = round(self.scroll_offset.y) + y
        if number >= len(self._lines) or self._lines[number].paragraph < 0:
            return Strip.blank(width, base)
        line = self._lines[number]
        text = self.paragraphs[line.paragraph]
        kind = self.kinds[line.paragraph]
        style = base
        if kind in ("subheading", "note"):
            style = base + self.get_component_rich_style(f"section-text--{kind}")
        segments = [Segment(" " * line.indent, base)]
        segments += self._highlighted(text, line, style)
        # simplify() joins same-style segments: fewer style codes cross the link.
        return Strip(segments).extend_cell_length(width, base).crop(0, width).simplify()

    def _highlighted(self, text: str, line: WrappedLine, style: Style) -> list[Segment]:
        """The line's text, with the part under the reading highlight styled."""
        mark = self.highlight
        if mark is None or mark[0] != line.paragraph or mark[2] <= line.start or mark[1] >= line.end:
            return [Segment(text[line.start : line.end], style)]
        lit = style + self.get_component_rich_style("section-text--highlight")
        left, right = max(mark[1], line.start), min(mark[2], line.end)
        return [Segment(text[line.start : left], style), Segment(text[left:right], lit),
                Segment(text[right : line.end], style)]

    def cursor_anchor(self) -> Offset | None:
        """The first letter of the highlighted sentence, or of the top visible line."""
        region = self.content_region
        top = round(self.scroll_offset.y)
        wanted = self.line_of(self.highlight[0], self.highlight[1]) if self.highlight else top
        for number in range(max(wanted, top), min(len(self._lines), top + region.height)):
            line = self._lines[number]
            if line.paragraph >= 0:
                # A sentence may start part-way along its line: the cursor goes to its first letter.
                into = self.highlight[1] - line.start if self.highlight and number == wanted else 0
                into = into if 0 <= into < line.end - line.start else 0
                return Offset(region.x + line.indent + into, region.y + number - top)
        return Offset(region.x, region.y)
