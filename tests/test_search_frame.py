"""The letter that first brings places in search is one cheap frame: the screen is not laid out
again and the places' rows are drawn once (tui/fullscreen/screens/search.py, ResultsList).

Before, the places' scroll bar came with them: the whole screen was laid out twice, the places
were wrapped at one width and drawn again at another, and at 40x12 the count's second row moved
the list as well; at 80x24 that frame was later than a screen reader's 20 ms in 12 of 200 letters.
A count of layouts, rows drawn and places laid out in full to count their rows (PlainLabel counts
them with the line breaker), not a time: a slower machine does not fail it, the old path does.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.content import Content
from textual.css.styles import RulesMap
from textual.screen import Screen
from textual.strip import Strip

from tests.support.pilot import make_app, screen_lines, text_at_cursor
from tui.data import search
from tui.fullscreen.screens.search import QueryInput, ResultsList, SearchScreen

pytestmark = [pytest.mark.pilot]

SIZES = [(80, 24), (80, 16), (40, 12)]
"""At 80x24 the fixture guide's places for "cramp" fit; at 80x16 and 40x12 they scroll (the case
that brought the scroll bar)."""


@pytest.fixture
def drawn(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The rows of the places' list drawn, in the order drawn (clear it before the key)."""
    rows: list[int] = []
    draw = ResultsList.render_line

    def counted(self: ResultsList, y: int) -> Strip:
        rows.append(y)
        return draw(self, y)

    monkeypatch.setattr(ResultsList, "render_line", counted)
    return rows


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "80x16", "40x12"])
async def test_the_letter_that_brings_places_lays_nothing_out_and_draws_each_row_once(
        size: tuple[int, int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, drawn: list[int]) -> None:
    laid_out: list[str] = []  # texts laid out in full to count their rows
    count_rows = Content.get_height

    def counted_rows(self: Content, rules: RulesMap, width: int) -> int:
        laid_out.append(self.plain)
        return count_rows(self, rules, width)

    monkeypatch.setattr(Content, "get_height", counted_rows)
    order: list[str] = []  # the box's row drawn, and the search, in the order they happen
    draw_box, search = QueryInput.render_line, SearchScreen.run_search

    def box_drawn(self: QueryInput, y: int) -> Strip:
        order.append("box drawn")
        return draw_box(self, y)

    def searched(self: SearchScreen, words: str) -> None:
        order.append("search")
        search(self, words)

    monkeypatch.setattr(QueryInput, "render_line", box_drawn)
    monkeypatch.setattr(SearchScreen, "run_search", searched)
    wrapped: list[str] = []  # texts wrapped by Content (to draw them, or to count their rows)
    wrap = Content._wrap_and_format

    def counted_wrap(self: Content, *args: Any, **kwargs: Any) -> Any:
        wrapped.append(self.plain)
        return wrap(self, *args, **kwargs)

    monkeypatch.setattr(Content, "_wrap_and_format", counted_wrap)
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=size) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        layouts: list[Screen[object]] = []
        screen.screen_layout_refresh_signal.subscribe(screen, layouts.append, immediate=True)
        for letter in "cr":  # the letters before, each "Type 1 more letter" or the like (one row, or two)
            await pilot.press(letter)
            await pilot.pause()
        assert not screen.hits, "'cr' is too short to find the words it begins, and no word of the guide"
        assert layouts == [], "a letter that brings no places laid the screen out"
        results = screen.query_one(ResultsList)
        rows = results.size.height
        drawn.clear()
        laid_out.clear()
        order.clear()
        wrapped.clear()
        await pilot.press("a")
        await pilot.pause()
        assert screen.hits, "'cra' finds the places of 'cramp' in the fixture guide"
        assert (results.virtual_size.height > rows) == (size != (80, 24)), "the places scroll but at 80x24"
        assert layouts == [], "the letter laid the screen out"
        assert sorted(drawn) == list(range(rows)), f"each of the list's {rows} rows drawn once: {sorted(drawn)}"
        assert not [text for text in laid_out if ": " in text], "places laid out in full to count their rows"
        assert not [text for text in wrapped if ": " in text], "places wrapped again by Content to draw them"
        # One frame: the places are found before the letter's own row is drawn, so the letter and
        # its places go out together (two frames, the echo then the places, took the time of both).
        assert order[:1] == ["search"] and "box drawn" in order, order
        # What a reader sees and hears is as before: the count, then the best place first,
        # marked, and the cursor still in the box after the words typed.
        shown = screen_lines(app)
        count = next(n for n, line in enumerate(shown) if "places found" in line)
        first = screen.hits[0]
        assert any(line.strip().startswith(f"> {first.section_number}. ") for line in shown[count:])
        assert text_at_cursor(app) == ""
        assert app.screen.focused is not None and app.screen.focused.id == "query"
        await pilot.press(*["backspace"] * 3)  # and the places gone again, letter by letter
        await pilot.pause()
        assert "Type a word" in " ".join(screen_lines(app))
        assert layouts == [], "a rub-out laid the screen out"


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "80x16", "40x12"])
async def test_places_that_come_and_go_keep_the_list_where_it_is(size: tuple[int, int], tmp_path: Path) -> None:
    """The list's top row and width are the same with no places, a few and many: the rows under
    the count never jump while a reader types."""
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=size) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        results = app.screen.query_one(ResultsList)
        places = []
        for keys in (["z"], ["backspace", *"cramp"], ["backspace"] * 5, [*"cramp"]):
            await pilot.press(*keys)
            await pilot.pause()
            places.append((results.region, results.scrollable_content_region))
        assert len(set(places)) == 1, places


async def test_the_first_letter_of_a_fresh_guide_stems_only_the_words_typed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The guide's words are stemmed once, as the search opens, not in the first letter's frame
    (the whole guide stemmed there took about 6 ms of it); each later letter stems only the query."""
    monkeypatch.setattr(search, "_indexes", {})  # a guide never searched in this process
    stemmed: list[str] = []
    stem_texts = search._stems

    def counted(text: str, language: str = "en") -> tuple[tuple[str, int], ...]:
        stemmed.append(text)
        return stem_texts(text, language)

    monkeypatch.setattr(search, "_stems", counted)
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        await pilot.pause()
        assert len(stemmed) > 10, "the guide's titles and paragraphs stemmed as the search opened"
        for typed in ("c", "cr", "cra", "cram", "cramp"):
            stemmed.clear()
            await pilot.press(typed[-1])
            await pilot.pause()
            assert stemmed == [typed], f"{typed!r}: {len(stemmed)} texts stemmed"
        assert isinstance(app.screen, SearchScreen) and app.screen.hits


async def test_a_letter_that_finds_the_same_places_draws_nothing_again(tmp_path: Path, drawn: list[int]) -> None:
    """"cra", "cram" and "cramp" find the same places in the same words: the letters after the
    first only change the box (and the reader hears the letter typed, not the list again)."""
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"cra")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        found = [(hit.section_number, hit.snippet) for hit in screen.hits]
        count = screen_lines(app)
        assert found, "'cra' finds places in the fixture guide"
        for letter in "mp":
            drawn.clear()
            await pilot.press(letter)
            await pilot.pause()
            assert [(hit.section_number, hit.snippet) for hit in screen.hits] == found
            assert drawn == [], f"the same places drawn again after {letter!r}"
        shown = [line for line in screen_lines(app) if "Find:" not in line]
        assert shown == [line for line in count if "Find:" not in line], "the count and places changed"
        await pilot.press("s")  # "cramps": other words, other places or none: drawn
        await pilot.pause()
        assert drawn or [(hit.section_number, hit.snippet) for hit in screen.hits] == found
