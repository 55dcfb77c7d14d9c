"""Output that cannot be written, and Ctrl+C while the guide starts: one line, never a traceback.

Issue 18.7: `--plain > /dev/full` with a warm cache printed a traceback and exited 1 (cold: one
line and exit 2); SIGINT in the first half second printed a KeyboardInterrupt traceback.
`--version` and `--help` into a full disk said nothing and exited 0.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support.guide_pty import guide_on_pty
from tests.support.wait import wait_until

pytestmark = [pytest.mark.e2e]

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str, stdout: object = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tui", *args], stdout=stdout or subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True, input="0\n", timeout=120, check=False,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})


@pytest.mark.parametrize("args", [("--plain",), ("--plain", "--section", "2"), ("--checklist",), ("--accessible",),
                                  ("--version",), ("--help",)])
def test_a_full_disk_is_one_line_and_exit_2_warm_cache_or_cold(private_dirs: Path, args: tuple[str, ...]) -> None:
    for attempt in ("cold", "warm"):
        with open("/dev/full", "w", encoding="utf-8") as full:
            done = run(*args, stdout=full)
        assert done.returncode == 2, (attempt, done.stderr)
        assert done.stderr == "spasm-guide: cannot write the output (No space left on device)\n", (attempt, done.stderr)
        if attempt == "cold":
            assert run(*args).returncode == 0  # a good run, which warms the --plain cache


def test_a_closed_pipe_is_not_an_error(private_dirs: Path) -> None:
    for args in (("--plain",), ("--version",), ("--help",)):
        shell = subprocess.run(f"{sys.executable} -m tui {' '.join(args)} | head -c 1; exit ${{PIPESTATUS[0]}}",
                               shell=True, executable="/bin/bash", capture_output=True, text=True, timeout=120,
                               env={**os.environ, "PYTHONPATH": str(ROOT)}, check=False)
        assert shell.returncode == 0 and not shell.stderr, (args, shell.stderr)


def loaded_own_code(pid: int) -> bool:
    """The guide's own code runs: the process is `python -m tui` (not the test's fork before it)
    and has loaded termios, which tui.output.early_paint imports. Before that it is Python
    starting, whose own Ctrl+C handling is Python's."""
    try:
        return b"-m\0tui" in Path(f"/proc/{pid}/cmdline").read_bytes() and \
            "termios" in Path(f"/proc/{pid}/maps").read_text()
    except OSError:
        return False


@pytest.mark.parametrize("delay", [0.0, 0.02, 0.05, 0.1, 0.2, 0.35, 0.5, 0.8, 1.2,
                                   *(round(random.Random(18).uniform(0, 1.5), 3) for _ in range(3))])
def test_ctrl_c_at_any_moment_of_start_is_never_a_traceback(tmp_path: Path, delay: float) -> None:
    with guide_on_pty(tmp_path) as guide:
        wait_until(lambda: guide.read_some(0.002) and loaded_own_code(guide.pid), "the guide's code loading",
                   poll=0)
        time.sleep(delay)
        os.kill(guide.pid, signal.SIGINT)
        status = guide.wait_exit()
        output = bytes(guide.output)
    assert b"Traceback" not in output and b"KeyboardInterrupt" not in output, output[-800:]
    assert status == 128 + signal.SIGINT, status  # ended by the signal, whenever it came
