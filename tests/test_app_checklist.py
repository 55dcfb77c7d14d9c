"""The full-screen checklist, by keyboard only: state in words, result urgency first, saved always."""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

from pilot_helpers import make_app, screen_lines, screen_text, text_at_cursor
from textual.widgets._toast import Toast

from tui.data.checklist import load_checklist
from tui.data.checklist_state import load_state, save_state, state_path
from tui.data.content import load_guide
from tui.data.settings import Settings
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.save_path import SavePathDialog
from tui.screens.checklist import ChecklistScreen
from tui.widgets.section_text import SectionText

CHECKLIST = load_checklist(load_guide().folder)


def first_of(tier: str) -> str:
    """The text of the first item of a tier."""
    return next(item.text for item in CHECKLIST.items if item.tier.id == tier)


def flat(app: object) -> str:
    return " ".join(screen_text(app).split())  # type: ignore[arg-type]


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
        for group in CHECKLIST.groups:
            assert group.title in text
        assert "not a diagnosis" in text
        assert "Nothing checked yet." in text
        assert "SELF-CARE" not in text


async def test_toggle_with_space_and_enter_state_in_words_and_cursor(tmp_path: Path) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("k")
        await pilot.pause()
        first = CHECKLIST.items[0].text
        assert text_at_cursor(app) == f"[ ] {first}"
        await pilot.press("space")
        await pilot.pause()
        assert text_at_cursor(app) == f"[x] {first} (selected)"
        assert "SELF-CARE" in flat(app)
        await pilot.press("enter")
        await pilot.pause()
        assert text_at_cursor(app) == f"[ ] {first}"
        assert "Nothing checked yet." in flat(app)


async def test_a_warning_sign_gives_emergency_first_with_reasons(tmp_path: Path) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 40)) as pilot:
        await pilot.press("k")
        await pilot.pause()
        await pilot.press("space")  # a common symptom
        emergency = first_of("emergency")
        while not text_at_cursor(app).endswith(emergency):
            await pilot.press("down")
            await pilot.pause()
        await pilot.press("space")
        await pilot.pause()
        result = app.screen.query_one("#result", SectionText)
        area = result.content_region
        lines = [line for line in screen_lines(app)[area.y : area.bottom] if line.strip()]
        assert lines[0].strip().endswith("EMERGENCY: call 911 (or your local number) now")
        text = flat(app)
        assert f"Because you checked: - {emergency}" in text
        assert "(not a diagnosis)" in text  # on screen, whatever the scroll
        assert result.paragraphs[-1] == "This is not a diagnosis."  # and at the end of every result


async def test_emergency_number_follows_the_region(tmp_path: Path) -> None:
    save_state([CHECKLIST.items[-1].id], checklist=CHECKLIST)
    for region, number in (("UK", "999"), ("EU", "112")):
        app = make_app(Settings(region=region), tmp=tmp_path)
        async with app.run_test(size=(80, 40)) as pilot:
            await pilot.press("k")
            await pilot.pause()
            assert f"call {number}" in flat(app).lower() or number in flat(app)


async def test_selections_are_saved_on_every_change_and_come_back(tmp_path: Path) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("k", "down", "space")
        await pilot.pause()
        assert load_state(CHECKLIST).checked == {CHECKLIST.items[1].id}
    again = make_app(tmp=tmp_path)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.press("k")
        await pilot.pause()
        assert f"[x] {CHECKLIST.items[1].text} (selected)" in screen_text(again)


async def test_clear_asks_first_and_no_keeps_everything(tmp_path: Path) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("k", "space", "c")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert text_at_cursor(app) == "No, keep them"
        await pilot.press("enter")
        await pilot.pause()
        assert load_state(CHECKLIST).checked
        await pilot.press("c", "down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ChecklistScreen)
        assert not load_state(CHECKLIST).checked
        assert "[x]" not in screen_text(app)


async def test_save_summary_to_the_default_or_a_typed_path(tmp_path: Path) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("k", "space", "s")
        await pilot.pause()
        assert isinstance(app.screen, SavePathDialog)
        await pilot.press("enter")
        await pilot.pause()
        saved = list((Path(os.environ["XDG_DATA_HOME"]) / "spasm-guide" / "summaries").glob("*.txt"))
        assert len(saved) == 1
        assert CHECKLIST.items[0].text in saved[0].read_text(encoding="utf-8")
        target = tmp_path / "for-my-doctor.txt"
        await pilot.press("s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, SavePathDialog)
        field = dialog.query_one("#path")
        field.value = str(target)  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        assert "not a diagnosis" in target.read_text(encoding="utf-8").lower()


async def test_the_saved_message_spans_a_narrow_window(tmp_path: Path) -> None:
    """At 40 columns the "Saved ..." message takes the whole width (the path stays readable),
    not a thin column over half the list; at 80 it keeps Textual's half."""
    for width, expected in ((40, 38), (80, 39)):  # the rack keeps a margin; 39 is half, as Textual has it
        app = make_app(tmp=tmp_path)
        async with app.run_test(size=(width, 24), notifications=True) as pilot:
            await pilot.press("k", "space", "s", "enter")
            await pilot.pause()
            await pilot.pause()  # the message is mounted after the dialog closes
            toasts = list(app.screen.query(Toast))
            assert len(toasts) == 1 and "Saved the summary" in str(toasts[0].render())
            assert toasts[0].outer_size.width == expected


async def test_on_a_narrow_window_the_next_key_clears_a_message_and_still_works(tmp_path: Path) -> None:
    """The message covers the list at 40 columns: the next key takes it away and does its work.
    At 80 columns it stays its time, off to the side."""
    for width, stays in ((40, False), (80, True)):
        app = make_app(tmp=tmp_path)
        async with app.run_test(size=(width, 24), notifications=True) as pilot:
            await pilot.press("k", "space", "s", "enter")
            await pilot.pause()
            await pilot.pause()
            toasts = list(app.screen.query(Toast))
            padding = 0 if width == 40 else 2  # at 40 columns only the words take rows
            assert len(toasts) == 1 and toasts[0].outer_size.height == toasts[0].content_size.height + padding
            await pilot.press("down")
            await pilot.pause()
            await pilot.pause()
            assert bool(app.screen.query(Toast)) is stays
            assert text_at_cursor(app).startswith(f"[ ] {CHECKLIST.items[1].text}")


async def test_corrupt_state_starts_empty_keeps_a_backup_and_says_so(tmp_path: Path) -> None:
    path = state_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("checked = [unclosed", encoding="utf-8")
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("k")
        await pilot.pause()
        assert "[x]" not in screen_text(app)
        assert any("bad" in n.message or "set aside" in n.message or "kept" in n.message
                   for n in app._notifications)
    assert list(path.parent.glob("*.bad-*"))


def test_a_hang_up_during_use_keeps_the_selections(tmp_path: Path) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    from ptydrive import spawn

    session = spawn([sys.executable, "-m", "tui"], {**os.environ, "TERM": "xterm-256color"})
    session.read_until_shown("Read the guide")
    session.send(b"k")
    session.read_until_shown("Warning signs")
    session.settle(0.2)
    session.send(b" ")
    session.read_until_shown("(selected)")
    deadline = time.monotonic() + 10
    while not load_state(CHECKLIST).checked and time.monotonic() < deadline:
        time.sleep(0.05)
    os.kill(session.pid, signal.SIGHUP)
    os.waitpid(session.pid, 0)
    assert load_state(CHECKLIST).checked == {CHECKLIST.items[0].id}
    assert not list(state_path().parent.glob("*.tmp"))


async def test_short_window_shows_the_headline_and_tab_swaps_in_the_result(tmp_path: Path) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press("k", "space")
        await pilot.pause()
        assert "Result: ok SELF-CARE: what usually helps" in flat(app)
        assert screen_lines(app)[0].strip() == "Emergency? Call 911 or local number."
        await pilot.press("tab")
        await pilot.pause()
        assert isinstance(app.screen.focused, SectionText)
        assert "[x]" not in screen_text(app)  # the result has the list's place
        assert text_at_cursor(app).endswith("SELF-CARE: what usually helps")
        await pilot.press("tab")
        await pilot.pause()
        assert text_at_cursor(app).startswith(f"[x] {CHECKLIST.items[0].text}")


async def test_a_tick_that_wraps_at_the_bottom_of_a_short_list_stays_in_view(tmp_path: Path) -> None:
    """At 40x12 "(selected)" wraps onto a line below the list's last row. The list scrolls so the
    whole item, state included, is on screen, its second line under its first letter."""
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press("k", *["down"] * 6)
        await pilot.pause()
        item = text_at_cursor(app)
        lines = screen_lines(app)
        row = lines.index(f" > {item}")  # the list's last row, just above the result's headline
        assert item.startswith("[ ]") and lines[row + 1].startswith(" Result:"), screen_text(app)
        await pilot.press("space")
        await pilot.pause()
        lines = screen_lines(app)
        row = lines.index(f" > [x] {item[4:]}")
        # The wrapped line hangs under the item's words, not under the "> " mark.
        assert lines[row + 1] == "   (selected)", screen_text(app)


async def test_space_on_the_result_changes_nothing_and_shift_tab_keeps_step(tmp_path: Path) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press("k", "space", "tab", "space")
        await pilot.pause()
        assert load_state(CHECKLIST).checked == {CHECKLIST.items[0].id}  # the hidden item kept its tick
        await pilot.press("shift+tab")
        await pilot.pause()
        assert app.focused is app.screen.query_one("#items")
        assert "[x]" in screen_text(app)  # the list is back in view
        await pilot.press("shift+tab")
        await pilot.pause()
        assert isinstance(app.focused, SectionText)
        await pilot.press("tab")  # one Tab, straight back
        await pilot.pause()
        assert app.focused is app.screen.query_one("#items")


async def test_a_dialog_on_a_short_window_keeps_the_emergency_line_on_top(tmp_path: Path) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press("k", "space", "c")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert screen_lines(app)[0].strip() == "Emergency? Call 911 or local number."
        assert text_at_cursor(app) == "No, keep them"
