"""Every key the guide shows is one that works there, described in the guide's own words.

Textual's built-in wording ("Focus Next", "Quit the app and return to the command prompt", a
Ctrl+C message in markup) never reaches the screen or help; Space and Enter mean the same in
Settings as in the checklist; Settings has a key on every screen; About says the version.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Input, OptionList

from tests.support.pilot import make_app, screen_text
from tui.data.settings import Settings
from tui.fullscreen.dialogs.confirm import ConfirmDialog
from tui.fullscreen.screens.help import HelpScreen
from tui.fullscreen.screens.search import SearchScreen
from tui.fullscreen.screens.settings import SettingsScreen
from tui.fullscreen.textual_private import notifications
from tui.fullscreen.widgets.key_bar import KeyBar

pytestmark = [pytest.mark.pilot]


def textual_words() -> set[str]:
    """Every description and tooltip of Textual's own bindings on the classes the guide uses."""
    words: set[str] = set()
    for owner in (App, Screen, Input, OptionList):
        for binding in owner.BINDINGS:
            if isinstance(binding, Binding):
                words |= {text for text in (binding.description, binding.tooltip) if " " in text}
    return words


def one_line(app: App[object]) -> str:
    return " ".join(screen_text(app).split())  # type: ignore[arg-type]


async def help_text(pilot: object, app: App[object]) -> str:
    """Open help with F1 (it works in a box too), read all of it, and go back."""
    await pilot.press("f1")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, HelpScreen)
    text = " ".join(app.screen.section.text().split())
    await pilot.press("escape")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    return text


async def test_ctrl_c_says_how_to_quit_in_plain_words(tmp_path: Path) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+c")
        await pilot.pause()
        messages = [n.message for n in notifications(app)]
        titles = [n.title for n in notifications(app)]
        assert "To quit, press q." in messages
        assert not any("[b]" in m or "Do you want" in m for m in messages + titles)
        assert "[b]" not in screen_text(app)


async def test_ctrl_c_names_the_quit_key_the_user_chose(tmp_path: Path) -> None:
    app = make_app(Settings(keys={"app.quit": "ctrl+x"}), tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert "To quit, press Ctrl+X." in [n.message for n in notifications(app)]


# Help opened on seven screens: about 1.3 CPU seconds, the fast set's costliest pilot test, but it
# starts no process (the fast set holds every test that starts none).
async def test_no_textual_wording_in_help_on_any_screen(tmp_path: Path) -> None:
    app = make_app(tmp=tmp_path)
    foreign = textual_words()
    assert "Focus Next" in foreign and "Quit the app and return to the command prompt." in foreign
    seen = []
    async with app.run_test(size=(80, 40)) as pilot:
        await pilot.pause()
        for keys in ((), ("1",), ("escape", "down", "enter"), ("escape", "k"), ("escape", "o"),
                     ("escape", "slash"), ("tab",)):
            await pilot.press(*keys)
            await pilot.pause()
            text = await help_text(pilot, app)
            seen.append(text)
            for words in foreign:
                assert f": {words}" not in text, (words, text[:200])
            assert "README" not in text
            assert "Changing keys" in text and "settings.toml" in text and "[keys]" in text
    assert any("Tab: Move to the next part of the screen" in text for text in seen)
    assert any("q or Ctrl+Q: Quit the guide" in text for text in seen)


async def test_the_search_box_shows_only_keys_that_work_while_typing(tmp_path: Path) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 40)) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        bar = app.screen.query_one(KeyBar).describe()
        for typed in ("/ Search", "1-9", "q Quit", "?/F1", "k Symptoms", "r Read", "o Settings"):
            assert typed not in bar, typed
        assert "F1 Help" in bar and "Esc Back" in bar
        text = await help_text(pilot, app)
        for typed in ("1 to 9", "/: Search", "k: Check", "Space: Pause", "x: Stop"):
            assert typed not in text, typed
        assert "Enter: Go to the places found" in text
        assert "Ctrl+Q: Quit the guide" in text
        # In the results the same keys work again, and "/" goes back to the box.
        await pilot.press(*"cramp", "enter")
        await pilot.pause()
        assert isinstance(app.screen.focused, OptionList)
        assert "/ Search" in app.screen.query_one(KeyBar).describe()
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen) and isinstance(app.screen.focused, Input)


async def test_space_selects_in_settings_and_the_key_bar_says_select(tmp_path: Path) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        bar = app.screen.query_one(KeyBar).describe()
        assert "Enter/Space Select" in bar and "Open" not in bar
        assert "o Settings" not in bar  # already here
        await pilot.press("down", "space")
        await pilot.pause()
        assert app.settings.theme == "hc-light"
        assert "selected: Colours: Light, high contrast" in " ".join(screen_text(app).split())
        assert 'theme = "hc-light"' in (tmp_path / "settings.toml").read_text()


async def test_a_yes_no_dialog_says_choose_not_open(tmp_path: Path) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("k", "space", "c")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        bar = app.screen.query_one(KeyBar).describe()
        assert "Enter Choose" in bar and "Open" not in bar
        await pilot.press("escape")


async def test_settings_has_a_key_on_every_screen_and_in_help(tmp_path: Path) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 40)) as pilot:
        for keys in (("1",), ("escape", "k")):
            await pilot.press(*keys)
            await pilot.pause()
            assert "o Settings" in app.screen.query_one(KeyBar).describe()
            text = await help_text(pilot, app)
            assert "o: Settings: colours, emergency number, voice and volume" in text
            assert "app.settings" in text  # its id, to change it
            await pilot.press("o")
            await pilot.pause()
            assert isinstance(app.screen, SettingsScreen)
            await pilot.press("escape")
            await pilot.pause()


async def test_about_shows_the_version(tmp_path: Path) -> None:
    from importlib.metadata import version

    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 60)) as pilot:
        await pilot.press(*["down"] * 5, "enter")
        await pilot.pause()
        assert f"spasm-guide version {version('spasm-guide')}." in one_line(app)


@pytest.mark.content  # the README shows the live guide's start screen
async def test_the_readmes_start_screen_is_what_the_guide_shows(tmp_path: Path) -> None:
    from tests.conftest import ROOT
    from tests.support.pilot import screen_lines
    from tui.data.content import default_content_dir

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = readme.split("## What it looks like")[1].split("```text\n")[1].split("```")[0]
    app = make_app(tmp=tmp_path, content=default_content_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert shown.rstrip("\n").splitlines() == screen_lines(app)
