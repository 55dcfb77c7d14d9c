"""Messages in rows of their own: never over the text, said first, once, and gone at the next key.

A toast drawn over the text hid words, went by a timer (and the rows it uncovered were said
again with no key pressed), and came after the rest of the frame. Now a message takes rows of its
own above the key bar: the text above it stays where it was, the driver sends the message's rows
before any other, and the next key takes it away (the same message for that key stays).
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.widgets import Static
from textual.widgets._toast import Toast

from tests.support.pilot import make_app, screen_lines
from tests.support.wait import wait_until
from tui.fullscreen.screens.section import SectionScreen
from tui.output.screen_model import ROW_ZERO_LINE_END, Caps, ScreenModel


@pytest.mark.parametrize("size", [(80, 24), (40, 12)], ids=["80x24", "40x12"])
@pytest.mark.pilot
async def test_a_message_has_rows_of_its_own_and_goes_at_the_next_key(tmp_path: Path, size: tuple[int, int]) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=size, notifications=True) as pilot:
        app.push_screen(SectionScreen(1))
        await pilot.pause()
        before = screen_lines(app)
        await pilot.press("p")
        await pilot.pause()
        notice = app.screen.query_one("#notice", Static)
        after = screen_lines(app)
        assert notice.display and str(notice.content) == "This is the first section."
        # No toast, not even a hidden one: making and mounting it was a layout more in the
        # frame that answered the key (a message at a list's end came after the reader's 20 ms).
        assert not app.screen.query(Toast), "a toast made for a message shown in rows of its own"
        rows = range(notice.region.y, notice.region.bottom)
        assert " ".join(after[y].strip() for y in rows) == "This is the first section."
        # Every row above the message is as it was: nothing covered, nothing moved.
        assert after[:rows.start] == before[:rows.start]
        # Given again by the same key again, it stays (nothing uncovered and covered again).
        await pilot.press("p")
        await asyncio.sleep(0.3)
        await pilot.pause()
        assert notice.display
        await pilot.press("down")
        await asyncio.sleep(0.3)
        await pilot.pause()
        assert not notice.display
        await pilot.press("n")  # and never carried to what comes next
        await pilot.pause()
        assert "This is the first section." not in "\n".join(screen_lines(app))


@pytest.mark.pilot
async def test_a_key_before_a_message_is_drawn_leaves_it_for_the_key_after(tmp_path: Path) -> None:
    """A message goes at the next key only once it has gone to the terminal: under load a key
    came before the frame that said the checklist file was unreadable, and it went unseen. The
    lean driver says when a message's rows are sent (its frame hints); here they are asked as it
    asks them, once per frame."""
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        app.push_screen(SectionScreen(1))
        await pilot.pause()
        app.cursor.frame_hints()  # a frame sent before the message: the driver is the lean one
        await pilot.press("p")
        await pilot.pause()
        notice = app.screen.query_one("#notice", Static)
        assert notice.display
        await pilot.press("down")  # no frame has sent the message yet
        await asyncio.sleep(0.3)
        await pilot.pause()
        assert notice.display and str(notice.content) == "This is the first section."
        assert app.cursor.frame_hints().first_rows  # the frame that sends it
        await pilot.press("down")
        await asyncio.sleep(0.3)
        await pilot.pause()
        assert not notice.display


@pytest.mark.e2e
def test_the_line_about_an_unreadable_checklist_file_is_shown_though_a_key_came_at_once(tmp_path: Path) -> None:
    """The real guide on a pty: Space the moment the checklist shows (a quick reader, or a busy
    machine that holds the message's frame back). The line naming the file still comes; before,
    8 of 10 such runs never showed it."""
    from tests.support.hostile import CHECKLIST, Home, end, shows, spawn_guide, squeezed, started

    home = Home(root=tmp_path / "home")
    home.env()
    home.state.mkdir(parents=True, exist_ok=True)
    (home.state / "checklist.toml").write_bytes(b"version = 2\n[ticks]\nstroke-signs = 42\n")
    session = spawn_guide(home, size=(120, 30))
    try:
        started(session)
        session.send(b"k")

        def checklist_shown() -> bool:
            session.read_some(0.005)
            return CHECKLIST in session.shown()

        wait_until(checklist_shown, "the checklist on the screen", poll=0)
        session.send(b" ")
        shows(session, "> selected:")
        session.rest()
        assert "checklist.toml" in squeezed(session.output().decode("utf-8", "replace")), session.shown()
    finally:
        end(session)


def test_a_messages_rows_go_out_before_all_others() -> None:
    first = "\x1b[0m\x1b[1;1HHeading\x1b[2;1HItem one\x1b[3;1HItem two\x1b[4;1HKeys\x1b[2;1H"
    frame = "\x1b[0m\x1b[1;1HHeading\x1b[2;1HItem ONE\x1b[3;1HSaved it\x1b[4;1HKeys\x1b[2;1H"
    model = ScreenModel(Caps())
    model.heading_rows = 1
    model.rewrite(first, (20, 4))
    model.first_rows = range(2, 3)
    sent = model.rewrite(frame, (20, 4))
    assert sent.index("Saved it") < sent.index("Item ONE"), repr(sent)
    model.resend_first = True  # the same message for another key: sent again, whole
    sent = model.rewrite(frame, (20, 4))
    assert "Saved it" in sent and "Item" not in sent, repr(sent)



def test_a_message_goes_out_before_a_changed_emergency_line_each_its_own_line() -> None:
    """A new emergency number: "Emergency number: 999." first, then the emergency line that
    changed with it (row 0 went first, as it had no line feed to end the row before it), and
    row 0's text is ended off from what came before by a line feed, so a reader never runs the
    two together (tdsr said "... 75 percent¿Emergencia? ..." when two frames came in one read)."""
    first = "\x1b[0m\x1b[1;1HCall 911\x1b[2;1HItem one\x1b[3;1H\x1b[4;1HKeys\x1b[2;1H"
    frame = "\x1b[0m\x1b[1;1HCall 999\x1b[2;1HItem one\x1b[3;1HNumber: 999.\x1b[4;1HKeys\x1b[2;1H"
    model = ScreenModel(Caps())
    model.heading_rows = 1
    model.rewrite(first, (20, 4))
    model.first_rows = range(2, 3)
    sent = model.rewrite(frame, (20, 4))
    assert sent.index("Number: 999.") < sent.index("Call 999"), repr(sent)
    assert sent[:sent.index("Call 999")].endswith("\x1b[H" + ROW_ZERO_LINE_END), repr(sent)
    one_row = ScreenModel(Caps())  # on a window of one row the line feed would scroll: none
    assert "\n" not in one_row.rewrite("\x1b[0m\x1b[1;1HCall 911", (20, 1))

@pytest.mark.parametrize("size", [(80, 24), (40, 12)], ids=["80x24", "40x12"])
@pytest.mark.parametrize("keys", [("space", "c"), ("s",)], ids=["clear", "doctor-question"])
@pytest.mark.pilot
async def test_a_dialog_is_read_question_first_with_no_box_edges(tmp_path: Path, size: tuple[int, int],
                                                                 keys: tuple[str, ...]) -> None:
    """A box drawn over the screen left rows of it at its sides, read run on with the box's edges
    ("Bec| Ctrl+S Save now  Esc Cancel |"): a dialog takes the whole window, the question first."""
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=size) as pilot:
        await pilot.press("k", *keys)
        await pilot.pause()
        rows = [row.strip() for row in screen_lines(app)]
        assert not [row for row in rows if "|" in row or "+--" in row], rows
        words = [row for row in rows[1:] if row]
        assert words[0].startswith(("Clear your", "Question 1 of")), words
        assert "Check your symptoms" not in " ".join(rows), "the screen behind shows through"


@pytest.mark.pilot
async def test_a_message_said_again_and_again_is_kept_once_and_makes_no_toast(tmp_path: Path) -> None:
    """Up held on a list's first item says "This is the first item." for every press: kept once
    among the app's messages (thousands piled up under a held key), and never as a toast, hidden
    or not (making one was a layout more in the key's frame)."""
    from tui.fullscreen.textual_private import notifications

    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        for _ in range(30):
            await pilot.press("up")
        await pilot.pause()
        assert [shown.message for shown in notifications(app)] == ["This is the first item."]
        assert str(app.screen.query_one("#notice", Static).content) == "This is the first item."
        assert not app.screen.query(Toast)
