"""The reader's own computer, for running a hosted command word for word as a reader would.

A folder of small wrappers put first on PATH: `ssh` logs in to the test's sshd with the test's
key (as a reader's ~/.ssh/config would), turning the doc's `guide@your-host` into the test's own
account and address; the players (`aplay`, `paplay`, `play`) keep a copy of what they were given
and then play it for real (aplay on ALSA's null device: a test machine has no sound card).
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from pathlib import Path

from tests.support.host_tools import find_tool
from tests.support.private_sshd import SshServer

DOC_LOGIN = "guide@your-host"
"""How docs/hosting.md writes the account and host in its reader commands."""
DOC_LOCAL_LOGIN = "guide@localhost"
"""And in its checks, run on the host itself."""


def reader_bin(folder: Path, server: SshServer) -> Path:
    """Make the wrappers in `folder`/bin; players write what they got to `folder`/heard-PLAYER.wav."""
    ssh = find_tool("ssh")
    assert ssh, "ssh is installed by .ci/run"
    bin_dir = folder / "bin"
    bin_dir.mkdir(parents=True)
    options = ["-F", "/dev/null", "-i", str(server.client_key), "-p", str(server.port), "-o", "BatchMode=yes",
               "-o", "IdentitiesOnly=yes", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
               "-o", "LogLevel=ERROR"]
    target = f"{server.user}@127.0.0.1"
    (bin_dir / "ssh").write_text(
        "#!/bin/sh\n"
        f'for a; do shift; case "$a" in {DOC_LOGIN}|{DOC_LOCAL_LOGIN}) a={target};; esac; set -- "$@" "$a"; done\n'
        f'exec {shlex.join([ssh, *options])} "$@"\n')
    players = {"aplay": "-q -D null", "paplay": "", "play": ""}
    for name, extra in players.items():
        real = shutil.which(name)
        if real is None:
            continue
        (bin_dir / name).write_text(f'#!/bin/sh\ntee {folder / f"heard-{name}.wav"} | {real} {extra} "$@"\n')
    for tool in bin_dir.iterdir():
        tool.chmod(0o755)
    return bin_dir


def run_as_reader(command: str, bin_dir: Path, env: dict[str, str] | None = None, stdin: str = "",
                  timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """`command` through `sh -c`, with the reader's wrappers first on PATH."""
    return subprocess.run(["sh", "-c", command], input=stdin, capture_output=True, text=True, timeout=timeout,
                          env={**(env or {}), "PATH": f"{bin_dir}:/usr/bin:/bin"}, check=False)


def sox_figures(path: Path) -> tuple[float, float]:
    """(seconds, RMS amplitude as a share of full scale) of an audio file, as sox reads it."""
    sox = shutil.which("sox")
    assert sox, "sox is installed by .ci/run"
    stat = subprocess.run([sox, str(path), "-n", "stat"], capture_output=True, text=True, check=True).stderr
    seconds = re.search(r"Length \(seconds\):\s+([\d.]+)", stat)
    rms = re.search(r"RMS\s+amplitude:\s+([\d.]+)", stat)
    assert seconds and rms, stat
    return float(seconds[1]), float(rms[1])
