"""The processor time of `search_guide` alone, letter by letter, as a reader types.

Run: .venv/bin/python -m bench.search_letters [--against PATH] [--calls N]

Each word below is typed a letter at a time ("c", "cr", "cra", ...), and `search_guide` is called
`--calls` times for each state of the box, in the main thread, timed with time.thread_time_ns
(processor time), and the median call is printed (a busy machine slows some calls, by caches
and memory shared with other processes, not the middle one). Before each call the query's
stems are forgotten (`_stems.cache_clear()`, outside the time), as on a letter never typed
before; the guide's own index is built once, as the search screen builds it when it opens.

--against PATH measures two in turn, call by call, in one process, so that a busy machine
slows both alike: this checkout's search and PATH's `tui/data/search.py`, loaded as a module of
its own (a before and an after; the rest of `tui`, and the guides, are this checkout's). Each
call of one is followed by a call of the other.
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from tui.data import search as this_search
from tui.data.content import load_guide

ROOT = Path(__file__).resolve().parent.parent
"""This checkout: its search is timed, its guides searched."""

TYPED = {
    "muscle-spasms": ("cramp", "muscle cramp", "calf", "spazms", "stretching", "warning signs"),
    "muscle-spasms-es": ("calambres", "músculo", "dano", "respirar", "espasmos"),
}
"""What a reader types, in each guide: whole words, two words, a misspelling, an "ñ" typed as "n"."""


def states(word: str) -> list[str]:
    """The box after each letter of `word`."""
    return [word[:end] for end in range(1, len(word) + 1)]


def time_letters(searches: list[Any], guide: Any, words: tuple[str, ...],
                 calls: int) -> list[tuple[str, list[float], int]]:
    """(the box, median microseconds of processor time a call for each of `searches`, places found
    by the first) for every letter typed."""
    for search in searches:
        search.search_index(guide)
    rows = []
    for word in words:
        for typed in states(word):
            spent: list[list[int]] = [[] for _ in searches]
            for _ in range(calls):
                for search, times in zip(searches, spent, strict=True):
                    search._stems.cache_clear()
                    start = time.thread_time_ns()
                    search.search_guide(guide, typed)
                    times.append(time.thread_time_ns() - start)
            found = searches[0].search_guide(guide, typed)
            rows.append((typed, [statistics.median(times) / 1000 for times in spent], len(found)))
    return rows


def other_search(checkout: Path) -> Any:
    """`tui/data/search.py` of another checkout, as a module of its own."""
    spec = importlib.util.spec_from_file_location("other_search", checkout / "tui" / "data" / "search.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["other_search"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--against", type=Path, help="another checkout, timed call by call beside this one")
    args = parser.parse_args()
    searches = [this_search] if args.against is None else [this_search, other_search(args.against)]
    names = str(ROOT) if args.against is None else f"{ROOT} | {args.against}"
    print(f"== search_guide per letter, median processor time a call (us), {names}: {args.calls} calls a letter; "
          f"load {Path('/proc/loadavg').read_text().split()[0]}")
    every: list[list[float]] = [[] for _ in searches]
    for folder, words in TYPED.items():
        guide = load_guide(ROOT / "content" / folder)
        rows = time_letters(searches, guide, words, args.calls)
        for typed, spent, found in rows:
            print(f"   {folder:17} {typed!r:18} " + " | ".join(f"{one:8.1f}" for one in spent) + f"  {found:3} places")
        for column, one in enumerate(every):
            one += [spent[column] for _, spent, _ in rows]
    for column, one in enumerate(every):
        print(f"== {len(one)} letters, {[ROOT, args.against][column]}: mean {statistics.mean(one):.1f} us, "
              f"median {statistics.median(one):.1f} us, max {max(one):.1f} us")
    return 0


if __name__ == "__main__":
    sys.exit(main())
