"""Speed, memory and bytes of the guide, as ratios against baselines measured in the same run.

Run: .venv/bin/python -m bench.bench_guide [--runs N]

Figures (medians of N runs):
- time to first paint: the guide vs a bare Textual app showing one line, with no cached start
  screen (the first start, as every start was before the early paint) and with one (goal <= 0.3x
  the bare app, and <= 2x `lynx`'s first screen of the same text);
- start to a key acting: Enter typed the moment the first screen shows, until the contents are
  on screen (with the cache: no worse than without);
- `--plain` wall time vs `cat` of the same text, and vs `lynx -dump` of it as HTML if lynx is
  installed (goal <= 1.5x lynx);
- peak RSS vs the bare app (goal <= 1.25x);
- key to frame for "next section" and a focus move (goal <= 16 ms), with the bare app's
  key-to-frame as the baseline;
- bytes written per action vs `less` paging the same text.
Everything runs through a real pseudo-terminal with TERM=xterm-256color and no COLORTERM.
"""

from __future__ import annotations

import argparse
import html
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.support.ptydrive import spawn

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
DOWN, ENTER = b"\x1b[B", b"\r"


def clean_env(home: Path) -> dict[str, str]:
    """A terminal like a remote user's: 256 colours, no COLORTERM, private config and cache."""
    env = {k: v for k, v in os.environ.items() if k not in ("COLORTERM", "NO_COLOR")}
    env.update(TERM="xterm-256color", XDG_CONFIG_HOME=str(home / "c"), XDG_STATE_HOME=str(home / "s"),
               XDG_DATA_HOME=str(home / "d"), XDG_CACHE_HOME=str(home / "cache"))
    return env


def first_screen(argv: list[str], ready: str, env: dict[str, str], quit_keys: bytes = b"q") -> float:
    """Seconds from start until `ready` is on the screen."""
    session = spawn(argv, env)
    elapsed = session.read_until_shown(ready)
    session.settle(0.2)
    session.finish(quit_keys)
    return elapsed


def key_from_start(env: dict[str, str]) -> float:
    """Seconds from start until Enter, typed the moment the first screen shows, has opened the
    contents."""
    session = spawn([PY, "-m", "tui"], env)
    session.read_until_shown("Read the guide")
    session.send(ENTER)
    session.read_until_shown("Contents")
    elapsed = time.perf_counter() - session.started
    session.settle(0.2)
    session.finish()
    return elapsed


def frame_bytes(env: dict[str, str]) -> int:
    """Bytes of the cached start screen at 80x24, as the pty passes them on."""
    cache = Path(env["XDG_CACHE_HOME"]) / "spasm-guide" / "start-80x24.frame"
    frame = cache.read_bytes().split(b"\n", 3)[3].split(b"\x00")[0]
    return len(frame) + frame.count(b"\n")


def measure_app(argv: list[str], ready: str, env: dict[str, str], actions: list[tuple[str, bytes, str]]
                ) -> dict[str, float]:
    """Start, wait for `ready` on the screen, then for each (name, keys, marker) time the key to the
    frame that shows the marker."""
    session = spawn(argv, env)
    first_paint = session.read_until_shown(ready)
    figures = {"first_paint": first_paint + 0.0, "first_screen_bytes": 0.0}
    figures["first_screen_bytes"] = float(sum(len(d) for _, d in session.log) + session.settle())
    for name, keys, marker in actions:
        session.settle(0.15)
        sent = time.perf_counter()
        session.send(keys)
        elapsed = session.read_until_shown(marker)
        # The frame is complete when output pauses; count its bytes too.
        figures[f"{name}_ms"] = elapsed * 1000
        figures[f"{name}_bytes"] = float(sum(len(d) for t, d in session.log if t >= sent) + session.settle(0.2))
    figures["peak_rss_kib"] = float(session.finish())
    return figures


def median_of(runs: list[dict[str, float]]) -> dict[str, float]:
    """Per-figure medians."""
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def timed(argv: list[str], runs: int, env: dict[str, str], stdin: Path | None = None) -> float:
    """Median wall time of a command writing to a pipe."""
    times = []
    for _ in range(runs):
        with open(stdin or os.devnull, "rb") as source:
            start = time.perf_counter()
            subprocess.run(argv, stdin=source, stdout=subprocess.PIPE, check=True, env=env)
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def less_page_bytes(text_file: Path, env: dict[str, str]) -> tuple[float, float]:
    """Bytes less writes for its first page and for one more page (space)."""
    session = spawn(["less", str(text_file)], {**env, "LESS": ""})
    session.read_until(b"\x1b")
    first = float(sum(len(d) for _, d in session.log) + session.settle())
    before = len(session.log)
    session.send(b" ")
    session.settle(0.3)
    page = float(sum(len(d) for _, d in session.log[before:]))
    session.finish(b"q")
    return first, page


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="spasm-bench-"))
    env = clean_env(home)
    from tui.data.content import load_guide

    guide = load_guide()
    second = guide.section(2).title
    actions = [("focus_move", DOWN, "> Check your"), ("open_contents", b"\x1b[A" + ENTER, "Contents"),
               ("open_section", ENTER, "Section one"), ("next_section", b"n", second[:12])]
    guide_runs, cold_runs, bare_runs = [], [], []
    cold_keys, warm_keys = [], []
    measure_app([PY, "-m", "tui"], "Read the guide", env, [])  # records the start screen
    for run in range(args.runs):
        # No cache: a new cache folder for each start, as on a first start (and every start before).
        cold = {**env, "XDG_CACHE_HOME": str(home / f"cold{run}")}
        cold_runs.append(measure_app([PY, "-m", "tui"], "Read the guide", cold, actions))
        guide_runs.append(measure_app([PY, "-m", "tui"], "Read the guide", env, actions))
        bare_runs.append(measure_app([PY, str(ROOT / "bench" / "bare_app.py")], "Bare app ready", env,
                                     [("key", b"n", "changed")]))
        cold_keys.append(key_from_start({**env, "XDG_CACHE_HOME": str(home / f"coldkey{run}")}))
        warm_keys.append(key_from_start(env))
    g, c, b = median_of(guide_runs), median_of(cold_runs), median_of(bare_runs)
    cached_frame = frame_bytes(env)

    plain_file = home / "guide.txt"
    plain_file.write_text(subprocess.run([PY, "-m", "tui", "--plain"], capture_output=True, text=True,
                                         check=True, env=env).stdout, encoding="utf-8")
    plain = timed([str(Path(PY).parent / "spasm-guide"), "--plain"], args.runs * 2, env)
    cat = timed(["cat", str(plain_file)], args.runs * 2, env)
    lynx = None
    if shutil.which("lynx"):
        html_file = home / "guide.html"
        html_file.write_text("<html><body><pre>" + html.escape(plain_file.read_text()) + "</pre></body></html>")
        lynx = timed(["lynx", "-dump", "-nolist", str(html_file)], args.runs * 2, env)
    less_first, less_page = less_page_bytes(plain_file, env) if shutil.which("less") else (0.0, 0.0)
    first_words = next(line for line in plain_file.read_text().splitlines() if line.strip()).strip()[:20]
    lynx_screen = statistics.median(
        first_screen(["lynx", str(html_file)], first_words, env, b"Q") for _ in range(args.runs)) if lynx else None

    rows = [
        ("first paint, no cache", f"{c['first_paint']*1000:.0f} ms", f"{b['first_paint']*1000:.0f} ms (bare app)",
         c["first_paint"] / b["first_paint"], "-"),
        ("first paint, cached screen", f"{g['first_paint']*1000:.0f} ms",
         f"{b['first_paint']*1000:.0f} ms (bare app)", g["first_paint"] / b["first_paint"], "<= 0.3"),
    ]
    if lynx_screen:
        rows.append(("first paint, cached screen", f"{g['first_paint']*1000:.0f} ms",
                     f"{lynx_screen*1000:.0f} ms (lynx screen)", g["first_paint"] / lynx_screen, "<= 2"))
    cold_key, warm_key = statistics.median(cold_keys), statistics.median(warm_keys)
    rows += [
        ("start to Enter acting", f"{warm_key*1000:.0f} ms", f"{cold_key*1000:.0f} ms (no cache)",
         warm_key / cold_key, "<= 1"),
        ("bytes: cached screen + Textual", f"{cached_frame:.0f}+{g['first_screen_bytes'] - cached_frame:.0f}",
         f"{c['first_screen_bytes']:.0f} (no cache)", g["first_screen_bytes"] / c["first_screen_bytes"], "-"),
        ("peak RSS", f"{g['peak_rss_kib']/1024:.1f} MiB", f"{b['peak_rss_kib']/1024:.1f} MiB (bare app)",
         g["peak_rss_kib"] / b["peak_rss_kib"], "<= 1.25"),
        ("--plain wall time", f"{plain*1000:.0f} ms", f"{cat*1000:.1f} ms (cat)", plain / cat, "-"),
    ]
    if lynx:
        rows.append(("--plain wall time", f"{plain*1000:.0f} ms", f"{lynx*1000:.0f} ms (lynx -dump)",
                     plain / lynx, "<= 1.5"))
    for name in ("focus_move", "next_section"):
        rows.append((f"key to frame: {name.replace('_', ' ')}", f"{g[name + '_ms']:.1f} ms",
                     f"{b['key_ms']:.1f} ms (bare app key)", g[name + "_ms"] / b["key_ms"], "<= 16 ms"))
    rows.append(("bytes: first screen", f"{g['first_screen_bytes']:.0f}", f"{less_first:.0f} (less first page)",
                 g["first_screen_bytes"] / max(less_first, 1), "-"))
    rows.append(("bytes: focus move", f"{g['focus_move_bytes']:.0f}", f"{less_page:.0f} (less next page)",
                 g["focus_move_bytes"] / max(less_page, 1), "<= 600 B"))
    rows.append(("bytes: next section", f"{g['next_section_bytes']:.0f}", f"{less_page:.0f} (less next page)",
                 g["next_section_bytes"] / max(less_page, 1), "<= 1.5"))
    print(f"spasm-guide benchmark, {args.runs} runs, medians, TERM=xterm-256color, no COLORTERM\n")
    print(f"| {'figure':32} | {'guide':>12} | {'baseline':>28} | {'ratio':>6} | {'goal':>8} |")
    print(f"|{'-'*34}|{'-'*14}|{'-'*30}|{'-'*8}|{'-'*10}|")
    for name, mine, base, ratio, goal in rows:
        print(f"| {name:32} | {mine:>12} | {base:>28} | {ratio:6.2f} | {goal:>8} |")
    shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
