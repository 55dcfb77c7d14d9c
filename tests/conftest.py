"""Shared test set-up: every test gets its own config, data and state folders."""

from __future__ import annotations

import gc
import os
import signal
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support import app_starts
from tests.support.pulse import pulse  # noqa: F401 (a fixture: a private PulseAudio for playback tests)
from tests.support.reading_level import textstat  # noqa: F401 (a fixture: the pinned reading-level measure)
from tests.support.run_order import longest_first
from tui.data.words import SOURCE_LANGUAGE, use_language

ROOT = Path(__file__).resolve().parent.parent
"""The checkout."""

pytest_plugins = ["tests.support.hostile_fixtures"]
"""The hostile tests' shared `home` and `hosted` (a module with its own keeps its own)."""


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
    sets its marks (`pytestmark` at its top: pilot, e2e, audio, packaging, slow, serial), and a single
    such test in a pure module carries its own; tests/test_house_rules.py keeps it so.
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
def fast_tests_start_no_app(request: pytest.FixtureRequest) -> Iterator[None]:
    """The fast set is the pure set: a test that starts a Textual app (itself or in a fixture)
    must carry `pilot` (or e2e, audio, packaging, serial), or it fails here; and a test that
    started one must not leave a speech worker running. Set up before, and torn down after,
    every other function fixture; costs one look at a counter when no app ran."""
    before = app_starts.started()
    workers = set(app_starts.speech_workers()) if sys.modules.get("tui.speech.process") else set()
    yield
    if app_starts.started() == before:
        return
    if not app_starts.APP_MARKS & {m.name for m in request.node.iter_markers()}:
        pytest.fail(f"{request.node.nodeid} starts a Textual app but is in the fast set: mark it pilot "
                    "(README, \"Testing while you work\")", pytrace=False)
    # An app closes its speech client as it ends; a worker left running (a client replaced by a
    # fake after the app had started one) would outlive the test, for as long as the run.
    if left := app_starts.speech_workers_left(workers):
        pytest.fail(f"{request.node.nodeid} left speech workers running (pids {left}): give the app "
                    "its fake client before it starts, or close the real one", pytrace=False)


HOMES_MADE = [0]
"""How many homes this process has made for tests without a tmp_path."""


@pytest.fixture(autouse=True)
def private_dirs(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
                 monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point platformdirs (via XDG_*) at a temp folder, so no test touches the user's files: "home"
    in the test's `tmp_path` when it asks for one, else a numbered folder of the run's own. Making a
    `tmp_path` lists every folder made before it, so one for each of 1,000 tests a worker runs cost
    about 1.5 CPU seconds a worker; most pure tests need none."""
    if "tmp_path" in request.fixturenames:
        home = request.getfixturevalue("tmp_path") / "home"
    else:
        HOMES_MADE[0] += 1
        home = tmp_path_factory.getbasetemp() / "homes" / str(HOMES_MADE[0]) / "home"
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
