"""Files a stranger leaves for the guide: saved checklists and settings that are corrupt,
unreadable (mode 000) or a folder, a link planted where a summary is saved, and a reader's own
file under the name a summary is given. One line names the file, no traceback, and nothing the
reader had is lost or overwritten.

It is the guide as a hostile stranger meets it, from outside (a real pty, a real sshd set up as
docs/hosting.md says), knowing only the README, the hosting doc, the man page and --help. A case
fails on what the terminal, /proc or the disk shows, never on a guess. Every random input is seeded.
"""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from tests.support.hostile import (
    CTRL_S,
    CTRL_U,
    DOWN,
    END_KEY,
    Home,
    assert_clean,
    end,
    open_checklist,
    quit_cleanly,
    shows,
    spawn_guide,
    squeezed,
    started,
)
from tests.support.ptydrive import Session

pytestmark = [pytest.mark.e2e]


# Corrupt saved state ---------------------------------------------------------------------------


GARBAGE = bytes(random.Random(18).randrange(256) for _ in range(600))
STATE_CASES = {
    "date 0001-01-01": b"version = 2\n[ticks]\nstroke-signs = 0001-01-01\n",
    "date 9999-12-31T23:59:59-12:00": b"version = 2\n[ticks]\nstroke-signs = 9999-12-31T23:59:59-12:00\n",
    "garbage bytes": GARBAGE,
    "wrong types": b'version = "two"\nticks = [1, 2, 3]\n',
    "a tick of the wrong type": b"version = 2\n[ticks]\nstroke-signs = 42\n",
}
SETTINGS_CASES = {
    "6,000 unknown keys": "".join(f"unknown_key_{n} = {n}\n" for n in range(6000)).encode(),
    "garbage bytes": GARBAGE,
    "wrong types": b'theme = 5\nregion = ["US"]\nspeech_rate = "fast"\n[keys]\n"app.quit" = 7\n',
    "a date for a number": b"speech_rate = 0001-01-01\nspeech_volume = 9999-12-31T23:59:59-12:00\n",
}
READABLE_TICK = b"version = 2\n[ticks]\nstroke-signs = 2026-12-01 10:00:00+00:00\n"
"""A tick as the guide itself writes it (taken from a real run)."""


def kept_somewhere(folder: Path, original: bytes) -> list[Path]:
    """Every file under `folder` whose bytes are exactly `original`."""
    return [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink() and _read(p) == original]


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def change_checklist(session: Session) -> None:
    """Open the checklist and tick the first item (so the state file is written)."""
    open_checklist(session)
    session.send(b" ")
    shows(session, "> selected:")
    session.rest()  # the tick saved, and any line about the file drawn


def change_settings(session: Session) -> None:
    """Open Settings and choose the light theme (so the settings file is written)."""
    session.send(b"o")
    shows(session, "Light, high contrast")
    session.settle(0.2)
    session.send(DOWN + b"\r")
    shows(session, "selected: Colours: Light, high contrast")
    session.rest()  # the settings saved, and any line about the file drawn


def corrupt_case(home: Home, which: str, content: bytes | None, mode: int | None = None,
                 as_dir: bool = False) -> None:
    """Plant a bad file, start, change what it holds: one line names it, no traceback, and the
    original bytes are still on disk afterwards (a set-aside copy)."""
    folder, name = (home.state, "checklist.toml") if which == "checklist" else (home.config, "settings.toml")
    home.env()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    if as_dir:
        target.mkdir()
        (target / "keep.txt").write_bytes(b"the reader's own note\n")
    else:
        assert content is not None
        target.write_bytes(content)
        if mode is not None:
            target.chmod(mode)
    session = spawn_guide(home, size=(120, 30), bound_by_modes=mode is not None)
    try:
        screens = [started(session)]
        if which == "checklist":
            change_checklist(session)
        else:
            change_settings(session)
        screens.append(session.shown())
        assert_clean(session)
        assert session.alive(), f"the guide ended (status {session.exit_status}):\n{session.shown()}"
        said = any(name in row for screen in screens for row in screen.splitlines()) or \
            name in squeezed(session.output().decode("utf-8", "replace"))
        assert said, f"no line named {name}; screens:\n" + "\n---\n".join(screens)
        quit_cleanly(session)
        if as_dir:
            assert kept_somewhere(folder, b"the reader's own note\n"), "the file in the folder was lost"
        else:
            assert content is not None
            kept = kept_somewhere(folder, content)  # (the suite reads past a mode the guide cannot)
            assert kept, (f"the original {name} ({len(content)} bytes) is nowhere in {folder}: "
                          f"{sorted(p.name for p in folder.iterdir())}")
    finally:
        end(session)


@pytest.mark.parametrize("case", list(STATE_CASES))
def test_a_corrupt_checklist_file(home: Home, case: str) -> None:
    corrupt_case(home, "checklist", STATE_CASES[case])


@pytest.mark.parametrize("case", list(SETTINGS_CASES))
def test_a_corrupt_settings_file(home: Home, case: str) -> None:
    corrupt_case(home, "settings", SETTINGS_CASES[case])


@pytest.mark.parametrize("which", ["checklist", "settings"])
def test_an_unreadable_file_mode_000(home: Home, which: str) -> None:
    content = READABLE_TICK if which == "checklist" else b'theme = "hc-light"\nregion = "UK"\n'
    corrupt_case(home, which, content, mode=0)


@pytest.mark.parametrize("which", ["checklist", "settings"])
def test_a_folder_where_the_file_should_be(home: Home, which: str) -> None:
    corrupt_case(home, which, None, as_dir=True)


# Planted links ---------------------------------------------------------------------------------


def save_summary_as(session: Session, path: Path) -> str:
    """Tick an item, ask for a summary, skip the questions, type `path` as its name, press Enter;
    return the screen after."""
    change_checklist(session)
    session.send(b"s")
    shows(session, "Question 1 of")
    session.send(CTRL_S)
    shows(session, "Where?")
    session.settle(0.2)
    session.send(END_KEY + CTRL_U)
    session.settle(0.2)
    session.send(str(path).encode())
    shows(session, path.name)
    session.send(b"\r")
    session.rest()  # saved, refused or asked: whatever the guide does with the name is done
    return session.shown()


def test_a_planted_link_to_the_readers_profile(home: Home) -> None:
    """Another account's link in a shared sticky folder, pointing at the reader's ~/.profile."""
    profile = home.root / ".profile"
    profile.write_bytes(b"export PATH=$HOME/bin:$PATH\n")
    shared = Path(home.root / "shared-tmp")
    shared.mkdir()
    shared.chmod(0o1777)
    link = shared / "x.txt"
    link.symlink_to(profile)
    if os.geteuid() == 0:
        os.lchown(link, 65534, 65534)  # planted by someone else (nobody)
    session = spawn_guide(home)
    try:
        started(session)
        screen = save_summary_as(session, link)
        assert_clean(session)
        assert profile.read_bytes() == b"export PATH=$HOME/bin:$PATH\n", \
            f"saving through the planted link changed ~/.profile; the screen:\n{screen}"
        assert session.alive()
    finally:
        end(session)


def test_an_existing_file_is_not_replaced_without_asking(home: Home) -> None:
    notes = home.root / "notes.txt"
    notes.write_bytes(b"my own notes\n")
    session = spawn_guide(home)
    try:
        started(session)
        screen = save_summary_as(session, notes)
        assert_clean(session)
        assert notes.read_bytes() == b"my own notes\n", f"notes.txt was replaced with no question:\n{screen}"
        assert session.alive()
    finally:
        end(session)
