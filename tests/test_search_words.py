"""Search finds words, not one exact phrase: all of them, in any order and form, best first,
and says how many in correct English with a short echo of what was typed."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from tests.support.fixture_guide import fixture_guide as load_guide
from tests.support.pilot import make_app, screen_text
from tui.data.search import echo, found_message, search_guide
from tui.data.stemming import stem


@pytest.mark.parametrize("forms", [("cramp", "cramps", "cramping", "cramped"), ("muscle", "muscles"),
                                   ("stretch", "stretches", "stretching"), ("spasm", "spasms")])
def test_forms_of_a_word_meet(forms: tuple[str, ...]) -> None:
    assert len({stem(word) for word in forms}) == 1, {word: stem(word) for word in forms}


@pytest.mark.parametrize("query", ["muscle cramp", "cramp muscle", "Cramping MUSCLES", "muscles cramps"])
def test_words_in_any_order_are_found(query: str) -> None:
    hits = search_guide(load_guide(), query)
    assert hits, query


def test_every_word_must_be_there() -> None:
    guide = load_guide()
    assert search_guide(guide, "cramp")
    assert not search_guide(guide, "cramp zzqx")


def test_more_of_the_words_ranks_first() -> None:
    guide = load_guide()
    hits = search_guide(guide, "muscle cramp")
    # The snippet is a window around the first word; the paragraph has both.
    top = guide.section(hits[0].section_number).plain_paragraphs()[hits[0].paragraph_index].casefold()
    assert "muscle" in top and "cramp" in top, hits[0]
    assert [hit.score for hit in hits] == sorted((hit.score for hit in hits), reverse=True)


def test_a_title_hit_ranks_first() -> None:
    guide = load_guide()
    title = guide.section(3).title  # "Warning signs"
    hits = search_guide(guide, "warning")
    assert hits[0].section_title == title


def test_counts_are_in_correct_english() -> None:
    assert found_message(1, "cramp") == "1 place found. Press Enter to see it."
    assert found_message(3, "cramp") == "3 places found. Press Enter to see them."
    assert found_message(0, "zzqx") == 'No places found for "zzqx".'
    assert found_message(0, "  ") == "Type a word to search for."


def test_a_long_paste_is_echoed_short() -> None:
    pasted = "leg " * 2500
    said = found_message(0, pasted)
    assert len(said) < 60 and said.endswith('...".'), said
    assert echo("a short one") == "a short one"


@pytest.mark.pilot
async def test_the_screen_says_one_place_and_cuts_a_long_paste(tmp_path: Path) -> None:
    guide = load_guide()
    word = next(w for w in ("phone", "toes", "soreness") if len(search_guide(guide, w)) == 1)
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *word)
        await pilot.pause()
        assert "1 place found. Press Enter to see it." in screen_text(app)
        app.screen.query_one(Input).value = "zzqx " * 2000  # a 10 KB paste
        await pilot.pause()
        line = next(row for row in screen_text(app).splitlines() if "No places found" in row)
        assert len(line.strip()) < 60 and '..."' in line
        app.screen.query_one(Input).value = "muscle cramp"
        await pilot.pause()
        assert "places found" in screen_text(app)
