"""Keys come from one table: every binding is built from its row (tui/data/key_table.py, or the
places table for the keys that open a place), so the ids a user may remap in settings.toml are
the bindings' own, and each is remappable and documented."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from textual.binding import Binding

from tests.conftest import ROOT
from tests.support.pilot import make_app
from tui.data.key_table import KEY_ROWS, key_row
from tui.data.places import keyed_places
from tui.data.settings import BINDING_IDS, load_settings, settings_path
from tui.fullscreen.app import binding_owners, known_binding_ids
from tui.fullscreen.textual_private import notifications

pytestmark: list[pytest.MarkDecorator] = []
"""Pure: part of the fast set."""


def every_binding() -> list[Binding]:
    """Every binding the app and its screens, dialogs and widgets declare."""
    found = [b for owner in binding_owners() for b in owner.BINDINGS]
    assert all(isinstance(b, Binding) for b in found)
    return [b for b in found if isinstance(b, Binding)]


def test_every_binding_has_an_id_and_a_tooltip_and_is_its_rows() -> None:
    places = {row.binding_id: row for row in keyed_places()}
    bindings = every_binding()
    assert len(bindings) > 40
    for binding in bindings:
        assert binding.id and binding.tooltip and binding.description, binding
        if binding.id in places:
            row = places[binding.id]
            assert (binding.key, binding.action, binding.show) == (row.key, row.key_action, row.show_key)
        else:
            table = key_row(binding.id)
            # A row of an action's name only ("switch_language") has one binding per argument.
            action = binding.action if "(" in table.action else binding.action.split("(")[0]
            assert (binding.key, action, binding.show, binding.priority) == (
                table.keys, table.action, table.show, table.priority), binding


def test_the_ids_settings_accepts_are_the_bindings_own() -> None:
    ids = [row.id for row in KEY_ROWS]
    assert len(ids) == len(set(ids))  # each id once
    used = {b.id for b in every_binding()}
    assert set(ids) <= used, f"rows no binding uses: {sorted(set(ids) - used)}"
    assert BINDING_IDS == used == known_binding_ids()


def test_no_binding_is_written_outside_the_tables() -> None:
    """A Binding is made in two places only: `keyed` (tui/fullscreen/keys.py, from a row of the
    key table) and the app's place keys (from the places table)."""
    found: list[str] = []
    for path in sorted((ROOT / "tui").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Binding":
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert [where.split(":")[0] for where in found] == ["tui/fullscreen/app.py", "tui/fullscreen/keys.py"], found


@pytest.mark.pilot
async def test_every_id_is_remappable(tmp_path: Path) -> None:
    """settings.toml may name every id: read without a word, and the app takes each (no
    "[keys] has no binding" notice). One remap at work is in tests/test_app_help_and_keys.py."""
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("[keys]\n" + "".join(f'"{key_id}" = "ctrl+f12"\n' for key_id in sorted(BINDING_IDS)),
                    encoding="utf-8")
    settings, problem = load_settings()
    assert problem is None and set(settings.keys) == BINDING_IDS
    app = make_app(settings, tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not [n.message for n in notifications(app) if "[keys]" in n.message]


def test_every_id_is_in_the_manual_page() -> None:
    """The page lists the ids from the same tables (tui/manpage.py); the shipped page is checked
    against what the module makes in tests/test_manpage.py."""
    page = (ROOT / "man" / "spasm-guide.1").read_text(encoding="utf-8").replace("\\-", "-")
    ids = page.split(".SH KEYS")[1].split(".SH ")[0].split(".nh\n")[1].split("\n.hy")[0]
    listed = set(ids.rstrip(".").replace("app.section1 to app.section9", "app.section1").split(", "))
    assert listed | {f"app.section{n}" for n in range(2, 10)} == BINDING_IDS


def test_every_id_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"`([a-z]+\.[a-z_0-9]+)`", readme.split("The ids:")[1].split("\n\n")[0]))
    assert "`app.section1` to `app.section9`" in readme
    listed |= {f"app.section{n}" for n in range(1, 10)}
    assert listed == BINDING_IDS
