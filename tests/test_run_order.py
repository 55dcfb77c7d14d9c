"""The parallel stage's order (tests/support/run_order.py): the long tests first, longest first,
and the table of their costs names tests that exist."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace
from typing import cast

import pytest

from tests.support.run_order import COST, function_of, longest_first

pytestmark: list[pytest.MarkDecorator] = []

ROOT = Path(__file__).resolve().parent.parent


def test_every_test_in_the_cost_table_exists() -> None:
    """A renamed or removed test would silently lose its place at the front."""
    missing = []
    for name in COST:
        path, function = name.split("::")
        source = ROOT / path
        if not source.is_file() or not re.search(rf"^(async )?def {function}\(", source.read_text(encoding="utf-8"),
                                                 re.MULTILINE):
            missing.append(name)
    assert not missing, f"not a test function any more: {missing}"


def test_long_tests_go_first_longest_first_and_the_rest_keep_their_order() -> None:
    longest, shorter = sorted(COST, key=COST.__getitem__, reverse=True)[:2]
    names = ["tests/test_a.py::test_one", f"{shorter}[2]", "tests/test_b.py::test_two@group",
             f"{longest}[101]", "tests/test_a.py::test_three", f"{shorter}[1]"]
    items = [cast(pytest.Item, SimpleNamespace(nodeid=name)) for name in names]
    longest_first(items)
    assert [item.nodeid for item in items] == [
        f"{longest}[101]", f"{shorter}[2]", f"{shorter}[1]",
        "tests/test_a.py::test_one", "tests/test_b.py::test_two@group", "tests/test_a.py::test_three"]
    assert function_of(items[0]) == longest
