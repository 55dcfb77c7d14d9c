"""What a test needs from the machine, and what happens when it is missing.

A test may skip only where a real optional dependency is absent, and CI installs every one of
them (.ci/run). So on a developer's machine a missing tool skips the test, naming it; in CI
(`CI=true`, as CI sets it) the same absence is a failure: a skipped test there would hide a
missing install step.
"""

from __future__ import annotations

import importlib
import os
from types import ModuleType
from typing import NoReturn

import pytest

IN_CI = os.environ.get("CI", "").lower() == "true"
"""True in CI, where nothing a test needs may be missing."""


def missing(what: str) -> NoReturn:
    """Skip the test for a missing `what`, or fail it in CI."""
    if IN_CI:
        pytest.fail(f"not installed in CI: {what} (.ci/run must install it)", pytrace=False)
    pytest.skip(f"not installed: {what} (CI installs it in .ci/run)")


def skip_unless(present: bool, what: str) -> pytest.MarkDecorator:
    """A mark that skips when `what` is absent, except in CI, where the test runs and fails."""
    return pytest.mark.skipif(not present and not IN_CI, reason=f"not installed: {what} (CI installs it)")


def import_or_skip(name: str) -> ModuleType:
    """Import module `name`; if it is not installed, skip the test, or fail it in CI."""
    try:
        return importlib.import_module(name)
    except ImportError:
        missing(f"the Python package {name}")
