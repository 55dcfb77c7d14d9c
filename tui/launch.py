"""The `spasm-guide` entry point: try the instant `--plain` cache, or the cached start screen
(tui/output/early_paint.py), before loading anything else."""

from __future__ import annotations

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
    try:
        if try_cached(argv):
            return 0
    except OSError as exc:  # the output cannot be written (a full disk, /dev/full): as cli.main says it
        from tui.lifecycle import quiet_broken_stdout, say

        quiet_broken_stdout()
        say(f"cannot write the output ({exc.strerror or exc})")
        return 2
    from tui.output import early_paint

    if early_paint.paint(argv):
        early_paint.hold_stderr()
    try:
        from tui.cli import main as full_main

        status = full_main(argv)
    finally:
        early_paint.release()  # only if the app never took over the screen
    if "textual.app" in sys.modules:
        # The full-screen guide has restored the terminal and said goodbye. Freeing its tens of
        # MB object by object took Python 0.4 s more, during which an SSH reader's connection
        # stayed open after `q`: end now, as Python would (exit handlers, then the streams).
        from tui.lifecycle import end_now

        end_now(status)
    return status
