"""Load a guide from its folder of data files into typed, validated objects.

A guide folder holds `guide.toml` (metadata, credits, the order of sections) and one Markdown
file per section under `sections/`. The Markdown is a small, strict subset (see
`content/FORMAT.md`) so that every block maps to plain text for the screen, the plain mode and
the speech reader alike. Any mistake raises `ContentError` naming the file and the line or key.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from tui.data.bundled import bundled_content_dir
from tui.data.dates import date_in_words
from tui.data.dates import review_line as dated_review_line
from tui.data.errors import ContentError
from tui.data.language import ENGLISH, Language, parse_language
from tui.data.safe_read import CONTENT_TOML_CAP, SECTION_CAP, TomlProblem, loads_toml, read_regular_file
from tui.data.sanitize import clean_line

BlockKind = Literal["paragraph", "bullets", "subheading", "note"]


@dataclass(frozen=True)
class Block:
    """One block of a section: a paragraph, a bulleted list, a subheading or a marked note."""

    kind: BlockKind
    """What sort of block this is."""
    lines: tuple[str, ...]
    """The block's text: one entry for a paragraph, subheading or note; one per bullet."""
    line_number: int = 0
    """Where the block starts in its file (1-based), for error messages and search."""


@dataclass(frozen=True)
class Section:
    """One screen's worth of the guide."""

    number: int
    """1-based position in the guide."""
    slug: str
    """The file's stem, stable across reorderings (used in settings and tests)."""
    title: str
    """The section heading, in plain words."""
    blocks: tuple[Block, ...]
    """The body, in reading order."""
    path: Path
    """The file it was loaded from."""

    def plain_paragraphs(self) -> list[str]:
        """The body as a list of plain strings: bullets prefixed with "- "."""
        out: list[str] = []
        for block in self.blocks:
            if block.kind == "bullets":
                out.extend(f"- {item}" for item in block.lines)
            else:
                out.extend(block.lines)
        return out

    def text(self) -> str:
        """The whole section, title first, as plain text (used for search and reading level)."""
        return "\n".join([self.title, *self.plain_paragraphs()])


@dataclass(frozen=True)
class Addition:
    """A correction or addition to the source, with where it comes from."""

    title: str
    """What was added or corrected."""
    text: str
    """The addition itself, in plain words."""
    source: str
    """Who says so (e.g. "NHS", "Am Fam Physician 2008")."""


@dataclass(frozen=True)
class Credit:
    """The article the guide is written from."""

    title: str
    """The source article's title."""
    publisher: str
    """Who published it."""
    reviewer: str
    """Who reviewed it medically."""
    writer: str
    """Who wrote it."""
    updated: str
    """When the source was last updated, as a date string."""


@dataclass(frozen=True)
class Guide:
    """A whole guide: metadata and sections, ready to show."""

    folder: Path
    """The folder it was loaded from."""
    title: str
    """The guide's title."""
    disclaimer: str
    """One line: this is information, not a diagnosis."""
    credit: Credit
    """The source article's credit line."""
    reviewed: str
    """When the guide's content was last reviewed."""
    next_review_due: str
    """When the next review is due."""
    signoff_note: str
    """A plain statement of the clinical sign-off status of the guide's own wording."""
    additions: tuple[Addition, ...]
    """Corrections and additions to the source, each with its own source."""
    sections: tuple[Section, ...] = field(default_factory=tuple)
    """The sections in reading order."""
    get_help: tuple[str, ...] = ()
    """The short "Get help now" block for a worried reader: a heading line, then one line per
    sign (optional `[get_help]` in guide.toml; empty when a guide has none)."""
    language: Language = ENGLISH
    """The language of the guide's words and the voice that reads them (optional `[language]` in
    guide.toml; English with the engine's default voice when a guide has none)."""

    def section(self, number: int) -> Section:
        """Return section `number` (1-based); raise IndexError if there is none."""
        if not 1 <= number <= len(self.sections):
            raise IndexError(number)
        return self.sections[number - 1]


def default_content_dir() -> Path:
    """Where the bundled guide lives: inside the installed package, or the checkout's content/."""
    return Path(bundled_content_dir())


def decode_utf8(raw: bytes, path: Path) -> str:
    """Decode a content file, naming the line of the first byte that is not UTF-8."""
    try:
        # utf-8-sig: editors on Windows may put a byte-order mark first; it is not content.
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise ContentError(path, f"not UTF-8 text (byte {exc.start}); save the file as UTF-8", line) from None


def load_toml(path: Path, cap: int = CONTENT_TOML_CAP) -> dict[str, Any]:
    """Read a TOML file safely (see tui/data/safe_read.py), every failure a one-line ContentError."""
    try:
        raw = read_regular_file(path, cap)
    except FileNotFoundError:
        raise ContentError(path, "file not found") from None
    except OSError as exc:
        raise ContentError(path, f"cannot read: {exc.strerror}") from None
    try:
        return loads_toml(decode_utf8(raw, path))
    except TomlProblem as exc:
        raise ContentError(path, f"invalid TOML: {exc.message}", exc.line) from None


def refuse_unknown_keys(table: dict[str, Any], keys: frozenset[str], path: Path, where: str) -> None:
    """Refuse a key the format does not have: a typo must not silently drop what it named."""
    for key in table:
        if key not in keys:
            raise ContentError(path, f"key '{where}{key}' is not known (use {', '.join(sorted(keys))})")


def require_str(table: dict[str, Any], key: str, path: Path, where: str, language: str = "en") -> str:
    """Return `table[key]` as a non-empty, clean string or raise naming the key. An unquoted TOML
    date is written in words in `language` ("27 de noviembre de 2026")."""
    value = table.get(key)
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        # An unquoted TOML date (2026-11-27) is shown as words, which read and speak clearly.
        return date_in_words(value, language)
    if value is None:
        raise ContentError(path, f"missing key '{where}{key}'")
    if not isinstance(value, str) or not clean_line(value):
        raise ContentError(path, f"key '{where}{key}' must be a non-empty string")
    return clean_line(value)


def require_table(data: dict[str, Any], key: str, path: Path) -> dict[str, Any]:
    """Return `data[key]` as a table or raise naming the key."""
    value = data.get(key)
    if not isinstance(value, dict):
        raise ContentError(path, f"missing table [{key}]")
    return value


# Markdown the subset does not have. Caught anywhere in a line, not only at its start, so that a
# stray `**bold**` or link is reported instead of showing its asterisks or brackets to the reader.
_UNSUPPORTED_START = re.compile(r"^(?:[*+]\s|#|<|\||```|~~~|\d+[.)]\s|-{3,}$|={3,}$|\*{3,}$|_{3,}$)")
_UNSUPPORTED_INLINE = re.compile(r"\*\*|__|`|\[[^\]]*\]\([^)]*\)|</?[A-Za-z][^>]*>")


def unsupported(stripped: str) -> str | None:
    """Return the piece of unsupported Markdown in a line, or None if the line is allowed."""
    found = _UNSUPPORTED_START.match(stripped) or _UNSUPPORTED_INLINE.search(stripped)
    return found.group(0).strip()[:12] if found else None


def parse_section(path: Path, number: int) -> Section:
    """Parse one section file in the guide's Markdown subset."""
    try:
        raw = read_regular_file(path, SECTION_CAP)
    except FileNotFoundError:
        raise ContentError(path, "section file not found (it is listed in guide.toml 'guide.sections')") from None
    except OSError as exc:
        raise ContentError(path, f"cannot read the section file: {exc.strerror}") from None
    lines = decode_utf8(raw, path).splitlines()
    title = ""
    blocks: list[Block] = []
    paragraph: list[str] = []
    bullets: list[str] = []
    note: list[str] = []
    start = 0

    def flush() -> None:
        """Close the open paragraph, list or note, if any, as one block."""
        nonlocal paragraph, bullets, note
        if paragraph:
            blocks.append(Block("paragraph", (clean_line(" ".join(paragraph)),), start))
        if bullets:
            blocks.append(Block("bullets", tuple(bullets), start))
        if note:
            blocks.append(Block("note", (clean_line(" ".join(note)),), start))
        paragraph, bullets, note = [], [], []

    for index, raw_line in enumerate(lines, start=1):
        stripped = raw_line.strip()
        if not title:
            if not stripped:
                continue
            # The cleaned title must still have words: "# " plus only control characters has none.
            if not stripped.startswith("# ") or not clean_line(stripped[2:]):
                raise ContentError(path, "the first line must be the title, as '# Title'", index)
            title = clean_line(stripped[2:])
            if bad := unsupported(title):
                raise ContentError(path, f"unsupported Markdown '{bad}' in the title: see content/FORMAT.md",
                                   index)
            continue
        if not stripped:
            flush()
            continue
        if stripped.startswith("# "):
            raise ContentError(path, "only one '# ' title per section; use '## ' for a subheading", index)
        marker = next((m for m in ("## ", "> ", "- ") if stripped.startswith(m)), "")
        content = stripped[len(marker):]
        if stripped in (">", "-") or not clean_line(content):
            raise ContentError(path, "a marker or control characters with no text", index)
        if bad := unsupported(content):
            raise ContentError(path, f"unsupported Markdown '{clean_line(bad)}': see content/FORMAT.md", index)
        if stripped.startswith("## "):
            flush()
            blocks.append(Block("subheading", (clean_line(content),), index))
        elif stripped.startswith("> "):
            # Consecutive '> ' lines are one note, as in Markdown, so a long note can be wrapped.
            if not note:
                flush()
                start = index
            note.append(content)
        elif stripped.startswith("- "):
            if not bullets:
                flush()
                start = index
            bullets.append(clean_line(content))
        elif bullets and raw_line.startswith(("  ", "\t")):
            bullets[-1] = f"{bullets[-1]} {clean_line(stripped)}"
        else:
            if not paragraph:
                flush()
                start = index
            paragraph.append(stripped)
    flush()
    if not title:
        raise ContentError(path, "empty section: the first line must be '# Title'", 1)
    if not blocks:
        raise ContentError(path, "the section has a title but no text", len(lines))
    return Section(number=number, slug=path.stem, title=title, blocks=tuple(blocks), path=path)


def load_guide(folder: Path | None = None) -> Guide:
    """Load and validate the guide in `folder` (the bundled guide by default)."""
    folder = folder or default_content_dir()
    if not folder.is_dir():
        raise ContentError(folder, "no such folder")
    meta_path = folder / "guide.toml"
    data = load_toml(meta_path)
    guide = require_table(data, "guide", meta_path)
    source = require_table(data, "source", meta_path)
    review = require_table(data, "review", meta_path)
    names = guide.get("sections")
    if not isinstance(names, list) or not names or not all(isinstance(n, str) for n in names):
        raise ContentError(meta_path, "key 'guide.sections' must be a non-empty list of file names")
    for name in names:
        # A plain file name only: a path could reach outside the guide's folder.
        if Path(name).name != name or not name.endswith(".md") or name.startswith("."):
            raise ContentError(meta_path, f"key 'guide.sections': '{name}' must be a file name ending in .md")
        if names.count(name) > 1:
            raise ContentError(meta_path, f"key 'guide.sections' lists '{name}' twice")
    additions: list[Addition] = []
    raw_additions = data.get("additions", [])
    if not isinstance(raw_additions, list):
        raise ContentError(meta_path, "'additions' must be an array of tables, as [[additions]]")
    for index, item in enumerate(raw_additions):
        if not isinstance(item, dict):
            raise ContentError(meta_path, f"additions[{index}] must be a table")
        where = f"additions[{index}]."
        additions.append(
            Addition(
                title=require_str(item, "title", meta_path, where),
                text=require_str(item, "text", meta_path, where),
                source=require_str(item, "source", meta_path, where),
            )
        )
    sections = tuple(
        parse_section(folder / "sections" / name, number) for number, name in enumerate(names, start=1)
    )
    language = parse_language(data, meta_path) or ENGLISH
    return Guide(
        folder=folder,
        title=require_str(guide, "title", meta_path, "guide."),
        disclaimer=require_str(guide, "disclaimer", meta_path, "guide."),
        credit=Credit(
            title=require_str(source, "title", meta_path, "source."),
            publisher=require_str(source, "publisher", meta_path, "source."),
            reviewer=require_str(source, "reviewer", meta_path, "source."),
            writer=require_str(source, "writer", meta_path, "source."),
            updated=require_str(source, "updated", meta_path, "source.", language.code),
        ),
        reviewed=require_str(review, "reviewed", meta_path, "review.", language.code),
        next_review_due=require_str(review, "next_review_due", meta_path, "review.", language.code),
        signoff_note=require_str(review, "signoff_note", meta_path, "review."),
        additions=tuple(additions),
        sections=with_review_line(sections, review_line(review, meta_path, language.code)),
        get_help=load_get_help(data, meta_path),
        language=language,
    )


# Review dates and the "Get help now" block: kept apart from the parsing above, so that each
# section's review line comes from one place (guide.toml's [review]) and never drifts.


def review_line(review: dict[str, Any], path: Path, language: str = "en") -> str:
    """'Reviewed 27 November 2026. Next review due 27 November 2027.', from [review]; in Spanish
    'Revisado el 7 de diciembre de 2026. Próxima revisión: 27 de noviembre de 2027.'"""
    reviewed = require_str(review, "reviewed", path, "review.", language)
    due = require_str(review, "next_review_due", path, "review.", language)
    return dated_review_line(reviewed, due, language)


def with_review_line(sections: tuple[Section, ...], line: str) -> tuple[Section, ...]:
    """Each section ends with the review line (the NHS pattern: dates beside the content)."""
    from dataclasses import replace

    return tuple(replace(s, blocks=(*s.blocks, Block("paragraph", (line,)))) for s in sections)


def load_get_help(data: dict[str, Any], path: Path) -> tuple[str, ...]:
    """The optional [get_help] table: `title`, then `signs` (a list), then `after`, as lines."""
    table = data.get("get_help")
    if table is None:
        return ()
    if not isinstance(table, dict):
        raise ContentError(path, "'get_help' must be a table, as [get_help]")
    signs = table.get("signs")
    if not isinstance(signs, list) or not signs or not all(isinstance(s, str) and clean_line(s) for s in signs):
        raise ContentError(path, "key 'get_help.signs' must be a non-empty list of strings")
    title = require_str(table, "title", path, "get_help.")
    after = require_str(table, "after", path, "get_help.")
    return (title, *(clean_line(s) for s in signs), after)
