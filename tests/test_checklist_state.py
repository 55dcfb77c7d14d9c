"""Saved choices: dated, atomic, shared between modes and between copies, and a broken file never
stops the checklist."""

from __future__ import annotations

import datetime
import os
import pty
import select
import signal
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.support.fixture_guide import FIXTURE_GUIDE, fixture_checklist
from tui.data.checklist import Checklist
from tui.data.checklist_session import OTHER_WINDOW, ChecklistSession, Mark
from tui.data.checklist_state import FORMAT_VERSION, SavedState, load_state, save_state, state_path
from tui.data.notices import NoticeKind
from tui.data.triage import triage
from tui.plain.checklist_prompts import TOGGLE_QUESTION

ROOT = Path(__file__).resolve().parent.parent
TODAY = datetime.datetime(2026, 11, 29, 10, 0).astimezone()
PROMPTS = [sys.executable, "-m", "tui", "--checklist", "--content", str(FIXTURE_GUIDE)]
"""The checklist prompts, on the fixture guide."""


@pytest.fixture
def checklist() -> Checklist:
    """The fixture guide's checklist: the code under test, not the live items."""
    return fixture_checklist()


def ticks(*ids: str, when: datetime.datetime = TODAY) -> SavedState:
    return SavedState(dict.fromkeys(ids, when))


def test_state_lives_under_xdg_state_home(private_dirs: Path) -> None:
    assert state_path() == private_dirs / "xdg_state_home" / "spasm-guide" / "checklist.toml"


def test_missing_file_is_an_empty_checklist_without_a_message(checklist: Checklist) -> None:
    loaded = load_state(checklist)
    assert loaded.state == SavedState() and loaded.message is None


def test_save_then_load_round_trips_with_times_in_list_order(checklist: Checklist) -> None:
    state = ticks("stroke-signs", "sharp-pain")
    state.answers["started"] = "Monday"
    path = save_state(state, checklist=checklist)
    assert path == state_path()
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data["version"] == FORMAT_VERSION
    assert list(data["ticks"]) == ["stroke-signs", "sharp-pain"]
    assert data["answers"] == {"started": "Monday"}
    loaded = load_state(checklist)
    assert loaded.state == state and loaded.message is None


def test_a_version_1_file_is_read_with_the_file_time(checklist: Checklist) -> None:
    path = state_path()
    path.parent.mkdir(parents=True)
    path.write_text('version = 1\nchecked = ["sharp-pain"]\n', encoding="utf-8")
    old = datetime.datetime(2026, 11, 20, 8, 0).timestamp()
    os.utime(path, (old, old))
    loaded = load_state(checklist)
    assert list(loaded.state.ticks) == ["sharp-pain"]
    assert loaded.state.ticks["sharp-pain"].date() == datetime.date(2026, 11, 20)


def test_save_is_atomic_and_leaves_no_temp_files(checklist: Checklist) -> None:
    for step in range(20):
        save_state(ticks("sharp-pain", "hard-muscle") if step % 2 else SavedState())
    assert [p.name for p in state_path().parent.iterdir()] == ["checklist.toml"]


@pytest.mark.parametrize(
    "content",
    [
        b"checked = [\"twitching\"",  # cut off mid-write by something that is not us
        b"\xff\xfe not text",
        b"checked = \"twitching\"",  # the right key with the wrong shape
        b"checked = [1, 2]",
        b"[ticks]\ntwitching = \"yesterday\"\n",
        b"x = " + b"[" * 5000 + b"]" * 5000,  # nested deeper than the reader recurses
    ],
)
def test_corrupt_file_is_kept_as_backup_and_checklist_starts_empty(checklist: Checklist, content: bytes) -> None:
    path = state_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    loaded = load_state(checklist)
    assert loaded.state == SavedState()
    assert loaded.message is not None and "\n" not in loaded.message
    assert "checklist.toml.bad-1" in loaded.message and "starting empty" in loaded.message
    assert not path.exists()
    assert (path.parent / "checklist.toml.bad-1").read_bytes() == content
    # A second bad file does not overwrite the first backup.
    path.write_bytes(content)
    assert "bad-2" in (load_state(checklist).message or "")


def test_a_fifo_or_a_device_in_its_place_never_hangs(checklist: Checklist) -> None:
    path = state_path()
    path.parent.mkdir(parents=True)
    os.mkfifo(path)
    loaded = load_state(checklist)  # would block forever on a plain open()
    assert loaded.state == SavedState() and "not a regular file" in (loaded.message or "")
    path.symlink_to("/dev/zero")  # would fill memory on a plain read()
    assert "not a regular file" in (load_state(checklist).message or "")


def test_unknown_ids_are_dropped_with_a_message(checklist: Checklist) -> None:
    path = state_path()
    path.parent.mkdir(parents=True)
    path.write_text('checked = ["sharp-pain", "gone-item", "\\u001b[31mred"]\n', encoding="utf-8")
    loaded = load_state(checklist)
    assert list(loaded.state.ticks) == ["sharp-pain"]
    assert loaded.message is not None
    assert "dropped 2 saved items" in loaded.message and "gone-item" in loaded.message
    assert "\x1b" not in loaded.message  # ids from the file are shown cleaned
    assert path.exists()  # not corrupt: kept in place, rewritten on the next change


# The session: what a change does, and choices from an earlier day.

def session_at(checklist: Checklist, when: datetime.datetime) -> ChecklistSession:
    return ChecklistSession(checklist, clock=lambda: when)


def test_a_choice_from_an_earlier_day_is_shown_with_its_date_and_not_counted(checklist: Checklist) -> None:
    session_at(checklist, TODAY - datetime.timedelta(days=2)).toggle("twitching-weeks")
    session = session_at(checklist, TODAY)
    item = checklist.item("twitching-weeks")
    assert session.mark(item.id) is Mark.EARLIER
    assert session.label(item) == f"chosen 27 November, still true? {item.text}"
    result = session.result()
    assert result.tier is None and result.earlier[0].date == "27 November"
    # Choosing it again says it is still true: now it counts.
    session.toggle(item.id)
    assert session.mark(item.id) is Mark.SELECTED and session.result().label == item.tier.label
    assert session.label(item) == f"selected: {item.text}"
    assert session.announcement(item) == f"selected: {item.text}"
    session.toggle(item.id)
    assert session.announcement(item) == f"unselected: {item.text}"
    assert load_state(checklist).state == SavedState()


@given(st.dictionaries(st.sampled_from(fixture_checklist().ids), st.integers(0, 400)))
def test_choices_from_an_earlier_day_never_count(ages: dict[str, int]) -> None:
    """Whatever was chosen on other days, the result is exactly that of today's choices."""
    checklist = fixture_checklist()  # loaded once per worker, not once per example
    session = ChecklistSession(checklist, persist=False, clock=lambda: TODAY)
    session.state = SavedState({item_id: TODAY - datetime.timedelta(days=days) for item_id, days in ages.items()})
    today = {item_id for item_id, days in ages.items() if days == 0}
    assert session.checked == today
    assert session.result() == triage(checklist, today, earlier=session.earlier)
    assert len(session.earlier) == len(ages) - len(today)


def test_a_change_saved_later_is_drawn_first_and_saved_on_top_of_another_copy(checklist: Checklist) -> None:
    """The full screen draws a toggle before it saves it (the save's sync took longer than a
    screen reader's 20 ms): nothing is written until save_pending, and then on top of what another
    copy saved meanwhile."""
    first, second = session_at(checklist, TODAY), session_at(checklist, TODAY)
    assert first.toggle("sharp-pain", later=True) is None
    assert first.checked == {"sharp-pain"} and first.label(checklist.item("sharp-pain")).startswith("selected:")
    assert load_state(checklist).state.ticks == {}
    assert first.refresh() is False  # a change not saved yet is never overwritten by the disk
    assert second.toggle("twitching-weeks") is None
    first.toggle("sharp-pain", later=True)
    first.toggle("hard-muscle", later=True)
    assert first.save_pending() == OTHER_WINDOW
    assert first.checked == {"twitching-weeks", "hard-muscle"}
    assert set(load_state(checklist).state.ticks) == {"twitching-weeks", "hard-muscle"}
    assert first.save_pending() is None  # nothing left to save
    # A change saved at once also saves what was waiting.
    first.toggle("twitching-weeks", later=True)
    assert first.toggle("sharp-pain") is None
    assert set(load_state(checklist).state.ticks) == {"hard-muscle", "sharp-pain"}


def test_two_sessions_never_lose_a_choice(checklist: Checklist) -> None:
    first, second = session_at(checklist, TODAY), session_at(checklist, TODAY)
    assert first.toggle("sharp-pain") is None
    # The second copy has not seen that change; its own change is made on top of it.
    assert second.toggle("twitching-weeks") == OTHER_WINDOW
    assert OTHER_WINDOW.kind is NoticeKind.INFO
    assert second.checked == {"sharp-pain", "twitching-weeks"}
    assert set(load_state(checklist).state.ticks) == {"sharp-pain", "twitching-weeks"}
    # The first copy picks the other's change up when it looks.
    assert first.refresh() is True and first.checked == {"sharp-pain", "twitching-weeks"}
    assert first.refresh() is False
    # Unchoosing in one copy is not undone by the other's next change.
    first.toggle("sharp-pain")
    second.toggle("hard-muscle")
    assert set(load_state(checklist).state.ticks) == {"twitching-weeks", "hard-muscle"}


def test_a_session_that_must_not_persist_touches_nothing(checklist: Checklist) -> None:
    save_state(ticks("sharp-pain"))
    before = state_path().read_bytes()
    session = ChecklistSession(checklist, persist=False)
    assert session.checked == frozenset()
    session.select("twitching-weeks", True)
    session.clear()
    assert state_path().read_bytes() == before


def test_an_unwritable_folder_keeps_the_choice_for_this_run(checklist: Checklist, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    session = ChecklistSession(checklist, path=blocker / "sub" / "checklist.toml")
    notice = session.toggle("sharp-pain")
    # A warning by its kind (the screens show it as one), with words that say what happened.
    assert notice is not None and notice.kind is NoticeKind.WARNING
    assert notice.text.startswith("Could not save your choices")
    assert session.checked == {"sharp-pain"}


# Real processes, at a real terminal (a pty): what a reader over SSH has.

class PromptProcess:
    """`spasm-guide --checklist` at a terminal of its own."""

    def __init__(self) -> None:
        self.master, slave = pty.openpty()
        self.process = subprocess.Popen(PROMPTS, stdin=slave, stdout=slave, stderr=slave, cwd=ROOT,
                                        env=dict(os.environ), start_new_session=True)
        os.close(slave)
        self.seen = ""

    def wait_for(self, wanted: str, after: int = 0) -> int:
        """Read until `wanted` appears after offset `after`; return where it ends."""
        deadline = 60.0  # a guard against hanging, not a measure of speed
        while wanted not in self.seen[after:]:
            ready, _, _ = select.select([self.master], [], [], deadline)
            assert ready, f"no {wanted!r}; saw {self.seen[-300:]!r}"
            try:
                chunk = os.read(self.master, 4096)
            except OSError:
                chunk = b""
            assert chunk, f"output ended before {wanted!r}; saw {self.seen[-300:]!r}"
            self.seen += chunk.decode("utf-8", "replace")
        return self.seen.index(wanted, after) + len(wanted)

    def type(self, text: str) -> None:
        os.write(self.master, text.encode())

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        os.close(self.master)


@pytest.fixture
def prompts() -> Iterator[list[PromptProcess]]:
    started: list[PromptProcess] = []
    yield started
    for process in started:
        process.close()


@pytest.mark.e2e  # the prompts as a real process (PromptProcess)
def test_choices_survive_a_hangup_mid_run(checklist: Checklist, prompts: list[PromptProcess]) -> None:
    """A dropped SSH link sends SIGHUP: every choice made before it must already be on disk."""
    guide = PromptProcess()
    prompts.append(guide)
    at = guide.wait_for(TOGGLE_QUESTION)
    cramp, pee = checklist.item("numb-skin").number, checklist.item("stroke-signs").number
    guide.type(f"{cramp}\n")
    at = guide.wait_for(f"{cramp}. selected:", at)
    assert set(load_state(checklist).state.ticks) == {"numb-skin"}
    guide.type(f"{pee}\n")
    at = guide.wait_for(f"{pee}. selected:", at)
    guide.wait_for(TOGGLE_QUESTION, at)  # waiting for input, as a real user's would be
    guide.process.send_signal(signal.SIGHUP)
    assert guide.process.wait(30) == -signal.SIGHUP  # ended by the hangup, as sshd's session would be
    loaded = load_state(checklist)
    assert loaded.message is None
    assert set(loaded.state.ticks) == {"numb-skin", "stroke-signs"}
    assert not [p.name for p in state_path().parent.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.e2e  # the prompts as a real process (PromptProcess)
def test_two_copies_at_once_keep_both_choices(checklist: Checklist, prompts: list[PromptProcess]) -> None:
    """Two SSH sessions of one account: each change lands on top of the other's."""
    one, two = PromptProcess(), PromptProcess()
    prompts += [one, two]
    at_one, at_two = one.wait_for(TOGGLE_QUESTION), two.wait_for(TOGGLE_QUESTION)
    weak, shooting = checklist.item("long-cramp").number, checklist.item("twitching-weeks").number
    one.type(f"{weak}\n")
    one.wait_for(f"{weak}. selected:", at_one)
    two.type(f"{shooting}\n")
    end = two.wait_for(f"{shooting}. selected:", at_two)
    assert "changed in another window" in two.seen[at_two:end]
    assert set(load_state(checklist).state.ticks) == {"long-cramp", "twitching-weeks"}
    two.type("0\n")
    two.wait_for("Because you chose:", end)
    result = two.wait_for("What next?", end)
    assert checklist.item("long-cramp").text in two.seen[end:result]


@pytest.mark.e2e  # the prompts as a real process (PromptProcess)
def test_prompts_at_a_terminal_start_from_the_choices_saved_elsewhere(checklist: Checklist,
                                                                     prompts: list[PromptProcess]) -> None:
    """The full-screen checklist and the prompts share one state file."""
    save_state(ticks("long-cramp", when=datetime.datetime.now().astimezone()))
    guide = PromptProcess()
    prompts.append(guide)
    weak = checklist.item("long-cramp")
    at = guide.wait_for(f"{weak.number}. selected: {weak.text}")
    guide.type(f"{weak.number}\n")
    guide.wait_for(f"{weak.number}. unselected: {weak.text}", at)
    assert load_state(checklist).state == SavedState()


@pytest.mark.e2e  # starts the guide (or a shell) as a real process
def test_piped_input_gives_the_same_answer_every_run(checklist: Checklist) -> None:
    save_state(ticks("sharp-pain", when=datetime.datetime.now().astimezone()))
    before = state_path().read_bytes()
    weak = checklist.item("long-cramp").number
    runs = [subprocess.run(PROMPTS, input=f"{weak}\n{weak}\n0\n0\n",
                           capture_output=True, text=True, check=False, cwd=ROOT, env=dict(os.environ))
            for _ in range(2)]
    assert runs[0].returncode == 0, runs[0].stderr
    assert runs[0].stdout == runs[1].stdout
    # A number selects (twice is still selected), saved choices neither count nor change.
    assert "URGENT: get medical help today" in runs[0].stdout
    assert checklist.item("sharp-pain").text not in runs[0].stdout.split("Because you chose:")[1]
    assert state_path().read_bytes() == before


@pytest.mark.e2e  # the prompts as a real process (PromptProcess)
def test_a_corrupt_state_file_is_one_line_in_the_prompts(prompts: list[PromptProcess]) -> None:
    path = state_path()
    path.parent.mkdir(parents=True)
    path.write_text("checked = [", encoding="utf-8")
    guide = PromptProcess()
    prompts.append(guide)
    guide.wait_for(TOGGLE_QUESTION)
    assert "Traceback" not in guide.seen
    lines = [line for line in guide.seen.splitlines() if "saved checklist unreadable" in line]
    assert len(lines) == 1 and "kept it as checklist.toml.bad-1" in lines[0]
