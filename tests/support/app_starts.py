"""Counts the Textual apps started in this process, so a test in the fast set that starts one fails;
and finds the speech workers an app left running after its test.

The fast set is the pure set: no Textual app, no process, no audio. A test that drives the app
(`run_test`, or `run_async` as the snapshot plugin does) is marked `pilot` (or a mark that keeps
it out of the fast set for another reason: e2e, audio, packaging, serial). tests/conftest.py
compares the count before and after each test; tests/test_house_rules.py finds the same statically.
Counting is two public methods wrapped once per process: Textual is not imported here, and is
wrapped only once a test module has imported it.
"""

from __future__ import annotations

import ast
import functools
import os
import sys
import time
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from pathlib import Path
from typing import Any

from tests.support.source_trees import source_tree

APP_MARKS = frozenset({"pilot", "e2e", "audio", "packaging", "serial"})
"""The marks under which a test may start a Textual app (none of them is in the fast set)."""

_started = [0]
"""Apps started in this process so far (a list: the wrappers add to it in place)."""

_wrapped: list[type] = []
"""Textual's App once its two methods are wrapped (so they are wrapped once)."""


def _counted_run_test(original: Callable[..., AbstractAsyncContextManager[Any]]) -> Callable[..., Any]:
    @functools.wraps(original)
    def run_test(self: Any, *args: Any, **kwargs: Any) -> AbstractAsyncContextManager[Any]:
        _started[0] += 1
        return original(self, *args, **kwargs)

    return run_test


def _counted_run_async(original: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(original)
    async def run_async(self: Any, *args: Any, **kwargs: Any) -> Any:
        _started[0] += 1
        return await original(self, *args, **kwargs)

    return run_async


def started() -> int:
    """How many apps this process has started; wraps Textual's App the first time it is loaded."""
    app_module = sys.modules.get("textual.app")
    if app_module is not None and not _wrapped:
        app_class = app_module.App
        app_class.run_test = _counted_run_test(app_class.run_test)
        app_class.run_async = _counted_run_async(app_class.run_async)
        _wrapped.append(app_class)
    return _started[0]


def marks_of(nodes: list[Any]) -> set[str]:
    """The marks (pytest.mark.X) named in `nodes`: a module's pytestmark, a function's decorators."""
    return {n.attr for node in nodes for n in ast.walk(node)
            if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Attribute) and n.value.attr == "mark"}


APP_STARTS = {"run_test", "run_async", "snap_compare"}
"""What starts the app in-process: Textual's pilot, or the snapshot plugin's fixture."""


def unmarked_app_starts(path: Path) -> list[str]:
    """The tests in `path` that start the app (themselves, through a function or a fixture of the
    module) with no mark from APP_MARKS, so they would sit in the fast set, the pure set."""
    tree = source_tree(path)
    pytestmark = [n for n in tree.body if isinstance(n, ast.Assign) and ast.unparse(n.targets[0]) == "pytestmark"]
    if marks_of(pytestmark) & APP_MARKS:
        return []
    functions = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)}
    uses = {name: {n.id if isinstance(n, ast.Name) else n.attr for n in ast.walk(function)
                   if isinstance(n, ast.Name | ast.Attribute)} | {a.arg for a in function.args.args}
            for name, function in functions.items()}
    starting = {name for name, used in uses.items() if used & APP_STARTS}
    while grown := {name for name, used in uses.items() if used & starting} - starting:
        starting |= grown
    return sorted(name for name in starting
                  if name.startswith("test_") and not marks_of(functions[name].decorator_list) & APP_MARKS)


SPEECH_WORKER = b"tui.speech.worker"
"""In the command line of a speech worker (tui/speech/process.py starts `python -m tui.speech.worker`)."""
WORKER_GRACE = 3.0
"""Seconds a closed speech client's worker has to end: it finishes its last write and exits
(well under a second here); one still running after this was never closed."""


def speech_workers() -> list[int]:
    """The speech workers this process started that are still running."""
    me, found = os.getpid(), []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            if parent == me and SPEECH_WORKER in (entry / "cmdline").read_bytes():
                found.append(int(entry.name))
        except (OSError, IndexError, ValueError):
            continue  # gone while looked at
    return found


def speech_workers_left(before: set[int]) -> list[int]:
    """The speech workers started since `before` (pids) still running after WORKER_GRACE: a test
    whose app's speech client was replaced (by a fake) or dropped without being closed."""
    end = time.monotonic() + WORKER_GRACE
    while (left := sorted(set(speech_workers()) - before)) and time.monotonic() < end:
        time.sleep(0.05)
    return left
