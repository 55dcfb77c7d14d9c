"""One checklist, two interfaces: the same choices give the same labels, the same result and the
same saved state in the full screen and in the numbered prompts (both use ChecklistSession)."""

from __future__ import annotations

import datetime
import io
from pathlib import Path

import pytest

from tests.support.fixture_guide import FIXTURE_GUIDE, fixture_checklist, fixture_guide
from tests.support.pilot import make_app, screen_text
from tui.data.care_routes import routes_for
from tui.data.checklist_session import ChecklistSession
from tui.data.checklist_state import SavedState, load_state, save_state
from tui.data.settings import Settings
from tui.fullscreen.widgets.section_text import SectionText
from tui.plain.checklist_prompts import run_checklist_prompts

pytestmark = [pytest.mark.pilot]

CHECKLIST = fixture_checklist()
"""The fixture guide's checklist (tests/fixtures/guide): the code under test, not the live items."""
EARLIER = datetime.datetime(2020, 1, 1, 12, 0).astimezone()
"""A stroke sign chosen long ago: shown, asked about, not counted."""
# An emergency item, an urgent one and a common symptom (self-care).
STROKE, URGENT, COMMON = (CHECKLIST.item(i) for i in ("stroke-signs", "long-cramp", "hard-muscle"))


def flat(text: str) -> str:
    return " ".join(text.split())


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def expected(ids: set[str], earlier: bool) -> list[str]:
    """The result both interfaces must show, from the session itself."""
    session = ChecklistSession(CHECKLIST, routes_for("US"), persist=False)
    session.state = SavedState({**({STROKE.id: EARLIER} if earlier else {}),
                                **dict.fromkeys(ids, datetime.datetime.now().astimezone())})
    result = session.result()
    return [result.headline, *result.reasons, *(e.text for e in result.earlier)]


def prompts_run() -> tuple[str, str]:
    """Choose the urgent item and the common symptom, see the result; then confirm the stroke sign."""
    numbers = f"{URGENT.number}\n{COMMON.number}\n0\n2\n{STROKE.number}\n0\n0\n"
    out = Terminal()
    run_checklist_prompts(fixture_guide(), Settings(), Terminal(numbers), out)
    first, second = out.getvalue().split("What next?")[0:2]
    return first, second


async def full_screen_run(tmp_path: Path) -> tuple[str, str, str]:
    app = make_app(tmp=tmp_path, content=FIXTURE_GUIDE)
    async with app.run_test(size=(100, 60)) as pilot:
        await pilot.press("k")
        await pilot.pause()
        listing = screen_text(app)
        await pilot.press(*["down"] * (URGENT.number - 1), "space", *["down"] * (COMMON.number - URGENT.number),
                          "space")
        await pilot.pause()
        first = " ".join(app.screen.query_one("#result", SectionText).paragraphs)
        await pilot.press("home", "space")
        await pilot.pause()
        second = " ".join(app.screen.query_one("#result", SectionText).paragraphs)
    return listing, first, second


async def test_the_same_choices_give_the_same_answer_in_both(tmp_path: Path) -> None:
    results = {}
    for name in ("prompts", "full screen"):
        save_state(SavedState({STROKE.id: EARLIER}), checklist=CHECKLIST)
        if name == "prompts":
            first, second = prompts_run()
            listing = first
        else:
            listing, first, second = await full_screen_run(tmp_path / "app")
        # The earlier choice, its date and the question, in the same words.
        assert f"chosen 1 January 2020, still true? {STROKE.text}" in flat(listing), name
        for line in expected({URGENT.id, COMMON.id}, earlier=True):
            assert flat(line) in flat(first), (name, line)
        assert "URGENT: get medical help today" in first and "EMERGENCY" not in first.split("Still true?")[0]
        for line in expected({URGENT.id, COMMON.id, STROKE.id}, earlier=False):
            assert flat(line) in flat(second), (name, line)
        assert "EMERGENCY: call 911 (or your local emergency number) now" in flat(second), name
        results[name] = set(load_state(CHECKLIST).state.ticks)
    # Both left the same choices on disk, all counted today.
    assert results["prompts"] == results["full screen"] == {STROKE.id, URGENT.id, COMMON.id}


async def test_a_removed_tick_says_unselected_in_both_until_another_item(tmp_path: Path) -> None:
    """Select and unselect one item, look at the list, move to (choose) another, look again: both
    interfaces say "unselected:" for the item just unticked, then its plain "[ ]" label."""
    unticked, plain = f"unselected: {URGENT.text}", f"[ ] {URGENT.text}"
    # The prompts: the list again ("?") is read right after the change, and after another choice.
    out = Terminal()
    numbers = f"{URGENT.number}\n{URGENT.number}\n?\n{COMMON.number}\n?\n0\n0\n"
    run_checklist_prompts(fixture_guide(), Settings(), Terminal(numbers), out)
    after_untick, after_other = out.getvalue().split(f"{COMMON.number}. selected:")[0:2]
    listings = after_untick.split(f"{URGENT.number}. unselected: {URGENT.text}", 1)[1]  # after the announcement
    assert f"{URGENT.number}. {unticked}" in listings
    assert f"{URGENT.number}. {plain}" in after_other and unticked not in after_other
    # The full screen: the highlight stays on the item, then moves to the next one.
    app = make_app(tmp=tmp_path, content=FIXTURE_GUIDE)
    async with app.run_test(size=(100, 60)) as pilot:
        await pilot.press("k", *["down"] * (URGENT.number - 1), "space", "space")
        await pilot.pause()
        assert unticked in screen_text(app)
        await pilot.press("down")
        await pilot.pause()
        assert plain in screen_text(app) and "unselected" not in screen_text(app)
