"""Helpers for driving the app with Textual's pilot and reading what the screen shows."""

from __future__ import annotations

import functools
import re
from pathlib import Path

from textual.geometry import Offset

from tests.support import css_cache, pilot_idle
from tests.support.fixture_guide import FIXTURE_GUIDE
from tui.data.content import Guide, default_content_dir, load_guide
from tui.data.settings import Settings
from tui.fullscreen.app import GuideApp
from tui.fullscreen.process_setup import tune_process_for_the_full_screen
from tui.fullscreen.textual_private import screen_lines as rendered_lines

SHARED = frozenset({default_content_dir(), FIXTURE_GUIDE})
"""Guide folders no test writes to: loaded once per worker (a Guide is frozen), not per app."""

css_cache.install()  # every app a test starts shares this worker's one parse of each stylesheet
pilot_idle.install()  # the pilot looks for idle every 10 ms, not 20 (tests/support/pilot_idle.py)


@functools.cache
def shared_guide(folder: Path) -> Guide:
    """The guide in one of the SHARED folders, loaded on first use."""
    return load_guide(folder)


def make_app(settings: Settings | None = None, tmp: Path | None = None, content: Path | None = None) -> GuideApp:
    """The real app on the fixture guide (tests/fixtures/guide, or the guide in `content`: a test
    of the live guide's words passes `default_content_dir()` and is marked `content`), saving
    settings into `tmp` if given, in a process tuned as the launcher tunes it. A folder a test
    made is loaded afresh, as the test may have just changed it."""
    tune_process_for_the_full_screen()
    folder = content or FIXTURE_GUIDE
    guide = shared_guide(folder) if folder in SHARED else load_guide(folder)
    return GuideApp(guide, settings or Settings(), settings_file=(tmp / "settings.toml") if tmp else None)


def screen_lines(app: GuideApp) -> list[str]:
    """The text of every row of the current screen, as a person would see it."""
    return rendered_lines(app.screen)


def screen_text(app: GuideApp) -> str:
    """The whole screen as one string."""
    return "\n".join(screen_lines(app))


def text_at_cursor(app: GuideApp) -> str:
    """What a screen reader reads after a key: the cursor's row, from the cursor onwards."""
    position: Offset = app.cursor_position
    row = screen_lines(app)[position.y]
    # A dialog's right border is decoration, not words, and so is the screen behind it.
    return re.split(r"[│┃|]", row[position.x :])[0].rstrip()


def row_of(app: GuideApp, needle: str) -> int:
    """The first screen row containing `needle` (raises if absent)."""
    for number, line in enumerate(screen_lines(app)):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} is not on screen:\n{screen_text(app)}")
