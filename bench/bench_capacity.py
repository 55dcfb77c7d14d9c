"""How many readers one host holds: readers over a real sshd, each pressing a key every 2 s.

Run: .venv/bin/python -m bench.bench_capacity [--steps 20,40,80,120,160] [--seconds 20] [--quick]

Each reader is `ssh -tt` on a pty of its own (80x24, TERM=xterm-256color) into a private sshd on
127.0.0.1, which runs this checkout's guide. Once in, a reader opens section one, then presses
a key every 2 s: next section, page down, page up, in turn (each reader starts at a random
moment of the 2 s, so keys are spread as real readers' would be). The reader count steps up;
at each step, once the new readers are in, a warm-up of one of each key (a screen's first use
builds it; its p99 is printed apart), then for `--seconds`:

- key-to-frame: from the key to the last byte of the answer (bytes that follow it within 50 ms;
  a message's timer clearing it later is not part of it); p50 and p99. A reader's next key
  waits while an answer is still arriving (as a reader waits for the screen); a key that draws
  nothing within 2 s (page down at a section's end, next at the last section) is counted apart;
- PSS per reader (/proc/PID/smaps_rollup): the guide, and its sshd session processes;
- and the load on the machine (/proc/loadavg) at the step's end, since the machine may be shared.

Before the steps, in the same run: the baseline, a bare `ssh host true` (wall time), against the
guide's first paint over the same sshd (each alone, medians of 5); and idle CPU per reader
(guides with no key pressed for 10 s). The report names the knee (the last step whose p99 is
under 100 ms) and readers per core there. Both sides of the machine (ssh clients, sshd,
guides) run on it, as on the benchmark's 2-core machine; a real host serves only the server side.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import random
import re
import selectors
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from tests.support.guide_pty import descendants
from tests.support.host_tools import GUIDE, xdg_env
from tests.support.private_sshd import SshServer, remote_path, start_sshd

PERIOD = 2.0
"""Seconds between one reader's keys."""
KEYS = (b"n", b"\x1b[6~", b"\x1b[5~")
"""Next section, page down, page up: in turn."""
GOAL_P99 = 0.100
"""Key-to-frame p99 a step must stay under to count."""
WARM_UP = PERIOD * len(KEYS)
"""Seconds of keys after each step's new readers are in, before measuring: each key once."""
GAP = 0.05
"""Bytes this long after the answer's last are not part of it: a message put away by its timer a
second later is output of its own, not the key's answer."""
QUIET = 0.2
"""An answer still arriving this recently is not finished: the next key waits for it."""
READY = b"Read the guide"
"""On the start screen: the reader is in."""
SGR = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]")
MARK = "SPASM_BENCH_CAPACITY"
"""Set by the sshd in every session, so the guides of this run are found in /proc."""


def set_size(fd: int, columns: int, rows: int) -> None:
    """Give a pty its window size (what a terminal emulator does)."""
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))


@dataclass
class Reader:
    """One reader: an ssh client on a pty, and their key-to-frame samples."""

    proc: subprocess.Popen[bytes]
    fd: int
    seen: bytes = b""
    ready_at: float | None = None
    next_key: float = 0.0
    turn: int = 0
    sent: float | None = None
    last_byte: float = 0.0
    answer_end: float = 0.0
    """The last byte of the burst that answered the key (bytes closer than GAP to the one before)."""
    samples: list[float] = field(default_factory=list)
    no_frame: int = 0


class Crowd:
    """Every reader's pty in one selector loop (threads would cost more than they measure)."""

    def __init__(self, server: SshServer, env: dict[str, str], command: list[str]) -> None:
        self.server, self.env, self.command = server, env, command
        self.selector = selectors.DefaultSelector()
        self.readers: list[Reader] = []
        self.pressing = False

    def add(self) -> Reader:
        master, slave = pty.openpty()
        set_size(slave, 80, 24)
        proc = subprocess.Popen(self.server.ssh_argv(self.command), stdin=slave, stdout=slave, stderr=slave,
                                env=self.env, start_new_session=True)
        os.close(slave)
        os.set_blocking(master, False)
        reader = Reader(proc, master)
        self.selector.register(master, selectors.EVENT_READ, reader)
        self.readers.append(reader)
        return reader

    def pump(self, wait: float) -> None:
        """Read what has arrived; send keys that are due; close samples whose window ended."""
        for key, _ in self.selector.select(wait):
            reader: Reader = key.data
            try:
                data = os.read(reader.fd, 65536)
            except (BlockingIOError, InterruptedError):
                continue
            except OSError:
                data = b""
            now = time.perf_counter()
            if not data:
                self.selector.unregister(reader.fd)
                continue
            if reader.sent is not None and now > reader.sent and \
                    (reader.answer_end <= reader.sent or now - reader.answer_end < GAP):
                reader.answer_end = now
            reader.last_byte = now
            if reader.ready_at is None:
                reader.seen = (reader.seen + data)[-8192:]
                if READY in SGR.sub(b"", reader.seen):
                    reader.ready_at = now
                    os.write(reader.fd, b"1")  # section one: where the keys make sense
        if self.pressing:
            now = time.perf_counter()
            for reader in self.readers:
                if reader.ready_at is not None and now >= reader.next_key:
                    if reader.sent is not None:
                        if reader.last_byte > reader.sent:
                            if now - reader.last_byte < QUIET:
                                continue  # still drawing: the next key waits, as a reader would
                            reader.samples.append(reader.answer_end - reader.sent)
                        else:
                            reader.no_frame += 1  # page down at a section's end, next at the last
                    os.write(reader.fd, KEYS[reader.turn % len(KEYS)])
                    reader.turn += 1
                    reader.sent = time.perf_counter()
                    reader.next_key = reader.sent + PERIOD

    def grow_to(self, count: int, at_once: int = 4) -> None:
        """Add readers until there are `count`, at most `at_once` logging in at a time."""
        while len(self.readers) < count or any(r.ready_at is None for r in self.readers):
            waiting = sum(r.ready_at is None for r in self.readers)
            if waiting < at_once and len(self.readers) < count:
                reader = self.add()
                reader.next_key = time.perf_counter() + random.uniform(0, PERIOD)
            self.pump(0.02)
            for reader in self.readers:
                if reader.proc.poll() is not None and reader.ready_at is None:
                    raise SystemExit(f"bench_capacity: a reader's ssh ended before the guide opened "
                                     f"(status {reader.proc.returncode}):\n{reader.seen[-500:]!r}")

    def run_for(self, seconds: float) -> tuple[list[float], int]:
        """Press keys for `seconds`; (the key-to-frame samples, keys that drew nothing)."""
        start = time.perf_counter()
        for reader in self.readers:
            reader.samples.clear()
            reader.no_frame = 0
            reader.sent = None
            # Each reader at a random moment of the period, from now: phases set when a reader
            # logged in are all past by now, and would make every reader press at once.
            reader.next_key = start + random.uniform(0, PERIOD)
        self.pressing = True
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            self.pump(0.01)
        self.pressing = False
        self.idle(PERIOD)  # the last keys' answers
        for reader in self.readers:
            if reader.sent is not None and reader.answer_end > reader.sent:
                reader.samples.append(reader.answer_end - reader.sent)
        return [sample for r in self.readers for sample in r.samples], sum(r.no_frame for r in self.readers)

    def idle(self, seconds: float) -> None:
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            self.pump(0.1)

    def close(self) -> None:
        for reader in self.readers:
            if reader.proc.poll() is None:
                reader.proc.terminate()
        for reader in self.readers:
            try:
                reader.proc.wait(10)
            except subprocess.TimeoutExpired:
                reader.proc.kill()
            os.close(reader.fd)


def reader_processes(sshd: SshServer, start_server: subprocess.Popen[bytes] | None) -> tuple[list[int], list[int]]:
    """(the guides' side, the sshd side) of this run's readers. With a start server, the guides'
    side is the server and its forked readers; else the guides below sshd."""
    below_sshd = descendants(sshd.process.pid)
    if start_server is not None:
        return [start_server.pid, *descendants(start_server.pid)], below_sshd

    def is_guide(pid: int) -> bool:
        try:
            return b"spasm-guide" in Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            return False

    return [pid for pid in below_sshd if is_guide(pid)], [pid for pid in below_sshd if not is_guide(pid)]


def pss_kib(pid: int) -> int:
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    found = re.search(r"^Pss:\s+(\d+) kB", text, re.MULTILINE)
    return int(found.group(1)) if found else 0


def cpu_seconds(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def loadavg() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def timed_login(argv: list[str], env: dict[str, str], marker: bytes) -> float:
    """Wall seconds from starting `argv` on a pty to `marker` in its output (or its end)."""
    master, slave = pty.openpty()
    set_size(slave, 80, 24)
    started = time.perf_counter()
    proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True)
    os.close(slave)
    seen = b""
    try:
        while marker not in SGR.sub(b"", seen):
            try:
                data = os.read(master, 65536)
            except OSError:
                break
            if not data:
                break
            seen += data
        return time.perf_counter() - started
    finally:
        proc.terminate()
        proc.wait(10)
        os.close(master)


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else float("nan")


START_SERVER = Path(__file__).resolve().parent / "start_server.py"
"""The prototype start server (bench/start_server.py), run as a script by the forced command."""


@dataclass
class Run:
    """One way of starting readers, measured over the same steps."""

    name: str
    rows: list[tuple[int, float, float, int, int, float, float, str, float]] = field(default_factory=list)
    first_paint: float = 0.0
    login_cpu: float = 0.0
    idle_cpu: float = 0.0


def measure(run: Run, server: SshServer, env: dict[str, str], command: list[str], steps: list[int],
            seconds: float, start_server: subprocess.Popen[bytes] | None) -> None:
    """First paint alone (median of 5), then the steps, for one way of starting readers."""
    run.first_paint = statistics.median(timed_login(server.ssh_argv(command), env, READY) for _ in range(5))
    time.sleep(2.0)  # the timed logins' guides are ending
    earlier = set(reader_processes(server, start_server)[0])
    crowd = Crowd(server, env, command)
    try:
        for count in steps:
            crowd.grow_to(count)
            if count == steps[0]:
                crowd.idle(2.0)
                guides, _ = reader_processes(server, start_server)
                mine = [pid for pid in guides if pid not in earlier]  # the crowd's own guides
                before = {pid: cpu_seconds([pid]) for pid in mine}
                run.login_cpu = sum(before.values()) / max(1, len(mine))
                crowd.idle(10.0)
                after = {pid: cpu_seconds([pid]) for pid in mine}
                run.idle_cpu = sum(after[pid] - before[pid] for pid in mine if after[pid]) / 10.0 / max(1, len(mine))
            # Warm-up: each reader who joined at this step meets each key for the first time (a
            # screen's first use imports and builds it); reported apart, then steady keys.
            crowd.idle(3.0)
            warm, _ = crowd.run_for(WARM_UP)
            samples, no_frame = crowd.run_for(seconds)
            guides, sshds = reader_processes(server, start_server)
            run.rows.append((count, percentile(samples, 0.5), percentile(samples, 0.99), len(samples), no_frame,
                             sum(pss_kib(pid) for pid in guides) / 1024 / count,
                             sum(pss_kib(pid) for pid in sshds) / 1024 / count, loadavg(), percentile(warm, 0.99)))
    finally:
        crowd.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--steps", default="20,40,80,120,160", help="reader counts, rising")
    parser.add_argument("--seconds", type=float, default=20.0, help="seconds of keys at each step")
    parser.add_argument("--quick", action="store_true", help="a smoke test: 4 then 8 readers, 6 s each")
    parser.add_argument("--start-server", action="store_true",
                        help="also measure the prototype start server (bench/start_server.py), in the same run")
    args = parser.parse_args()
    steps = [4, 8] if args.quick else [int(n) for n in args.steps.split(",")]
    seconds = 6.0 if args.quick else args.seconds
    work = Path(tempfile.mkdtemp(prefix="spasm-bench-capacity-"))
    env = {k: v for k, v in os.environ.items() if k not in ("COLORTERM", "NO_COLOR", "COLUMNS", "LINES")}
    env["TERM"] = "xterm-256color"
    runs = [Run("per-connection start (today)")]
    try:
        server = start_sshd(work / "sshd", setenv={"PATH": remote_path(), MARK: uuid.uuid4().hex,
                                                   **xdg_env(work / "remote-home")})
        try:
            timed_login(server.ssh_argv([str(GUIDE)]), env, READY)  # the start cache, as on a live host
            bare = statistics.median(timed_login(server.ssh_argv(["true"]), env, b"\0") for _ in range(5))
            load_at_start = loadavg()
            measure(runs[0], server, env, [str(GUIDE)], steps, seconds, None)
            if args.start_server:
                runs.append(Run("start server (bench/start_server.py)"))
                socket_path = work / "start.sock"
                starter = subprocess.Popen([sys.executable, str(START_SERVER), "serve", str(socket_path)],
                                           stdout=subprocess.PIPE, env=env | xdg_env(work / "remote-home"),
                                           cwd=Path(__file__).resolve().parents[1])
                try:
                    assert starter.stdout is not None and starter.stdout.readline().strip() == b"ready"
                    measure(runs[1], server, env, [sys.executable, str(START_SERVER), "connect", str(socket_path)],
                            steps, seconds, starter)
                finally:
                    starter.kill()
                    starter.wait(10)
        finally:
            server.stop()
    finally:
        shutil.rmtree(work, ignore_errors=True)

    cores = os.cpu_count() or 1
    print(f"spasm-guide capacity over a local sshd: {cores} cores, keys every {PERIOD:.0f} s per reader"
          f" (next section, page down, page up), {seconds:.0f} s per step; load at start {load_at_start}")
    for run in runs:
        print(f"\n{run.name}\n")
        print("| readers | key-to-frame p50 | p99 | frames | keys that drew nothing | guide side PSS per reader"
              " | sshd side PSS per reader | load 1/5/15 min | p99 in the warm-up |")
        print("|---|---|---|---|---|---|---|---|---|")
        for count, p50, p99, keys, late, guide, sshd, load, warm in run.rows:
            print(f"| {count} | {p50 * 1000:.0f} ms | {p99 * 1000:.0f} ms | {keys} | {late} | {guide:.1f} MiB "
                  f"| {sshd:.1f} MiB | {load} | {warm * 1000:.0f} ms |")
        under = [row[0] for row in run.rows if row[2] < GOAL_P99]
        knee = max(under) if under else None
        print(f"\nknee (last step with p99 under {GOAL_P99 * 1000:.0f} ms): "
              + (f"{knee} readers, {knee / cores:.0f} per core" if knee else f"below {steps[0]} readers"))
        print(f"first paint over ssh {run.first_paint * 1000:.0f} ms, a bare `ssh host true` {bare * 1000:.0f} ms:"
              f" {run.first_paint / bare:.2f}x (medians of 5, alone)")
        print(f"per reader: {run.login_cpu:.2f} s of CPU to log in and open section one (the guide's process);"
              f" idle {run.idle_cpu * 100:.2f}% of a core")
    return 0


if __name__ == "__main__":
    sys.exit(main())
