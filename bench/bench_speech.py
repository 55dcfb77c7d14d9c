"""Speech latency, as ratios against a baseline measured in the same run.

Run: .venv/bin/python -m bench.bench_speech [--runs N]

A private PulseAudio daemon with a null sink stands in for the speakers and `parec` records its
monitor, so "first audio" and "silence" are measured where a listener would hear them.
Figures (medians of N runs):
- first audio: from `SpeechClient.speak()` to the first loud sample at the sink, with the worker
  already running (warm) and from nothing (cold: process start, engine load, warm-up); goal
  <= 300 ms warm. Baseline: `espeak-ng` run from the command line writing the same sentence
  to a WAV file (the engine's own cost with nothing around it).
- stop: from `stop()` to the worker's "stopped" event, and to the first silent frame at the
  sink; goal <= 100 ms.
- event loop: the worst lateness of a 5 ms asyncio tick while speaking vs idle (the app's loop
  must not notice speech).
"""

from __future__ import annotations

import argparse
import array
import asyncio
import math
import queue
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from tests.support.pulse import private_pulse
from tests.support.wait import holds_within
from tui.speech.client import SpeechClient
from tui.speech.protocol import Event

ROOT = Path(__file__).resolve().parent.parent


RATE = 22050
FRAME = RATE // 200
"""Samples per 5 ms analysis frame: fine enough for latency."""
LOUD, QUIET = 500.0, 50.0
SILENCE = 80
"""Frames (400 ms) of quiet that count as "silent": longer than any pause inside a sentence."""
SENTENCE = "Emergency? Call 911 or your local emergency number."
LONG = "This sentence goes on and on so that it takes a good many seconds to say out loud. " * 3


class Monitor:
    """`parec` on the sink's monitor into a file; positions are counted in samples."""

    def __init__(self, env: dict[str, str], path: Path) -> None:
        self.path = path
        self.handle = path.open("wb")
        self.proc = subprocess.Popen(["parec", "-d", "bench.monitor", "--raw", "--format=s16le",
                                      f"--rate={RATE}", "--channels=1", "--latency-msec=5"],
                                     env=env, stdout=self.handle, stderr=subprocess.DEVNULL)
        self.wait(lambda: self.samples() > RATE // 5)

    def samples(self) -> int:
        return self.path.stat().st_size // 2

    def first(self, start: int, loud: bool) -> int | None:
        """The sample index of the first loud 5 ms frame from `start` on; or, with loud=False,
        the start of the first silence that lasts SILENCE frames (a pause between words is
        shorter, so it does not count)."""
        data = array.array("h", self.path.read_bytes()[start * 2:self.samples() * 2])
        levels = [math.sqrt(sum(s * s for s in data[i:i + FRAME]) / FRAME)
                  for i in range(0, len(data) - FRAME + 1, FRAME)]
        for n, level in enumerate(levels):
            if loud and level > LOUD:
                return start + n * FRAME
            if not loud and len(levels) >= n + SILENCE and max(levels[n:n + SILENCE]) < QUIET:
                return start + n * FRAME
        return None

    def wait(self, check: Callable[[], bool], guard: float = 10.0) -> None:
        if not holds_within(check, guard, 0.002):  # polled finely: the wait is what is measured
            raise SystemExit("timed out waiting for audio")

    def close(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)
        self.handle.close()


def wait_event(inbox: queue.Queue[Event], kind: str) -> float:
    """Wait for an event of `kind`; return when it arrived (monotonic)."""
    while True:
        event = inbox.get(timeout=10)
        if event.kind == kind:
            return time.monotonic()


def baseline_cli(folder: Path) -> float:
    """espeak-ng from the command line writing SENTENCE to a WAV file, in seconds."""
    start = time.monotonic()
    subprocess.run(["espeak-ng", "-s", "170", "-w", str(folder / "cli.wav"), SENTENCE], check=True)
    return time.monotonic() - start


def first_audio(env: dict[str, str], monitor: Monitor, folder: Path, cold: bool) -> float:
    """Seconds from speak() to the first loud sample at the sink."""
    inbox: queue.Queue[Event] = queue.Queue()
    client = SpeechClient(inbox.put, env=env, log_path=folder / "speech.log")
    try:
        if not cold:
            client.ping()
            wait_event(inbox, "pong")
        mark = monitor.samples()
        client.speak([SENTENCE])
        monitor.wait(lambda: monitor.first(mark, loud=True) is not None)
        at = monitor.first(mark, loud=True)
        assert at is not None
        return (at - mark) / RATE
    finally:
        client.close()


def stop_latency(env: dict[str, str], monitor: Monitor, folder: Path) -> tuple[float, float]:
    """(seconds to the "stopped" event, seconds to silence at the sink) after stop()."""
    inbox: queue.Queue[Event] = queue.Queue()
    client = SpeechClient(inbox.put, env=env, log_path=folder / "speech.log")
    try:
        client.speak([LONG])
        wait_event(inbox, "started")
        start = monitor.samples()
        monitor.wait(lambda: monitor.first(start, loud=True) is not None)
        time.sleep(0.3)  # well into the sentence
        mark = monitor.samples()
        begun = time.monotonic()
        client.stop()
        confirmed = wait_event(inbox, "stopped") - begun
        monitor.wait(lambda: monitor.first(mark, loud=False) is not None)
        silent = monitor.first(mark, loud=False)
        assert silent is not None
        return confirmed, (silent - mark) / RATE
    finally:
        client.close()


async def loop_lateness(seconds: float) -> float:
    """Worst lateness of a 5 ms asyncio tick over `seconds`, in seconds."""
    worst = 0.0
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        before = time.monotonic()
        await asyncio.sleep(0.005)
        worst = max(worst, time.monotonic() - before - 0.005)
    return worst


def event_loop(env: dict[str, str], folder: Path) -> tuple[float, float]:
    """(worst tick lateness idle, while speaking) with a client in this process."""
    idle = asyncio.run(loop_lateness(1.0))
    inbox: queue.Queue[Event] = queue.Queue()
    client = SpeechClient(inbox.put, env=env, log_path=folder / "speech.log")
    try:
        client.speak([LONG, LONG])
        busy = asyncio.run(loop_lateness(1.0))
    finally:
        client.close()
    return idle, busy


def app_keys(env: dict[str, str], monitor: Monitor, runs: int) -> tuple[float, float]:
    """(median key-to-frame idle, while reading aloud) in the real app on a pseudo-terminal.

    On the contents screen Down and Up move the highlight; `r` reads the list aloud (no
    highlight moves while it does, so every frame measured is the key's own).
    """
    from tests.support.ptydrive import spawn

    session = spawn([sys.executable, "-m", "tui"], {**env, "TERM": "xterm-256color"})
    session.read_until_shown("Read the guide")
    session.send(b"\r")
    session.read_until_shown("Contents")
    session.settle(0.2)

    def keys() -> float:
        times = []
        for _ in range(runs * 2):
            # The key's frame is on screen when the highlight mark is on the next (or first) item.
            for key, marker in ((b"\x1b[B", "> 2."), (b"\x1b[A", "> 1.")):
                session.settle(0.05)
                start = time.perf_counter()
                session.send(key)
                session.read_until_shown(marker)
                times.append(time.perf_counter() - start)
        return statistics.median(times)

    idle = keys()
    mark = monitor.samples()
    session.send(b"r")
    monitor.wait(lambda: monitor.first(mark, loud=True) is not None)
    busy = keys()
    assert monitor.first(mark, loud=True) is not None
    session.send(b"x")
    session.finish()
    return idle, busy


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    missing = [tool for tool in ("espeak-ng", "pulseaudio", "parec", "pactl", "paplay") if not shutil.which(tool)]
    if missing:
        print(f"bench_speech: needs {', '.join(missing)}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="bench-speech-") as name:
        folder = Path(name)
        with private_pulse(folder, sink="bench") as env:
            monitor = Monitor(env, folder / "monitor.raw")
            try:
                cli = statistics.median(baseline_cli(folder) for _ in range(args.runs))
                warm = statistics.median(first_audio(env, monitor, folder, cold=False) for _ in range(args.runs))
                cold = statistics.median(first_audio(env, monitor, folder, cold=True) for _ in range(args.runs))
                stops = [stop_latency(env, monitor, folder) for _ in range(args.runs)]
                confirm = statistics.median(s[0] for s in stops)
                silence = statistics.median(s[1] for s in stops)
                idle, busy = event_loop(env, folder)
                key_idle, key_busy = app_keys(env, monitor, args.runs)
            finally:
                monitor.close()
    ms = 1000.0
    print(f"baseline: espeak-ng CLI, sentence to WAV    {cli * ms:7.1f} ms")
    print(f"first audio at the sink, worker running      {warm * ms:7.1f} ms  {warm / cli:5.2f}x baseline"
          f"  (goal <= 300 ms: {'met' if warm <= 0.3 else 'MISSED'})")
    print(f"first audio at the sink, from nothing        {cold * ms:7.1f} ms  {cold / cli:5.2f}x baseline")
    print(f"stop to 'stopped' event                      {confirm * ms:7.1f} ms  {confirm / cli:5.2f}x baseline"
          f"  (goal <= 100 ms: {'met' if confirm <= 0.1 else 'MISSED'})")
    print(f"stop to silence at the sink                  {silence * ms:7.1f} ms  {silence / cli:5.2f}x baseline"
          f"  (goal <= 100 ms: {'met' if silence <= 0.1 else 'MISSED'})")
    print(f"event loop worst tick lateness: idle {idle * ms:.1f} ms, speaking {busy * ms:.1f} ms"
          f"  ({busy / max(idle, 1e-4):.2f}x idle)")
    print(f"app key to frame: idle {key_idle * ms:.1f} ms, reading aloud {key_busy * ms:.1f} ms"
          f"  ({key_busy / key_idle:.2f}x idle; goal <= 1.5x: {'met' if key_busy <= 1.5 * key_idle else 'MISSED'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
