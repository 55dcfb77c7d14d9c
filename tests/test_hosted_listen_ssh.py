"""Over SSH the `r` dialog and Help give the command that plays the section on screen on the
reader's own computer, and that command, copied from the screen, works: it is run word for word
against a real sshd with docs/hosting.md's Match block, and the player gets speech."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.support.host_tools import find_tool, xdg_env
from tests.support.pilot import make_app, screen_text
from tests.support.private_sshd import block_for_user, match_block, os_user, remote_path, running_sshd
from tests.support.speech_fake import FakeClient
from tui.fullscreen.dialogs.remote_speech import RemoteSpeechDialog
from tui.fullscreen.screens.page import PageScreen
from tui.hosted import HOSTED_ENV

pytestmark = [pytest.mark.e2e]

GUARD = 120.0


def flat(text: str) -> str:
    """The screen's words on one line (the dialog wraps a long command at its spaces)."""
    return " ".join(text.replace("│", " ").replace("▎", " ").split())


async def test_the_r_dialogs_command_copied_plays_the_section_at_home(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    sox, aplay, ssh = shutil.which("sox"), shutil.which("aplay"), find_tool("ssh")
    assert sox and aplay and ssh, "sox, aplay and ssh are installed by .ci/run"
    remote = {"PATH": remote_path(), "TMPDIR": str(tmp_path), **xdg_env(tmp_path / "remote-home")}
    with running_sshd(tmp_path / "sshd", extra=block_for_user(match_block(), os_user()), setenv=remote) as server:
        # The guide as the hosted account runs it: reached at 127.0.0.1 on this sshd's port.
        monkeypatch.setenv("SSH_CONNECTION", f"127.0.0.1 40000 127.0.0.1 {server.port}")
        monkeypatch.setenv(HOSTED_ENV, "")
        app = make_app(tmp=tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            app.reader.client = FakeClient()  # type: ignore[assignment]
            await pilot.press("3", "r")
            await pilot.pause()
            assert isinstance(app.screen, RemoteSpeechDialog)
            shown = flat(screen_text(app))
            found = re.search(r"ssh -p \d+ \S+@127\.0\.0\.1 speak 3 \| aplay", shown)
            assert found, shown
            command = found[0]
            await pilot.press("enter")  # the command for other systems
            await pilot.pause()
            assert isinstance(app.screen, PageScreen)
            others = flat(app.screen.section.text())
            assert f"{command[:-len('aplay')]}play -q -" in others and "ffplay -nodisp -autoexit -" in others
            await pilot.press("escape", "question_mark")  # back to section 3, then its Help
            await pilot.pause()
            assert command in flat(app.screen.section.text())  # Help says it too

        # The reader's computer: their ssh knows its key and host (as ~/.ssh/config would), and
        # their aplay has a sound card (here ALSA's null device, with what it was given kept).
        home = tmp_path / "reader-bin"
        home.mkdir()
        capture = tmp_path / "heard.wav"
        (home / "ssh").write_text(
            f'#!/bin/sh\nexec {ssh} -F /dev/null -i {server.client_key} -o BatchMode=yes -o IdentitiesOnly=yes '
            f'-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR "$@"\n')
        (home / "aplay").write_text(f'#!/bin/sh\ntee {capture} | {aplay} -q -D null "$@"\n')
        for tool in ("ssh", "aplay"):
            (home / tool).chmod(0o755)
        done = subprocess.run(["sh", "-c", command], env={"PATH": f"{home}:/usr/bin:/bin"},
                              stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=GUARD, check=False)
    assert done.returncode == 0, done.stderr
    stat = subprocess.run([sox, str(capture), "-n", "stat"], capture_output=True, text=True, check=True).stderr
    seconds = float(re.search(r"Length \(seconds\):\s+([\d.]+)", stat)[1])  # type: ignore[index]
    rms = float(re.search(r"RMS\s+amplitude:\s+([\d.]+)", stat)[1])  # type: ignore[index]
    assert seconds > 10 and rms > 0.03, stat
