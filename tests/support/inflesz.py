"""Spanish readability: the INFLESZ scale (the Szigriszt-Pazos formula with health-text bands).

    P = 206.835 - 62.3 * syllables / words - words / sentences

INFLESZ (Barrio-Cantalejo et al., Anales Sis San Navarra 2008) reads P in five bands for health
texts: under 40 very hard, 40-55 somewhat hard, 55-65 normal, 65-80 fairly easy, 80 and over very
easy. The guide aims for 65 or more on every screen, "fairly easy".

Syllables are counted by rule, the way Spanish is spoken, not from a hyphenation dictionary
(hyphenation keeps some vowel pairs together that are spoken apart, and overstates ease): a
syllable is a vowel nucleus, and a nucleus is a run of vowels that forms one sound:

- two strong vowels (a, e, o) are two syllables (hiato): "le-er", "ca-er";
- a weak vowel (i, u, unaccented) beside any vowel is one syllable with it (diptongo, triptongo):
  "cie-lo", "cuí-da-do", "buey";
- an accented weak vowel (í, ú) is its own syllable: "dí-a", "ma-íz", "re-ú-ne";
- "u" after "q", and after "g" before "e" or "i", is not spoken: "que", "guía"; "ü" is: "pin-güi-no";
- "y" is a vowel only at the end of a word or alone: "hay", "muy", "y"; else it is a consonant.

A number written in digits ("15", "2021") is read as a number word: it counts as one word of two
syllables, the length of most of the guide's numbers spoken ("quince", "diez", "nueve").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

STRONG = frozenset("aeoáéó")
"""Open vowels: two of them side by side are spoken as two syllables."""
WEAK = frozenset("iuü")
"""Closed vowels, unaccented: they join the vowel beside them."""
ACCENTED_WEAK = frozenset("íú")
"""Closed vowels with a written accent: always a syllable of their own."""
VOWELS = STRONG | WEAK | ACCENTED_WEAK

NUMBER_SYLLABLES = 2
"""Syllables counted for a number written in digits (see the module's note)."""

_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*|\d+(?:[.,:]\d+)*")
_SENTENCE_END = re.compile(r"[.!?;]+(?=\s|$)|\n")
"""Sentence ends: a full stop, question or exclamation mark, or semicolon before a space, and
every line break (a title, subheading or bullet is a unit of its own)."""

INFLESZ_FAIRLY_EASY = 65.0
"""The lower edge of "fairly easy" (bastante fácil): the aim for every screen."""

BANDS = ((80.0, "muy fácil"), (65.0, "bastante fácil"), (55.0, "normal"), (40.0, "algo difícil"),
         (float("-inf"), "muy difícil"))
"""INFLESZ bands, highest first: the lower edge and the band's name."""


def _is_silent_u(word: str, index: int) -> bool:
    """The "u" of "que", "qui", "gue", "gui": a spelling, not a sound."""
    if word[index] != "u" or index == 0 or index + 1 >= len(word):
        return False
    before, after = word[index - 1], word[index + 1]
    return before == "q" or (before == "g" and after in "eéií")


def syllables(word: str) -> int:
    """The number of spoken syllables of one Spanish word (at least one)."""
    word = unicodedata.normalize("NFC", word.lower())
    if word.isdigit():
        return NUMBER_SYLLABLES
    kinds: list[str] = []  # one entry per letter: "S" strong, "W" weak, "A" accented weak, "C" other
    for index, letter in enumerate(word):
        if letter == "y":
            # A vowel only at the end of a word ("hay", "muy") or as the word "y".
            kinds.append("W" if index == len(word) - 1 else "C")
        elif letter in STRONG:
            kinds.append("S")
        elif letter in ACCENTED_WEAK:
            kinds.append("A")
        elif letter in WEAK and not _is_silent_u(word, index):
            kinds.append("W")
        else:
            kinds.append("C")
    count = 0
    previous = "C"
    for kind in kinds:
        if kind == "C":
            previous = "C"
            continue
        starts_new = (
            previous == "C"  # the first vowel after a consonant
            or kind == "A" or previous == "A"  # an accented i or u stands alone: "dí-a", "re-ú-ne"
            or (kind == "S" and previous == "S")  # two strong vowels: hiato, "le-er"
        )
        if starts_new:
            count += 1
        previous = kind
    return max(count, 1)


def words(text: str) -> list[str]:
    """The words of a text: runs of letters (with their accents), or numbers in digits."""
    return _WORD.findall(text)


def sentence_count(text: str) -> int:
    """Sentences: pieces between ends (see _SENTENCE_END) that hold at least one word."""
    return sum(1 for piece in _SENTENCE_END.split(text) if words(piece))


@dataclass(frozen=True)
class Reading:
    """One text's counts and its INFLESZ score."""

    syllables: int
    words: int
    sentences: int

    @property
    def score(self) -> float:
        """Szigriszt-Pazos perspicuity, read on the INFLESZ scale."""
        return 206.835 - 62.3 * self.syllables / self.words - self.words / self.sentences

    @property
    def band(self) -> str:
        """The INFLESZ band the score falls in, by its Spanish name."""
        return next(name for edge, name in BANDS if self.score >= edge)


def inflesz(text: str) -> Reading:
    """Count a text's syllables, words and sentences (the text must have at least one word)."""
    found = words(text)
    if not found:
        raise ValueError("no words to measure")
    return Reading(sum(syllables(w) for w in found), len(found), max(sentence_count(text), 1))
