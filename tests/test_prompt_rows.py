"""The prompt modes break every row between words at the window's width, on a real pty.

`--accessible`, `--checklist` and `--plain` are for screen-reader and braille users: a line wider
than the window is broken by the terminal wherever the edge falls ("emerge" / "ncy"), and a
reader says both halves as words. So the guide breaks each line itself, the questions too,
with room left on a question's row for the answer typed after it.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pyte
import pytest

from tests.support.guide_pty import PtyRun, guide_on_pty
from tests.support.keyfuzz import idle
from tests.support.wait import wait_until

pytestmark = [pytest.mark.e2e]

ESCAPE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")

WALKS = {
    "accessible": (["--accessible"],
                   # sections, section 8 a screenful at a time, back; search; checklist with a
                   # long item; help; about; quit
                   ["1", "8", "", "", "", "", "", "0", "6", "cramps", "0", "", "2", "1", "4", "0", "0",
                    "3", "4", "0"]),
    "checklist": (["--checklist"], ["1", "2", "3", "4", "5", "6", "0", "3", "1", "0", "0", "0"]),
    "plain": (["--plain", "--section", "8"], []),
}


def asked(run: PtyRun, since: int) -> None:
    """Read until the guide asks again after byte `since` of its output (or it ends). At a
    terminal every question leaves its last row open after ": " for the answer, and every other
    line ends with a newline; so the guide has asked once what it wrote since then has a newline
    (the typed answer's echo, or the lines before the first question), ends in ": ", and the guide
    is asleep waiting for the answer (a guide held up mid-line on a busy machine is runnable, not
    asleep), after 50 ms without a byte. A fixed quiet time was 0.4 s an answer, 8 s of waiting
    in each of the longer walks."""
    def waiting() -> bool:
        before = len(run.output)
        if not run.read_some(0.05):
            return True  # it ended, and its pty closed
        if len(run.output) != before:
            return False  # still writing: look again after 50 ms without a byte
        new = run.output[since:]
        return b"\n" in new and new.endswith(b": ") and idle(run.pid)

    wait_until(waiting, lambda: f"the next question; got {bytes(run.output[-300:])!r}", 20.0, poll=0)


def answer(run: PtyRun, answers: list[str]) -> str:
    """Type each answer once the guide has asked for it; all it wrote, as text."""
    asked(run, 0)
    for typed in answers:
        since = len(run.output)
        run.send(f"{typed}\r".encode())
        asked(run, since)
    run.wait_exit()
    return ESCAPE.sub("", run.output.decode("utf-8", "replace"))


@pytest.mark.parametrize("columns", [40, 80])
@pytest.mark.parametrize("mode", list(WALKS))
def test_no_row_is_wider_than_the_window_so_no_word_is_split(tmp_path: Path, mode: str, columns: int) -> None:
    args, answers = WALKS[mode]
    with guide_on_pty(tmp_path, *args, size=(24, columns), env={"NO_COLOR": "1"}) as run:
        text = answer(run, answers)
    rows = text.replace("\r", "").split("\n")
    assert len(rows) > 20, text
    # A row that reaches the window's edge is broken by the terminal, wherever the edge falls.
    wide = [row for row in rows if len(row) >= columns]
    assert not wide, f"{len(wide)} rows at {columns} columns the terminal would break: {wide[:3]}"
    # And the screen shows whole words at each row's end: no row ends in a letter that the
    # next row carries on (the terminal's mid-word break), checked on an emulator of that width.
    screen = pyte.HistoryScreen(columns, 24, history=5000)
    pyte.ByteStream(screen).feed(run.output)
    shown = ["".join(line[x].data for x in range(columns)) for line in screen.history.top]
    shown += screen.display
    split = [(a, b) for a, b in itertools.pairwise(shown)
             if len(a.rstrip()) == columns and b[:1].isalpha()]
    assert not split, f"words broken across rows: {split[:3]}"
