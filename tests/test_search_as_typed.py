"""Search as a reader types it, letter by letter, in the English and the Spanish guide.

The search runs on every letter, and what a screen reader says at each letter is the count line.
Before, only whole words were found: "cram", on the way to "cramp", said "No places found" at
every letter. The cases here are what a reader types: a word half typed, a form of it the guide
does not have, a misspelling, Spanish with and without its accents, "ñ" typed or not; and what
they should hear and find. They are judged by the guide's own words (which places have the word
a reader is after), not by how search works inside.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tui.data.content import Guide, load_guide
from tui.data.search import found_message, nothing_found_message, search_guide
from tui.data.words import in_language

pytestmark = [pytest.mark.content]

ROOT = Path(__file__).resolve().parent.parent
EN = load_guide(ROOT / "content" / "muscle-spasms")
ES = load_guide(ROOT / "content" / "muscle-spasms-es")
GUIDES = {"en": EN, "es": ES}


def places(guide: Guide, typed: str) -> list[tuple[int, int]]:
    """(section, paragraph) of each place found for `typed`, best first."""
    return [(hit.section_number, hit.paragraph_index) for hit in search_guide(guide, typed)]


def text_of(guide: Guide, place: tuple[int, int]) -> str:
    section = guide.section(place[0])
    return section.title if place[1] < 0 else section.plain_paragraphs()[place[1]]


def said(guide: Guide, language: str, typed: str) -> str:
    """The count line a reader hears after typing `typed`, in the guide's language."""
    with in_language(language):
        return found_message(len(search_guide(guide, typed)), typed)


def letters(word: str) -> list[str]:
    """The search box after each letter of `word`."""
    return [word[:end] for end in range(1, len(word) + 1)]


# Words a reader looks for, as they would type them, each in the guide in some form.
WORDS = [("en", "cramp"), ("en", "muscle"), ("en", "spasms"), ("en", "calf"), ("en", "warning"),
         ("en", "electrolytes"), ("en", "dehydration"), ("en", "stretching"), ("en", "feet"),
         ("es", "calambres"), ("es", "músculo"), ("es", "musculo"), ("es", "espasmos"), ("es", "daño"),
         ("es", "dano"), ("es", "deshidratación"), ("es", "deshidratacion"), ("es", "electrolitos"),
         ("es", "estirando")]


@pytest.mark.parametrize(("language", "word"), WORDS, ids=[word for _, word in WORDS])
def test_from_the_third_letter_on_the_places_of_the_word_are_found(language: str, word: str) -> None:
    guide = GUIDES[language]
    wanted = set(places(guide, word))
    assert wanted, f"{word!r} is in the guide"
    for typed in letters(word)[2:]:
        missing = wanted - set(places(guide, typed))
        assert not missing, f"{typed!r}, on the way to {word!r}, lost {len(missing)} of its places"


@pytest.mark.parametrize(("language", "word"), WORDS, ids=[word for _, word in WORDS])
def test_no_places_is_never_heard_on_the_way_to_a_word_the_guide_has(language: str, word: str) -> None:
    guide = GUIDES[language]
    nothing = said(guide, language, "zzqx").split('"')[0]  # "No places found for " in the language
    for typed in letters(word):
        heard = said(guide, language, typed)
        assert not heard.startswith(nothing), f"{typed!r}, on the way to {word!r}: {heard!r}"


@pytest.mark.parametrize(("language", "first", "second"), [
    ("en", "Type 2 more letters.", "Type 1 more letter."),
    ("es", "Escriba 2 letras más.", "Escriba 1 letra más."),
])
def test_one_or_two_letters_ask_for_more_rather_than_flood_the_list(language: str, first: str, second: str) -> None:
    """One letter begins words in about a quarter of the guide's places, two still in dozens:
    the list waits for a third, and the reader hears how many letters more."""
    guide = GUIDES[language]
    typed = {"en": "cr", "es": "ca"}[language]
    assert places(guide, typed[:1]) == [] and places(guide, typed) == []
    assert said(guide, language, typed[:1]) == first
    assert said(guide, language, typed) == second


def test_a_short_word_that_is_a_whole_word_of_the_guide_is_found() -> None:
    """Two letters are too few to find the words they begin, not too few to be a word."""
    assert places(ES, "da") and all(re.search(r"\bda\b", text_of(ES, place).casefold()) for place in places(ES, "da"))


def test_a_finished_word_is_matched_whole_and_only_the_last_one_is_begun() -> None:
    assert places(EN, "cram") and places(EN, "cram ") == []  # a space: the reader says the word is whole
    both = places(EN, "calf cram")
    assert both and all(place[0] in {p[0] for p in places(EN, "calf")} for place in both)
    assert places(EN, "cram calf") == []  # "cram", finished, is no word of the guide


def test_calf_finds_the_calves() -> None:
    found = [text_of(EN, place) for place in places(EN, "calf")]
    assert any("calves" in text for text in found), found
    assert any("feet" in text_of(EN, place) for place in places(EN, "foot"))


def test_the_best_place_is_first_while_typing_as_for_the_whole_word() -> None:
    assert places(EN, "cram")[:5] == places(EN, "cramp")[:5]
    assert places(ES, "calamb")[:5] == places(ES, "calambre")[:5]


def test_a_word_found_whole_comes_before_a_longer_word_it_begins() -> None:
    """"heat" typed: the places that say "heat" first, then the one that only says "heatstroke"."""
    found = [text_of(EN, place).casefold() for place in places(EN, "heat")]
    whole = [bool(re.search(r"\bheat\b", text)) for text in found]
    assert any(not w for w in whole) and whole == sorted(whole, reverse=True), found


@pytest.mark.parametrize(("language", "typed", "better"), [
    ("en", "spazms", "spasms"), ("en", "crampz", "cramp"), ("es", "espazmos", "espasmos"),
])
def test_a_misspelling_finds_nothing_and_enter_offers_the_guides_spelling(language: str, typed: str,
                                                                          better: str) -> None:
    guide = GUIDES[language]
    assert places(guide, typed) == []
    with in_language(language):
        assert f'"{better}"' in nothing_found_message(guide, typed)


def test_enter_with_nothing_found_says_what_it_said_before() -> None:
    assert nothing_found_message(EN, "zzqx") == 'Nothing found for "zzqx". Try another word.'
    assert said(EN, "en", "zzqx") == 'No places found for "zzqx".'


@pytest.mark.parametrize(("with_accent", "without"), [("mús", "mus"), ("múscu", "muscu"),
                                                      ("deshidratació", "deshidratacio")])
def test_spanish_accents_typed_or_not_find_the_same_places(with_accent: str, without: str) -> None:
    assert places(ES, with_accent) and places(ES, with_accent) == places(ES, without)


def test_n_tilde_typed_finds_only_n_tilde_and_n_typed_finds_both() -> None:
    """A reader with an "ñ" key means it: "dañ" finds "daño", never "dan" ("le dan calambres");
    one without the key types "dan" and is given both."""
    with_tilde = [text_of(ES, place).casefold() for place in places(ES, "dañ")]
    assert with_tilde and all("dañ" in text for text in with_tilde), with_tilde
    assert set(places(ES, "daño")) <= set(places(ES, "dan"))
    assert any(re.search(r"\bdan\b", text_of(ES, place).casefold()) for place in places(ES, "dan"))
