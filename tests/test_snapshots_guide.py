"""Snapshots of every guide screen at 80x24 and at 40x12 (a large font on a small screen)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.pilot import make_app

SIZES = [(80, 24), (40, 12)]
"""Every screen is checked at both sizes."""

SCREENS: dict[str, list[str]] = {
    "start": [],
    "contents": ["enter"],
    "section": ["3"],
    "section-scrolled": ["3", "pagedown"],
    "search": ["slash", *"cramp", "enter"],
    "help": ["3", "question_mark"],
    "about": ["up", "enter"],
    "settings": ["down", "down", "down", "enter"],
}
"""Screen name to the keys that reach it from the start screen."""


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("screen", list(SCREENS))
def test_screen(screen: str, size: tuple[int, int], snap_compare: Callable[..., bool], tmp_path: Path) -> None:
    assert snap_compare(make_app(tmp=tmp_path), press=SCREENS[screen], terminal_size=size)


def test_start_screen_with_no_color(snap_compare: Callable[..., bool], tmp_path: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(make_app(tmp=tmp_path), press=["down"], terminal_size=(80, 24))


def test_too_small(snap_compare: Callable[..., bool], tmp_path: Path) -> None:
    assert snap_compare(make_app(tmp=tmp_path), terminal_size=(30, 10))
