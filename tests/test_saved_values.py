"""Every value saved on disk is checked when it is read back, and a file that cannot be read is
set aside before anything new is written over it.

Issue 18.4: a tick dated 0001-01-01, or 9999-12-31T23:59:59-12:00, raised ValueError or
OverflowError at every start of the checklist, and the file stayed, so it repeated for ever.
Issue 18.6: a state or settings file the guide could not read was replaced by the next change
("cannot read ... starting empty"), with no copy. Issue 18.7: 6,000 unknown settings keys made
6,000 warning lines, shown at start.
"""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.fixture_guide import FIXTURE_GUIDE, fixture_checklist
from tests.support.pilot import make_app, screen_text
from tui.data import checklist_state, settings
from tui.data.checklist_session import ChecklistSession
from tui.data.checklist_state import SavedState, load_state, save_state, state_path
from tui.data.settings import MAX_PROBLEM_LINES, Settings, load_settings, save_settings, settings_path
from tui.fullscreen.screens.checklist import ChecklistScreen

ITEM = "stroke-signs"
"""An item the fixture guide's checklist has (tests/fixtures/guide)."""
BAD_TIMES = ["0001-01-01", "0001-01-01T00:00:00Z", "0001-01-01T00:00:00", "9999-12-31T23:59:59-12:00",
             "9999-12-31", "9999-12-31T23:59:59", "0001-01-01T00:00:00+14:00", "1900-01-01T00:00:00Z",
             "2999-01-01T00:00:00Z"]


def write_state(path: Path, when: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f'version = 2\n\n[ticks]\n{ITEM} = {when}\nnot-an-item = {when}\n', encoding="utf-8")


def test_the_files_own_date_is_written_in_the_guides_words_whatever_the_locale(private_dirs: Path) -> None:
    # strftime's %B follows the user's locale (LC_TIME), so a reader's message could change month
    # names with the machine; the guide's own month words say it the same everywhere.
    from tui.data.dates import date_in_words
    from tui.data.words import in_language

    checklist = fixture_checklist()
    path = state_path()
    write_state(path, BAD_TIMES[0])
    day = datetime.datetime.fromtimestamp(path.stat().st_mtime).astimezone().date()
    message = load_state(checklist, path).message or ""
    assert f"read as {date_in_words(day, 'en')};" in message
    path.with_name("checklist.toml.bad-1").unlink()
    write_state(path, BAD_TIMES[0])
    with in_language("es"):
        message = load_state(checklist, path).message or ""
    assert date_in_words(day, "es") in message


@pytest.mark.parametrize("when", BAD_TIMES)
def test_a_time_out_of_range_is_read_as_the_files_own_time(private_dirs: Path, when: str) -> None:
    checklist = fixture_checklist()
    path = state_path()
    write_state(path, when)
    written = path.read_bytes()
    mtime = datetime.datetime.fromtimestamp(path.stat().st_mtime).astimezone()
    loaded = load_state(checklist, path)
    assert list(loaded.state.ticks) == [ITEM]
    stored = loaded.state.ticks[ITEM]
    assert abs(stored - mtime) < datetime.timedelta(seconds=2)
    # Said once, naming the file, and the file as it was is kept before anything replaces it.
    assert loaded.message is not None and loaded.message.startswith(f"{path}: ")
    assert "out of range" in loaded.message and "kept the file as checklist.toml.bad-1" in loaded.message
    assert path.with_name("checklist.toml.bad-1").read_bytes() == written
    # Everything done with a time afterwards works: the checklist's lines, a save, a reload.
    write_state(path, when)
    session = ChecklistSession(checklist, path)
    assert any(ITEM in item.id for item in checklist.items)
    assert abs(session.state.ticks[ITEM] - stored) < datetime.timedelta(seconds=2)
    save_state(session.state, path, checklist)
    assert ITEM in load_state(checklist, path).state.ticks


@pytest.mark.parametrize("when", ["0001-01-01", "9999-12-31T23:59:59-12:00"])
@pytest.mark.pilot
async def test_the_checklist_opens_with_a_time_out_of_range(private_dirs: Path, tmp_path: Path, when: str) -> None:
    write_state(state_path(), when)
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("k")
        await pilot.pause()
        assert isinstance(app.screen, ChecklistScreen)
        assert "Check your symptoms" in screen_text(app)


@pytest.mark.e2e  # starts the guide (or a shell) as a real process
@pytest.mark.parametrize("when", ["0001-01-01", "9999-12-31T23:59:59-12:00"])
def test_the_checklist_prompts_run_with_a_time_out_of_range(private_dirs: Path, when: str) -> None:
    write_state(state_path(), when)
    done = subprocess.run([sys.executable, "-m", "tui", "--checklist", "--content", str(FIXTURE_GUIDE)], input="0\n",
                          capture_output=True,
                          text=True, env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])},
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr + done.stdout


def unreadable(monkeypatch: pytest.MonkeyPatch, module: object, path: Path) -> None:
    """Reading `path` fails as a file without read permission does (the tests may run as root,
    who can read anything, so the refusal is made here)."""
    real = module.read_regular_file  # type: ignore[attr-defined]

    def refuse(target: Path, cap: int) -> bytes:
        if Path(target) == path:
            raise PermissionError(13, "Permission denied", str(target))
        return bytes(real(target, cap))

    monkeypatch.setattr(module, "read_regular_file", refuse)


def test_an_unreadable_state_file_is_set_aside_before_the_next_tick(private_dirs: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    checklist = fixture_checklist()
    path = state_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"version = 2\n\n[ticks]\n{ITEM} = 2026-01-05T10:00:00Z\n", encoding="utf-8")
    original = path.read_bytes()
    unreadable(monkeypatch, checklist_state, path)
    loaded = load_state(checklist, path)
    assert loaded.state == SavedState()
    assert loaded.message is not None and "Permission denied" in loaded.message
    assert "kept it as checklist.toml.bad-1" in loaded.message and loaded.message.count("\n") == 0
    assert (path.parent / "checklist.toml.bad-1").read_bytes() == original
    assert not path.exists()
    monkeypatch.undo()
    save_state(SavedState({"sudden-confusion": datetime.datetime.now().astimezone()}), path, checklist)
    assert (path.parent / "checklist.toml.bad-1").read_bytes() == original  # nothing lost


def test_an_unreadable_settings_file_is_set_aside_before_the_next_change(private_dirs: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('theme = "hc-light"\n', encoding="utf-8")
    original = path.read_bytes()
    unreadable(monkeypatch, settings, path)
    loaded, message = load_settings(path)
    assert loaded == Settings()
    assert message is not None and "Permission denied" in message and "settings.toml.bad-1" in message
    assert message.count("\n") == 0
    monkeypatch.undo()
    save_settings(Settings(theme="hc-dark"), path)
    assert (path.parent / "settings.toml.bad-1").read_bytes() == original


def test_thousands_of_unknown_keys_are_one_line(private_dirs: Path) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    text = "".join(f"k{n}=1\n" for n in range(6000)) + 'theme = "hc-light"\n'
    assert len(text) < settings.SMALL_FILE_CAP  # read, not refused for its size
    path.write_text(text, encoding="utf-8")
    loaded, message = load_settings(path)
    assert loaded.theme == "hc-light"  # the good value still counts
    assert message is not None
    lines = message.splitlines()
    assert lines[0].endswith("6000 unknown keys 'k0', 'k1', 'k2' ....")
    assert len(lines) == 2 and "settings.toml.bad-1" in lines[1]


def test_many_bad_key_bindings_are_counted_past_a_few_lines(private_dirs: Path) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("[keys]\n" + "".join(f'"app.nothing{n}" = "x"\n' for n in range(500)), encoding="utf-8")
    _, message = load_settings(path)
    assert message is not None
    lines = message.splitlines()
    assert len(lines) == MAX_PROBLEM_LINES + 1
    assert lines[-2].endswith(f"and {500 - MAX_PROBLEM_LINES + 1} more problems.")
