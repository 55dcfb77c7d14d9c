"""What a screen reader hears, where timing is not the question: the installed guide under a real
console screen reader (tdsr, at its default settings), driven by keys on a pty at 80x24 and 40x12,
with a transcript of every thing it sent to be spoken (tests/support/screen_reader.py).

- Whole words and whole lines: every word said is a whole word of the guide's own text (its
  content files and its program's messages, tests/support/guide_words.py), not merely of the
  screen, where a message drawn over the text could have made a fragment (no "ive" for "five",
  no "youexercise" for two lines run together).
- Focus is spoken: Tab to the checklist result says the result first.
- A new screen says its title (whole, though it wraps over two rows), its focused item, its body,
  then its key bar.
- Quiet when nothing happens (no blinking caret).

None of these keys is an arrow: tdsr says what the guide draws (5 ms after it comes), not the
cursor's line 20 ms after the key, so a busy machine delays what is said but does not change it.
These run with the other tests, three at a time (beside a CPU-bound process and two other tests,
at a load of 8 to 15 on two cores, they passed all 8 runs). What races a clock is in
tests/test_screen_reader.py and runs alone: the arrow presses (the reader's 20 ms), and the
closing line on quitting (tdsr drops what it read in the same read as the end of the terminal).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support import screen_reader as harness
from tests.support.guide_words import guide_words, not_whole
from tests.support.screen_reader import DOWN, ENTER, TAB, UP, Reader
from tui.data.content import load_guide
from tui.data.pages import section_heading

pytestmark = [pytest.mark.e2e]

SIZES = [(80, 24), (40, 12)]
SIZE_IDS = ["80x24", "40x12"]


@pytest.fixture
def reader(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Reader]:
    yield from harness.reader_on_screen(tmp_path / "home", getattr(request, "param", (80, 24)), "Read the guide",
                                        at_rest=True)


@functools.cache
def known_words() -> set[str]:
    """The guide's words, and what the search test types (the box says it back)."""
    return guide_words("spasm"[:n] for n in range(1, 6))


def said_for(reader: Reader, key: bytes) -> list[str]:
    """Press `key`; what was said for it, once the guide and tdsr are at rest (`Reader.rest`)."""
    at = reader.press(key, settle=0)
    reader.rest()
    return reader.spoken_since(at)


def check_whole_words(said: list[str], action: str) -> None:
    """Every word said is a whole word of the guide's own text."""
    for line in said:
        if line.startswith("tdsr, presented by"):
            continue  # tdsr's own greeting
        broken = not_whole([line], known_words())
        assert not broken, f"{action}: {broken} in {line!r} are not words of the guide"


@pytest.mark.parametrize("reader", SIZES, ids=SIZE_IDS, indirect=True)
def test_every_word_said_is_a_whole_word_of_the_guide(reader: Reader) -> None:
    steps: list[tuple[str, bytes]] = [
        ("open contents", ENTER), ("down", DOWN), ("open section", ENTER), ("next section", b"n"),
        ("next section", b"n"), ("previous section", b"p"), ("search", b"/"),
        *[(f"type {letter}", letter.encode()) for letter in "spasm"], ("to the results", TAB),
        ("down a result", DOWN), ("back", b"\x1b"), ("checklist", b"k"), ("down", DOWN), ("select", b" "),
        ("to the result", TAB), ("back to the list", TAB), ("help", b"?"), ("back", b"\x1b"),
    ]
    check_whole_words(reader.speech_after(0), "start")
    for action, key in steps:
        check_whole_words(said_for(reader, key), action)


def title_said_first(said: list[str], title: str) -> int:
    """How many things said, from the first, make up `title` whole (a title wrapped over two rows
    is said as two lines, one after the other); fails if anything comes between."""
    heard = ""
    for count, line in enumerate(said, 1):
        heard = f"{heard} {line}".strip()
        if heard == title:
            return count
        assert title.startswith(heard), f"the title {title!r} was not said whole first: {said[:4]}"
    raise AssertionError(f"the title {title!r} was not said whole first: {said[:4]}")


@pytest.mark.parametrize("reader", SIZES, ids=SIZE_IDS, indirect=True)
def test_a_new_screen_says_title_focus_body_then_keys(reader: Reader) -> None:
    guide = load_guide()
    # Section five's heading wraps at 40 columns: both its rows come before the focused line.
    five = section_heading(guide.section(5), len(guide.sections))
    arrivals = ((ENTER, "Contents"), (b"\x1b", guide.title), (b"5", five), (b"\x1b", guide.title),
                (b"k", "Check your symptoms (not a diagnosis)"))
    before = [line.strip() for line in reader.screen.display]
    for key, title in arrivals:
        said = said_for(reader, key)
        display = [line.strip() for line in reader.screen.display]
        rows = title_said_first(said, title)
        assert said[:rows] == [row for row in display[1:1 + rows]], (said, display)
        assert said[rows] == reader.cursor_line(), (said, reader.cursor_line())
        # The keys last: the key bar's two rows end the screen, and a screen reader says a row
        # only when it changed (a row the screen before had in the same place is not said again).
        keys = [line for line in display if line][-2:]
        changed = [row for row in keys if row != before[display.index(row)]]
        assert said[-1] == changed[-1] and all(row in said for row in changed), (said, changed)
        before = display


@pytest.mark.parametrize("reader", SIZES, ids=SIZE_IDS, indirect=True)
def test_space_says_the_item_and_tab_says_the_result(reader: Reader) -> None:
    said_for(reader, b"k")
    heard = []
    for _ in range(2):
        said = said_for(reader, b" ")
        assert said[0] == reader.cursor_line(), said
        heard.append(said[0])
    # Ticked, then not: the state in words first, on the item's first row at either size.
    assert heard[0].startswith("> selected:") and heard[1].startswith("> unselected:"), heard
    # Away and back: the plain label again ("unselected" was news, not a state). Judged on the
    # row shown and on all that was said, not on what came first: an arrow races the reader's
    # 20 ms, which tests/test_screen_reader.py judges alone.
    said_for(reader, DOWN)
    said = said_for(reader, UP)
    row = reader.cursor_line()
    assert row.startswith("> [ ] ") and not [line for line in said if "unselected" in line], (row, said)
    said_for(reader, b" ")
    # At 40x12 the result takes the list's place when it has focus: still its first row first.
    said = said_for(reader, TAB)
    assert said and said[0] == reader.cursor_line() and said[0], said  # the result's first row, first
    said = said_for(reader, TAB)  # back to the list: the item again, though nothing in it changed
    assert said[0] == reader.cursor_line(), said


def test_an_empty_search_box_is_quiet(reader: Reader) -> None:
    reader.press(b"/", settle=0)
    reader.rest()  # the search box open and said (a fixed 0.8 s of quiet before)
    quiet_from = reader.press(b"", settle=0.2)
    reader.pump(1.6)  # three blinks' worth
    assert reader.speech_after(quiet_from, limit=0.5) == []
