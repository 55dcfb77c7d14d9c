"""Search in a Spanish guide: the Snowball Spanish stemmer, accents folded for matching.

"calambre" finds "calambres", "musculo" typed without its accent finds "músculo", and the tilde
is kept ("año" is not "ano"). An English guide keeps its own stemmer, unchanged.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.data.content import load_guide
from tui.data.search import fold_accents, search_guide, spanish_stem, stem, stemmer_for

pytestmark = [pytest.mark.content]

ROOT = Path(__file__).resolve().parent.parent
ES = load_guide(ROOT / "content" / "muscle-spasms-es")


@pytest.mark.parametrize("forms", [("calambre", "calambres", "Calambres"), ("músculo", "musculo", "músculos"),
                                   ("estirar", "estiramiento", "estiramientos"), ("pierna", "piernas"),
                                   ("espasmo", "espasmos"), ("médico", "medico", "médicos")])
def test_forms_of_a_spanish_word_meet(forms: tuple[str, ...]) -> None:
    assert len({spanish_stem(word) for word in forms}) == 1, {word: spanish_stem(word) for word in forms}


def test_accents_fold_but_the_tilde_stays() -> None:
    assert fold_accents("músculo pingüino acción") == "musculo pinguino accion"
    assert fold_accents("año") == "año"
    assert spanish_stem("año") != spanish_stem("ano")


def test_the_language_picks_the_stemmer() -> None:
    assert stemmer_for("es") is spanish_stem and stemmer_for("es-419") is spanish_stem
    assert stemmer_for("en") is stem and stemmer_for("fr") is stem


def places(query: str) -> list[tuple[int, int]]:
    return [(hit.section_number, hit.paragraph_index) for hit in search_guide(ES, query)]


@pytest.mark.parametrize(("query", "same_as"), [("calambre", "calambres"), ("musculo", "músculos"),
                                                ("MUSCULO", "músculo"), ("pierna calambre", "calambres piernas")])
def test_the_spanish_guide_is_found_in_any_form(query: str, same_as: str) -> None:
    found = places(query)
    assert found and found == places(same_as)


def test_a_musculo_without_its_accent_finds_the_accented_text() -> None:
    snippets = [hit.snippet for hit in search_guide(ES, "musculo")]
    assert any("músculo" in snippet for snippet in snippets), snippets


def test_english_words_are_not_stemmed_into_the_spanish_guide() -> None:
    assert search_guide(ES, "cramp") == []
