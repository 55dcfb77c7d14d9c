"""A typed notice from the data layer (tui/data/notices.py), shown with the severity of its kind."""

from __future__ import annotations

from typing import Protocol

from textual.notifications import SeverityLevel

from tui.data.notices import Notice, NoticeKind

SEVERITY: dict[NoticeKind, SeverityLevel] = {
    NoticeKind.INFO: "information",
    NoticeKind.WARNING: "warning",
    NoticeKind.ERROR: "error",
}
"""Textual's severity for each kind (the app says it in words: "Warning: ...")."""


class Notifies(Protocol):
    """A screen or the app: anything with Textual's `notify`."""

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = False) -> None: ...


def tell(target: Notifies, notice: Notice | None, timeout: float | None = None) -> None:
    """Show `notice` (nothing for None) with its kind's severity."""
    if notice is not None:
        target.notify(notice.text, severity=SEVERITY[notice.kind], timeout=timeout)
