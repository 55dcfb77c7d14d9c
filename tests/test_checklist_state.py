"""Saved ticks: atomic, shared between modes, and a broken file never stops the checklist."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import IO

import pytest

from tui.data.checklist import Checklist, load_checklist
from tui.data.checklist_state import (
    FORMAT_VERSION,
    clear_state,
    load_state,
    save_state,
    state_path,
    toggle,
)
from tui.data.content import default_content_dir
from tui.plain.checklist_prompts import TOGGLE_QUESTION

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def checklist() -> Checklist:
    return load_checklist(default_content_dir())


def test_state_lives_under_xdg_state_home(private_dirs: Path) -> None:
    assert state_path() == private_dirs / "xdg_state_home" / "spasm-guide" / "checklist.toml"


def test_missing_file_is_an_empty_checklist_without_a_message(checklist: Checklist) -> None:
    loaded = load_state(checklist)
    assert loaded.checked == frozenset() and loaded.message is None


def test_save_then_load_round_trips_in_list_order(checklist: Checklist) -> None:
    path = save_state({"cannot-urinate", "twitching"}, checklist=checklist)
    assert path == state_path()
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data == {"version": FORMAT_VERSION, "checked": ["twitching", "cannot-urinate"]}
    loaded = load_state(checklist)
    assert loaded.checked == {"cannot-urinate", "twitching"} and loaded.message is None


def test_save_is_atomic_and_leaves_no_temp_files(checklist: Checklist) -> None:
    save_state({"twitching"})
    for step in range(20):
        save_state({"twitching", "hard-muscle"} if step % 2 else set())
    folder = state_path().parent
    assert [p.name for p in folder.iterdir()] == ["checklist.toml"]


def test_save_replaces_the_file_rather_than_writing_into_it(checklist: Checklist) -> None:
    # A reader holding the old file open still sees the whole old file: it was renamed over.
    save_state({"twitching"})
    with state_path().open(encoding="utf-8") as old:
        save_state({"hard-muscle"})
        assert "twitching" in old.read()
    assert load_state(checklist).checked == {"hard-muscle"}


@pytest.mark.parametrize(
    "content",
    [
        b"checked = [\"twitching\"",  # cut off mid-write by something that is not us
        b"\xff\xfe not text",
        b"checked = \"twitching\"",  # the right key with the wrong shape
        b"checked = [1, 2]",
    ],
)
def test_corrupt_file_is_kept_as_backup_and_checklist_starts_empty(checklist: Checklist, content: bytes) -> None:
    path = state_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    loaded = load_state(checklist)
    assert loaded.checked == frozenset()
    assert loaded.message is not None and "\n" not in loaded.message
    assert "checklist.toml.bad-1" in loaded.message and "starting empty" in loaded.message
    assert not path.exists()
    assert (path.parent / "checklist.toml.bad-1").read_bytes() == content
    # A second bad file does not overwrite the first backup.
    path.write_bytes(content)
    assert "bad-2" in (load_state(checklist).message or "")


def test_unknown_ids_are_dropped_with_a_message(checklist: Checklist) -> None:
    path = state_path()
    path.parent.mkdir(parents=True)
    path.write_text('checked = ["twitching", "gone-item", "\\u001b[31mred"]\n', encoding="utf-8")
    loaded = load_state(checklist)
    assert loaded.checked == {"twitching"}
    assert loaded.message is not None
    assert "dropped 2 saved items" in loaded.message and "gone-item" in loaded.message
    assert "\x1b" not in loaded.message  # ids from the file are shown cleaned
    assert path.exists()  # not corrupt: kept in place, rewritten on the next change


def test_toggle_flips_one_id() -> None:
    assert toggle(frozenset(), "a") == {"a"}
    assert toggle(frozenset({"a", "b"}), "a") == {"b"}


def test_clear_state_removes_the_file_and_is_safe_twice(checklist: Checklist) -> None:
    save_state({"twitching"})
    clear_state()
    clear_state()
    assert load_state(checklist).checked == frozenset()


def read_until(stream: IO[str], wanted: str) -> list[str]:
    """Read lines until one starts with `wanted`; fail (not hang) if the output ends first."""
    seen: list[str] = []
    while True:
        line = stream.readline()
        assert line, f"output ended before {wanted!r}; saw {seen[-5:]}"
        seen.append(line)
        if line.startswith(wanted):
            return seen


@pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="SIGHUP is a POSIX signal")
def test_ticks_survive_a_hangup_mid_run(checklist: Checklist) -> None:
    """A dropped SSH link sends SIGHUP: every tick made before it must already be on disk."""
    process = subprocess.Popen(
        [sys.executable, "-m", "tui", "--checklist"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, cwd=ROOT, env=dict(os.environ),
    )
    assert process.stdin and process.stdout
    try:
        read_until(process.stdout, TOGGLE_QUESTION)
        process.stdin.write("3\n")
        process.stdin.flush()
        read_until(process.stdout, "3. [x]")
        assert load_state(checklist).checked == {"cramp-cannot-move"}
        process.stdin.write("7\n")
        process.stdin.flush()
        read_until(process.stdout, "7. [x]")
        read_until(process.stdout, TOGGLE_QUESTION)  # waiting for input, as a real user's would be
        process.send_signal(signal.SIGHUP)
        process.wait()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        process.stdin.close()
        process.stdout.close()
        if process.stderr:
            process.stderr.close()
    assert process.returncode == -signal.SIGHUP
    loaded = load_state(checklist)
    assert loaded.message is None
    assert loaded.checked == {"cramp-cannot-move", "cannot-urinate"}
    assert [p.name for p in state_path().parent.iterdir()] == ["checklist.toml"]


def test_prompts_start_from_the_ticks_saved_elsewhere(checklist: Checklist) -> None:
    """The full-screen checklist and the prompts share one state file."""
    save_state({"weak-hands-feet"})
    result = subprocess.run([sys.executable, "-m", "tui", "--checklist"], input="5\n0\n",
                            capture_output=True, text=True, check=False, cwd=ROOT, env=dict(os.environ))
    assert result.returncode == 0, result.stderr
    assert "5. [x] Weakness in your hands or feet (selected)" in result.stdout
    assert "\n5. [ ] Weakness in your hands or feet\n" in result.stdout  # unticked by typing 5
    assert load_state(checklist).checked == frozenset()


def test_a_corrupt_state_file_is_one_line_in_the_prompts(checklist: Checklist) -> None:
    path = state_path()
    path.parent.mkdir(parents=True)
    path.write_text("checked = [", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "tui", "--checklist"], input="0\n",
                            capture_output=True, text=True, check=False, cwd=ROOT, env=dict(os.environ))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stdout.splitlines() if "saved checklist unreadable" in line]
    assert len(lines) == 1 and "kept it as checklist.toml.bad-1" in lines[0]
