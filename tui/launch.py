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

        say(stdio_closed() or "")
        return 2
    from tui.plain.fast import try_cached

    argv = sys.argv[1:]
    if argv[:1] == ["--hosted"]:
        # A hosted account's ForceCommand: the reader's command becomes fixed arguments first,
        # so `ssh host plain 3` is as fast as `spasm-guide --plain --section 3`.
        from tui.hosted import hosted_argv

        allowed = hosted_argv(argv[1:], os.environ)
        if isinstance(allowed, int):
            return allowed
        argv = allowed
    if argv[:2] == ["--speak-to", "-"]:
        # Speech streamed to a player (`ssh host speak 3 | aplay`): the speech worker starts now,
        # alongside the guide's own loading, so the first sentence comes sooner.
        from tui.speech.stream import start_early

        start_early()
    # A debug run (SPASM_GUIDE_DEBUG; --debug is never cached) logs every step: no short cuts.
    debugging = os.environ.get("SPASM_GUIDE_DEBUG", "") not in ("", "0")
    try:
        if not debugging and try_cached(argv):
            return 0
    except OSError as exc:  # the output cannot be written (a full disk, /dev/full): as cli.main says it
        from tui.lifecycle import cannot_write, quiet_broken_stdout, say

        quiet_broken_stdout()
        say(cannot_write(exc))
        return 2
    from tui.host_limits import claim_seat  # before the first paint: a full host says so and goes

    if refused := claim_seat(argv, os.environ):
        sys.stderr.write(f"{refused[0]}\n")
        return refused[1]
    from tui.output import early_paint

    if not debugging and early_paint.paint(argv):
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
