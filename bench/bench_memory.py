"""Memory of one reader's guide, alone on a pty: PSS, RSS and private memory, and its start CPU.

Run: .venv/bin/python -m bench.bench_memory [--rounds 3] [--source DIR ...]

The guide runs alone on a pty of its own (80x24, TERM=xterm-256color), with fresh XDG folders
(so the start screen is the app's own, never the cached one), as a reader of
bench/bench_capacity.py does: it waits for the start screen, opens section one,
then presses next section, page down and page up, each once the screen is quiet. Then it reads
/proc/PID/smaps_rollup of the guide and every process below it. Last it opens the checklist and
counts the CPU that first opening took (a screen's code is imported when it is first opened).
Nothing here depends on the machine's load but the wall-clock column (the app's own first
paint, with no cached start screen), printed with /proc/loadavg.

`--source DIR` measures another checkout's `tui` (a tree holding `tui/` and `content/`, such as
`git archive BASE tui content | tar -x -C DIR`) with this venv, in the same run, rounds
interleaved, so a change can be weighed against its base: same method, same run.
"""

from __future__ import annotations

import argparse
import os
import pty
import re
import selectors
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.bench_capacity import READY, SGR, cpu_seconds, loadavg, set_size
from tests.support.guide_pty import descendants
from tests.support.host_tools import xdg_env

ROOT = Path(__file__).resolve().parents[1]
RUNNER = "import sys; from tui.launch import main; sys.exit(main())"
"""What the `spasm-guide` script does; run with `-c` so any source tree can be measured alike."""
KEYS = (b"1", b"n", b"\x1b[6~", b"\x1b[5~")
"""Section one, then next section, page down, page up: a reader of the capacity benchmark."""
QUIET = 0.8
"""Seconds without output after which a screen counts as drawn."""
FIELDS = ("Pss", "Rss", "Private_Clean", "Private_Dirty")


@dataclass
class Sample:
    """One guide's figures: memory in KiB, CPU seconds, wall seconds."""

    memory: dict[str, int] = field(default_factory=dict)
    cpu_to_start: float = 0.0
    cpu_to_section: float = 0.0
    cpu_first_checklist: float = 0.0
    wall_to_start: float = 0.0


def rollup(pids: list[int]) -> dict[str, int]:
    """smaps_rollup's fields summed over processes, in KiB."""
    total = dict.fromkeys(FIELDS, 0)
    for pid in pids:
        try:
            text = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        for name in FIELDS:
            found = re.search(rf"^{name}:\s+(\d+) kB", text, re.MULTILINE)
            total[name] += int(found.group(1)) if found else 0
    return total


def read_until_quiet(master: int, selector: selectors.BaseSelector, marker: bytes | None = None) -> bytes:
    """Output until `marker` has been seen (if any) and then nothing came for QUIET seconds."""
    seen = b""
    last = time.perf_counter()
    while True:
        events = selector.select(0.05)
        if events:
            try:
                data = os.read(master, 65536)
            except OSError:
                data = b""
            if not data:
                raise RuntimeError(f"the guide ended: {SGR.sub(b'', seen)[-400:]!r}")
            seen += data
            last = time.perf_counter()
        elif (marker is None or marker in SGR.sub(b"", seen)) and time.perf_counter() - last > QUIET:
            return seen


def measure(source: Path, home: Path) -> Sample:
    """Start one guide from `source`, take it through the keys, and read its figures."""
    env = {k: v for k, v in os.environ.items() if k not in ("COLORTERM", "NO_COLOR", "COLUMNS", "LINES")}
    env |= {"TERM": "xterm-256color", "PYTHONPATH": str(source), **xdg_env(home)}
    master, slave = pty.openpty()
    set_size(slave, 80, 24)
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", RUNNER], stdin=slave, stdout=slave, stderr=slave,
                            env=env, cwd=home, start_new_session=True)
    os.close(slave)
    selector = selectors.DefaultSelector()
    selector.register(master, selectors.EVENT_READ)
    sample = Sample()
    try:
        seen = b""
        while READY not in SGR.sub(b"", seen):
            selector.select(5.0)
            seen += os.read(master, 65536)
        sample.wall_to_start = time.perf_counter() - started
        sample.cpu_to_start = cpu_seconds([proc.pid, *descendants(proc.pid)])
        for number, key in enumerate(KEYS):
            os.write(master, key)
            read_until_quiet(master, selector)
            if number == 0:
                sample.cpu_to_section = cpu_seconds([proc.pid, *descendants(proc.pid)])
        sample.memory = rollup([proc.pid, *descendants(proc.pid)])
        # Then the checklist for the first time: what a screen imported on first use costs then.
        before = cpu_seconds([proc.pid])
        os.write(master, b"k")
        read_until_quiet(master, selector, b"Check your symptoms")
        sample.cpu_first_checklist = cpu_seconds([proc.pid]) - before
        return sample
    finally:
        proc.terminate()
        proc.wait(10)
        selector.close()
        os.close(master)


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="guides measured per source (after one warm-up)")
    parser.add_argument("--source", action="append", type=Path, default=[],
                        help="another tree holding tui/ and content/ (repeatable); this checkout is always first")
    args = parser.parse_args()
    sources = [ROOT, *args.source]
    work = Path(tempfile.mkdtemp(prefix="spasm-bench-memory-"))
    results: dict[Path, list[Sample]] = {source: [] for source in sources}
    for index, source in enumerate(sources):  # a warm-up each: its byte-code written, as on a live host
        measure(source, work / f"warm-{index}")
    print(f"load at start: {loadavg()}")
    for round_number in range(args.rounds):
        for index, source in enumerate(sources):
            # Fresh folders each time, so no start screen comes from the cache (tui/output/early_paint.py):
            # whether the last run recorded one depends on when its first key came, and the figures
            # would then differ by that, not by the code.
            results[source].append(measure(source, work / f"{index}-{round_number}"))
        print(f"round {round_number + 1} done, load {loadavg()}", flush=True)
    print()
    print("| source | PSS | RSS | private | CPU to start screen | CPU to section one | CPU of the first "
          "checklist | wall to start screen |")
    print("|---|---|---|---|---|---|---|---|")
    for source, samples in results.items():
        def median(name: str, of: list[Sample] = samples) -> float:
            return statistics.median(s.memory[name] for s in of) / 1024
        private = statistics.median((s.memory["Private_Clean"] + s.memory["Private_Dirty"]) for s in samples) / 1024
        print(f"| {source} | {median('Pss'):.1f} MiB | {median('Rss'):.1f} MiB | {private:.1f} MiB | "
              f"{statistics.median(s.cpu_to_start for s in samples):.2f} s | "
              f"{statistics.median(s.cpu_to_section for s in samples):.2f} s | "
              f"{statistics.median(s.cpu_first_checklist for s in samples):.2f} s | "
              f"{statistics.median(s.wall_to_start for s in samples) * 1000:.0f} ms |")
    print(f"\nload at end: {loadavg()}; medians of {args.rounds}; PSS, RSS and private summed over "
          "the guide and its children, after section one and three keys")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
