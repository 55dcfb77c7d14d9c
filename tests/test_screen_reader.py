"""What a screen reader hears: the installed guide under a real console screen reader (tdsr, at its
default settings), driven by keys on a pty at 80x24 and 40x12, with a transcript of every thing
it sent to be spoken (tests/support/screen_reader.py).

- Whole words and whole lines: every word said is a whole word of the guide's own text (its
  content files and its program's messages, tests/support/guide_words.py), not merely of the
  screen, where a message drawn over the text could have made a fragment (no "ive" for "five",
  no "youexercise" for two lines run together).
- The item moved to, every time: after each arrow key tdsr waits 20 ms and reads the cursor's line;
  it must be the highlighted item's row (marked "> "), also with a CPU-bound process running
  beside the guide, through the whole list: the presses that scroll it and its wrap included
  (tests/support/reader_arrows.py). On a quiet machine no press may be wrong; with other work
  running, at most a fixed few per hundred, never one in which the guide used more processor
  than FRAME_CPU_MS; each list's count is printed as a figure.
- Focus is spoken: Tab to the checklist result says the result first.
- A new screen says its title, its focused item, its body, then its key bar.
- Quiet when nothing happens (no blinking caret), and one closing line on quitting.
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support import screen_reader as harness
from tests.support.guide_words import guide_words, not_whole
from tests.support.reader_arrows import arrow_through, busy_process
from tests.support.screen_reader import DOWN, ENTER, TAB, UP, Reader
from tui.data.content import load_guide

pytestmark = [pytest.mark.e2e, pytest.mark.serial]

SIZES = [(80, 24), (40, 12)]
SIZE_IDS = ["80x24", "40x12"]
ARROWS = 100
"""Arrow presses per list for the reading-the-wrong-item test."""
READER_DELAY_MS = 20.0
"""tdsr's default cursor delay: it reads the cursor's line this long after an arrow key."""
FRAME_CPU_MS = 11.0
"""Processor time the guide may use in an arrow press, all its threads, on a quiet machine. Measured
at the end of this round in the checklist (every item with its state words now wraps over two rows
at 80 columns, and a move sends the whole item): 80x24 median 4.6 ms, p95 8.6, at most 10.4 in 128
presses; 40x12 median 4.7, at most 7.8 (the round before: 3.4 median, 6.4 at most). A press that
used more is the guide's own fault, whatever the machine did."""


@pytest.fixture
def reader(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Reader]:
    if harness.TDSR is None:
        pytest.fail("tdsr is not installed: pip install -e . --group test (the tdsr2 package)")
    size = getattr(request, "param", (80, 24))
    started = harness.start(tmp_path / "home", size)
    try:
        started.wait_shown("Read the guide", 30)
        started.settle(0.6)
        yield started
    finally:
        started.close()


@pytest.fixture
def cpu_hog() -> Iterator[None]:
    with busy_process():
        yield


@functools.cache
def known_words() -> set[str]:
    """The guide's words, and what the search test types (the box says it back)."""
    return guide_words("spasm"[:n] for n in range(1, 6))


def check_whole_words(said: list[str], action: str) -> None:
    """Every word said is a whole word of the guide's own text."""
    for line in said:
        if line.startswith("tdsr, presented by"):
            continue  # tdsr's own greeting
        broken = not_whole([line], known_words())
        assert not broken, f"{action}: {broken} in {line!r} are not words of the guide"


@pytest.mark.parametrize("reader", SIZES, ids=SIZE_IDS, indirect=True)
def test_each_arrow_names_the_item_moved_to_beside_a_busy_process(reader: Reader, cpu_hog: None,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    runs = []
    for name, key in (("contents", ENTER), ("start menu", b"\x1b"), ("checklist", b"k")):
        reader.press(key, settle=0.6)
        runs.append(arrow_through(reader, name, ARROWS))
    with capsys.disabled():
        print("\nwrong presses beside a busy process: " + "; ".join(run.figure() for run in runs))
    for run in runs:
        assert all(press.moved for press in run.presses), f"{run.name}: a press did not move the highlight"
        # A wrong press in which the guide used more than a frame's processor time is its own fault,
        # however busy the machine; the rest are bounded: none on a quiet machine.
        costly = [str(press) for press in run.wrong() if press.ran > FRAME_CPU_MS]
        assert not costly, f"{run.figure()}; over the {FRAME_CPU_MS} ms frame budget: {costly[:5]}"
        assert len(run.wrong()) <= run.allowed(), f"{run.figure()}: {[str(press) for press in run.wrong()[:5]]}"
    if any(run.wrong() for run in runs):
        warnings.warn(f"wrong lines (read {READER_DELAY_MS:g} ms after the key) with other work on the machine, "
                      "within the bound: "
                      + "; ".join(run.figure() for run in runs), stacklevel=1)


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
        at = reader.press(key, settle=0.5)
        check_whole_words(reader.speech_after(at), action)


@pytest.mark.parametrize("reader", SIZES, ids=SIZE_IDS, indirect=True)
def test_a_new_screen_says_title_focus_body_then_keys(reader: Reader) -> None:
    start = load_guide().title[:20]  # the start screen's title, its first words (it may wrap at 40 columns)
    for key, title in ((ENTER, "Contents"), (b"\x1b", start), (b"k", "Check your symptoms")):
        at = reader.press(key, settle=0.8)
        said = reader.speech_after(at)
        display = [line.strip() for line in reader.screen.display]
        assert said[0] == display[1] and said[0].startswith(title), said
        assert said[1] == reader.cursor_line(), (said, reader.cursor_line())
        assert said[-1] == [line for line in display if line][-1], said  # the key bar's last row


@pytest.mark.parametrize("reader", SIZES, ids=SIZE_IDS, indirect=True)
def test_space_says_the_item_and_tab_says_the_result(reader: Reader) -> None:
    reader.press(b"k", settle=0.8)
    heard = []
    for _ in range(2):
        at = reader.press(b" ")
        said = reader.speech_after(at)
        assert said[0] == reader.cursor_line(), said
        heard.append(said[0])
    # Ticked, then not: the state in words first, on the item's first row at either size.
    assert heard[0].startswith("> selected:") and heard[1].startswith("> unselected:"), heard
    # Away and back: the plain label again ("unselected" was news, not a state).
    reader.press(DOWN)
    at = reader.press(UP)
    said = reader.speech_after(at)
    assert said[0] == reader.cursor_line() and said[0].startswith("> [ ] ") and "unselected" not in said[0], said
    reader.press(b" ")
    # At 40x12 the result takes the list's place when it has focus: still its first row first.
    at = reader.press(TAB)
    said = reader.speech_after(at)
    assert said and said[0] == reader.cursor_line() and said[0], said  # the result's first row, first
    at = reader.press(TAB)  # back to the list: the item again, though nothing in it changed
    assert reader.speech_after(at)[0] == reader.cursor_line()


def test_an_empty_search_box_is_quiet_and_quitting_says_one_line(reader: Reader) -> None:
    reader.press(b"/", settle=0.8)
    quiet_from = reader.press(b"", settle=0.2)
    reader.pump(1.6)  # three blinks' worth
    assert reader.speech_after(quiet_from, limit=0.5) == []
    reader.press(b"\x1b", settle=0.6)
    at = reader.press(b"q", settle=1.0)
    said = reader.speech_after(at)
    letters = [s.text for s in reader.said() if s.at >= at and s.kind == "l"]
    assert said == ["Closed. Your checklist is saved."] and not letters, (said, letters)
