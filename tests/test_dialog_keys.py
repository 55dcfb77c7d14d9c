"""Dialogs answer once: keys typed together never reach the screen below, nor pop it.

Issue 18.3: `k`, `s`, then Enter three times in one write raised ScreenStackError (the first
question dialog answered twice: the second answer popped the checklist, the third popped
nothing); two quick Enters left "Question 2 of 11" over the start screen. Issue 18.7: Ctrl+L
did nothing in a dialog (a modal screen hides the app's keys). Keys are posted to the app all at
once here, as one write from the terminal arrives.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events
from textual.widgets import Input

from tests.support.pilot import make_app, screen_text
from tui.data.doctor_questions import QUESTIONS
from tui.fullscreen.app import GuideApp
from tui.fullscreen.dialogs.choice import ChoiceDialog, DialogScreen
from tui.fullscreen.dialogs.confirm import ConfirmDialog
from tui.fullscreen.dialogs.doctor_question import DoctorQuestionDialog
from tui.fullscreen.dialogs.remote_speech import RemoteSpeechDialog
from tui.fullscreen.dialogs.save_path import SavePathDialog
from tui.fullscreen.screens.checklist import ChecklistScreen
from tui.fullscreen.screens.start import StartScreen

pytestmark = [pytest.mark.pilot]

CHARACTERS = {"enter": "\r", "escape": "\x1b", "ctrl+s": "\x13"}


def type_at_once(app: GuideApp, *keys: str) -> None:
    """Post every key before the app handles any, as one read from the terminal does."""
    for key in keys:
        app.post_message(events.Key(key, CHARACTERS.get(key, key)))


async def settle(pilot: object, times: int = 6) -> None:
    for _ in range(times):
        await pilot.pause()  # type: ignore[attr-defined]


def stack(app: GuideApp) -> list[type]:
    return [type(screen) for screen in app.screen_stack]


@pytest.mark.parametrize("enters", [2, 3, 5, len(QUESTIONS) + 3])
async def test_quick_enters_in_the_doctor_questions_never_leave_the_checklist(tmp_path: Path, enters: int) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        type_at_once(app, "k", "s", *["enter"] * enters)
        await settle(pilot)
        assert stack(app)[:2] == [StartScreen, ChecklistScreen], stack(app)
        assert len(stack(app)) == 3 and issubclass(stack(app)[2], DialogScreen), stack(app)
        # Some of the Enters were for a dialog already closing: whatever question is open now, its
        # number is said, and it is over the checklist.
        assert "Question" in screen_text(app) or isinstance(app.screen, SavePathDialog)
        await pilot.press("escape")
        await settle(pilot)
        assert stack(app) == [StartScreen, ChecklistScreen]


async def test_quick_escapes_close_the_dialog_and_no_more(tmp_path: Path) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("k", "s")
        await pilot.pause()
        assert isinstance(app.screen, DoctorQuestionDialog)
        type_at_once(app, "escape", "escape")
        await settle(pilot)
        # The first Escape cancelled the question; the second, typed for the dialog, did not
        # also take the reader out of the checklist.
        assert stack(app) == [StartScreen, ChecklistScreen]


async def test_a_dialog_that_has_answered_ignores_a_second_answer(tmp_path: Path) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("k")
        await pilot.pause()
        answers: list[str | None] = []
        dialog = ConfirmDialog("Sure?", "Yes", "No")
        app.push_screen(dialog, answers.append)
        await pilot.pause()
        dialog.dismiss("yes")
        dialog.dismiss("no")  # the same dialog, answering again before it is gone
        await settle(pilot)
        assert answers == ["yes"]
        assert stack(app) == [StartScreen, ChecklistScreen]


@pytest.mark.parametrize("make", [
    lambda: ConfirmDialog("Sure?", "Yes", "No"),
    lambda: ChoiceDialog("Which?", [("a", "A"), ("b", "B")]),
    RemoteSpeechDialog,
    lambda: SavePathDialog("Where?", Path.home() / "summary.txt"),
    lambda: DoctorQuestionDialog(QUESTIONS[0], 1, len(QUESTIONS), ""),
], ids=["confirm", "choice", "remote-speech", "save-path", "doctor-question"])
async def test_every_dialog_answers_ctrl_l_by_redrawing(tmp_path: Path, make: object) -> None:
    app = make_app(tmp=tmp_path)
    redraws: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.action_redraw = lambda: redraws.append("redraw")  # type: ignore[method-assign]
        dialog = make()  # type: ignore[operator]
        app.push_screen(dialog)
        await pilot.pause()
        if isinstance(app.focused, Input):
            before = app.focused.value
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert redraws == ["redraw"]
        assert app.screen is dialog  # still open, nothing answered
        if isinstance(app.focused, Input):
            assert app.focused.value == before
