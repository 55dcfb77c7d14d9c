"""Many cases through one real `spasm-guide --checklist`, answers piped in as a script would.

The vignettes and the blind stories (tests/test_vignettes.py, tests/test_stories.py) type each
case's items into the real command. A start per case was 406 starts a run (some 70 CPU seconds,
the most of any one check in the parallel stage), and each start proves the same thing: the
start does not depend on the case. So one start takes every case in turn, as a reader at the
prompts does: tick the case's items, finish (the result is printed), then "3" clears every
choice (asked first: "1" says yes) and the list comes back for the next case. The output is cut
at each "Cleared all your choices." into one part per case, so a failure still names its case.
A clear that left a tick behind would change the next case's result and fail it.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from tui.data.checklist import Checklist
from tui.data.words import catalogue

ROOT = Path(__file__).resolve().parents[2]
"""The checkout."""

CLEARED = "Cleared all your choices."
"""What the prompts say after "3" then "1" (yes), in English; `cleared_line` gives it in the
checklist's language."""


def cleared_line(checklist: Checklist) -> str:
    """The clear's confirmation in the language the checklist's guide shows its prompts in."""
    return catalogue(checklist.language.code).gettext(CLEARED)


def answers(checklist: Checklist, cases: Sequence[Sequence[str]]) -> str:
    """What is typed: each case's item numbers and 0 (the result), then 3 and 1 (clear, yes)
    between cases, and 0 twice after the last (the result, then quit)."""
    typed = []
    for index, item_ids in enumerate(cases):
        numbers = "".join(f"{checklist.item(item_id).number}\n" for item_id in item_ids)
        typed.append(numbers + ("0\n0\n" if index == len(cases) - 1 else "0\n3\n1\n"))
    return "".join(typed)


def run_cases(checklist: Checklist, content: Path, cases: Sequence[Sequence[str]],
              env: Mapping[str, str]) -> list[str]:
    """Every case's item ids ticked in one `spasm-guide --checklist --content CONTENT`, cleared
    between cases; what was printed for each case (its ticks and its result), in order."""
    assert all(cases), "a case with no item would print no clear confirmation and shift the parts"
    done = subprocess.run([sys.executable, "-m", "tui", "--checklist", "--content", str(content)],
                          input=answers(checklist, cases), capture_output=True, text=True, check=False,
                          cwd=ROOT, env=dict(env), timeout=300)
    assert done.returncode == 0, done.stderr
    parts = done.stdout.split(f"\n{cleared_line(checklist)}\n")
    assert len(parts) == len(cases), (
        f"{len(cases)} cases but {len(parts) - 1} clears confirmed:\n{done.stdout[-1500:]}")
    return parts
