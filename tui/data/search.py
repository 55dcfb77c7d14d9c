"""Find words across the guide: a plain, case-insensitive search over every section."""

from __future__ import annotations

from dataclasses import dataclass

from tui.data.content import Guide

SNIPPET_WIDTH = 60
"""Characters of context shown around a match."""


@dataclass(frozen=True)
class Hit:
    """One place where the query was found."""

    section_number: int
    """Which section (1-based)."""
    section_title: str
    """That section's title."""
    paragraph_index: int
    """Which paragraph of `Section.plain_paragraphs()` (-1 for the title)."""
    snippet: str
    """The matching text with a little context, on one line."""


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
    return ("..." if left > 0 else "") + text[left:right] + ("..." if right < len(text) else "")


def search_guide(guide: Guide, query: str) -> list[Hit]:
    """Return every paragraph (and title) that contains `query`, in reading order."""
    needle = " ".join(query.split()).casefold()
    if not needle:
        return []
    hits: list[Hit] = []
    for section in guide.sections:
        texts = [(-1, section.title), *list(enumerate(section.plain_paragraphs()))]
        for index, text in texts:
            position = text.casefold().find(needle)
            if position >= 0:
                hits.append(Hit(section.number, section.title, index, make_snippet(text, position, len(needle))))
    return hits
