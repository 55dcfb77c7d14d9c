"""Help is generated from each screen's bindings; every binding can be remapped by its id."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.pilot import make_app, screen_lines, screen_text
from tui.data.settings import Settings
from tui.fullscreen.screens.page import PageScreen
from tui.fullscreen.screens.section import SectionScreen
from tui.fullscreen.textual_private import notifications
from tui.fullscreen.widgets.key_bar import KeyBar


def test_every_binding_has_an_id_and_a_tooltip() -> None:
    from textual.binding import Binding

    from tui.fullscreen.app import binding_owners

    bindings = [b for owner in binding_owners() for b in owner.BINDINGS]
    assert len(bindings) > 30 and all(isinstance(b, Binding) for b in bindings)
    for binding in bindings:
        assert isinstance(binding, Binding) and binding.id and binding.tooltip, binding


def test_every_id_in_the_readme_exists_and_every_id_is_in_the_readme() -> None:
    import re

    from tests.conftest import ROOT
    from tui.fullscreen.app import known_binding_ids

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"`([a-z]+\.[a-z_0-9]+)`", readme.split("The ids:")[1].split("\n\n")[0]))
    listed |= {f"app.section{n}" for n in range(1, 10)}
    assert listed == known_binding_ids()


@pytest.mark.pilot
async def test_an_unknown_key_id_is_named_once(tmp_path: Path) -> None:
    app = make_app(Settings(keys={"no.such": "x"}), tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert len([n.message for n in notifications(app) if "no.such" in n.message]) == 1


@pytest.mark.pilot
async def test_help_on_the_section_screen_lists_its_own_keys(tmp_path: Path) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 40)) as pilot:
        await pilot.press("1", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, PageScreen)
        text = screen_text(app)
        assert "Help: Section one" in text
        assert "n: Go to the next section" in text
        assert "p: Go to the previous section" in text
        assert "? or F1: Keys for this screen" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SectionScreen)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, PageScreen)


@pytest.mark.pilot
async def test_help_follows_the_bindings_not_a_hand_kept_list(tmp_path: Path) -> None:
    app = make_app(Settings(keys={"section.next": "j"}), tmp=tmp_path)
    async with app.run_test(size=(80, 40)) as pilot:
        await pilot.press("1", "question_mark")
        await pilot.pause()
        assert "j: Go to the next section" in screen_text(app)


@pytest.mark.pilot
async def test_remapped_key_works_and_the_key_bar_shows_it(tmp_path: Path) -> None:
    app = make_app(Settings(keys={"section.next": "j", "app.quit": "ctrl+x"}), tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")
        await pilot.pause()
        assert "j Next" in app.screen.query_one(KeyBar).describe()
        assert "Right" not in app.screen.query_one(KeyBar).describe()
        await pilot.press("j")
        await pilot.pause()
        assert isinstance(app.screen, SectionScreen) and app.screen.number == 2
        await pilot.press("q")  # no longer quits
        await pilot.pause()
        assert app.is_running
        await pilot.press("ctrl+x")
        await pilot.pause()
    assert not app.is_running


@pytest.mark.pilot
async def test_key_bar_shows_every_key_of_the_screen_at_40_columns(tmp_path: Path) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(40, 24)) as pilot:
        await pilot.press("1")
        await pilot.pause()
        text = " ".join(screen_text(app).split())
        for entry in ("n Next", "p Previous", "Esc Back", "/ Search", "k Symptoms", "?/F1 Help",
                      "q Quit", "1-9 Section"):
            assert entry in text, entry


@pytest.mark.pilot
async def test_on_a_short_window_the_key_bar_keeps_to_two_rows_with_the_keys_that_matter(tmp_path: Path) -> None:
    """At 40x12 every row of keys is a row of text lost: two rows, the screen's own keys first,
    then Help (which lists them all) and Back. The keys left out still work."""
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press("1")
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        assert bar.outer_size.height == 2
        shown = " ".join(screen_lines(app)[-2:])
        for entry in ("n Next", "p Previous", "?/F1 Help", "Esc Back"):
            assert entry in shown, entry
        assert "1-9 Section" in bar.describe() and "1-9 Section" not in shown  # all keys still work
        await pilot.press("3")
        await pilot.pause()
        assert "Section three" in screen_text(app)


@pytest.mark.pilot
async def test_help_lists_the_reading_keys_and_no_key_that_does_nothing(tmp_path: Path) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 50)) as pilot:
        await pilot.press("k", "question_mark")
        await pilot.pause()
        text = screen_text(app)
        assert "While reading aloud" in text
        for row in ("Space: Pause or go on reading", "Esc or x: Stop reading", "]: Skip to the next sentence",
                    "+ or =: Read faster", "Ctrl+Q:", "Up: Move up the list", "Esc: Go back"):
            assert row in text, row
        for nothing in ("Scroll Left", "Scroll Right", "Page Left", "Up: Up"):
            assert nothing not in text, nothing


@pytest.mark.pilot
async def test_start_screen_does_not_offer_a_back_key(tmp_path: Path) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Back" not in app.screen.query_one(KeyBar).describe()
        await pilot.press("1")
        await pilot.pause()
        assert "Esc Back" in app.screen.query_one(KeyBar).describe()
