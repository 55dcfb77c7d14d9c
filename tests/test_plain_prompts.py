"""Numbered prompts (`--checklist`) and the linear mode (`--accessible`, ACCESSIBLE=1): plain lines,
no redraw, no escape codes, clean on end of input, and no Textual import."""

from __future__ import annotations

import datetime
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.support.fixture_guide import FIXTURE_GUIDE, fixture_checklist, fixture_guide
from tui.data.checklist_state import SavedState, load_state, save_state, state_path
from tui.data.places import prompt_menu
from tui.data.search import search_guide
from tui.data.settings import Settings
from tui.plain.checklist_prompts import PIPE_QUESTION, TOGGLE_QUESTION, Prompter, run_checklist_prompts
from tui.plain.linear import MAIN_QUESTION, SECTION_QUESTION, run_linear

ROOT = Path(__file__).resolve().parent.parent
ESC = "\x1b"


def run_cli(args: list[str], stdin: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The command on the fixture guide (a later --content wins)."""
    return subprocess.run([sys.executable, "-m", "tui", "--content", str(FIXTURE_GUIDE), *args], input=stdin,
                          capture_output=True, text=True, check=False, cwd=ROOT, env={**os.environ, **(env or {})})


CHECKLIST = fixture_checklist()
"""The fixture guide's checklist: the prompts run on the fixture guide (tests/fixtures/guide)."""
SHARP, CRAMP, PEE, TWITCH = (CHECKLIST.item(i) for i in ("sharp-pain", "numb-skin", "stroke-signs", "hard-muscle"))
LAST = len(CHECKLIST.items)
WEAK = CHECKLIST.item("long-cramp")
"""An urgent item."""


@pytest.mark.e2e  # starts the guide (or a shell) as a real process
def test_piped_checklist_selects_and_prints_the_result_urgency_first() -> None:
    result = run_cli(["--checklist"], f"{CRAMP.number}\n{PEE.number}\n0\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    lines = out.splitlines()
    assert lines[0] == "Check your symptoms"
    assert lines[1] == "This is not a diagnosis."
    assert lines.index("Get help now") < lines.index("What you feel")
    assert f"{SHARP.number}. [ ] {SHARP.text}" in lines
    # A choice prints the changed item's line once more, its state first; nothing is redrawn.
    assert f"{CRAMP.number}. selected: {CRAMP.text}" in lines
    assert any(line.startswith(f"{PEE.number}. selected: {PEE.text[:40]}") for line in lines)
    assert out.count(f"{SHARP.number}. [ ] {SHARP.text}") == 1
    assert out.count(PIPE_QUESTION) == 3
    # The result: urgency first, then why, then what to do, the safety net, the disclaimer.
    start = lines.index("EMERGENCY: call 911 (or your local emergency number) now")
    after = lines[start:]
    assert after.index("Because you chose:") < after.index("What to do:") < after.index("If it gets worse:")
    assert any(line.startswith(f"- {PEE.text[:40]}") for line in after)
    assert f"- {CRAMP.text}" in after
    assert after.index("If it gets worse:") < after.index("This is not a diagnosis.")
    assert ESC not in out and "\r" not in out
    # Piped: a script's run leaves the saved choices alone.
    assert not state_path().exists()


@pytest.mark.e2e  # starts the guide (or a shell) as a real process
@pytest.mark.parametrize(
    ("answer", "hint"),
    [
        ("x", f"'x' is not a number here. Type a number from 0 to {LAST}"),
        ("99", f"There is no number 99 here. Type a number from 0 to {LAST}"),
        ("", f"Nothing typed. Type a number from 0 to {LAST}"),
        ("-1", "'-1' is not a number here."),
        ("\x1b[2J", "'[2J' is not a number here."),
        ("9" * 4301, "'99999999999999999999...' is not a number here."),
        ("0000003", "'0000003' is not a number here."),
    ],
)
def test_bad_input_gets_one_line_hint_and_the_question_again(answer: str, hint: str) -> None:
    result = run_cli(["--checklist"], f"{answer}\n0\n")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    hints = [i for i, line in enumerate(lines) if line.startswith(hint)]
    assert len(hints) == 1, result.stdout
    assert lines[hints[0] - 1] == PIPE_QUESTION
    assert lines[hints[0] + 1] == PIPE_QUESTION
    assert ESC not in result.stdout  # a typed escape code is never echoed back


@pytest.mark.e2e  # starts the guide (or a shell) as a real process
def test_end_of_input_finishes_cleanly_with_the_result() -> None:
    result = run_cli(["--checklist"], f"{WEAK.number}\n")  # no 0: the pipe just ends
    assert result.returncode == 0
    assert result.stderr == ""
    assert "URGENT: get medical help today" in result.stdout
    assert result.stdout.rstrip().endswith("This is not a diagnosis.")
    empty = run_cli(["--checklist"], "")
    assert empty.returncode == 0 and "Nothing chosen yet." in empty.stdout
    assert "SELF-CARE" not in empty.stdout


@pytest.mark.e2e  # starts the guide (or a shell) as a real process
def test_question_mark_lists_the_items_again() -> None:
    result = run_cli(["--checklist"], "?\n0\n")
    assert result.stdout.count(f"{SHARP.number}. [ ] {SHARP.text}") == 2


@pytest.mark.e2e  # starts the guide (or a shell) as a real process
def test_region_setting_sets_the_number(private_dirs: Path) -> None:
    config = private_dirs / "xdg_config_home" / "spasm-guide"
    config.mkdir(parents=True)
    (config / "settings.toml").write_text('region = "UK"\n', encoding="utf-8")
    result = run_cli(["--checklist"], f"{PEE.number}\n0\n")
    assert "EMERGENCY: call 999 (or your local emergency number) now" in result.stdout
    assert "911" not in result.stdout


@pytest.mark.e2e  # starts the guide (or a shell) as a real process
def test_output_is_ascii_under_lang_c() -> None:
    result = subprocess.run([sys.executable, "-m", "tui", "--checklist", "--content", str(FIXTURE_GUIDE)],
                            input=f"{SHARP.number}\n{PEE.number}\n0\n".encode(), capture_output=True,
                            check=False, cwd=ROOT, env={**os.environ, "LANG": "C", "LC_ALL": "C"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.isascii()
    assert b"EMERGENCY" in result.stdout


@pytest.mark.e2e  # starts the guide (or a shell) as a real process
def test_after_the_result_a_summary_can_be_saved_with_the_optional_questions(private_dirs: Path) -> None:
    # Started, where, five skipped (how long, how often, when, back pain, helps), medicines, then
    # the seven after it skipped.
    answers = "Two days ago\nLeft calf\n" + "\n" * 5 + "Atorvastatin, new last week\n" + "\n" * 7
    result = run_cli(["--checklist"], f"{TWITCH.number}\n0\n1\n{answers}0\n")
    assert result.returncode == 0, result.stderr
    saved = list((private_dirs / "xdg_data_home" / "spasm-guide" / "summaries").glob("checklist-*.txt"))
    assert len(saved) == 1
    assert f"Saved the summary as {saved[0]}" in result.stdout
    assert "Questions for your doctor. All are optional" in result.stdout
    text = saved[0].read_text(encoding="utf-8")
    assert f"SELF-CARE: {TWITCH.text}" in text
    assert "- Started: Two days ago" in text and "- Where: Left calf" in text
    assert "- Medicines: Atorvastatin, new last week" in text and "- Pee color: (not answered)" in text


def test_clearing_asks_first(checklist_now: SavedState) -> None:
    save_state(checklist_now)
    guide, stdout = fixture_guide(), FakeTerminal()
    run_checklist_prompts(guide, Settings(), FakeTerminal("0\n3\n0\n0\n3\n1\n0\n0\n"), stdout)
    out = stdout.getvalue()
    assert "Clear all 2 choices? Type 1 for yes, 0 for no:" in out
    kept, cleared = out.split("Kept your choices.")[1].split("Cleared all your choices.")
    assert f"{TWITCH.number}. selected: {TWITCH.text}" in kept
    assert f"{TWITCH.number}. [ ] {TWITCH.text}" in cleared
    assert load_state(CHECKLIST).state.ticks == {}


@pytest.fixture
def checklist_now() -> SavedState:
    """Two choices made just now."""
    return SavedState(dict.fromkeys((TWITCH.id, WEAK.id), datetime.datetime.now().astimezone()))


class FakeTerminal(io.StringIO):
    """A stream that says it is a terminal, to check interactive behaviour in-process."""

    def isatty(self) -> bool:
        return True


def test_at_a_terminal_the_answer_goes_on_the_question_line_and_still_no_escape_codes() -> None:
    guide, stdout = fixture_guide(), FakeTerminal()
    assert run_checklist_prompts(guide, Settings(), FakeTerminal(f"{LAST}\n0\n"), stdout) == 0
    out = stdout.getvalue()
    assert f"{TOGGLE_QUESTION} {LAST}. selected: {CHECKLIST.items[-1].text}" in out
    assert ESC not in out


@pytest.mark.e2e  # starts the guide (or a shell) as a real process
def test_accessible_env_runs_the_linear_guide() -> None:
    guide = fixture_guide()
    result = run_cli([], "1\n2\n0\n3\n4\n0\n", env={"ACCESSIBLE": "1"})
    assert result.returncode == 0, result.stderr
    out = result.stdout
    lines = out.splitlines()
    assert lines[:3] == [guide.title, guide.disclaimer, "Emergency? Call 911 or your local emergency number."]
    for choice in ("1. Read a section", "2. Check your symptoms", "3. Help", "4. About this guide", "0. Quit"):
        assert choice in lines
    assert "Sections" in lines
    assert f"1. {guide.section(1).title}" in lines
    assert any(line.startswith("Section two of") for line in lines)
    assert "Every question in this mode is answered with a number." in lines
    assert "About this guide" in lines and guide.credit.publisher in out
    assert lines[-1] == "Goodbye."
    assert ESC not in out


@pytest.mark.e2e  # starts the guide (or a shell) as a real process
def test_accessible_flag_reaches_the_checklist_and_eof_quits() -> None:
    result = run_cli(["--accessible"], f"2\n{WEAK.number}\n")
    assert result.returncode == 0, result.stderr
    assert f"{WEAK.number}. selected: {WEAK.text}" in result.stdout
    assert "URGENT: get medical help today" in result.stdout
    assert result.stdout.rstrip().endswith("Goodbye.")


def test_linear_bad_input_and_eof_in_the_sections_list() -> None:
    stdout = io.StringIO()
    assert run_linear(fixture_guide(), Settings(), io.StringIO("8\nnine\n1\n42\n"), stdout) == 0
    lines = stdout.getvalue().splitlines()
    highest = max(row.prompt_number or 0 for row in prompt_menu())  # the places table (tui/data/places.py)
    assert f"There is no number 8 here. Type a number from 0 to {highest}, or ? to see the list again." in lines
    assert lines.count(MAIN_QUESTION) == 3
    assert any(line.startswith("There is no number 42 here.") for line in lines)
    assert SECTION_QUESTION in lines
    assert lines[-1] == "Goodbye."


TEXTUAL_CHECK = (
    "import io, sys\n"
    "from tui.cli import main\n"
    "sys.stdin = io.StringIO({stdin!r})\n"
    "sys.stdout = io.StringIO()\n"
    "status = main({argv!r})\n"
    "sys.stdout = sys.__stdout__\n"
    "print(status, sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))\n"
)


@pytest.mark.e2e  # starts the guide (or a shell) as a real process
@pytest.mark.parametrize(
    ("argv", "stdin"),
    [(["--checklist"], "1\n0\n0\n"), (["--accessible"], "1\n1\n0\n2\n0\n0\n3\n4\n0\n")],
)
def test_prompt_modes_never_import_textual(argv: list[str], stdin: str) -> None:
    code = TEXTUAL_CHECK.format(argv=argv, stdin=stdin)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False, cwd=ROOT,
                            env=dict(os.environ))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "0 []"


@pytest.mark.e2e  # starts the guide (or a shell) as a real process
@pytest.mark.parametrize("args", [["--checklist"], []])
def test_importtime_shows_no_textual(args: list[str]) -> None:
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "tui", *args], input="0\n",
                            capture_output=True, text=True, check=False, cwd=ROOT,
                            env={**os.environ, "ACCESSIBLE": "1"})
    assert result.returncode == 0
    imported = {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines()
                if line.startswith("import time:")}
    assert "tui.data.checklist" in imported  # the profile really covered the prompt mode
    assert not {name for name in imported if name.split(".")[0] == "textual"}


@given(st.lists(st.text(alphabet=st.characters(exclude_characters="\n"), max_size=12), max_size=8))
def test_any_typed_text_gives_a_number_or_a_hint_and_never_an_escape_code(answers: list[str]) -> None:
    stdout = io.StringIO()
    prompter = Prompter(io.StringIO("".join(f"{a}\n" for a in answers)), stdout)
    while (number := prompter.ask("Question:", 31)) is not None:
        assert 0 <= number <= 31
    out = stdout.getvalue()
    assert ESC not in out and "\x9b" not in out
    for line in out.splitlines():
        assert line == "Question:" or " Type a number from 0 to 31." in line


def test_every_item_line_carries_its_state_first_on_the_same_line() -> None:
    checklist = CHECKLIST
    numbers = "".join(f"{n}\n" for n in range(1, len(checklist.items) + 1))
    stdout = FakeTerminal()
    run_checklist_prompts(fixture_guide(), Settings(), FakeTerminal(numbers * 2 + "0\n0\n"), stdout)
    lines = stdout.getvalue().splitlines()
    for item in checklist.items:
        assert f"{item.number}. [ ] {item.text}" in lines
        assert any(line.endswith(f" {item.number}. selected: {item.text}") for line in lines)
        assert any(line.endswith(f" {item.number}. unselected: {item.text}") for line in lines)


@pytest.mark.e2e  # starts the guide (or a shell) as a real process
def test_linear_mode_without_a_checklist_still_reads_the_guide(tmp_path: Path) -> None:
    folder = tmp_path / "guide"
    shutil.copytree(FIXTURE_GUIDE, folder)
    (folder / "checklist.toml").unlink()
    result = run_cli(["--accessible", "--content", str(folder)], "2\n1\n1\n0\n0\n")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert any(line.startswith("The checklist cannot be shown:") and "file not found" in line for line in lines)
    assert any(line.startswith("Section one of") for line in lines)
    assert lines[-1] == "Goodbye."


def test_accessible_search_finds_words_and_reads_from_the_place_found() -> None:
    stdout = io.StringIO()
    run_linear(fixture_guide(), Settings(), io.StringIO("6\nmuscle cramp\n1\n\n0\n"), stdout)
    out = stdout.getvalue()
    assert "6. Search the guide for words" in out
    count = next(line for line in out.splitlines() if "places found" in line)
    found = len(search_guide(fixture_guide(), "muscle cramp"))
    assert count.endswith("The best 20:" if found > 20 else f"{found} places found.")
    first = next(line for line in out.splitlines() if line.startswith("1. Section "))
    reading = out.split("Type a number to read from there, 0 to go back:", 1)[1].split("Type the words")[0]
    # It reads on from the paragraph found: the words shown in the result are near the top.
    opening = " ".join(first.split(": ", 1)[1].removeprefix("...").split()[:3])
    assert opening in "\n".join(reading.splitlines()[:6]), reading[:400]


def test_at_a_terminal_a_long_section_stops_after_each_screenful(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LINES", "12")
    monkeypatch.setenv("COLUMNS", "80")
    stdout = FakeTerminal()
    run_linear(fixture_guide(), Settings(), FakeTerminal("1\n3\n\nq\n0\n0\n"), stdout)
    out = stdout.getvalue()
    pages = out.split("Enter for more, q to stop: ")
    assert len(pages) == 3  # two screenfuls, then q
    assert all(len(page.splitlines()) <= 12 for page in pages[1:2])
    assert "End of section three" not in out  # stopped before the end


def test_piped_reading_never_stops_for_more(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LINES", "12")
    stdout = io.StringIO()
    run_linear(fixture_guide(), Settings(), io.StringIO("1\n3\n0\n0\n"), stdout)
    assert "Enter for more" not in stdout.getvalue() and "End of section three" in stdout.getvalue()
