"""Snapshots of the checklist: nothing, common symptoms only, and a warning sign; also NO_COLOR."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.fixture_guide import FIXTURE_GUIDE, fixture_checklist
from tests.support.pilot import make_app
from tui.data.checklist_state import SavedState, now, save_state

pytestmark = [pytest.mark.pilot]

CHECKLIST = fixture_checklist()
"""The fixture guide's checklist: the snapshots show the code's layout, not the live items."""

EARLIER = datetime.datetime(2020, 1, 1, 12, 0).astimezone()
"""A day long past: shown with its year, whatever today is."""

STATES: dict[str, SavedState] = {
    "nothing": SavedState(),
    "common-only": SavedState(dict.fromkeys(
        [item.id for item in CHECKLIST.items if item.tier.id == "selfcare"][:2], now())),
    "emergency": SavedState(dict.fromkeys([CHECKLIST.items[0].id, CHECKLIST.items[2].id], now())),
    "earlier": SavedState({CHECKLIST.items[0].id: EARLIER}),
}
"""Saved selections to start from: "earlier" was chosen on a past day, so it does not count."""


@pytest.mark.parametrize("size", [(80, 24), (40, 12)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("state", list(STATES))
def test_checklist(state: str, size: tuple[int, int], snap_compare: Callable[..., bool], tmp_path: Path) -> None:
    save_state(STATES[state], checklist=CHECKLIST)
    assert snap_compare(make_app(tmp=tmp_path, content=FIXTURE_GUIDE), press=["k"], terminal_size=size)


@pytest.mark.parametrize("state", ["nothing", "emergency"])
def test_checklist_no_color(state: str, snap_compare: Callable[..., bool], tmp_path: Path,
                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    save_state(STATES[state], checklist=CHECKLIST)
    assert snap_compare(make_app(tmp=tmp_path, content=FIXTURE_GUIDE), press=["k"], terminal_size=(80, 24))


def test_clear_confirmation(snap_compare: Callable[..., bool], tmp_path: Path) -> None:
    save_state(STATES["emergency"], checklist=CHECKLIST)
    assert snap_compare(make_app(tmp=tmp_path, content=FIXTURE_GUIDE), press=["k", "c"], terminal_size=(80, 24))
