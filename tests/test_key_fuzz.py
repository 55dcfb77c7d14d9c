"""Random keys through a real pty never crash the guide; page keys in a too-small window do nothing.

The pty run types seeded random keys (every key the guide binds, letters, digits, F-keys,
bursts and bracketed pastes) with random resizes from 6x3 to 250x80 (tests/support/keyfuzz.py). A
failure names its seed; `python -m bench.bench_soak --seed N --keys K` runs the same steps again.
SPASM_GUIDE_FUZZ_SEEDS="7,8" runs other seeds.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from textual import events
from textual.app import App, ComposeResult

from tests.support import keyfuzz
from tests.support.pilot import make_app, screen_text
from tui.fullscreen.screens.base import GuideScreen
from tui.fullscreen.widgets.guide_list import GuideList

pytestmark: list[pytest.MarkDecorator] = []
"""The pty run is e2e (marked on it); the pilot tests of page keys in small windows start no
process and are in the fast set."""

SEEDS = [int(s) for s in os.environ.get("SPASM_GUIDE_FUZZ_SEEDS", "101,102,103").split(",")]
"""Seeds run in CI; each run starts at a size drawn from its seed."""
STEPS = 900
"""Steps per seed: about 2,700 keys in all, some 50 s on a busy 2-core machine."""


@pytest.mark.e2e  # the guide on a real pty
@pytest.mark.parametrize("seed", SEEDS)
def test_random_keys_and_resizes_through_a_pty_never_crash(seed: int, tmp_path: Path) -> None:
    run = keyfuzz.run(seed, STEPS, tmp_path)
    assert not run.crash, (
        f"seed {seed}, step {run.done} of {STEPS} ({run.where()}): {run.crash}\n"
        f"again: .venv/bin/python -m bench.bench_soak --seed {seed} --keys {STEPS}"
    )
    assert run.done == STEPS
    assert run.latencies, "no key drew anything: the run did not reach the guide"


@pytest.mark.parametrize("size", [(30, 10), (39, 24), (80, 11), (6, 3)])
@pytest.mark.pilot
async def test_page_keys_in_a_too_small_window_do_nothing(size: tuple[int, int], tmp_path: Path) -> None:
    """Issue 11.1: PageDown in a window too small for the guide ended it with KeyError: 0."""
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert app.screen.has_class("-too-small")  # "Please make the window larger", as fits
        await pilot.press("pagedown", "pageup", "end", "home", "down", "enter", "tab")
        await pilot.pause()
        assert app.is_running
        assert len(app.screen_stack) == 1, "a key acted on the hidden menu"
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.pause()
        menu = app.screen.query_one(GuideList)
        assert app.focused is menu and menu.highlighted == 0
        await pilot.press("pagedown")  # and now a page key works
        assert menu.highlighted == len(menu.texts) - 1


@pytest.mark.parametrize("size", [(104, 10), (60, 10), (30, 24)])
@pytest.mark.pilot
async def test_the_checklist_keys_do_nothing_in_a_window_too_small_to_show_it(tmp_path: Path,
                                                                            size: tuple[int, int]) -> None:
    """Seed 101: in a window too small for the guide (104x10), Space ticked a hidden item, and not the
    one highlighted, or ended the guide with KeyError: 1 (its height looked up in a list never laid
    out). Space, Tab, s and c do nothing there; with room again, nothing is ticked."""
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("k")
        await pilot.pause()
        await pilot.resize_terminal(*size)
        await pilot.pause()
        await pilot.press("space", "tab", "space", "s", "c")
        await pilot.pause()
        assert app.is_running and len(app.screen_stack) == 2, app.screen_stack  # no dialog opened
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.pause()
        assert "selected: " not in screen_text(app), screen_text(app)


@pytest.mark.pilot
async def test_page_keys_in_a_section_opened_in_a_too_small_window(tmp_path: Path) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("k")
        await pilot.resize_terminal(20, 8)
        await pilot.press("pagedown", "space", "3", "pagedown", "pageup", "escape", "pagedown")
        await pilot.pause()
        assert app.is_running
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, GuideScreen) and app.focused is not None
        assert screen_text(app).splitlines()[0].strip().startswith("Emergency")


@pytest.mark.pilot
async def test_keys_typed_after_quit_open_nothing(tmp_path: Path) -> None:
    """Pasted or typed-ahead keys after q opened screens while the guide closed: a traceback
    and exit status 1."""
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for key in ("q", "2", "k", "slash", "question_mark"):
            app.post_message(events.Key(key, None))
        await pilot.pause()
    assert app.return_code == 0  # run_test raises what the app raised


class HiddenList(App[None]):
    """A GuideList that has focus but has never been shown, so it has no lines."""

    CSS = "GuideList { display: none; }"

    def compose(self) -> ComposeResult:
        yield GuideList(["one", "two", "three"])

    def on_mount(self) -> None:
        listing = self.query_one(GuideList)
        listing.highlighted = 1
        listing.focus()


@pytest.mark.pilot
async def test_a_list_with_no_room_ignores_page_keys() -> None:
    app = HiddenList()
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press("pagedown", "pageup")
        await pilot.pause()
        assert app.query_one(GuideList).highlighted == 1
