"""Find words across the guide: every word, in any order and any form ("cramps", "cramping"),
best places first."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from tui.data.content import Guide
from tui.data.key_names import key_in_words
from tui.data.words import _, ngettext

SNIPPET_WIDTH = 60
"""Characters of context shown around a match."""

ECHO_WIDTH = 30
"""Characters of the search words repeated back in a message ("No places found for ...")."""

TITLE_WEIGHT = 10
"""A word in a section's title counts as this many in its text: the section is about it."""

WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
"""A word: letters and digits, with an inner apostrophe ("don't")."""

SUFFIXES = ("ings", "ing", "edly", "ed", "ies", "es", "s", "ly")
"""Endings taken off a word, longest first, so "cramping", "cramped" and "cramps" meet at "cramp"."""

ES_AFTER = ("ch", "sh", "ss", "x", "z")
"""Stems that take "es" ("stretches"); after anything else "es" is an "e" plus "s" ("muscles")."""


def stem(word: str) -> str:
    """A word's rough root, enough to match the forms of a word people type.

    Not a full stemmer: it only has to make a query word and the guide's word meet. A final "e"
    is dropped too ("muscle", "muscles" -> "muscl"; "use", "using" -> "us"), and a doubled
    final consonant is undone ("stopping" -> "stop").
    """
    word = word.casefold().replace("'", "")
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


def stems_of(text: str, language: str = "en") -> list[tuple[str, int]]:
    """(stem, start) of every word in `text`, stemmed by the rules of `language`."""
    return list(_stems(text, language))


@functools.lru_cache(maxsize=4096)
def _stems(text: str, language: str = "en") -> tuple[tuple[str, int], ...]:
    """`stems_of`, kept for texts seen before: a search runs on every letter typed, over the same
    paragraphs each time, and stemming the whole guide again took about 15 ms a letter (a screen
    reader reads the line 20 ms after the key)."""
    stemmer = stemmer_for(language)
    return tuple((stemmer(match.group()), match.start()) for match in WORD.finditer(text))


@dataclass(frozen=True)
class Hit:
    """One place where the words were found."""

    section_number: int
    """Which section (1-based)."""
    section_title: str
    """That section's title."""
    paragraph_index: int
    """Which paragraph of `Section.plain_paragraphs()` (-1 for the title)."""
    snippet: str
    """The matching text with a little context, on one line."""
    score: int = 0
    """How well it matches: words found, a title's words counted TITLE_WEIGHT times."""


def make_snippet(text: str, start: int, length: int) -> str:
    """Cut `text` to about SNIPPET_WIDTH characters around the match, on word boundaries."""
    if len(text) <= SNIPPET_WIDTH:
        return text
    half = max(0, (SNIPPET_WIDTH - length) // 2)
    left = max(0, start - half)
    right = min(len(text), left + SNIPPET_WIDTH)
    left = max(0, right - SNIPPET_WIDTH)
    if left > 0:
        space = text.find(" ", left)
        left = space + 1 if 0 <= space < start else left
    if right < len(text):
        space = text.rfind(" ", start + length, right)
        right = space if space > 0 else right
    shown = text[left:right]
    if right < len(text):  # a sentence's own full stop before "..." made four dots ("hablar....")
        shown = shown.rstrip(".") + "..."
    return ("..." if left > 0 else "") + shown


Stems = tuple[tuple[str, int], ...]
"""(stem, start) of each word of a text."""


@dataclass(frozen=True)
class IndexedSection:
    """A section's title and paragraphs with their words' stems, and every stem a query can meet it by."""

    number: int
    title: str
    texts: tuple[tuple[int, str, Stems, frozenset[str]], ...]
    """(paragraph index, -1 for the title; the text; its stems; the stems it answers), in reading order."""
    answers: frozenset[str]
    """Every stem a query can find here: each word's, and the same typed without "ñ" (query_stem_for)."""


def answered(stems: Stems) -> frozenset[str]:
    """The query stems that words with these `stems` answer (query_stem_for)."""
    own = {stem for stem, _ in stems}
    return frozenset(own | {stem.translate(WITHOUT_TILDE) for stem in own if "ñ" in stem})


INDEXES_KEPT = 4
"""Guides whose index is kept (the guide shown, and a test's few)."""
_indexes: dict[int, tuple[Guide, tuple[IndexedSection, ...]]] = {}
"""id(guide) to (the guide, kept so the id is not reused while here; its index)."""


def search_index(guide: Guide) -> tuple[IndexedSection, ...]:
    """Every section's words stemmed, worked out once per guide: a search runs on every letter
    typed, and the first letter of a fresh guide stemmed all of it (about 6 ms). The full screen
    builds it as the search screen opens (tui/fullscreen/screens/search.py)."""
    kept = _indexes.get(id(guide))
    if kept is not None and kept[0] is guide:
        return kept[1]
    language = guide.language.code
    index = []
    for section in guide.sections:
        texts = tuple((number, text, stems, answered(stems))
                      for number, text in [(-1, section.title), *enumerate(section.plain_paragraphs())]
                      for stems in [_stems(text, language)])
        answers = frozenset().union(*(text_answers for *_, text_answers in texts))
        index.append(IndexedSection(section.number, section.title, texts, answers))
    while len(_indexes) >= INDEXES_KEPT:
        del _indexes[next(iter(_indexes))]
    _indexes[id(guide)] = (guide, tuple(index))
    return _indexes[id(guide)][1]


def query_stems(query: str, index: tuple[IndexedSection, ...], language: str) -> set[str]:
    """The stems to look for: each query word's own stem, or, when nothing in the guide answers
    that, the word itself where it is a stem the guide has. Search runs on every letter typed, and
    a word half typed can be a whole stem: "respir", on the way to "respira", is Snowball's "resp"
    (it reads "-ir" as a verb's ending) and found nothing, though it is the stem of "respirar"."""
    wanted: set[str] = set()
    for found, start in _stems(query, language):
        if not any(found in section.answers for section in index) and (word := WORD.match(query, start)):
            whole = fold_accents(word.group().casefold().replace("'", ""))
            if any(whole in section.answers for section in index):
                found = whole
        wanted.add(found)
    return wanted


def search_guide(guide: Guide, query: str) -> list[Hit]:
    """Every paragraph (and title) with words of `query`, in sections that have all of them.

    All the words must be in one section, in any order and any paragraph: "leg cramp" finds the
    section that lists the legs and says spasms are cramps. Best first: a section whose title
    has the words, then a paragraph with more of the words, then one with more hits; in reading
    order among equals.
    """
    sections = search_index(guide)
    wanted = query_stems(query, sections, guide.language.code)
    if not wanted:
        return []
    hits: list[Hit] = []
    for section in sections:
        if not wanted <= section.answers:  # a word of the query that nothing here can answer
            continue
        found_in = [(index, text, [] if wanted.isdisjoint(text_answers) else
                     [(typed, at) for s, at in stems if (typed := query_stem_for(s, wanted)) is not None])
                    for index, text, stems, text_answers in section.texts]
        if not wanted <= {s for _, _, found in found_in for s, _ in found}:
            continue  # "año" and "ano" typed: a word answers only one of them
        in_title = TITLE_WEIGHT * len({s for s, _ in found_in[0][2]})
        for index, text, found in found_in:
            if not found:
                continue
            own = 0 if index < 0 else 3 * len({s for s, _ in found}) + len(found)
            start = found[0][1]
            match = WORD.match(text, start)
            snippet = make_snippet(text, start, len(match.group()) if match else 0)
            hits.append(Hit(section.number, section.title, index, snippet, in_title + own))
    return sorted(hits, key=lambda hit: -hit.score)


def echo(words: str) -> str:
    """The search words to repeat back: on one line, cut to about ECHO_WIDTH characters."""
    line = " ".join(words.split())
    if len(line) <= ECHO_WIDTH:
        return line
    cut = line.rfind(" ", 0, ECHO_WIDTH)
    return line[: cut if cut > ECHO_WIDTH // 2 else ECHO_WIDTH] + "..."


def found_count(count: int, words: str) -> str:
    """How many places, in words, with no full stop: "1 place found" (the prompts add their own
    question after it; the full screen adds how to see them)."""
    if not words.strip():
        return _("Type a word to search for")
    if count == 0:
        return _('No places found for "{words}"').format(words=echo(words))
    return ngettext("{count} place found", "{count} places found", count).format(count=count)


def found_message(count: int, words: str) -> str:
    """How many places, in words, and how to see them: "1 place found. Press Enter to see it." """
    said = found_count(count, words)
    if count == 0 or not words.strip():
        return f"{said}."
    return ngettext("{found}. Press {enter} to see it.", "{found}. Press {enter} to see them.", count).format(
        found=said, enter=key_in_words("enter"))


def guide_words(guide: Guide) -> set[str]:
    """Every word of the guide's sections and titles, in lower case."""
    words: set[str] = set()
    for section in guide.sections:
        for text in (section.title, *section.plain_paragraphs()):
            words.update(match.group().lower() for match in WORD.finditer(text))
    return words


def suggestion(guide: Guide, query: str) -> str | None:
    """The query with each word the guide does not have replaced by the closest one it has
    ("spazms" -> "spasms"), or None if no word is close enough."""
    import difflib

    known = guide_words(guide)
    changed = False
    out = []
    for match in WORD.finditer(query):
        word = match.group().lower()
        close = [] if word in known else difflib.get_close_matches(word, known, n=1, cutoff=0.75)
        changed = changed or bool(close)
        out.append(close[0] if close else word)
    return " ".join(out) if changed else None


def nothing_found_message(guide: Guide, query: str) -> str:
    """Said on Enter when nothing is found: the words, and a spelling the guide has, if one is close."""
    better = suggestion(guide, query)
    if better:
        return _('Nothing found for "{words}". Did you mean "{better}"? Type it and press {enter}.').format(
            words=echo(query), better=better, enter=key_in_words("enter"))
    return _('Nothing found for "{words}". Try another word.').format(words=echo(query))
