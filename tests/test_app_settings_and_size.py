"""Settings persist atomically; a small window gets a clear message and keeps its place."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.fixture_guide import fixture_checklist, fixture_guide
from tests.support.pilot import make_app, screen_lines, screen_text, text_at_cursor
from tui.data.settings import Settings, load_settings, save_settings, settings_path
from tui.fullscreen.screens.section import SectionScreen
from tui.fullscreen.screens.settings import SettingsScreen
from tui.fullscreen.textual_private import notifications
from tui.fullscreen.widgets.section_text import SectionText


@pytest.mark.pilot
async def test_choosing_a_theme_and_region_saves_them(tmp_path: Path) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(SettingsScreen())
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.theme == "hc-light"
        # Each choice with its group's name: a reader moving by item hears what it is a choice of.
        assert "selected: Colours: Light, high contrast" in " ".join(screen_text(app).split())
        assert "[ ] Colours: Dark, high contrast" in screen_text(app)
        await pilot.press("down", "down", "down", "down", "enter")
        await pilot.pause()
        assert "Call 999 or your local emergency number" in screen_lines(app)[0]
        await pilot.press("escape")
        await pilot.pause()
        assert "Call 999" in screen_lines(app)[0]
    saved, message = load_settings(tmp_path / "settings.toml")
    assert message is None
    assert (saved.theme, saved.region) == ("hc-light", "UK")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_corrupt_settings_start_with_defaults_and_keep_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('theme = "hc-light"\nregion = ', encoding="utf-8")
    settings, message = load_settings(path)
    assert settings == Settings()
    assert message and str(path) in message and "bad-1" in message
    assert (tmp_path / "settings.toml.bad-1").read_text(encoding="utf-8").startswith('theme = "hc-light"')
    assert not path.exists()


def test_a_bad_value_names_the_key_and_keeps_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('theme = "hc-light"\nregion = "Mars"\n', encoding="utf-8")
    settings, message = load_settings(path)
    assert settings.theme == "hc-light" and settings.region == "US"
    assert message and "'region'" in message and "bad-1" in message
    # The file stays in use (its good values keep working) and a copy is kept; said every run.
    assert path.read_text(encoding="utf-8") == (tmp_path / "settings.toml.bad-1").read_text(encoding="utf-8")
    again, message_again = load_settings(path)
    assert again == settings and message_again == message
    assert len(list(tmp_path.glob("settings.toml.bad-*"))) == 1


def test_a_folder_that_cannot_be_written_is_said_not_raised(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    import tui.data.settings as settings_module

    def read_only(path: Path) -> Path:
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(settings_module, "keep_backup", read_only)
    path = tmp_path / "settings.toml"
    path.write_text("theme = ", encoding="utf-8")
    settings, message = load_settings(path)
    assert settings == Settings()
    assert message and "could not keep a copy (Read-only file system)" in message


def test_a_byte_order_mark_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_bytes(b'\xef\xbb\xbftheme = "hc-light"\n')
    assert load_settings(path) == (Settings(theme="hc-light"), None)


def test_bad_key_names_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('[keys]\n"app.quit" = ","\n', encoding="utf-8")
    settings, message = load_settings(path)
    assert settings.keys == {} and message and "'keys'" in message


def test_save_is_atomic_and_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "settings.toml"
    wanted = Settings(theme="ansi-light", region="EU", keys={"section.next": "j"})
    save_settings(wanted, path)
    assert load_settings(path) == (wanted, None)


@pytest.mark.e2e  # starts the guide (or a shell) as a real process
def test_cli_says_once_that_settings_were_reset(tmp_path: Path) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("this is not toml", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "tui", "--plain", "--section", "1"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0
    assert result.stderr.count("\n") == 1 and "using defaults" in result.stderr
    assert "Traceback" not in result.stderr
    again = subprocess.run([sys.executable, "-m", "tui", "--plain", "--section", "1"],
                           capture_output=True, text=True, check=False)
    assert again.stderr == ""


@pytest.mark.pilot
async def test_too_small_window_says_so_and_the_place_is_kept(tmp_path: Path) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3", "pagedown")
        await pilot.pause()
        await pilot.resize_terminal(30, 10)
        await pilot.pause()
        text = " ".join(screen_text(app).split())
        assert "Please make the window larger" in text
        assert "Section three" not in text
        assert text_at_cursor(app).startswith("Please make the window")
        await pilot.resize_terminal(40, 12)
        await pilot.pause()
        assert "Please make the window larger" not in screen_text(app)
        assert isinstance(app.screen, SectionScreen) and app.screen.number == 3
        assert "Section three" in screen_text(app)
        # Focus comes back, and the keys work again.
        assert isinstance(app.focused, SectionText)
        await pilot.press("home")
        await pilot.pause()
        assert app.focused.scroll_offset.y == 0


@pytest.mark.pilot
async def test_a_smaller_window_keeps_the_highlighted_item_in_view(tmp_path: Path) -> None:
    """No key after the resize: the highlighted item, and the cursor a screen reader follows,
    must still be on screen (the list scrolls to it on its own)."""
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        low = fixture_checklist().item("statin-sore-cause")  # low in the list: out of view at 40x12
        chosen = f"selected: {low.text[:20]}"
        await pilot.press("k", *["down"] * (low.number - 1), "space")
        await pilot.pause()
        assert text_at_cursor(app).startswith(chosen)
        await pilot.resize_terminal(40, 12)
        await pilot.pause()
        assert text_at_cursor(app).startswith(chosen), screen_text(app)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert text_at_cursor(app).startswith(chosen), screen_text(app)


@pytest.mark.pilot
async def test_no_line_is_wider_than_the_terminal_at_40_columns(tmp_path: Path) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(40, 12)) as pilot:
        for number in range(1, len(app.guide.sections) + 1):
            await pilot.press(str(number))
            await pilot.pause()
            text = app.screen.query_one("#section-text")
            assert text.virtual_size.width <= 40
            assert text.max_scroll_x == 0


@pytest.mark.pilot
async def test_a_settings_problem_is_said_on_screen(tmp_path: Path) -> None:
    from tui.fullscreen.app import GuideApp

    app = GuideApp(fixture_guide(), Settings(), startup_message="settings.toml: unknown key 'colour'")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert [n for n in notifications(app) if "unknown key 'colour'" in n.message]
