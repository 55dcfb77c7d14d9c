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
