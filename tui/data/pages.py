"""The guide's pages and their fixed words, built once for every interface.

The full screen, `--plain`, the numbered prompts and `--speak` each render these, and never word
them again: a page is a `Section` (made in code, not read from a file), so every interface shows
and reads it as it does the guide's own sections. One builder per page: about, help, the credit,
the "Get help now" signs, and where a section stands ("Section three of nine").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tui.data.content import Block, Guide, Section
from tui.data.key_names import key_in_words
from tui.data.terminal import program_version
from tui.data.words import _


def number_words() -> list[str]:
    """The numbers 0 to 20 as words in the language shown now, for "Section three of nine"."""
    # TRANSLATORS: the numbers 0 to 20 as words, in this order, separated by spaces (21 words).
    words = _("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
              "fifteen sixteen seventeen eighteen nineteen twenty").split()
    return words if len(words) == 21 else []  # a translation with a word missing: digits, never a wrong word


def number_word(number: int) -> str:
    """Spell small numbers as words ("3" -> "three", "tres" in Spanish), as screen readers and
    speech prefer."""
    words = number_words()
    return words[number] if 0 <= number < len(words) else str(number)


def section_position(section: Section, total: int) -> str:
    """'Section three of nine', in words."""
    return _("Section {number} of {total}").format(number=number_word(section.number), total=number_word(total))


def section_heading(section: Section, total: int) -> str:
    """'Section three of nine: What helps': a section's title with where it stands."""
    return f"{section_position(section, total)}: {section.title}"


def section_end(number: int, total: int) -> str:
    """'End of section three' ('..., the last section' for the last): each interface adds how on."""
    word = number_word(number)
    if number < total:
        return _("End of section {number}").format(number=word)
    return _("End of section {number}, the last section").format(number=word)


def made_section(title: str, blocks: list[Block]) -> Section:
    """A page built in code (not from a file), so help and about read like the guide."""
    return Section(number=0, slug=title.lower().replace(" ", "-"), title=title, blocks=tuple(blocks),
                   path=Path("<generated>"))


def credit_lines(guide: Guide) -> tuple[str, ...]:
    """Whose words the guide is made from, and who wrote and reviewed them: the one wording, on
    About, at the end of `--plain` and of `--speak`."""
    credit = guide.credit
    return (_('This guide is written in our own plain words from "{title}", published by {publisher}.').format(
                title=credit.title, publisher=credit.publisher),
            _("Written by {writer}.").format(writer=credit.writer),
            _("Medically reviewed by {reviewer}.").format(reviewer=credit.reviewer),
            _("Source updated {date}.").format(date=credit.updated))


def about_page(guide: Guide) -> Section:
    """Credit, review dates, sign-off status and every addition with its source."""
    first, *credit = credit_lines(guide)
    blocks = [
        Block("paragraph", (first,)),
        Block("bullets", tuple(credit)),
        # Straight after the credit: whose review it was, and that our own words have none yet.
        Block("paragraph", (guide.signoff_note,)),
        Block("subheading", (_("Review"),)),
        Block("bullets", (_("Reviewed: {date}.").format(date=guide.reviewed),
                          _("Next review due: {date}.").format(date=guide.next_review_due))),
        Block("paragraph", (guide.disclaimer,)),
        Block("paragraph", (_("spasm-guide version {version}.").format(version=program_version()),)),
    ]
    if guide.additions:
        blocks.append(Block("subheading", (_("Additions and corrections"),)))
        blocks.append(Block("bullets", tuple(_("{title}: {text} Source: {source}.").format(
            title=a.title, text=a.text, source=a.source) for a in guide.additions)))
    # Only here: a reader who never opens About never loads the checklist's code for it.
    from tui.data.checklist import SOURCES_HEADING, source_lines

    sources = source_lines(guide.folder)
    if sources:
        blocks += [Block("subheading", (_(SOURCES_HEADING),)), Block("bullets", sources)]
    return made_section(_("About this guide"), blocks)


PAGES: dict[str, Callable[[Guide], Section]] = {
    "about": about_page,
}
"""The builder of each place's page, by place id (tui/data/places.py): the places that are read,
not used. The full screen, the prompts and `--plain` show each with no code of their own."""


def help_page(screen_name: str, keys: list[tuple[str, str]], reading: list[tuple[str, str]],
              changing: list[str] | None = None) -> Section:
    """Help for one screen, generated from that screen's own bindings."""
    blocks = [
        Block("paragraph", (_("These keys work here. {esc} goes back. The same keys do the same "
                              "thing on every screen.").format(esc=key_in_words("escape")),)),
        Block("bullets", tuple(f"{key}: {what}" for key, what in keys)),
    ]
    if reading:
        blocks += [Block("subheading", (_("While reading aloud"),)),
                   Block("bullets", tuple(f"{key}: {what}" for key, what in reading))]
    # Complete here: a person reading over SSH cannot open the README.
    if changing:
        blocks += [Block("subheading", (_("Changing keys"),)), *(Block("paragraph", (text,)) for text in changing)]
    return made_section(_("Help: {screen}").format(screen=screen_name), blocks)


@dataclass(frozen=True)
class GetHelp:
    """The "Get help now" block: for a worried reader, before anything else of the guide."""

    title: str
    """"Get help now. Call your emergency number if spasms come with:"."""
    signs: tuple[str, ...]
    """One line per sign."""
    after: str
    """The last line: what else, and where every sign is."""


def get_help(guide: Guide) -> GetHelp | None:
    """The guide's "Get help now" block, or None if it has none."""
    if not guide.get_help:
        return None
    title, *signs, after = guide.get_help
    return GetHelp(title, tuple(signs), after)
