"""The screen-reader tests' judges, without a screen reader: which row is highlighted, how many
wrong arrow presses a run may have, and which words are not the guide's (tests/support)."""

from __future__ import annotations

from tests.support.guide_words import guide_words, not_whole
from tests.support.reader_arrows import QUIET_BELOW, ArrowRun, Press, highlighted_row, unmarked

SCREEN = [
    " Check your symptoms (not a diagnosis)",
    " Get help now",
    "   [ ] Sudden, even if gone: one side weak",
    " > [ ] Chest pain or 'cramp' that is heavy",
    "   your arm, jaw or back",
    " Enter/Space Select  s Save  c Clear",
]


def run_of(wrong: int, other_work: float) -> ArrowRun:
    presses = [Press(b"\x1b[B", "> a" if index < wrong else "> b", "> b", True, index % 2 == 0, 5.0, 1.0, 0.0)
               for index in range(100)]
    return ArrowRun("checklist", (80, 24), presses, other_work, "0.5 to 0.6")


def test_the_highlighted_row_is_the_marked_one_whatever_the_cursor() -> None:
    assert highlighted_row(SCREEN) == "> [ ] Chest pain or 'cramp' that is heavy"
    assert highlighted_row([row.replace(">", " ") for row in SCREEN]).startswith("(0 rows")
    assert highlighted_row([*SCREEN, " > [ ] another"]).startswith("(2 rows")


def test_a_moved_highlight_is_not_a_scroll_but_moved_rows_are() -> None:
    moved = [SCREEN[0], SCREEN[1], "   [ ] Sudden, even if gone: one side weak".replace("   ", " > ", 1),
             "   [ ] Chest pain or 'cramp' that is heavy", *SCREEN[4:]]
    assert unmarked(moved) == unmarked(SCREEN)
    assert unmarked(SCREEN[1:] + SCREEN[:1]) != unmarked(SCREEN)


def test_no_wrong_press_is_allowed_on_a_quiet_machine_and_two_in_a_hundred_on_a_busy_one() -> None:
    assert run_of(0, 0.0).allowed() == 0 and run_of(1, QUIET_BELOW / 2).allowed() == 0
    busy = run_of(3, 1.5)
    assert busy.allowed() == 2 and len(busy.wrong()) == 3
    assert busy.figure().startswith("checklist at 80x24: 3 wrong of 100 presses (2 of the 50 that scrolled), "
                                    "2 allowed; other work 1.50 processors (busy)"), busy.figure()


def test_words_are_judged_by_the_guide_text_not_the_screen() -> None:
    known = guide_words()
    assert not_whole(["> [x] selected: Sudden, even if gone: one side weak or numb, face droops"], known) == []
    assert not_whole(["Enter/Space Select  Tab/Shift+Tab Result  s Save  c Clear  Esc Back  Ctrl+Q"], known) == []
    # Fragments a message or a mid-word wrap makes, even those a docstring quotes.
    assert not_whole(["sweClear your one selection?", "emerge", "ncy", "ive"], known) == [
        "sweClear", "emerge", "ncy", "ive"]
