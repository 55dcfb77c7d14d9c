"""Contrast of the guide's own themes, computed with the WCAG formula from the resolved colours."""

from __future__ import annotations

import pytest
from textual.color import Color

from tests.support.pilot import make_app, screen_lines, text_at_cursor
from tui.data.contrast import contrast_ratio
from tui.data.settings import THEMES, Settings
from tui.fullscreen.themes import CONTRAST_PAIRS, OWN_THEMES


def test_contrast_formula_matches_known_values() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    # xterm's ANSI red on black, the example the brief warns about.
    assert contrast_ratio("#cd0000", "#000000") == pytest.approx(3.6, abs=0.3)


def hex_of(value: str, background: str) -> str:
    """A CSS colour (maybe with alpha) as opaque #rrggbb over `background`."""
    colour = Color.parse(value)
    if colour.a < 1:
        colour = Color.parse(background) + colour
    return colour.hex6


@pytest.mark.parametrize("theme", [t.name for t in OWN_THEMES])
@pytest.mark.pilot
async def test_every_colour_pair_meets_its_wcag_minimum(theme: str) -> None:
    app = make_app(Settings(theme=theme))
    async with app.run_test(size=(80, 24)):
        variables = app.get_css_variables()
        background = variables["background"]
        failures = []
        for fore, back, minimum, what in CONTRAST_PAIRS:
            ratio = contrast_ratio(hex_of(variables[fore], background), hex_of(variables[back], background))
            if ratio < minimum:
                failures.append(f"{what}: {ratio:.2f} < {minimum}")
        assert not failures, failures


@pytest.mark.pilot
async def test_all_offered_themes_exist_and_high_contrast_dark_is_default() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)):
        assert app.theme == "hc-dark"
        for name in THEMES:
            assert name in app.available_themes


@pytest.mark.parametrize("theme", ["ansi-dark", "ansi-light"])
@pytest.mark.pilot
async def test_terminal_palette_themes_draw_the_guide(theme: str) -> None:
    app = make_app(Settings(theme=theme))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == theme
        assert screen_lines(app)[0].strip().startswith("Emergency?")
        assert text_at_cursor(app) == "Read the guide"


@pytest.mark.pilot
async def test_no_color_keeps_every_state_in_words(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down")
        await pilot.pause()
        assert app.no_color
        lines = screen_lines(app)
        assert lines[0].strip().startswith("Emergency?")
        assert lines[app.cursor_position.y].lstrip().startswith("> Check your symptoms")


@pytest.mark.pilot
async def test_no_animation_by_default() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)):
        assert app.animation_level == "none"
