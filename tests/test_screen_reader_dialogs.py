"""What a console screen reader (tdsr) hears around messages and dialogs, through the real reader.

Each test presses the keys a listener would and checks what tdsr sent to be spoken after the key
that matters, at 80x24 and 40x12 (tests/support/screen_reader.py):
- closing a dialog sends only the rows it covered, the confirmation and the focused item first:
  at 80x24 the screen under a dialog shows below it as it was, and closing one re-read every
  row of the checklist, its result and its keys (at 40x12 a dialog still takes every row);
- a dialog that takes the place of another is heard from its own title, with nothing left over
  from the one before (the where-to-save dialog was heard after the doctor's question's hint,
  "Enter: next (empty skips) ...");
- a message is heard once: the next key's rows move it (the checklist's key bar is a row shorter
  on its result), and it was heard again on Tab, before the result the Tab went to;
- a message that takes a row from a list, and the scroll that brings the highlight back into view,
  send only what changed: every row of Settings was sent, and said, again (the rows moved by the
  terminal's own insert and delete line, tui/output/shift.py);
- an end line wider than the window is broken where a phrase ends, so each row a Down reads is
  whole ("End of section one." then "Press n for the next section.", not "... Press n for the"
  then "next section."), and End says its rows together, first (End in Help said other rows
  between them);
None of the keys is an arrow but one Down, judged by the row it puts the cursor on (what tdsr
reads), not by its race with the reader's 20 ms cursor delay, so the module runs with the others.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support import screen_reader as harness
from tests.support.screen_reader import DOWN, Reader

pytestmark = [pytest.mark.e2e]

CTRL_S = b"\x13"
ENTER, TAB, END = b"\r", b"\t", b"\x1b[F"
SECTION_END = "End of section one. Press n for the next section."
HELP_END = "End of Help: Section one of nine: What muscle spasms are. Press Esc to go back."


@pytest.fixture(params=[(80, 24), (40, 12)], ids=["80x24", "40x12"])
def reader(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Reader]:
    yield from harness.reader_on_screen(tmp_path / "home", request.param, "Read the guide", at_rest=True)


def press(reader: Reader, key: bytes) -> list[str]:
    """Press `key`; everything said for it, once the guide and tdsr are at rest."""
    at = reader.press(key, settle=0, hands_off=0.05)
    reader.rest()
    return reader.spoken_since(at)


@pytest.mark.parametrize("keys", [(b"k", b" ", b"s"), (b"k", b" ", DOWN, b" ", b"s", b"t", ENTER)],
                         ids=["first question", "second question"])
def test_the_where_to_save_dialog_is_heard_from_its_title(reader: Reader, keys: tuple[bytes, ...]) -> None:
    for key in keys:
        press(reader, key)
    said = press(reader, CTRL_S)
    assert said, "Ctrl+S at the doctor's question said nothing"
    assert said[0].startswith("Save a summary"), f"the where-to-save dialog not heard title first: {said[:3]}"
    assert not [line for line in said if "empty skips" in line], f"the question's hint heard again: {said}"


def test_a_message_is_not_heard_again_on_the_next_tab(reader: Reader) -> None:
    for key in (b"k", b" ", b"s", CTRL_S):
        press(reader, key)
    said = press(reader, ENTER)
    assert said and said[0].startswith("Saved the summary as"), f"saving not heard first: {said[:3]}"
    said = press(reader, TAB)
    assert said, "Tab to the result said nothing"
    assert not [line for line in said if "Saved the summary" in line], f"the message heard again on Tab: {said}"
    assert "EMERGENCY" in said[0], f"Tab not heard at the result first: {said[:3]}"


def focused_rows(reader: Reader) -> set[str]:
    """The rows of the focused item: the cursor's, and the rows under it that go on its words
    (indented, not an item of their own)."""
    display, row = reader.screen.display, reader.screen.cursor.y
    rows = {display[row].strip()}
    while row + 1 < len(display) and display[row + 1].startswith("   ") and not display[row + 1].strip().startswith(
            ("[ ]", "selected:")):
        row += 1
        rows.add(display[row].strip())
    return rows


def heard_first(said: list[str], text: str) -> bool:
    """Whether `text` is the first thing said, in one row or in rows said one after another."""
    joined = ""
    for line in said:
        joined = f"{joined} {line}".strip()
        if not text.startswith(joined):
            return False
        if joined == text:
            return True
    return False


def test_an_end_line_is_heard_in_whole_phrases_and_together(reader: Reader) -> None:
    press(reader, b"1")
    said = press(reader, END)
    assert heard_first(said, SECTION_END), f"End did not say the end line first, together: {said[:4]}"
    rows = [reader.cursor_line()]
    press(reader, DOWN)  # what tdsr reads on Down is the cursor's row
    rows.append(reader.cursor_line())
    assert all(row.endswith(".") for row in rows), f"a row of the end line read by Down is not whole: {rows}"
    assert " ".join(dict.fromkeys(rows)) == SECTION_END, rows
    press(reader, b"?")
    said = press(reader, END)
    assert heard_first(said, HELP_END), f"End in Help did not say the end line first, together: {said[:5]}"


@pytest.mark.parametrize("reader", [(80, 24)], ids=["80x24"], indirect=True)
def test_closing_a_dialog_sends_only_the_rows_it_covered(reader: Reader) -> None:
    for key in (b"k", b" ", b"c"):
        press(reader, key)
    said = press(reader, b"n")
    assert said and said[0].startswith("Check your symptoms"), f"closing not heard title first: {said[:3]}"
    assert said[1].startswith("> selected:"), f"the focused item not heard next: {said[:3]}"
    below = [line for line in said if line.startswith(("Because you chose", "What to do", "Enter/Space Select"))]
    assert not below, f"rows the dialog never covered heard again: {said}"
    for key in (b"s", CTRL_S):
        press(reader, key)
    said = press(reader, ENTER)
    assert said and said[0].startswith("Saved the summary as"), f"saving not heard first: {said[:3]}"
    below = [line for line in said if line.startswith(("Because you chose", "What to do", "Enter/Space Select"))]
    assert not below, f"rows the dialog never covered heard again: {said}"


def test_a_message_and_the_scroll_it_brings_send_only_what_changed(reader: Reader) -> None:
    press(reader, b"o")
    for _ in range(30):
        if "Reading volume: 75 percent" in reader.cursor_line():
            break
        press(reader, DOWN)
    assert "Reading volume: 75 percent" in reader.cursor_line(), reader.shown()
    before = {line.strip() for line in reader.screen.display}
    said = press(reader, b" ")
    after = {line.strip() for line in reader.screen.display}
    assert said and said[0] == "Reading volume: 75 percent.", f"the choice not confirmed first: {said[:3]}"
    focused = focused_rows(reader)
    unchanged = {line for line in before & after if line and line not in focused}
    again = [line for line in said if line in unchanged]
    assert not again, f"rows that did not change heard again: {again}"
    twice = [line for line in set(said) if said.count(line) > 1]
    assert not twice, f"heard twice: {twice} in {said}"
