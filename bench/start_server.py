"""A prototype start server for one host (docs/scale-out.md, "a start server per host").

    python -m bench.start_server serve SOCKET      # once per host: imports everything, then waits
    python -m bench.start_server connect SOCKET    # the forced command: hands over the terminal

The server imports the guide, Textual and the content once. A connection sends its terminal
(standard input, output and error, as file descriptors over the Unix socket, SCM_RIGHTS) and
its environment; the server forks, the child makes that terminal its own (a new session, the
terminal as its controlling terminal, so resizes reach it) and runs the guide; the exit status
goes back to the client, which exits with it. Imported pages are shared copy-on-write between
readers. A prototype for measuring (bench/bench_capacity.py --start-server): it runs as the
account of whoever starts it, and taking over a terminal that another session controls needs
root (TIOCSCTTY with force); a real one would also need a privilege drop per account.
"""

from __future__ import annotations

import array
import contextlib
import fcntl
import gc
import json
import os
import signal
import socket
import sys
import termios

FDS = 3
"""Standard input, output and error."""


def serve(path: str) -> int:
    """Import everything once, then fork a reader per connection, for ever."""
    import tui.cli
    import tui.fullscreen.app  # the point: imported once, shared by every reader
    from tui.data.content import load_guide

    load_guide()  # warm the loaders' caches too
    gc.freeze()  # what is imported stays out of the collector's sight: its pages stay shared
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped by the kernel
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as listener:
        if os.path.exists(path):
            os.unlink(path)
        listener.bind(path)
        listener.listen(64)
        print("ready", flush=True)
        while True:
            connection, _ = listener.accept()
            if os.fork() == 0:
                listener.close()
                os._exit(run_reader(connection, tui.cli.main))
            connection.close()


def run_reader(connection: socket.socket, guide_main: object) -> int:
    """In the forked child: take the reader's terminal and environment, run the guide."""
    fds = array.array("i")
    message, ancillary, _, _ = connection.recvmsg(65536, socket.CMSG_LEN(FDS * fds.itemsize))
    for level, kind, data in ancillary:
        if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
            fds.frombytes(data[: len(data) - (len(data) % fds.itemsize)])
    if len(fds) != FDS:
        return 2
    os.setsid()
    for target, fd in enumerate(fds):
        os.dup2(fd, target)
        os.close(fd)
    with contextlib.suppress(OSError):  # not root: the guide runs, but does not follow a resize
        fcntl.ioctl(0, termios.TIOCSCTTY, 1)  # resizes (SIGWINCH) now come here
    os.environ.clear()
    os.environ.update(json.loads(message))
    sys.stdin = os.fdopen(0, "r", closefd=False)
    sys.stdout = os.fdopen(1, "w", closefd=False, buffering=1)
    sys.stderr = os.fdopen(2, "w", closefd=False, buffering=1)
    sys.__stdin__, sys.__stdout__, sys.__stderr__ = sys.stdin, sys.stdout, sys.stderr
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    status = 1
    try:
        status = guide_main([])  # type: ignore[operator]
    finally:
        sys.stdout.flush()
        connection.sendall(bytes([status & 0xFF]))
    return int(status)


def connect(path: str) -> int:
    """The forced command: hand the terminal and environment over, wait, exit with the status."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.connect(path)
        sock.sendmsg([json.dumps(dict(os.environ)).encode()],
                     [(socket.SOL_SOCKET, socket.SCM_RIGHTS, array.array("i", range(FDS)))])
        status = sock.recv(1)
    return status[0] if status else 1


def main() -> int:
    if len(sys.argv) != 3 or sys.argv[1] not in ("serve", "connect"):
        print("usage: python -m bench.start_server serve|connect SOCKET", file=sys.stderr)
        return 2
    return serve(sys.argv[2]) if sys.argv[1] == "serve" else connect(sys.argv[2])


if __name__ == "__main__":
    sys.exit(main())
