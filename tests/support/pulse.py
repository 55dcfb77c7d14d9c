"""A private PulseAudio with a null sink, and a recorder of what reaches it (shared by tests)."""

from __future__ import annotations

import array
import math
import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.support import needs
from tests.support.wait import holds_within
from tui.speech.audio import espeak_library_present

NEEDED = ("pulseaudio", "parec", "paplay", "pactl")
"""Programs the playback tests need (Debian pulseaudio and pulseaudio-utils)."""

needs_pulse = needs.skip_unless(
    espeak_library_present() and all(shutil.which(tool) for tool in NEEDED),
    "libespeak-ng1, pulseaudio and pulseaudio-utils",
)
"""Skip only where the real sound server or speech library is not installed (CI installs both)."""

GUARD = 10.0
"""Longest wait for anything: a failure guard only."""

RATE = 22050
FRAME = int(RATE * 0.02)
"""Samples per 20 ms analysis frame."""

LOUD, QUIET = 1000.0, 100.0
"""RMS above LOUD is speech (eSpeak NG is around 3000); below QUIET is silence (near 0)."""

LONG = "This sentence goes on and on so that it takes a good many seconds to say out loud. " * 3


@contextmanager
def private_pulse(root: Path, sink: str = "guide") -> Iterator[dict[str, str]]:
    """A PulseAudio daemon of our own in `root`, with a null sink `sink` (record `<sink>.monitor`);
    yields the environment that reaches it. Raises RuntimeError if it does not start."""
    runtime = root / "run"
    runtime.mkdir(mode=0o700)
    socket = runtime / "native"
    env = {k: v for k, v in os.environ.items() if k != "PULSE_SERVER"}
    env.update(HOME=str(root), XDG_RUNTIME_DIR=str(runtime), PULSE_RUNTIME_PATH=str(runtime / "pulse"),
               PULSE_STATE_PATH=str(root / "state"))
    log = (root / "pulse.log").open("wb")
    daemon = subprocess.Popen(
        ["pulseaudio", "-n", "--daemonize=no", "--exit-idle-time=-1", "--disallow-exit", "--use-pid-file=no",
         "--log-target=stderr", "-L", f"module-null-sink sink_name={sink} rate={RATE} channels=1",
         "-L", f"module-native-protocol-unix auth-anonymous=1 socket={socket}"],
        env=env, stdout=subprocess.DEVNULL, stderr=log, start_new_session=True,
    )
    env["PULSE_SERVER"] = f"unix:{socket}"
    try:
        if not holds_within(lambda: subprocess.run(["pactl", "info"], env=env, capture_output=True).returncode == 0
                            and daemon.poll() is None, GUARD):
            raise RuntimeError(f"PulseAudio did not start: {(root / 'pulse.log').read_text()[-800:]}")
        yield env
    finally:
        daemon.terminate()
        try:
            daemon.wait(timeout=GUARD)
        except subprocess.TimeoutExpired:
            daemon.kill()
            daemon.wait()
        log.close()


@pytest.fixture(scope="module")
def pulse(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """A private PulseAudio with a null sink "guide"; yields the environment that reaches it."""
    try:
        with private_pulse(tmp_path_factory.mktemp("pulse")) as env:
            yield env
    except RuntimeError as exc:
        pytest.fail(str(exc))


class Recorder:
    """`parec` on the null sink's monitor, written to a file that the test reads as it grows."""

    def __init__(self, env: dict[str, str], path: Path) -> None:
        self.path = path
        self.handle = path.open("wb")
        self.proc = subprocess.Popen(
            ["parec", "-d", "guide.monitor", "--raw", "--format=s16le", f"--rate={RATE}", "--channels=1",
             "--latency-msec=20"], env=env, stdout=self.handle, stderr=subprocess.DEVNULL,
        )
        assert self.until(lambda: self.samples() > RATE // 10), "parec recorded nothing"

    def samples(self) -> int:
        """How many samples have been recorded so far."""
        return self.path.stat().st_size // 2

    def frames(self, start: int = 0) -> list[float]:
        """RMS of each 20 ms frame recorded from sample `start` on."""
        data = array.array("h", self.path.read_bytes()[start * 2:self.samples() * 2])
        return [math.sqrt(sum(s * s for s in data[i:i + FRAME]) / FRAME)
                for i in range(0, len(data) - FRAME + 1, FRAME)]

    def recent(self, frames: int = 10) -> list[float]:
        """The RMS of the last `frames` frames."""
        return self.frames(max(0, self.samples() - frames * FRAME))[-frames:]

    def until(self, check: Callable[[], bool]) -> bool:
        """Poll `check` until it holds or the guard runs out."""
        return holds_within(check, GUARD, 0.02)

    def speaking(self) -> bool:
        return max(self.recent(), default=0.0) > LOUD

    def silent(self) -> bool:
        return len(self.recent(25)) == 25 and max(self.recent(25)) < QUIET

    def close(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=GUARD)
        self.handle.close()
