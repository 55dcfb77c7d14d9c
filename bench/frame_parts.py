"""Where an in-screen key's processor time goes, by part, without a profiler's overhead.

Run: .venv/bin/python -m bench.frame_parts [--presses N] [--kind WORDS] [--size 80x24] [--env NAME=VALUE]

bench/profile_frames.py shows every function, but cProfile triples the time of Textual's many
small calls and counts wall time (a write to a slow pty, a wait). Here the guide runs on a real
pty with a few of its parts wrapped in the main thread's own processor clock (thread_time):
the frame (Textual's update timer), the layout, the compose of the changed lines, the lines drawn,
the lean driver's rewrite, and the cycle collector's passes. SIGUSR1 starts the count once the
screen is open, SIGUSR2 writes it out after the presses. For a kind that times only some presses
(those that scroll: "line down that pages"), SIGRTMIN after each press writes the totals so far,
and only the timed presses' parts are summed (each total less the one before). Printed per kind:
the processor time per press (all threads, from schedstat), then each part's milliseconds per
press (nested parts are indented: a part's time includes those under it), and the collector's
passes.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from bench.key_frames import (
    GUIDE_MAIN,
    KINDS,
    TIMING_PRELUDE,
    KeyKind,
    frame_timing,
    percentile,
    press_between_signals,
    start_guide,
)

RUNNER = TIMING_PRELUDE + """\
passes, started = [], [0]
import textual.scrollbar as scrollbar, tui.fullscreen.widgets.section_text as section_text
""" + frame_timing('''timed(section_text.SectionText, "render_line", "      a section's rows")
timed(scrollbar.ScrollBar, "render", "      scroll bars")
''') + """\
begun_pass = [0]
def collector(phase, info):
    if on[0] and phase == "start":
        begun_pass[0] = time.thread_time_ns()
    elif on[0]:
        passes.append((info["generation"], (time.thread_time_ns() - begun_pass[0]) / 1e6))
gc.callbacks.append(collector)
def begin(*_):
    spent.clear(); calls.clear(); passes.clear(); on[0] = True; started[0] = time.thread_time_ns()
def stop(*_):
    on[0] = False
    spent["main thread, all of it"] = time.thread_time_ns() - started[0]
    with open(os.environ["FRAME_PARTS"], "w") as out:
        json.dump({"spent": spent, "calls": calls, "passes": passes}, out)
def snapshot(*_):
    spent["main thread, all of it"] = time.thread_time_ns() - started[0]
    with open(os.environ["FRAME_PARTS"] + ".each", "a") as out:
        out.write(json.dumps({"spent": spent, "calls": calls}) + "\\n")
signal.signal(signal.SIGUSR1, begin)
signal.signal(signal.SIGUSR2, stop)
signal.signal(signal.SIGRTMIN, snapshot)
""" + GUIDE_MAIN
"""The guide, with its parts timed between two signals."""


def time_parts(kind: KeyKind, env: dict[str, str], size: tuple[int, int], presses: int) -> None:
    out = Path(tempfile.mkdtemp(prefix="frame-parts-")) / "parts.json"
    session = start_guide({**env, "FRAME_PARTS": str(out)}, size, [sys.executable, "-c", RUNNER])
    each = Path(f"{out}.each")
    counted_presses: list[bool] = []

    def after_each(counted: bool) -> None:
        """For a kind that times only some presses: the totals after each press (SIGRTMIN)."""
        os.kill(session.pid, signal.SIGRTMIN)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and (not each.exists() or
                                               each.read_text().count("\n") <= len(counted_presses)):
            time.sleep(0.002)
        counted_presses.append(counted)

    cpu, made = press_between_signals(session, kind, presses, out, after_each if kind.scrolling else None)
    data = json.loads(out.read_text())
    if kind.scrolling:  # the parts of the counted presses only: each total minus the one before
        data["spent"], data["calls"], made = only_counted(each, counted_presses)
    print(f"== {kind.name}, {size[0]}x{size[1]}: CPU per press (all threads) p50 {statistics.median(cpu):.2f} "
          f"p95 {percentile(cpu, .95):.2f} p99 {percentile(cpu, .99):.2f} max {max(cpu):.2f} ms, {len(cpu)} "
          f"timed of {made} pressed; load {Path('/proc/loadavg').read_text().split()[0]}")
    print("   (parts: ms per press pressed, main thread)")
    order = [line.split('"')[-2] for line in RUNNER.splitlines() if line.startswith("timed(")]
    for label in ["main thread, all of it", *order]:
        ns = data["spent"].get(label, 0)
        print(f"   {label:36} {ns / 1e6 / made:6.2f} ms  {data['calls'].get(label, 0) / made:4.1f}x")
    for generation in (0, 1, 2):
        times = [ms for gen, ms in data["passes"] if gen == generation]
        if times:
            print(f"   collector, generation {generation}: {len(times)} passes, mean {statistics.mean(times):.2f} ms, "
                  f"max {max(times):.2f} ms")


def only_counted(each: Path, counted: list[bool]) -> tuple[dict[str, float], dict[str, float], int]:
    """The parts' time and calls summed over the counted presses, from the totals after each
    press (the first press's totals start from zero), and how many presses counted."""
    totals = [json.loads(line) for line in each.read_text().splitlines()]
    spent: dict[str, float] = defaultdict(float)
    calls: dict[str, float] = defaultdict(float)
    before: dict[str, dict[str, float]] = {"spent": {}, "calls": {}}
    for after, used in zip(totals, counted, strict=True):
        if used:
            for name, into in (("spent", spent), ("calls", calls)):
                for label, value in after[name].items():
                    into[label] += value - before[name].get(label, 0)
        before = after
    return spent, calls, sum(counted)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presses", type=int, default=100)
    parser.add_argument("--kind", action="append", default=[], help="a part of a kind's name (default: all)")
    parser.add_argument("--size", default="80x24")
    parser.add_argument("--env", action="append", default=[],
                        help="NAME=VALUE for the guide (PYTHONPATH=/other/checkout: another version)")
    args = parser.parse_args()
    columns, rows = (int(n) for n in args.size.split("x"))
    home = Path(tempfile.mkdtemp(prefix="frame-parts-"))
    env = {"TERM": "xterm-256color", "XDG_CONFIG_HOME": str(home / "c"), "XDG_DATA_HOME": str(home / "d"),
           "XDG_STATE_HOME": str(home / "s"), "XDG_CACHE_HOME": str(home / "k")}
    env.update(item.split("=", 1) for item in args.env)
    for kind in KINDS:
        if not args.kind or any(part in kind.name for part in args.kind):
            time_parts(kind, env, (columns, rows), args.presses)
    return 0


if __name__ == "__main__":
    sys.exit(main())
