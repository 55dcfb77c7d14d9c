"""Rules that keep the code easy to carry on: no import cycles, small modules, Textual's private
names in one module only, and no hand-kept key tables that drift from the real bindings."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import textual.app
import textual.driver
import textual.screen
import textual.widget
import textual.widgets

from tests.conftest import ROOT
from tests.support.app_starts import unmarked_app_starts
from tests.support.source_trees import SOURCE_SCANS, source_tree

pytestmark = [SOURCE_SCANS]

TUI = ROOT / "tui"
LONGEST = 400
"""Lines a module may have at most."""


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(TUI.rglob("*.py"))}


def imported_modules(path: Path) -> set[str]:
    """Every tui module `path` imports: at the top, in functions, under TYPE_CHECKING, alike."""
    found: set[str] = set()
    for node in ast.walk(source_tree(path)):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # "from tui.fullscreen.screens import base" imports the module tui.fullscreen.screens.base.
            names = [f"{node.module}.{alias.name}" if f"{node.module}.{alias.name}" in MODULES else node.module
                     for alias in node.names]
        found.update(name for name in names if name in MODULES)
    return found


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle, as the modules in order (first repeated at the end), or None."""
    state: dict[str, int] = {}  # 1: being visited, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return [*path[path.index(target):], target]
            if target not in state and (cycle := visit(target)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (cycle := visit(start)):
            return cycle
    return None


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": set()}) is None


def test_no_import_cycle_among_tui_modules() -> None:
    graph = {name: imported_modules(path) - {name} for name, path in MODULES.items()}
    # The registry imports the modules its tables name when asked, out of ast's sight.
    from tui.fullscreen.screen_registry import BINDING_OWNERS, SCREENS

    graph["tui.fullscreen.screen_registry"] |= {row.partition(":")[0] for row in (*SCREENS.values(), *BINDING_OWNERS)}
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


LISTED_IN = ("tui.fullscreen.screens.", "tui.fullscreen.dialogs.", "tui.fullscreen.widgets.")
"""Where the screens, dialogs and widgets that tui/fullscreen/screen_registry.py lists live."""


def test_the_screen_and_key_tables_list_every_screen_and_every_class_with_keys() -> None:
    """The screens opened by name and the classes whose keys may be remapped are written out in
    tui/fullscreen/screen_registry.py: one left out could not be opened, or its keys remapped."""
    import importlib

    from textual.binding import Binding

    from tui.fullscreen.screen_registry import BINDING_OWNERS, binding_owners, screen_classes
    from tui.fullscreen.screens.base import GuideScreen

    named: dict[str, type] = {}
    with_keys: set[type] = set()
    for name in MODULES:
        if not name.startswith(LISTED_IN):
            continue
        for value in vars(importlib.import_module(name)).values():
            if not isinstance(value, type) or value.__module__ != name:
                continue
            if issubclass(value, GuideScreen) and vars(value).get("SCREEN_NAME"):
                named[value.SCREEN_NAME] = value
            if any(isinstance(b, Binding) and b.id for b in vars(value).get("BINDINGS", [])):
                with_keys.add(value)
    assert len(named) >= 6 and len(with_keys) >= 15  # the walk finds them
    listed = screen_classes()
    assert named == listed, f"screens missing from SCREENS: {sorted(set(named) - set(listed))}"
    assert len(set(BINDING_OWNERS)) == len(BINDING_OWNERS)
    owners = set(binding_owners())
    missing = sorted(cls.__name__ for cls in with_keys - owners)
    assert owners == with_keys, f"classes with keys missing from BINDING_OWNERS: {missing}"


def app_reaches(path: Path) -> list[str]:
    """Where `path` reaches into the app for a name of the guide's own: `getattr(self.app, ...)`,
    `isinstance(self.app, ...)`, or setting an attribute on `self.app`."""
    def is_self_app(node: ast.AST) -> bool:
        return (isinstance(node, ast.Attribute) and node.attr == "app" and isinstance(node.value, ast.Name)
                and node.value.id == "self")

    found: list[str] = []
    for node in ast.walk(source_tree(path)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                and node.func.id in ("getattr", "isinstance") and node.args and is_self_app(node.args[0]):
            found.append(f"{path.name}:{node.lineno}: {node.func.id}(self.app, ...)")
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store) and is_self_app(node.value):
            found.append(f"{path.name}:{node.lineno}: self.app.{node.attr} = ...")
    return found


def test_widgets_post_messages_instead_of_reaching_into_the_app(tmp_path: Path) -> None:
    planted = tmp_path / "planted.py"
    planted.write_text("def f(self):\n    getattr(self.app, 'announce')\n    self.app.flag = True\n")
    assert len(app_reaches(planted)) == 2
    reaching = [where for path in sorted((TUI / "fullscreen" / "widgets").glob("*.py")) for where in app_reaches(path)]
    assert not reaching, f"widgets reaching into the app (post a message instead): {reaching}"


def test_screens_and_dialogs_never_import_the_app() -> None:
    for name, path in MODULES.items():
        if name.startswith(("tui.fullscreen.screens", "tui.fullscreen.dialogs", "tui.fullscreen.widgets")):
            assert "tui.fullscreen.app" not in imported_modules(path), f"{name} imports the app: use its context"


LAYERS_MAY_IMPORT: dict[str, set[str]] = {
    "data": set(),
    "plain": {"data"},
    "output": {"data"},
    "speech": {"data", "top"},
    "fullscreen": {"data", "output", "speech", "top"},
}
"""Which layer of `tui` may import which ("top" is a module at the top of `tui`, such as
`tui.hosted`; the top may import every layer). README's "Architecture" draws the same picture."""


def layer_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 and parts[1] in LAYERS_MAY_IMPORT else "top"


def test_each_layer_imports_only_the_layers_under_it() -> None:
    wrong = sorted(f"{name} imports {target}" for name, path in MODULES.items()
                   if (layer := layer_of(name)) != "top"
                   for target in imported_modules(path)
                   if target != "tui" and layer_of(target) not in LAYERS_MAY_IMPORT[layer] | {layer})
    assert not wrong, "imports across layers: " + "; ".join(wrong)


def textual_imports(path: Path) -> list[str]:
    """Every `textual` module `path` imports, anywhere in it (functions and TYPE_CHECKING too)."""
    found: list[str] = []
    for node in ast.walk(source_tree(path)):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names if alias.name.split(".")[0] == "textual"]
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "textual":
            found.append(node.module)
    return found


def test_textual_is_imported_only_under_fullscreen() -> None:
    # The prompts, --plain, speech and the data layer must run (and be tested) without Textual.
    outside = {name: imports for name, path in MODULES.items()
               if not name.startswith("tui.fullscreen") and (imports := textual_imports(path))}
    assert not outside, f"Textual imported outside tui/fullscreen/: {outside}"


def test_the_textual_import_finder_finds_one(tmp_path: Path) -> None:
    planted = tmp_path / "planted.py"
    planted.write_text("def f() -> None:\n    from textual.app import App\nimport textual\n")
    assert sorted(textual_imports(planted)) == ["textual", "textual.app"]


def test_no_module_is_over_the_limit() -> None:
    long = {name: n for name, path in MODULES.items()
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > LONGEST}
    assert not long, f"modules over {LONGEST} lines: {long}"


def textual_private_names() -> set[str]:
    """Every single-underscore name on Textual's app, screen, widget, option list and driver."""
    names: set[str] = set()
    for cls in (textual.app.App, textual.screen.Screen, textual.widget.Widget, textual.widgets.OptionList,
                textual.widgets.Input, textual.driver.Driver):
        names.update(dir(cls))
    for instance in (textual.app.App(), textual.screen.Screen(), textual.widgets.OptionList()):
        names.update(vars(instance))
    names.update(vars(textual.screen))
    return {name for name in names if name.startswith("_") and not name.startswith("__")}


PRIVATE_HOME = "tui/fullscreen/textual_private.py"
"""The one module allowed to use Textual's private names."""

NOT_TEXTUAL: dict[str, set[str]] = {
    # The speech engine's own proxy has a `_driver` of its own: not Textual's.
    "tests/test_speech_engine.py": {"_driver"},
}
"""Names that match a Textual private name by chance, on objects that are not Textual's."""


def own_attributes(tree: ast.AST) -> set[str]:
    """Private attributes a file's own classes define (self._x = ..., or a class-level _x)."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store) and \
                isinstance(node.value, ast.Name) and node.value.id == "self":
            found.add(node.attr)
        elif isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef):
                    found.add(item.name)
                elif isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
                    found.add(item.target.id)
                elif isinstance(item, ast.Assign):
                    found.update(t.id for t in item.targets if isinstance(t, ast.Name))
    return found


def test_textual_private_names_appear_in_one_module_only() -> None:
    private = textual_private_names()
    assert {"_notifications", "_driver", "_compositor", "_bindings"} <= private  # the scan sees them
    misuse: list[str] = []
    for path in sorted([*TUI.rglob("*.py"), *(ROOT / "tests").glob("*.py")]):
        rel = path.relative_to(ROOT).as_posix()
        if rel == PRIVATE_HOME:
            continue
        tree = source_tree(path)
        allowed = own_attributes(tree) | NOT_TEXTUAL.get(rel, set())
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in private and node.attr not in allowed \
                    and not (isinstance(node.value, ast.Name) and node.value.id == "os"):  # os._exit
                misuse.append(f"{rel}:{node.lineno}: {node.attr}")
    assert not misuse, "Textual private names outside tui/fullscreen/textual_private.py:\n" + "\n".join(misuse)


KEY_TABLE = re.compile(r"\|\s*Key\(s\)\s*\|")
"""A docstring key table, as Textual's docs write them."""


def test_no_docstring_key_tables_that_could_drift() -> None:
    """Help is made from the bindings (tui/fullscreen/keys.py); a second, hand-kept table drifts from them."""
    tables = [module_name(path) for path in MODULES.values()
              if KEY_TABLE.search(path.read_text(encoding="utf-8"))
]
    assert not tables, f"docstring key tables in {tables}: help is generated from the bindings"


OUTSIDE_DOCUMENT = re.compile(r"/work/|\bbrief\b", re.IGNORECASE)
"""A document a reader of the code cannot open: a path outside the repository, or the brief."""


def test_the_code_cites_only_documents_in_the_repository() -> None:
    cited = [f"{path.relative_to(ROOT)}:{n}" for path in MODULES.values()
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if OUTSIDE_DOCUMENT.search(line)]
    assert not cited, f"lines citing documents not in the repository: {cited}"


def imports_and_path_changes(path: Path) -> tuple[set[str], int]:
    """Every module `path` imports (at the top or inside a function), and how many times it
    changes sys.path (sys.path.insert, .append, ...)."""
    found: set[str] = set()
    changes = 0
    for node in ast.walk(source_tree(path)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
        elif (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute) and node.value.attr == "path"
              and isinstance(node.value.value, ast.Name) and node.value.value.id == "sys"):
            changes += 1
    return found, changes


def test_tests_and_benchmarks_share_only_tests_support() -> None:
    """What tests and benchmarks share is in tests/support: no test imports another test module,
    no benchmark imports a test, and nothing reaches code through sys.path."""
    files = sorted((ROOT / "tests").rglob("*.py")) + sorted((ROOT / "bench").glob("*.py"))
    assert len(files) > 60
    for path in files:
        imported, path_changes = imports_and_path_changes(path)
        tests = sorted(name for name in imported if re.match(r"(tests\.)?test_", name))
        assert not tests, f"{path.relative_to(ROOT)} imports test modules {tests}: put what they share in tests/support"
        assert not path_changes, f"{path.relative_to(ROOT)} changes sys.path"


REAL_RUNS = ("tests.support.ptydrive", "tests.support.guide_pty", "tests.support.host_tools",
             "tests.support.private_sshd", "tests.support.slow_link", "tests.support.tmux_drive",
             "tests.support.checklist_flow", "tests.support.screen_reader", "tests.support.hostile",
             "tests.support.haproxy")
"""Test support that runs the guide for real (a pty, tmux, sshd, a screen reader): slow to wait on.
(host_tools is the installed guide and the tools these start, so whatever imports it runs them.)"""

KINDS = {"e2e", "audio", "packaging", "slow", "serial"}
"""The marks that keep a test that runs the guide for real out of the fast set (README, "Testing
while you work"); one that starts the app in-process needs APP_MARKS (pilot) instead."""


def support_imports(path: Path) -> set[str]:
    """The tests.support modules `path` imports ("from tests.support.x import y" or "import ...")."""
    found: set[str] = set()
    for node in ast.walk(source_tree(path)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {name for name in found if name.startswith("tests.support.")}


def module_marks(path: Path) -> set[str]:
    """The marks a test module's `pytestmark` names (pytest.mark.X), empty without one."""
    for node in source_tree(path).body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "pytestmark" for t in node.targets):
            return {n.attr for n in ast.walk(node.value) if isinstance(n, ast.Attribute)
                    and isinstance(n.value, ast.Attribute) and n.value.attr == "mark"}
    return set()


def function_marks(function: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    """The marks on a test function's decorators (@pytest.mark.X)."""
    return {n.attr for decorator in function.decorator_list for n in ast.walk(decorator)
            if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Attribute) and n.value.attr == "mark"}


def unmarked_real_runs(path: Path) -> list[str]:
    """Where `path` runs the guide for real with no mark to keep it out of the fast set: the
    module (an import at its top) or a test function (an import inside it)."""
    if module_marks(path) & KINDS:
        return []
    tree = source_tree(path)
    inside = {node.module for function in ast.walk(tree) if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef)
              and not function_marks(function) & KINDS for node in ast.walk(function)
              if isinstance(node, ast.ImportFrom) and node.module in REAL_RUNS}
    top = {node.module for node in tree.body if isinstance(node, ast.ImportFrom) and node.module in REAL_RUNS}
    return sorted(inside | top)


def test_each_module_that_runs_the_guide_for_real_marks_itself() -> None:
    """Marks live in each module (no hand-kept table): one that drives a pty, tmux, sshd or a
    screen reader keeps itself out of the fast set with a mark of its own (or marks the one test
    that does)."""
    unmarked = [f"{path.name} ({', '.join(unmarked_real_runs(path))})"
                for path in sorted((ROOT / "tests").glob("test_*.py")) if unmarked_real_runs(path)]
    assert not unmarked, f"these run the guide for real but set no pytestmark from {sorted(KINDS)}: {unmarked}"
    assert module_marks(ROOT / "tests" / "test_screen_reader.py") == {"e2e", "serial"}
    assert "tests.support.ptydrive" in support_imports(ROOT / "tests" / "test_lean_driver.py")


def test_the_app_start_finder_finds_a_test_that_starts_the_app_unmarked(tmp_path: Path) -> None:
    planted = tmp_path / "test_planted.py"
    body = ("async def shown(app):\n    async with app.run_test():\n        pass\n"
            "async def test_through_a_helper(app):\n    await shown(app)\n"
            "def test_a_snapshot(snap_compare):\n    assert snap_compare(None)\n"
            "@pytest.mark.pilot\nasync def test_marked(app):\n    await shown(app)\n"
            "def test_pure():\n    assert sum([1, 1]) == 2\n")
    planted.write_text(body)
    assert unmarked_app_starts(planted) == ["test_a_snapshot", "test_through_a_helper"]
    planted.write_text("pytestmark = [pytest.mark.pilot]\n" + body)
    assert unmarked_app_starts(planted) == []


def test_each_test_that_starts_the_app_is_marked_pilot() -> None:
    """The fast set is the pure set: a test that drives the app with Textual's pilot or compares a
    snapshot carries `pilot` (its module's pytestmark, or its own mark in an otherwise pure module);
    tests/conftest.py fails such a test at run time too, however it starts the app."""
    unmarked = {path.name: found for path in sorted((ROOT / "tests").glob("test_*.py"))
                if (found := unmarked_app_starts(path))}
    assert not unmarked, f"these start the app but are in the fast set (mark them pilot): {unmarked}"
