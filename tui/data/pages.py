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
from tui.data.places import Place
from tui.data.terminal import program_version

NUMBER_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty"
).split()
"""Numbers as words, for "Section three of nine"."""


def number_word(number: int) -> str:
    """Spell small numbers as words ("3" -> "three"), as screen readers and speech prefer."""
    return NUMBER_WORDS[number] if 0 <= number < len(NUMBER_WORDS) else str(number)


def section_position(section: Section, total: int) -> str:
    """'Section three of nine', in words."""
    return f"Section {number_word(section.number)} of {number_word(total)}"


def section_heading(section: Section, total: int) -> str:
    """'Section three of nine: What helps': a section's title with where it stands."""
    return f"{section_position(section, total)}: {section.title}"


def section_end(number: int, total: int) -> str:
    """'End of section three' ('..., the last section' for the last): each interface adds how on."""
    word = number_word(number)
    return f"End of section {word}" if number < total else f"End of section {word}, the last section"


def made_section(title: str, blocks: list[Block]) -> Section:
    """A page built in code (not from a file), so help and about read like the guide."""
    return Section(number=0, slug=title.lower().replace(" ", "-"), title=title, blocks=tuple(blocks),
                   path=Path("<generated>"))


def credit_lines(guide: Guide) -> tuple[str, ...]:
    """Whose words the guide is made from, and who wrote and reviewed them: the one wording, on
    About, at the end of `--plain` and of `--speak`."""
    credit = guide.credit
    return (f'This guide is written in our own plain words from "{credit.title}", published by {credit.publisher}.',
            f"Written by {credit.writer}.", f"Medically reviewed by {credit.reviewer}.",
            f"Source updated {credit.updated}.")


def about_page(guide: Guide) -> Section:
    """Credit, review dates, sign-off status and every addition with its source."""
    first, *credit = credit_lines(guide)
    blocks = [
        Block("paragraph", (first,)),
        Block("bullets", tuple(credit)),
        # Straight after the credit: whose review it was, and that our own words have none yet.
        Block("paragraph", (guide.signoff_note,)),
        Block("subheading", ("Review",)),
        Block("bullets", (f"Reviewed: {guide.reviewed}.", f"Next review due: {guide.next_review_due}.")),
        Block("paragraph", (guide.disclaimer,)),
        Block("paragraph", (f"spasm-guide version {program_version()}.",)),
    ]
    if guide.additions:
        blocks.append(Block("subheading", ("Additions and corrections",)))
        blocks.append(Block("bullets", tuple(f"{a.title}: {a.text} Source: {a.source}." for a in guide.additions)))
    # Only here: a reader who never opens About never loads the checklist's code for it.
    from tui.data.checklist import SOURCES_HEADING, source_lines

    sources = source_lines(guide.folder)
    if sources:
        blocks += [Block("subheading", (SOURCES_HEADING,)), Block("bullets", sources)]
    return made_section("About this guide", blocks)


PAGES: dict[str, Callable[[Guide], Section]] = {
    "about": about_page,
}
"""The builder of each place's page, by place id (tui/data/places.py): the places that are read,
not used. The full screen, the prompts and `--plain` show each with no code of their own."""


def absent_place(row: Place) -> str:
    """What every interface says of an optional place the guide has not (its key, its number in
    the prompts): '"Cramp now": this guide has none.'."""
    return f'"{row.key_word or row.prompt_label or row.label}": this guide has none.'


ABSENT_IN_HELP = " (this guide has none)"
"""After the words of a key that opens a place the guide has not, in Help."""


def help_page(screen_name: str, keys: list[tuple[str, str]], reading: list[tuple[str, str]],
              changing: list[str] | None = None) -> Section:
    """Help for one screen, generated from that screen's own bindings."""
    blocks = [
        Block("paragraph", ("These keys work here. Esc goes back. The same keys do the same "
                            "thing on every screen.",)),
        Block("bullets", tuple(f"{key}: {what}" for key, what in keys)),
    ]
    if reading:
        blocks += [Block("subheading", ("While reading aloud",)),
                   Block("bullets", tuple(f"{key}: {what}" for key, what in reading))]
    # Complete here: a person reading over SSH cannot open the README.
    if changing:
        blocks += [Block("subheading", ("Changing keys",)), *(Block("paragraph", (text,)) for text in changing)]
    return made_section(f"Help: {screen_name}", blocks)


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
