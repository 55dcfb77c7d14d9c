"""A private OpenSSH server on 127.0.0.1, configured with docs/hosting.md's Match block word for
word (only its `Match` criteria swapped for the account running the tests).

`running_sshd` stops the server however its with-block ends; `start_sshd` leaves stopping it to
the caller.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.support.host_tools import ROOT, VENV_BIN, find_tool, free_port, require_tools, stop_process
from tests.support.wait import NeverHappened, wait_until

HOSTING_DOC = ROOT / "docs" / "hosting.md"
"""The hosting guide whose Match block the SSH tests use word for word."""
BLOCK_BEGIN = "# BEGIN spasm-guide"
BLOCK_END = "# END spasm-guide"
"""Marker comments around the tested Match block in docs/hosting.md."""
KNOWN_HOST_ALIAS = "guide-under-test"
"""The name a strict client records the host key under (ssh's HostKeyAlias), whatever the port."""


# The hosting guide's Match block --------------------------------------------------------------


def match_block(doc: Path = HOSTING_DOC) -> str:
    """The sshd_config Match block between the marker comments of docs/hosting.md, verbatim."""
    text = doc.read_text(encoding="utf-8")
    start = text.index(BLOCK_BEGIN)
    end = text.index(BLOCK_END, start)
    lines = text[start:end].splitlines()[1:]  # drop the BEGIN marker's own line
    return "\n".join(lines).strip("\n") + "\n"


def shared_account_command(doc: Path = HOSTING_DOC) -> str:
    """The ForceCommand line that docs/hosting.md gives for one shared account, verbatim."""
    found = re.findall(r"^    ForceCommand d=\$\(mktemp -d\).*$", doc.read_text(encoding="utf-8"), re.MULTILINE)
    assert len(found) == 1, found
    return found[0]


def block_for_user(block: str, user: str) -> str:
    """The block with only its `Match` criteria swapped for the test's own account.

    A test cannot create accounts on the machine it runs on, so it logs in as itself; every other
    line of the block is kept word for word, which is what the test proves.
    """
    out, swapped = [], 0
    for line in block.splitlines():
        if line.lstrip().startswith("Match "):
            line, swapped = f"Match User {user}", swapped + 1
        out.append(line)
    assert swapped == 1, f"the hosting block must have exactly one Match line:\n{block}"
    return "\n".join(out) + "\n"


# A private sshd -------------------------------------------------------------------------------


@dataclass
class SshServer:
    """An sshd of our own on 127.0.0.1, and how to reach it."""

    port: int
    """Where it listens."""
    folder: Path
    """Its keys, config, pid file and log."""
    client_key: Path
    """The private key the client logs in with."""
    process: subprocess.Popen[bytes]
    """sshd itself (run with -D, so this is the listener)."""
    user: str
    """The account the client logs in as: the one running the tests."""

    def ssh_argv(self, command: Sequence[str] = (), port: int | None = None,
                 known_hosts: Path | None = None, send_env: Sequence[str] = ()) -> list[str]:
        """An ssh command line that logs in with a pty and runs `command` (if any) remotely.

        With `known_hosts`, the host key must be the one recorded there for the alias
        `KNOWN_HOST_ALIAS` (strict checking, as a reader's client does after the first visit).
        `send_env` names variables of the client's environment to send (`-o SendEnv=LANG`)."""
        checking = ["-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null"] \
            if known_hosts is None else \
            ["-o", "StrictHostKeyChecking=yes", "-o", f"UserKnownHostsFile={known_hosts}",
             "-o", f"HostKeyAlias={KNOWN_HOST_ALIAS}"]
        argv = [
            find_tool("ssh") or "ssh", "-tt", "-q", *checking,
            "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes", "-o", "LogLevel=ERROR",
            *(arg for name in send_env for arg in ("-o", f"SendEnv={name}")),
            "-F", "/dev/null", "-i", str(self.client_key), "-p", str(port or self.port),
            f"{self.user}@127.0.0.1",
        ]
        if command:
            argv.append(shlex.join(command))
        return argv

    def log(self) -> str:
        """What sshd said (for failure messages)."""
        return (self.folder / "sshd.log").read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        """Stop the listener (sessions end with their own ssh clients)."""
        stop_process(self.process)


def make_key(path: Path) -> Path:
    """A new ed25519 key pair at `path` (and `path`.pub), no passphrase; returns `path`."""
    keygen = require_tools("ssh-keygen")["ssh-keygen"]
    subprocess.run([keygen, "-q", "-t", "ed25519", "-N", "", "-C", "spasm-guide-test", "-f", str(path)],
                   check=True, capture_output=True)
    return path


def start_sshd(folder: Path, extra: str = "", setenv: dict[str, str] | None = None,
               host_key: Path | None = None, client_key: Path | None = None) -> SshServer:
    """Start a private sshd: own host key, own client key, own config; wait until it listens.

    `setenv` goes into the global SetEnv line (the remote PATH and XDG folders); `extra` is
    appended at the end of the config (a Match block must come last). A `host_key` or
    `client_key` given is used instead of a new one (several servers behind one address share
    both: docs/scale-out.md).
    """
    tools = require_tools("sshd", "ssh", "ssh-keygen")
    folder.mkdir(parents=True, exist_ok=True)
    host_key = host_key or make_key(folder / "host_key")
    client_key = client_key or make_key(folder / "client_key")
    authorized = folder / "authorized_keys"
    authorized.write_text(client_key.with_name(client_key.name + ".pub").read_text(encoding="utf-8"),
                          encoding="utf-8")
    # sshd refuses to start without its privilege-separation folder; a fresh container lacks it.
    Path("/run/sshd").mkdir(mode=0o755, parents=True, exist_ok=True)
    port = free_port()
    # The sessions' HOME is a folder of the server's own: the tests log in as the machine's own
    # user, whose shell (bash, for `ForceCommand`'s `shell -c`) reads that user's ~/.bashrc, and
    # a machine's dotfiles are not the hosted account's (docs/hosting.md: an account of its own).
    # One here ran `pyenv init`, whose rehash races in sessions opened at once and wrote to stderr.
    home = folder / "home"
    home.mkdir(exist_ok=True)
    env_line = " ".join(f'{k}="{v}"' for k, v in {"HOME": str(home), **(setenv or {})}.items())
    config = folder / "sshd_config"
    config.write_text("\n".join([
        f"Port {port}",
        "ListenAddress 127.0.0.1",
        f"HostKey {host_key}",
        f"AuthorizedKeysFile {authorized}",
        f"PidFile {folder / 'sshd.pid'}",
        "UsePAM no",           # no PAM stack in a test: keys only
        "StrictModes no",      # the tmp folders are not locked down the way ~/.ssh would be
        "PermitRootLogin prohibit-password",
        "PasswordAuthentication no",
        "KbdInteractiveAuthentication no",
        "LogLevel VERBOSE",
        "MaxStartups 50",      # the load test opens ten sessions at once
        "MaxSessions 50",
        "AcceptEnv LANG LC_*",  # the reader's language, as Debian's own sshd_config accepts it
        *( [f"SetEnv {env_line}"] if env_line else [] ),
        "",
        extra,
    ]) + "\n", encoding="utf-8")
    check = subprocess.run([tools["sshd"], "-t", "-f", str(config)], capture_output=True, text=True)
    assert check.returncode == 0, f"sshd refused the config: {check.stderr}\n{config.read_text()}"
    log = (folder / "sshd.log").open("wb")
    # -D: stay in the foreground (so we own the process); -e: log to stderr (our log file).
    process = subprocess.Popen([tools["sshd"], "-D", "-e", "-f", str(config)], stdout=log, stderr=log,
                               stdin=subprocess.DEVNULL)
    log.close()
    server = SshServer(port=port, folder=folder, client_key=client_key, process=process,
                       user=os_user())
    try:
        wait_until(lambda: "Server listening" in server.log(), lambda: f"sshd starting:\n{server.log()}",
                   give_up=lambda: process.poll() is not None)
    except NeverHappened:
        server.stop()
        raise
    return server


def os_user() -> str:
    """The name of the account running the tests (the one the client logs in as)."""
    import pwd

    return pwd.getpwuid(os.getuid()).pw_name


@contextmanager
def running_sshd(folder: Path, extra: str = "", setenv: dict[str, str] | None = None,
                 host_key: Path | None = None, client_key: Path | None = None) -> Iterator[SshServer]:
    """An sshd for the duration of a with-block, stopped however the block ends."""
    server = start_sshd(folder, extra, setenv, host_key, client_key)
    try:
        yield server
    finally:
        server.stop()


def remote_path() -> str:
    """A PATH for remote sessions with this checkout's venv first (so `spasm-guide` is ours)."""
    return f"{VENV_BIN}:/usr/local/bin:/usr/bin:/bin"
