"""Saving where a reader asks, safely (tui/data/safe_save.py), in the dialog and on the command line.

Issue 18.5: another user's link at /tmp/x.txt pointing at the reader's ~/.profile had the
summary written over .profile (the path went through realpath); an existing ~/notes.txt was
replaced with no question; missing folders were made silently (also for --speak-to); over SSH
a reader could write anywhere the account could.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from tests.support.pilot import make_app, screen_text
from tui.data.safe_save import SaveProblem, check_target, own_folder, write_new
from tui.fullscreen.dialogs.confirm import ConfirmDialog
from tui.fullscreen.dialogs.save_path import HOSTED_HINT, SavePathDialog
from tui.fullscreen.screens.checklist import ChecklistScreen

ROOT = Path(__file__).resolve().parents[1]
PROFILE = "export PATH=$HOME/bin:$PATH\n"


def planted_link(tmp_path: Path) -> tuple[Path, Path]:
    """(a link, the reader's file it points at); the link belongs to another user when the tests
    run as root (who can give it away), else to the reader."""
    profile = tmp_path / "home" / ".profile"
    profile.parent.mkdir(parents=True, exist_ok=True)
    profile.write_text(PROFILE, encoding="utf-8")
    shared = tmp_path / "shared"
    shared.mkdir()
    link = shared / "x.txt"
    link.symlink_to(profile)
    if os.getuid() == 0:
        os.chown(link, 65534, 65534, follow_symlinks=False)
    return link, profile


def test_a_link_at_the_name_is_replaced_never_written_through(tmp_path: Path) -> None:
    link, profile = planted_link(tmp_path)
    write_new(check_target(link), b"summary\n", replace=True)
    assert profile.read_text(encoding="utf-8") == PROFILE
    assert not link.is_symlink() and link.read_text(encoding="utf-8") == "summary\n"
    assert (link.stat().st_mode & 0o777) == 0o600


def test_nothing_is_replaced_unless_the_reader_said_yes(tmp_path: Path) -> None:
    folder = tmp_path / "work"
    folder.mkdir()
    notes = folder / "notes.txt"
    notes.write_text("mine\n", encoding="utf-8")
    with pytest.raises(FileExistsError):
        write_new(check_target(notes), b"summary\n")
    assert notes.read_text(encoding="utf-8") == "mine\n"
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]  # no temp file left


@pytest.mark.skipif(os.getuid() != 0, reason="only root can make a link owned by another user")
def test_a_folder_on_the_way_that_is_another_users_link_is_refused(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    hop = tmp_path / "hop"
    hop.symlink_to(real)
    os.chown(hop, 65534, 65534, follow_symlinks=False)
    with pytest.raises(SaveProblem, match="is a link made by another user"):
        check_target(hop / "s.txt")
    own = tmp_path / "mine"
    own.symlink_to(real)  # the reader's own link is fine
    assert check_target(own / "s.txt") == own / "s.txt"


def test_no_folder_is_made_but_the_guides_own(private_dirs: Path, tmp_path: Path) -> None:
    with pytest.raises(SaveProblem, match="does not exist"):
        check_target(tmp_path / "no" / "such" / "s.txt")
    assert not (tmp_path / "no").exists()
    inside = own_folder() / "summaries" / "s.txt"
    assert check_target(inside) == inside and inside.parent.is_dir()


def test_over_ssh_only_the_guides_own_folder(private_dirs: Path, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SSH_CONNECTION", "127.0.0.1 5000 127.0.0.1 22")
    with pytest.raises(SaveProblem, match="over SSH the guide saves only in its own folder"):
        check_target(tmp_path / "s.txt")
    with pytest.raises(SaveProblem):
        check_target(own_folder() / ".." / "elsewhere.txt")
    assert check_target(own_folder() / "s.txt") == own_folder() / "s.txt"


async def open_save_dialog(app: object, pilot: object) -> SavePathDialog:
    await pilot.press("k", "s", "ctrl+s")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    dialog = app.screen  # type: ignore[attr-defined]
    assert isinstance(dialog, SavePathDialog)
    return dialog


@pytest.mark.pilot
async def test_the_dialog_asks_before_replacing_and_keeps_the_file_on_no(private_dirs: Path,
                                                                          tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("mine\n", encoding="utf-8")
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        dialog = await open_save_dialog(app, pilot)
        dialog.query_one(Input).value = str(notes)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        # The question wraps at the window's width (a long path breaks after a "/").
        assert "notes.txt already exists. Replace it?" in " ".join(screen_text(app).split())
        await pilot.press("enter")  # the first answer, "No, keep it"
        await pilot.pause()
        assert app.screen is dialog
        assert "Kept it" in str(dialog.query_one("#hint", Static).content)
        assert notes.read_text(encoding="utf-8") == "mine\n"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, ChecklistScreen)
        assert "not a diagnosis" in notes.read_text(encoding="utf-8").lower()


@pytest.mark.pilot
async def test_the_dialog_never_writes_through_a_planted_link(private_dirs: Path, tmp_path: Path) -> None:
    link, profile = planted_link(tmp_path)
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        dialog = await open_save_dialog(app, pilot)
        dialog.query_one(Input).value = str(link)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)  # something is there: asked first
        await pilot.press("y")
        await pilot.pause()
        await pilot.pause()
    assert profile.read_text(encoding="utf-8") == PROFILE
    assert not link.is_symlink()


@pytest.mark.pilot
async def test_over_ssh_the_dialog_says_where_and_keeps_to_it(private_dirs: Path, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SSH_CONNECTION", "127.0.0.1 5000 127.0.0.1 22")
    elsewhere = tmp_path / "elsewhere.txt"
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        dialog = await open_save_dialog(app, pilot)
        assert str(dialog.query_one("#hint", Static).content) == HOSTED_HINT
        dialog.query_one(Input).value = str(elsewhere)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog
        assert "only in its own folder" in str(dialog.query_one("#hint", Static).content)
    assert not elsewhere.exists()


def speak_to(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tui", "--speak-to", *args], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120, check=False)


@pytest.mark.e2e  # starts the guide (or a shell) as a real process
def test_speak_to_a_missing_folder_is_one_line_and_exit_2(tmp_path: Path) -> None:
    done = speak_to(str(tmp_path / "nonexistent" / "dir" / "x.wav"))
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "does not exist" in done.stderr, done.stderr
    assert not (tmp_path / "nonexistent").exists()


@pytest.mark.e2e  # starts the guide (or a shell) as a real process
def test_speak_to_an_existing_file_is_refused_without_replace(tmp_path: Path) -> None:
    wav = tmp_path / "x.wav"
    wav.write_bytes(b"mine")
    done = speak_to(str(wav))
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "add --replace" in done.stderr, done.stderr
    assert wav.read_bytes() == b"mine"
