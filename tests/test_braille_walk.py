"""The guide read on a braille display: BRLTTY with its virtual 40-cell display, computer
braille (tests/support/braille.py), at 80x24 and 40x12, through start, contents, a section, the
checklist with a selection, a dialog, settings and help. On each screen:

- the display shows the cursor's row, and on it the focused item's first words: BRLTTY follows
  the terminal cursor, which the guide puts on the focused item's first letter;
- every routing key over the cursor's row leaves the screen as it was: BRLTTY routes the cursor
  by typing arrow keys, so a guide whose Right or Left changed the section or the screen (as
  Right once meant "next section") is changed by a reader who only meant to move the cursor.
  The keys BRLTTY typed are kept, to show it did type Left and Right;
- the marks stay short: a chosen item is "> selected: ...", 12 cells before its words, so 28 of
  the 40 are the item's own ("> [x] selected: " took 16).
And routing reaches the guide where it should move something: in the search box a routing key
moves the caret to its cell.

Nothing here races a clock (each routing key is pressed once BRLTTY has logged taking the one
before, and typed its keys), so the walk runs with the other tests, not alone: beside a CPU-bound
process and two other tests, at a load of 8 to 15 on two cores, it passed all 8 runs.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support import braille as harness
from tests.support.braille import CELLS, ROUTING_KEYS, Braille, as_cells, first_words
from tests.support.guide_pty import descendants
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
    return not descendants(guide.brltty.pid)


def route_every_cell(guide: Braille, where: str) -> list[bytes]:
    """Press every routing key over the cursor's row, each once BRLTTY has logged taking it and
    typed the keys for it (none for the cursor's own cell, which it logs as the place the cursor
    already is); the screen must stay as it was once the guide has answered them all. Returns the
    keys BRLTTY typed."""
    before, typed_before = guide.shown(), len(guide.keys_typed())
    silent, own = [], []
    start, to = (0, 0), (0, 0)
    for column in ROUTING_KEYS:
        count = len(guide.keys_typed())
        start, to = press_routing_key(guide, column, where)
        if start == to:
            own.append(column)  # the cursor's own cell: nothing to type
        elif not holds_within(lambda count=count: len(guide.keys_typed()) > count,  # type: ignore[misc]
                              guard=3.0, poll=0.01):
            silent.append(column)
    if start != to and own:
        # BRLTTY's routing process for the last key, having typed its arrow, waits 2 s for a cursor
        # that does not move (ROUTING_TIMEOUT in its routing.c) before it ends. A routing key
        # stops the one under way (as each key here stopped the one before), and the one over the
        # cursor's own cell types nothing and ends at once: pressed again, it ends the routing
        # without that wait. The guide's answer to the last arrow is then awaited below.
        press_routing_key(guide, own[0], where)
    assert holds_within(lambda: routing_done(guide), guard=15.0), f"{where}: BRLTTY never finished routing"
    guide.wait_answered()  # every arrow typed
    after = guide.shown()
    assert after == before, (f"{where}: routing keys changed the screen (BRLTTY typed "
                             f"{guide.keys_typed()[typed_before:]}) from\n{before}\nto\n{after}")
    assert not silent, f"{where}: BRLTTY typed nothing for the routing keys over cells {silent}"
    assert len(own) <= 1, f"{where}: BRLTTY took cells {own} all for the cursor's own cell"
    typed = guide.keys_typed()[typed_before:]
    # Right for every cell after the cursor; Left for those before it (the first cell has no key).
    wanted = {RIGHT, LEFT} if guide.cursor()[0] > ROUTING_KEYS[0] else {RIGHT}
    assert wanted <= set(typed), f"{where}: BRLTTY typed {sorted(set(typed))}, not {sorted(wanted)}"
    return typed


def press_routing_key(guide: Braille, column: int, where: str) -> tuple[tuple[int, int], tuple[int, int]]:
    """Press the routing key over cell `column` and wait until BRLTTY has logged taking it; return
    where the cursor was and where BRLTTY sends it."""
    routed = len(guide.routes())
    guide.route(column)
    wait_until(lambda: len(guide.routes()) > routed, f"{where}: BRLTTY logging the routing key over cell {column}",
               guard=15.0, poll=0.01)
    return guide.routes()[routed]


def visit(guide: Braille, key: bytes | None, shown: str, where: str, expected: str | None = None) -> str:
    """Press `key`, wait for `shown` on the screen, check the display at the cursor (`expected`,
    or the focused item's first words), then every routing key."""
    if key is not None:
        guide.press(key)
    guide.wait_shown(shown)
    guide.wait_answered()
    window = check_window(guide, expected or focused_words(guide), where)
    route_every_cell(guide, where)
    return window


def test_every_screen_on_40_cells_routing_changes_nothing_and_marks_stay_short(guide: Braille) -> None:
    visit(guide, None, "Read the guide", "start", "Read the guide")
    first = GUIDE.sections[0].title
    visit(guide, ENTER, " Contents", "contents", first_words(first))
    visit(guide, ENTER, f"Section one of {number_word(len(GUIDE.sections))}", "section 1")
    guide.press(b"k")
    guide.wait_shown("Check your symptoms")
    guide.press(b" ")
    words = first_words(ITEM.text)
    window = visit(guide, None, "> selected:", "checklist with a selection", f"selected: {words}")
    mark = window[:window.index(words)].lstrip()  # the screen's one column of padding is no mark
    assert mark == "> selected: " and len(mark) <= MARK_CELLS, (
        f"the chosen item's mark takes {len(mark)} of {CELLS} cells: {window!r}")
    visit(guide, b"c", "Clear your one selection?", "the clear dialog", "No, keep them")
    guide.press(ESC)
    guide.wait_shown("Check your symptoms")
    visit(guide, b"o", "Colours", "settings", "selected: Colours:")
    visit(guide, b"?", "Help: Settings", "help")


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
