"""A dated, plain-text summary of the checklist that a reader can take or send to a doctor.

Plain text on purpose: it opens anywhere, prints anywhere, reads the same in a screen reader
and needs no software the doctor might not have. It is written atomically into the user data
folder (`XDG_DATA_HOME` moves it) and passes through `clean_text`, so a summary can never carry
a terminal escape code to whoever later `cat`s it.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from pathlib import Path

import platformdirs

from tui.data.atomic import write_text_atomic
from tui.data.checklist import Checklist
from tui.data.content import Guide
from tui.data.sanitize import clean_text
from tui.data.settings import APP_NAME
from tui.data.triage import DEFAULT_NUMBER, WIDTH, result_lines, triage, wrap_line

SUMMARY_FOLDER = "summaries"
"""Sub-folder of the user data folder that summaries go into."""


def summaries_dir() -> Path:
    """Where summaries are saved by default."""
    return Path(platformdirs.user_data_dir(APP_NAME)) / SUMMARY_FOLDER


def spoken_date(when: datetime.datetime) -> str:
    """'27 November 2026 at 07:50': day first and the month in words, so no reader (or doctor
    in another country) can mistake 03/04 for 4 March or 3 April."""
    return f"{when.day} {when:%B %Y} at {when:%H:%M}"


def summary_lines(guide: Guide, checklist: Checklist, checked_ids: Iterable[str],
                  number: str = DEFAULT_NUMBER, when: datetime.datetime | None = None,
                  width: int = WIDTH) -> list[str]:
    """The summary as plain lines: date, ticked items by group, result urgency first,
    disclaimer, then where the guide's words come from."""
    when = when or datetime.datetime.now()
    wanted = set(checked_ids)
    lines = ["Symptom checklist: summary for a doctor", f"Date: {spoken_date(when)}", ""]
    lines += wrap_line(f"From the guide \"{guide.title}\". {guide.disclaimer}", "", width)
    lines += ["", "What I checked"]
    for group in checklist.groups:
        ticked = [item for item in checklist.items_in(group) if item.id in wanted]
        lines += ["", f"{group.title}:"]
        if not ticked:
            lines.append("- (nothing checked)")
        for item in ticked:
            lines += wrap_line(item.text, "- ", width)
    lines += ["", "What the guide says"]
    lines += ["", *result_lines(triage(checklist, wanted, number), width)]
    credit = guide.credit
    lines += [""]
    lines += wrap_line(
        f"The guide is written in its own words from \"{credit.title}\", {credit.publisher}, "
        f"medically reviewed by {credit.reviewer}, updated {credit.updated}. {guide.signoff_note}",
        "", width,
    )
    sources = sorted({item.source for item in checklist.items if item.id in wanted} - {"source article"})
    if sources:
        lines += wrap_line(f"Some checklist items are additions to that article. Sources: {'; '.join(sources)}.",
                       "", width)
    return lines


def summary_text(guide: Guide, checklist: Checklist, checked_ids: Iterable[str],
                 number: str = DEFAULT_NUMBER, when: datetime.datetime | None = None,
                 width: int = WIDTH) -> str:
    """The summary as one string ending in a newline."""
    return "\n".join(summary_lines(guide, checklist, checked_ids, number, when, width)) + "\n"


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


def save_summary(text: str, path: Path | None = None) -> Path:
    """Write the summary atomically (controls stripped) and return where it went.

    OSError (a full disk, a read-only folder) is left to the caller, who tells the reader.
    """
    path = path or default_summary_path()
    cleaned = clean_text(text)
    write_text_atomic(path, cleaned if cleaned.endswith("\n") else cleaned + "\n")
    return path
