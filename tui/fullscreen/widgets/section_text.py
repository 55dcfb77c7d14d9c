"""A section's text, wrapped to a readable width, scrolled by keyboard, with a reading highlight."""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.binding import BindingType
from textual.geometry import Offset, Region, Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.data.content import Section
from tui.data.words import N_
from tui.data.wrap import WrappedLine, phrase_spans, wrap_paragraphs
from tui.fullscreen.keys import keyed
from tui.fullscreen.textual_private import set_virtual_size
from tui.fullscreen.widgets.ascii_scrollbar import use_ascii_scrollbars
from tui.fullscreen.widgets.prepared_lines import PreparedLines

BLANK = -1
"""A wrapped line's paragraph for the blank spacer between paragraphs."""
END = -2
"""Its paragraph for the rows after the last that say the text has ended (wrapped as a paragraph:
"Fin de Ayuda: ... Presione Esc para volver." is wider than 80 columns)."""

SKIPPED = 3
"""Lines made ahead past each page next to the view (blank lines Down skips move the page on)."""

MAX_WIDTH = 72
"""Longest line drawn: comfortable to read, and to follow on a braille display."""


class SectionText(ScrollView, can_focus=True, inherit_bindings=False):
    """The body of one section: paragraphs, bullets ("- "), subheadings and marked notes.

    Drawn line by line (Textual's line API) so that a scroll or a highlight repaints only the
    lines that change, and so that any (paragraph, character) maps to a screen line.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        keyed("text.up", N_("Up"), tooltip=N_("Read the line before")),
        keyed("text.down", N_("Down"), tooltip=N_("Read the next line")),
        keyed("text.page_up", N_("Page up"), tooltip=N_("Read the page before")),
        keyed("text.page_down", N_("Page down"), tooltip=N_("Read the next page")),
        keyed("text.home", N_("Start"), tooltip=N_("Go to the start")),
        keyed("text.end", N_("End"), tooltip=N_("Go to the end")),
    ]
    """Reading by line and by page. Left and right are a braille display's routing keys: free."""

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

    def __init__(self, section: Section, *, id: str | None = None, end_text: str | None = None) -> None:
        super().__init__(id=id)
        self.section = section
        self.paragraphs, self.kinds, self.joined = self._flatten(section)
        self._lines: list[WrappedLine] = []
        self._width = 0
        self.end_text = end_text
        """Said on a row of its own after the last line (Down there says it again), or None."""
        self.line = 0
        """The line being read: the cursor is on its first letter (a reader reads by line)."""
        self.paged = False
        """Set by Page down: the next Down reads the line after the page just heard."""
        self.row_again = False
        """A key here asked for the cursor's row to be sent in the next frame though unchanged
        (`take_row_again`, asked by the app on each frame)."""
        self._prepared = PreparedLines()
        """The lines drawn, and those of the pages before and after the view made ahead."""
        self._preparing = False
        """The pages next to the view are to be made once the frame being drawn is out."""
        self._base: Style | None = None
        """The text's own style, taken once a frame (`render_lines`) rather than once a line."""

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

    def set_section(self, section: Section, end_text: str | None = None) -> None:
        """Show another section: new text, back at the top, no highlight."""
        self.section = section
        self.paragraphs, self.kinds, self.joined = self._flatten(section)
        self.end_text = end_text if end_text is not None else self.end_text
        self._width = 0
        self._prepared.forget()
        self.line, self.paged = 0, False
        self.highlight = None
        self.on_resize()
        self.scroll_to(y=0, animate=False, immediate=True)
        self.refresh()

    def wrap(self, width: int) -> list[WrappedLine]:
        """Wrap for `width` columns (at most MAX_WIDTH), cached while the width is unchanged."""
        width = max(1, min(width, MAX_WIDTH))
        if width != self._width:
            reading = self._lines[self.line] if 0 <= self.line < len(self._lines) else None
            self._width = width
            self._prepared.forget()
            self._lines = wrap_paragraphs(self.paragraphs, width, self.joined)
            if self.end_text:
                self._lines += [WrappedLine(BLANK, 0, 0, 0)]
                self._lines += [WrappedLine(END, s, e, i) for s, e, i in phrase_spans(self.end_text, width)]
            # The same words under the cursor at the new width.
            if reading is not None and reading.paragraph == END:
                self.line = self.end_row()
            elif reading is None or reading.paragraph < 0:
                self.line = min(self.line, len(self._lines) - 1) if reading is not None else self.first_text()
            else:
                self.line = self.line_of(reading.paragraph, reading.start)
        return self._lines

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.wrap(width))

    def on_resize(self) -> None:
        lines = self.wrap(self.scrollable_content_region.width)
        # Room to page past the end: Page down always brings a page of lines not yet heard (near
        # the end a page scrolled short would be mostly lines heard already, sent and said again).
        height = self.scrollable_content_region.height
        past = height - 1 if self.end_text and len(lines) > height > 1 else 0
        # Without the layout of the whole screen the reactive asks for (a key's frame must be
        # out within a screen reader's 20 ms); the scroll bars ask for one if they come or go.
        set_virtual_size(self, Size(self._width, len(lines) + past))

    def on_mount(self) -> None:
        use_ascii_scrollbars(self)
        self.on_resize()

    def end_row(self) -> int:
        """The first row of the end message (the last row, where there is none): End and the
        last Down land there, so the message is heard from its start."""
        last = len(self._lines) - 1
        while last > 0 and self._lines[last - 1].paragraph == END:
            last -= 1
        return max(last, 0)

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
        self.line, self.paged = self.line_of(paragraph), False
        self.scroll_to(y=self.line, animate=False, immediate=True)

    # -- reading by line ------------------------------------------------------------------------

    def first_text(self, start: int = 0, step: int = 1) -> int:
        """The first line from `start` (going by `step`) that has words; the end row counts."""
        number = start
        while 0 <= number < len(self._lines):
            if self._lines[number].paragraph != BLANK:
                return number
            number += step
        return max(0, min(start, len(self._lines) - 1)) if step > 0 else self.first_text(0)

    def read_line(self, number: int) -> None:
        """Put the cursor on line `number` and draw a frame (a move within the view changes no
        cell, but the cursor must go there now). A line below the view brings a new page with it
        at the top, one above a page with it at the bottom: a scroll repaints every row, and a
        frame that slow may miss the reader's 20 ms, so it comes once a page, not every line."""
        top, height = round(self.scroll_offset.y), max(1, self.scrollable_content_region.height)
        before, self.line = self.line, number
        if number < top:
            self.scroll_to(y=max(0, number - height + 1), animate=False, immediate=True)
        elif number >= top + height:
            self.scroll_to(y=min(number, self.max_scroll_y), animate=False, immediate=True)
        self.say_again()
        width = self.size.width
        for row in (before - top, number - top):
            if 0 <= row < height:
                self.refresh(Region(0, row, width, 1))

    def say_again(self) -> None:
        """Send the cursor's row again in the next frame, changed or not: a key that changes
        nothing (End at the end) is still answered, with the line the reader is on.

        Kept here and asked for by the app as it draws the frame (as `cursor_anchor` is), not
        posted: a message could arrive after the frame it is for."""
        self.row_again = True

    def take_row_again(self) -> bool:
        """Whether the cursor's row must be sent again though unchanged (asked once per frame)."""
        again, self.row_again = self.row_again, False
        return again

    def action_next_line(self) -> None:
        """Down: the next line with words (the end message after the last), never one heard twice."""
        top, height = round(self.scroll_offset.y), self.scrollable_content_region.height
        start = max(self.line + 1, top + height) if self.paged else self.line + 1
        self.paged = False
        last = len(self._lines) - 1
        self.read_line(self.first_text(start) if start <= last else last)

    def action_previous_line(self) -> None:
        self.paged = False
        self.read_line(self.first_text(self.line - 1, -1) if self.line > 0 else 0)

    def action_next_page(self) -> None:
        """Page down: the next page of lines not yet heard, the cursor on its first line."""
        top, height = round(self.scroll_offset.y), max(1, self.scrollable_content_region.height)
        last = len(self._lines) - 1
        if top + height > last:  # the end is on screen: say it
            self.paged = False
            self.read_line(self.end_row())
            return
        self.scroll_to(y=min(top + height, self.max_scroll_y), animate=False, immediate=True)
        self.line = self.first_text(top + height)
        self.paged = True
        self.refresh()

    def action_previous_page(self) -> None:
        top, height = round(self.scroll_offset.y), max(1, self.scrollable_content_region.height)
        new_top = max(0, top - height)
        self.scroll_to(y=new_top, animate=False, immediate=True)
        self.line, self.paged = self.first_text(new_top), False
        self.say_again()
        self.refresh()

    def action_first_line(self) -> None:
        self.paged = False
        self.scroll_to(y=0, animate=False, immediate=True)
        self.line = self.first_text(0)
        self.say_again()
        self.refresh()

    def action_last_line(self) -> None:
        """End: the last line (the end message, where there is one)."""
        self.paged = False
        last, height = len(self._lines) - 1, max(1, self.scrollable_content_region.height)
        if round(self.scroll_offset.y) + height <= last:  # the last page, with the end at its foot
            self.scroll_to(y=max(0, last - height + 1), animate=False, immediate=True)
        self.read_line(self.end_row())

    def watch_highlight(self, old: tuple[int, int, int] | None, value: tuple[int, int, int] | None) -> None:
        # The lines of the sentence left and of the one now read are drawn again.
        changed = {mark[0] for mark in (old, value) if mark is not None}
        self._prepared.forget(lambda number: number < len(self._lines) and self._lines[number].paragraph in changed)
        if value is not None:
            first, last = self.line_of(value[0], value[1]), self.line_of(value[0], value[2])
            top, height = round(self.scroll_offset.y), self.scrollable_content_region.height
            if first < top or last >= top + height:
                self.scroll_to(y=first, animate=False, immediate=True)
        self.refresh()

    def render_lines(self, crop: Region) -> list[Strip]:
        """The rows of a frame: the styles taken once for them all, and, once the frame is out,
        the lines of the pages before and after the view made (`_prepare_nearby`)."""
        self._base = self.rich_style
        self._prepared.drawn_with((self.scrollable_content_region.width, self._base,
                                   *(self.get_component_rich_style(name) for name in sorted(self.COMPONENT_CLASSES))))
        if not self._preparing:
            self._preparing = True
            self.call_later(self._prepare_nearby)
        return super().render_lines(crop)

    def _prepare_nearby(self) -> None:
        """Make the lines of the page after the view and of the page before it: the key that
        brings either draws it from lines made (a reader spends far longer on a line than this)."""
        self._preparing = False
        top, height = round(self.scroll_offset.y), max(1, self.scrollable_content_region.height)
        if self._base is None or self._width != max(1, min(self.scrollable_content_region.width, MAX_WIDTH)):
            return  # not drawn at this width yet: its first frame draws the lines
        # A few lines more each way: Down skips a blank line to the next with words, and puts that
        # at the top of the new page.
        numbers = [*range(top + height, min(len(self._lines), top + 2 * height + SKIPPED)),
                   *range(max(0, top - height - SKIPPED), top)]
        self._prepared.make(numbers, self._draw)

    def render_line(self, y: int) -> Strip:
        # Wrapped for the width it has now: a text that was hidden (width 0) is painted once
        # before its resize event, and must not be drawn one letter a row.
        self.wrap(self.scrollable_content_region.width)
        return self._prepared.line(round(self.scroll_offset.y) + y, self._draw)

    def _draw(self, number: int) -> Strip:
        """Wrapped line `number` as a row of the text's width."""
        width = self.scrollable_content_region.width
        base = self._base if self._base is not None else self.rich_style
        if number >= len(self._lines) or self._lines[number].paragraph == BLANK:
            return Strip.blank(width, base)
        line = self._lines[number]
        if line.paragraph == END:
            end = (self.end_text or "")[line.start : line.end]
            return Strip([Segment(end, base)]).extend_cell_length(width, base).crop(0, width)
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

    def cursor_extent(self) -> int:
        """Rows the line being read takes from the cursor's: the rest of the end message's (in the
        view), sent together with its first row first (End in Help sent other rows between
        them), else one."""
        top, height = round(self.scroll_offset.y), self.scrollable_content_region.height
        if self.highlight or not 0 <= self.line - top < height or self.line >= len(self._lines):
            return 1
        rows = 0
        while self.line + rows < min(len(self._lines), top + height) and self._lines[self.line + rows].paragraph == END:
            rows += 1
        return max(1, rows)

    def cursor_anchor(self) -> Offset | None:
        """The first letter of the highlighted sentence, or of the line being read (or of the top
        visible line, if that line has been scrolled away by other means)."""
        region = self.content_region
        top = round(self.scroll_offset.y)
        wanted = self.line_of(self.highlight[0], self.highlight[1]) if self.highlight else self.line
        if not top <= wanted < top + region.height:
            wanted = top
        for number in range(max(wanted, top), min(len(self._lines), top + region.height)):
            line = self._lines[number]
            if line.paragraph == END:
                return Offset(region.x, region.y + number - top)
            if line.paragraph >= 0:
                # A sentence may start part-way along its line: the cursor goes to its first letter.
                into = self.highlight[1] - line.start if self.highlight and number == wanted else 0
                into = into if 0 <= into < line.end - line.start else 0
                return Offset(region.x + line.indent + into, region.y + number - top)
        return Offset(region.x, region.y)
