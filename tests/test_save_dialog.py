"""The save dialog: the folder in words from its start, a name typed into it, always a .txt file.

Issue 11.8: a stray key replaced the whole offered path, and the summary went to a file "abc"
(no extension) in whatever folder the guide was started from, with the message saying only
"abc". Issue 14.15: the dialog showed the tail of the path, which looked like a folder at the
top of the disk.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from tests.support.pilot import make_app, screen_text, text_at_cursor
from tui.fullscreen.app import GuideApp
from tui.fullscreen.dialogs.save_path import SavePathDialog, chosen_path, shown_path
from tui.fullscreen.screens.checklist import ChecklistScreen
from tui.fullscreen.textual_private import notifications


def summaries() -> Path:
    """Where the summaries go in these tests (conftest points XDG_DATA_HOME at a temp folder)."""
    return Path(os.environ["XDG_DATA_HOME"]) / "spasm-guide" / "summaries"


@pytest.mark.parametrize("size", [(80, 24), (40, 12)])
@pytest.mark.pilot
async def test_a_stray_key_saves_a_txt_file_in_the_folder_shown_and_says_the_whole_path(
        size: tuple[int, int], tmp_path: Path, private_dirs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(private_dirs))  # the data folder is inside "home"
    work = tmp_path / "started-here"
    work.mkdir()
    monkeypatch.chdir(work)
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=size, notifications=True) as pilot:
        await pilot.press("k", "space", "s", "ctrl+s")  # no doctor questions
        await pilot.pause()
        assert isinstance(app.screen, SavePathDialog)
        # The folder from its start, home as "~" (wrapped, not cut, on a narrow window); a screen
        # reader reads the name from its start.
        assert str(app.screen.query_one("#folder", Static).content) == "Folder: ~/xdg_data_home/spasm-guide/summaries"
        assert "~/xdg_data_home/spasm-guide/summaries" in "".join(screen_text(app).split())
        assert text_at_cursor(app).startswith("checklist-")
        await pilot.press("a", "b", "c", "enter")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, ChecklistScreen)
        saved = summaries() / "abc.txt"
        assert saved.is_file() and "not a diagnosis" in saved.read_text(encoding="utf-8").lower()
        assert list(work.iterdir()) == [], "a file was written where the guide was started"
        assert last_message(app) == f"Saved the summary as {saved}"


@pytest.mark.pilot
async def test_the_offered_name_is_kept_and_only_its_stem_is_selected(tmp_path: Path) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("k", "s", "ctrl+s")
        await pilot.pause()
        field = app.screen.query_one("#path", Input)
        assert field.value.startswith("checklist-") and field.value.endswith(".txt")
        assert sorted(field.selection) == [0, len(field.value) - len(".txt")]
        await pilot.press("end", "backspace", "backspace", "backspace", "backspace", "enter")
        await pilot.pause()
        # ".txt" rubbed out by hand comes back: the file is still a text file, in the folder shown.
        assert [p.suffix for p in summaries().iterdir()] == [".txt"]


def last_message(app: GuideApp) -> str:
    """The message shown last, in its words (the message rows show it wrapped at the window)."""
    notice = app.screen.query_one("#notice", Static)
    shown = notifications(app)
    assert notice.display and shown, "no message shown"
    assert "".join(str(notice.content).split()) == "".join(shown[-1].message.split())
    return shown[-1].message


@pytest.mark.parametrize("name", ["notes[x=-1", "a[b]c", "[/i]"])
@pytest.mark.pilot
async def test_a_name_with_brackets_is_saved_and_said_as_typed(name: str, tmp_path: Path) -> None:
    """Messages are never markup: such a name ended the guide with a MarkupError."""
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("k", "s", "ctrl+s")
        await pilot.pause()
        app.screen.query_one("#path", Input).value = name
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        saved = summaries() / f"{name}.txt"
        assert saved.is_file()
        assert last_message(app) == f"Saved the summary as {saved}"


def test_chosen_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    folder = tmp_path / "summaries"
    assert chosen_path(folder, " abc ", ".txt") == folder / "abc.txt"
    assert chosen_path(folder, "For-Doctor.TXT", ".txt") == folder / "For-Doctor.TXT"
    assert chosen_path(folder, "notes.md", ".txt") == folder / "notes.md.txt"
    assert chosen_path(folder, "sub/abc", ".txt") == folder / "sub" / "abc.txt"
    assert chosen_path(folder, "~/x", ".txt") == tmp_path / "x.txt"
    assert chosen_path(folder, "/elsewhere/x.txt", ".txt") == Path("/elsewhere/x.txt")
    assert chosen_path(folder, "audio", ".wav") == folder / "audio.wav"
    (tmp_path / "taken.txt").mkdir()
    for folder_name in ("sub/", "~/taken.txt"):
        with pytest.raises(ValueError, match="is a folder"):
            chosen_path(folder, folder_name, ".txt")


def test_shown_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    assert shown_path(tmp_path / ".local" / "share") == "~/.local/share"
    assert shown_path(tmp_path) == "~"
    assert shown_path(Path("/srv/guide")) == "/srv/guide"
