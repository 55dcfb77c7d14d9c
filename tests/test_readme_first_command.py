"""The README's first command, as a new user copies it: in a copy of the checkout, on a real pty,
with `apt-get` (and `sudo`) stood in for, it installs, ends with the guide open, and leaves
`spasm-guide` and `man spasm-guide` working in that shell. Also: it uses `sudo` only where
there is one (root images have none)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.support.ptydrive import spawn
from tests.support.wait import GUARD

pytestmark = [pytest.mark.packaging]

PROJECT_FILES = ("pyproject.toml", "README.md", "LICENSE", "tui", "content", "man")
"""What `pip install .` reads from the checkout."""


def first_command() -> str:
    """The first shell block under "## Start" in the README."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("\n## Start")
    found = re.search(r"```sh\n(.+?)\n```", readme[start:], re.DOTALL)
    assert found is not None
    command = found.group(1)
    assert "\n" not in command, "the first command is one line a person can copy"
    return command


def stub(folder: Path, name: str, body: str) -> None:
    path = folder / name
    path.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    path.chmod(0o755)


def apt_stubs(tmp_path: Path, with_sudo: bool) -> tuple[Path, Path]:
    """A folder with a stand-in apt-get (and sudo) that write what they were asked to a log."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "calls.log"
    stub(bin_dir, "apt-get", f'echo "apt-get $*" >> "{log}"')
    if with_sudo:
        stub(bin_dir, "sudo", f'echo "sudo $*" >> "{log}"; exec "$@"')
    return bin_dir, log


def test_the_apt_steps_run_directly_where_there_is_no_sudo(tmp_path: Path) -> None:
    """A root shell in a container: no sudo anywhere on PATH, and apt-get is run as it is."""
    bin_dir, log = apt_stubs(tmp_path, with_sudo=False)
    apt_part = first_command().split(" && python3 ")[0]
    # PATH is only the stand-ins: a sudo installed on this machine cannot be found.
    subprocess.run(["/bin/bash", "-c", apt_part], env={"PATH": str(bin_dir)}, check=True, timeout=GUARD)
    calls = log.read_text(encoding="utf-8").splitlines()
    assert calls[0] == "apt-get update"
    assert calls[1].startswith("apt-get install -y") and "espeak-ng" in calls[1] and "man-db" in calls[1]


def test_the_first_command_ends_with_the_guide_open_and_leaves_it_and_its_manual_reachable(
        tmp_path: Path) -> None:
    """A user shell with sudo: the apt steps go through sudo, the install runs for real."""
    checkout = tmp_path / "checkout"
    checkout.mkdir()
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, checkout / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, checkout / name)
    bin_dir, log = apt_stubs(tmp_path, with_sudo=True)
    command = first_command()
    # After the guide closes, the same shell says where `spasm-guide` and its page are.
    probe = "; echo; echo WHERE $(command -v spasm-guide) $(man -w spasm-guide)"
    env = {"PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "TERM": "xterm-256color", "PIP_QUIET": "1"}
    session = spawn(["/bin/bash", "-c", command + probe], env=env, cwd=str(checkout))
    session.read_until_shown("Read the guide", timeout=600)  # pip builds and installs first
    session.settle()
    session.send(b"q")
    session.read_until(b"WHERE", timeout=GUARD)
    session.settle()
    session.finish(b"")
    assert session.exit_status == 0
    calls = log.read_text(encoding="utf-8").splitlines()
    assert calls[:2] == ["sudo apt-get update", "apt-get update"]
    assert calls[2].startswith("sudo apt-get install -y")
    where = session.output().decode(errors="replace").split("WHERE", 1)[1].split()
    assert where[:2] == [str(checkout / ".venv" / "bin" / "spasm-guide"),
                         str(checkout / ".venv" / "share" / "man" / "man1" / "spasm-guide.1")], where
