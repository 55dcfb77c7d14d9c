"""Ten readers at once over SSH: every one completes the flow and keeps their own checklist.

One private sshd, one tmux server, ten `ssh -tt` sessions started together. Each runs the guide
through a small wrapper that gives it its own XDG folders and records its peak memory. The
figures are printed (run pytest with -s to see them); the assertions are on what each screen
showed and what each reader's state file holds.
"""

from __future__ import annotations

import statistics
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.support.checklist_flow import flow_facts, run_flow, saved_checks, write_rss_wrapper
from tests.support.host_tools import xdg_env
from tests.support.private_sshd import remote_path, running_sshd
from tests.support.tmux_drive import tmux_server

pytestmark = [pytest.mark.e2e]

SESSIONS = 10
"""Readers at once: enough to show contention, few enough to stay quick on a 2-core machine."""
PEAK_MIB_AT_MOST = 150
"""Peak memory of one reader's guide, MiB: docs/hosting.md tells a host to plan for this much."""


def test_ten_concurrent_ssh_sessions_each_complete_the_flow_with_their_own_state(tmp_path: Path) -> None:
    facts = flow_facts()
    wrapper = write_rss_wrapper(tmp_path / "bin")
    homes = [tmp_path / f"reader{n}" for n in range(SESSIONS)]
    envs = [xdg_env(home) for home in homes]
    with running_sshd(tmp_path / "sshd", setenv={"PATH": remote_path()}) as server, \
            tmux_server(tmp_path / "tmux") as tmux:
        names = [f"reader{n}" for n in range(SESSIONS)]
        for name, home in zip(names, homes, strict=True):
            tmux.new(name, server.ssh_argv([sys.executable, str(wrapper), str(home), str(home / "rss")]))
        with ThreadPoolExecutor(SESSIONS) as pool:
            # poll=0.25: ten readers polling tmux must not starve the guides of the two CPUs.
            runs = [pool.submit(run_flow, tmux, name, facts, 0.25) for name in names]
            failures = [str(run.exception()) for run in runs if run.exception() is not None]
        assert not failures, "\n\n".join(failures)

    for home, env in zip(homes, envs, strict=True):
        # Each reader ticked the sign in their own state file, and nobody else's.
        assert facts.warning_id in saved_checks(env), f"{home.name} has no saved tick"
    assert len({Path(env["XDG_STATE_HOME"]) for env in envs}) == SESSIONS

    peaks = [int((home / "rss").read_text()) / 1024 for home in homes]
    print(f"\npeak RSS per guide session over SSH ({SESSIONS} at once), MiB: "
          + ", ".join(f"{peak:.1f}" for peak in peaks)
          + f"\n  min {min(peaks):.1f}, median {statistics.median(peaks):.1f}, max {max(peaks):.1f}")
    # Each figure is a guide that loaded the app (Python and Textual alone are over 20 MiB), and
    # none is near what a host must plan for each reader (PEAK_MIB_AT_MOST).
    assert all(20 < peak <= PEAK_MIB_AT_MOST for peak in peaks), peaks
