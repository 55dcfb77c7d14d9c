"""The machine the end-to-end tests run on: where this checkout's guide is installed, the tools
they start, a free port, a server stopped, and the environment a guide of theirs runs with.

Everything the tests start runs on 127.0.0.1 only, in temporary folders, and is stopped by
whoever started it (the fixtures use `try/finally`, so a failing test still stops its servers).
A test may skip only when a binary it needs (sshd, ssh, ssh-keygen, tmux) is truly absent: CI
installs them all (`.ci/run`).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

from tests.support import needs

ROOT = Path(__file__).resolve().parents[2]
"""The checkout."""
VENV_BIN = Path(sys.executable).parent
"""The bin folder of the Python running the tests: this checkout's venv."""
GUIDE = VENV_BIN / "spasm-guide"
"""The installed entry point the remote side runs (never a copy on the PATH elsewhere)."""


# Binaries and servers -------------------------------------------------------------------------


def find_tool(name: str) -> str | None:
    """The absolute path of `name`, also looking in the sbin folders a non-login PATH may lack."""
    found = shutil.which(name)
    if found:
        return found
    for folder in ("/usr/sbin", "/usr/local/sbin", "/sbin"):
        candidate = Path(folder) / name
        if os.access(candidate, os.X_OK):
            return str(candidate)
    return None


def require_tools(*names: str) -> dict[str, str]:
    """Absolute paths of the tools, or skip the test naming the missing ones (and only then)."""
    paths = {name: find_tool(name) for name in names}
    missing = [name for name, path in paths.items() if path is None]
    if missing:
        needs.missing(", ".join(missing))
    return {name: path for name, path in paths.items() if path is not None}


def stop_process(process: subprocess.Popen[bytes]) -> None:
    """Ask a server to stop, and kill it if it has not within 10 s."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# The environment a guide runs with ------------------------------------------------------------


def xdg_env(home: Path) -> dict[str, str]:
    """XDG folders under `home`, so each session keeps its own settings, state and summaries."""
    env = {}
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        folder = home / name.lower()
        folder.mkdir(parents=True, exist_ok=True)
        env[name] = str(folder)
    return env


def terminal_env(**changes: str) -> dict[str, str]:
    """This process's environment as a reader's terminal has it: no COLUMNS or LINES.

    Something in a pytest run exports COLUMNS=80 and LINES=24, and Textual sizes itself from
    them (shutil.get_terminal_size reads them before asking the terminal), so a guide started
    with them would never follow a resize. No terminal a reader uses exports them.
    """
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    env.update(changes)
    return env
