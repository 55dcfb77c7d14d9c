"""A window too small to show a screen: none of that screen's own keys, nor its widgets' keys,
acts on the hidden body (issue 23). The checklist alone had this guard, after the key fuzz (seed
101, 104x10) found Space ticking a hidden item; now every screen has it (GuideScreen).

On every screen a user can reach, and with each part of it focused: shrink the window, press
every key of the screen and of the focused widget (and the keys every list and text takes),
grow it again, and nothing has changed: the same screen, focus, highlight, scroll, selections,
words on screen, and no message.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from textual.widget import Widget
from textual.widgets import Input

from tests.support.pilot import make_app, screen_text
from tui.data.words import current_language
from tui.fullscreen.app import GuideApp
from tui.fullscreen.screens.base import GuideScreen
from tui.fullscreen.textual_private import app_key_bindings, notifications
from tui.fullscreen.widgets.guide_list import GuideList
from tui.fullscreen.widgets.section_text import SectionText

pytestmark = [pytest.mark.pilot]

ROOMY = (80, 24)
"""Where each screen is reached and looked at."""

WIDGET_KEYS = ("up", "down", "home", "end", "pageup", "pagedown", "enter", "space", "tab", "shift+tab")
"""Keys every list, text and box takes, whether or not the screen's bindings name them."""

TYPED = ("q", "u", "k", "slash", "question_mark", "1", "o", "e")
"""Letters typed into the search box; each is also an app key ("q" quits, "k" opens the checklist)."""


@dataclass
class Seen:
    """What a reader can see and what is stored, to compare before and after."""

    screen: object
    stack: int
    focused: Widget | None
    highlighted: int | None
    scroll: tuple[float, float]
    text: str
    messages: list[str]
    language: str
    box: str


def seen(app: GuideApp) -> Seen:
    focused = app.focused
    scroll = (focused.scroll_offset.x, focused.scroll_offset.y) if focused is not None else (0.0, 0.0)
    box = [w.value for w in app.screen.query(Input)]
    return Seen(app.screen, len(app.screen_stack), focused,
                focused.highlighted if isinstance(focused, GuideList) else None, scroll, screen_text(app),
                [n.message for n in notifications(app)], current_language(), "|".join(box))


def hidden_state(app: GuideApp) -> tuple[object, ...]:
    """What the keys could change while the screen is hidden (its words are not on screen then):
    every list's highlight, every text's line and scroll, the section shown, the checklist's
    selections, cramp-now's muscle and answer, the box's words, the messages, the language."""
    screen = app.screen
    lists = [(w.id, w.highlighted, w.scroll_offset) for w in screen.query(GuideList)]
    texts = [(w.id, getattr(w, "line", None), w.scroll_offset) for w in screen.query(SectionText)]
    session = getattr(screen, "session", None)
    return (screen, len(app.screen_stack), lists, texts, getattr(screen, "number", None),
            getattr(screen, "muscle", None), getattr(screen, "outcome", None),
            session.checked if session is not None else None, [w.value for w in screen.query(Input)],
            [n.message for n in notifications(app)], current_language())


async def press(pilot: Any, *keys: str) -> None:
    await pilot.press(*keys)
    await pilot.pause()


async def to_menu_place(pilot: Any, app: GuideApp, place: str) -> None:
    """Open a place from the start menu by its own item."""
    menu = app.screen.query_one(GuideList)
    ids = [menu.get_option_at_index(i).id for i in range(menu.option_count)]
    menu.highlighted = ids.index(place)
    await press(pilot, "enter")


async def start_menu(pilot: Any, app: GuideApp) -> None:
    await press(pilot, "down")


async def contents(pilot: Any, app: GuideApp) -> None:
    await to_menu_place(pilot, app, "contents")
    await press(pilot, "down")


async def section(pilot: Any, app: GuideApp) -> None:
    await press(pilot, "2", "down", "down")


async def search_box(pilot: Any, app: GuideApp) -> None:
    await press(pilot, "slash", "c", "r", "a", "m", "p")


async def search_results(pilot: Any, app: GuideApp) -> None:
    await search_box(pilot, app)
    await press(pilot, "enter", "down")


async def checklist_items(pilot: Any, app: GuideApp) -> None:
    await press(pilot, "k", "down", "down")


async def checklist_result(pilot: Any, app: GuideApp) -> None:
    await checklist_items(pilot, app)
    await press(pilot, "tab")


async def settings(pilot: Any, app: GuideApp) -> None:
    await press(pilot, "o", "down")


async def cramp_choosing(pilot: Any, app: GuideApp) -> None:
    await press(pilot, "m", "down")


async def cramp_timing(pilot: Any, app: GuideApp) -> None:
    await press(pilot, "m", "enter")


async def cramp_timer_line(pilot: Any, app: GuideApp) -> None:
    await cramp_timing(pilot, app)
    await press(pilot, "tab")


async def cramp_eased(pilot: Any, app: GuideApp) -> None:
    await cramp_timing(pilot, app)
    await press(pilot, "y")


async def help_page(pilot: Any, app: GuideApp) -> None:
    await press(pilot, "question_mark", "down")


async def about_page(pilot: Any, app: GuideApp) -> None:
    await to_menu_place(pilot, app, "about")
    await press(pilot, "down")


PLACES: dict[str, Callable[[Any, GuideApp], Awaitable[None]]] = {
    "start": start_menu, "contents": contents, "section": section, "search box": search_box,
    "search results": search_results, "checklist items": checklist_items, "checklist result": checklist_result,
    "settings": settings, "cramp-now muscles": cramp_choosing, "cramp-now steps": cramp_timing,
    "cramp-now timer line": cramp_timer_line, "cramp-now eased": cramp_eased, "help": help_page,
    "about": about_page,
}
"""Every screen a user can reach, with each part that takes focus, reached by keys."""


def own_keys(app: GuideApp) -> set[str]:
    """The keys of the screen and of the focused widget (not the app's), and every widget key,
    less the app's own keys (quit, back, places: they still work in a small window)."""
    screen = app.screen
    keys = {key for key, active in screen.active_bindings.items() if active.node is not app}
    app_keys = {key for key, _bindings in app_key_bindings(app)}
    return (keys | set(WIDGET_KEYS)) - app_keys


@pytest.mark.parametrize("small", [(104, 10), (39, 24)], ids=["104x10", "39x24"])
@pytest.mark.parametrize("place", list(PLACES))
async def test_no_key_of_a_screen_acts_while_the_window_is_too_small(tmp_path: Path, place: str,
                                                                     small: tuple[int, int]) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=ROOMY) as pilot:
        await pilot.pause()
        await PLACES[place](pilot, app)
        assert isinstance(app.screen, GuideScreen) and app.focused is not None, place
        before = seen(app)
        keys = sorted(own_keys(app))
        if isinstance(app.focused, Input):
            keys += TYPED
        assert keys
        await pilot.resize_terminal(*small)
        await pilot.pause()
        assert app.screen.has_class("-too-small")
        hidden = hidden_state(app)
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
            assert app.is_running and app.screen is before.screen, f"{place}: {key} left the screen"
            assert app.focused is None, f"{place}: {key} at {small} gave focus to {app.focused}"
            assert hidden_state(app) == hidden, f"{place}: {key} at {small} acted on the hidden screen"
        await pilot.resize_terminal(*ROOMY)
        await pilot.pause()
        await pilot.pause()
        after = seen(app)
        assert after == before, f"{place} at {small}: keys {keys} changed what it shows\n{after.text}"


@pytest.mark.parametrize("key", ["q", "k", "slash", "1"])
async def test_a_letter_meant_for_a_hidden_search_box_opens_nothing(tmp_path: Path, key: str) -> None:
    """The search screen opened in a window already too small: its box takes focus once there is
    room, so a letter typed meanwhile was for the box, and must not quit or open a place."""
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(104, 10)) as pilot:
        await press(pilot, "slash")
        screen = app.screen
        await press(pilot, key, "u", "i")
        assert app.is_running and app.screen is screen and len(app.screen_stack) == 2
        await pilot.resize_terminal(*ROOMY)
        await pilot.pause()
        await pilot.pause()
        box = screen.query_one(Input)
        assert app.focused is box and box.value == ""


async def test_the_app_keys_still_work_in_a_small_window(tmp_path: Path) -> None:
    """Help, back and quit are the app's: they work whatever the window (a list's own keys do not)."""
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "k")
        await pilot.resize_terminal(104, 10)
        await press(pilot, "question_mark")
        assert len(app.screen_stack) == 3  # help, over the checklist
        await press(pilot, "escape", "escape")
        assert len(app.screen_stack) == 1
        await press(pilot, "q")
    assert app.return_code == 0


async def test_words_in_the_search_box_are_kept_when_the_window_grows_again(tmp_path: Path) -> None:
    """The box had focus and words; back from a too-small window, the next letter goes after
    them (the box selected them all on focus, and the letter replaced them)."""
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=ROOMY) as pilot:
        await press(pilot, "slash", "c", "r")
        await pilot.resize_terminal(104, 10)
        await pilot.pause()
        await pilot.resize_terminal(*ROOMY)
        await pilot.pause()
        await pilot.pause()
        await press(pilot, "a", "m", "p")
        box = app.screen.query_one(Input)
        assert app.focused is box and box.value == "cramp"


async def test_focus_is_back_as_soon_as_the_window_has_room(tmp_path: Path) -> None:
    """Given back in the resize that makes room, not after the next frame: that frame showed the
    checklist again, and a Down read after it on a loaded machine found nothing focused (a tmux
    test, 2 runs of 56 beside other tests)."""
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=ROOMY) as pilot:
        await press(pilot, "k")
        items = app.screen.query_one("#items", GuideList)
        await pilot.resize_terminal(30, 8)
        await pilot.pause()
        assert app.focused is None
        screen = app.screen
        assert isinstance(screen, GuideScreen)
        screen.fit(*ROOMY)  # what the window's resize does, with no frame after it yet
        assert app.focused is items


def test_no_screen_overrides_the_guard() -> None:
    """A screen says when its own keys work in `can_act`; one that overrode `check_action` would
    act again in a window too small to show it (the checklist once had a copy of the guard)."""
    from tui.fullscreen.screen_registry import SCREENS, imported
    from tui.fullscreen.screens.help import HelpScreen
    from tui.fullscreen.screens.page import PageScreen
    from tui.fullscreen.screens.section import SectionScreen

    screens = [imported(row) for row in SCREENS.values()] + [SectionScreen, PageScreen, HelpScreen]
    assert len(screens) == 9
    for screen in screens:
        assert issubclass(screen, GuideScreen)
        overriding = [cls.__name__ for cls in screen.__mro__[:screen.__mro__.index(GuideScreen)]
                      if "check_action" in cls.__dict__]
        assert not overriding, f"{screen.__name__}: check_action in {overriding}; say it in can_act"
