"""`ssh host cmd` with no terminal, through a real private sshd: one line, and nothing left behind.

Before, the guide started its full screen on a pipe, never ended, and was left on the server
(parent PID 1) burning most of a core, its temp folder behind it. Every remote process of a test
carries a marker in its environment (sshd's SetEnv), so /proc shows whether any is left.
"""

from __future__ import annotations

import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.guide_pty import MARK, wait_until_gone
from tests.support.host_tools import GUIDE, xdg_env
from tests.support.private_sshd import (
    SshServer,
    block_for_user,
    match_block,
    os_user,
    remote_path,
    running_sshd,
    shared_account_command,
)
from tui.hosted import NO_TERMINAL as HOSTED_NO_TERMINAL
from tui.hosted import REFUSED

pytestmark = [pytest.mark.e2e]

GUARD = 120.0
"""Against a hang only (today's failure is a session that never ends)."""

NO_TERMINAL_LINE = ("spasm-guide: the full-screen guide needs a terminal; use spasm-guide --plain (text) "
                    "or spasm-guide --accessible (numbered prompts)")


def ssh_no_tty(server: SshServer, command: list[str]) -> subprocess.CompletedProcess[str]:
    """`ssh host COMMAND` as a script runs it: no -t, so no terminal on the server side."""
    argv = [("-T" if word == "-tt" else word) for word in server.ssh_argv()]
    return subprocess.run([*argv, *command], stdin=subprocess.DEVNULL, capture_output=True, text=True,
                          timeout=GUARD, check=False)


@pytest.fixture
def mark() -> str:
    """This test's marker, set in every remote session's environment."""
    return uuid.uuid4().hex


@pytest.fixture
def remote_env(tmp_path: Path, mark: str) -> dict[str, str]:
    """The remote sessions' PATH, XDG folders, temp folder and marker."""
    scratch = tmp_path / "remote-tmp"
    scratch.mkdir()
    return {"PATH": remote_path(), "TMPDIR": str(scratch), MARK: mark, **xdg_env(tmp_path / "remote-home")}


@pytest.fixture
def plain_sshd(tmp_path: Path, remote_env: dict[str, str]) -> Iterator[SshServer]:
    with running_sshd(tmp_path / "sshd", setenv=remote_env) as server:
        yield server


def test_a_remote_command_with_no_terminal_is_one_line(plain_sshd: SshServer, mark: str) -> None:
    result = ssh_no_tty(plain_sshd, [str(GUIDE)])
    assert result.returncode == 2, result
    assert result.stderr.strip() == NO_TERMINAL_LINE
    assert result.stdout == ""
    assert wait_until_gone(mark) == []


def test_a_section_with_no_terminal_is_one_line(plain_sshd: SshServer, mark: str) -> None:
    result = ssh_no_tty(plain_sshd, [str(GUIDE), "--section", "3"])
    assert (result.returncode, result.stdout, result.stderr.strip()) == (2, "", NO_TERMINAL_LINE)
    assert wait_until_gone(mark) == []


def test_plain_with_no_terminal_still_prints_the_text(plain_sshd: SshServer, mark: str) -> None:
    result = ssh_no_tty(plain_sshd, [str(GUIDE), "--plain", "--section", "3"])
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Section three of")
    assert wait_until_gone(mark) == []


def test_the_hosting_block_with_ssh_host_ls_ends_and_leaves_nothing(tmp_path: Path, remote_env: dict[str, str],
                                                                   mark: str) -> None:
    """docs/hosting.md's own block: `ssh guide@host ls` is refused (ForceCommand --hosted), and
    `ssh -T guide@host` (the full screen, no tty) says what the account can do instead."""
    block = block_for_user(match_block(), os_user())
    with running_sshd(tmp_path / "sshd-match", extra=block, setenv=remote_env) as server:
        result = ssh_no_tty(server, ["ls"])
        full = ssh_no_tty(server, [])
    assert (result.returncode, result.stdout, result.stderr.strip()) == (2, "", REFUSED), result
    assert (full.returncode, full.stdout, full.stderr.strip()) == (2, "", HOSTED_NO_TERMINAL), full
    assert wait_until_gone(mark) == []


def test_the_shared_account_variant_leaves_no_temp_folder(tmp_path: Path, remote_env: dict[str, str],
                                                          mark: str) -> None:
    block = match_block().replace("    ForceCommand spasm-guide --hosted\n", shared_account_command() + "\n")
    with running_sshd(tmp_path / "sshd-shared", extra=block_for_user(block, os_user()),
                      setenv=remote_env) as server:
        result = ssh_no_tty(server, ["ls"])
    # The doc's command removes the folder after the guide and keeps the guide's status.
    assert (result.returncode, result.stderr.strip()) == (2, REFUSED), result
    assert wait_until_gone(mark) == []
    assert not list(Path(remote_env["TMPDIR"]).iterdir()), "the connection's temp folder was left behind"
