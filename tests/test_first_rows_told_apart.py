"""Every focused item is told apart by its first row: after an arrow key a console screen reader
(tdsr) says only the cursor's row, so a wrapped checklist item or Settings option is heard by its
first row alone.

Found from outside under tdsr at 40x12: Down onto three different emergency items said "> [ ] New,
not normal for you: you" each time (cannot pee, cannot control pee, cannot control poo), Settings
said "> [ ] Colours: Your terminal's" for dark and for light and "> [ ] Reading voice: English,
United" for the US and the UK voice, and in Spanish "> marcado: Voz automática:" cut off its value.

The first rows are computed here as the list draws them: the label after the "> " mark, wrapped by
the same line breaker (`single_cell_breaks`, which GuideList's PlainLabel uses), at the list's
width with and without its scrollbar, for every width from 40 to 132 columns, in each state a
reader hears ("[ ] ", "selected: ", "unselected: "), in English and Spanish. The pilot tests hold
that computation to what the screen shows at 40x12 and 80x24, and walk Down over the bladder and
bowel items and every Settings option.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from tests.support.both_guides import EN_LIST, ENGLISH_DIR, ES_LIST, SPANISH_DIR
from tests.support.pilot import make_app, screen_text, text_at_cursor
from tui.data.checklist import Checklist
from tui.data.settings import Settings
from tui.data.settings_choices import choice_label, dialled, setting_choices
from tui.data.words import _, in_language
from tui.data.wrap import single_cell_breaks
from tui.fullscreen.app import GuideApp
from tui.fullscreen.widgets.guide_list import MARK, GuideList

pytestmark = [pytest.mark.content]

GUIDES = {"en": (EN_LIST, ENGLISH_DIR), "es": (ES_LIST, SPANISH_DIR)}
"""Each language's checklist and its guide's folder."""

COLUMNS = range(40, 133)
"""Every window width the guide supports, from 40 columns (a large font on a small screen) up."""

EDGES = 2
"""Columns the screen keeps on either side of a list (one each), beside the list's scrollbar."""

SCROLLBAR = 1
"""The list's scrollbar, one column, drawn when the list is longer than the window."""

BLADDER_AND_BOWEL = ("cannot-urinate", "bladder-control", "bowel-control")
"""The three items the tester heard as one: "New, not normal for you: you"."""


def label_widths(columns: int) -> tuple[int, int]:
    """The columns a label's first row has at a window `columns` wide, with the scrollbar drawn
    and without it (the list's width less the "> " mark)."""
    without = columns - EDGES - len(MARK)
    return without - SCROLLBAR, without


def first_row(label: str, width: int) -> str:
    """The first row of `label` as the list draws it `width` columns wide (PlainLabel.rows)."""
    breaks = single_cell_breaks(label, width)
    return (label[:breaks[0]] if breaks else label[:width]).rstrip()


def alike(rows: list[str]) -> list[str]:
    """Rows said by more than one item."""
    return [row for row, count in Counter(rows).items() if count > 1]


def item_labels(checklist: Checklist) -> dict[str, list[str]]:
    """Each state's words before the item, with every item in that state (tui/data/checklist_session.py
    `label`)."""
    texts = [item.text for item in checklist.items]
    return {
        "[ ] ": [f"[ ] {text}" for text in texts],
        "selected": [_("selected: {item}").format(item=text) for text in texts],
        "unselected": [_("unselected: {item}").format(item=text) for text in texts],
    }


def options() -> dict[str, str]:
    """Every Settings option's id and words without its state (its group and value)."""
    selected = _("selected: {choice}").format(choice="")
    return {option_id: label.removeprefix("[ ] ").removeprefix(selected)
            for _group, choices in setting_choices(Settings()) for option_id, label in choices}


def option_words() -> list[str]:
    return list(options().values())


def value_word(option_id: str, words: str) -> str:
    """The word that tells an option from the others in its group: a region's number ("911"),
    otherwise the first word after the group's name ("Reading volume: 75 percent")."""
    kind, _colon, choice = option_id.partition(":")
    return dialled(choice) if kind == "region" else words.split(": ", 1)[-1].split()[0]


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_checklist_item_has_a_first_row_of_its_own(language: str) -> None:
    with in_language(language):
        forms = item_labels(GUIDES[language][0])
    for state, labels in forms.items():
        for columns in COLUMNS:
            for width in label_widths(columns):
                rows = [first_row(label, width) for label in labels]
                assert alike(rows) == [], (language, state, columns, width)


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_settings_option_has_a_first_row_of_its_own(language: str) -> None:
    with in_language(language):
        words = option_words()
        forms = {chosen: [choice_label(word, chosen) for word in words] for chosen in (False, True)}
    assert len(words) == len(set(words)) >= 19
    for chosen, labels in forms.items():
        for columns in COLUMNS:
            for width in label_widths(columns):
                rows = [first_row(label, width) for label in labels]
                assert alike(rows) == [], (language, chosen, columns, width)


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_settings_option_says_its_value_on_its_first_row(language: str) -> None:
    """Chosen or not, at 40 columns with the scrollbar: the group's name is kept (an earlier fix
    added it: "[ ] 75 percent" was heard with no group), and the value's first word follows it."""
    width = label_widths(40)[0]
    with in_language(language):
        for option_id, word in options().items():
            value = value_word(option_id, word)
            for chosen in (False, True):
                row = first_row(choice_label(word, chosen), width)
                assert value.strip(":,") in [said.strip(":,") for said in row.split()], (word, row)


def test_the_check_finds_items_that_begin_alike() -> None:
    """Not vacuous: the wording the tester heard fails it."""
    heard = ["[ ] New, not normal for you: you cannot pee, or it is hard to start peeing",
             "[ ] New, not normal for you: you cannot control your pee, or cannot tell if it is full"]
    assert alike([first_row(label, label_widths(40)[0]) for label in heard]) == [
        "[ ] New, not normal for you: you"]


def guide_app(tmp: Path, language: str) -> GuideApp:
    return make_app(tmp=tmp, content=GUIDES[language][1])


@pytest.mark.pilot
@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("size", [(40, 12), (80, 24)], ids=["40x12", "80x24"])
async def test_down_onto_the_bladder_and_bowel_items_says_three_rows(
        tmp_path: Path, language: str, size: tuple[int, int]) -> None:
    """What a reader hears on each, the cursor's row, is the row computed above, and no two alike;
    the same after Space, with "selected: " first."""
    checklist = GUIDES[language][0]
    numbers = [checklist.item(item_id).number for item_id in BLADDER_AND_BOWEL]
    with in_language(language):
        app = guide_app(tmp_path, language)
        async with app.run_test(size=size) as pilot:
            await pilot.press("k", *["down"] * (numbers[0] - 1))
            heard: dict[str, list[str]] = {"[ ] ": [], "selected": []}
            for step, number in enumerate(numbers):
                if step:
                    await pilot.press("down")
                await pilot.pause()
                item = checklist.items[number - 1]
                listing = app.screen.query_one("#items", GuideList)
                width = listing.scrollable_content_region.width - len(MARK)
                assert text_at_cursor(app) == first_row(f"[ ] {item.text}", width), screen_text(app)
                heard["[ ] "].append(text_at_cursor(app))
                await pilot.press("space")
                await pilot.pause()
                selected = _("selected: {item}").format(item=item.text)
                assert text_at_cursor(app) == first_row(selected, width), screen_text(app)
                heard["selected"].append(text_at_cursor(app))
    assert size[0] != 40 or width == label_widths(40)[0]  # the widths the pure checks assume
    for rows in heard.values():
        assert len(set(rows)) == 3, rows


@pytest.mark.pilot
@pytest.mark.parametrize("language", ["en", "es"])
async def test_down_through_settings_says_each_option_apart(tmp_path: Path, language: str) -> None:
    """At 40x12, Down over every option: each row heard is a row of its own, group and value."""
    with in_language(language):
        app = guide_app(tmp_path, language)
        async with app.run_test(size=(40, 12)) as pilot:
            await pilot.press("o")
            await pilot.pause()
            listing = app.screen.query_one(GuideList)
            # Every option the screen offers (a guide offers the voices of its own language).
            count = sum(not listing.get_option_at_index(index).disabled for index in range(listing.option_count))
            heard = [text_at_cursor(app)]
            for _step in range(count - 1):
                await pilot.press("down")
                await pilot.pause()
                heard.append(text_at_cursor(app))
            width = listing.scrollable_content_region.width - len(MARK)
    assert width == label_widths(40)[0]
    assert count >= 17 and alike(heard) == [], heard
