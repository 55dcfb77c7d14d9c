"""Shared test set-up: every test gets its own config, data and state folders."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.pulse import pulse  # noqa: F401 (a fixture: a private PulseAudio for playback tests)
from tests.support.reading_level import textstat  # noqa: F401 (a fixture: the pinned reading-level measure)

ROOT = Path(__file__).resolve().parent.parent
"""The checkout."""


MODULE_MARKS: dict[str, tuple[str, ...]] = {
    # A real pty, tmux or sshd: whole runs of the guide as a person would make them.
    "test_terminals": ("e2e",), "test_ssh_e2e": ("e2e",), "test_ssh_load": ("e2e",),
    "test_ssh_no_tty": ("e2e",), "test_lifecycle": ("e2e",), "test_small_and_colourless_terminals": ("e2e",),
    "test_injection": ("e2e",), "test_resize_fuzz": ("e2e",), "test_hosting_doc": ("e2e",),
    "test_key_fuzz": ("e2e",), "test_screen_reader": ("e2e", "serial"),
    "test_lean_driver": ("e2e", "slow"),
    "test_memory": ("slow",), "test_early_paint": ("e2e",),
    # Real espeak-ng audio, a private PulseAudio, the real speech worker.
    "test_speech_audio": ("audio",), "test_speech_playback": ("audio",), "test_app_speech_real": ("audio",),
    "test_speech_worker": ("audio",),
    # Builds the wheel and installs it.
    "test_packaging": ("packaging",), "test_manpage": ("packaging",),
}
"""Which kinds of test each module holds, so `-m` can pick a fast set (see the README)."""

SLOW_TESTS = frozenset({
    "test_the_command_gives_each_vignette_its_tier_urgency_first",  # 45 runs of the real command
    "test_a_fake_with_a_misspelled_method_is_refused",  # runs mypy
})
"""Single slow tests in otherwise fast modules."""

SLOW_FIXTURES = frozenset({"textstat"})
"""Fixtures that make every test using them slow: `textstat` loads the CMU dictionary (134,000
words) in each worker, for the reading-level checks (run them after changing any text)."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark each test by its module (and the few slow ones by name)."""
    for item in items:
        module = item.nodeid.split("::")[0].rsplit("/", 1)[-1].removesuffix(".py")
        for mark in MODULE_MARKS.get(module, ()):
            item.add_marker(mark)
        if item.name.split("[")[0] in SLOW_TESTS or SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker("slow")


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
    yield home
