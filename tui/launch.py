"""The `spasm-guide` entry point: try the instant `--plain` cache before loading anything else."""

from __future__ import annotations

import sys


def main() -> int:
    """Run the guide; `--plain` with nothing changed since last time prints from the cache."""
    from tui.plain.fast import try_cached

    argv = sys.argv[1:]
    if try_cached(argv):
        return 0
    from tui.cli import main as full_main

    return full_main(argv)
