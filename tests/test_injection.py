"""Terminal escape injection: no control sequence from a file the user can edit reaches a terminal.

A copy of the bundled guide gets OSC (window title, clipboard), CSI (window resize) and C1
controls injected into guide.toml, a section file and checklist.toml; settings.toml and the
saved checklist state get them too. Every way text leaves the guide is checked: `--plain` and
`--checklist` through a pipe, the full-screen app's screen (pilot), the raw bytes the app writes
to a real pty, the messages on stderr, and the saved summary file.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.support.host_tools import GUIDE, terminal_env
from tests.support.pilot import make_app, screen_text
from tui.data.checklist import load_checklist
from tui.data.content import default_content_dir, load_guide

pytestmark = [pytest.mark.e2e]

# What an attacker would put in a file, as Python text ...
ATTACKS = (
    "\x1b]0;INJTITLE\x07",        # OSC 0: set the window title
    "\x1b]52;c;SU5KQ0xJUA==\x07",  # OSC 52: write the reader's clipboard
    "\x1b[8;99;199t",             # CSI: resize the window
    "\x9b8;98;198t",              # C1 CSI: the same, in one character
    "\x9d0;INJC1\x9c",            # C1 OSC and ST: set the title
    "\x07\x08\r",                 # bell, backspace, carriage return
)
PAYLOAD = "".join(ATTACKS)
# ... and as TOML basic-string escapes (raw control characters are not allowed in TOML).
TOML_PAYLOAD = "".join(f"\\u{ord(c):04x}" if ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F else c for c in PAYLOAD)

FORBIDDEN_BYTES = (b"\x1b]0;INJTITLE", b"\x1b]52;", b"\x1b[8;99;199t", b"\xc2\x9b", b"\xc2\x9d", b"\xc2\x9c",
                   b"INJTITLE\x07", b"SU5KQ0xJUA==\x07")
"""Injected sequences, as they would reach a terminal (C1 characters as UTF-8)."""

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Control characters other than tab and newline."""


def controls_in(text: str) -> list[str]:
    """The control characters in `text`, for a readable failure message."""
    return sorted({f"U+{ord(c):04X}" for c in CONTROL.findall(text)})


@pytest.fixture
def poisoned(tmp_path: Path) -> Path:
    """A copy of the bundled guide with the payload in its metadata, a section and the checklist."""
    folder = tmp_path / "guide"
    shutil.copytree(default_content_dir(), folder)
    guide = load_guide()
    meta = folder / "guide.toml"
    text = meta.read_text(encoding="utf-8")
    for key, value in (("title", guide.title), ("disclaimer", guide.disclaimer)):
        text = text.replace(f'{key} = "{value}"', f'{key} = "{value}{TOML_PAYLOAD}"', 1)
    meta.write_text(text, encoding="utf-8")
    section = guide.section(1).path.name
    body = (folder / "sections" / section).read_text(encoding="utf-8").splitlines()
    body[0] += PAYLOAD  # the title line
    first_text = next(n for n, line in enumerate(body) if n and line.strip() and not line.startswith("#"))
    body[first_text] = PAYLOAD + body[first_text]
    (folder / "sections" / section).write_text("\n".join(body) + "\n", encoding="utf-8")
    checklist = load_checklist(guide.folder)
    toml = folder / "checklist.toml"
    text = toml.read_text(encoding="utf-8")
    first = checklist.items[0].text
    text = text.replace(f'text = "{first}"', f'text = "{TOML_PAYLOAD}{first}"', 1)
    text = text.replace(f'title = "{checklist.groups[0].title}"',
                        f'title = "{checklist.groups[0].title}{TOML_PAYLOAD}"', 1)
    toml.write_text(text, encoding="utf-8")
    # The poisoned copy must still load, and the payload must really be in what was loaded from
    # the raw files (so the checks below test the sanitiser, not a refused file).
    assert "INJTITLE" in load_guide(folder).title
    assert "INJTITLE" in load_checklist(folder).items[0].text
    assert "INJTITLE" in load_guide(folder).section(1).title
    return folder


@pytest.fixture
def poisoned_state(private_dirs: Path) -> None:
    """The saved checklist with the payload in an item id (the guide names ids it drops)."""
    state = Path(os.environ["XDG_STATE_HOME"]) / "spasm-guide"
    state.mkdir(parents=True, exist_ok=True)
    (state / "checklist.toml").write_text(f'version = 1\nchecked = ["gone{TOML_PAYLOAD}"]\n', encoding="utf-8")


@pytest.fixture
def poisoned_settings(private_dirs: Path) -> None:
    """settings.toml with the payload in a key name (the guide names keys it does not know)."""
    config = Path(os.environ["XDG_CONFIG_HOME"]) / "spasm-guide"
    config.mkdir(parents=True, exist_ok=True)
    (config / "settings.toml").write_text(f'"bad{TOML_PAYLOAD}" = 1\n', encoding="utf-8")


def run_guide(args: list[str], stdin: str = "") -> subprocess.CompletedProcess[str]:
    """The installed guide through pipes, with the test's XDG folders."""
    return subprocess.run([str(GUIDE), *args], input=stdin, capture_output=True, text=True, timeout=60,
                          env=terminal_env(TERM="xterm-256color"))


def test_plain_output_through_a_pipe_has_no_controls(poisoned: Path, poisoned_state: None) -> None:
    done = run_guide(["--plain", "--content", str(poisoned)])
    assert done.returncode == 0, done.stderr
    assert load_guide().section(1).title in done.stdout  # the poisoned section is printed
    assert "INJTITLE" in done.stdout  # the words stay; only the controls go
    assert not controls_in(done.stdout.replace("\n", "")), controls_in(done.stdout)
    assert not controls_in(done.stderr.replace("\n", "")), f"stderr: {done.stderr!r}"


def test_a_poisoned_settings_key_is_named_without_controls(poisoned_settings: None) -> None:
    done = run_guide(["--plain"])
    assert done.returncode == 0, done.stderr
    assert "unknown key" in done.stderr  # the reader is told which key was set aside
    assert not controls_in(done.stderr.replace("\n", "")), f"stderr: {done.stderr!r}"


def test_checklist_prompts_and_saved_summary_have_no_controls(poisoned: Path,
                                                              poisoned_state: None) -> None:
    # Choose item 1 (the poisoned one), finish, save a summary with a poisoned answer, finish.
    # (Piped input leaves the saved state unread; the full-screen test below reads it.)
    done = run_guide(["--checklist", "--content", str(poisoned)], stdin="1\n0\n1\nMon\x1b]0;INJ\x07day\n")
    assert done.returncode == 0, done.stderr
    assert "1. selected:" in done.stdout and "INJTITLE" in done.stdout
    assert not controls_in(done.stdout.replace("\n", "")), f"stdout: {controls_in(done.stdout)}"
    assert not controls_in(done.stderr.replace("\n", "")), f"stderr: {done.stderr!r}"
    summaries = list((Path(os.environ["XDG_DATA_HOME"]) / "spasm-guide" / "summaries").glob("*.txt"))
    assert len(summaries) == 1
    saved = summaries[0].read_text(encoding="utf-8")
    assert "INJTITLE" in saved
    assert not controls_in(saved.replace("\n", "")), controls_in(saved)


@pytest.mark.pilot
async def test_the_full_screen_app_shows_no_controls_and_saves_a_clean_summary(
        poisoned: Path, poisoned_state: None, tmp_path: Path) -> None:
    app = make_app(content=poisoned, tmp=tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        seen = [screen_text(app)]
        for keys in (("1",), ("k",), ("space",), ("escape", "escape", "escape"), ("question_mark",)):
            await pilot.press(*keys)
            await pilot.pause()
            seen.append(screen_text(app))
        assert "INJTITLE" in seen[0] and "INJTITLE" in seen[1] and "INJTITLE" in seen[2]
        for text in seen:
            assert not controls_in(text.replace("\n", "")), controls_in(text)
        await pilot.press("escape", "k", "s")
        await pilot.pause()
        await pilot.press("ctrl+s")  # no more questions
        await pilot.pause()
        await pilot.press("enter")  # the default place
        await pilot.pause()
    summaries = list((Path(os.environ["XDG_DATA_HOME"]) / "spasm-guide" / "summaries").glob("*.txt"))
    assert len(summaries) == 1
    saved = summaries[0].read_text(encoding="utf-8")
    assert "INJTITLE" in saved
    assert not controls_in(saved.replace("\n", "")), controls_in(saved)


def test_no_injected_sequence_reaches_the_terminal(poisoned: Path, poisoned_state: None,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.support.ptydrive import spawn

    for name in ("COLUMNS", "LINES", "COLORTERM"):
        monkeypatch.delenv(name, raising=False)
    session = spawn([str(GUIDE), "--content", str(poisoned)], {"TERM": "xterm-256color"})
    try:
        session.read_until_shown("Read the guide")
        for keys, marker in ((b"1", "Section one"), (b"k", "[ ] "), (b" ", "selected:")):
            session.send(keys)
            session.read_until_shown(marker)
            session.settle(0.15)
    finally:
        session.finish()
    out = b"".join(data for _, data in session.log)
    assert b"INJTITLE" in out  # the words were drawn
    found = [marker for marker in FORBIDDEN_BYTES if marker in out]
    assert not found, f"injected sequences reached the terminal: {found}"


def test_the_payload_is_what_a_terminal_would_obey() -> None:
    # Guard the test itself: the payload has real ESC, C1 and BEL characters, in both forms.
    assert "\x1b" in PAYLOAD and "\x9b" in PAYLOAD and "\x07" in PAYLOAD
    assert "\\u001b" in TOML_PAYLOAD and "\\u009b" in TOML_PAYLOAD


@pytest.mark.pilot
async def test_a_poisoned_key_setting_is_never_drawn(private_dirs: Path) -> None:
    from tui.data.settings import load_settings

    config = Path(os.environ["XDG_CONFIG_HOME"]) / "spasm-guide"
    config.mkdir(parents=True, exist_ok=True)
    (config / "settings.toml").write_text(f'[keys]\n"app.search" = "{TOML_PAYLOAD}"\n', encoding="utf-8")
    settings, _warning = load_settings()
    app = make_app(settings)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        text = screen_text(app)
    assert not controls_in(text.replace("\n", "")), controls_in(text)
