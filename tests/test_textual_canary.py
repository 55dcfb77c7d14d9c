"""The canary: every private Textual name the guide relies on still exists in the installed Textual.

Textual changes its private names without notice. Each one the guide uses is listed, with what
it is for, in tui/fullscreen/textual_private.py; an upgrade that removes one fails here, by name.
"""

from __future__ import annotations

from typing import Any, ClassVar

import pytest
from textual.app import App
from textual.binding import Binding, BindingType
from textual.geometry import Region
from textual.notifications import Notification

from tui.fullscreen.textual_private import (
    GEOMETRY_CACHE_SIZE,
    PRIVATE_NAMES,
    add_line_filter,
    app_key_bindings,
    bound_geometry_caches,
    current_driver,
    geometry_cache_sizes,
    missing_private_names,
    notifications,
    screen_lines,
)


def test_every_private_textual_name_still_exists() -> None:
    missing = missing_private_names()
    assert not missing, ("This Textual no longer has names the guide relies on; fix tui/fullscreen/textual_private.py "
                         "before raising the pin:\n" + "\n".join(missing))


def test_the_canary_fails_on_a_name_that_is_gone(monkeypatch: Any) -> None:
    from tui.fullscreen import textual_private

    gone = textual_private.PrivateName("textual.app:App", "_no_such_name", "a test")
    monkeypatch.setattr(textual_private, "PRIVATE_NAMES", (*PRIVATE_NAMES, gone))
    assert textual_private.missing_private_names() == ["textual.app:App._no_such_name is gone; used for a test"]


def test_every_name_says_why() -> None:
    assert all(entry.why for entry in PRIVATE_NAMES)
    assert len({(entry.owner, entry.name) for entry in PRIVATE_NAMES}) == len(PRIVATE_NAMES)


def test_the_geometry_caches_are_bounded_and_still_answer() -> None:
    """Textual's lru_caches on Region methods grew with every window size (tests/test_memory.py)."""
    bound_geometry_caches()
    bound_geometry_caches()  # a second app in one process changes nothing more
    sizes = geometry_cache_sizes()
    assert {"Region.intersection", "Region.shrink", "Scalar.resolve"} <= set(sizes), (
        f"this Textual caches other geometry methods; look again at what grows: {sorted(sizes)}")
    assert all(size is not None and 0 < size <= GEOMETRY_CACHE_SIZE for size in sizes.values()), sizes
    assert Region(0, 0, 4, 4).intersection(Region(2, 2, 4, 4)) == Region(2, 2, 2, 2)
    assert Region(1, 1, 2, 2) in Region(0, 0, 4, 4)


class Bare(App[None]):
    """An app with one key, to read the private names through their wrappers."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("z", "bell", "Ring")]
    """One key of the app's own."""


@pytest.mark.pilot
async def test_the_wrappers_work_on_a_running_app() -> None:
    from textual.filter import NoColor

    app = Bare()
    async with app.run_test(size=(40, 5)) as pilot:
        assert current_driver(app) is not None
        app.notify("hello there")
        await pilot.pause()
        shown = notifications(app)
        assert [n.message for n in shown] == ["hello there"] and isinstance(shown[0], Notification)
        assert "z" in dict(app_key_bindings(app))
        add_line_filter(app, NoColor())
        assert isinstance(screen_lines(app.screen), list) and len(screen_lines(app.screen)) == 5


async def test_the_bounded_input_thread_runs_in_textuals_driver_and_parses_through_its_parser() -> None:
    """Runs what Textual starts as the input thread (tui/fullscreen/bounded_input.py replaces its body) on a
    pipe: Textual's parser, fed by the guard, turns bytes into keys, a paste and an arrow, and a
    byte that is not UTF-8 into U+FFFD instead of an exception."""
    import os
    import threading

    from textual import events
    from textual.message import Message

    from tests.support.wait import wait_until
    from tui.fullscreen.bounded_input import BoundedLinuxDriver
    from tui.fullscreen.textual_private import input_thread_target

    class Capturing(BoundedLinuxDriver):
        def send_message(self, message: Message) -> None:
            sent.append(message)

    sent: list[Message] = []
    read_end, write_end = os.pipe()
    driver = Capturing(App(), debug=False, mouse=False, size=(80, 24))
    driver.fileno = read_end
    thread = threading.Thread(target=input_thread_target(driver), daemon=True)
    thread.start()
    try:
        os.write(write_end, b"q\xff\xe9x\x1b[200~pasted\x1b[201~\x1b[A")

        def keys() -> list[str]:
            return [m.key if isinstance(m, events.Key) else f"paste:{m.text}" for m in sent
                    if isinstance(m, events.Key | events.Paste)]

        wait_until(lambda: len(keys()) >= 6, lambda: f"six input events; got {keys()}")
        assert keys() == ["q", "replacement_character", "replacement_character", "x", "paste:pasted", "up"], keys()
        assert thread.is_alive()  # a bad byte did not end the thread
    finally:
        driver.exit_event.set()
        thread.join(5)
        os.close(write_end)
        os.close(read_end)
    assert not thread.is_alive()


def test_tests_share_one_parse_of_a_stylesheet() -> None:
    """tests/support/css_cache.py still hooks Textual's parse: a second app's stylesheet gets the
    rules the first parsed (the same objects), a theme with other variables gets its own parse, and
    the shared rules are the rules Textual parses on its own."""
    from textual.css.stylesheet import Stylesheet

    from tests.support import css_cache

    css_cache.install()
    source = "Screen { background: $shade; }\n#canary-cache { color: red; }"

    def rules(shade: str) -> list[object]:
        sheet = Stylesheet(variables={"shade": shade})
        sheet.add_source(source, ("canary", "css_cache"))
        return list(sheet.rules)

    first, second, other = rules("blue"), rules("blue"), rules("green")
    assert [id(rule) for rule in first] == [id(rule) for rule in second]
    assert not {id(rule) for rule in first} & {id(rule) for rule in other}
    assert [rule.css for rule in other] != [rule.css for rule in first]  # type: ignore[attr-defined]
    assert "#0000FF" in first[0].css  # type: ignore[attr-defined]
