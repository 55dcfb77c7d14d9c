"""Rows that moved are moved by the terminal (insert and delete line), not drawn again
(tui/output/shift.py): a console screen reader speaks every row drawn, so a list scrolled by one
row, or a result pushed up by a message's row, was heard again whole.

Checked through pyte, with every kind of erase: the screen shown is the one written, whichever
way the rows moved, and the rows that only moved send none of their words.
"""

from __future__ import annotations

import random

import pytest

from tests.support.screen_pair import KIND_IDS, KINDS, Pair
from tui.output.cells import Caps
from tui.output.screen_model import ScreenModel

pytestmark: list[pytest.MarkDecorator] = []

SIZE = (30, 12)
WORDS = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet", "kilo",
         "lima", "mike", "november", "oscar", "papa", "quebec", "romeo", "sierra", "tango"]


def frame(rows: list[str], cursor: tuple[int, int] = (0, 0), style: str = "0", thumb: int | None = None) -> str:
    """A whole screen as Textual writes one: each row from its start, padded to the width, and a
    scroll bar's thumb (a reversed blank in the last column) on the row `thumb`."""
    width = SIZE[0]
    body = "".join(f"\x1b[{n + 1};1H\x1b[{style}m{text[:width - 1].ljust(width - 1)}"
                   f"\x1b[{'7' if n == thumb else '27'}m \x1b[0m" for n, text in enumerate(rows))
    return body + f"\x1b[{cursor[1] + 1};{cursor[0] + 1}H"


def screen(items: list[str], top: int, key_bar: str = "Esc Back", message: str | None = None) -> list[str]:
    """A title, a list of items from `top` in the rows left, an optional message, the key bar."""
    rows = SIZE[1]
    free = rows - 2 - (message is not None)
    shown = items[top:top + free]
    body = ["Settings", *shown, *[""] * (free - len(shown))]
    return [*body, *([message] if message is not None else []), key_bar]


@pytest.mark.parametrize(("screen_class", "caps"), KINDS, ids=KIND_IDS)
def test_rows_moved_by_a_message_or_a_scroll_are_moved_not_sent(screen_class: type, caps: Caps) -> None:
    pair = Pair(screen_class, caps._replace(lines=True), SIZE)
    items = [f"[ ] {word}" for word in WORDS]
    pair.feed(frame(screen(items, 0)))
    # A message takes a row above the key bar: the list loses its last row, the rest stay.
    sent = pair.feed(frame(screen(items, 0, message="Chosen: bravo.")))
    assert not pair.differences(), pair.differences()[:5]
    assert "Chosen: bravo." in sent and "alpha" not in sent
    # The list scrolls by one to keep its highlight in view: only the new last item is drawn.
    sent = pair.feed(frame(screen(items, 1, message="Chosen: bravo.")))
    assert not pair.differences(), pair.differences()[:5]
    assert "\x1b[1M" in sent, sent
    assert all(word not in sent for word in WORDS[1:9]), sent
    assert WORDS[9] in sent
    # And back up by three.
    sent = pair.feed(frame(screen(items, 0)))
    assert not pair.differences(), pair.differences()[:5]
    assert "\x1b[1L" in sent, sent
    assert all(word not in sent for word in WORDS[1:8]), sent


@pytest.mark.parametrize(("screen_class", "caps"), KINDS, ids=KIND_IDS)
def test_random_moves_show_what_was_written(screen_class: type, caps: Caps) -> None:
    rng = random.Random(23)
    items = [f"{rng.choice(WORDS)} {rng.choice(WORDS)} {n}" for n in range(40)]
    pair = Pair(screen_class, caps._replace(lines=True), SIZE)
    top, message = 0, None
    for _ in range(300):
        top = max(0, min(len(items) - 3, top + rng.choice([-3, -2, -1, 0, 1, 1, 2, 5])))
        message = rng.choice([None, None, "Saved.", "A message"])
        if rng.random() < 0.2:
            items[rng.randrange(len(items))] = rng.choice(WORDS)
        rows = screen(items, top, key_bar=rng.choice(["Esc Back", "Enter Open  Esc Back"]), message=message)
        pair.feed(frame(rows, (0, rng.randrange(SIZE[1])), style=rng.choice(["0", "1", "38;5;231;48;5;16"]),
                        thumb=1 + top // 4))
        assert not pair.differences(), (top, message, pair.differences()[:5])


def test_without_insert_and_delete_line_rows_are_sent() -> None:
    model = ScreenModel(Caps(bce=True, ech=True))
    items = [f"[ ] {word}" for word in WORDS]
    model.rewrite(frame(screen(items, 0)), SIZE)
    sent = model.rewrite(frame(screen(items, 1)), SIZE)
    assert "\x1b[1M" not in sent and WORDS[2] in sent
