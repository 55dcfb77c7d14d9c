"""Random resizes and key presses: the guide never crashes, and the cursor stays on the screen.

Seeded, bounded runs with Textual's pilot: each step resizes the terminal (20-120 columns, 6-40
rows) and presses a key a reader might press anywhere in the guide. Whenever the terminal is at
least 40x12, the terminal cursor, which screen readers and braille displays follow, must be
inside the screen, and the emergency line must be on its first row.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from tests.support.pilot import make_app, screen_lines
from tui.fullscreen.screens.base import MIN_HEIGHT, MIN_WIDTH

pytestmark = [pytest.mark.pilot]
"""Pilot runs, no process (so not e2e): about 3 CPU seconds a seed."""

KEYS = ("down", "up", "pagedown", "pageup", "home", "end", "tab", "shift+tab", "enter", "space",
        "escape", "n", "p", "left", "right", "k", "slash", "question_mark", "1", "5", "9", "c", "a")
"""Keys a reader presses, on any screen. Not q (it quits), not s (a save dialog writes a file:
it is covered by the checklist tests), not r/v (speech is tested on its own)."""

STEPS = 40
"""Steps per seed: enough to visit every screen several times, quick enough for every run."""


@pytest.mark.parametrize("seed", [1, 2, 3])
async def test_random_resizes_and_keys_never_crash_and_keep_the_cursor_on_screen(seed: int, tmp_path: Path) -> None:
    rng = random.Random(seed)
    app = make_app(tmp=tmp_path)
    history: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        for step in range(STEPS):
            width, height = rng.randint(20, 120), rng.randint(6, 40)
            key = rng.choice(KEYS)
            history.append(f"{width}x{height} {key}")
            await pilot.resize_terminal(width, height)
            await pilot.press(key)  # press waits until the app has handled the key
            where = f"seed {seed}, step {step}: {' | '.join(history[-5:])} on {type(app.screen).__name__}"
            assert app.is_running, f"the guide stopped: {where}"
            if width >= MIN_WIDTH and height >= MIN_HEIGHT:
                cursor = app.cursor_position
                assert 0 <= cursor.x < width and 0 <= cursor.y < height, f"cursor {cursor} off screen: {where}"
                anchor_of = getattr(app.focused, "cursor_anchor", None)
                anchor = anchor_of() if callable(anchor_of) else None
                if anchor is not None:  # the focused item's own anchor, when it is shown at all
                    assert 0 <= anchor.x < width and 0 <= anchor.y < height, f"anchor {anchor} off screen: {where}"
                lines = screen_lines(app)
                assert len(lines) == height, where
                assert lines[0].strip().startswith("Emergency"), f"no emergency line on row 0: {where}"
    # run_test re-raises anything the app raised; reaching here means no crash at any step.
