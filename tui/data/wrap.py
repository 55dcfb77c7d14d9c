"""Word wrapping that remembers where each line came from.

The section view, search and the speech highlight all need to map a (paragraph, character)
position to a screen line, so wrapping keeps character offsets instead of copying text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class WrappedLine:
    """One line of wrapped text."""

    paragraph: int
    """Index into the list of paragraphs; -1 for a blank spacer line."""
    start: int
    """Offset of the line's first character in its paragraph."""
    end: int
    """Offset just past its last character."""
    indent: int
    """Spaces drawn before the text (a bullet's continuation lines hang under its text)."""


def wrap_spans(text: str, width: int, hanging: int = 0) -> list[tuple[int, int, int]]:
    """Greedy wrap of `text` into (start, end, indent) spans no wider than `width` columns."""
    width = max(width, hanging + 1, 1)
    spans: list[tuple[int, int, int]] = []
    start = end = -1
    indent = 0
    for match in _WORD.finditer(text):
        word_start, word_end = match.span()
        if start < 0:
            start, end = word_start, word_end
        elif indent + (word_end - start) <= width:
            end = word_end
        else:
            spans.append((start, end, indent))
            indent = hanging
            start, end = word_start, word_end
        # A word longer than the line is cut, never scrolled sideways: after a "/" where it has
        # one (a file's path), as a message is (`wrap_message`): "settings.tom", "l." are not words.
        while indent + (end - start) > width:
            cut = start + width - indent
            cut = text.rfind("/", start + 1, cut) + 1 or cut
            spans.append((start, cut, indent))
            indent = hanging
            start = cut
    if start >= 0:
        spans.append((start, end, indent))
    return spans or [(0, 0, 0)]


_PHRASE_END = re.compile(r"(?<=[.:?!]) +")
"""Where a phrase ends: after a full stop, colon, question or exclamation mark and its spaces."""


def phrase_spans(text: str, width: int) -> list[tuple[int, int, int]]:
    """`text` in (start, end, indent) spans of `width` columns, broken where a phrase ends when it
    takes more than one row ("End of section one." then "Press n for the next section."), and
    between words within a phrase only where the phrase is wider than a row.

    A reader reading by line hears one row a key: an end line broken at the width was heard as
    "End of section one. Press n for the" and, on the next key, "next section."
    """
    if len(text) <= width:
        return wrap_spans(text, width)
    spans: list[tuple[int, int, int]] = []
    start, whole = 0, False  # whole: the last row holds whole phrases only
    for phrase in [*_PHRASE_END.finditer(text), None]:
        end = phrase.start() if phrase is not None else len(text)
        pieces = [(s + start, e + start, i) for s, e, i in wrap_spans(text[start:end], width)]
        if whole and len(pieces) == 1 and pieces[0][1] - spans[-1][0] <= width:
            spans[-1] = (spans[-1][0], pieces[0][1], 0)  # a short phrase joins the row before
        else:
            spans += pieces
            whole = len(pieces) == 1
        if phrase is not None:
            start = phrase.end()
    return spans


def wrap_paragraphs(paragraphs: list[str], width: int, joined: set[int] | None = None) -> list[WrappedLine]:
    """Wrap paragraphs with a blank line between them, except before those in `joined`.

    Paragraphs that start with "- " are bullets: their continuation lines hang by two columns.
    `joined` holds indices that follow the previous paragraph with no blank line (list items).
    """
    joined = joined or set()
    lines: list[WrappedLine] = []
    for index, text in enumerate(paragraphs):
        if lines and index not in joined:
            lines.append(WrappedLine(-1, 0, 0, 0))
        hanging = 2 if text.startswith("- ") else 0
        lines.extend(WrappedLine(index, s, e, i) for s, e, i in wrap_spans(text, width, hanging))
    return lines


def wrap_message(text: str, width: int) -> list[str]:
    """`text` as rows of at most `width` columns, broken between words, and a word too long for a
    row (a file's path) broken after a "/" where it can be: a screen reader says each row as it
    comes, and "summaries/check" then "list-2026" are not words."""
    width = max(width, 1)
    rows: list[str] = []
    row = ""
    for word in text.split():
        while len(word) > width:
            cut = word.rfind("/", 0, width - len(row) - (1 if row else 0)) + 1
            if cut <= 0 and row:  # no room on this row: the word starts the next one
                rows.append(row)
                row = ""
                continue
            cut = cut if cut > 0 else width
            rows.append(f"{row} {word[:cut]}".strip())
            row, word = "", word[cut:]
        if row and len(row) + 1 + len(word) > width:
            rows.append(row)
            row = ""
        row = f"{row} {word}".strip()
    return [*rows, row] if row else rows


_SPACED_WORD = re.compile(r"\s*\S+\s*")
"""A word with the blanks before and after it, as rich's line breaker (`rich._wrap.words`) sees one."""


def single_cell_breaks(text: str, width: int) -> list[int]:
    """Where Textual's Content breaks one line of single-cell `text` at `width`: the offsets rich's
    `divide_line` (with fold) gives, with a character's length for its cells (no cell-width look-up
    per word: a list's items are wrapped on every letter typed in search). The blanks after a word
    stay on its line; a word longer than a line is cut at the width. Checked against Content's own
    rows for any words and width by tests/test_guide_list_heights.py.

    Words of ASCII are not read one by one: each row ends before the word that crosses the edge (found
    with one search back for a blank), as word by word it would; a word longer than a row, or blanks
    at the start, are left to the word-by-word way (`breaks_word_by_word`)."""
    if len(text) <= width:
        return []  # every word fits
    if not text.isascii() or text[0] == " ":
        return breaks_word_by_word(text, width)
    breaks: list[int] = []
    start, length = 0, len(text)
    while start + width < length:
        edge = start + width  # the first cell past the row
        if text[edge] == " ":  # the row ends on a word's end: the next row starts at the next word
            after = length - len(text[edge:].lstrip(" "))
            if after == length:
                break  # only blanks are left, and they stay on the row
        else:  # the word across the edge starts the next row
            after = text.rfind(" ", start, edge) + 1
            if after <= start:
                return breaks_word_by_word(text, width)  # a word longer than a row
        breaks.append(after)
        start = after
    return breaks


def breaks_word_by_word(text: str, width: int) -> list[int]:
    """`single_cell_breaks` for any single-cell text, a word at a time, as rich's `divide_line` goes."""
    breaks: list[int] = []
    used = 0
    for match in _SPACED_WORD.finditer(text):
        start, end = match.span()
        length = len(match.group().rstrip())
        if width - used >= length:
            used += end - start
        elif length > width:  # cut into pieces of the width, each on a line of its own
            for piece in range(start, end, width):
                if piece:
                    breaks.append(piece)
                used = min(width, end - piece)
        elif used and start:
            breaks.append(start)
            used = end - start
    return breaks
