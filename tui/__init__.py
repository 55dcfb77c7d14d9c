"""An accessible terminal guide to muscle spasms."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from types import TracebackType

__version__ = "0.1.0"


def _quiet_interrupt(kind: type[BaseException], value: BaseException, traceback: TracebackType | None) -> None:
    """Ctrl+C (SIGINT) before the guide has started: no traceback, just the end. Python then ends
    the process by SIGINT, as its caller expects; anything else is shown as Python would."""
    if not issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, value, traceback)


# The first thing `spasm-guide` (or `python -m tui`) imports: a SIGINT while the modules still load
# would otherwise print a traceback of whichever import it interrupted. (Only modules Python has
# loaded already are used above, so the window before this line is as short as it can be.)
if sys.argv and sys.argv[0].rpartition("/")[2] in ("spasm-guide", "-m"):
    sys.excepthook = _quiet_interrupt
