"""Rows the screen model holds back or sends again, in the order a reader should hear them
(tui/output/screen_model.py), checked through pyte: the screen shown is always the one written
once nothing is held.

- A row sent again for focus waits for the stream to draw it: sent at a harmless sequence before
  the frame's text, it said what the row held before (the last dialog's hint).
- A held row (a message going, the screen under a dialog) is not sent; once let go it is sent
  with the next write, unless that write, or the one that let it go, draws it; if no write comes,
  the owner flushes it (the lean driver, after LEFT_WAITING_AT_MOST).
"""

from __future__ import annotations

import pytest

from tests.support.screen_pair import XTERM, AttrsScreen, Pair

pytestmark: list[pytest.MarkDecorator] = []

SIZE = (20, 5)
POINTER = "\x1b]22;default\x07"
"""A harmless sequence Textual writes before a frame (the pointer's shape)."""


def rows(texts: list[str], cursor: tuple[int, int] = (0, 0), before: str = "") -> str:
    body = "".join(f"\x1b[{n + 1};1H{text.ljust(SIZE[0])}" for n, text in enumerate(texts))
    return before + body + f"\x1b[{cursor[1] + 1};{cursor[0] + 1}H"


def test_a_row_sent_again_for_focus_goes_out_as_the_frame_draws_it() -> None:
    pair = Pair(AttrsScreen, XTERM, SIZE)
    pair.feed(rows(["Title", "Old hint", "", "", "Keys"], cursor=(0, 3)))
    # Focus moves to row 1, and the frame draws a new row there after a harmless sequence.
    sent = pair.feed(rows(["Title", "New question", "", "", "Keys"], cursor=(0, 1), before=POINTER))
    assert not pair.differences(), pair.differences()
    assert "Old hint" not in sent, sent
    assert sent.index(POINTER) < sent.index("New question")


def test_held_rows_wait_and_go_out_once_let_go() -> None:
    pair = Pair(AttrsScreen, XTERM, SIZE)
    pair.feed(rows(["Title", "Item", "Saved.", "", "Keys"]))
    pair.model.held_rows = frozenset({2, 3})
    sent = pair.feed(rows(["Title", "Item", "", "Saved.", "Keys"]))
    assert "Saved." not in sent, sent
    assert pair.lean.display[2].strip() == "Saved.", "a held row changed on the terminal"
    pair.model.held_rows = frozenset()
    # The write that lets them go draws neither: they wait one write more, then go out.
    sent = pair.feed("\x1b[1;1HTitle\x1b[1;1H")
    assert "Saved." not in sent, sent
    sent = pair.feed("\x1b[1;1HTitle\x1b[1;1H")
    assert "Saved." in sent, sent
    assert pair.lean.display[3].strip() == "Saved." and not pair.lean.display[2].strip()


def test_held_rows_let_go_with_no_write_after_go_out_when_flushed() -> None:
    """The app may write nothing after the write that lets rows go: a Down's rows, held under a
    message that went, were never sent, and the list looked stuck to the reader."""
    pair = Pair(AttrsScreen, XTERM, SIZE)
    pair.feed(rows(["Title", "> Item one", "  Item two", "Saved.", "Keys"], cursor=(0, 1)))
    pair.model.held_rows = frozenset({1, 2, 3})
    pair.feed(rows(["Title", "  Item one", "> Item two", "", "Keys"], cursor=(0, 2)))
    assert pair.lean.display[1].startswith("> Item one"), "a held row changed on the terminal"
    pair.model.held_rows = frozenset()
    pair.feed("\x1b[1;1HTitle\x1b[3;1H")  # lets them go, draws none of them: they wait
    assert pair.lean.display[1].startswith("> Item one")
    sent = pair.model.flush_released()
    pair.lean_stream.feed(sent)
    assert not pair.differences(), pair.differences()
    assert pair.model.flush_released() == "", "flushed twice"


def test_a_held_row_is_not_flushed_while_held() -> None:
    pair = Pair(AttrsScreen, XTERM, SIZE)
    pair.feed(rows(["Title", "Item", "Saved.", "", "Keys"]))
    pair.model.held_rows = frozenset({2})
    pair.feed(rows(["Title", "Item", "", "", "Keys"]))
    assert pair.model.flush_released() == ""
    assert pair.lean.display[2].strip() == "Saved."


def test_a_held_row_let_go_and_drawn_sends_what_is_drawn() -> None:
    pair = Pair(AttrsScreen, XTERM, SIZE)
    pair.feed(rows(["Title", "Item", "Below", "", "Keys"]))
    pair.model.held_rows = frozenset({2})
    pair.feed(rows(["Title", "Item", "Changed below", "", "Keys"]))
    pair.model.held_rows = frozenset()
    sent = pair.feed(rows(["Dialog", "Question", "Answer", "", "Keys"], before=POINTER))
    assert not pair.differences(), pair.differences()
    assert "Changed below" not in sent, sent
