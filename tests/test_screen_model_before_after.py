"""The screen model writes a row run by run of one style, and reads each escape sequence once per
run of the guide; before, it wrote a cell at a time and read every sequence each time it came
(tests/support/screen_model_before.py keeps that). For the same frames, one after another, the
two must send the same bytes and be left with the same picture of the terminal: the rows, their
order, the moves, the style changes and the erases are those of the cell-by-cell model.

Frames here are random (tests/test_screen_model.py also checks, through pyte, that what the model
sends shows what was written) and, at 80x24, Textual's kind: rows of words in a few styles with
blank tails and gaps, changed in part or in full, with the focused row, a message's rows and the
heading set as the app sets them.
"""

from __future__ import annotations

import random

import pytest

from tests.support.screen_model_before import ScreenModelBefore, tokens_before
from tests.support.screen_pair import KINDS
from tui.output.cells import Caps
from tui.output.screen_model import ScreenModel
from tui.output.tokens import tokens

pytestmark: list[pytest.MarkDecorator] = []

CAPS = sorted({caps for _, caps in KINDS} | {Caps(bce=False, ech=True)})
STYLES = ["0", "", "1", "7", "4", "44", "1;44", "38;5;196;48;5;21", "38;2;1;2;3;48;2;4;5;6", "31;44", "22",
          "27", "24", "39", "49", "1;7", "2;3", "0;44", "0;1;44", "0;7;44", "9", "53", "38;5;231;48;5;16",
          "48;5;16", "1;38;5;16;48;5;220", "4;38;5;231;48;5;235"]
OTHERS = ["\x1b[?25l", "\x1b[?25h", "\x1b[2C", "\x1b7", "\x1b8", "\x1b]8;;u\x1b\\", "\x1b]8;;\x1b\\", "\x1b[K",
          "\x1b[?2026h", "\x1b[?2026l", "\x1b]22;default\x07", "\x1b[", "\x1b[12", "\x1b[?1049h", "\x1b[4h", "\x1bc",
          "\x07", "\x1b=", "\x1bP+q544e\x1b\\", "\x1b[?2026$p"]


def state(model: ScreenModel) -> tuple[object, ...]:
    """What a model knows of the terminal and keeps for the next write."""
    return (model.cells, model.row, model.col, model.style, model.stream_style, model.blank, model.held,
            model.forced_rows, model.resend_focus, model.focus_row, model.focus_col, model.off, model.size)


def both(caps: Caps) -> tuple[ScreenModel, ScreenModelBefore]:
    return ScreenModel(caps), ScreenModelBefore(caps)


def feed(pair: tuple[ScreenModel, ScreenModelBefore], frame: str, size: tuple[int, int],
         hints: tuple[range, bool, int, bool, int] = (range(0), False, 1, False, 2)) -> str:
    """Rewrite `frame` with both models, with the same frame hints; they must agree."""
    sent = []
    for model in pair:
        model.first_rows, model.resend_first, model.focus_extent, again, model.heading_rows = hints
        model.resend_focus = model.resend_focus or again
        sent.append(model.rewrite(frame, size))
    assert sent[0] == sent[1], (frame, sent)
    assert state(pair[0]) == state(pair[1]), frame
    return sent[0]


def random_hints(rng: random.Random, rows: int) -> tuple[range, bool, int, bool, int]:
    if rng.random() < 0.5:
        return (range(0), False, 1, False, 2)
    start = rng.randrange(rows)
    return (range(start, min(rows, start + rng.randint(0, 2))), rng.random() < 0.3, rng.randint(1, 3),
            rng.random() < 0.3, rng.randint(0, 3))


@pytest.mark.parametrize("caps", CAPS, ids=str)
def test_random_frames_send_the_same(caps: Caps) -> None:
    """Pieces of every kind at random, small windows, resizes and held sequences included."""
    rng = random.Random(20261207)
    texts = ["a", "bc", " ", "  ", "     ", "x   ", "é", "─", "宽", "word ", " " * 12, "ab" + " " * 11 + "c"]
    for _ in range(80):
        size = (rng.randint(6, 30), rng.randint(3, 8))
        pair = both(caps)
        feed(pair, "\x1b[2J\x1b[1;1H" + "#" * size[0], size)
        for _ in range(14):
            if rng.random() < 0.06:
                size = (rng.randint(6, 30), rng.randint(3, 8))
            pieces = ["\x1b[0m"] if rng.random() < 0.8 else []
            for _ in range(rng.randint(1, 40)):
                roll = rng.random()
                if roll < 0.3:
                    pieces.append(f"\x1b[{rng.choice(STYLES)}m")
                elif roll < 0.6:
                    narrow = texts[:6] + texts[9:]
                    pieces.append(rng.choice(narrow if rng.random() < 0.9 else texts) * rng.randint(1, 3))
                elif roll < 0.85:
                    pieces.append(f"\x1b[{rng.randint(1, size[1])};{rng.randint(1, size[0])}H")
                elif roll < 0.93:
                    pieces.append(rng.choice(["\n", "\r", "\r\n"]))
                else:
                    pieces.append(rng.choice(OTHERS))
            feed(pair, "".join(pieces), size, random_hints(rng, size[1]))


def textual_frame(rng: random.Random, size: tuple[int, int], words: list[str], rows: range) -> str:
    """A frame as Textual writes one: each row in `rows` moved to and drawn whole, a margin cell, runs
    of words in a style or two, blank padding (sometimes a gap inside), a scroll bar's mark at the edge."""
    columns, _ = size
    body: list[str] = []
    for row in rows:
        line = [f"\x1b[{row + 1};1H\x1b[48;5;16m \x1b[0m"]
        used = 1
        while used < columns - 1:
            roll = rng.random()
            if roll < 0.55:
                text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 6)))
            elif roll < 0.8:
                text = " " * rng.randint(1, 30)
            else:
                text = rng.choice(["> ", "  ", "- ", "1. ", ": "])
            text = text[:columns - 1 - used]
            style = "48;5;16" if not text.strip() and rng.random() < 0.5 else rng.choice(STYLES[-4:] + STYLES[:8])
            line.append(f"\x1b[{style}m{text}\x1b[0m")
            used += len(text)
        line.append(f"\x1b[{rng.choice(['48;5;16', '38;5;231;48;5;16', '7'])}m{rng.choice([' ', '|', '#'])}\x1b[0m")
        body.append("".join(line))
    body.append(f"\x1b[{rng.randint(1, size[1])};{rng.randint(2, 10)}H\x1b[?2026l")
    return "".join(body)


@pytest.mark.parametrize("caps", CAPS, ids=str)
def test_textual_frames_at_80x24_send_the_same(caps: Caps) -> None:
    """The whole screen, then frames that redraw a few rows or most of them (new places on each
    letter), a focused item over one to three rows, a message's rows, the heading's rows."""
    rng = random.Random(7)
    words = ["cramp", "Cramps", "in", "the", "calf", "at", "night", "3.", "Stretch:", "muscle", "spasm", "a", "of"]
    size = (80, 24)
    for _ in range(6):
        pair = both(caps)
        feed(pair, textual_frame(rng, size, words, range(24)), size)
        for _ in range(20):
            start = rng.randrange(24)
            rows = range(start, min(24, start + rng.choice([1, 2, 16, 24])))
            feed(pair, textual_frame(rng, size, words, rows), size, random_hints(rng, 24))


def test_the_tokens_are_the_same() -> None:
    """Streams cut anywhere, broken sequences and unknown ones included, read twice (the second
    time from what was kept of the first)."""
    rng = random.Random(3)
    pieces = [*OTHERS, "text", "é", "\n", "\r", "\x1b[3;4H", "\x1b[H", "\x1b[0m", "\x1b[1;44m", "\x1b[2 q",
              "\x1b[5n", "\x1b[?1;2c", "\x1b[?5h", "\x1b[=1u", "\x1b[22;0t", "\x1bPq#0\x1b\\", "\x00", "\x9b"]
    for _ in range(300):
        stream = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 30)))
        stream = stream[:rng.randint(0, len(stream))]
        for _ in range(2):
            assert tokens(stream) == tokens_before(stream), stream


@pytest.mark.parametrize("caps", CAPS, ids=str)
def test_letters_typed_and_rubbed_out_send_the_same(caps: Caps) -> None:
    """A search box's row drawn again as letters come and go, the cursor left at or near the last
    one (the echo of a letter typed goes out alone; a change further off sends the row whole)."""
    rng = random.Random(11)
    size = (40, 6)
    pair = both(caps)
    feed(pair, "".join(f"\x1b[{row};1H\x1b[0m" + " " * 40 for row in range(1, 7)) + "\x1b[3;1H", size)
    typed = ""
    for _ in range(600):
        for _ in range(rng.choice([1, 1, 1, 2, 3])):  # now and then two keys read at once
            roll = rng.random()
            if roll < 0.45:
                typed += rng.choice("cramp ")
            elif roll < 0.8:
                typed = typed[:-1]
            else:
                at = rng.randrange(len(typed) + 1)
                typed = typed[:at] + rng.choice("xy") + typed[at + 1:]
            typed = typed[:30]
        caret = 7 + len(typed) + rng.choice([0, 0, 0, -1, 1, -2, 2]) if rng.random() < 0.7 else rng.randrange(6, 40)
        caret = max(0, min(39, caret))
        frame = (f"\x1b[3;1H\x1b[0mFind: \x1b[4;38;5;231;48;5;235m{typed}\x1b[0m\x1b[7m \x1b[0m"
                 f"\x1b[4;38;5;231;48;5;235m{' ' * (32 - len(typed))}\x1b[0m\x1b[3;{caret + 1}H")
        feed(pair, frame, size, random_hints(rng, 6))
