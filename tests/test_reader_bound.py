"""The screen-reader and braille tests' judges, without a screen reader: which row is highlighted,
how many wrong arrow presses a run may have, which words are not the guide's, and which routing
keys BRLTTY logged (tests/support)."""

from __future__ import annotations

from tests.support.braille import logged_routes
from tests.support.guide_words import guide_words, in_order, not_whole
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
    presses = [Press(b"\x1b[B", "> a" if index < wrong else "> b", "> b", True, index % 2 == 0, 5.0, 4.0, 1.0,
                     0.0)
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


def test_a_wrong_press_that_said_the_line_just_left_is_named_late() -> None:
    late = Press(b"\x1b[B", "line one", "line two", True, False, 5.0, 4.0, 30.0, 1.0, left="line one")
    other = Press(b"\x1b[B", "line nine", "line two", True, False, 5.0, 4.0, 30.0, 1.0, left="line one")
    assert late.wrong and "the line just left" in str(late) and str(late).startswith("Down: said")
    assert "the guide ran 5.0 ms (4.0 ms by its frame) and waited 30.0 ms" in str(late), str(late)
    assert other.wrong and "the line just left" not in str(other)


def test_words_in_order_report_where_they_stop() -> None:
    assert in_order(["a", "b", "c"], ["a", "x", "b", "c"]) == []
    assert in_order(["a", "b", "c"], ["b", "a", "c"]) == ["b", "c"]


LOG = """\
2026-12-07@08:01:16.873 [cursor-routing] cursor routing: screen: num=0 cols=40 rows=12
2026-12-07@08:01:16.873 [cursor-routing] cursor routing: from: [3,4]
2026-12-07@08:01:16.873 [cursor-routing] cursor routing: to: [-1,4]
2026-12-07@08:01:16.873 [cursor-routing] cursor routing: to: [1,4]
2026-12-07@08:01:16.873 [cursor-routing] cursor routing: move: left
2026-12-07@08:01:16.992 [cursor-routing] cursor routing: from: [3,4]
2026-12-07@08:01:16.992 [cursor-routing] cursor routing: to: [-1,4]
2026-12-07@08:01:16.992 [cursor-routing] cursor routing: to: [3,4]
2026-12-07@08:01:19.993 [cursor-routing] cursor routing: from: [3,4]
2026-12-07@08:01:19.993 [cursor-routing] cursor routing: to: [-1,4]
"""
"""BRLTTY 6.5's log of three routing keys (`-l csrrtg`), the last not yet sent anywhere."""


def test_routing_keys_are_read_from_brlttys_log_the_cursors_own_cell_as_the_same_place() -> None:
    assert logged_routes(LOG) == [((3, 4), (1, 4)), ((3, 4), (3, 4))]
