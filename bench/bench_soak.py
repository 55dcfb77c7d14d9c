"""Soak: 10,000 random keys and resizes through a real pty; crashes, key to frame, and memory.

Run: .venv/bin/python -m bench.bench_soak [--keys 10000] [--seed N] [--runs 1]

Each run starts the guide (`python -m tui`, TERM=xterm-256color, private folders, speech off) at
a size drawn from its seed and types seeded random steps (tests/support/keyfuzz.py): every key the guide
binds, other letters, digits and F-keys, typed bursts and bracketed pastes, and resizes from 6x3
to 250x80. It prints, per run:
- crashes: the guide ending, or writing a traceback, before the final Ctrl+Q (goal: none);
- key to frame: from each key to the last byte of the guide's answer, median and p99, for keys
  that drew something (goal: p99 <= 100 ms on this machine; the guide's goal is 16 ms a key for
  one move, but here keys land on 250x80 windows and on screens still opening);
- RSS: at the start, after the warm-up (the first `--warmup` steps, which fill the caches and
  the Esc history) and at the end, and the growth after warm-up (goal: <= 10 MB);
and the same for a bare Textual app (bench/bare_app.py) typed the same keys, as a baseline.
A failing run prints its seed: the same seed gives the same steps.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from tests.support import keyfuzz
from tests.support.ptydrive import spawn

HERE = Path(__file__).resolve().parent

MB = 1024
"""KiB in a MiB."""


def bare_app_rss(keys: int, seed: int, home: Path) -> tuple[int, int, float]:
    """A bare Textual app typed the same kind of keys: (RSS at start, RSS at end, p99 ms)."""
    session = spawn([sys.executable, str(HERE / "bare_app.py")], keyfuzz.guide_env(home))
    session.read_until_shown("Bare app ready")
    start = session.rss_kib()
    took: list[float] = []
    for step in keyfuzz.steps(seed, keys):
        if step.kind == "resize":
            session.resize(*step.size)
            keyfuzz.answer(session, 0.05)
        elif step.kind == "key" and step.name != "escape":
            session.send(step.data)
            answer = keyfuzz.answer(session, 0.0)
            if answer is not None:
                took.append(answer)
    end = session.rss_kib()
    keyfuzz.quit_guide(session)
    p99 = statistics.quantiles(took, n=100)[98] * 1000 if len(took) > 1 else 0.0
    return start, end, p99


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keys", type=int, default=10_000, help="steps per run")
    parser.add_argument("--seed", type=int, default=1, help="seed of the first run")
    parser.add_argument("--runs", type=int, default=1, help="runs, with seeds seed, seed+1, ...")
    parser.add_argument("--warmup", type=int, default=1000, help="steps before memory growth is counted")
    parser.add_argument("--no-baseline", action="store_true", help="skip the bare app")
    args = parser.parse_args()
    every = max(1, min(args.warmup, args.keys) // 4)
    failed = 0
    print(f"spasm-guide soak: {args.keys} random steps a run, resizes 6x3 to 250x80, TERM=xterm-256color\n")
    print("| seed | steps | crash | key to frame median / p99 | RSS start | after warm-up | end "
          "| growth after warm-up |")
    print("|---|---|---|---|---|---|---|---|")
    for seed in range(args.seed, args.seed + args.runs):
        home = Path(tempfile.mkdtemp(prefix="spasm-soak-"))
        began = time.perf_counter()
        run = keyfuzz.run(seed, args.keys, home, rss_every=every)
        took = time.perf_counter() - began
        samples = dict(run.rss)
        first = run.rss[0][1] if run.rss else 0
        warm = samples.get(args.warmup, first) if args.keys > args.warmup else first
        end = run.rss[-1][1] if run.rss else 0
        median = statistics.median(run.latencies) * 1000 if run.latencies else 0.0
        print(f"| {seed} | {run.done} | {'yes' if run.crash else 'none'} | {median:.1f} / {run.p99_ms():.1f} ms "
              f"| {first / MB:.1f} MiB | {warm / MB:.1f} MiB | {end / MB:.1f} MiB | {(end - warm) / MB:+.1f} MiB |")
        if run.crash:
            failed += 1
            print(f"\nseed {seed} failed at step {run.done} ({run.where()}):\n{run.crash}\n")
        print(f"<!-- seed {seed}: {took:.0f} s; RSS by step: "
              + ", ".join(f"{step}:{kib / MB:.0f}" for step, kib in run.rss) + " -->")
        shutil.rmtree(home, ignore_errors=True)
    if not args.no_baseline:
        home = Path(tempfile.mkdtemp(prefix="spasm-soak-bare-"))
        start, end, p99 = bare_app_rss(min(args.keys, 2000), args.seed, home)
        print(f"\nBaseline, a bare Textual app, {min(args.keys, 2000)} of the same steps: RSS {start / MB:.1f} -> "
              f"{end / MB:.1f} MiB, key to frame p99 {p99:.1f} ms")
        shutil.rmtree(home, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
