"""A list of choices whose highlight is in the text and under the terminal cursor."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.cells import get_character_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.binding import BindingType
from textual.content import Content
from textual.css.styles import RulesMap
from textual.geometry import Offset, Region, Size, Spacing
from textual.reactive import Reactive, reactive
from textual.strip import Strip
from textual.style import Style as VisualStyle
from textual.visual import Padding, RenderOptions, Visual
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.data.words import N_
from tui.data.wrap import single_cell_breaks
from tui.fullscreen.keys import keyed
from tui.fullscreen.messages import Announce
from tui.fullscreen.textual_private import (
    drawn_lines,
    forget_drawn_options,
    option_at_line,
    option_first_line,
    option_height,
    replace_option_prompt,
    reuse_lines,
)
from tui.fullscreen.widgets.ascii_scrollbar import use_ascii_scrollbars
from tui.fullscreen.widgets.handled_now import select_now
from tui.fullscreen.widgets.list_ends import step_or_say

ROWS_KEPT = 512
"""Items' drawn rows kept (each a look and width of one item): more than a list shows at once in
every look, and let go of all together when full (a list's items are made anew as it is filled)."""

MARK = "> "
"""Drawn before the highlighted item, so the highlight is not colour alone (and not lost under NO_COLOR)."""


INDENT = Spacing(0, 0, 0, len(MARK))
"""Every line of an item starts this far in: the first under the "> " mark, the rest under the
words above them, so a wrapped item reads as one (a hanging indent)."""


class PlainLabel(Padding):
    """An item's words as plain text with the hanging indent, counted and drawn from one wrap.

    OptionList asks every item's height when it is filled (the search's places are refilled on
    every letter typed), and Content lays each item out in full for it: styled line objects that
    only their number is kept of; then it lays the items in view out again to draw them. One line
    of single-cell text with no tab is wrapped here once per width where Content's line breaker
    (rich's `divide_line`) would break it (tui/data/wrap.py), and its rows are counted and drawn
    from those lines, as the segments Content would make; anything else is left to Content
    (tests/test_guide_list_heights.py checks the two agree, row for row and style for style).
    """

    def __init__(self, label: str) -> None:
        super().__init__(Content(label), INDENT)
        self.label = label
        self.simple = bool(label) and label.isprintable() and (
            label.isascii() or all(get_character_cell_size(char) == 1 for char in set(label)))
        """One line of single-cell characters (no tab, no new line): wrapped here, not by Content."""
        self.wrapped: tuple[int, list[tuple[int, str]]] = (-1, [])
        """(width, [(offset in the label, the row's words)]) last wrapped."""

    def rows(self, rules: RulesMap, width: int) -> list[tuple[int, str]] | None:
        """Each row's (offset, words) at `width` (the indent's included), as Content wraps them;
        None where Content must do it (other wrapping rules, a tab, a wide letter...)."""
        inner = width - INDENT.width
        wrapped = rules.get("text_wrap", "wrap") == "wrap" and rules.get("text_overflow", "fold") == "fold"
        if not (self.simple and wrapped and not rules.get("line_pad", 0) and inner > 0):
            return None
        if self.wrapped[0] != inner:
            label = self.label
            offsets = single_cell_breaks(label, inner)
            starts = [0, *offsets]
            ends = [*offsets, len(label)]
            rows = [(start, label[start:end].rstrip()) for start, end in zip(starts[:-1], ends[:-1], strict=True)]
            rows.append((starts[-1], label[starts[-1]:][:inner]))  # only blanks go past the edge
            self.wrapped = (inner, rows)
        return self.wrapped[1]

    def get_height(self, rules: RulesMap, width: int) -> int:
        rows = self.rows(rules, width)
        return super().get_height(rules, width) if rows is None else len(rows)

    def render_strips(self, width: int, height: int | None, style: VisualStyle, options: RenderOptions) -> list[Strip]:
        """The rows as Content draws them (the words in the style with their offset, for selection;
        blanks to the width and the indent in the plain style), without laying them out again."""
        rows = self.rows(options.rules, width)
        if (rows is None or any(not words for _, words in rows) or options.selection is not None
                or options.post_style is not None or options.rules.get("text_align", "left") not in ("left", "start")):
            return super().render_strips(width, height, style, options)
        plain_style = style.rich_style
        indent = Segment(" " * INDENT.left, plain_style)
        inner = width - INDENT.width
        strips = []
        for offset, words in rows[:height]:
            segments = [indent, Segment(words, style.rich_style_with_offset(offset, 0))]
            if len(words) < inner:
                segments.append(Segment(" " * (inner - len(words)), plain_style))
            strips.append(Strip(segments, width))
        return strips


def plain(label: str) -> Visual:
    """An item's words as plain text (never markup, so "[ ] Twitching" keeps its brackets),
    with the hanging indent."""
    return PlainLabel(label)


class GuideList(OptionList, inherit_bindings=False):
    """An OptionList that marks the highlighted item with "> " and anchors the cursor on it.

    Screen readers and braille displays follow the terminal's cursor, not colour: the app asks
    `cursor_anchor()` on every frame and moves the cursor to the first letter of the item.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        keyed("list.select", N_("Open"), tooltip=N_("Open the highlighted item")),
        keyed("list.up", N_("Up"), tooltip=N_("Move up the list")),
        keyed("list.down", N_("Down"), tooltip=N_("Move down the list")),
        keyed("list.first", N_("First"), tooltip=N_("Go to the first item")),
        keyed("list.last", N_("Last"), tooltip=N_("Go to the last item")),
        keyed("list.page_up", N_("Page up"), tooltip=N_("Move up a page")),
        keyed("list.page_down", N_("Page down"), tooltip=N_("Move down a page")),
    ]
    """OptionList's keys, each with an id so it can be remapped; no sideways scrolling keys."""

    DEFAULT_CSS = """
    GuideList {
        border: none;
        padding: 0;
        height: 1fr;
        background: $background;
        scrollbar-size-vertical: 1;
        &:focus { border: none; background-tint: $background 0%; }
        & > .option-list--option { padding: 0; }
        /* Disabled rows are group headings here, not greyed-out choices: full contrast. */
        & > .option-list--option-disabled { color: $foreground; text-style: bold; }
    }
    GuideList:ansi {
        & > .option-list--option-highlighted { text-style: reverse bold; }
    }
    """

    auto_links: Reactive[bool] = Reactive(False)
    """An item is plain words, never a link (PlainLabel): Textual need not work out a link style
    and pass every row of every item drawn through it."""

    def __init__(self, labels: Sequence[str], *, id: str | None = None, ids: Sequence[str] | None = None) -> None:
        options = [
            Option(plain(label), id=ids[index] if ids else None) for index, label in enumerate(labels)
        ]
        super().__init__(*options, id=id)
        self.compact = True
        self.texts: list[str] = list(labels)
        """Each row's words, headings included, as shown (for reading aloud)."""
        self._rows_drawn: dict[tuple[int, VisualStyle, int, bool], tuple[Visual, list[Strip]]] = {}
        """Items' rows as drawn, by (the item's words object, look, width, marked): see render_line."""

    def on_mount(self) -> None:
        super().on_mount()
        use_ascii_scrollbars(self)

    def on_resize(self) -> None:
        # A smaller window can leave the highlighted item below the fold, and with it the terminal
        # cursor a screen reader follows: bring it back into view once the lines are re-wrapped.
        self.call_after_refresh(self.scroll_to_highlight)

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        # Given a new size (a message's rows taken from the list, a smaller window), the highlighted
        # item is brought back into view in the frame drawn at that size: Textual's Resize event
        # comes after it, and that frame showed the item cut at the list's foot (or the cursor at
        # the list's top), then the next the whole item, and a reader heard it twice.
        resized = super()._size_updated(size, virtual_size, container_size, layout)
        if resized:
            self.scroll_to_highlight()
        return resized

    def action_select(self) -> None:
        select_now(self)  # the screen acts on Enter before the next key is read

    def action_cursor_up(self) -> None:
        step_or_say(self, -1)  # never round from the first item to the last: it stops, and says so

    def action_cursor_down(self) -> None:
        step_or_say(self, 1)

    def action_page_up(self) -> None:
        # A list that has never had room (its screen was too small from the start) has no lines
        # yet, and OptionList would look up the highlighted item's line and fail: do nothing.
        if option_first_line(self, self.highlighted or 0) is not None:
            super().action_page_up()  # type: ignore[no-untyped-call]

    def action_page_down(self) -> None:
        if option_first_line(self, self.highlighted or 0) is not None:
            super().action_page_down()  # type: ignore[no-untyped-call]

    def forget_drawn(self) -> None:
        """Let go of every item's drawn lines (OptionList keeps up to 2,048 of them, a screenful
        each at a wide window); they are drawn again when the list is next shown."""
        forget_drawn_options(self)
        self._rows_drawn.clear()
        self.refresh()

    def set_labels(self, labels: Sequence[str], ids: Sequence[str] | None = None) -> None:
        """Replace every item, keeping the highlight where it was if it still exists. The same
        items in the same words are left as they are: nothing is drawn or sent again (the search's
        places are often the same for the next letter: "cra", "cram", "cramp")."""
        given: list[str | None] = list(ids) if ids else [None] * len(labels)
        if list(labels) == self.texts and given == self.item_ids():
            return
        keep = self.highlighted
        self.set_options(Option(plain(label), id=ids[i] if ids else None) for i, label in enumerate(labels))
        self.texts = list(labels)
        if labels:
            self.highlighted = min(keep or 0, len(labels) - 1)

    def set_groups(self, groups: Sequence[tuple[str, Sequence[tuple[str, str]]]]) -> None:
        """Fill the list with headed groups: each heading is a row the highlight skips over.

        One list (not one per group) so that it scrolls as one at 40x12, and the arrow keys
        walk every item without a Tab in between.
        """
        keep = self.highlighted
        options: list[Option] = []
        texts: list[str] = []
        for heading, items in groups:
            options.append(Option(Content(heading), disabled=True))
            options.extend(Option(plain(label), id=item_id) for item_id, label in items)
            texts += [heading, *(label for _, label in items)]
        if self.same_items(options, texts):
            # The same choices, some in new words (a choice's state): only their rows change. Set
            # anew, the list was drawn from its top and then scrolled back, and a screen reader
            # heard every row twice.
            for index, text in enumerate(texts):
                if text != self.texts[index]:
                    self.set_label(index, text)
            return
        self.set_options(options)
        self.texts = texts
        enabled = [i for i, option in enumerate(options) if not option.disabled]
        if enabled:
            self.highlighted = keep if keep in enabled else enabled[0]

    def same_items(self, options: Sequence[Option], texts: Sequence[str]) -> bool:
        """The list has these items already, by id, with the same headings: only words differ."""
        if len(options) != self.option_count:
            return False
        for index, option in enumerate(options):
            mine = self.get_option_at_index(index)
            if (mine.id, mine.disabled) != (option.id, option.disabled):
                return False
            if option.disabled and texts[index] != self.texts[index]:
                return False
        return True

    def set_label(self, index: int, label: str) -> None:
        """Change one item's words (for example its "(selected)" state): only its rows are drawn
        again, unless it now takes more or fewer of them."""
        if not replace_option_prompt(self, index, plain(label)):
            first = option_first_line(self, index)
            if first is not None:
                top = first - round(self.scroll_offset.y)
                self.refresh(Region(0, top, self.size.width, option_height(self, index)))
        self.texts[index] = label
        if index == self.highlighted:  # longer words may wrap onto a line below the fold
            self.call_after_refresh(self.scroll_to_highlight)

    def item_ids(self) -> list[str | None]:
        """Every item's id (None for those without one), headings included."""
        return [self.get_option_at_index(index).id for index in range(self.option_count)]

    def item_texts(self) -> list[str]:
        """Every item's words, without the marks (for reading aloud)."""
        return list(self.texts)

    def current_text(self) -> str:
        """The highlighted item's words, or ""."""
        index = self.highlighted
        return self.texts[index] if index is not None and index < len(self.texts) else ""

    highlighted: reactive[int | None] = reactive(None, repaint=False)
    """As OptionList's, but a change repaints only the two rows that change (see below)."""

    _drawn_highlight: int | None = None
    """The item drawn highlighted last time, so a change can repaint just it and the new one."""

    def watch_highlighted(self, highlighted: int | None) -> None:
        # Over SSH every byte crosses the link, and a console screen reader reads every line that
        # is redrawn: repaint the old and the new item only, not the whole list.
        scroll_y = round(self.scroll_offset.y)
        before = self.scroll_offset
        drawn = drawn_lines(self)
        super().watch_highlighted(highlighted)
        changed = (self._drawn_highlight, highlighted)
        if self.scroll_offset != before:
            # Every row moves, and is sent; but only the two items' rows and those scrolled into
            # view are drawn again: the rest were drawn a row or two away (a scrolling press drew
            # every row of the list, the larger part of its processor time).
            self.refresh()
            moved = round(self.scroll_offset.y) - scroll_y
            reuse_lines(self, {y - moved: strip for y, strip in drawn.items()}, self.item_rows(changed))
        else:
            for index in changed:
                first = option_first_line(self, index) if index is not None else None
                if index is not None and first is not None:
                    self.refresh(Region(0, first - scroll_y, self.size.width, option_height(self, index)))
        self._drawn_highlight = highlighted
        # Self-voicing: a newly highlighted item is spoken (only in the list that has focus).
        if highlighted is not None and self.has_focus and self.screen.is_current:
            self.post_message(Announce(self, self.current_text()))

    def item_rows(self, indexes: Sequence[int | None]) -> set[int]:
        """The rows of the list the items at `indexes` are drawn on now (those laid out)."""
        rows: set[int] = set()
        scroll_y = round(self.scroll_offset.y)
        for index in indexes:
            first = option_first_line(self, index) if index is not None else None
            if index is not None and first is not None:
                rows.update(range(first - scroll_y, first - scroll_y + option_height(self, index)))
        return rows

    def render_line(self, y: int) -> Strip:
        """One row of an item, from its rows drawn once for each look it has (plain, highlighted,
        heading) and width, the highlighted item's first row with the "> " mark over the two blank
        columns every item starts with.

        OptionList draws a row by drawing the whole item (cached), then adds to each segment's
        style the item's number for the mouse, which the guide never reads (it turns the mouse
        off): a new style object per segment, a quarter of the row's time. The search's places are
        new items on every letter typed, so each of their rows was drawn that way in the letter's
        frame.
        """
        drawn = option_at_line(self, round(self.scroll_offset.y) + y)
        if drawn is None:
            return super().render_line(y)  # below the last item: OptionList's blank row
        index, line_offset = drawn
        option = self.get_option_at_index(index)
        visual = option.prompt
        if not isinstance(visual, Visual) or self.get_component_styles("option-list--option").padding:
            return super().render_line(y)  # not one the guide makes: drawn and marked as OptionList draws it
        marked = index == self.highlighted and not option.disabled
        if option.disabled:
            style = self.get_visual_style("option-list--option", "option-list--option-disabled")
        elif marked:
            style = self.get_visual_style("option-list--option", "option-list--option-highlighted")
        else:
            style = self.get_visual_style("option-list--option")
        width = self.scrollable_content_region.width
        key = (id(visual), style, width, marked)
        kept = self._rows_drawn.get(key)
        if kept is None or kept[0] is not visual:
            kept = (visual, self.draw_rows(visual, style, width, marked))
            if len(self._rows_drawn) >= ROWS_KEPT:
                self._rows_drawn.clear()
            self._rows_drawn[key] = kept
        rows = kept[1]
        return rows[line_offset] if line_offset < len(rows) else Strip.blank(width, style.rich_style)

    def draw_rows(self, visual: Visual, style: VisualStyle, width: int, marked: bool) -> list[Strip]:
        """Every row of one item at `width`, in `style`, marked if it is highlighted."""
        drawn = Visual.to_strips(self, visual, width, None, style)
        rows = [strip.extend_cell_length(width, style.rich_style) for strip in drawn]
        if marked and rows and rows[0].cell_length >= len(MARK):
            first = rows[0]
            mark_style = next((seg.style for seg in first if seg.text.strip()), None) or Style()
            rows[0] = Strip.join([Strip([Segment(MARK, mark_style)]), first.crop(len(MARK), first.cell_length)])
        return [row.simplify() for row in rows]

    def cursor_extent(self) -> int:
        """Rows the highlighted item takes on screen from its first (1 if it is not shown)."""
        anchor = self.cursor_anchor()
        if anchor is None or self.highlighted is None:
            return 1
        return max(1, min(option_height(self, self.highlighted), self.content_region.bottom - anchor.y))

    def cursor_anchor(self) -> Offset | None:
        """Screen position of the highlighted item's first letter, or None if it is not shown."""
        if self.highlighted is None or not self.region:
            return None
        line = option_first_line(self, self.highlighted)
        if line is None:
            return None
        region = self.content_region
        y = region.y + line - self.scroll_offset.y
        if not region.y <= y < region.bottom:
            return None
        return Offset(region.x + len(MARK), y)
