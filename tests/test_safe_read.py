"""Files the guide reads: never a hang, never a memory blow-up, never a traceback.

Each hostile file is put where the guide reads it (a FIFO, a link to a device, a nesting bomb,
a key of thousands of dotted parts, a section of 50 MB) and the real command is run: the answer
must be the usual one line and exit status 2, or, for a settings file, the defaults and one line.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tui.data.content import load_guide
from tui.data.safe_read import (
    MAX_KEY_PARTS,
    SECTION_CAP,
    SMALL_FILE_CAP,
    RefusedFile,
    TomlProblem,
    loads_toml,
    read_regular_file,
    read_toml,
)
from tui.data.settings import settings_path

GUARD = 60.0
"""Against a hang only (the failures being fixed are hangs): never a timing assertion."""


def run_cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """The real command, with the test's own XDG folders (set by conftest)."""
    return subprocess.run([sys.executable, "-m", "tui", *args], input=stdin, capture_output=True, text=True,
                          timeout=GUARD, check=False)


@pytest.fixture
def guide_copy(tmp_path: Path) -> Path:
    """A copy of the bundled guide to spoil."""
    folder = tmp_path / "guide"
    shutil.copytree(load_guide().folder, folder)
    return folder


def one_line_error(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 2, result
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr, result.stderr
    for word in words:
        assert word in result.stderr, result.stderr


# The helper itself ---------------------------------------------------------------------------


def test_read_regular_file_refuses_what_is_not_a_regular_file(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    with pytest.raises(RefusedFile, match="FIFO"):
        read_regular_file(fifo, 100)  # before: open() waited for a writer forever
    link = tmp_path / "zero"
    link.symlink_to("/dev/zero")
    with pytest.raises(RefusedFile, match="device"):
        read_regular_file(link, 100)
    with pytest.raises(RefusedFile, match="folder"):
        read_regular_file(tmp_path, 100)
    with pytest.raises(FileNotFoundError):
        read_regular_file(tmp_path / "missing", 100)


def test_read_regular_file_caps_the_size_and_follows_links_to_files(tmp_path: Path) -> None:
    path = tmp_path / "big"
    path.write_bytes(b"x" * 1001)
    with pytest.raises(RefusedFile, match="limit") as raised:
        read_regular_file(path, 1000)
    assert raised.value.strerror and "limit" in raised.value.strerror
    (tmp_path / "link").symlink_to(path)
    assert read_regular_file(tmp_path / "link", 2000) == b"x" * 1001


@pytest.mark.parametrize(("text", "words"), [
    ("x = " + "[" * 5000 + "]" * 5000, "nested too deeply"),
    ("x = " + "{a = " * 3000 + "1" + "}" * 3000, "nested too deeply"),
    ("a" + ".a" * 30000 + " = 1\n", f"more than {MAX_KEY_PARTS} dotted parts"),
    ("[" + ".".join(['"k"'] * 5000) + "]\n", "dotted parts"),
    ("x = {" + ".".join(["k"] * 5000) + " = 1}\n", "dotted parts"),
    ("x = \n", "Invalid value"),
])
def test_loads_toml_turns_every_failure_into_one_problem(text: str, words: str) -> None:
    with pytest.raises(TomlProblem, match=words):
        loads_toml(text)


def test_ordinary_toml_and_dotted_keys_still_load(tmp_path: Path) -> None:
    path = tmp_path / "ok.toml"
    path.write_text('a.b.c = 1\nurl = "www.example.com.a.b.c"\n[t]\nx = [[1], [2]]\n', encoding="utf-8")
    assert read_toml(path) == {"a": {"b": {"c": 1}}, "url": "www.example.com.a.b.c", "t": {"x": [[1], [2]]}}


def test_the_bundled_files_are_far_below_their_caps() -> None:
    guide = load_guide()
    assert max(s.path.stat().st_size for s in guide.sections) * 10 < SECTION_CAP
    assert (guide.folder / "checklist.toml").stat().st_size * 10 < 256 * 1024


# Through the real command ---------------------------------------------------------------------


@pytest.mark.e2e  # starts the guide (or a shell) as a real process
@pytest.mark.parametrize("mode", [("--plain",), ("--checklist",), ("--accessible",)])
def test_a_fifo_for_settings_never_hangs_any_mode(mode: tuple[str, ...]) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)
    result = run_cli(*mode, stdin="0\n0\n")
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith(f"spasm-guide: {path}: cannot read settings (a FIFO (named pipe), not a regular")
    assert "Traceback" not in result.stderr


@pytest.mark.e2e  # starts the guide (or a shell) as a real process
@pytest.mark.parametrize("make", ["fifo", "zero", "huge"])
def test_a_section_that_is_a_fifo_a_device_or_huge_is_one_line(make: str, guide_copy: Path) -> None:
    section = sorted((guide_copy / "sections").iterdir())[0]
    section.unlink()
    if make == "fifo":
        os.mkfifo(section)
    elif make == "zero":
        section.symlink_to("/dev/zero")  # before: memory grew about 1.3 GB a second
    else:
        section.write_bytes(b"# Title\n\n" + b"a" * (50 * 1024 * 1024))  # one 50 MB word
    result = run_cli("--content", str(guide_copy), "--plain")
    one_line_error(result, str(section), {"fifo": "FIFO", "zero": "a device", "huge": "128 KB limit"}[make])


@pytest.mark.e2e  # starts the guide (or a shell) as a real process
def test_a_fifo_for_the_content_checklist_is_one_line(guide_copy: Path) -> None:
    (guide_copy / "checklist.toml").unlink()
    os.mkfifo(guide_copy / "checklist.toml")
    result = run_cli("--content", str(guide_copy), "--checklist")
    one_line_error(result, "checklist.toml", "FIFO")


@pytest.mark.e2e  # starts the guide (or a shell) as a real process
@pytest.mark.parametrize("bomb", ["x = " + "[" * 5000 + "]" * 5000, "a" + ".a" * 40000 + " = 1"])
@pytest.mark.parametrize("name", ["guide.toml", "checklist.toml"])
def test_a_toml_bomb_in_the_content_is_one_line(bomb: str, name: str, guide_copy: Path) -> None:
    (guide_copy / name).write_text(bomb + "\n", encoding="utf-8")
    result = run_cli("--content", str(guide_copy), "--checklist" if name == "checklist.toml" else "--plain")
    one_line_error(result, name, "invalid TOML")


@pytest.mark.e2e  # starts the guide (or a shell) as a real process
def test_a_toml_bomb_in_the_settings_is_said_and_the_defaults_used() -> None:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("x = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    result = run_cli("--plain", "--section", "1")
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert "nested too deeply" in result.stderr and result.stderr.count("\n") == 1


@pytest.mark.e2e  # starts the guide (or a shell) as a real process
def test_settings_larger_than_the_cap_are_refused() -> None:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("# padding\n" * (SMALL_FILE_CAP // 10 + 1), encoding="utf-8")
    result = run_cli("--plain", "--section", "1")
    assert result.returncode == 0
    assert "larger than the 64 KB limit" in result.stderr


@pytest.mark.e2e  # starts the guide (or a shell) as a real process
def test_a_fifo_for_the_plain_cache_never_hangs(private_dirs: Path) -> None:
    cache = private_dirs / "xdg_cache_home" / "spasm-guide" / "plain.txt"
    cache.parent.mkdir(parents=True)
    os.mkfifo(cache)
    result = run_cli("--plain")
    assert result.returncode == 0 and result.stdout.startswith(load_guide().title)
