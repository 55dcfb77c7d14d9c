"""Words brought to a rough root, so the forms of a word meet in search: "cramps", "cramping" and
"cramped" at "cramp" (English, a small stemmer of the guide's own), "calambres" at "calambr"
(Spanish, Snowball), accents folded and "ñ" typed as "n" found (tui/data/search.py)."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from functools import cache

SUFFIXES = ("ings", "ing", "edly", "ed", "ies", "es", "s", "ly")
"""Endings taken off a word, longest first, so "cramping", "cramped" and "cramps" meet at "cramp"."""

ES_AFTER = ("ch", "sh", "ss", "x", "z")
"""Stems that take "es" ("stretches"); after anything else "es" is an "e" plus "s" ("muscles")."""


IRREGULAR = {"calves": "calf", "halves": "half", "feet": "foot", "teeth": "tooth"}
"""Plurals no ending rule brings home: the guide says "calves" and "feet", a reader types "calf"."""

ENDINGS = {
    "en": SUFFIXES,
    "es": ("a", "as", "o", "os", "e", "es", "ar", "er", "ir", "an", "en", "ado", "ada", "ados", "adas", "ido",
           "ida", "idos", "idas", "ando", "iendo", "amos", "emos", "imos", "aba", "aban", "ia", "ian", "ara",
           "cion", "ciones", "amiento", "imiento", "mente", "ante", "ente"),
}
"""Endings after a stem, in each language (Spanish ones with accents folded), for `ending_starts`."""


@cache
def ending_starts(language: str) -> frozenset[str]:
    """The first letters of every ending of `language` (English for one not in ENDINGS): a word
    being typed that is a stem plus one of these is on its way to a form of that stem
    ("stretchi" to "stretching"), though the guide may have no word that begins so."""
    endings = ENDINGS.get(language.split("-")[0], SUFFIXES)
    return frozenset(ending[:end] for ending in endings for end in range(1, len(ending) + 1))


def stem(word: str) -> str:
    """A word's rough root, enough to match the forms of a word people type.

    Not a full stemmer: it only has to make a query word and the guide's word meet. A final "e"
    is dropped too ("muscle", "muscles" -> "muscl"; "use", "using" -> "us"), and a doubled
    final consonant is undone ("stopping" -> "stop").
    """
    word = word.casefold().replace("'", "")
    word = IRREGULAR.get(word, word)
    for suffix in SUFFIXES:
        if not word.endswith(suffix) or len(word) - len(suffix) < 3:
            continue
        root = word[: -len(suffix)]
        if suffix == "ies":
            root += "y"
        elif suffix == "es" and not root.endswith(ES_AFTER):
            root += "e"
        elif suffix == "s" and root.endswith(("s", "u", "i")):  # "loss", "virus", "thesis"
            root = word
        word = root
        break
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
        word = word[:-1]
    return word


FOLDED_MARKS = frozenset("\u0300\u0301\u0308")
"""Accents folded for matching: grave, acute and diaeresis ("músculo" meets "musculo", "pingüino"
"pinguino"). The tilde stays: "año" (year) and "ano" are different words."""


def fold_accents(word: str) -> str:
    """`word` without the accents of FOLDED_MARKS, other letters (ñ, ç) kept whole."""
    return unicodedata.normalize("NFC", "".join(
        char for char in unicodedata.normalize("NFD", word) if char not in FOLDED_MARKS))


@cache
def _snowball(language: str) -> Callable[[str], str]:
    """The Snowball stemmer of a language ("spanish"), made once: building one compiles tables."""
    import snowballstemmer  # only a guide in that language pays for the import

    stemmer = snowballstemmer.stemmer(language)
    return lambda word: str(stemmer.stemWord(word))


def spanish_stem(word: str) -> str:
    """A Spanish word's root by the Snowball algorithm ("calambres" -> "calambr"), accents folded
    after stemming, so a reader who types without accents still finds the guide's words.

    Snowball leaves some short words whole, so "años" did not meet "año": a plural "s" after a
    vowel that it left on a word of four letters or more is taken off ("años" -> "año"; Spanish
    makes a plural after a consonant with "es", so "cramps", an English word, stays whole)."""
    folded = word.casefold().replace("'", "")
    root = _snowball("spanish")(folded)
    if root == folded and len(root) > 3 and root.endswith("s") and root[-2] in "aeiouáéíóú":
        root = root[:-1]
    return fold_accents(root)


WITHOUT_TILDE = str.maketrans("ñ", "n")
"""A stem as typed on a keyboard without "ñ" ("anos" for "años", "dano" for "daño")."""


def query_stem_for(guide_stem: str, wanted: set[str]) -> str | None:
    """The stem of the query that a word of the guide (its stem `guide_stem`) answers, or None.

    A word is found by its own stem. A word with "ñ" is also found when the reader typed "n" in
    its place: most keyboards outside Spanish-speaking countries have no "ñ" key, and a reader who
    types "anos" or "dano" wants "años" or "daño" (the guide says neither "ano" nor "dano"). Never
    the other way: a reader who did type "ñ" ("año") meant it, and is not sent to "ano", a
    different word. The same as accents, except that typing one never stops a match.
    """
    if guide_stem in wanted:
        return guide_stem
    if "ñ" in guide_stem and (typed := guide_stem.translate(WITHOUT_TILDE)) in wanted:
        return typed
    return None


STEMMERS: dict[str, Callable[[str], str]] = {"es": spanish_stem}
"""Language (without region) to its stemmer; any other language uses `stem`, the English one."""


def stemmer_for(language: str) -> Callable[[str], str]:
    """The stemmer for a language code ("es", "es-419", "en")."""
    return STEMMERS.get(language.split("-")[0], stem)


def typed_form(word: str) -> str:
    """A word as it is compared while typed: lower case, no apostrophe, accents folded ("Músculo"
    -> "musculo"; "ñ" kept)."""
    return fold_accents(word.casefold().replace("'", ""))
