"""The Spanish guide under a real console screen reader (tdsr), at 80x24 and 40x12.

The walk of tests/test_screen_reader_walk.py, on the guide in content/muscle-spasms-es: start,
contents, a section read to its end by Down, search, the checklist (a focused item heard whole),
cramp now, About, quitting. What a listener needs, checked on what tdsr sent to be spoken:
- every word of the section is heard, in order, when read by Down, accents and all;
- a focused checklist item is heard whole after Space, however many rows it takes;
- no word is heard that is not a whole word of the Spanish guide's own text (its content files),
  of the words catalogue (tui/locale/es) or of the program's own phrases: never "sculo" for
  "músculo", "emergen" for "emergencias".
The interface's own words come from the words catalogue, in Spanish on this guide; how the
language is chosen is still being built, so a phrase the program says (the end of a section) is
accepted in English or in the catalogue's Spanish, and the checks stand on the guide's own words.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.support import screen_reader as harness
from tests.support.guide_words import catalogue_text, guide_words, in_order, not_whole
from tests.support.reader_arrows import ArrowRun, read_by_line
from tests.support.screen_reader import DOWN, ENTER, ESC, UP, Reader, words
from tui.data.checklist import load_checklist
from tui.data.content import load_guide
from tui.data.pages import section_end
from tui.data.words import in_language

pytestmark = [pytest.mark.e2e, pytest.mark.serial, pytest.mark.content]

ROOT = Path(__file__).resolve().parent.parent
SPANISH_DIR = ROOT / "content" / "muscle-spasms-es"
GUIDE = load_guide(SPANISH_DIR)
CHECKLIST = load_checklist(SPANISH_DIR)
HOME = b"\x1b[H"
SECTION = 4
"""The section read by Down: "Causas comunes", with a question ("¿Tiene ...?"), "ñ" and accents."""


def section_words(number: int) -> list[str]:
    return words(" ".join(GUIDE.section(number).plain_paragraphs()))


def heard_whole(item: str, said: list[str]) -> bool:
    """Whether the words of `item` were heard one after another, all of them, in what was said
    for the key (after what the program says before it, "selected:").

    Not only in the first lines: at 40x12, ticking an item of four rows at the bottom of the list
    scrolls it (the longer "selected:" re-wraps it), and tdsr says its first three rows, the
    result line, then the whole item again (measured the same in English)."""
    wanted, heard = words(item), words(" ".join(said))
    starts = [at for at, word in enumerate(heard) if word == wanted[0]]
    return any(heard[at:at + len(wanted)] == wanted for at in starts)


def end_phrase(number: int) -> str:
    """How the Spanish guide says a section's end (the words catalogue's Spanish)."""
    with in_language("es"):
        return section_end(number, len(GUIDE.sections))


@pytest.fixture(params=[(80, 24), (40, 12)], ids=["80x24", "40x12"])
def reader(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Reader]:
    # Spanish as a reader chooses it.
    yield from harness.reader_on_screen(tmp_path / "home", request.param, "Espasmos musculares", ("--lang", "es"),
                                        at_rest=True)


class Walk:
    """Keys pressed and what was said for each, with the words that were not whole."""

    def __init__(self, reader: Reader, home: Path) -> None:
        self.reader = reader
        self.known = guide_words([str(home), catalogue_text("es")], folder=SPANISH_DIR)
        self.broken: list[tuple[str, str]] = []

    def press(self, key: bytes, name: str) -> list[str]:
        """Press `key`; what was said for it once the guide and tdsr are at rest (`Reader.rest`),
        checked for whole words."""
        # After an arrow, the pty is left alone while tdsr races its 20 ms (`Reader.press`); after
        # any other key tdsr says what the guide draws, whenever it comes.
        at = self.reader.press(key, settle=0, hands_off=0.05 if key in (UP, DOWN) else 0)
        self.reader.rest()
        said = self.reader.spoken_since(at)
        self.broken += [(name, word) for word in not_whole(said, self.known)]
        return said

    def read_by_down(self, number: int) -> tuple[list[str], ArrowRun]:
        """From the start (Home says the first line) Down through section `number` to its end.
        What the guide SHOWS is checked exactly: every line once, in order, to the end. What the
        reader SAYS is the line shown but for a bounded few presses on a busy machine (none on a
        quiet one), as the English reading by Down (tests/support/reader_arrows.py)."""
        end = end_phrase(number)
        at = self.reader.press(HOME, settle=0)  # not an arrow: tdsr says the line as it is drawn
        self.reader.rest()
        heard, shown = self.reader.spoken_since(at)[:1], [self.reader.cursor_line()]
        assert heard == shown, f"Home said {heard} for the first line {shown}"
        run = read_by_line(self.reader, f"section {number} read by Down", end)
        shown += [press.highlighted for press in run.presses]
        assert shown[-1].startswith(end), f"the end ({end}) never shown by Down: {shown[-3:]}"
        lines = [line for line in shown[:-1] if line]
        repeats = [a for a, b in itertools.pairwise(lines) if a == b]
        assert not repeats, f"lines shown twice in a row by Down: {repeats[:3]}"
        missing = in_order(section_words(number), words(" ".join(lines)))
        assert not missing, f"by Down, section {number} was not shown whole from {missing[:8]}"
        said = [press.said for press in run.presses]
        self.broken += [("down", word) for word in not_whole(said, self.known)]
        return lines, run


def test_the_spanish_guide_is_heard_in_whole_spanish_words(
        reader: Reader, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        record_property: Callable[[str, object], None]) -> None:
    walk = Walk(reader, tmp_path / "home")
    size = "x".join(map(str, reader.size))
    lines: list[str] = []
    try:
        said = reader.spoken_since(0)
        assert any("Espasmos musculares" in line for line in said), said[:5]
        walk.press(ENTER, "contents")
        walk.press(str(SECTION).encode(), f"section {SECTION}")
        lines, run = walk.read_by_down(SECTION)
        record_property("figure", f"Spanish walk at {size}, wrong lines read by Down: {run.figure()}")
        assert len(run.wrong()) <= run.allowed(), f"{run.figure()}: {[str(press) for press in run.wrong()[:5]]}"
        # The guide's question is heard as it is written, its "¿" aside (a mark, not a word).
        assert any("Tiene una enfermedad de los riñones" in line for line in lines), lines
        walk.press(ESC, "back")
        walk.press(ESC, "back to the start")
        # Search: the typed word, and what is said of the places found.
        walk.press(b"/", "search")
        walk.known |= {"calambre"[:n] for n in range(1, 9)}  # typed, and said back
        for letter in "calambre":
            walk.press(letter.encode(), f"type {letter}")
        assert walk.press(ENTER, "search found"), "Enter on the places found said nothing"
        walk.press(ESC, "back")
        # The checklist: the focused item, heard whole when ticked, however many rows it takes.
        walk.press(b"k", "checklist")
        said = walk.press(b" ", "select")
        assert heard_whole(CHECKLIST.items[0].text, said), f"the item not heard whole: {said[:5]}"
        walk.press(b" ", "unselect")
        walk.press(DOWN, "next item")
        said = walk.press(b" ", "select the next")  # four rows at 40x12
        assert heard_whole(CHECKLIST.items[1].text, said), f"the item not heard whole: {said[:5]}"
        walk.press(ESC, "back")
        walk.press(b"m", "cramp now")
        walk.press(ESC, "back")
        for _ in range(3):
            walk.press(ESC, "back to the start")
        walk.press(b"\x1b[F", "last item")
        said = walk.press(ENTER, "about")
        assert said, "About said nothing"
        # Quiet when no key is pressed is the English walk's (tests/test_screen_reader_walk.py, at
        # both sizes, after About too): nothing in it depends on the language.
        walk.press(b"q", "quit")
    finally:
        with capsys.disabled():
            print(f"\nSpanish walk at {size}: {len(lines)} lines by Down; "
                  f"words heard that are not whole: {len(walk.broken)} {sorted(set(walk.broken))[:10]}")
    assert not walk.broken, f"words heard that are not whole words of the guide: {sorted(set(walk.broken))[:10]}"
