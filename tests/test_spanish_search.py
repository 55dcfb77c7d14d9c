"""Search in a Spanish guide: the Snowball Spanish stemmer, accents folded for matching.

"calambre" finds "calambres", "musculo" typed without its accent finds "músculo", and the tilde
is kept ("año" is not "ano"), but a reader who cannot type it ("anos", "dano") still finds the
word with it. An English guide keeps its own stemmer, unchanged.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tui.data.content import Guide, load_guide
from tui.data.search import search_guide
from tui.data.stemming import fold_accents, query_stem_for, spanish_stem, stem, stemmer_for

pytestmark = [pytest.mark.content]

ROOT = Path(__file__).resolve().parent.parent
ES = load_guide(ROOT / "content" / "muscle-spasms-es")


@pytest.mark.parametrize("forms", [("calambre", "calambres", "Calambres"), ("músculo", "musculo", "músculos"),
                                   ("año", "años", "Años"), ("daño", "daños"), ("mes", "meses"),
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
    # The Spanish stemmer leaves "cramps" (the English title of a source) whole: the word
    # "cramp", finished, finds nothing; while it is typed it begins "cramps", and finds that only.
    assert search_guide(ES, "cramp ") == []
    assert spanish_stem("cramps") == "cramps"
    assert all("cramps" in hit.snippet.casefold() for hit in search_guide(ES, "cramp"))


# -- "ñ" typed as "n": a keyboard without the key -------------------------------------------------
# Most keyboards outside Spanish-speaking countries have no "ñ", and a reader types "anos" for
# "años" or "dano" for "daño". The choice: a word typed without "ñ" finds the guide's word with it
# (the guide says neither "ano" nor "dano"); a word typed with "ñ" finds only "ñ", so "año" never
# finds "ano", a different word.

def test_dano_typed_without_its_tilde_finds_dano() -> None:
    # Every place of "daño", and more: "dano" has the stem of "dan" ("le dan calambres") too.
    found = places("dano")
    assert places("daño") and set(places("daño")) <= set(found)
    assert any("Daño en los nervios" in hit.snippet or "daño" in hit.snippet for hit in search_guide(ES, "dano"))


def test_a_typed_n_meets_n_tilde_but_a_typed_n_tilde_never_meets_n() -> None:
    assert query_stem_for(spanish_stem("años"), {spanish_stem("anos")}) == spanish_stem("anos")
    assert query_stem_for(spanish_stem("años"), {spanish_stem("años")}) == spanish_stem("años")
    assert query_stem_for(spanish_stem("ano"), {spanish_stem("año")}) is None
    assert query_stem_for(spanish_stem("mano"), {spanish_stem("año")}) is None


YEARS = "Los calambres son más comunes con los años."
OTHER_WORD = "Una fisura en el ano duele al evacuar."


@pytest.fixture
def guide_with_years(tmp_path: Path) -> Guide:
    """The Spanish guide with a sentence that says "años" (section 4) and one that says "ano"
    (section 7): the guide itself has neither."""
    folder = tmp_path / "guia"
    shutil.copytree(ROOT / "content" / "muscle-spasms-es", folder)
    for name, sentence in (("causes.md", YEARS), ("conditions.md", OTHER_WORD)):
        path = folder / "sections" / name
        path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + f"\n\n{sentence}\n", encoding="utf-8")
    return load_guide(folder)


def snippets(guide: Guide, query: str) -> list[str]:
    return [hit.snippet for hit in search_guide(guide, query)]


@pytest.mark.parametrize("query", ["años", "año", "anos", "ANOS", "Años"])
def test_years_are_found_with_or_without_the_tilde(guide_with_years: Guide, query: str) -> None:
    assert any("los años" in snippet for snippet in snippets(guide_with_years, query)), query


@pytest.mark.parametrize("query", ["año", "años"])
def test_a_typed_tilde_never_finds_the_other_word(guide_with_years: Guide, query: str) -> None:
    assert not any("el ano" in snippet for snippet in snippets(guide_with_years, query)), query


def test_typed_without_the_tilde_both_words_are_found(guide_with_years: Guide) -> None:
    """"ano" may be either word to a reader without the key: both are offered."""
    found = snippets(guide_with_years, "ano")
    assert any("los años" in s for s in found) and any("el ano" in s for s in found), found


@pytest.mark.parametrize("word", ["respirar", "semanas", "número", "tétanos"])
def test_every_letter_typed_from_the_stem_on_keeps_finding_the_word(word: str) -> None:
    """Search runs on every letter: "respir", half of "respirar", is Snowball's "resp" (it reads
    "-ir" as a verb's ending), which answers nothing, yet it is the stem of "respira"; the list
    must not go blank on the way to the whole word."""
    stem_length = len(spanish_stem(word))
    for end in range(stem_length, len(word) + 1):
        typed = word[:end]
        assert search_guide(ES, typed), f"{typed!r}, on the way to {word!r}, finds nothing"
    assert spanish_stem("respir") != spanish_stem("respira")  # why the word itself is tried


def test_the_word_itself_is_tried_only_when_its_stem_finds_nothing() -> None:
    assert search_guide(ES, "respir") == search_guide(ES, "respira")
    assert search_guide(ES, "calambres") == search_guide(ES, "calambre")
    assert search_guide(ES, "respirx") == [] and search_guide(ES, "respir zzz") == []


def test_a_snippet_cut_after_a_full_stop_ends_in_three_dots() -> None:
    """"...casi no puede hablar...." read as a typing slip; the cut's "..." stands for the stop too."""
    snippets = [hit.snippet for hit in search_guide(ES, "aire")]
    assert snippets and not any("...." in snippet for snippet in snippets), snippets
    assert any(snippet.endswith("hablar...") for snippet in snippets), snippets
