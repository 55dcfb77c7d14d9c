"""The full-screen checklist, by keyboard only: state in words, result urgency first, saved always."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import pytest
from textual.widgets import Input
from textual.widgets._toast import Toast

from tests.support.fixture_guide import FIXTURE_GUIDE, fixture_checklist
from tests.support.pilot import make_app, screen_lines, screen_text, text_at_cursor
from tests.support.wait import holds_within
from tui.data.checklist_state import SavedState, load_state, now, save_state, state_path
from tui.data.settings import Settings
from tui.fullscreen.dialogs.confirm import ConfirmDialog
from tui.fullscreen.dialogs.doctor_question import DoctorQuestionDialog
from tui.fullscreen.dialogs.save_path import SavePathDialog
from tui.fullscreen.screens.checklist import ChecklistScreen
from tui.fullscreen.textual_private import notifications
from tui.fullscreen.widgets.section_text import SectionText

CHECKLIST = fixture_checklist()
"""The fixture guide's checklist: make_app runs the app on the fixture guide."""


def first_of(tier: str) -> str:
    """The text of the first item of a tier."""
    return next(item.text for item in CHECKLIST.items if item.tier.id == tier)


def chosen() -> set[str]:
    """The ids saved on disk."""
    return set(load_state(CHECKLIST).state.ticks)


SELFCARE = CHECKLIST.items[-1]
"""The last item, a common symptom: `end` then Space chooses it."""


def flat(app: object) -> str:
    return " ".join(screen_text(app).split())  # type: ignore[arg-type]


def shows_a_selected_item(app: object) -> bool:
    """A chosen item is in view: its label starts with the word "selected:" (the word is its
    only mark; "unselected:" is an item just unticked)."""
    return "selected:" in screen_text(app).replace("unselected:", "")  # type: ignore[arg-type]


@pytest.mark.pilot
async def test_open_from_start_menu_and_with_k_from_any_screen(tmp_path: Path) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ChecklistScreen)
        await pilot.press("escape", "3", "k")
        await pilot.pause()
        assert isinstance(app.screen, ChecklistScreen)
        text = screen_text(app)
        assert CHECKLIST.groups[0].title in text
        assert "not a diagnosis" in text
        assert "Nothing chosen yet." in text
        assert "SELF-CARE" not in text
        # Life-threatening signs first: the list opens on the first emergency sign.
        assert f"[ ] {first_of('emergency')}".startswith(text_at_cursor(app))


@pytest.mark.pilot
async def test_toggle_with_space_and_enter_state_in_words_and_cursor(tmp_path: Path) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("k")
        await pilot.pause()
        await pilot.press("end")
        await pilot.pause()
        assert text_at_cursor(app) == f"[ ] {SELFCARE.text}"
        await pilot.press("space")
        await pilot.pause()
        # The state comes first, so it is heard even when the line wraps.
        assert text_at_cursor(app) == f"selected: {SELFCARE.text}"
        assert "SELF-CARE" in flat(app)
        await pilot.press("enter")
        await pilot.pause()
        assert text_at_cursor(app) == f"unselected: {SELFCARE.text}"
        assert "Nothing chosen yet." in flat(app)


@pytest.mark.pilot
async def test_a_removed_tick_says_unselected_until_the_highlight_leaves(tmp_path: Path) -> None:
    for size in ((80, 24), (40, 12)):
        app = make_app(tmp=tmp_path / f"{size[0]}")
        async with app.run_test(size=size) as pilot:
            await pilot.press("k", "down")
            await pilot.pause()
            item = CHECKLIST.items[1]
            assert text_at_cursor(app).startswith(f"[ ] {item.text.split()[0]}"), size
            await pilot.press("space", "space")
            await pilot.pause()
            # The state first, on the item's first row (it wraps at 40 columns).
            assert text_at_cursor(app).startswith("unselected: "), (size, text_at_cursor(app))
            assert f"unselected: {item.text}" in flat(app), size
            await pilot.press("up")
            await pilot.pause()
            assert "unselected" not in flat(app) and f"[ ] {item.text}" in flat(app), size
            await pilot.press("down")
            await pilot.pause()
            # Back on it: the plain label, as for any item not chosen.
            assert text_at_cursor(app).startswith(f"[ ] {item.text.split()[0]}"), size
            assert "unselected" not in flat(app), size


@pytest.mark.pilot
async def test_a_warning_sign_gives_emergency_first_with_reasons(tmp_path: Path) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 40)) as pilot:
        await pilot.press("k")
        await pilot.pause()
        await pilot.press("end", "space", "home")  # a common symptom, then back to the top
        emergency = first_of("emergency")
        await pilot.pause()
        assert emergency.startswith(text_at_cursor(app)[4:])  # its first row: the item wraps at 80
        await pilot.press("space")
        await pilot.pause()
        result = app.screen.query_one("#result", SectionText)
        area = result.content_region
        lines = [line for line in screen_lines(app)[area.y : area.bottom] if line.strip()]
        assert lines[0].strip().endswith("EMERGENCY: call 911 (or your local emergency number) now")
        text = flat(app)
        assert f"Because you chose: - {emergency}" in text
        assert "If it gets worse:" in " ".join(result.paragraphs)
        assert "(not a diagnosis)" in text  # on screen, whatever the scroll
        assert result.paragraphs[-1] == "This is not a diagnosis."  # and at the end of every result


@pytest.mark.pilot
async def test_emergency_number_follows_the_region(tmp_path: Path) -> None:
    save_state(SavedState({CHECKLIST.items[0].id: now()}), checklist=CHECKLIST)
    for region, number in (("UK", "999"), ("EU", "112")):
        app = make_app(Settings(region=region), tmp=tmp_path)
        async with app.run_test(size=(80, 40)) as pilot:
            await pilot.press("k")
            await pilot.pause()
            # The result pane itself, not the emergency banner above every screen (which names the
            # number whatever the result says).
            result = " ".join(app.screen.query_one("#result", SectionText).paragraphs)
            assert f"call {number} (or your local emergency number) now" in result, region
            assert "911" not in result, region


@pytest.mark.pilot
async def test_selections_are_saved_on_every_change_and_come_back(tmp_path: Path) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("k", "down", "space")
        await pilot.pause()
        assert chosen() == {CHECKLIST.items[1].id}
    again = make_app(tmp=tmp_path)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.press("k")
        await pilot.pause()
        assert f"selected: {CHECKLIST.items[1].text}" in flat(again)


@pytest.mark.pilot
async def test_clear_asks_first_and_no_keeps_everything(tmp_path: Path) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("k", "space", "c")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert text_at_cursor(app) == "No, keep them"
        await pilot.press("enter")
        await pilot.pause()
        assert chosen()
        await pilot.press("c", "down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ChecklistScreen)
        assert not chosen()
        assert not shows_a_selected_item(app)


@pytest.mark.pilot
async def test_save_summary_to_the_default_or_a_typed_path(tmp_path: Path) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("k", "space", "s")
        await pilot.pause()
        # The optional questions first, one at a time; Ctrl+S skips the rest.
        assert isinstance(app.screen, DoctorQuestionDialog)
        assert text_at_cursor(app) == ""
        assert "Question 1 of 15 for your doctor (optional): When did it start?" in flat(app)
        await pilot.press(*"Monday", "enter")
        await pilot.pause()
        assert "Question 2 of 15" in flat(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SavePathDialog)
        await pilot.press("enter")
        await pilot.pause()
        saved = list((Path(os.environ["XDG_DATA_HOME"]) / "spasm-guide" / "summaries").glob("*.txt"))
        assert len(saved) == 1
        text = saved[0].read_text(encoding="utf-8")
        assert CHECKLIST.items[0].text in " ".join(text.split())
        assert "- Started: Monday" in text and "- Where: (not answered)" in text
        target = tmp_path / "for-my-doctor.txt"
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, DoctorQuestionDialog)
        assert app.screen.query_one(Input).value == "Monday"  # the answer kept from before, ready to edit
        await pilot.press("ctrl+s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, SavePathDialog)
        field = dialog.query_one("#path")
        field.value = str(target)  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        assert "not a diagnosis" in target.read_text(encoding="utf-8").lower()


@pytest.mark.parametrize("width", [40, 80])
@pytest.mark.pilot
async def test_a_message_has_rows_of_its_own_at_any_width(tmp_path: Path, width: int) -> None:
    """The "Saved ..." message takes rows of its own above the key bar, never over the text: the
    whole path in its rows, the focused item and the cursor outside them. The next key takes the
    message away and still does its work."""
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(width, 24), notifications=True) as pilot:
        await pilot.press("k", "space", "s", "ctrl+s", "enter")
        await pilot.pause()
        await pilot.pause()  # the message comes after the dialog closes
        notice = app.screen.query_one("#notice")
        assert not [toast for toast in app.screen.query(Toast) if toast.display] and notice.display
        lines = screen_lines(app)
        shown = " ".join(" ".join(lines[notice.region.y:notice.region.bottom]).split())
        assert shown.startswith("Saved the summary as /")  # the whole path, in the message's rows
        assert text_at_cursor(app).startswith("selected:")  # the item, not the message
        assert app.cursor_position.y < notice.region.y
        await pilot.press("down")
        await pilot.pause(0.3)
        assert not notice.display
        assert text_at_cursor(app).startswith(f"[ ] {CHECKLIST.items[1].text[:20]}")


@pytest.mark.pilot
async def test_corrupt_state_starts_empty_keeps_a_backup_and_says_so(tmp_path: Path) -> None:
    path = state_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("checked = [unclosed", encoding="utf-8")
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("k")
        await pilot.pause()
        assert not shows_a_selected_item(app)
        backups = list(path.parent.glob("*.bad-*"))
        assert len(backups) == 1
        said = [n.message for n in notifications(app)]
        assert any(f"{path}: saved checklist unreadable" in line and f"starting empty, kept it as {backups[0].name}."
                   in line for line in said), said


@pytest.mark.e2e  # the guide on a real pty
def test_a_hang_up_during_use_keeps_the_selections(tmp_path: Path) -> None:
    from tests.support.ptydrive import spawn

    session = spawn([sys.executable, "-m", "tui", "--content", str(FIXTURE_GUIDE)],
                    {**os.environ, "TERM": "xterm-256color"})
    session.read_until_shown("Read the guide")
    session.send(b"k")
    session.read_until_shown("Get help now")
    session.settle(0.2)
    session.send(b" ")
    session.read_until_shown("selected:")
    holds_within(chosen, guard=10)
    os.kill(session.pid, signal.SIGHUP)
    os.waitpid(session.pid, 0)
    assert chosen() == {CHECKLIST.items[0].id}
    assert not list(state_path().parent.glob("*.tmp"))


@pytest.mark.pilot
async def test_short_window_shows_the_headline_and_tab_swaps_in_the_result(tmp_path: Path) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press("k", "end", "space")
        await pilot.pause()
        assert "Result: ok SELF-CARE: you can most likely care for this at home" in flat(app)
        assert screen_lines(app)[0].strip() == "Emergency? Call 911 or local number."
        await pilot.press("tab")
        await pilot.pause()
        assert isinstance(app.screen.focused, SectionText)
        assert not shows_a_selected_item(app)  # the result has the list's place
        assert text_at_cursor(app).startswith("ok SELF-CARE: you can most likely")
        await pilot.press("tab")
        await pilot.pause()
        assert text_at_cursor(app).startswith("selected: The muscle")


@pytest.mark.pilot
async def test_a_tick_that_wraps_at_the_bottom_of_a_short_list_stays_in_view(tmp_path: Path) -> None:
    """At 40x12 "[ ] On a statin, and sore muscles ..." wraps, and its ticked form wraps onto one
    more line. The list scrolls so the whole item is on screen, every further line under its words."""
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(40, 12)) as pilot:
        wrapping = CHECKLIST.item("statin-sore-cause")  # a long item low in the list
        await pilot.press("k", *["down"] * (wrapping.number - 1))
        await pilot.pause()
        for mark in (f"[ ] {wrapping.text[:10]}", f"selected: {wrapping.text[:10]}"):
            lines = screen_lines(app)
            row = next(i for i, line in enumerate(lines) if line.startswith(f" > {mark}"))
            end = next(i for i in range(row, len(lines)) if lines[i].startswith(" Result:"))
            assert end - row >= 2, screen_text(app)  # it wraps: the test is about wrapped items
            # The wrapped lines hang under the item's words, not under the "> " mark.
            assert all(line.startswith("   ") and line.strip() for line in lines[row + 1:end]), screen_text(app)
            assert " ".join(" ".join(lines[row:end]).split()).endswith(wrapping.text), screen_text(app)
            await pilot.press("space")
            await pilot.pause()


@pytest.mark.pilot
async def test_space_on_the_result_changes_nothing_and_shift_tab_keeps_step(tmp_path: Path) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press("k", "space", "tab", "space")
        await pilot.pause()
        assert chosen() == {CHECKLIST.items[0].id}  # the hidden item kept its tick
        await pilot.press("shift+tab")
        await pilot.pause()
        assert app.focused is app.screen.query_one("#items")
        assert shows_a_selected_item(app)  # the list is back in view
        await pilot.press("shift+tab")
        await pilot.pause()
        assert isinstance(app.focused, SectionText)
        await pilot.press("tab")  # one Tab, straight back
        await pilot.pause()
        assert app.focused is app.screen.query_one("#items")


@pytest.mark.pilot
async def test_a_dialog_on_a_short_window_keeps_the_emergency_line_on_top(tmp_path: Path) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press("k", "space", "c")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert screen_lines(app)[0].strip() == "Emergency? Call 911 or local number."
        assert text_at_cursor(app) == "No, keep them"


@pytest.mark.pilot
async def test_a_missing_checklist_or_cramp_file_is_one_message_and_the_guide_goes_on(tmp_path: Path) -> None:
    import shutil

    content = tmp_path / "content"
    shutil.copytree(FIXTURE_GUIDE, content)
    (content / "checklist.toml").unlink()
    (content / "cramp-now.toml").unlink()
    app = make_app(tmp=tmp_path, content=content)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("k", "m")
        await pilot.pause()
        said = [n.message for n in notifications(app)]
        assert any(line.startswith("The checklist cannot be shown: ") and "checklist.toml" in line for line in said)
        # Cramp now is an optional place: a guide without its file has none (tests/test_optional_places.py).
        assert '"Cramp now": this guide has none.' in said, said
        assert app.is_running and len(app.screen_stack) == 1
        assert "Read the guide" in screen_text(app)
