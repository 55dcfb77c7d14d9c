"""Memory stays flat: going back and forth between screens leaves no more live objects behind.

Counted, not timed or measured as RSS, so a busy machine cannot make these pass or fail: after
a few warm-up rounds, more rounds of the same keys must not add drawn lines (Textual Strips) or
widgets. Issue 11.7: RSS grew by about 40 KB a key, from two causes. Textual's
StylesCache.get_inner_outer kept the last 1024 widgets' drawn lines alive (tui/fullscreen/textual_private.py),
and every screen opened stayed on the Esc history for good (now HISTORY screens). Screens under
others also let go of their drawn lines (GuideScreen.on_screen_suspend). What grew after that was
Textual's lru_caches on Region methods and Scalar.resolve, filled by every new window size with
regions no other size uses (now bounded: tui/fullscreen/textual_private.py, bound_geometry_caches).
"""

from __future__ import annotations

import asyncio
import gc
import random
from pathlib import Path

import pytest
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

from tests.support.pilot import make_app
from tui.fullscreen.app import GuideApp
from tui.fullscreen.paint_hold import HISTORY, HOLD_AT_MOST
from tui.fullscreen.screens.start import StartScreen
from tui.fullscreen.textual_private import GEOMETRY_CACHE_SIZE, geometry_cache_sizes, leaks_styles_caches

WARM_UP = 4
"""Rounds before counting: first use fills caches that are meant to stay."""
ROUNDS = 16
"""Rounds counted: without the fixes, each k/Esc round left about 240 Strips alive."""
SLACK = 40
"""Strips that may come and go with what happens to be drawn (a highlight, the cursor's row)."""
SIZES = 40
"""Window sizes to warm up on, and as many more counted: with Textual's own cache bounds, each new
size left about 120 more Regions alive (some 5,000 over the counted sizes)."""
REGION_SLACK = 1000
"""Regions that may still come with new sizes while the bounded caches finish filling."""


def live(kind: type) -> int:
    """How many objects of `kind` are alive, after a full collection. By the object's own type:
    `isinstance` asks a weak proxy for its referent's class, and a proxy whose referent is gone
    (one left by an earlier test in the same worker) raises ReferenceError."""
    gc.collect()
    return sum(1 for thing in gc.get_objects() if issubclass(type(thing), kind))


async def rounds(app: GuideApp, pilot: object, keys: tuple[str, ...], count: int) -> None:
    """Press `keys` `count` times over, then wait out the paint holds' one-second guards: each
    keeps the screen it was made for until it fires (a second, not a leak)."""
    for _ in range(count):
        await pilot.press(*keys)  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    await asyncio.sleep(HOLD_AT_MOST + 0.2)


@pytest.mark.parametrize(("first", "keys"), [
    ((), ("k", "escape")),
    ((), ("question_mark", "escape")),
    (("1",), ("n", "p")),
    (("k",), ("question_mark", "escape", "s", "escape")),
])
@pytest.mark.pilot
async def test_rounds_of_keys_leave_no_more_live_objects(first: tuple[str, ...], keys: tuple[str, ...],
                                                         tmp_path: Path) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*first)
        await rounds(app, pilot, keys, WARM_UP)
        strips, widgets = live(Strip), live(Widget)
        await rounds(app, pilot, keys, ROUNDS)
        after_strips, after_widgets = live(Strip), live(Widget)
        assert after_widgets <= widgets, f"{after_widgets - widgets} more widgets after {ROUNDS} rounds of {keys}"
        assert after_strips <= strips + SLACK, f"{after_strips - strips} more Strips after {ROUNDS} rounds of {keys}"


@pytest.mark.pilot
async def test_the_esc_history_is_bounded_and_still_walks_back(tmp_path: Path) -> None:
    """Help, then a section from help, over and over: each opens a new screen."""
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await rounds(app, pilot, ("question_mark", "3"), HISTORY // 2 + 2)
        assert len(app.screen_stack) == HISTORY + 1
        widgets, strips = live(Widget), live(Strip)
        await rounds(app, pilot, ("question_mark", "3"), 8)
        assert len(app.screen_stack) == HISTORY + 1
        assert live(Widget) <= widgets
        assert live(Strip) <= strips + SLACK  # screens under others keep no drawn lines
        for _ in range(HISTORY - 1):
            await pilot.press("escape")
        assert not isinstance(app.screen, StartScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, StartScreen)


def test_the_styles_cache_correction_is_in_force(tmp_path: Path) -> None:
    make_app(tmp=tmp_path)
    assert not leaks_styles_caches()


@pytest.mark.pilot
async def test_new_window_sizes_leave_no_more_live_regions(tmp_path: Path) -> None:
    """Random window sizes from 6x3 to 250x80, with a move and a page on each, on the checklist."""
    rng = random.Random(11)
    sizes = [(rng.randint(6, 250), rng.randint(3, 80)) for _ in range(2 * SIZES)]
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("k")
        for count, size in enumerate(sizes, start=1):
            await pilot.resize_terminal(*size)
            await pilot.press("down", "pagedown")
            await pilot.pause()
            if count == SIZES:
                regions = live(Region)
        grown = live(Region) - regions
        assert grown <= REGION_SLACK, f"{grown} more Regions alive after {SIZES} more window sizes"
        assert all(size <= GEOMETRY_CACHE_SIZE for size in geometry_cache_sizes().values()), geometry_cache_sizes()
