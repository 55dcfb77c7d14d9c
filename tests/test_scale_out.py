"""docs/scale-out.md on loopback: HAProxy in front of three sshd sharing one host key.

Everything is real and private to the test: the page's HAProxy block (only addresses changed),
three sshd on 127.0.0.1 each with the hosting guide's Match block and the page's
`spasm-guide-limited` as the forced command, one host key made and installed with the page's
commands, and readers in tmux whose ssh checks the host key strictly (as a reader's client does
after the first visit). Assertions are on screens, exit statuses, key fingerprints and process
limits; never on time.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections import Counter
from contextlib import suppress
from pathlib import Path

import pytest

from tests.support.guide_pty import descendants
from tests.support.haproxy import Front, doc_block, running_front, write_limit_script
from tests.support.host_tools import require_tools, xdg_env
from tests.support.private_sshd import (
    KNOWN_HOST_ALIAS,
    SshServer,
    block_for_user,
    make_key,
    match_block,
    os_user,
    remote_path,
    start_sshd,
)
from tests.support.tmux_drive import Tmux, tmux_server
from tests.support.wait import wait_until

pytestmark = [pytest.mark.e2e]

HOSTS = 3
"""Backends behind the front address."""
SEATS = 3
"""Readers at once on each host (the page's SPASM_GUIDE_MAX_READERS)."""
MARK = "SPASM_SCALE_TEST_HOST"
"""Set (by sshd's SetEnv) to the backend's number in every guide it runs: where a reader landed."""


def make_shared_host_key(folder: Path) -> Path:
    """The page's section 1: one ed25519 key, made once, in a folder only its owner can read."""
    folder.mkdir(mode=0o700)
    key = folder / "ssh_host_ed25519_key"
    subprocess.run([require_tools("ssh-keygen")["ssh-keygen"], "-q", "-t", "ed25519", "-N", "",
                    "-C", "guide.example.org", "-f", str(key)], check=True)
    return key


def install_host_key(key: Path, etc: Path) -> Path:
    """The page's `install -m 600` (and 644 for .pub) onto one host; returns the installed key.
    (`-o root -g root` is left out: the test may not run as root.)"""
    etc.mkdir(parents=True)
    installed = etc / key.name
    subprocess.run(["install", "-m", "600", str(key), str(installed)], check=True)
    subprocess.run(["install", "-m", "644", f"{key}.pub", f"{installed}.pub"], check=True)
    assert installed.stat().st_mode & 0o777 == 0o600
    return installed


def fingerprint(public_key_line: str) -> str:
    """`ssh-keygen -lf` of one public key line: the fingerprint a reader would be told to check."""
    done = subprocess.run([require_tools("ssh-keygen")["ssh-keygen"], "-lf", "-"], input=public_key_line,
                          capture_output=True, text=True, check=True)
    return done.stdout.split()[1]


def guides_by_host() -> dict[int, list[int]]:
    """Running guides (pids) per backend, from the mark each backend's sshd put in their environment."""
    found: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes()
            environ = (entry / "environ").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"spasm-guide" not in cmdline or b"spasm-guide-limited" in cmdline:
            continue
        for item in environ:
            if item.startswith(MARK.encode() + b"="):
                found.setdefault(int(item.split(b"=", 1)[1]), []).append(int(entry.name))
    return found


def address_space_limit(pid: int) -> str:
    """The soft 'Max address space' limit of a process, as /proc shows it."""
    for line in Path(f"/proc/{pid}/limits").read_text().splitlines():
        if line.startswith("Max address space"):
            return line.split()[3]
    raise AssertionError(f"no address space line for {pid}")


class Readers:
    """Readers in tmux reaching the front address, and which backend each one landed on."""

    def __init__(self, tmux: Tmux, front: Front, servers: list[SshServer], known_hosts: Path) -> None:
        self.tmux, self.front, self.servers, self.known_hosts = tmux, front, servers, known_hosts
        self.host_of: dict[str, int] = {}

    def start(self, name: str) -> int:
        """Start a reader through the front address; wait for the guide; return its backend."""
        before = Counter({host: len(pids) for host, pids in guides_by_host().items()})
        self.tmux.new(name, self.servers[0].ssh_argv(port=self.front.port, known_hosts=self.known_hosts))
        self.tmux.wait_for(name, "Read the guide", "the guide's start screen through the front address")

        def landed() -> int | None:
            now = Counter({host: len(pids) for host, pids in guides_by_host().items()})
            grown = [host for host in now if now[host] > before[host]]
            return grown[0] + 1 if len(grown) == 1 else None  # +1: host 0 is a true value

        self.host_of[name] = wait_until(landed, f"{name}'s guide process on a backend") - 1
        return self.host_of[name]

    def open_checklist(self, name: str) -> None:
        """The checklist, as a reader opens it from the start screen."""
        self.tmux.send(name, "k")
        self.tmux.wait_for(name, lambda s: "Check your symptoms" in s and "[ ]" in s, "the checklist")


def test_readers_through_haproxy_share_one_host_key_survive_a_lost_host_and_a_hog(tmp_path: Path) -> None:
    key = make_shared_host_key(tmp_path / "guide-host-key")
    public = Path(f"{key}.pub").read_text(encoding="utf-8")
    known_hosts = tmp_path / "known_hosts"
    known_hosts.write_text(f"{KNOWN_HOST_ALIAS} {' '.join(public.split()[:2])}\n", encoding="utf-8")
    client_key = make_key(tmp_path / "client_key")
    bin_folder = tmp_path / "bin"
    limited = write_limit_script(bin_folder)
    block = match_block()
    forced = "    ForceCommand spasm-guide --hosted\n"
    assert forced in block
    block = block_for_user(block.replace(forced, "    ForceCommand spasm-guide-limited\n"), os_user())

    servers: list[SshServer] = []
    try:
        for host in range(HOSTS):
            installed = install_host_key(key, tmp_path / f"host{host}" / "etc")
            setenv = {"PATH": f"{bin_folder}:{remote_path()}", **xdg_env(tmp_path / f"host{host}" / "home"),
                      MARK: str(host), "SPASM_GUIDE_MAX_READERS": str(SEATS),
                      "SPASM_GUIDE_READERS_DIR": str(tmp_path / f"host{host}" / "seats"),
                      "SPASM_GUIDE_HOST": "guide.example.org"}
            servers.append(start_sshd(tmp_path / f"host{host}" / "sshd", extra=block, setenv=setenv,
                                      host_key=installed, client_key=client_key))
        with running_front(tmp_path / "haproxy", [server.port for server in servers]) as front, \
                tmux_server(tmp_path / "tmux") as tmux:
            readers = Readers(tmux, front, servers, known_hosts)
            first = [f"reader{n}" for n in range(2 * HOSTS)]
            for name in first:
                readers.start(name)
                readers.open_checklist(name)
            # leastconn: readers arriving one at a time are spread evenly.
            assert sorted(Counter(readers.host_of.values()).values()) == [2] * HOSTS, readers.host_of

            # Every guide runs inside the page's limit script (its fallback here: see the page).
            guides = [pid for pids in guides_by_host().values() for pid in pids]
            assert len(guides) == 2 * HOSTS
            assert {address_space_limit(pid) for pid in guides} == {str(400000 * 1024)}

            # A reader whose process asks for 400 MiB is stopped by the same script; no one else is.
            hog = subprocess.run([str(limited), sys.executable, "-c", "b = bytearray(400 << 20)"],
                                 capture_output=True, text=True, env=os.environ | {"PATH": f"{bin_folder}:"
                                                                                   f"{remote_path()}"})
            assert hog.returncode != 0 and "MemoryError" in hog.stderr, (hog.returncode, hog.stderr)

            # Host 0 fails: its sshd and every session on it die at once, as when a machine stops.
            lost = servers[0]
            doomed = descendants(lost.process.pid)
            lost.process.kill()
            for pid in doomed:
                with suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            lost.process.wait(10)
            on_lost = [name for name in first if readers.host_of[name] == 0]
            for name in on_lost:
                tmux.wait_dead(name)

            # New readers still get in, at once (HAProxy retries another host) and after the
            # check has marked the host down.
            late = [f"late{n}" for n in range(HOSTS - 1)]
            for name in late:
                assert readers.start(name) != 0
                readers.open_checklist(name)
            # Now every seat of the hosts left is taken: the next reader hears so, in one line.
            tmux.new("turned-away", servers[1].ssh_argv(port=front.port, known_hosts=known_hosts))
            assert tmux.wait_dead("turned-away") == 75, tmux.screen("turned-away")
            said = tmux.scrollback("turned-away")
            assert said.startswith("The guide is busy. Try again in a minute, or read it as plain text: "
                                   f"ssh {os_user()}@gui\nde.example.org plain\n"), said
            wait_until(lambda: front.server_states().get("guide1", "").startswith("DOWN"),
                       lambda: f"HAProxy marking the lost host down: {front.server_states()}")

            # The readers on the other hosts noticed nothing: their guide still answers keys.
            for name in [n for n in first if n not in on_lost] + late:
                tmux.send(name, "Escape")
                tmux.wait_for(name, lambda s: "Read the guide" in s and "[ ]" not in s,
                              "back at the start screen")
                tmux.send(name, "q")
                assert tmux.wait_dead(name) == 0, tmux.screen(name)

            # One key behind the address, the one made above, whichever host answers.
            keyscan = require_tools("ssh-keyscan")["ssh-keyscan"]
            seen = set()
            for _ in range(2 * HOSTS):
                scan = subprocess.run([keyscan, "-t", "ed25519", "-p", str(front.port), "127.0.0.1"],
                                      capture_output=True, text=True, check=True)
                seen |= {fingerprint(" ".join(line.split()[1:])) for line in scan.stdout.splitlines() if line}
            assert seen == {fingerprint(public)}, seen
    finally:
        for server in servers:
            server.stop()


def test_a_host_with_its_own_key_is_what_the_shared_key_prevents(tmp_path: Path) -> None:
    """The control: strict checking does refuse a host whose key differs (so the test above can fail)."""
    key = make_shared_host_key(tmp_path / "guide-host-key")
    known_hosts = tmp_path / "known_hosts"
    known_hosts.write_text(f"{KNOWN_HOST_ALIAS} {' '.join(Path(f'{key}.pub').read_text().split()[:2])}\n")
    server = start_sshd(tmp_path / "sshd", setenv={"PATH": remote_path()})  # a key of its own
    try:
        argv = [arg for arg in server.ssh_argv(["true"], known_hosts=known_hosts) if arg not in ("-q", "-tt")]
        done = subprocess.run(argv, capture_output=True, text=True, stdin=subprocess.DEVNULL)
        assert done.returncode == 255
        assert "REMOTE HOST IDENTIFICATION HAS CHANGED" in done.stderr, done.stderr
    finally:
        server.stop()


def test_cgroup_set_up_where_there_is_no_cgroup_v2_makes_nothing_and_still_starts_sshd(tmp_path: Path) -> None:
    """The page's cgroup set-up lines on a machine like the tests' own, whose /sys/fs/cgroup is a
    plain writable tmpfs (cgroup v1 underneath): one line saying so, nothing made there (the
    unguarded lines made ordinary files that limit nothing), and sshd (a stand-in) still started."""
    fake = tmp_path / "cgroup"
    fake.mkdir()
    (fake / "cgroup.controllers").write_text("cpu memory pids\n")  # names memory, yet is no cgroup
    started = tmp_path / "sshd-started"
    stand_in = tmp_path / "sshd"
    stand_in.write_text(f"#!/bin/sh\ntouch {started}\n")
    stand_in.chmod(0o755)
    block = (doc_block("cgroup set-up").replace("/sys/fs/cgroup", str(fake))
             .replace("/usr/sbin/sshd", str(stand_in)).replace("/run/sshd", str(tmp_path / "run-sshd")))
    done = subprocess.run(["sh", "-c", block], capture_output=True, text=True)
    assert (done.returncode, done.stderr) == (
        0, "No cgroup v2 memory controller here: spasm-guide-limited will use its fallback.\n"), done
    assert sorted(path.name for path in fake.iterdir()) == ["cgroup.controllers"]
    assert started.exists()


def test_the_limit_script_is_not_fooled_by_a_folder_that_only_looks_like_a_cgroup(tmp_path: Path) -> None:
    """A plain folder with cgroup-like files (what the set-up lines leave on a tmpfs) is not a
    cgroup: the script takes its address-space fallback instead of running the reader unlimited."""
    fake = tmp_path / "spasm-guide"
    fake.mkdir()
    (fake / "cgroup.procs").write_text("")
    (fake / "cgroup.subtree_control").write_text("+memory +pids +cpu\n")
    script = write_limit_script(tmp_path / "bin")
    script.write_text(script.read_text(encoding="utf-8").replace("PARENT=/sys/fs/cgroup/spasm-guide",
                                                                 f"PARENT={fake}"), encoding="utf-8")
    done = subprocess.run([str(script), "sh", "-c", "ulimit -v"], capture_output=True, text=True)
    assert (done.returncode, done.stdout, done.stderr) == (0, "400000\n", ""), done
    assert sorted(path.name for path in fake.iterdir()) == ["cgroup.procs", "cgroup.subtree_control"]
