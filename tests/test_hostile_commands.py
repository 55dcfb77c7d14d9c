"""Commands a stranger gives: whatever a reader asks the hosted account to run over SSH (shell
tricks, another guide, another output), `--speak-to` into a missing folder, and every print path
into a full disk. Each is refused or reported in one line with exit status 2, with no traceback,
and nothing is run, read or written that was not offered.

It is the guide as a hostile stranger meets it, from outside (a real pty, a real sshd set up as
docs/hosting.md says), knowing only the README, the hosting doc, the man page and --help. A case
fails on what the terminal, /proc or the disk shows, never on a guess.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.support.host_tools import GUIDE
from tests.support.hostile import Home, end, ssh_session, tracebacks
from tests.support.private_sshd import SshServer
from tests.support.ptydrive import Session
from tests.support.wait import wait_until

pytestmark = [pytest.mark.e2e]


# Over SSH through the hosted account --------------------------------------------------------


INJECTIONS = [
    ["ls;", "touch", "{canary}"],
    ["$(touch {canary})"],
    ["`touch {canary}`"],
    ["'; touch {canary}; '"],
    ['"; touch {canary}; "'],
    ["x" * 60_000 + "; touch {canary}"],
    ["--content", "{evil}"],
    ["--speak-to", "{canary}.wav"],
    ["--plain", "--section", "1;touch {canary}"],
]


def read_to_the_end(session: Session) -> bool:
    """Read what the session sends; True once it has ended and everything it sent is read."""
    try:
        session.read_some(0.05)
    except (EOFError, OSError):
        return not session.alive()
    return False


def test_what_a_reader_asks_the_hosted_account_to_run(hosted: tuple[SshServer, str], tmp_path: Path) -> None:
    """Whatever else the client asks for, the account refuses it in one line naming what it offers,
    with exit status 2 (README, "Hosted commands"): no shell runs it, no path it names is read or
    written, and the guide it names is never shown."""
    server, _ = hosted
    evil = tmp_path / "evil-guide"
    evil.mkdir()
    (evil / "guide.toml").write_text('title = "EVIL GUIDE"\n', encoding="utf-8")
    sessions = []
    for n, template in enumerate(INJECTIONS):  # all at once: each is a separate reader
        command = [part.format(canary=tmp_path / f"canary-{n}", evil=evil) for part in template]
        sessions.append((n, command, ssh_session(server, command)))
    failures = []
    try:
        for n, command, session in sessions:
            what = f"{' '.join(command)[:50]!r}"
            wait_until(lambda session=session: read_to_the_end(session), f"{what} to be answered")
            said = [line for line in session.output().decode("utf-8", "replace").splitlines() if line.strip()]
            touched = [p.name for p in tmp_path.iterdir() if p.name.startswith(f"canary-{n}")]
            refused = len(said) == 1 and "offers only" in said[0] and session.exit_status == 2
            if touched or not refused or "EVIL" in "\n".join(said) or tracebacks(session.output()):
                failures.append(f"{what}: made {touched}, exit {session.exit_status}, said {said[:3]}, "
                                f"{tracebacks(session.output())}")
    finally:
        for _, _, session in sessions:
            end(session)
    assert not failures, "\n".join(failures)


# A missing folder ----------------------------------------------------------------------------


def test_speak_to_a_missing_folder(home: Home) -> None:
    missing = home.root / "no-such" / "folder"
    done = subprocess.run([str(GUIDE), "--speak-to", str(missing / "x.wav")], capture_output=True,
                          env={**os.environ, **home.env()}, timeout=60, stdin=subprocess.DEVNULL)
    lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
    print(f"\n--speak-to into a missing folder: exit {done.returncode}, stderr {lines}, stdout {done.stdout[:200]!r}")
    assert not tracebacks(done.stdout + done.stderr), tracebacks(done.stdout + done.stderr)
    assert not (home.root / "no-such").exists(), "the missing folder was created"
    assert done.returncode == 2, f"exit {done.returncode}"
    assert len(lines) == 1, f"not one line: {lines}"


# Full disk -------------------------------------------------------------------------------------


FULL_DISK = {
    "--plain (cold cache)": (["--plain"], b""),
    "--plain (warm cache)": (["--plain"], b""),
    "--plain --section 3": (["--plain", "--section", "3"], b""),
    "--checklist": (["--checklist"], b"1\n0\n"),
    "--accessible": (["--accessible"], b"0\n"),
    "--help": (["--help"], b""),
    "--version": (["--version"], b""),
}


def test_output_to_a_full_disk(home: Home) -> None:
    """Every print path into /dev/full: one line, exit 2, no traceback (the two --plain runs share a
    cache, so the second takes any warm path)."""
    failures = []
    env = {**os.environ, **home.env(), "NO_COLOR": "1"}
    for name, (args, stdin) in FULL_DISK.items():
        with open("/dev/full", "wb") as full:
            done = subprocess.run([str(GUIDE), *args], stdout=full, stderr=subprocess.PIPE, input=stdin,
                                  env=env, timeout=60)
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        print(f"\n{name} > /dev/full: exit {done.returncode}, stderr {lines[:3]}")
        if tracebacks(done.stderr) or done.returncode != 2 or len(lines) != 1:
            failures.append(f"{name}: exit {done.returncode}, {len(lines)} lines: {lines[:4]}")
    assert not failures, "output failures not reported as one line and exit 2:\n" + "\n".join(failures)
