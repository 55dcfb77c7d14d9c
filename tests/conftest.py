"""Shared test set-up: every test gets its own config, data and state folders."""

from __future__ import annotations

import gc
import os
import signal
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.pulse import pulse  # noqa: F401 (a fixture: a private PulseAudio for playback tests)
from tests.support.reading_level import textstat  # noqa: F401 (a fixture: the pinned reading-level measure)
from tests.support.run_order import longest_first
from tui.data.words import SOURCE_LANGUAGE, use_language

ROOT = Path(__file__).resolve().parent.parent
"""The checkout."""


# Compiled modules are kept, as .ci/run keeps them: a machine that sets PYTHONDONTWRITEBYTECODE
# makes every xdist worker compile the guide and rewrite every test module again on each run
# (collecting took 5.0 s of CPU per worker so, 2.3 s with them kept; the files are in .gitignore).
# Set here, before the workers start, so they and every guide a test starts inherit it.
sys.dont_write_bytecode = False
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)


ONE_WORKER_FIXTURES = {"textstat": "reading_level"}
"""Fixtures that are costly to set up once per worker, by the xdist group their tests share:
`textstat` loads the CMU dictionary (134,000 words, about 1.5 CPU seconds), so the reading-level
checks all run in one worker (`--dist loadgroup`, in pyproject.toml) and load it once per run."""


def pytest_configure(config: pytest.Config) -> None:
    """Every program a test starts gets the signals a terminal or sshd gives it: a run started
    under `nohup`, or in the background of a script, ignores SIGHUP, SIGINT and SIGQUIT, and a
    child inherits an ignored signal, so the tests of a hangup or a Ctrl+C would hang (a guide
    that ignores SIGHUP waits for input for ever) or fail."""
    signal.signal(signal.SIGHUP, signal.SIG_DFL)
    signal.signal(signal.SIGQUIT, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)

@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Send every test that uses a costly fixture to the one worker that sets it up. Each module
    sets its marks (`pytestmark` at its top: e2e, audio, packaging, slow, serial), and a single slow
    test in a fast module carries `@pytest.mark.slow`; tests/test_house_rules.py keeps it so.
    Then the longest tests go first (tests/support/run_order.py), so none starts last."""
    for item in items:
        for fixture, group in ONE_WORKER_FIXTURES.items():
            if fixture in getattr(item, "fixturenames", ()):
                item.add_marker(pytest.mark.xdist_group(group))
    longest_first(items)


def pytest_collection_finish(session: pytest.Session) -> None:
    """Leave what collection imported (Textual, the guide, every test module) out of the garbage
    collector's full passes: a worker starts hundreds of apps, and each full pass walked all of it
    again (about 5 per cent of an app start's CPU). Objects made later are collected as before."""
    gc.freeze()


FIGURES: list[str] = []
"""The figure lines tests recorded (`record_property("figure", line)`), in the order they came."""


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Keep the figures a test recorded. A test's own output is lost when it runs in a worker
    (pytest-xdist, the parallel stage), but its recorded properties come back with its report."""
    if report.when == "call":
        FIGURES.extend(str(value) for name, value in report.user_properties if name == "figure")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print every figure at the end of the run, passed or failed (the README takes them from one
    CI run: speech on arriving, words not whole, wrong presses, wrong lines read by Down)."""
    if FIGURES:
        terminalreporter.section("figures")
        for line in FIGURES:
            terminalreporter.write_line(line)


@pytest.fixture(autouse=True)
def private_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point platformdirs (via XDG_*) at a temp folder, so no test touches the user's files."""
    home = tmp_path / "home"
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        folder = home / name.lower()
        folder.mkdir(parents=True)
        monkeypatch.setenv(name, str(folder))
    # COLUMNS and LINES: pytest-xdist's workers export 80x24; a test runs the same with or without it.
    for name in ("NO_COLOR", "ACCESSIBLE", "SSH_CONNECTION", "SSH_CLIENT", "SSH_TTY", "COLUMNS", "LINES",
                 "SPASM_GUIDE_DEBUG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    # The language: English unless a test chooses (a tester's own LANG=es_MX must not change
    # what every other test sees), and the words set back to English after a test that switched.
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    yield home
    # The words layer's language is the process's: a test that showed Spanish (an app made with the
    # Spanish guide sets it) must not leave the next test in the same worker reading Spanish.
    use_language(SOURCE_LANGUAGE)
