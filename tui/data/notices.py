"""A line to tell the reader, with its kind: the data layer decides how grave it is, once.

An interface shows a notice by its kind (the full screen's severity, a prefix in words), and
never reads the words to decide anything: the words may be translated, reworded or both.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class NoticeKind(Enum):
    """How grave a notice is."""

    INFO = "info"
    """Something to know (a change made in another window)."""
    WARNING = "warning"
    """Something went wrong, and the guide carries on (choices count for this run only)."""
    ERROR = "error"
    """Something the reader asked for did not happen."""


@dataclass(frozen=True)
class Notice:
    """One line to say once, and how grave it is."""

    kind: NoticeKind
    """Decides how it is shown; never found from the words."""
    text: str
    """The words, one line. A fixed notice made at import time (the checklist's OTHER_WINDOW)
    keeps its English, marked with `N_()`, so it stays equal to itself in every language: an
    interface shows every notice as `_(notice.text)` (tui/data/words.py), which gives a notice
    already in the reader's language back unchanged."""


def info(text: str) -> Notice:
    """A notice to know."""
    return Notice(NoticeKind.INFO, text)


def warning(text: str) -> Notice:
    """A notice that something went wrong and the guide carries on."""
    return Notice(NoticeKind.WARNING, text)


def error(text: str) -> Notice:
    """A notice that something asked for did not happen."""
    return Notice(NoticeKind.ERROR, text)
