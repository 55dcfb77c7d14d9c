"""A hosted account through a real sshd on 127.0.0.1 with docs/hosting.md's own Match block
(`ForceCommand spasm-guide --hosted`): the allowed commands work, everything else is refused in
one line with nothing run, and `speak 3` streams speech a standard tool (sox) reads."""

from __future__ import annotations

import re
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.guide_pty import MARK, wait_until_gone
from tests.support.host_tools import xdg_env
from tests.support.private_sshd import SshServer, block_for_user, match_block, os_user, remote_path, running_sshd
from tui.hosted import REFUSED

pytestmark = [pytest.mark.e2e]

GUARD = 120.0
"""Against a hang only."""

RUN = uuid.uuid4().hex
"""This module's marker, in every remote session's environment (sshd's SetEnv)."""


def ssh_argv(server: SshServer) -> list[str]:
    """ssh as a reader's script runs it: no terminal (`-T`), the command after the host."""
    return [("-T" if word == "-tt" else word) for word in server.ssh_argv()]


def ssh(server: SshServer, command: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([*ssh_argv(server), command], input=stdin, capture_output=True, timeout=GUARD,
                          check=False)


@pytest.fixture(scope="module")
def hosted(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SshServer]:
    """One sshd for the module, with the hosting doc's block word for word but its Match line."""
    folder = tmp_path_factory.mktemp("hosted")
    env = {"PATH": remote_path(), "TMPDIR": str(folder), MARK: RUN, **xdg_env(folder / "remote-home")}
    with running_sshd(folder / "sshd", extra=block_for_user(match_block(), os_user()), setenv=env) as server:
        yield server


def test_plain_with_a_section_prints_that_section(hosted: SshServer) -> None:
    done = ssh(hosted, "plain 3")
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode().startswith("Section three of")


def test_accessible_and_checklist_run_their_prompts(hosted: SshServer) -> None:
    accessible = ssh(hosted, "accessible", b"0\n")
    assert accessible.returncode == 0, accessible.stderr
    assert b"Type a number, 0 to quit:" in accessible.stdout
    checklist = ssh(hosted, "checklist")
    assert checklist.returncode == 0, checklist.stderr
    assert b"This is not a diagnosis." in checklist.stdout


def test_help_lists_the_commands_with_this_host(hosted: SshServer) -> None:
    done = ssh(hosted, "help")
    assert done.returncode == 0, done.stderr
    text = done.stdout.decode()
    login = f"ssh -p {hosted.port} {hosted.user}@127.0.0.1"
    for command in ("plain 3", "accessible", "checklist", "speak 3 | aplay", "speak 3 | play -q -"):
        assert f"{login} {command}" in text, command


@pytest.mark.parametrize("typed", [
    "ls", "id; touch {canary}", "plain; touch {canary}", "plain 3 && touch {canary}", "plain $(touch {canary})",
    "plain `touch {canary}`", "'plain'", '"plain" 3', "--content {canary}", "plain --content {canary}",
    "--speak-to {canary}.wav", "speak --speak-to {canary}.wav", "speak 3 > {canary}", "plain " + "9" * 4000,
    "plän 3", "plain \x1b]0;owned\x07", "\x7fELF\x02\x01\x01binary\xfe", "help | touch {canary}",
], ids=lambda typed: ascii(typed)[:40])
def test_anything_else_is_refused_and_nothing_runs(hosted: SshServer, tmp_path: Path, typed: str) -> None:
    folder = tmp_path / "canaries"
    folder.mkdir()
    canary = folder / "canary"
    # "--" so that ssh passes a leading "--content" on instead of reading it as its own option.
    done = subprocess.run([*ssh_argv(hosted), "--", typed.format(canary=canary)], capture_output=True,
                          timeout=GUARD, check=False)
    assert (done.returncode, done.stdout, done.stderr.decode()) == (2, b"", REFUSED + "\n")
    assert not list(folder.iterdir()), "a command the list does not name ran"
    # Logged nowhere but the reader's own stderr: sshd's log (VERBOSE) does not hold their words.
    assert "canary" not in hosted.log() and "binary" not in hosted.log()


def test_speak_streams_speech_sox_reads(hosted: SshServer, tmp_path: Path) -> None:
    sox = shutil.which("sox")
    assert sox, "sox is installed by .ci/run"
    target = tmp_path / "s.wav"
    with target.open("wb") as out:
        done = subprocess.run([*ssh_argv(hosted), "speak 3"], stdout=out, stderr=subprocess.PIPE,
                              timeout=GUARD, check=False)
    assert done.returncode == 0, done.stderr
    stat = subprocess.run([sox, str(target), "-n", "stat"], capture_output=True, text=True, check=True).stderr
    seconds = float(re.search(r"Length \(seconds\):\s+([\d.]+)", stat)[1])  # type: ignore[index]
    rms = float(re.search(r"RMS\s+amplitude:\s+([\d.]+)", stat)[1])  # type: ignore[index]
    words = len(subprocess.run([*ssh_argv(hosted), "plain 3"], capture_output=True, text=True,
                               timeout=GUARD, check=True).stdout.split())
    expected = words / 170 * 60  # the default rate, words a minute
    assert 0.6 * expected < seconds < 1.6 * expected, (seconds, expected)
    assert rms > 0.03, stat  # speech is about 0.09 of full scale; silence is near 0


def test_a_player_that_quits_leaves_nothing_running_on_the_server(hosted: SshServer) -> None:
    reader = subprocess.Popen([*ssh_argv(hosted), "speak"], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE)
    assert reader.stdout is not None and reader.stderr is not None
    first = reader.stdout.read(20_000)  # the player has heard enough, and quits
    reader.stdout.close()
    reader.wait(GUARD)
    assert first[:4] == b"RIFF" and len(first) == 20_000
    assert b"Traceback" not in reader.stderr.read()
    assert wait_until_gone(RUN) == [], "the guide or its speech worker was left on the server"


def test_speak_to_a_terminal_says_what_to_type_instead(hosted: SshServer) -> None:
    done = subprocess.run([*hosted.ssh_argv(), "speak 2"], stdin=subprocess.DEVNULL, capture_output=True,
                          timeout=GUARD, check=False)
    said = done.stdout.decode(errors="replace")
    assert done.returncode == 2, said
    assert f"ssh -p {hosted.port} {hosted.user}@127.0.0.1 speak 2 | aplay" in said
    assert "RIFF" not in said
