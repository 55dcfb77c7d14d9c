"""Settings written back keep the user's own file: comments, blank lines and order; a bad file
is kept aside once, and its message points to Help (a person over SSH cannot open the README).

Fast tests: no marks.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from tests.support.pilot import make_app
from tui.data.settings import Settings, load_settings, save_settings
from tui.fullscreen.screens.settings import SettingsScreen

HAND_EDITED = """\
# My settings: dark for the evenings.
theme = "hc-dark"  # the one I can read

# Keys I changed
[keys]
"app.quit" = "ctrl+q"  # q alone quit by accident
"""


@pytest.mark.pilot
async def test_a_comment_survives_a_change_made_in_settings(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(HAND_EDITED, encoding="utf-8")
    settings, message = load_settings(path)
    assert message is None
    app = make_app(settings, tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(SettingsScreen())
        await pilot.pause()
        await pilot.press("down", "enter")  # the second theme: high contrast, light
        await pilot.pause()
        assert app.theme == "hc-light"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# My settings: dark for the evenings.\ntheme = \"hc-light\"  # the one I can read\n")
    assert "# Keys I changed\n[keys]\n\"app.quit\" = \"ctrl+q\"  # q alone quit by accident\n" in text
    saved, message = load_settings(path)
    assert message is None
    assert (saved.theme, saved.keys) == ("hc-light", {"app.quit": "ctrl+q"})


def test_only_changed_values_change_and_order_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('region = "UK"\n# rate: slower, please\nspeech_rate = 140\n', encoding="utf-8")
    settings, _ = load_settings(path)
    save_settings(replace(settings, speech_rate=150, keys={"section.next": "n,j"}), path)
    text = path.read_text(encoding="utf-8")
    assert text.startswith('region = "UK"\n# rate: slower, please\nspeech_rate = 150\n')
    assert text.rstrip().endswith('[keys]\n"section.next" = "n,j"')
    assert load_settings(path) == (replace(settings, speech_rate=150, keys={"section.next": "n,j"}), None)


def test_a_file_that_is_not_toml_is_written_afresh(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text("theme = \n", encoding="utf-8")
    save_settings(Settings(theme="ansi-light"), path)
    assert load_settings(path) == (Settings(theme="ansi-light"), None)


def test_a_bad_file_is_kept_aside_once_and_the_message_points_to_help(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('# mine\ntheme = "hc-light"\ncolour = "red"\n[keys]\n"app.quitt" = "ctrl+q"\n', encoding="utf-8")
    settings, message = load_settings(path)
    assert message is not None
    assert "'app.quitt': no such binding id (Help, ? or F1, lists the ids" in message
    assert "README" not in message
    assert "settings.toml.bad-1" in message
    # Started again, unchanged: the same copy, not another.
    assert load_settings(path)[1] == message
    # A change saved from Settings leaves out what was refused (it is in the copy), so the next
    # start has nothing to say and keeps nothing more aside; the user's comment stays.
    save_settings(replace(settings, region="EU"), path)
    assert load_settings(path) == (replace(settings, region="EU"), None)
    assert path.read_text(encoding="utf-8").startswith('# mine\ntheme = "hc-light"\n')
    assert [p.name for p in tmp_path.glob("settings.toml.bad-*")] == ["settings.toml.bad-1"]
    assert 'colour = "red"' in (tmp_path / "settings.toml.bad-1").read_text(encoding="utf-8")
