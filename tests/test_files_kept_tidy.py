"""Settings validation, bidi controls, stale temp files and symlinked settings."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest

from tui.data.atomic import remove_stale_temps, write_text_atomic
from tui.data.sanitize import clean_line, clean_text
from tui.data.settings import (
    BINDING_IDS,
    NAMED_KEYS,
    Settings,
    load_settings,
    save_settings,
    settings_path,
    valid_keys,
)

GUARD = 60.0
"""Against a hang only."""


# Settings: every bad value at once ------------------------------------------------------------


def test_every_bad_value_is_named_on_its_own_line_and_the_rest_kept(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('theme = "neon"\nregion = "XX"\nspeech_rate = 100000\nspeech_volume = -3\n'
                    'self_voicing = true\n[keys]\n"app.quit" = "zz+q"\n"no.such" = "x"\n"section.next" = "j"\n',
                    encoding="utf-8")
    settings, message = load_settings(path)
    assert settings == Settings(self_voicing=True, keys={"section.next": "j"})
    assert message is not None
    lines = message.splitlines()
    for key in ("'theme'", "'region'", "'speech_rate'", "'speech_volume'", "'app.quit'", "'no.such'"):
        assert sum(key in line for line in lines) == 1, (key, lines)
    assert all(line.startswith(f"{path}: ") for line in lines)
    assert "no such binding id" in message
    assert lines[-1] == f"{path}: a copy is kept as settings.toml.bad-1."


@pytest.mark.parametrize("keys", ["zz+q", "ctrl+ctrl+q", "q,", "shift+", "banana", "ctrl+\x1b", "é", "ctrl q"])
def test_key_names_textual_cannot_deliver_are_refused(keys: str) -> None:
    assert not valid_keys(keys)


@pytest.mark.parametrize("keys", ["q", "Q", "ctrl+q", "n,right,j", "f1", "question_mark,f1", "plus,equals_sign",
                                  "left_square_bracket", "shift+tab", "ctrl+pagedown", "escape", "space"])
def test_the_key_names_in_use_are_accepted(keys: str) -> None:
    assert valid_keys(keys)


def test_every_printable_key_textual_names_is_accepted() -> None:
    from textual.keys import Keys, _character_to_key

    for code in range(0x21, 0x7F):
        assert valid_keys(_character_to_key(chr(code))), chr(code)
    plain = {key.value for key in Keys if "+" not in key.value and not key.value.startswith("<")}
    assert plain - {"ctrl-at"} <= NAMED_KEYS
    assert unicodedata.name("?")  # the names come from the Unicode database, as Textual's do


def test_the_binding_ids_settings_knows_are_the_apps() -> None:
    from tui.fullscreen.app import known_binding_ids

    assert known_binding_ids() == BINDING_IDS


@pytest.mark.e2e  # starts the guide (or a shell) as a real process
def test_the_command_says_every_bad_value() -> None:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('theme = "neon"\nregion = "XX"\nspeech_rate = 100000\nspeech_volume = -3\n', encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "tui", "--plain", "--section", "1"], capture_output=True,
                            text=True, timeout=GUARD, check=False)
    assert result.returncode == 0
    lines = result.stderr.splitlines()
    assert len(lines) == 5 and all(line.startswith(f"spasm-guide: {path}: ") for line in lines)


# Bidirectional controls ----------------------------------------------------------------------


@pytest.mark.parametrize("mark", ["\u202e", "\u202a", "\u202b", "\u202c", "\u202d", "\u200e", "\u200f",
                                  "\u2066", "\u2067", "\u2068", "\u2069", "\u061c"])
def test_bidi_controls_are_stripped(mark: str) -> None:
    assert clean_text(f"call{mark} 911") == "call 911"
    assert clean_line(f"{mark}emergency") == "emergency"


@pytest.mark.e2e  # starts the guide (or a shell) as a real process
def test_bidi_controls_in_a_section_never_reach_the_plain_text(tmp_path: Path) -> None:
    import shutil

    from tui.data.content import load_guide

    folder = tmp_path / "guide"
    guide = load_guide()
    shutil.copytree(guide.folder, folder)
    section = folder / "sections" / guide.section(1).path.name
    section.write_text("# Title \u202eereh\n\nText with \u2067isolate\u2069 and \u200fmarks.\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "tui", "--content", str(folder), "--plain", "--section", "1"],
                            capture_output=True, text=True, timeout=GUARD, check=False)
    assert result.returncode == 0, result.stderr
    assert not set(result.stdout) & {"\u202e", "\u2067", "\u2069", "\u200f"}
    assert "Title ereh" in result.stdout


# Temp files a kill left behind -----------------------------------------------------------------


def dead_pid() -> int:
    """The id of a process that has ended."""
    child = subprocess.Popen(["true"])
    child.wait()
    return child.pid


@pytest.mark.e2e  # starts the guide (or a shell) as a real process
def test_stale_temp_files_are_removed_and_a_live_writers_kept(tmp_path: Path) -> None:
    dead = tmp_path / f".checklist.toml.{dead_pid()}.abcd1234.tmp"
    old = tmp_path / ".settings.toml.k3j9x_ab.tmp"  # an older version's name: no pid
    live = tmp_path / f".settings.toml.{os.getpid()}.zzzz9999.tmp"
    fresh_unnamed = tmp_path / ".summary.txt.q1w2e3r4.tmp"
    other = tmp_path / ".hidden.tmp"
    for path in (dead, old, live, fresh_unnamed, other):
        path.write_text("x", encoding="utf-8")
    hour_ago = time.time() - 3600
    os.utime(old, (hour_ago, hour_ago))
    removed = remove_stale_temps(tmp_path)
    assert sorted(removed) == sorted([dead, old])
    assert live.exists() and fresh_unnamed.exists() and other.exists()
    os.utime(live, (hour_ago, hour_ago))
    assert remove_stale_temps(tmp_path) == [live]  # stuck for an hour: stale whoever wrote it


@pytest.mark.e2e  # starts the guide (or a shell) as a real process
def test_the_command_tidies_its_folders_at_start(private_dirs: Path) -> None:
    state = private_dirs / "xdg_state_home" / "spasm-guide"
    config = private_dirs / "xdg_config_home" / "spasm-guide"
    for folder in (state, config):
        folder.mkdir(parents=True)
    left = [state / f".checklist.toml.{dead_pid()}.abcd1234.tmp", config / f".settings.toml.{dead_pid()}.x1y2z3w4.tmp"]
    for path in left:
        path.write_text("half a file", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "tui", "--checklist"], input="0\n", capture_output=True,
                            text=True, timeout=GUARD, check=False)
    assert result.returncode == 0, result.stderr
    assert not any(path.exists() for path in left)


def test_a_temp_file_names_its_writer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []
    real_replace = os.replace

    def spy(source: str, target: Path) -> None:
        seen.append(Path(source).name)
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", spy)
    write_text_atomic(tmp_path / "settings.toml", "x = 1\n")
    assert seen and seen[0].startswith(f".settings.toml.{os.getpid()}.") and seen[0].endswith(".tmp")


# A symlinked settings file ------------------------------------------------------------------


def test_saving_writes_through_a_symlink_to_its_target(tmp_path: Path) -> None:
    dotfiles = tmp_path / "dotfiles"
    dotfiles.mkdir()
    target = dotfiles / "spasm-guide.toml"
    target.write_text('theme = "hc-dark"\n', encoding="utf-8")
    link = tmp_path / "config" / "settings.toml"
    link.parent.mkdir()
    link.symlink_to(target)
    save_settings(Settings(theme="hc-light"), link)
    assert link.is_symlink() and link.resolve() == target
    assert load_settings(target)[0].theme == "hc-light"
    assert not [p for p in dotfiles.iterdir() if p.name.endswith(".tmp")]


def test_a_link_to_something_not_a_regular_file_is_replaced_not_followed(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "settings.toml"
    link.symlink_to(fifo)
    save_settings(Settings(theme="hc-light"), link)
    assert not link.is_symlink() and link.is_file()
    assert fifo.exists() and not fifo.is_file()  # the FIFO itself is untouched
