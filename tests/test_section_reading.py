"""Reading a section by line, as a screen reader does: the line under the cursor after each key.

Down goes through every line of the text once, in order, to the last line, then says that the
section has ended, on a row of its own; blank lines are skipped, never heard as the line before
again. Page down then Down goes on from the line after the page; End at the end says the end.
On the fixture guide (tests/fixtures/guide): its sections 2 and 3 have headings, bullets, a note
and paragraphs that wrap, and section 3 is longer than a page at 80x24.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from rich.segment import Segment
from textual.geometry import Region
from textual.strip import Strip

from tests.support.fixture_guide import FIXTURE_GUIDE
from tests.support.pilot import make_app, screen_lines, text_at_cursor
from tui.fullscreen.app import GuideApp
from tui.fullscreen.screens.section import SectionScreen
from tui.fullscreen.widgets.section_text import SectionText

pytestmark = [pytest.mark.pilot]

SIZES = [(80, 24), (40, 12)]


async def open_section(app: GuideApp, pilot: object, number: int) -> SectionText:
    app.push_screen(SectionScreen(number))
    await pilot.pause()  # type: ignore[attr-defined]
    return app.screen.query_one(SectionText)


def guide_words(app: GuideApp, number: int) -> list[str]:
    """The section's own words, from the content, in order."""
    return " ".join(app.guide.section(number).plain_paragraphs()).split()


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "40x12"])
@pytest.mark.parametrize("number", [2, 3])
async def test_down_reads_every_line_once_in_order_then_the_end(tmp_path: Path, size: tuple[int, int],
                                                               number: int) -> None:
    app = make_app(tmp=tmp_path, content=FIXTURE_GUIDE)
    async with app.run_test(size=size) as pilot:
        await open_section(app, pilot, number)
        heard = [text_at_cursor(app)]
        for _ in range(300):
            await pilot.press("down")
            heard.append(text_at_cursor(app))
            if heard[-1].startswith("End of section"):
                break
        assert heard[-1].startswith(f"End of section {'two' if number == 2 else 'three'}"), heard[-5:]
        lines = heard[:-1]
        assert all(line.strip() for line in lines), "a blank line was stopped on"
        assert all(a != b for a, b in itertools.pairwise(lines)), "a line was heard twice in a row"
        # Every word of the section, in order, and nothing else: no line skipped, none repeated.
        assert " ".join(lines).split() == guide_words(app, number)
        # Down goes on through the end message's rows (it wraps as the text does), then says its
        # last row again; End goes back to its first row.
        end_rows = [heard[-1]]
        for _ in range(5):
            await pilot.press("down")
            if text_at_cursor(app) == end_rows[-1]:
                break
            end_rows.append(text_at_cursor(app))
        assert " ".join(end_rows).split() == (app.screen.query_one(SectionText).end_text or "").split()
        await pilot.press("end")
        assert text_at_cursor(app).startswith("End of section")
        await pilot.press("home")
        assert text_at_cursor(app) == heard[0]


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "40x12"])
async def test_page_down_then_down_goes_on_from_the_line_after_the_page(tmp_path: Path,
                                                                         size: tuple[int, int]) -> None:
    app = make_app(tmp=tmp_path, content=FIXTURE_GUIDE)
    async with app.run_test(size=size) as pilot:
        text = await open_section(app, pilot, 3)
        region = text.content_region
        heard: list[str] = []
        for _ in range(40):
            page = [row[region.x:region.right].strip() for row in screen_lines(app)[region.y:region.bottom]]
            if heard:
                assert text_at_cursor(app) == next(row for row in page if row), "the page's first line"
            heard += [row for row in page if row and row not in heard[-len(page):]]
            if any(row.startswith("End of section") for row in page):
                break
            await pilot.press("pagedown")
        # Every word heard once, page by page, to the end.
        text_rows = itertools.takewhile(lambda row: not row.startswith("End of section"), heard)
        assert " ".join(text_rows).split() == guide_words(app, 3)
        # Back to the start; a page, then Down: the line after that page.
        await pilot.press("home")
        await pilot.press("pagedown")
        page = [row[region.x:region.right].strip() for row in screen_lines(app)[region.y:region.bottom]]
        await pilot.press("down")
        after = text_at_cursor(app)
        assert after and after not in page, (after, page)
        words = guide_words(app, 3)
        shown = " ".join(row for row in page if row).split()
        start = next(i for i in range(len(words)) if words[i:i + len(shown)] == shown)
        assert words[start + len(shown):start + len(shown) + len(after.split())] == after.split()


def rows(text: SectionText) -> list[list[Segment]]:
    """The text's rows as drawn now (from the lines made ahead where there are)."""
    return [list(text.render_line(y)) for y in range(text.scrollable_content_region.height)]


def rows_afresh(text: SectionText) -> list[list[Segment]]:
    """The same rows drawn anew from the text."""
    top = round(text.scroll_offset.y)
    return [list(text._draw(top + y)) for y in range(text.scrollable_content_region.height)]


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "40x12"])
async def test_down_onto_the_next_page_draws_it_from_lines_made_ahead_as_they_are_drawn_afresh(
        tmp_path: Path, size: tuple[int, int]) -> None:
    """The frame of a Down that brings the next page draws none of its lines (they were made while
    the guide waited for the key: a screen reader reads the new line 20 ms after the key), and
    the rows are those drawn afresh: also with the reading highlight on one, and in another theme."""
    app = make_app(tmp=tmp_path, content=FIXTURE_GUIDE)
    async with app.run_test(size=size) as pilot:
        text = await open_section(app, pilot, 3)
        drawn_in_frame: list[int] = []
        draw, render_lines, in_frame = text._draw, text.render_lines, [False]

        def counted_draw(number: int) -> Strip:
            if in_frame[0]:
                drawn_in_frame.append(number)
            return draw(number)

        def counted_frame(crop: Region) -> list[Strip]:
            in_frame[0] = True
            try:
                return render_lines(crop)
            finally:
                in_frame[0] = False

        text._draw, text.render_lines = counted_draw, counted_frame  # type: ignore[method-assign]
        top = round(text.scroll_offset.y)
        for _ in range(40):
            drawn_in_frame.clear()
            await pilot.press("down")
            if round(text.scroll_offset.y) != top:
                break
        assert round(text.scroll_offset.y) > top, "Down never brought the next page"
        assert not drawn_in_frame, f"the new page's lines {drawn_in_frame} were drawn in its frame"
        assert rows(text) == rows_afresh(text)
        row = text.line - round(text.scroll_offset.y)
        unlit = rows(text)[row]
        paragraph = next(number for number, words in enumerate(text.paragraphs)
                         if text.line_of(number) == text.line)
        text.highlight = (paragraph, 0, len(text.paragraphs[paragraph]))
        await pilot.pause()
        assert rows(text)[row] != unlit, "the reading highlight is not drawn"
        assert rows(text) == rows_afresh(text)
        app.theme = "hc-light"
        await pilot.pause()
        assert rows(text) == rows_afresh(text)
