"""Odd bytes and a flood typed at the guide through a real sshd with docs/hosting.md's Match block.

Issue 18.1 and 18.2 over SSH: 150 KB of keys took the server's guide to 527 MB and Ctrl+Q then
took 18.8 s; a byte that is not UTF-8 ended the guide and closed the connection. Also the save
dialog over SSH says where files go.
"""

from __future__ import annotations

import contextlib
import os
import select
import time
from pathlib import Path

import pytest

from tests.support.host_tools import xdg_env
from tests.support.private_sshd import block_for_user, match_block, os_user, remote_path, running_sshd
from tests.support.ptydrive import Session, spawn
from tests.support.wait import wait_until

pytestmark = [pytest.mark.e2e]


def flood(session: Session, data: bytes) -> None:
    """Type `data` as fast as ssh takes it, reading the screen meanwhile."""
    sent = 0
    while sent < len(data):
        readable, writable, _ = select.select([session.fd], [session.fd], [], 1.0)
        if readable:
            session.read_some(0)
        if writable:
            sent += os.write(session.fd, data[sent:sent + 16384])


def ended(session: Session) -> int:
    def gone() -> bool:
        with contextlib.suppress(EOFError, OSError):  # once it has ended, reading fails
            session.read_some(0.05)
        return not session.alive()

    wait_until(gone, lambda: f"the ssh session ending; it showed:\n{session.shown()}", poll=0)
    assert session.exit_status is not None
    return session.exit_status


def test_bad_bytes_a_flood_and_the_save_dialog_over_ssh(tmp_path: Path) -> None:
    home = tmp_path / "reader"
    block = block_for_user(match_block(), os_user())
    with running_sshd(tmp_path / "sshd", extra=block, setenv={"PATH": remote_path(), **xdg_env(home)}) as server:
        session = spawn(server.ssh_argv(), {"TERM": "xterm-256color"})
        session.read_until_shown("Read the guide", 60)
        session.send(b"\xff")
        session.send("café".encode("latin-1"))
        session.send(b"\xe9x")
        flood(session, b"j" * 300_000)
        time.sleep(1.0)
        session.send(b"/")
        session.read_until_shown("Type a word", 60)
        session.send(b"\xe9t\xe9")
        session.read_until_shown("\ufffdt\ufffd", 60)
        session.send(b"\x1b")
        session.read_until_shown("Read the guide", 60)
        session.send(b"ks\x13")  # the checklist, save, Ctrl+S: no questions, the save dialog
        session.read_until_shown("Over SSH, files are saved in this folder only", 60)
        session.send(b"\x11")
        assert ended(session) == 0
        assert "Traceback" not in session.shown()
