"""An item's rows counted by its line breaker alone (PlainLabel in tui/fullscreen/widgets/guide_list.py)
are the rows Textual lays it out in: for any words and any width, or the list's lines, its
cursor and its scroll bar would be wrong. Also the canary for rich's `divide_line`, the private
function Textual's Content wraps with, here copied for single-cell text (tui/data/wrap.py)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.segment import Segment
from textual.color import Color
from textual.content import Content
from textual.css.styles import Styles
from textual.style import Style as VisualStyle
from textual.visual import Padding, RenderOptions

from tui.data.wrap import breaks_word_by_word, single_cell_breaks
from tui.fullscreen.widgets.guide_list import INDENT, PlainLabel

pytestmark: list[pytest.MarkDecorator] = []

WORDS = st.text(st.sampled_from("abc XYZ.,:-'\"()[]…ñáü 12\t\n漢"), max_size=140)
"""Words as the guide's labels have them, with what takes the slow way (tabs, new lines, wide letters)."""


def laid_out(label: str, rules: Styles, width: int) -> int:
    """The rows Textual's own Content lays `label` out in, with the hanging indent."""
    return Padding(Content(label), INDENT).get_height(rules, width)


@settings(max_examples=400, deadline=None)
@given(label=WORDS, width=st.integers(min_value=INDENT.width + 1, max_value=100))  # Textual fails at 0 inside
def test_counted_rows_are_the_rows_laid_out(label: str, width: int) -> None:
    rules = Styles()
    counted = PlainLabel(label)
    assert counted.get_height(rules, width) == laid_out(label, rules, width)
    assert counted.get_height(rules, width) == laid_out(label, rules, width)  # the second time, from its memory


@settings(max_examples=400, deadline=None)
@given(label=st.text(st.sampled_from("ab cdefghij  .,:-"), max_size=200), width=st.integers(min_value=1, max_value=90))
def test_rows_found_by_their_edges_break_where_words_one_by_one_do(label: str, width: int) -> None:
    """The quick way for ASCII (a search back from each row's edge) against rich's way, word by word."""
    assert single_cell_breaks(label, width) == breaks_word_by_word(label, width)


@pytest.mark.parametrize("label", ["", "5. What helps during a spasm: ...they do not help while a cramp is going on.",
                                   "1. Qué son los espasmos musculares: ...los calambres de los años...",
                                   "a" * 90, "word " * 30])
@pytest.mark.parametrize("width", [3, 38, 40, 77, 78, 80])
def test_search_places_at_both_sizes(label: str, width: int) -> None:
    rules = Styles()
    assert PlainLabel(label).get_height(rules, width) == laid_out(label, rules, width)


def test_other_wrapping_rules_are_left_to_textual() -> None:
    rules = Styles()
    rules.text_wrap = "nowrap"
    label = "word " * 30
    assert PlainLabel(label).get_height(rules, 40) == laid_out(label, rules, 40) > 1  # folded, not wrapped


STYLES = [VisualStyle(), VisualStyle(Color(200, 200, 200), Color(10, 10, 10)),
          VisualStyle(Color(0, 0, 0), Color(255, 255, 255), bold=True, reverse=True)]
"""A plain item, one in colour, and the highlighted one (reverse and bold, as under NO_COLOR)."""


def drawn(visual: Padding, width: int, style: VisualStyle, height: int | None = None) -> list[list[Segment]]:
    options = RenderOptions(VisualStyle.parse, Styles())
    return [list(strip) for strip in visual.render_strips(width, height, style, options)]


@settings(max_examples=400, deadline=None)
@given(label=WORDS, width=st.integers(min_value=INDENT.width + 1, max_value=100), style=st.sampled_from(STYLES))
def test_rows_drawn_from_the_wrap_are_the_rows_content_draws(label: str, width: int, style: VisualStyle) -> None:
    """Segment for segment, style (and its offset, for selection) for style: the place drawn from
    its one wrap looks and behaves as Textual's own drawing of it."""
    assert drawn(PlainLabel(label), width, style) == drawn(Padding(Content(label), INDENT), width, style)


@pytest.mark.parametrize("width", [38, 77])
def test_a_place_is_drawn_from_its_wrap_not_laid_out_again(width: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """The place is wrapped once for its height and its drawing: Content lays nothing out."""
    label = "5. What helps during a spasm: ...they do not help while a cramp is going on. They can ease"
    laid_out: list[str] = []
    wrap = Content._wrap_and_format

    def counted(self: Content, *args: object, **kwargs: object) -> object:
        laid_out.append(self.plain)
        return wrap(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Content, "_wrap_and_format", counted)
    place = PlainLabel(label)
    rows = place.get_height(Styles(), width)
    assert len(drawn(place, width, STYLES[1])) == rows > 1
    assert len(drawn(place, width, STYLES[2], height=1)) == 1
    assert laid_out == []
