"""The checkout's Python files parsed once per test process, for the house-rule scans.

tests/test_house_rules.py, tests/test_no_english_logic.py and tests/test_fixture_guide.py walk the
same files (all of tui/, tests/ and bench/, some 250) in a dozen tests, and parsing them again in
each test was most of those tests' time (0.8 CPU seconds for one pass over the files). A tree is
kept by the file's text, not its path: a file changed or planted during the run is parsed afresh.
The trees are shared: a scan reads them and never changes them.
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

import pytest

SOURCE_SCANS = pytest.mark.xdist_group("source_scans")
"""The scanning modules' mark: pytest-xdist (`--dist loadgroup`, set in pyproject.toml) runs them in
one worker, so the files are parsed once in the run instead of once in each worker."""


@functools.lru_cache(maxsize=1024)
def parsed(source: str) -> ast.Module:
    """The syntax tree of `source` (the same object for the same text: do not change it)."""
    return ast.parse(source)


def source_tree(path: Path) -> ast.Module:
    """The syntax tree of the Python file at `path`."""
    return parsed(path.read_text(encoding="utf-8"))
