"""The guide read on a braille display: BRLTTY with its virtual 40-cell display, computer
braille (tests/support/braille.py), at 80x24 and 40x12, through start, contents, a section, the
checklist with a selection, a dialog, settings and help. On each screen:

- the display shows the cursor's row, and on it the focused item's first words: BRLTTY follows
  the terminal cursor, which the guide puts on the focused item's first letter;
- every routing key over the cursor's row puts the cursor on its cell and ends at once, and
  leaves the screen as it was: BRLTTY routes the cursor by typing Right or Left, waiting after
  each for the cursor to move. Left and Right move the guide's cursor one cell along the focused
  row and change nothing else, so BRLTTY types one key a cell and is done. A guide whose Right
  changed the section (as it once did) is changed by a reader who only meant to move the cursor;
  one that ignored Right (as it did next) kept BRLTTY routing for seconds, and the arrows it typed
  went into the next screen the reader opened, moving its highlight;
- the marks stay short: a chosen item is "> selected: ...", 12 cells before its words, so 28 of
  the 40 are the item's own ("> [x] selected: " took 16).
And routing reaches the guide where it should move something: in the search box a routing key
moves the caret to its cell.

Each routing key is pressed once the routing before it has ended. One clock: a routing must end
within ROUTE_ENDS (1.5 s) of the last key BRLTTY typed for it, under the 2 s BRLTTY waits for a
cursor that never moves; the run's figures are printed. The walk runs with the other tests.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.support import braille as harness
from tests.support.braille import CELLS, ROUTING_KEYS, Braille, as_cells, first_words
from tests.support.needs import missing
from tests.support.wait import holds_within, wait_until
from tui.data.checklist import load_checklist
from tui.data.content import load_guide
from tui.data.pages import number_word

pytestmark = [pytest.mark.e2e]

ENTER, ESC, LEFT, RIGHT = b"\r", b"\x1b", b"\x1b[D", b"\x1b[C"
GUIDE = load_guide()
ITEM = load_checklist(GUIDE.folder).items[0]
"""The checklist's first item: Space on opening the checklist chooses it."""
MARK_CELLS = len("> selected: ")
"""The most cells a chosen item's mark may take before its words: 12 of 40."""
ROUTED = (*ROUTING_KEYS[::3], ROUTING_KEYS[-1])
"""The routing keys pressed on each screen: every third (each routing then moves the cursor three
cells) and the last; all 39 took about 40 s a size."""
ROUTE_TO = 20
"""The routing key the reader pressed in the outside walk: past the focused item's first letter."""
ROUTING_TIMEOUT = 2.0
"""Seconds BRLTTY waits for the cursor to move after each key it types to route it (its
ROUTING_TIMEOUT in Programs/routing.c), before it types on or gives up."""
ROUTE_ENDS = 1.5
"""Seconds within which a routing ends after the last key BRLTTY typed for it. BRLTTY ends a
routing as soon as the cursor is on the cell; one whose cursor never moved (the guide that ignored
Left and Right) ended no sooner than ROUTING_TIMEOUT after its last key (less the time that key
takes to reach the guide, which this harness times), and typed on for about 5 s. Measured, 273
routings a run: at a load of 4, median 0.03 s, at most 0.44 s; beside a CPU-bound process (load
7), at most 1.2 s: BRLTTY routes from a process at nice 10, and notices its end on its own clock."""


@pytest.fixture(params=[(80, 24), (40, 12)], ids=["80x24", "40x12"])
def guide(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Braille]:
    if harness.BRLTTY is None:
        missing("brltty (the Debian package brltty)")
    started = harness.start(tmp_path / "home", request.param)
    try:
        started.wait_shown("Read the guide")
        started.wait_window("Read the guide")  # BRLTTY's start-up message is gone: a key now is a key
        yield started
    finally:
        started.close()


def focused_words(guide: Braille, count: int = 3) -> str:
    """The focused item's first words: the cursor's row from the cursor on."""
    def words() -> str:
        x, _ = guide.cursor()
        return first_words(guide.cursor_row()[x:], count)

    return wait_until(words, "a focused item under the cursor")


def check_window(guide: Braille, expected: str, where: str) -> str:
    """The display shows `expected` (the focused item's first words), from the cursor's row."""
    window = guide.wait_window(expected)
    row = as_cells(guide.cursor_row())
    assert window.rstrip() in row, f"{where}: the display {window!r} is not from the cursor's row {row!r}"
    return window


def routing_done(guide: Braille) -> bool:
    """BRLTTY has no routing under way (it routes in a child process, which then ends)."""
    return not guide.routing()


def route_along_the_row(guide: Braille, where: str) -> list[float]:
    """Press every third routing key over the cursor's row and the last (ROUTED), in turn, each once
    the routing before it has ended (`route_to`). Once the guide has answered them all, the screen
    must be as it was (the cursor on the last cell). Returns the seconds each routing took to end
    after its last key."""
    before, typed_before = guide.shown(), len(guide.keys_typed())
    ends, moves = [], []
    for column in ROUTED:
        start, to, ended = route_to(guide, column, where)
        ends.append(ended)
        moves.append((start, to))
    guide.wait_answered()  # every arrow typed
    after = guide.shown()
    assert after == before, (f"{where}: routing keys changed the screen (BRLTTY typed "
                             f"{guide.keys_typed()[typed_before:]}) from\n{before}\nto\n{after}")
    typed = guide.keys_typed()[typed_before:]
    # Right for every cell after the cursor; Left for the first key's cell if it was before it.
    wanted = {RIGHT, LEFT} if moves[0][0][0] > moves[0][1][0] else {RIGHT}
    assert wanted <= set(typed), f"{where}: BRLTTY typed {sorted(set(typed))}, not {sorted(wanted)}"
    return ends


def route_to(guide: Braille, column: int, where: str) -> tuple[tuple[int, int], tuple[int, int], float]:
    """Press the routing key over cell `column`, wait for its routing to end (BRLTTY's routing
    process gone), and check the cursor is on the cell, BRLTTY typed one key a cell, and the
    routing ended within ROUTE_ENDS of the last key it typed (or of the routing key, if it typed
    none). Returns where the cursor was, where it went, and how long after the last key the
    routing ended."""
    count, pressed = len(guide.keys_typed()), time.monotonic()
    start, to = press_routing_key(guide, column, where)
    wait_until(lambda: routing_done(guide), f"{where}: the routing to cell {column} ending", guard=15.0, poll=0.005)
    done = time.monotonic()
    typed = guide.keys_typed()[count:]
    last = guide.last_typed_at() if typed else pressed
    assert last is not None
    ended = done - max(last, pressed)
    wait_until(lambda: guide.cursor() == to, lambda: (f"{where}: the cursor at the routed cell {to}; it is at "
                                                      f"{guide.cursor()} (BRLTTY typed {typed})"), guard=5.0)
    # One key a cell: every key BRLTTY typed moved the cursor (a key that moves nothing, it types
    # again, or gives up short of the cell, seconds later).
    assert len(typed) == abs(to[0] - start[0]) and start[1] == to[1], (
        f"{where}: routing from {start} to {to}, BRLTTY typed {typed}")
    assert ended <= ROUTE_ENDS, (f"{where}: the routing to {to} ended {ended:.2f} s after BRLTTY's last key "
                                 f"(it typed {typed}): more than {ROUTE_ENDS} s")
    return start, to, ended


def press_routing_key(guide: Braille, column: int, where: str) -> tuple[tuple[int, int], tuple[int, int]]:
    """Press the routing key over cell `column` and wait until BRLTTY has logged taking it; return
    where the cursor was and where BRLTTY sends it."""
    routed = len(guide.routes())
    guide.route(column)
    wait_until(lambda: len(guide.routes()) > routed, f"{where}: BRLTTY logging the routing key over cell {column}",
               guard=15.0, poll=0.01)
    return guide.routes()[routed]


def visit(guide: Braille, key: bytes | None, shown: str, where: str, expected: str | None = None,
          ends: list[float] | None = None) -> str:
    """Press `key`, wait for `shown` on the screen, check the display at the cursor (`expected`,
    or the focused item's first words), then every routing key (their times to end go in `ends`)."""
    if key is not None:
        guide.press(key)
    guide.wait_shown(shown)
    guide.wait_answered()
    window = check_window(guide, expected or focused_words(guide), where)
    ended = route_along_the_row(guide, where)
    if ends is not None:
        ends += ended
    return window


def test_every_screen_on_40_cells_routing_changes_nothing_and_marks_stay_short(
        guide: Braille, record_property: Callable[[str, object], None]) -> None:
    ends: list[float] = []
    visit(guide, None, "Read the guide", "start", "Read the guide", ends)
    first = GUIDE.sections[0].title
    visit(guide, ENTER, " Contents", "contents", first_words(first), ends)
    visit(guide, ENTER, f"Section one of {number_word(len(GUIDE.sections))}", "section 1", ends=ends)
    guide.press(b"k")
    guide.wait_shown("Check your symptoms")
    guide.press(b" ")
    words = first_words(ITEM.text)
    window = visit(guide, None, "> selected:", "checklist with a selection", f"selected: {words}", ends)
    mark = window[:window.index(words)].lstrip()  # the screen's one column of padding is no mark
    assert mark == "> selected: " and len(mark) <= MARK_CELLS, (
        f"the chosen item's mark takes {len(mark)} of {CELLS} cells: {window!r}")
    visit(guide, b"c", "Clear your one selection?", "the clear dialog", "No, keep them", ends)
    guide.press(ESC)
    guide.wait_shown("Check your symptoms")
    visit(guide, b"o", "Colours", "settings", "selected: Colours:", ends)
    visit(guide, b"?", "Help: Settings", "help", ends=ends)
    ends.sort()
    record_property("figure", f"{len(ends)} routings ended after BRLTTY's last key in: median "
                              f"{ends[len(ends) // 2]:.3f} s, at most {ends[-1]:.3f} s")


def test_a_routing_key_puts_the_cursor_on_its_cell_and_the_next_screen_gets_no_keys(
        guide: Braille, record_property: Callable[[str, object], None]) -> None:
    """The reader routes on a row, then at once opens another screen: BRLTTY's routing is over (it
    typed Right up to the cell, and the cursor went there), so it types nothing into the new
    screen, whose highlight stays where the screen put it. Before, BRLTTY kept routing for about
    5 s and typed Left, Down, Left into the checklist, and the next Space chose another item."""
    ends = []
    for opener, then, shown in ((b"o", b"?", "Help: Settings"), (ESC, b"k", "Check your symptoms")):
        guide.press(opener)
        guide.wait_shown("Colours")
        guide.wait_answered()
        check_window(guide, "selected: Colours:", "settings")  # the display is on the cursor's row
        line = guide.cursor()[1]
        _, to, ended = route_to(guide, ROUTE_TO, f"a route before {then!r}")
        ends.append(ended)
        assert to == (guide.cursor()[0], line), f"routed to {to}, not on the cursor's row {line}"
        typed = len(guide.keys_typed())
        guide.press(then)  # at once
        guide.wait_shown(shown)
        placed = guide.wait_answered(), guide.cursor()
        # Nothing typed while a routing waiting out its timeout (2 s a key) would have typed again.
        more = holds_within(lambda typed=typed: len(guide.keys_typed()) > typed,  # type: ignore[misc]
                            guard=ROUTING_TIMEOUT + 0.5)
        assert not more, f"BRLTTY typed {guide.keys_typed()[typed:]!r} after {then!r}"
        assert (guide.shown(), guide.cursor()) == placed, f"the screen or cursor moved after {then!r}"
    row = as_cells(guide.cursor_row())
    assert row[guide.cursor()[0]:].startswith(f"[ ] {first_words(ITEM.text)}") and row.lstrip().startswith(">"), (
        f"the checklist's highlight is not on its first item at the cursor: {row!r}")
    record_property("figure", f"routing ended {max(ends):.3f} s at most after BRLTTY's last key")


def test_a_routing_key_moves_the_caret_in_the_search_box(guide: Braille) -> None:
    """Routing is real: where arrows move the caret, a routing key puts it on its cell."""
    guide.press(b"/")
    guide.wait_shown("Find:")
    guide.wait_still()
    guide.press(b"cramp")
    guide.wait_window("cramp")
    window = guide.window()
    # The caret after the word, as the terminal has it (this test's own reading of the guide's
    # output can trail BRLTTY's by a write on a busy machine: a column read early is not the end).
    x_end = wait_until(lambda: guide.cursor()[0] if guide.cursor_row()[:guide.cursor()[0]].endswith("cramp") else 0,
                       lambda: f"the caret after 'cramp'; it is at {guide.cursor()} on {guide.cursor_row()!r}")
    guide.route(window.index("cramp"))  # the routing key over the "c"
    assert holds_within(lambda: guide.cursor()[0] < x_end and routing_done(guide), guard=15.0), (
        f"the caret stayed at column {guide.cursor()[0]}; BRLTTY typed {guide.keys_typed()}")
    assert guide.cursor_row()[guide.cursor()[0]:].startswith("cramp"), guide.cursor_row()
