"""What the guide says in a window far below 40x12, and which terminals get colour: the words and
the terminfo decisions alone, with no process started (the fast set). The bytes a real pty gets
are tests/test_small_and_colourless_terminals.py and tests/test_terminals.py (e2e)."""

from __future__ import annotations

import pytest

from tests.support.terminal_bytes import colour_parameters
from tui.data.terminal import too_small_texts

pytestmark: list[pytest.MarkDecorator] = []

FULL = "Emergency? Call 911 or your local emergency number."


@pytest.mark.parametrize(("width", "height"), [(10, 5), (12, 3), (20, 6), (39, 12), (30, 8), (8, 2)])
def test_the_too_small_words_always_fit_the_window(width: int, height: int) -> None:
    from tui.data.wrap import wrap_spans

    emergency, message = too_small_texts(width, height, "911", FULL, 40, 12)
    rows = sum(len(wrap_spans(text, width - 2)) for text in (emergency, message) if text)
    assert rows <= height
    assert "911" in emergency
    assert all(len(word) <= width - 2 for word in f"{emergency} {message}".split())
    if height >= 3 and width >= 10:
        assert message, "room for a word about the size, and none given"


def test_full_words_when_there_is_room() -> None:
    assert too_small_texts(39, 12, "999", FULL, 40, 12) == (
        FULL, "Please make the window larger: the guide needs at least 40 columns and 12 rows.")


def test_terminfo_colours_follow_the_entry() -> None:
    from tui.data.terminal import wants_no_colour

    assert wants_no_colour({"NO_COLOR": "1", "TERM": "xterm-256color"})
    assert not wants_no_colour({})  # no TERM: nothing known, nothing changed
    assert not wants_no_colour({"TERM": "dumb"})


def test_colour_parameters_are_recognised() -> None:
    # The check below is only as good as this parser.
    assert colour_parameters(b"\x1b[1;38;5;231;48;5;16m \x1b[31m \x1b[0m \x1b[7;39;49m") == {
        "38;5;231", "48;5;16", "31"}
    assert colour_parameters(b"\x1b[38;2;1;2;3m") == {"38;2;1;2;3"}
