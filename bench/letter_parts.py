"""Where the search letter that first brings places spends its processor time, press by press.

Run: .venv/bin/python -m bench.letter_parts [--presses N] [--size 80x24] [--env NAME=VALUE ...]

bench/frame_parts.py counts its parts over every key pressed, rub-outs and the other letters of
"cramp" included. Here the guide types "cramp" up to the letter that first brings places (the "a"
of "cra", which begins "cramp": 38 places in this guide; the "p" in a version that found whole
words only), then presses that letter and a rub-out in turn, and its parts are counted only while
the letter is pressed: SIGUSR1 before the key, SIGUSR2 once its frame is over (the counts are
written out then). Printed: the processor time of the letter (all threads, from schedstat), then
the main thread's time per part in milliseconds per letter and calls per letter (nested parts
are indented: a part's time includes those under it), and the cycle collector's time.

--env PYTHONPATH=/path/to/other/checkout measures another version of the code (before and after):
the guide is started in an empty directory, so that its own checkout does not come first.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.key_frames import BACKSPACE, GUIDE_MAIN, TIMING_PRELUDE, frame_timing, open_screen, percentile, press
from tests.support.ptydrive import spawn

RUNNER = TIMING_PRELUDE + """\
whole, collected = [0, 0], [0, 0]
import textual.widgets._option_list as option_list
import tui.fullscreen.screens.search as search_screen, tui.fullscreen.widgets.guide_list as guide_list
timed(search_screen.SearchScreen, "run_search", "search and list the places")
timed(search_screen, "search_guide", "  search")
timed(guide_list.GuideList, "set_labels", "  list them")
""" + frame_timing('''timed(guide_list.GuideList, "render_line", "      the places' rows")
timed(option_list.OptionList, "_get_option_render", "        places drawn (OptionList)")
''') + """\
def collector(phase, info):
    if on[0] and phase == "start":
        collected[0] = time.thread_time_ns()
    elif on[0]:
        collected[1] += time.thread_time_ns() - collected[0]
gc.callbacks.append(collector)
def begin(*_):
    on[0] = True
    whole[0] = time.thread_time_ns()
def end(*_):
    on[0] = False
    whole[1] += time.thread_time_ns() - whole[0]
    out = os.environ["LETTER_PARTS"]
    with open(out + ".part", "w") as file:
        json.dump({"spent": spent, "calls": calls, "order": order, "whole": whole[1], "collector": collected[1]}, file)
    os.replace(out + ".part", out)
signal.signal(signal.SIGUSR1, begin)
signal.signal(signal.SIGUSR2, end)
""" + GUIDE_MAIN
"""The guide, with its parts timed between two signals."""


def letter_parts(env: dict[str, str], size: tuple[int, int], presses: int) -> None:
    out = Path(tempfile.mkdtemp(prefix="letter-parts-")) / "parts.json"
    session = spawn([sys.executable, "-c", RUNNER], {**env, "LETTER_PARTS": str(out)}, size, cwd=str(out.parent))
    session.read_until_shown("Read the guide", 30)
    session.settle(0.5)
    cpu: list[float] = []
    try:
        open_screen(session, b"/", "Search the guide")
        typed = ""
        for letter in "cramp":  # to the letter that first brings places ("a": "cra" begins "cramp")
            typed += letter
            open_screen(session, letter.encode(), f"Find: {typed}")
            if re.search(r"\d+ places? found", session.shown()):  # not "No places found for ..."
                break
        press(session, BACKSPACE)
        while len(cpu) < presses:
            os.kill(session.pid, signal.SIGUSR1)
            time.sleep(0.01)
            done = press(session, typed[-1].encode())
            os.kill(session.pid, signal.SIGUSR2)
            time.sleep(0.01)
            if done is not None:
                cpu.append(done.cpu_ms)
            press(session, BACKSPACE)
    finally:
        session.send(b"\x1b")
        session.settle(0.3, 3.0)
        session.finish()
    data = json.loads(out.read_text())
    count = len(cpu)
    print(f"== the {typed[-1]!r} of {typed!r}, {size[0]}x{size[1]}: CPU per press (all threads) "
          f"p50 {statistics.median(cpu):.2f} p95 {percentile(cpu, .95):.2f} ms, {count} presses; "
          f"load {Path('/proc/loadavg').read_text().split()[0]}")
    print(f"   main thread, all of it               {data['whole'] / 1e6 / count:6.2f} ms  "
          f"(cycle collector {data['collector'] / 1e6 / count:.2f} ms)")
    for label in data["order"]:
        print(f"   {label:36} {data['spent'].get(label, 0) / 1e6 / count:6.2f} ms  "
              f"{data['calls'].get(label, 0) / count:4.1f}x")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presses", type=int, default=60)
    parser.add_argument("--size", default="80x24")
    parser.add_argument("--env", action="append", default=[])
    args = parser.parse_args()
    columns, rows = (int(n) for n in args.size.split("x"))
    home = Path(tempfile.mkdtemp(prefix="letter-parts-"))
    env = {"TERM": "xterm-256color", "XDG_CONFIG_HOME": str(home / "c"), "XDG_DATA_HOME": str(home / "d"),
           "XDG_STATE_HOME": str(home / "s"), "XDG_CACHE_HOME": str(home / "k")}
    env.update(item.split("=", 1) for item in args.env)
    letter_parts(env, (columns, rows), args.presses)
    return 0


if __name__ == "__main__":
    sys.exit(main())
