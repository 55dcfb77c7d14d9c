"""The guide over a real SSH server, in a real terminal: as a remote reader meets it.

A private sshd (own host key, own config, 127.0.0.1 only) runs this checkout's `spasm-guide`;
`ssh -tt` runs inside tmux, whose screen we read. The same flow (a section, a search, the
checklist, a warning sign, EMERGENCY, quit) is followed three ways: with a remote command, with
the hosting guide's own Match block (`ForceCommand spasm-guide`), and over a link slowed to
about 20 KB/s with 50 ms latency. Assertions are on what the screen shows, never on time.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.checklist_flow import FlowFacts, flow_facts, run_flow, saved_checks
from tests.support.host_tools import GUIDE, xdg_env
from tests.support.private_sshd import (
    SshServer,
    block_for_user,
    match_block,
    os_user,
    remote_path,
    running_sshd,
    shared_account_command,
    start_sshd,
)
from tests.support.slow_link import slow_link
from tests.support.tmux_drive import Tmux, tmux_server

pytestmark = [pytest.mark.e2e]


@pytest.fixture(scope="module")
def facts() -> FlowFacts:
    return flow_facts()


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Tmux]:
    """A private tmux server, killed after the test (with every ssh client in it)."""
    with tmux_server(tmp_path / "tmux") as server:
        yield server


@pytest.fixture
def remote_home(tmp_path: Path) -> dict[str, str]:
    """The remote reader's XDG folders: settings and ticks land here, not in anyone's home."""
    return xdg_env(tmp_path / "remote-home")


@pytest.fixture
def sshd(tmp_path: Path, remote_home: dict[str, str], tmux: Tmux) -> Iterator[SshServer]:
    """A private sshd whose sessions get this venv's PATH and the test's XDG folders.

    Depends on `tmux` so that pytest tears down tmux (and so every ssh client) first, then sshd.
    """
    server = start_sshd(tmp_path / "sshd", setenv={"PATH": remote_path(), **remote_home})
    try:
        yield server
    finally:
        server.stop()


def test_the_flow_over_ssh_with_a_remote_command(sshd: SshServer, tmux: Tmux, facts: FlowFacts,
                                                 remote_home: dict[str, str]) -> None:
    tmux.new("guide", sshd.ssh_argv([str(GUIDE)]))
    screens = run_flow(tmux, "guide", facts)
    assert "Emergency? Call 911" in screens[0]  # the emergency line, on top from the first screen
    assert facts.warning_id in saved_checks(remote_home)
    # Health information: the saved ticks are readable by the account only (docs/hosting.md says so).
    state = Path(remote_home["XDG_STATE_HOME"]) / "spasm-guide" / "checklist.toml"
    assert state.stat().st_mode & 0o077 == 0, oct(state.stat().st_mode)


def test_the_hosting_guides_match_block_opens_the_guide_and_nothing_else(
        tmp_path: Path, tmux: Tmux, facts: FlowFacts, remote_home: dict[str, str]) -> None:
    block = match_block()
    assert "    ForceCommand spasm-guide --hosted\n" in block
    # Only the Match criteria change (the test cannot create a `guide` account); the PATH puts
    # this checkout's spasm-guide first, as the doc's install step does for /usr/local/bin.
    with running_sshd(tmp_path / "sshd-match", extra=block_for_user(block, os_user()),
                      setenv={"PATH": remote_path(), **remote_home}) as server:
        # The reader asks for a shell command: refused in one line, and no shell runs it.
        tmux.new("refused", [*server.ssh_argv(), "echo SHELL-REACHED; id"])
        assert tmux.wait_dead("refused") == 2
        screen = tmux.wait_for("refused", "Try: help", "the one line naming what is allowed")
        assert "SHELL-REACHED" not in screen
        # No command: the full-screen guide.
        tmux.new("forced", server.ssh_argv())
        run_flow(tmux, "forced", facts)
        assert facts.warning_id in saved_checks(remote_home)
        tmux.kill_server()


def test_the_shared_account_variant_starts_every_connection_fresh(
        tmp_path: Path, tmux: Tmux, facts: FlowFacts, remote_home: dict[str, str]) -> None:
    """The doc's shared-account ForceCommand: one guest's ticks never reach the next guest, and
    the private folder is gone when the guide quits."""
    block = match_block().replace("    ForceCommand spasm-guide --hosted\n", shared_account_command() + "\n")
    assert "mktemp -d" in block
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    with running_sshd(tmp_path / "sshd-shared", extra=block_for_user(block, os_user()),
                      setenv={"PATH": remote_path(), "TMPDIR": str(scratch), **remote_home}) as server:
        tmux.new("first", server.ssh_argv())
        run_flow(tmux, "first", facts)  # checks a warning sign and sees EMERGENCY, then quits
        assert saved_checks(remote_home) == "", "the ticks went to the account's own folders"
        assert not list(scratch.iterdir()), "the connection's folder was left behind"
        tmux.new("second", server.ssh_argv())
        tmux.wait_for("second", "Read the guide")
        tmux.send("second", "k")
        screen = tmux.wait_for("second", lambda s: "Check your symptoms" in s and "[ ]" in s, "the checklist")
        assert "selected:" not in screen
        tmux.kill_server()


def test_the_flow_over_a_slow_link_stays_usable(sshd: SshServer, tmux: Tmux, facts: FlowFacts,
                                               remote_home: dict[str, str]) -> None:
    # About 20 KB/s each way and 50 ms each way: a poor mobile or satellite link.
    with slow_link(sshd.port, rate=20_000, latency=0.05) as link:
        tmux.new("slow", sshd.ssh_argv([str(GUIDE)], port=link.port))
        run_flow(tmux, "slow", facts, poll=0.2)
        tmux.kill_server()  # before the link closes, so no client is left waiting on it
    assert link.bytes_down > 0  # the session really went through the slowed link
    assert facts.warning_id in saved_checks(remote_home)
