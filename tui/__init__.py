"""An accessible terminal guide to muscle spasms."""

from __future__ import annotations

import sys

__version__ = "0.1.0"


def _quiet_interrupt(kind: type[BaseException], value: BaseException, traceback: TracebackType | None) -> None:
    """Ctrl+C (SIGINT) before the guide has started: no traceback, just the end. Python then ends
    the process by SIGINT, as its caller expects; anything else is shown as Python would."""
    if not issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, value, traceback)


# The first thing `spasm-guide` (or `python -m tui`) imports: a SIGINT while the modules still load
# would otherwise print a traceback of whichever import it interrupted. Set before any other import
# (typing alone imports re, enum and contextlib: 1 interrupt in 10 at 20 ms landed in them), so the
# window before this line is Python's own start-up only.
if sys.argv and sys.argv[0].rpartition("/")[2] in ("spasm-guide", "-m"):
    sys.excepthook = _quiet_interrupt
    # And from here until a mode sets its own (tui/lifecycle.py), Ctrl+C ends the process at once,
    # by the signal, as the shell expects: nothing is open yet that needs tidying. Python's own
    # KeyboardInterrupt was not safe here: raised inside importlib's module-lock callback, it is
    # "Exception ignored" (a traceback on the screen) and dropped, and the guide ran on (1 start
    # in about 300 beside busy processes; tests/test_output_and_signals.py).
    import signal

    signal.signal(signal.SIGINT, signal.SIG_DFL)

from typing import TYPE_CHECKING  # noqa: E402 (after the hook, on purpose)

if TYPE_CHECKING:
    from types import TracebackType
