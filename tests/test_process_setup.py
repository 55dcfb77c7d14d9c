"""What the full-screen guide changes for the whole process is set by the launcher, in one named
function (tui/fullscreen/process_setup.py), never as a side effect of making the app."""

from __future__ import annotations

import sys

import pytest
import textual.screen

from tui.data.content import load_guide
from tui.data.settings import Settings
from tui.fullscreen.app import GuideApp
from tui.fullscreen.process_setup import FRAME_PERIOD, THREAD_SWITCH, tune_process_for_the_full_screen

TEXTUAL_FRAME = 1 / 60
"""Textual's own frame period, put back for this test (another test may have tuned the process)."""


def test_making_the_app_leaves_the_process_alone_and_the_setup_tunes_it(monkeypatch: pytest.MonkeyPatch) -> None:
    switches: list[float] = []
    monkeypatch.setattr(sys, "setswitchinterval", switches.append)
    monkeypatch.setattr(textual.screen, "UPDATE_PERIOD", TEXTUAL_FRAME)
    GuideApp(load_guide(), Settings())
    assert switches == [] and textual.screen.UPDATE_PERIOD == TEXTUAL_FRAME
    tune_process_for_the_full_screen()
    tune_process_for_the_full_screen()  # twice changes nothing more
    assert switches == [THREAD_SWITCH, THREAD_SWITCH]
    assert textual.screen.UPDATE_PERIOD == FRAME_PERIOD


def test_the_launcher_tunes_the_process_before_making_the_app() -> None:
    import inspect

    from tui.cli import run_full_screen

    source = inspect.getsource(run_full_screen)
    assert source.index("tune_process_for_the_full_screen()") < source.index("GuideApp(")
