"""Shared test set-up: every test gets its own config, data and state folders."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pulse_helpers import pulse  # noqa: F401 (a fixture: a private PulseAudio for playback tests)

ROOT = Path(__file__).resolve().parent.parent
"""The checkout."""


@pytest.fixture(autouse=True)
def private_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point platformdirs (via XDG_*) at a temp folder, so no test touches the user's files."""
    home = tmp_path / "home"
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        folder = home / name.lower()
        folder.mkdir(parents=True)
        monkeypatch.setenv(name, str(folder))
    for name in ("NO_COLOR", "ACCESSIBLE", "SSH_CONNECTION", "SSH_CLIENT", "SSH_TTY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    yield home
