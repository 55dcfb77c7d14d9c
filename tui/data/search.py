"""Find words across the guide: every word, in any order and any form ("cramps", "cramping"),
best places first; the word still being typed also by its beginning ("cra" finds "cramp")."""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from tui.data.content import Guide
from tui.data.key_names import key_in_words
from tui.data.stemming import WITHOUT_TILDE, ending_starts, stemmer_for, typed_form
from tui.data.words import _, ngettext

SNIPPET_WIDTH = 60
"""Characters of context shown around a match."""

ECHO_WIDTH = 30
"""Characters of the search words repeated back in a message ("No places found for ...")."""

TITLE_WEIGHT = 10
"""A word in a section's title counts as this many in its text: the section is about it."""

WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
"""A word: letters and digits, with an inner apostrophe ("don't")."""


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


PREFIX_MIN = 3
"""Letters a word being typed needs before it also finds the words it begins ("cra" finds "cramp").

Fewer would flood the list: in the English guide (199 places) one letter begins words in a
median 53 places, and two letters still begin a median 2 words and up to 23 ("ca": 14 words, 62
places); three begin a median 1 word in 3 places, so the list is mostly the word being typed.
A shorter word still finds itself whole ("go", "ALS")."""

INDEXES_KEPT = 4
"""Guides whose index is kept (the guide shown, and a test's few)."""


@dataclass(frozen=True)
class GuideIndex:
    """A guide's words, stemmed once: its sections, and every word's spellings in order, for the
    words that a word being typed begins."""

    guide: Guide
    """The guide, kept so that its id is not reused while its index is here."""
    sections: tuple[IndexedSection, ...]
    answers: frozenset[str]
    """Every stem a query can find anywhere in the guide."""
    spellings: tuple[str, ...]
    """Each word as a reader may type it (lower case, accents of FOLDED_MARKS folded, and with "ñ"
    typed as "n" too), sorted, so the words a beginning starts are side by side."""
    spelling_stems: tuple[str, ...]
    """The stem of the word of each of `spellings`, in the same order."""
    tilde_stems: dict[str, tuple[str, ...]]
    """A stem with "ñ" typed as "n" to the guide's stems that it stands for ("dan" -> "dañ")."""

    def begun_by(self, typed: str) -> frozenset[str]:
        """The stems of the guide's words that begin with `typed` (folded, as `spellings`)."""
        at = bisect.bisect_left(self.spellings, typed)
        end = bisect.bisect_left(self.spellings, typed + "\U0010ffff", at)
        return frozenset(self.spelling_stems[at:end])


_indexes: dict[int, GuideIndex] = {}
"""id(guide) to its index."""


def guide_index(guide: Guide) -> GuideIndex:
    """The guide's index (`search_index`), with the spellings of its words."""
    kept = _indexes.get(id(guide))
    if kept is not None and kept.guide is guide:
        return kept
    language = guide.language.code
    index = []
    spellings: set[tuple[str, str]] = set()
    for section in guide.sections:
        texts = tuple((number, text, stems, answered(stems))
                      for number, text in [(-1, section.title), *enumerate(section.plain_paragraphs())]
                      for stems in [_stems(text, language)])
        answers = frozenset().union(*(text_answers for *_, text_answers in texts))
        index.append(IndexedSection(section.number, section.title, texts, answers))
        for _number, text, stems, _answers in texts:
            for found, start in stems:
                if word := WORD.match(text, start):
                    spelling = typed_form(word.group())
                    spellings |= {(spelling, found), (spelling.translate(WITHOUT_TILDE), found)}
    ordered = sorted(spellings)
    tilde_stems: dict[str, tuple[str, ...]] = {}
    for found in sorted({found for _spelling, found in ordered if "ñ" in found}):
        tilde_stems[found.translate(WITHOUT_TILDE)] = (*tilde_stems.get(found.translate(WITHOUT_TILDE), ()), found)
    while len(_indexes) >= INDEXES_KEPT:
        del _indexes[next(iter(_indexes))]
    _indexes[id(guide)] = GuideIndex(guide, tuple(index), frozenset().union(*(s.answers for s in index)),
                                     tuple(spelling for spelling, _ in ordered), tuple(found for _, found in ordered),
                                     tilde_stems)
    return _indexes[id(guide)]


def search_index(guide: Guide) -> tuple[IndexedSection, ...]:
    """Every section's words stemmed, worked out once per guide: a search runs on every letter
    typed, and the first letter of a fresh guide stemmed all of it (about 6 ms). The full screen
    builds it as the search screen opens (tui/fullscreen/screens/search.py)."""
    return guide_index(guide).sections


@dataclass(frozen=True)
class Term:
    """One word of a query, and what in the guide answers it."""

    whole: str
    """The stem the word is found by, whole (query_stem_for: also a word with "ñ" typed as "n")."""
    begun: frozenset[str] = frozenset()
    """While the word is being typed (the last, with nothing after it) and has PREFIX_MIN letters
    or more: the stems of the guide's words it begins."""


def query_terms(query: str, index: GuideIndex, language: str) -> tuple[Term, ...]:
    """The query's words to look for, each by its own stem, or, when nothing in the guide answers
    that, by the word itself where it is a stem the guide has. Search runs on every letter typed,
    and a word half typed can be a whole stem: "respir", on the way to "respira", is Snowball's
    "resp" (it reads "-ir" as a verb's ending) and found nothing, though it is the stem of
    "respirar". The last word, with nothing typed after it, also finds the words it begins."""
    terms: dict[Term, None] = {}  # in the query's order, each once
    for found, start in _stems(query, language):
        word = WORD.match(query, start)
        typed = typed_form(word.group()) if word else found
        whole = typed if found not in index.answers and typed in index.answers else found
        being_typed = word is not None and word.end() == len(query) and len(typed) >= PREFIX_MIN
        begun = index.begun_by(typed) if being_typed else frozenset()
        if being_typed and not begun and whole not in index.answers:
            begun = on_the_way(typed, index, language)
        terms[Term(whole, begun)] = None
    return tuple(terms)


def on_the_way(typed: str, index: GuideIndex, language: str) -> frozenset[str]:
    """The guide's stems that `typed` is a form of, half typed: a stem, then the first letters of
    an ending ("stretchi", on the way to "stretching", when the guide says only "stretch"; "estiran"
    to "estirando"). Without it the places went on the way to a form the guide does not have."""
    starts = ending_starts(language)
    return frozenset(typed[:end] for end in range(PREFIX_MIN, len(typed))
                     if typed[end:] in starts and typed[:end] in index.answers)


EXACT, BEGUN = 2, 1
"""What a word of the query counts for in a place: twice as much found whole as found only as the
beginning of a longer word, so "heat" puts "heat" before "heatstroke"."""


def credits(terms: tuple[Term, ...], index: GuideIndex) -> dict[str, list[tuple[int, int]]]:
    """For a stem of the guide, the terms it answers, each with what it counts for: by its own
    stem, or else (only a whole word) by its stem with "ñ" typed as "n" (query_stem_for)."""
    own: dict[str, list[tuple[int, int]]] = {}
    for number, term in enumerate(terms):
        own.setdefault(term.whole, []).append((number, EXACT))
        for begun in term.begun - {term.whole}:
            own.setdefault(begun, []).append((number, BEGUN))
    without_tilde: dict[str, list[tuple[int, int]]] = {}
    for number, term in enumerate(terms):
        for with_tilde in index.tilde_stems.get(term.whole, ()):
            if with_tilde not in own:
                without_tilde.setdefault(with_tilde, []).append((number, EXACT))
    return own | without_tilde


def search_guide(guide: Guide, query: str) -> list[Hit]:
    """Every paragraph (and title) with words of `query`, in sections that have all of them.

    All the words must be in one section, in any order and any paragraph: "leg cramp" finds the
    section that lists the legs and says spasms are cramps. The last word, while it is being typed,
    also finds the words it begins ("cram" finds "cramps"; PREFIX_MIN). Best first: a section whose
    title has the words, then a paragraph with more of the words, then one with more hits, a word
    found whole counting more than one it only begins (EXACT, BEGUN); in reading order among equals.
    """
    index = guide_index(guide)
    terms = query_terms(query, index, guide.language.code)
    if not terms:
        return []
    credit = credits(terms, index)
    keys = frozenset(term.whole for term in terms).union(*(term.begun for term in terms))
    everything = set(range(len(terms)))
    hits: list[Hit] = []
    for section in index.sections:
        if not all(term.whole in section.answers or not term.begun.isdisjoint(section.answers) for term in terms):
            continue  # a word of the query that nothing here can answer
        found_in = [(number, text, [] if keys.isdisjoint(text_answers) else  # (term, what it counts for, where)
                     [(term, weight, at) for stem_here, at in stems if stem_here in credit
                      for term, weight in credit[stem_here]])
                    for number, text, stems, text_answers in section.texts]
        if {term for _, _, found in found_in for term, _, _ in found} != everything:
            continue  # "año" and "ano" typed: a word answers only one of them
        in_title = TITLE_WEIGHT * counted_terms(found_in[0][2])
        for number, text, found in found_in:
            if not found:
                continue
            here = 0 if number < 0 else 3 * counted_terms(found) + sum(weight for _, weight, _ in found)
            start = found[0][2]
            match = WORD.match(text, start)
            snippet = make_snippet(text, start, len(match.group()) if match else 0)
            hits.append(Hit(section.number, section.title, number, snippet, in_title + here))
    return sorted(hits, key=lambda hit: -hit.score)


def counted_terms(found: list[tuple[int, int, int]]) -> int:
    """What the terms found in a text count for: each once, at the most it counts for there."""
    best: dict[int, int] = {}
    for term, weight, _where in found:
        best[term] = max(best.get(term, 0), weight)
    return sum(best.values())


def echo(words: str) -> str:
    """The search words to repeat back: on one line, cut to about ECHO_WIDTH characters."""
    line = " ".join(words.split())
    if len(line) <= ECHO_WIDTH:
        return line
    cut = line.rfind(" ", 0, ECHO_WIDTH)
    return line[: cut if cut > ECHO_WIDTH // 2 else ECHO_WIDTH] + "..."


def letters_missing(words: str) -> int:
    """How many more letters the word being typed needs to find the words it begins (PREFIX_MIN);
    0 once it has enough, or when it is finished (a space after it)."""
    typed = list(WORD.finditer(words))
    if not typed or typed[-1].end() != len(words):
        return 0
    return max(0, PREFIX_MIN - len(typed_form(typed[-1].group())))


def found_count(count: int, words: str) -> str:
    """How many places, in words, with no full stop: "1 place found" (the prompts add their own
    question after it; the full screen adds how to see them)."""
    if not words.strip():
        return _("Type a word to search for")
    if count == 0 and (missing := letters_missing(words)):
        # TRANSLATORS: heard at each letter while a word is too short to find the words it begins.
        return ngettext("Type {count} more letter", "Type {count} more letters", missing).format(count=missing)
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
