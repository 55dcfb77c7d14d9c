"""Print the guide as linear text: for screen readers, braille displays, pipes and `less`.

Headings, paragraphs and bullets ("- "), wrapped at 72 columns, no box drawing. Bold headings
only when stdout is a terminal and NO_COLOR is not set; otherwise not one escape code.
"""

from __future__ import annotations

import os
import re
import textwrap
from typing import TextIO

from tui.data.content import Guide, Section
from tui.data.pages import PAGES, get_help, section_heading
from tui.data.places import start_menu
from tui.data.settings import Settings, emergency_line
from tui.data.words import _

WIDTH = 72
"""Lines are wrapped to this many columns: comfortable to read and to follow on braille."""

def use_styling(stream: TextIO) -> bool:
    """Bold headings only on a real terminal, and never with NO_COLOR set."""
    return stream.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def wrap(text: str, indent: str = "", width: int = WIDTH) -> list[str]:
    """Wrap one paragraph; continuation lines of a bullet line up under its text."""
    return textwrap.wrap(
        text, width=width, initial_indent=indent, subsequent_indent=" " * len(indent),
        break_long_words=True, break_on_hyphens=False,
    ) or [indent.rstrip()]


HANGING = re.compile(r"\s*(?:(?:[-*]|\d+\.|>?\s*\[.\](?:\s+\w+:)?)\s+)?")
"""What a continuation row lines up under: a line's indent and its mark ("- ", "3. ", "[ ] ")."""


def terminal_width(stream: TextIO) -> int | None:
    """The window's width in columns when `stream` is a terminal; None for a pipe or a file."""
    try:
        if not stream.isatty():
            return None
        return os.get_terminal_size(stream.fileno()).columns or None
    except (AttributeError, ValueError, OSError):
        return None


def fit(line: str, width: int | None) -> list[str]:
    """`line` as rows no wider than `width`, broken between words (a terminal's own wrapping
    breaks mid-word, and a screen reader says "emerge", then "ncy"). Continuation rows line up
    under the text after the line's mark. None (a pipe) or a line that fits: the line itself."""
    if width is None or len(line) <= width:
        return [line]
    mark = HANGING.match(line)
    hang = " " * (len(mark.group(0)) if mark else 0)
    if len(hang) > width // 2:
        hang = ""
    return textwrap.wrap(line, width=width, subsequent_indent=hang, break_long_words=True,
                         break_on_hyphens=False, drop_whitespace=True) or [""]


def section_lines(section: Section, total: int, width: int = WIDTH) -> list[str]:
    """One section as plain lines: position, title, then the body."""
    return [section_heading(section, total), "", *body_lines(section, width)]


def page_lines(page: Section, width: int = WIDTH) -> list[str]:
    """A page made in code (tui/data/pages.py) as plain lines: its title, then the body."""
    return [page.title, "", *body_lines(page, width)]


def body_lines(section: Section, width: int = WIDTH) -> list[str]:
    """A section's or page's blocks as plain lines, a blank line after each."""
    lines: list[str] = []
    for block in section.blocks:
        if block.kind == "paragraph":
            lines.extend(wrap(block.lines[0], width=width))
        elif block.kind == "subheading":
            lines.append(block.lines[0])
        elif block.kind == "note":
            lines.extend(wrap(block.lines[0], width=width))  # notes say "Added: ..." themselves
        else:
            for item in block.lines:
                lines.extend(wrap(item, "- ", width=width))
        lines.append("")
    return lines


def guide_lines(guide: Guide, settings: Settings, width: int = WIDTH) -> list[str]:
    """The whole guide as plain lines: title, disclaimer, emergency line, contents, sections, then
    the pages of the places (About: the credit)."""
    total = len(guide.sections)
    lines = [guide.title, guide.disclaimer, emergency_line(settings), "", *get_help_lines(guide, width)]
    lines.append(_("Contents"))
    lines += [f"{s.number}. {s.title}" for s in guide.sections]
    lines.append("")
    for section in guide.sections:
        lines += section_lines(section, total, width)
    for page in place_pages(guide):
        lines += page_lines(page, width)
    return lines


def place_pages(guide: Guide) -> list[Section]:
    """The pages of the places that have one (About ...), in start menu order: `--plain` ends with them."""
    return [PAGES[row.id](guide) for row in start_menu() if row.id in PAGES]


def get_help_lines(guide: Guide, width: int = WIDTH) -> list[str]:
    """The "Get help now" signs and a blank line, or nothing if the guide has none: for a worried
    reader, before anything else of the guide."""
    block = get_help(guide)
    if block is None:
        return []
    lines = wrap(block.title, width=width)
    for sign in block.signs:
        lines += wrap(sign, "- ", width)
    return [*lines, *wrap(block.after, width=width), ""]


def plain_text(guide: Guide, settings: Settings, section: int | None = None, bold: bool = False,
               width: int | None = None) -> str:
    """The whole guide, or one section, as text; headings in bold escape codes only if `bold`.
    `width`: a window narrower than WIDTH, whose every row is broken between words."""
    wrap_at = WIDTH if width is None else min(WIDTH, width)
    if section is None:
        lines = guide_lines(guide, settings, wrap_at)
        total = len(guide.sections)
        headings = {guide.title, _("Contents"), *(page.title for page in place_pages(guide))}
        headings |= {section_heading(s, total) for s in guide.sections}
    else:
        lines = section_lines(guide.section(section), len(guide.sections), wrap_at)
        headings = {lines[0]}
    rows = [(row, line in headings) for line in lines for row in fit(line, width)]
    return "".join(f"\x1b[1m{row}\x1b[0m\n" if bold and heading else f"{row}\n" for row, heading in rows)


def print_plain(guide: Guide, settings: Settings, out: TextIO, section: int | None = None) -> str:
    """Write the guide (or one section) to `out`, styled only where `use_styling` allows; return it.
    At a window narrower than the text, every row is broken between words, not by the terminal."""
    width = terminal_width(out)
    narrow = width - 1 if width is not None and width <= WIDTH else None
    text = plain_text(guide, settings, section, use_styling(out), narrow)
    out.write(text)
    return text
