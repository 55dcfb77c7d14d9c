"""An item's rows counted by its line breaker alone (PlainLabel in tui/fullscreen/widgets/guide_list.py)
are the rows Textual lays it out in: for any words and any width, or the list's lines, its
cursor and its scroll bar would be wrong. Also the canary for rich's `divide_line`, the private
function Textual's Content wraps with."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from textual.content import Content
from textual.css.styles import Styles
from textual.visual import Padding

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
