"""Errors a user can cause, each carrying one clear line to show them."""

from __future__ import annotations

from pathlib import Path

from tui.data.sanitize import clean_line


class GuideError(Exception):
    """A problem in a user's file or input, shown as one line and exit status 2."""

    def __init__(self, path: Path | str | None, message: str, line: int | None = None) -> None:
        self.path = str(path) if path is not None else None
        self.line = line
        self.message = message
        super().__init__(self.one_line())

    def one_line(self) -> str:
        """The message as `file:line: message`, the form editors and compilers use."""
        # A path or message may come from the user: no escape code may reach the terminal.
        where = clean_line(self.path or "")
        if where and self.line is not None:
            where = f"{where}:{self.line}"
        message = clean_line(self.message)
        return f"{where}: {message}" if where else message


class ContentError(GuideError):
    """The guide's content files are missing, malformed or inconsistent."""
