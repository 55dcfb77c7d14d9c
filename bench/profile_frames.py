"""Where an in-screen key's frame time goes: the guide on a real pty, profiled only while one kind
of key is pressed.

Run: .venv/bin/python -m bench.profile_frames [--presses N] [--kind WORDS] [--size 80x24] [--top N]

The guide runs under cProfile in its main thread (where Textual handles keys, lays out, renders
and the lean driver rewrites and writes each frame); SIGUSR1 starts the profile once the screen is
open, SIGUSR2 stops it after the presses. Printed per kind: processor time per press (all
threads), then the functions that took the most time per press, by their own time and by the time
in them and what they called.
"""

from __future__ import annotations

import argparse
import pstats
import statistics
import sys
import tempfile
from pathlib import Path

from bench.key_frames import KINDS, KeyKind, percentile, press_between_signals, start_guide

RUNNER = """\
import cProfile, os, signal, sys
profile = cProfile.Profile()
signal.signal(signal.SIGUSR1, lambda *_: profile.enable())
def stop(*_):
    profile.disable()
    profile.dump_stats(os.environ["FRAME_PROFILE"])
signal.signal(signal.SIGUSR2, stop)
sys.argv = ["spasm-guide"]
from tui.launch import main
sys.exit(main())
"""
"""The guide, with its profile switched on and off by signals."""


def profile_kind(kind: KeyKind, env: dict[str, str], size: tuple[int, int], presses: int, top: int) -> None:
    out = Path(tempfile.mkdtemp(prefix="frame-profile-")) / "guide.prof"
    session = start_guide({**env, "FRAME_PROFILE": str(out)}, size, [sys.executable, "-c", RUNNER])
    cpu, made = press_between_signals(session, kind, presses, out)
    print(f"== {kind.name}, {size[0]}x{size[1]}: CPU per press (all threads) median "
          f"{statistics.median(cpu):.2f} ms, p95 {percentile(cpu, .95):.2f} ms, max {max(cpu):.2f} ms, "
          f"{len(cpu)} presses (the profile: all {made} presses made)")
    presses = made
    stats = pstats.Stats(str(out))
    total = stats.total_tt  # type: ignore[attr-defined]  # pstats keeps it without a stub
    print(f"   main thread profiled: {total * 1000 / presses:.2f} ms per press (profiler overhead included)")
    for order in ("tottime", "cumtime"):
        print(f"   -- by {order}, ms per press")
        rows = sorted(stats.stats.items(),  # type: ignore[attr-defined]
                      key=lambda item: item[1][2 if order == "tottime" else 3], reverse=True)[:top]
        for (filename, line, name), (_, calls, own, cumulative, _) in rows:
            where = "/".join(Path(filename).parts[-2:])
            print(f"   {own * 1000 / presses:7.3f} {cumulative * 1000 / presses:7.3f} {calls / presses:6.1f}x  "
                  f"{where}:{line} {name}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presses", type=int, default=100)
    parser.add_argument("--kind", action="append", default=[], help="a part of a kind's name (default: all)")
    parser.add_argument("--size", default="80x24")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    size = tuple(int(n) for n in args.size.split("x"))
    assert len(size) == 2
    home = Path(tempfile.mkdtemp(prefix="profile-frames-"))
    env = {"TERM": "xterm-256color", "XDG_CONFIG_HOME": str(home / "c"), "XDG_DATA_HOME": str(home / "d"),
           "XDG_STATE_HOME": str(home / "s"), "XDG_CACHE_HOME": str(home / "k")}
    for kind in KINDS:
        if not args.kind or any(part in kind.name for part in args.kind):
            profile_kind(kind, env, (size[0], size[1]), args.presses, args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
