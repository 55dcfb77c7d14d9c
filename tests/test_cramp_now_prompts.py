""""Cramp now" in the numbered prompts (`--accessible`): piped through the real command, and
in-process with a fake clock; at a real terminal (a pty) the question at 10 minutes is printed
while another question waits, and the answer typed next answers it."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.support.fixture_guide import FIXTURE_GUIDE, fixture_checklist, fixture_cramp_now, fixture_guide
from tests.support.wait import wait_until
from tui.data.checklist_state import load_state, state_path
from tui.data.cramp_now import step_lines
from tui.data.settings import Settings
from tui.plain import cramp_prompts
from tui.plain.checklist_prompts import Prompter
from tui.plain.cramp_prompts import MUSCLE_QUESTION, TIMER_QUESTION, CrampPrompts

ROOT = Path(__file__).resolve().parent.parent
GUIDE = fixture_guide()
"""The fixture guide (tests/fixtures/guide): two muscles, calf and hand."""
CRAMP = fixture_cramp_now()
CHECKLIST = fixture_checklist()
LONG_CRAMP = CHECKLIST.item(CRAMP.checklist_item).text
GUARD = 60.0
"""Failure guard against a hang only; nothing asserts on how long anything took."""


def run_cli(args: list[str], stdin: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tui", "--content", str(FIXTURE_GUIDE), *args], input=stdin,
                          capture_output=True, text=True, check=False, cwd=ROOT, env=dict(os.environ))


@pytest.mark.e2e  # starts the guide (or a shell) as a real process
def test_piped_pick_steps_time_and_eased() -> None:
    result = run_cli(["--accessible"], "5\n1\n3\n1\n0\n")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "5. A cramp now: stretch it, with a timer" in lines
    assert MUSCLE_QUESTION in lines
    calf = CRAMP.muscle("calf")
    text = " ".join(result.stdout.split())
    for line in step_lines(calf):
        assert line in text
    assert "Less than a minute so far." in lines
    assert CRAMP.eased.headline in lines
    assert "URGENT" not in result.stdout
    assert lines[-1] == "Goodbye."
    assert "\x1b" not in result.stdout


@pytest.mark.e2e  # starts the guide (or a shell) as a real process
def test_piped_not_eased_early_asks_and_yes_gives_the_urgent_result() -> None:
    result = run_cli(["--accessible"], "5\n2\n2\n0\n2\n1\n0\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.count("Has the cramp lasted more than 10 minutes in all? Type 1 for yes, 0 for no:") == 2
    assert "Keep up the stretch. At 10 minutes it will ask again." in out
    assert "URGENT: get medical help today\n\nBecause you chose:\n- " + LONG_CRAMP in out
    assert out.rstrip().endswith("Goodbye.")
    # A piped run leaves the saved checklist alone, as the checklist's prompts do.
    assert not load_state(CHECKLIST, state_path()).state.ticks


@pytest.mark.e2e  # starts the guide (or a shell) as a real process
def test_end_of_input_anywhere_quits_cleanly() -> None:
    for stdin in ("5\n", "5\n2\n", "5\n2\n2\n"):
        result = run_cli(["--accessible"], stdin)
        assert result.returncode == 0, result.stderr
        assert result.stdout.rstrip().endswith("Goodbye.")
        assert "Traceback" not in result.stderr


class MinutesPass(io.StringIO):
    """Piped answers, each taking four minutes on the fake clock."""

    def __init__(self, text: str, clock: list[float]) -> None:
        super().__init__(text)
        self.clock = clock

    def readline(self, size: int = -1) -> str:  # type: ignore[override]
        self.clock[0] += 240
        return super().readline(size)


def test_piped_the_question_comes_once_the_check_time_has_passed() -> None:
    now = [0.0]
    stdout = io.StringIO()
    prompts = CrampPrompts(GUIDE, CRAMP, Settings(region="EU"), Prompter(MinutesPass("2\n3\n3\n3\n2\n", now), stdout),
                           clock=lambda: now[0])
    assert prompts.run() is True
    lines = stdout.getvalue().splitlines()
    assert "4 minutes so far." in lines and "8 minutes so far." in lines and "12 minutes so far." in lines
    asked = lines.index("It has been 10 minutes.")
    assert lines.index("12 minutes so far.") < asked
    assert lines[asked + 1] == "Has it eased? Type 1 if it has, 2 if it has not."
    assert lines.count("It has been 10 minutes.") == 1
    # "2" after the check time: the result at once, no "in all?" question.
    assert "in all?" not in stdout.getvalue()
    result = lines[lines.index("URGENT: get medical help today"):]
    assert result[2:4] == ["Because you chose:", f"- {LONG_CRAMP}"]
    assert any("the local out-of-hours service" in line for line in result)


def test_at_a_terminal_the_question_is_printed_when_its_time_comes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cramp_prompts, "POLL_SECONDS", 0.01)
    master, slave = pty.openpty()
    stdin = os.fdopen(slave, "r", encoding="utf-8")
    stdout = io.StringIO()
    now = [0.0]
    prompts = CrampPrompts(GUIDE, CRAMP, Settings(), Prompter(stdin, stdout), clock=lambda: now[0])
    assert prompts.prompter.interactive
    done: list[bool] = []
    runner = threading.Thread(target=lambda: done.append(prompts.run()), daemon=True)

    def wait_for(words: str) -> None:
        wait_until(lambda: words in stdout.getvalue(), lambda: f"{words!r}:\n{stdout.getvalue()}", GUARD, 0.01)

    try:
        runner.start()
        wait_for(MUSCLE_QUESTION)
        os.write(master, b"2\n")  # the hand
        wait_for(TIMER_QUESTION)
        assert "It has been" not in stdout.getvalue()
        now[0] += 600  # ten minutes pass while the question waits
        wait_for("Has it eased? Type 1 if it has, 2 if it has not: ")
        out = stdout.getvalue()
        # The new lines come after the waiting question, never over it.
        assert out.index(f"{TIMER_QUESTION} \nIt has been 10 minutes.\n") > out.index(step_lines(CRAMP.muscles[1])[2])
        os.write(master, b"2\n")  # it has not eased
        runner.join(GUARD)
        assert done == [True]
    finally:
        os.close(master)
        stdin.close()
    assert "URGENT: get medical help today" in stdout.getvalue()
    assert "in all?" not in stdout.getvalue()
    # At a terminal the choice is saved, so the checklist shows it next time.
    assert "long-cramp" in load_state(CHECKLIST, state_path()).state.ticks
    assert prompts.prompter.stdin is stdin  # the terminal's own input is given back


@pytest.mark.e2e  # starts the guide (or a shell) as a real process
def test_the_prompts_never_import_textual() -> None:
    code = ("import io, sys\nfrom tui.cli import main\nsys.stdin = io.StringIO('5\\n1\\n3\\n2\\n1\\n0\\n')\n"
            "sys.stdout = io.StringIO()\nstatus = main(['--accessible'])\nout = sys.stdout.getvalue()\n"
            "sys.stdout = sys.__stdout__\n"
            "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
            "print(status, 'URGENT' in out, loaded)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False, cwd=ROOT,
                            env=dict(os.environ))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "0 True []"
