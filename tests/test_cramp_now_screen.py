"""The "cramp now" screen by keyboard: pick the muscle, three steps, the time when asked, the
question at 10 minutes (a fake clock, no waiting), and where each answer leads. At 80x24 and 40x12."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from tests.support.fixture_guide import fixture_checklist, fixture_cramp_now, fixture_guide
from tests.support.pilot import make_app, screen_text, text_at_cursor
from tui.data.checklist_state import load_state, state_path
from tui.data.cramp_now import step_lines
from tui.data.sentences import Chunk
from tui.data.settings import Settings
from tui.fullscreen.app import GuideApp
from tui.fullscreen.dialogs.confirm import ConfirmDialog
from tui.fullscreen.screens.checklist import ChecklistScreen
from tui.fullscreen.screens.cramp_now import CrampNowScreen
from tui.fullscreen.screens.start import StartScreen
from tui.fullscreen.textual_private import notifications
from tui.fullscreen.widgets.key_bar import KeyBar

pytestmark = [pytest.mark.pilot]

GUIDE = fixture_guide()
"""The fixture guide (make_app's own): two muscles, calf and hand."""
CRAMP = fixture_cramp_now()
CHECKLIST = fixture_checklist()
LONG_CRAMP = CHECKLIST.item(CRAMP.checklist_item).text
SIZES = [(80, 24), (40, 12)]


class FakeClock:
    """Seconds that pass only when the test says so."""

    def __init__(self) -> None:
        self.now = 5000.0

    def __call__(self) -> float:
        return self.now


class FakeSpeech:
    """Records what self-voicing says instead of playing it."""

    def __init__(self) -> None:
        self.spoken: list[list[str]] = []

    def availability(self, need_player: bool = True) -> tuple[bool, str]:
        return True, ""

    def speak(self, chunks: Sequence[Chunk | str], start: int = 0) -> int:
        self.spoken.append([c.text if isinstance(c, Chunk) else c for c in chunks])
        return len(self.spoken)

    def __getattr__(self, name: str) -> Any:
        return lambda *args: None


def flat(app: GuideApp) -> str:
    return " ".join(screen_text(app).split())


async def open_cramp(pilot: Any, app: GuideApp, clock: FakeClock) -> CrampNowScreen:
    await pilot.press("m")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, CrampNowScreen)
    screen.clock = clock
    return screen


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "40x12"])
async def test_pick_a_muscle_see_three_steps_ask_the_time_and_no_at_10_minutes_is_urgent(
        tmp_path: Path, size: tuple[int, int]) -> None:
    app = make_app(tmp=tmp_path)
    clock = FakeClock()
    async with app.run_test(size=size) as pilot:
        screen = await open_cramp(pilot, app, clock)
        text = flat(app)
        assert CRAMP.question in text
        assert text_at_cursor(app) == CRAMP.muscles[0].name
        assert "t Time" not in screen.query_one(KeyBar).describe()  # no timer yet
        await pilot.press("down", "enter")  # the second muscle
        await pilot.pause()
        muscle = CRAMP.muscles[1]
        assert screen.muscle == muscle
        assert text_at_cursor(app).startswith(muscle.name[: size[0] - 4])
        # Every step can be read at both sizes, line by line as a screen reader reads: the line
        # at the cursor after each Down, those below the fold too.
        seen = text_at_cursor(app)
        for _ in range(12):
            await pilot.press("down")
            await pilot.pause()
            seen += " " + text_at_cursor(app)
        for line in step_lines(muscle):
            assert line in seen, line
        assert "The timer has started." in flat(app)
        keys = screen.query_one(KeyBar).describe()
        for entry in ("t Time", "y Eased", "n Not eased"):
            assert entry in keys

        clock.now += 3 * 60 + 20
        await pilot.press("t")
        await pilot.pause()
        assert "3 minutes so far." in flat(app)
        assert text_at_cursor(app) == "3 minutes so far."  # the cursor goes to the answer

        clock.now += 6 * 60 + 39  # 9:59: nothing yet
        screen.check_time()
        await pilot.pause()
        assert "Has it eased?" not in flat(app)
        clock.now += 1
        screen.check_time()
        await pilot.pause()
        assert "It has been 10 minutes. Has it eased? y/n" in flat(app)
        assert text_at_cursor(app).startswith("It has been 10 minutes.")

        await pilot.press("n")  # at 10 minutes: straight to the result, no further question
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmDialog)
        text = flat(app)
        assert text_at_cursor(app) == "!! URGENT: get medical help today"
        assert "Because you chose:" in text
        assert LONG_CRAMP in text or "A cramp over 10 minutes that" in text
        assert "t Time" not in screen.query_one(KeyBar).describe()

    # The choice is saved in the shared checklist.
    assert "long-cramp" in load_state(CHECKLIST, state_path()).state.ticks


async def test_the_urgent_result_names_the_long_cramp_and_the_checklist_shows_it(tmp_path: Path) -> None:
    app = make_app(Settings(region="UK"), tmp=tmp_path)
    clock = FakeClock()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_cramp(pilot, app, clock)
        await pilot.press("enter")
        clock.now += 11 * 60
        screen.check_time()
        await pilot.press("n")
        await pilot.pause()
        text = flat(app)
        assert f"Because you chose: - {LONG_CRAMP}" in text
        assert "call 111 or your GP" in text  # the region's words
        assert text.index("URGENT") < text.index(LONG_CRAMP)
        await pilot.press("k")
        await pilot.pause()
        checklist = app.screen
        assert isinstance(checklist, ChecklistScreen)
        assert "long-cramp" in checklist.session.checked
        assert "URGENT: get medical help today" in flat(app)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "40x12"])
async def test_yes_closes_with_self_care_and_changes_no_checklist(tmp_path: Path, size: tuple[int, int]) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=size) as pilot:
        await open_cramp(pilot, app, FakeClock())
        await pilot.press("end", "enter", "y")  # hand, eased early
        await pilot.pause()
        assert text_at_cursor(app) == CRAMP.eased.headline
        assert "SELF-CARE" in flat(app)
        assert "URGENT" not in flat(app)
    assert not load_state(CHECKLIST, state_path()).state.ticks


async def test_no_before_10_minutes_asks_first_and_not_yet_keeps_the_timer(tmp_path: Path) -> None:
    app = make_app(tmp=tmp_path)
    clock = FakeClock()
    async with app.run_test(size=(40, 12)) as pilot:
        screen = await open_cramp(pilot, app, clock)
        await pilot.press("enter")
        clock.now += 120
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "more than 10 minutes in all?" in flat(app)
        await pilot.press("n")  # not yet
        await pilot.pause()
        assert app.screen is screen
        assert "Keep up the stretch." in flat(app)
        assert screen.timing
        await pilot.press("n", "y")  # it has, counting the time before this screen
        await pilot.pause()
        assert "URGENT" in flat(app)
    assert "long-cramp" in load_state(CHECKLIST, state_path()).state.ticks


async def test_nothing_repaints_while_the_timer_runs(tmp_path: Path) -> None:
    """A console screen reader reads every change: the screen must stay still between answers."""
    app = make_app(tmp=tmp_path)
    clock = FakeClock()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_cramp(pilot, app, clock)
        await pilot.press("enter")
        await pilot.pause()
        before = screen_text(app)
        for minute in range(1, 10):
            clock.now += 60
            screen.check_time()
            await pilot.pause()
            assert screen_text(app) == before, f"the screen changed at minute {minute}"


async def test_self_voicing_says_the_steps_the_time_when_asked_and_the_question(tmp_path: Path) -> None:
    app = make_app(Settings(self_voicing=True), tmp=tmp_path)
    clock = FakeClock()
    speech = FakeSpeech()
    app.reader.client = speech  # type: ignore[assignment]
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_cramp(pilot, app, clock)
        await pilot.press("enter")
        await pilot.pause()
        said = speech.spoken[-1][0]
        assert said.startswith(f"{CRAMP.muscles[0].name}. Step 1 of 3: ")
        assert step_lines(CRAMP.muscles[0])[2] in said and ".." not in said
        await pilot.press("t", "t")  # asked twice: said twice
        await pilot.pause()
        assert speech.spoken[-2:] == [["Less than a minute so far."]] * 2
        clock.now += 600
        screen.check_time()
        await pilot.pause()
        assert speech.spoken[-1] == ["It has been 10 minutes. Has it eased? Press y for yes, n for no."]
        count = len(speech.spoken)
        screen.check_time()  # asked once only
        await pilot.pause()
        assert len(speech.spoken) == count
        await pilot.press("?", "escape")  # back from help: the question is said again
        await pilot.pause()
        assert speech.spoken[-1] == ["Cramp now. It has been 10 minutes. Has it eased? y/n"]


async def test_the_start_menu_has_it_and_the_key_works_from_any_screen(tmp_path: Path) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, StartScreen)
        assert "A cramp now: stretch it (m)" in flat(app)
        await pilot.press("end", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CrampNowScreen)
        await pilot.press("escape", "2", "m")
        await pilot.pause()
        assert isinstance(app.screen, CrampNowScreen)
        await pilot.press("enter", "?")  # help lists the timer's keys once they work
        await pilot.pause()
        help_text = flat(app)
        await pilot.press("end")
        await pilot.pause()
        help_text += flat(app)
        for words in ("t: Say how long the stretch has been going", "cramp.time", "cramp.not_eased"):
            assert words in help_text


async def test_a_broken_cramp_file_is_one_line_and_the_guide_goes_on(tmp_path: Path) -> None:
    import shutil

    folder = tmp_path / "guide"
    shutil.copytree(GUIDE.folder, folder)
    (folder / "cramp-now.toml").write_text('[cramp_now]\ntitle = "x"\n', encoding="utf-8")
    app = make_app(tmp=tmp_path, content=folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        messages = [n.message for n in notifications(app)]
        assert any("cramp-now.toml: key 'cramp_now.check_minutes'" in m for m in messages), messages
