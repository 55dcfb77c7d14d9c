"""The `spasm-guide` entry point: try the instant `--plain` cache, or the cached start screen
(tui/output/early_paint.py), before loading anything else."""

from __future__ import annotations

import os
import sys


def main() -> int:
    """Run the guide; `--plain` with nothing changed since last time prints from the cache."""
    if sys.stdout is None:
        # Started with stdout closed (`>&-`): nothing can be shown; say so once, no traceback.
        from tui.lifecycle import say, stdio_closed

        say(stdio_closed() or "standard output is closed")
        return 2
    from tui.plain.fast import try_cached

    argv = sys.argv[1:]
    # A debug run (SPASM_GUIDE_DEBUG; --debug is never cached) logs every step: no short cuts.
    debugging = os.environ.get("SPASM_GUIDE_DEBUG", "") not in ("", "0")
    if not debugging and try_cached(argv):
        return 0
    from tui.output import early_paint

    if not debugging and early_paint.paint(argv):
        early_paint.hold_stderr()
    try:
        from tui.cli import main as full_main

        return full_main(argv)
    finally:
        early_paint.release()  # only if the app never took over the screen
