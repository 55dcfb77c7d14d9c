"""A dated, one-page, plain-text summary of the checklist for a doctor.

Plain text on purpose: it opens anywhere, prints anywhere, reads the same in a screen reader
and needs no software the doctor might not have. It says what a clinician needs and each thing
once: when, the urgency and the advice given, the items chosen, the answers to the optional
questions, the guide's version and content date, and that it is not a diagnosis. It is written atomically into
the user data folder (`XDG_DATA_HOME` moves it) and passes through `clean_text`, so a summary can
never carry a terminal escape code to whoever later `cat`s it.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from tui import __version__
from tui.data.checklist import Checklist
from tui.data.content import Guide
from tui.data.dates import date_and_time_in_words
from tui.data.doctor_questions import QUESTIONS
from tui.data.safe_save import check_target, write_new
from tui.data.sanitize import clean_text
from tui.data.settings import APP_NAME
from tui.data.triage import WIDTH, TriageResult, checked_items, wrap_line
from tui.data.words import _

SUMMARY_FOLDER = "summaries"
"""Sub-folder of the user data folder that summaries go into."""


def summaries_dir() -> Path:
    """Where summaries are saved by default."""
    return Path(platformdirs.user_data_dir(APP_NAME)) / SUMMARY_FOLDER


def spoken_date(when: datetime.datetime, language: str = "en") -> str:
    """'27 November 2026 at 07:50' ('27 de noviembre de 2026 a las 07:50' in Spanish): day first
    and the month in words, so no reader (or doctor in another country) can mistake 03/04 for 4
    March or 3 April."""
    return date_and_time_in_words(when, language)


@dataclass(frozen=True)
class SummaryInput:
    """Everything one summary says, gathered by the checklist session."""

    result: TriageResult
    """The result for the choices that count."""
    checked: frozenset[str]
    """Ids of the choices that count (chosen today)."""
    answers: Mapping[str, str]
    """Question id to answer; unanswered questions are absent."""


def _credit_lines(guide: Guide, checklist: Checklist, checked: Iterable[str], width: int) -> list[str]:
    """Where the guide's words and the chosen items come from."""
    credit = guide.credit
    lines = wrap_line(
        _('Guide: "{guide}", version {version}, content reviewed {reviewed}. Written in its own words from '
          '"{source}" ({publisher}, updated {updated}), which {reviewer} medically reviewed. {note}').format(
            guide=guide.title, version=__version__, reviewed=guide.reviewed, source=credit.title,
            publisher=credit.publisher, updated=credit.updated, reviewer=credit.reviewer, note=guide.signoff_note),
        "", width)
    sources = sorted({item.source for item in checked_items(checklist, checked)} - {"source article"})
    if sources:
        lines += ["", _("Sources of the items chosen:")]
        for source in sources:
            lines += wrap_line(source, "- ", width)
    return lines


def summary_lines(guide: Guide, checklist: Checklist, data: SummaryInput,
                  when: datetime.datetime | None = None, width: int = WIDTH) -> list[str]:
    """The summary as plain lines, each fact once."""
    when = when or datetime.datetime.now()
    result = data.result
    lines = [_("Muscle spasms: symptom summary for a doctor"),
             _("Date: {date}").format(date=spoken_date(when, checklist.language.code)), ""]
    lines += wrap_line(_("Urgency the guide gave: {headline}").format(headline=result.headline), "", width)
    advised = (*result.actions, *result.cautions)
    if advised:
        # What the reader was told to do that a doctor must know about ("stop the statin").
        lines += ["", _("Advice the guide gave:")]
        for line in advised:
            lines += wrap_line(line, "- ", width)
    lines += ["", _("What I chose (most urgent first):")]
    items = sorted(checked_items(checklist, data.checked), key=lambda item: -item.tier.rank)
    for item in items:
        lines += wrap_line(f"{item.tier.label}: {item.text}", "- ", width)
    if not items:
        lines.append("- " + _("(nothing)"))
    if result.earlier:
        lines += ["", _("Chosen on an earlier day, not confirmed today (not counted):")]
        for earlier in result.earlier:
            lines += wrap_line(_("{item} (chosen {date})").format(item=earlier.text, date=earlier.date), "- ", width)
    lines += ["", _("About the symptoms:")]
    for question in QUESTIONS:
        answer = data.answers.get(question.id) or _("(not answered)")
        lines += wrap_line(f"{_(question.label)}: {answer}", "- ", width)
    lines += [""]
    lines += wrap_line(_("{disclaimer} It is a list of what I chose, for a doctor to check.").format(
        disclaimer=result.disclaimer), "", width)
    lines += [""]
    lines += _credit_lines(guide, checklist, data.checked, width)
    return lines


def summary_text(guide: Guide, checklist: Checklist, data: SummaryInput,
                 when: datetime.datetime | None = None, width: int = WIDTH) -> str:
    """The summary as one string ending in a newline."""
    return "\n".join(summary_lines(guide, checklist, data, when, width)) + "\n"


def default_summary_path(when: datetime.datetime | None = None, folder: Path | None = None) -> Path:
    """`checklist-YYYY-MM-DD-HHMMSS.txt` in the summaries folder; `-2`, `-3` ... if taken."""
    when = when or datetime.datetime.now()
    folder = folder or summaries_dir()
    stem = f"checklist-{when:%Y-%m-%d-%H%M%S}"
    path = folder / f"{stem}.txt"
    number = 2
    while path.exists():
        # Two saves in one second must not overwrite each other.
        path = folder / f"{stem}-{number}.txt"
        number += 1
    return path


def save_summary(text: str, path: Path | None = None, replace: bool = False) -> Path:
    """Write the summary atomically (controls stripped) and return where it went.

    The path is checked first (tui/data/safe_save.py: no folder made for the reader, no link of
    another user's followed); a file already there is replaced only with `replace` (the reader
    said yes), else FileExistsError. SaveProblem and OSError (a full disk, a read-only folder)
    are left to the caller, who tells the reader.
    """
    path = check_target(path or default_summary_path())
    cleaned = clean_text(text)
    return write_new(path, (cleaned if cleaned.endswith("\n") else cleaned + "\n").encode("utf-8"), replace)
