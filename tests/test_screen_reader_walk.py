"""A full walk through the guide under a real console screen reader (tdsr), as a new user takes it.

Every screen and dialog at 80x24 and 40x12: start, contents, a long section read to its end by
Page down (by Down: tests/test_screen_reader.py), search with and without results, the checklist (select, unselect, the
result), the doctor's questions, saving, clearing, cramp now, settings, help, about.
What a listener needs, checked on what tdsr sent to be spoken:
- every word of the section is heard, in order, when read by Page down, and End at the end says
  the end;
- a focused checklist item is heard whole after Space, however many rows it takes;
- no word is heard that is not a whole word of the guide's own text (its content files) or of the
  guide's program (its own messages and key names): never "emerge", "ncy" or "sweClear";
- a confirmation is among the first three things said after its key;
- nothing is said with no key pressed.
The keys that race the reader's 20 ms (arrows: reading the section by Down, 100 presses through
the checklist beside a busy process), and quitting (its closing line races tdsr's reading of the
terminal's end), are in tests/test_screen_reader.py, which runs alone; none
of the keys here is an arrow but one Down in settings (its confirmation is a Space, said as drawn),
so the walk runs with the other tests (beside a CPU-bound process and two other tests, at a load
of 8 to 15 on two cores, its checks passed in all 8 runs). The figures the README keeps are
printed in one CI run: here the count and seconds of speech on arriving at each screen and the
words heard that are not whole; there the wrong presses per 100 beside the busy process and the
wrong lines read by Down.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.support import screen_reader as harness
from tests.support.guide_words import guide_words, in_order, not_whole
from tests.support.screen_reader import DOWN, ENTER, ESC, TAB, Reader, words
from tui.data.checklist import load_checklist
from tui.data.content import load_guide

pytestmark = [pytest.mark.e2e, pytest.mark.content]

PAGE_DOWN, HOME, END = b"\x1b[6~", b"\x1b[H", b"\x1b[F"
CTRL_S = b"\x13"
WORDS_A_SECOND = 175 / 60
"""espeak-ng's default rate, for the seconds a screen's speech takes."""
GUIDE = load_guide()


def section_words(number: int) -> list[str]:
    return words(" ".join(GUIDE.section(number).plain_paragraphs()))


@pytest.fixture(params=[(80, 24), (40, 12)], ids=["80x24", "40x12"])
def reader(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Reader]:
    yield from harness.reader_on_screen(tmp_path / "home", request.param, "Read the guide", at_rest=True)


class Walk:
    """Keys pressed and what was said for each, with the checks made along the way."""

    def __init__(self, reader: Reader, home: Path) -> None:
        self.reader = reader
        self.known = guide_words([str(home)])  # a saved file's name is said with its folder
        self.arrivals: list[tuple[str, int, float]] = []
        self.broken: list[tuple[str, str]] = []

    def press(self, key: bytes, name: str) -> list[str]:
        """Press `key`; what was said for it, once the guide and tdsr are at rest (checked for
        whole words)."""
        at = self.reader.press(key, settle=0, hands_off=0.05)
        self.reader.rest()
        said = self.reader.spoken_since(at)
        self.broken += [(name, word) for word in not_whole(said, self.known)]
        return said

    def arrive(self, key: bytes, name: str) -> list[str]:
        """Open a screen: keep how much was said, and how long it takes to hear."""
        said = self.press(key, name)
        count = len(words(" ".join(said)))
        self.arrivals.append((name, len(said), round(count / WORDS_A_SECOND, 1)))
        return said

    def confirmed(self, key: bytes, name: str, confirmation: str) -> None:
        said = self.press(key, name)
        first = " ".join(said[:3])
        assert confirmation in first, f"{name}: {confirmation!r} not among the first three things said: {said[:5]}"

    def read_by_page(self, number: int, word: str, first_page: list[str]) -> None:
        """Page down through section `number` to its end, after the first page (`first_page`, as it
        was said on arriving): every word heard, in order."""
        self.press(HOME, "home")
        heard = list(first_page)
        for _ in range(40):
            said = self.press(PAGE_DOWN, "page down")
            heard += said
            if any(line.startswith(f"End of section {word}") for line in said):
                break
        missing = in_order(section_words(number), words(" ".join(heard)))
        assert not missing, f"by Page down, section {number} was not heard whole from {missing[:8]}"


def walk_through(walk: Walk, reader: Reader) -> None:
    """Every screen and dialog, from the start screen to About, with the checks along the way."""
    said = reader.speech_after(0)
    walk.arrivals.append(("start", len(said) - 1, round(len(words(" ".join(said[1:]))) / WORDS_A_SECOND, 1)))
    walk.arrive(ENTER, "contents")
    # A long section, read by page to its end (by line: tests/test_screen_reader.py); End says the end.
    first_page = walk.arrive(b"8", "section 8")
    walk.read_by_page(8, "eight", first_page)
    assert walk.press(END, "end")[0].startswith("End of section eight")
    walk.arrive(b"1", "section 1")
    walk.confirmed(b"p", "previous at the first", "This is the first section.")
    # Search, with and without results.
    walk.arrive(b"/", "search")
    walk.known |= {"cramp"[:n] for n in range(1, 6)} | {"spazms"[:n] for n in range(1, 7)}  # typed, and said back
    for letter in "cramp":
        walk.press(letter.encode(), f"type {letter}")
    assert walk.press(ENTER, "search found"), "Enter on the places found said nothing"
    walk.arrive(b"/", "search again")
    walk.press(b"\x7f" * 5, "rub out")
    for letter in "spazms":
        walk.press(letter.encode(), f"type {letter}")
    walk.confirmed(ENTER, "search, nothing found", 'Nothing found for "spazms". Did you mean "spasms"?')
    walk.press(ESC, "back")
    # The checklist: select, unselect, select, the result.
    walk.arrive(b"k", "checklist")
    item = load_checklist(GUIDE.folder).items[0].text
    said = walk.press(b" ", "select")
    assert said[0].startswith("> selected:"), said
    assert not in_order(words(item), words(" ".join(said[:4]))), f"the item not heard whole: {said[:4]}"
    assert walk.press(b" ", "unselect")[0].startswith("> unselected:")
    walk.press(b" ", "select again")
    assert walk.press(TAB, "to the result")
    walk.press(TAB, "back to the list")
    # The doctor's questions, then saving: the confirmation first, the path whole.
    said = walk.arrive(b"s", "doctor question")
    assert said[0].startswith("Question 1 of"), said[:3]
    walk.arrive(CTRL_S, "where to save")
    walk.confirmed(ENTER, "save", "Saved the summary as")
    said = walk.arrive(b"c", "clear")
    assert said[0].startswith("Clear your one selection?"), said[:3]
    assert not [line for line in said if "Saved the summary" in line], f"a message over the dialog: {said}"
    walk.confirmed(b"y", "clear: yes", "Cleared every selection.")
    walk.arrive(b"m", "cramp now")
    walk.press(ESC, "back")
    walk.arrive(b"o", "settings")
    walk.press(DOWN, "down")
    walk.confirmed(b" ", "choose colours", "Colours: Light, high contrast.")
    walk.arrive(b"?", "help")
    walk.press(ESC, "back")
    for _ in range(4):
        walk.press(ESC, "back to the start")
    walk.press(END, "last item")
    walk.arrive(ENTER, "about")
    # Nothing is said when no key is pressed.
    quiet_from = time.monotonic()
    reader.pump(3.0)
    assert reader.speech_after(quiet_from, limit=0.5) == []


def test_a_full_walk_is_heard_whole_in_order_and_only_when_asked(
        reader: Reader, tmp_path: Path, record_property: Callable[[str, object], None]) -> None:
    walk = Walk(reader, tmp_path / "home")
    size = "x".join(map(str, reader.size))
    try:
        walk_through(walk, reader)
    finally:  # the figures (printed at the end of the run), also when a check failed on the way
        record_property("figure", f"speech on arriving, at {size}: " + "; ".join(
            f"{name} {count} lines {seconds} s" for name, count, seconds in walk.arrivals))
        record_property("figure", f"words heard that are not whole, at {size}: {len(walk.broken)}")
    assert not walk.broken, f"words heard that are not whole words of the guide: {sorted(set(walk.broken))[:10]}"
