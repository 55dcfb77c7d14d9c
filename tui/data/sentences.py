"""Split guide text into sentences, and a section into speech chunks that map back to the text.

The reader speaks one chunk at a time (a sentence, or a piece of a long one) so that:
- libespeak-ng never sees a long input: its synthesis time grows quadratically with the text's
  length, and about 25 KB in one call crashes it;
- stop, skip and pause act on sentence boundaries the listener can follow;
- the screen can highlight the sentence being heard: every chunk remembers which paragraph of
  `Section.plain_paragraphs()` it came from and its character span there.

Pure functions: no speech engine, no Textual, so the rules are easy to test.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from tui.data.content import Section

MAX_CHUNK = 300
"""Longest chunk handed to the synthesiser, in characters."""

NEVER_SPLIT_AFTER = frozenset("e.g i.e dr mr mrs ms prof st vs cf al approx jr sr".split())
"""Words whose full stop never ends a sentence, whatever follows ("Dr. Bell", "vs. Cramps").

Lower case, without the final dot. "etc.", "a.m." and "min." usually do end their sentence, so
they follow the general rule: they split before a capital letter and not before a lower-case
word ("etc. and so on").
"""

BEFORE_NUMBER = frozenset("no nos fig figs vol pp p ch".split())
"""Words whose full stop does not end a sentence when a number follows ("No. 5", "Fig. 2")."""

NEVER_SPLIT_AFTER_ES = frozenset("dr dra drs dras sr sra sres srta ud uds lic prof ej aprox vs".split())
"""The Spanish NEVER_SPLIT_AFTER: "Dra. Ruiz", "Sra. López", "p. ej. Ibuprofeno" ("p." is a single
letter, kept by the initials rule; "ej." is kept here), "aprox. 10 minutos". "etc." follows the
general rule, as in English: "etc. y" carries on, "etc. Luego" ends."""

BEFORE_NUMBER_ES = frozenset("núm n pág págs cap fig vol".split())
"""The Spanish BEFORE_NUMBER: "núm. 5", "pág. 12"."""

ABBREVIATIONS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "en": (NEVER_SPLIT_AFTER, BEFORE_NUMBER),
    "es": (NEVER_SPLIT_AFTER_ES, BEFORE_NUMBER_ES),
}
"""Language (without region) to (never split after, split after unless a number follows). Any
other language uses the English lists."""

OPENING_MARKS = "\u00bf\u00a1"
"""Spanish opens a question and an exclamation with "¿" and "¡": after a stop, one always starts a
new sentence ("Tome vitamina D. ¿Le ayuda?"), whatever the word before the stop. English text has
neither mark, so English splitting is unchanged."""

BULLET = re.compile(r"[ \t]*[-*+\u2022\u2013][ \t]+")
"""A bullet at the start of a line: "- ", "* ", "+ ", "\u2022 ", "\u2013 ". Numbers ("1. ") stay:
they are spoken, since the order of steps means something."""

TERMINATOR = re.compile(r"[.!?\u2026]+[\"'\u201d\u2019)\]]*(?=\s)")
"""A candidate sentence end: stops, closing quotes and brackets, then whitespace."""

SOFT_BREAKS = ("; ", ": ", ", ", " \u2013 ", " - ", " ")
"""Where a too-long sentence is cut, best first."""


@dataclass(frozen=True)
class Chunk:
    """One piece of speech and where it came from."""

    text: str
    """What to speak: exactly `source[start:end]` of its paragraph (or of the title)."""
    paragraph: int | None
    """Index into `Section.plain_paragraphs()`, or None for the section's title (or text that
    is not part of a section body, such as the guide's title in the whole-guide reader)."""
    start: int
    """Offset of the first character in its paragraph."""
    end: int
    """Offset just past the last character."""

    @property
    def highlight(self) -> tuple[int, int, int] | None:
        """(paragraph, start, end) for the section view's reading highlight, or None."""
        return None if self.paragraph is None else (self.paragraph, self.start, self.end)


def _word_before(text: str, dot: int) -> str:
    """The word that ends just before position `dot` (a full stop), lower case, no final dot."""
    start = dot
    while start > 0 and not text[start - 1].isspace() and text[start - 1] not in "([\"'\u201c\u00bf\u00a1":
        start -= 1
    return text[start:dot].lower().rstrip(".")


def _ends_sentence(text: str, match: re.Match[str], start: int, language: str = "en") -> bool:
    """Whether the terminator in `match` really ends the sentence that began at `start`."""
    stops = match.group(0)
    if text[start:match.start()].strip().isdigit():
        return False  # a step number, "1. Rest the muscle.", is part of its step
    after = text[match.end():].lstrip()
    if not after:
        return True
    nxt = after[0]
    # A lower-case word carries on the sentence: "e.g. stretching", "etc. and", "... then".
    if nxt.islower():
        return False
    if stops[0] != "." or nxt in OPENING_MARKS:
        return True  # "?" and "!" end a sentence before anything that is not lower case.
    never_after, before_number = ABBREVIATIONS.get(language.split("-")[0], ABBREVIATIONS["en"])
    word = _word_before(text, match.start())
    if word in never_after or (word in before_number and nxt.isdigit()):
        return False
    if word in ("a.m", "p.m"):
        return True  # "at 9 a.m. Then" ends; "9 a.m. and" was caught by the lower-case rule.
    # Initials and initialisms: "J. Smith", "U.S. Army"; but not a sentence ending in "I.".
    return not (len(word.replace(".", "")) <= 2 and re.fullmatch(r"(?:[a-z]\.)*[a-z]", word) and word != "i")


def _line_spans(text: str, base: int, language: str = "en") -> list[tuple[int, int]]:
    """Sentence spans in one line (no newlines) starting at offset `base` of the whole text."""
    spans: list[tuple[int, int]] = []
    bullet = BULLET.match(text)
    start = bullet.end() if bullet else 0
    for match in TERMINATOR.finditer(text):
        if match.end() <= start or not _ends_sentence(text, match, start, language):
            continue
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(text)))
    out: list[tuple[int, int]] = []
    for first, last in spans:
        # Trim surrounding whitespace so each span is exactly the words spoken.
        while first < last and text[first].isspace():
            first += 1
        while last > first and text[last - 1].isspace():
            last -= 1
        if first < last:
            out.append((base + first, base + last))
    return out


def sentence_spans(text: str, language: str = "en") -> list[tuple[int, int]]:
    """(start, end) of each sentence in `text`, by the abbreviations of `language` ("es", "es-419");
    bullet markers and blank lines are left out."""
    spans: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        spans.extend(_line_spans(line, offset, language))
        offset += len(line) + 1
    return spans


def split_sentences(text: str, language: str = "en") -> list[str]:
    """Split `text` into sentences, each stripped, bullets without their marker."""
    return [text[start:end] for start, end in sentence_spans(text, language)]


SPOKEN_WORDS = ((re.compile(r"\bvs\.(?=\s)", re.IGNORECASE), "versus"),
                (re.compile(r"\bi\.e\.(?=\s|$)", re.IGNORECASE), "that is"),
                (re.compile(r"\bp\. ?ej\.(?=\s|$)", re.IGNORECASE), "por ejemplo"),
                (re.compile(r"\baprox\.(?=\s|$)", re.IGNORECASE), "aproximadamente"),
                (re.compile(r"\bpág\.(?=\s)", re.IGNORECASE), "página"))
"""Abbreviations eSpeak NG reads letter by letter ("v s"), with the words to say instead. The
Spanish ones (es-419 says "p ej", "aprox", "pag") are spellings English text never has, so they
need no language and English speech is unchanged."""

SPOKEN_WORDS_BY_VOICE: dict[str, tuple[tuple[re.Pattern[str], str], ...]] = {
    # At the end it keeps its full stop, which ends the sentence as said; inside it, none.
    "es": ((re.compile(r"\betc\.$", re.IGNORECASE), "etcétera."),
           (re.compile(r"\betc\.(?=\s)", re.IGNORECASE), "etcétera"),
           (re.compile(r"\bA&E\b"), "A y E"),
           (re.compile(r"\bEM\b"), "E M")),
}
"""Abbreviations spelled the same in several languages but said in the voice's own, by the
language of the voice that speaks (its name's first part: "es" for "es-419"), since that is what
mangles them. Measured with `espeak-ng -v es-419 -x`: "etc." is "etk" (English says "etcetera");
"A&E" (the UK's emergency department) is "a ampersand e" (English says "A and E"); "EM"
(esclerosis múltiple) is the one syllable "em", where Spanish spells it "e eme"."""

EMERGENCY_NUMBER = re.compile(r"(?<![\d.,])(911|999|112|000|111)(?!\d|[.,]\d)")
"""Emergency and urgent-care numbers: eSpeak NG says "911" as "nine hundred and eleven"."""


def voice_language(voice: str) -> str:
    """The language a voice speaks, from its name: "es" for "es-419" or eSpeak NG's id
    "roa/es-419", "en" for "en-gb" or for "" (the engine's default voice, English)."""
    return re.split(r"[-_]", voice.rsplit("/", 1)[-1])[0].lower() or "en"


def spoken_text(text: str, voice: str = "") -> str:
    """The words to synthesise for a chunk's text in `voice` (the screen keeps the text as written).

    Emergency numbers are said digit by digit ("9 1 1"), as people dial them, and a few
    abbreviations are expanded, some only for the voice's language ("etc." in Spanish). Everything
    else eSpeak NG already reads well ("e.g." is "for example", "2.5" is "two point five").
    """
    text = EMERGENCY_NUMBER.sub(lambda m: " ".join(m.group(1)), text)
    for pattern, words in (*SPOKEN_WORDS, *SPOKEN_WORDS_BY_VOICE.get(voice_language(voice), ())):
        text = pattern.sub(words, text)
    return text


def spoken_texts(chunks: Sequence[Chunk | str], voice: str = "") -> list[str]:
    """What to synthesise for each chunk (or plain string), in order, for `voice`."""
    return [spoken_text(c.text if isinstance(c, Chunk) else str(c), voice) for c in chunks]


def split_long(text: str, start: int, end: int, limit: int = MAX_CHUNK) -> list[tuple[int, int]]:
    """Cut the span text[start:end] into pieces of at most `limit` characters at soft breaks."""
    pieces: list[tuple[int, int]] = []
    while end - start > limit:
        window = text[start:start + limit]
        cut = -1
        for mark in SOFT_BREAKS:
            at = window.rfind(mark)
            if at > limit // 3:  # never leave a stub of a few words
                cut = at + len(mark.rstrip())
                break
        if cut <= 0:
            cut = limit  # one enormous word: a hard cut is all that is left
        piece_end = start + cut
        while piece_end > start and text[piece_end - 1].isspace():
            piece_end -= 1
        pieces.append((start, piece_end))
        start += cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        pieces.append((start, end))
    return pieces


def text_chunks(text: str, paragraph: int | None = None, limit: int = MAX_CHUNK,
                language: str = "en") -> list[Chunk]:
    """Chunks for one paragraph (or any text): sentences, long ones cut at soft breaks."""
    chunks: list[Chunk] = []
    for start, end in sentence_spans(text, language):
        for first, last in split_long(text, start, end, limit):
            chunks.append(Chunk(text[first:last], paragraph, first, last))
    return chunks


def speech_chunks(section: Section, limit: int = MAX_CHUNK, language: str = "en") -> list[Chunk]:
    """Everything to speak for a section: its title, then each paragraph's sentences in order."""
    chunks = text_chunks(section.title, None, limit, language)
    for index, paragraph in enumerate(section.plain_paragraphs()):
        chunks.extend(text_chunks(paragraph, index, limit, language))
    return chunks
