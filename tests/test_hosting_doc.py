"""docs/hosting.md works as written on a fresh Debian: the account it uses is created before it is
used, and the server can be told to reload without systemd (that command is run for real)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.support.wait import GUARD, wait_until

pytestmark: list[pytest.MarkDecorator] = []
"""Reading the doc starts no process (the fast set); the one test that runs sshd is marked e2e."""

DOC = (ROOT / "docs" / "hosting.md").read_text(encoding="utf-8")


def shell_lines() -> list[str]:
    """Every line of every ```sh block, in order."""
    blocks = re.findall(r"```sh\n(.*?)```", DOC, re.S)
    return [line.strip() for block in blocks for line in block.splitlines() if line.strip()]


def test_the_guide_account_is_created_before_it_is_used() -> None:
    created = DOC.index("useradd --create-home --shell /bin/sh guide")
    for use in ("su -s /bin/sh guide", "ssh -tt guide@localhost", "user=guide"):
        assert created < DOC.index(use), use


def test_packages_the_steps_need_are_installed_first() -> None:
    lines = shell_lines()
    install = next(n for n, line in enumerate(lines) if line.startswith("apt-get"))
    assert "python3-venv" in lines[install] and "openssh-server" in lines[install]
    assert install < next(n for n, line in enumerate(lines) if "python3 -m venv" in line)
    assert "sudo " not in DOC.split("## 3.")[0]  # a fresh Debian may have no sudo


def test_a_reload_without_systemd_is_given() -> None:
    lines = shell_lines()
    assert any(line.startswith("service ssh reload") for line in lines)
    assert any(line.startswith('kill -HUP "$(cat /run/sshd.pid)"') for line in lines)


@pytest.mark.e2e  # a real sshd
def test_the_docs_hup_line_makes_a_running_sshd_read_its_config_again(tmp_path: Path) -> None:
    from tests.support.private_sshd import running_sshd

    line = next(line for line in shell_lines() if line.startswith("kill -HUP"))
    command = line.split("#")[0].strip()
    with running_sshd(tmp_path / "sshd") as server:
        pid_file = server.folder / "sshd.pid"
        wait_until(pid_file.exists, f"sshd writing {pid_file}")
        # The doc's own line, with only the pid file's place swapped for this server's.
        subprocess.run(["sh", "-c", command.replace("/run/sshd.pid", str(pid_file))], check=True, timeout=GUARD)
        wait_until(lambda: server.log().count("Server listening") >= 2, lambda: f"sshd restarting:\n{server.log()}")
        assert "Received SIGHUP" in server.log()
        argv = [arg for arg in server.ssh_argv(["echo", "still-serving"]) if arg != "-tt"]
        done = subprocess.run(argv, capture_output=True, text=True, timeout=GUARD, stdin=subprocess.DEVNULL)
        assert "still-serving" in done.stdout, done.stderr


def test_the_venv_is_made_with_the_system_interpreter_and_checked() -> None:
    """Root's own python3 may live under /root (pyenv, conda): a venv made from it cannot be run by
    the guide's account ("Permission denied"), so the doc names /usr/bin/python3 and the check."""
    lines = shell_lines()
    venv = next(line for line in lines if "-m venv" in line)
    assert venv.startswith("/usr/bin/python3 -m venv /opt/spasm-guide"), venv
    assert "readlink -f /opt/spasm-guide/bin/python3" in DOC
    install = next(line for line in lines if line.startswith("apt-get"))
    assert "espeak-ng" in install  # speak needs it on the server


def test_every_reader_command_and_player_is_given() -> None:
    section = DOC.split("## 4.")[1].split("## 5.")[0]
    for command in ("plain 3", "accessible", "checklist", "speak 3 | aplay", "help"):
        assert f"ssh guide@your-host {command}" in section, command
    for system, player in (("Linux", "aplay"), ("macOS", "play -q -"), ("Windows", "ffplay -nodisp -autoexit -")):
        row = next(line for line in section.splitlines() if line.startswith(f"| {system}"))
        assert player in row, row
    assert "ForceCommand spasm-guide --hosted" in DOC
