"""The fixtures the hostile tests share (a plugin, named in tests/conftest.py): a short private
home, and a private sshd with the hosting doc's Match block. A module that defines its own
`home` or `hosted` keeps its own."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.hostile import Home, hosted_sshd, short_home
from tests.support.private_sshd import SshServer


@pytest.fixture
def home() -> Iterator[Home]:
    with short_home() as made:
        yield made


@pytest.fixture
def hosted(tmp_path: Path, home: Home) -> Iterator[tuple[SshServer, str]]:
    """A private sshd with the hosting doc's Match block, its sessions marked so /proc finds them."""
    with hosted_sshd(tmp_path / "sshd", home) as server_and_mark:
        yield server_and_mark
