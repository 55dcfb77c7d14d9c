"""HAProxy in front of private sshd, as docs/scale-out.md sets it up, on 127.0.0.1 only.

The configuration and the per-reader limit script are read from docs/scale-out.md between their
marker comments, so the page and the tests cannot drift apart. Only addresses change (the
`bind` line and each `server` line) and a private `global` section replaces Debian's (which
would chroot and log to syslog).
"""

from __future__ import annotations

import re
import socket
import subprocess
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.support.host_tools import ROOT, free_port, require_tools, stop_process
from tests.support.wait import NeverHappened, wait_until

SCALE_DOC = ROOT / "docs" / "scale-out.md"
"""The scale-out recipe whose HAProxy block and limit script the tests use word for word."""


def doc_block(name: str, doc: Path = SCALE_DOC) -> str:
    """The lines between `# BEGIN name` and `# END name` in the scale-out page, verbatim."""
    text = doc.read_text(encoding="utf-8")
    start = text.index(f"# BEGIN {name}")
    end = text.index(f"# END {name}", start)
    return "\n".join(text[start:end].splitlines()[1:]).strip("\n") + "\n"


def write_limit_script(folder: Path) -> Path:
    """The page's `spasm-guide-limited`, installed into `folder` (mode 755, as the page says)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "spasm-guide-limited"
    path.write_text(doc_block("spasm-guide-limited"), encoding="utf-8")
    path.chmod(0o755)
    return path


def haproxy_config(front_port: int, backend_ports: Sequence[int], folder: Path) -> str:
    """The page's HAProxy block with our addresses, after a private `global` section."""
    block = doc_block("haproxy")
    block, binds = re.subn(r"^(\s*bind )\S+$", rf"\g<1>127.0.0.1:{front_port}", block, flags=re.MULTILINE)
    assert binds == 1, f"the HAProxy block must have one bind line:\n{block}"
    servers = re.findall(r"^\s*server \S+ \S+$", block, flags=re.MULTILINE)
    assert len(servers) >= len(backend_ports), f"fewer server lines than backends:\n{block}"
    lines, ports = [], iter(backend_ports)
    for line in block.splitlines():
        if re.fullmatch(r"\s*server \S+ \S+", line):
            port = next(ports, None)
            if port is None:
                continue  # the page lists more hosts than the test starts
            line = re.sub(r"\S+$", f"127.0.0.1:{port}", line)
        lines.append(line)
    private_global = "\n".join([
        "global",
        "    log stderr format raw local0",
        f"    stats socket {folder / 'admin.sock'} mode 600 level admin",
        "",
    ])
    return private_global + "\n".join(lines) + "\n"


@dataclass
class Front:
    """A running HAProxy: where readers connect, and how to ask it about its servers."""

    port: int
    """The front address's port on 127.0.0.1."""
    folder: Path
    """Its config, log and admin socket."""
    process: subprocess.Popen[bytes]
    """haproxy itself, in the foreground (-db)."""

    def log(self) -> str:
        """What HAProxy logged (one line per connection, and each server going up or down)."""
        return (self.folder / "haproxy.log").read_text(encoding="utf-8", errors="replace")

    def admin(self, command: str) -> str:
        """One command on the admin socket (what `socat stdio /run/haproxy/admin.sock` does)."""
        with socket.socket(socket.AF_UNIX) as sock:
            sock.connect(str(self.folder / "admin.sock"))
            sock.sendall(command.encode() + b"\n")
            chunks = []
            while data := sock.recv(65536):
                chunks.append(data)
        return b"".join(chunks).decode(errors="replace")

    def server_states(self) -> dict[str, str]:
        """Each server's state as HAProxy sees it ("UP", "DOWN", ...)."""
        rows = self.admin("show stat").splitlines()
        header = rows[0].lstrip("# ").split(",")
        states = {}
        for row in rows[1:]:
            cells = dict(zip(header, row.split(","), strict=False))
            if cells.get("pxname") == "guide_hosts" and cells.get("svname") not in ("BACKEND", None):
                states[cells["svname"]] = cells.get("status", "")
        return states

    def stop(self) -> None:
        """Stop HAProxy (and every connection through it)."""
        stop_process(self.process)


@contextmanager
def running_front(folder: Path, backend_ports: Sequence[int]) -> Iterator[Front]:
    """HAProxy with the page's configuration in front of `backend_ports`, until all are UP."""
    haproxy = require_tools("haproxy")["haproxy"]
    folder.mkdir(parents=True, exist_ok=True)
    config = folder / "haproxy.cfg"
    config.write_text(haproxy_config(free_port(), backend_ports, folder), encoding="utf-8")
    check = subprocess.run([haproxy, "-c", "-f", str(config)], capture_output=True, text=True)
    assert check.returncode == 0, f"haproxy -c refused the page's config:\n{check.stdout}{check.stderr}"
    port = int(re.search(r"bind 127\.0\.0\.1:(\d+)", config.read_text(encoding="utf-8")).group(1))  # type: ignore[union-attr]
    log = (folder / "haproxy.log").open("wb")
    process = subprocess.Popen([haproxy, "-db", "-f", str(config)], stdout=log, stderr=log,
                               stdin=subprocess.DEVNULL)
    log.close()
    front = Front(port=port, folder=folder, process=process)

    def all_up() -> bool:
        try:
            return list(front.server_states().values()) == ["UP"] * len(backend_ports)
        except OSError:  # the admin socket is not there yet
            return False

    try:
        wait_until(all_up, lambda: f"HAProxy seeing every server UP:\n{front.log()}",
                   give_up=lambda: process.poll() is not None)
    except NeverHappened:
        front.stop()
        raise
    try:
        yield front
    finally:
        front.stop()
