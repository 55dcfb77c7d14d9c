"""The rules that keep code tests apart from the live content and the fast set fast: the fixture
guide (tests/fixtures/guide) has each thing the code handles, so a code test can run on it; and a
test outside e2e starts no process (the fast set is for the edit-test loop)."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.support.fixture_guide import FIXTURE_GUIDE, fixture_checklist, fixture_cramp_now, fixture_guide
from tests.support.source_trees import SOURCE_SCANS, source_tree
from tui.data.care_routes import PLACEHOLDERS
from tui.data.checklist import TIER_IDS

ROOT = Path(__file__).resolve().parent.parent

pytestmark = [SOURCE_SCANS]

KEEPS_OUT = {"e2e", "audio", "packaging", "slow", "serial"}
"""The marks that keep a test out of the fast set."""


def test_the_fixture_guide_has_every_feature_the_code_handles() -> None:
    guide, checklist, cramp = fixture_guide(), fixture_checklist(), fixture_cramp_now()
    assert guide.folder == FIXTURE_GUIDE and len(guide.sections) >= 3 and guide.get_help and guide.additions
    # Every tier has an item, and every group; red flags and not.
    assert {item.tier.id for item in checklist.items} == set(TIER_IDS)
    assert {item.group.id for item in checklist.items} == {group.id for group in checklist.groups}
    assert {item.red_flag for item in checklist.items} == {True, False}
    # Each kind of unsafe advice: given in advice or an action, and taken away by an item.
    kinds = set(checklist.cautions)
    lines = [line for tier in checklist.tiers for line in tier.advice]
    lines += [line for item in checklist.items for line in item.actions]
    assert kinds <= {line.kind for line in lines}
    assert kinds == {kind for item in checklist.items for kind in item.unsafe}
    assert any(caution for caution in checklist.cautions.values())
    assert any(not caution for caution in checklist.cautions.values())
    # Actions: one line, several, and one of a kind.
    assert {len(item.actions) for item in checklist.items} >= {0, 1, 2}
    assert any(line.kind for item in checklist.items for line in item.actions)
    # Every care-route placeholder is used somewhere.
    words = " ".join([*(tier.headline for tier in checklist.tiers), *(tier.safety_net for tier in checklist.tiers),
                      *(line.text for line in lines)])
    assert all(placeholder in words for placeholder in PLACEHOLDERS), PLACEHOLDERS
    # Cramp now: its checklist item is in the fixture's checklist.
    assert checklist.item(cramp.checklist_item).tier.rank >= checklist.tier("urgent").rank
    assert len(cramp.muscles) >= 2


def marks(decorators: list[ast.expr]) -> set[str]:
    """The pytest.mark.X names among `decorators` (or a pytestmark's value)."""
    return {node.attr for decorator in decorators for node in ast.walk(decorator)
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute) and node.value.attr == "mark"}


Helper = ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef
"""A module-level function, or a class (making one runs its methods: a class that starts the guide)."""


def starts_a_process(function: Helper, helpers: dict[str, Helper], seen: frozenset[str]) -> bool:
    """Whether `function`, or a module-level helper or class it calls, runs subprocess, forks or spawns."""
    for node in ast.walk(function):
        if isinstance(node, ast.Attribute) and node.attr in ("run", "Popen", "check_output", "fork", "spawn") \
                and isinstance(node.value, ast.Name) and node.value.id in ("subprocess", "os", "pty"):
            return True
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in helpers \
                and node.func.id not in seen \
                and starts_a_process(helpers[node.func.id], helpers, seen | {node.func.id}):
            return True
    return False


def test_no_test_in_the_fast_set_starts_a_process() -> None:
    """A test that starts the guide or a shell (subprocess, a fork, a pty) is marked e2e, or its
    module is: the fast set holds only tests that run in the test's own process."""
    found: list[str] = []
    for path in sorted((ROOT / "tests").glob("test_*.py")):
        tree = source_tree(path)
        module = set().union(*(marks([node.value]) for node in tree.body if isinstance(node, ast.Assign)
                               and any(isinstance(t, ast.Name) and t.id == "pytestmark" for t in node.targets)))
        if module & KEEPS_OUT:
            continue
        helpers = {node.name: node for node in tree.body if isinstance(node, Helper)}
        found += [f"{path.name}::{name}" for name, function in helpers.items()
                  if name.startswith("test_") and not isinstance(function, ast.ClassDef)
                  and not marks(function.decorator_list) & KEEPS_OUT
                  and starts_a_process(function, helpers, frozenset({name}))]
    assert not found, f"these start a process but are in the fast set (mark them e2e): {found}"
