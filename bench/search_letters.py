"""The processor time of `search_guide` alone, letter by letter, as a reader types.

Run: .venv/bin/python bench/search_letters.py [--checkout PATH] [--calls N]

Each word below is typed a letter at a time ("c", "cr", "cra", ...), and `search_guide` is called
`--calls` times for each state of the box, in the main thread, timed with time.thread_time_ns
(processor time, so the load of the machine counts for little). Before each call the query's
stems are forgotten (`_stems.cache_clear()`, outside the time), as on a letter never typed
before; the guide's own index is built once, as the search screen builds it when it opens.

--checkout measures another copy of the code (a before and an after in the same run, on the
same machine): its `tui` is imported and its guides are searched.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import Any

TYPED = {
    "muscle-spasms": ("cramp", "muscle cramp", "calf", "spazms", "stretching", "warning signs"),
    "muscle-spasms-es": ("calambres", "músculo", "dano", "respirar", "espasmos"),
}
"""What a reader types, in each guide: whole words, two words, a misspelling, an "ñ" typed as "n"."""


def states(word: str) -> list[str]:
    """The box after each letter of `word`."""
    return [word[:end] for end in range(1, len(word) + 1)]


def time_letters(search: Any, guide: Any, words: tuple[str, ...], calls: int) -> list[tuple[str, float, int]]:
    """(the box, microseconds of processor time per call, places found) for every letter typed."""
    search.search_index(guide)
    rows = []
    for word in words:
        for typed in states(word):
            spent = 0
            for _ in range(calls):
                search._stems.cache_clear()
                start = time.thread_time_ns()
                found = search.search_guide(guide, typed)
                spent += time.thread_time_ns() - start
            rows.append((typed, spent / calls / 1000, len(found)))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--checkout", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument("--calls", type=int, default=200)
    args = parser.parse_args()
    sys.path.insert(0, str(args.checkout.resolve()))
    from tui.data import search
    from tui.data.content import load_guide

    print(f"== search_guide per letter, {args.checkout}: {args.calls} calls a letter; "
          f"load {Path('/proc/loadavg').read_text().split()[0]}")
    every: list[float] = []
    for folder, words in TYPED.items():
        guide = load_guide(args.checkout / "content" / folder)
        rows = time_letters(search, guide, words, args.calls)
        every += [spent for _, spent, _ in rows]
        for typed, spent, found in rows:
            print(f"   {folder:17} {typed!r:18} {spent:8.1f} us  {found:3} places")
        spent_here = [spent for _, spent, _ in rows]
        print(f"   {folder}: mean {statistics.mean(spent_here):.1f} us, max {max(spent_here):.1f} us a letter")
    print(f"== all {len(every)} letters: mean {statistics.mean(every):.1f} us, "
          f"median {statistics.median(every):.1f} us, max {max(every):.1f} us")
    return 0


if __name__ == "__main__":
    sys.exit(main())
