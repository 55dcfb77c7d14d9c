"""The lean driver's screen model, piece by piece, with no process started: what it sends must
leave the terminal's screen looking exactly as Textual's own output does, cursor included, while
sending only what changed (tests/support/screen_pair.py feeds both into pyte and compares every
cell). The real frames, captured from the guide on a pty, are checked in tests/test_lean_driver.py.
"""

from __future__ import annotations

import os
import random
import signal
import sys

import pytest

from tests.support.screen_pair import KINDS, NO_BCE, XTERM, Pair, check
from tui.fullscreen.lean_driver import LeanDriver, terminal_caps
from tui.fullscreen.textual_private import set_driver_output
from tui.output.screen_model import EL, ROW_ZERO_LINE_END, Caps, ScreenModel
from tui.output.tokens import keeps_style

FIRST = ("\x1b[0m\x1b[1;1H\x1b[44mHello world" + " " * 9 + "\x1b[0m\x1b[2;1H\x1b[44mSecond line" + " " * 9
         + "\x1b[0m\x1b[3;1H")
"""Two lines in blue; the cursor left below them, where Textual puts it at the end of a frame."""


def test_the_same_frame_again_sends_only_the_cursor() -> None:
    """Always as an absolute move: another program may have moved it since the last write."""
    sent = check([FIRST, FIRST])
    assert sent[1] == "\x1b[3H", sent
    sent = check([FIRST, FIRST + "\x1b[3;5H"])
    assert sent[1] == "\x1b[3;5H"
    sent = check([FIRST, "\x1b[?2026h", FIRST, "\x1b[?2026l"])
    assert sent[1:] == ["\x1b[?2026h", "\x1b[3H", "\x1b[?2026l"]  # a write of modes only: no move


def test_a_changed_letter_sends_its_whole_row() -> None:
    """A console screen reader speaks what is drawn: a row goes out whole, never a few letters."""
    sent = check([FIRST, FIRST.replace("world", "wOrld")])
    # The style in full: another program may have changed it.
    assert sent[1] == "\x1b[H" + ROW_ZERO_LINE_END + "\x1b[0;44mHello wOrld\x1b[3H", sent


def test_a_row_starts_with_a_line_feed() -> None:
    """A reader ends a line (and pauses) only on a line feed: never "worldSecond"."""
    sent = check([FIRST, FIRST.replace("world", "wOrld").replace("Second", "Sec0nd")])
    assert sent[1] == "\x1b[H" + ROW_ZERO_LINE_END + "\x1b[0;44mHello wOrld\r\nSec0nd line\x1b[3H", sent
    sent = check([FIRST, FIRST.replace("Second", "Sec0nd")])
    assert sent[1].startswith("\x1b[H\n"), sent  # a move to the row above, and a line feed


def test_a_change_of_marks_only_sends_those_cells() -> None:
    """A scroll bar or a border changing is not a reason to say the row again."""
    marked = FIRST.replace("Hello world" + " " * 9, "Hello world" + " " * 8 + "#")
    sent = check([FIRST, marked])
    assert "Hello" not in sent[1] and "#" in sent[1], sent
    assert sent[1].startswith("\x1b[H"), sent  # a line start of its own


def test_the_focus_row_goes_first_and_the_heading_before_it() -> None:
    """The row the cursor ends on is sent before the other rows that change (a reader that reads
    the cursor's line after a short delay hears the new item), after the heading rows."""
    frame = (FIRST.replace("Hello", "Jello").replace("Second", "Sec0nd")
             + "\x1b[3;1H\x1b[44mThird\x1b[4;1HFourth\x1b[0m\x1b[4;1H")
    sent = check([FIRST, frame])[1]
    assert sent.index("Fourth") < sent.index("Jello") < sent.index("Sec0nd") < sent.index("Third"), sent
    model = ScreenModel(XTERM)
    model.heading_rows = 1
    model.rewrite(FIRST, (20, 4))
    sent = model.rewrite(frame, (20, 4))
    assert sent.index("Jello") < sent.index("Fourth") < sent.index("Sec0nd") < sent.index("Third"), sent


def test_a_focus_move_with_nothing_redrawn_sends_the_cursor_row_again() -> None:
    """Focus moving to a row that does not change (Tab to a result): the row is said again."""
    sent = check([FIRST, FIRST + "\x1b[1;3H"])
    assert sent[1] == "\x1b[H" + ROW_ZERO_LINE_END + "\x1b[0;44mHello world\x1b[9D", sent
    model = ScreenModel(XTERM)
    model.rewrite(FIRST, (20, 4))
    model.resend_focus = True
    sent = model.rewrite(FIRST + "\x1b[2;1H", (20, 4))
    assert "Second line" in sent and "Hello" not in sent, repr(sent)
    assert model.rewrite(FIRST + "\x1b[2;1H", (20, 4)) == "\x1b[2H"  # once
    pair = Pair(size=(20, 4))
    pair.feed(FIRST)
    pair.model.resend_focus = True
    pair.feed(FIRST + "\x1b[2;1H")
    assert not pair.differences()


def test_a_wrapped_item_goes_out_whole_its_first_row_first() -> None:
    """A focused item on two rows (the cursor on its first): after the heading, both its rows go
    out before any other row, first row first; and a move to it sends both rows, changed or not."""
    frame = (FIRST.replace("Hello", "Jello").replace("Second", "Sec0nd")
             + "\x1b[3;1H\x1b[44mThird\x1b[4;1HFourth\x1b[0m\x1b[3;1H")
    model = ScreenModel(XTERM)
    model.rewrite(FIRST, (20, 4))
    model.focus_extent = 2
    sent = model.rewrite(frame, (20, 4))
    assert sent.index("Third") < sent.index("Fourth") < sent.index("Jello") < sent.index("Sec0nd"), sent
    model = ScreenModel(XTERM)
    model.rewrite(FIRST + "\x1b[3;1H\x1b[44mThird\x1b[4;1HFourth\x1b[0m\x1b[3;1H", (20, 4))
    model.focus_extent = 2
    sent = model.rewrite(FIRST + "\x1b[3;1H\x1b[44mThird\x1b[4;1HFourth\x1b[0m\x1b[1;1H", (20, 4))
    model.focus_extent = 2
    sent = model.rewrite(FIRST + "\x1b[3;1H\x1b[44mThird\x1b[4;1HFourth\x1b[0m\x1b[3;1H", (20, 4))
    assert "Third" in sent and "Fourth" in sent and "Hello" not in sent, repr(sent)



def test_a_change_to_the_focused_items_first_row_sends_its_other_rows_too() -> None:
    # A ticked item: "[ ] " became "selected: " in its first row and its second row stayed the
    # same; a screen reader hears what is sent, so the item was heard cut at its first row.
    item = "\x1b[0m\x1b[1;1HHeading\x1b[3;1H\x1b[44m{first}\x1b[4;1Hsecond row\x1b[0m\x1b[3;1H"
    model = ScreenModel(XTERM)
    model.rewrite(item.format(first="[ ] first row"), (20, 4))
    model.focus_extent = 2
    sent = model.rewrite(item.format(first="selected: first"), (20, 4))
    assert sent.index("selected: first") < sent.index("second row") and "Heading" not in sent, repr(sent)
    model.focus_extent = 2  # the same item drawn again unchanged: nothing is sent, nothing heard
    assert "row" not in model.rewrite(item.format(first="selected: first"), (20, 4))
    model.focus_extent = 1  # an item of one row: nothing else is sent again
    assert "second row" not in model.rewrite(item.format(first="[ ] first row"), (20, 4))

def test_a_style_change_only_sends_what_differs() -> None:
    sent = check([FIRST, FIRST.replace("\x1b[44mHello", "\x1b[1;44mHello")])
    # Bold does not show on the blanks after it.
    assert sent[1] == "\x1b[H" + ROW_ZERO_LINE_END + "\x1b[0;1;44mHello world\x1b[3H", sent


def test_a_line_that_empties_is_erased_to_its_end() -> None:
    blank = "\x1b[0m\x1b[1;1H\x1b[44m" + " " * 20 + "\x1b[0m\x1b[3;1H"
    sent = check([FIRST, blank])
    assert EL in sent[1] and "Hello" not in sent[1] and len(sent[1]) < 20 + len(ROW_ZERO_LINE_END), sent


def test_without_bce_a_coloured_blank_is_written_not_erased() -> None:
    blank = FIRST.replace("Hello world", " " * 11)
    sent = check([FIRST, blank], caps=NO_BCE)
    assert EL not in sent[1] and " " * 11 in sent[1]
    default_blank = "\x1b[0m\x1b[1;1H" + " " * 20 + "\x1b[0m\x1b[3;1H"
    assert EL in check([FIRST, default_blank], caps=NO_BCE)[1]


def test_a_long_blank_run_inside_a_line_is_erased_with_ech() -> None:
    wide = "\x1b[0m\x1b[1;1H\x1b[44mab" + "c" * 30 + "de\x1b[0m\x1b[2;1H"
    holed = "\x1b[0m\x1b[1;1H\x1b[44mab" + " " * 30 + "de\x1b[0m\x1b[2;1H"
    assert "\x1b[30X" in check([wide, holed], size=(40, 3))[1]
    no_ech = check([wide, holed], size=(40, 3), caps=Caps(bce=True))[1]
    assert "X" not in no_ech and " " * 30 in no_ech


def test_reverse_and_underlined_blanks_keep_their_style() -> None:
    for style in ("7", "4", "9", "1;7;38;5;245"):
        styled = f"\x1b[0m\x1b[1;1H\x1b[{style}m" + " " * 20 + "\x1b[0m\x1b[2;1H"
        sent = check([FIRST, styled])
        assert EL not in sent[1] and f"{style}m" in sent[1], (style, sent)


def test_a_whole_new_screen_starts_with_one_erase() -> None:
    whole = "".join(f"\x1b[{row};1H\x1b[0;44m" + ("Title" if row == 1 else "") + " " * (20 - 5 * (row == 1))
                    for row in range(1, 5)) + "\x1b[0m\x1b[2;1H"
    sent = check(["\x1b[0m\x1b[H", whole])
    assert "\x1b[2J" in sent[1] and len(sent[1]) < 40, sent


@pytest.mark.parametrize("piece", [
    "\x1b[2J", "\x1b[K", "\x1b7", "\x1b8", "\x1bc", "\x1b[?1049h", "\x1b[3C", "\x1b[5;3r", "\x1b[?6h",
    "\x1b]8;;https://example.org\x1b\\", "\x08", "\t", "宽", "é\u0301", "\x1b[21m", "\x1b[4;1H\n",
    "\x1b[2;20Hx", "\x1b[38;5\x1b[0m", "\x1b[4h", "\x1bPq#0;2;0;0;0#0~~\x1b\\", "\x1b[8;10;40t",
    "\x1b[38;5;300m", "\x1b[6m",
])
def test_what_the_model_does_not_understand_goes_out_unchanged(piece: str) -> None:
    """Also a frame ending where the cursor's place is unknown (a pending wrap), a broken
    sequence, modes that change writing, graphics, window operations, odd colours."""
    frame = "\x1b[0m\x1b[2;1H\x1b[44mab" + piece + "cd\x1b[0m\x1b[3;1H"
    if piece in ("\x1b[4h", "\x1b[5;3r", "\x1b[?6h", "\x1bPq#0;2;0;0;0#0~~\x1b\\", "\x1b[8;10;40t"):
        model = ScreenModel(XTERM)  # pyte does not emulate these: the bytes alone are checked
        sent = [model.rewrite(f, (20, 4)) for f in (FIRST, frame)]
    else:
        sent = check([FIRST, frame, FIRST])
        assert "Hello world" in sent[2], "after it the model starts again from nothing"
    assert sent[1].endswith(frame)


@pytest.mark.parametrize("cut", ["\x1b[38;5", "\x1b[", "\x1b", "\x1b]0;tit"])
def test_a_sequence_cut_by_the_end_of_a_write_is_held_for_the_next(cut: str) -> None:
    """The start of the sequence waits for the next write, which is read with it whole: the
    screens agree after each write."""
    frame = "\x1b[0m\x1b[2;1H\x1b[44mab\x1b[3;1H" + cut
    rest = {"\x1b[38;5": ";31mcd", "\x1b[": "31mcd", "\x1b": "[31mcd", "\x1b]0;tit": "le\x07cd"}[cut]
    rest += "\x1b[0m\x1b[4;1H"
    sent = check([FIRST, frame, rest])
    assert not sent[1].endswith(cut) and sent[1].endswith("\x1b[3H")  # the rest was held back


def test_a_mode_that_changes_writing_turns_the_model_off_until_a_full_reset() -> None:
    model = ScreenModel(XTERM)
    model.rewrite(FIRST, (20, 4))
    model.rewrite("\x1b[4h", (20, 4))  # insert mode: every write now shifts what follows it
    assert model.rewrite(FIRST, (20, 4)) == FIRST and model.rewrite(FIRST, (20, 4)) == FIRST
    model.rewrite("\x1bc", (20, 4))
    model.rewrite(FIRST, (20, 4))
    assert model.rewrite(FIRST, (20, 4)) == "\x1b[3H"


@pytest.mark.parametrize("piece", ["\x1b[?25l", "\x1b[?25h", "\x1b[?2026h", "\x1b[?1000;1006h", "\x1b[?2026$p",
                                   "\x1b]0;title\x07", "\x1bP+q544e\x1b\\", "\x1b[>1u", "\x1b[<u", "\x1b[c",
                                   "\x1b[6n", "\x07"])
def test_sequences_that_touch_no_cell_keep_their_place(piece: str) -> None:
    frame = FIRST.replace("world", "wOrld") + piece + "\x1b[2;1H\x1b[44mS#cond\x1b[0m\x1b[3;1H"
    model = ScreenModel(XTERM)
    model.rewrite(FIRST, (20, 4))
    sent = model.rewrite(frame, (20, 4))
    assert sent.index("O") < sent.index(piece) < sent.index("#")
    assert "Hello wOrld" in sent and "S#cond line" in sent  # whole rows
    if piece not in ("\x1bP+q544e\x1b\\", "\x1b[<u", "\x1b[c"):  # pyte misreads these
        check([FIRST, frame])


def test_the_first_frame_after_the_alternate_screen_is_modelled() -> None:
    """Textual writes each piece of text as if after a reset, and entering the alternate screen
    keeps the style: the first full frame can start with one erase."""
    whole = "".join(f"\x1b[{row};1H\x1b[44m" + ("Title" if row == 1 else "") + " " * (20 - 5 * (row == 1))
                    + "\x1b[0m" for row in range(1, 5)) + "\x1b[2;1H"
    sent = check(["\x1b[?1049h", whole])
    assert sent[0] == "\x1b[0m\x1b[?1049h"
    assert "\x1b[2J" in sent[1] and len(sent[1]) < 40, sent
    assert keeps_style("\x1b[?1049h") and keeps_style("\x1b[?25l") and keeps_style("\x1b[2J")
    assert not any(keeps_style(s) for s in ("\x1b[?1049l", "\x1b[?1;1048l", "\x1b8", "\x1bc", "\x1b[0m"))


def test_forget_and_a_new_size_send_everything_again() -> None:
    model = ScreenModel(XTERM)
    model.rewrite(FIRST, (20, 4))
    assert "Hello" not in model.rewrite(FIRST, (20, 4))
    model.forget()
    assert "Hello world" in model.rewrite(FIRST, (20, 4))
    assert "Hello world" in model.rewrite(FIRST, (20, 5))
    assert model.rewrite(FIRST, None).endswith(FIRST)


def test_random_frames_give_the_same_screen() -> None:
    """Frames built from Textual's kind of pieces and others, at random, one after another, with
    resizes: the screens always agree."""
    rng = random.Random(20261127)
    styles = ["0", "", "1", "7", "4", "44", "1;44", "38;5;196;48;5;21", "38;2;1;2;3;48;2;4;5;6", "31;44", "22",
              "27", "24", "39", "49", "1;7", "2;3", "0;44", "0;1;44", "0;7;44", "9", "53"]
    texts = ["a", "bc", " ", "  ", "     ", "x   ", "é", "─", "宽"]
    others = ["\x1b[?25l", "\x1b[2C", "\x1b7", "\x1b8", "\x1b]8;;u\x1b\\", "\x1b]8;;\x1b\\", "\x1b[K", "\x1b[?2026h"]
    for screen_class, caps in KINDS:
        for _ in range(60):
            size = (12, 5)
            pair = Pair(screen_class, caps, size)
            pair.feed("\x1b[2J\x1b[1;1H" + "#" * 60)
            for _ in range(12):
                if rng.random() < 0.08:
                    size = (rng.randint(6, 14), rng.randint(3, 6))
                    pair.resize(size)
                pieces = ["\x1b[0m"] if rng.random() < 0.8 else []
                for _ in range(rng.randint(1, 25)):
                    roll = rng.random()
                    if roll < 0.3:
                        pieces.append(f"\x1b[{rng.choice(styles)}m")
                    elif roll < 0.6:
                        pieces.append(rng.choice(texts[:6] if rng.random() < 0.9 else texts) * rng.randint(1, 3))
                    elif roll < 0.85:
                        pieces.append(f"\x1b[{rng.randint(1, size[1])};{rng.randint(1, size[0])}H")
                    elif roll < 0.93:
                        pieces.append(rng.choice(["\n", "\r", "\r\n"]))
                    else:
                        pieces.append(rng.choice(others))
                frame = "".join(pieces)
                pair.feed(frame)
                assert not pair.differences(), (screen_class, caps, frame, pair.differences()[:3])


# --- the driver -------------------------------------------------------------------------------

def test_driver_writes_through_its_model(monkeypatch: pytest.MonkeyPatch) -> None:
    written: list[str] = []
    monkeypatch.setattr(LeanDriver, "send", lambda self, data: written.append(data))
    driver = LeanDriver.__new__(LeanDriver)
    set_driver_output(driver, None)
    driver.model, driver.resized = ScreenModel(XTERM), False
    driver.write(FIRST)
    assert written[0].endswith(FIRST)  # no size known: passed on as it is
    driver.model.rewrite(FIRST, (20, 4))
    monkeypatch.setattr(os, "get_terminal_size", lambda fd: os.terminal_size((20, 4)))
    set_driver_output(driver, sys.stdout)
    driver.write(FIRST)
    assert written[-1] == "\x1b[3H"
    driver.forget_screen()
    driver.write(FIRST)
    assert "Hello world" in written[-1]


# --- terminal_caps ----------------------------------------------------------------------------

@pytest.mark.parametrize("env", [{}, {"TERM": ""}, {"TERM": "dumb"},
                                 {"TERM": "xterm-256color", "SPASM_GUIDE_PLAIN_DRIVER": "1"}])
def test_no_caps_without_a_terminal_or_opted_out(env: dict[str, str]) -> None:
    assert terminal_caps(env) is None



def test_a_resize_signal_forgets_the_screen_and_asks_for_every_cell(monkeypatch: pytest.MonkeyPatch) -> None:
    """A terminal that shrinks drops the rows it loses; grown back before the guide writes again,
    the size looks unchanged, but those rows are blank. The signal makes the next write go out
    in full, and asks the app to repaint everything (Textual would repaint only what changed)."""
    written: list[str] = []
    monkeypatch.setattr(LeanDriver, "send", lambda self, data: written.append(data))
    monkeypatch.setattr(os, "get_terminal_size", lambda fd: os.terminal_size((20, 4)))
    posted: list[tuple[object, dict[str, object]]] = []
    textual_calls: list[int] = []

    class App:
        def refresh(self, **kwargs: object) -> None: ...

        def call_later(self, callback: object, **kwargs: object) -> None:
            posted.append((callback, kwargs))

    driver = LeanDriver.__new__(LeanDriver)
    set_driver_output(driver, sys.stdout, App())  # type: ignore[arg-type]
    driver.model, driver.resized = ScreenModel(XTERM), False
    driver._textual_on_resize = lambda signum, frame: textual_calls.append(signum)
    driver.write(FIRST)
    driver.write(FIRST)
    assert written[-1] == "\x1b[3H"  # nothing new to draw
    driver.on_resize_signal(signal.SIGWINCH, None)
    assert textual_calls == [signal.SIGWINCH]
    assert [(getattr(callback, "__name__", ""), kwargs) for callback, kwargs in posted] == [
        ("refresh", {"repaint": True, "layout": True})]
    driver.write(FIRST)
    assert "Hello world" in written[-1] and "Second line" in written[-1]
    driver.write(FIRST)
    assert written[-1] == "\x1b[3H"
