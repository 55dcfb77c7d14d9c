"""The speech worker and client: stop, pause, skip, crashes, hangs, a dead parent, no engine.

The engine is real (eSpeak NG through pyttsx3); the player is a stand-in `pw-play` on PATH that
stays silent for as long as the WAV lasts, so these tests need no sound server and can watch
the player as a process. Assertions are on events, their order and process state; timeouts are
only a guard against hanging, never a measure of speed (the machine is shared and noisy).
"""

from __future__ import annotations

import contextlib
import os
import queue
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.support import needs
from tests.support.wait import GUARD, holds_within
from tui.speech.audio import availability, espeak_library_present
from tui.speech.client import SpeechClient
from tui.speech.protocol import Error, Event, Ready, Speak, Started, decode_event

pytestmark = [pytest.mark.audio, needs.skip_unless(espeak_library_present(), "libespeak-ng1")]

ROOT = Path(__file__).resolve().parent.parent
LONG = "This sentence goes on and on so that it takes a good many seconds to say out loud. " * 3
"""About 50 words: over ten seconds of audio, far longer than any stop should take."""

STUB_PLAYER = """#!/bin/sh
# Stand-in player for tests: silent, and exactly as long as the WAV (22050 Hz, 16-bit mono).
bytes=$(stat -c %s "$1")
exec sleep "$(awk -v b="$bytes" 'BEGIN { printf "%.3f", (b - 44) / 44100 }')"
"""


class Events:
    """Collects a client's events (from its reader thread) for the test to wait on."""

    def __init__(self) -> None:
        self.inbox: queue.Queue[Event] = queue.Queue()
        self.seen: list[Event] = []

    def __call__(self, event: Event) -> None:
        self.inbox.put(event)

    def wait(self, wanted: Callable[[Event], bool]) -> Event:
        """The next event that matches; every event on the way is kept in `seen`."""
        deadline = time.monotonic() + GUARD
        while True:
            event = self.inbox.get(timeout=max(0.01, deadline - time.monotonic()))
            self.seen.append(event)
            if wanted(event):
                return event

    def kinds(self, utterance: int | None) -> list[tuple[str, int | None]]:
        """(kind, index) of the events seen for one utterance, in order."""
        return [(e.kind, e.index if isinstance(e, Started) else None) for e in self.seen if e.utterance == utterance]


@pytest.fixture
def stub_env(tmp_path: Path) -> dict[str, str]:
    """The environment with the stand-in player first on PATH and no sound server set."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    player = bin_dir / "pw-play"
    player.write_text(STUB_PLAYER)
    player.chmod(0o755)
    env = {k: v for k, v in os.environ.items() if k not in ("PULSE_SERVER", "SPASM_GUIDE_SPEECH_FAIL")}
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    return env


@pytest.fixture
def client(stub_env: dict[str, str], tmp_path: Path) -> Iterator[tuple[SpeechClient, Events]]:
    events = Events()
    speech = SpeechClient(events, env=stub_env, log_path=tmp_path / "speech.log")
    yield speech, events
    speech.close(force=True)


def children(pid: int) -> list[int]:
    """The child processes of `pid` (from every thread of it)."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):  # the thread ended meanwhile
            found += [int(n) for n in (task / "children").read_text().split()]
    return found


def alive(pid: int) -> bool:
    """Whether `pid` is a running (not zombie) process."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def speaking_worker(speech: SpeechClient, events: Events) -> tuple[int, int]:
    """Start a long utterance and return (worker pid, player pid) once its audio has begun."""
    speech.speak([LONG])
    events.wait(lambda e: e.kind == "started")
    worker = speech.worker_pid
    assert worker is not None
    return worker, the_player(worker)


def the_player(worker: int) -> int:
    """The worker's one player process."""
    assert holds_within(lambda: len(children(worker)) == 1, GUARD, 0.01), children(worker)
    return children(worker)[0]


def test_stop_during_a_long_utterance_ends_it(client: tuple[SpeechClient, Events]) -> None:
    speech, events = client
    utterance = speech.speak([LONG, LONG, "The end."])
    events.wait(lambda e: e.kind == "started" and e.utterance == utterance)
    worker = speech.worker_pid
    assert worker is not None
    player = the_player(worker)
    speech.stop()
    events.wait(lambda e: e.kind == "stopped")
    assert holds_within(lambda: not alive(player), GUARD, 0.01), "the player kept playing after stop"
    speech.ping()
    events.wait(lambda e: e.kind == "pong")  # every earlier event has now arrived
    # Stopped during the first chunk: the second never started, nothing finished or failed.
    assert events.kinds(utterance) == [("started", 0), ("stopped", None)]
    assert not [e for e in events.seen if e.kind == "error"]
    assert speech.worker_pid == worker, "the worker confirmed the stop itself; it was not killed"
    assert not speech.speaking


def test_stop_while_the_worker_is_still_starting_is_not_a_hang(client: tuple[SpeechClient, Events]) -> None:
    speech, events = client
    utterance = speech.speak([LONG])
    speech.stop()  # at once: the worker is still loading the engine
    events.wait(lambda e: e.kind == "stopped")
    worker = speech.worker_pid
    speech.ping()
    events.wait(lambda e: e.kind == "pong")
    assert not [e for e in events.seen if e.kind == "error"], events.seen
    assert ("started", 0) not in events.kinds(utterance)
    assert speech.worker_pid == worker is not None


def test_a_worker_slow_to_load_its_engine_is_waited_for_not_called_hung(stub_env: dict[str, str],
                                                                         tmp_path: Path) -> None:
    """On a busy machine the engine can take longer to load than a speak may go unanswered (the
    cause of a flaky run of test_pause_resume_and_skip at load 5-11): the hang clock starts at
    "ready", so a slow start is waited for, and the speech is heard."""
    slow_start = tmp_path / "slow-start"
    slow_start.mkdir()
    # Runs at the worker's interpreter start, before it loads the engine: a start slower than
    # the hang timeout below, as a loaded machine makes it.
    (slow_start / "sitecustomize.py").write_text("import time\ntime.sleep(1.5)\n")
    env = {**stub_env, "PYTHONPATH": os.pathsep.join([str(slow_start), str(ROOT)])}
    events = Events()
    speech = SpeechClient(events, env=env, log_path=tmp_path / "speech.log", hang_timeout=0.5)
    try:
        utterance = speech.speak(["Hello there."])
        events.wait(lambda e: e.kind in ("finished", "error"))
        assert [e.kind for e in events.seen] == ["ready", "started", "finished"], events.seen
        assert events.kinds(utterance) == [("started", 0), ("finished", None)]
    finally:
        speech.close(force=True)


def test_pause_resume_and_skip(client: tuple[SpeechClient, Events]) -> None:
    speech, events = client
    utterance = speech.speak([LONG, LONG, LONG])
    events.wait(lambda e: isinstance(e, Started) and e.index == 0)
    speech.skip(1)
    events.wait(lambda e: isinstance(e, Started) and e.index == 1)
    speech.skip(-1)
    events.wait(lambda e: isinstance(e, Started) and e.index == 0 and len(events.kinds(utterance)) == 3)
    worker = speech.worker_pid
    assert worker is not None
    player = the_player(worker)
    speech.pause()
    assert speech.paused
    assert holds_within(lambda: not alive(player), GUARD, 0.01), "pause left the player running"
    speech.resume()
    events.wait(lambda e: e.kind == "started" and len(events.kinds(utterance)) == 4)
    speech.skip(1)
    speech.skip(1)
    speech.skip(1)
    events.wait(lambda e: e.kind == "finished" and e.utterance == utterance)
    started = [index for kind, index in events.kinds(utterance) if kind == "started"]
    assert started[:4] == [0, 1, 0, 0], "resume replays the interrupted sentence from its start"
    assert not speech.speaking


def test_a_killed_worker_is_reported_once_and_restarted(client: tuple[SpeechClient, Events]) -> None:
    speech, events = client
    worker, player = speaking_worker(speech, events)
    os.kill(worker, signal.SIGKILL)
    error = events.wait(lambda e: e.kind == "error")
    assert "ended unexpectedly" in error.message
    assert holds_within(lambda: not alive(player), GUARD, 0.01), "the player outlived its worker"
    assert not speech.speaking
    again = speech.speak(["Back again."])
    events.wait(lambda e: e.kind == "finished" and e.utterance == again)
    assert speech.worker_pid not in (None, worker)
    assert len([e for e in events.seen if e.kind == "error"]) == 1


def test_a_hung_worker_is_killed_when_it_does_not_confirm_stop(client: tuple[SpeechClient, Events]) -> None:
    speech, events = client
    worker, player = speaking_worker(speech, events)
    os.kill(worker, signal.SIGSTOP)  # hung: alive, but answers nothing
    speech.stop()
    events.wait(lambda e: e.kind == "stopped")
    error = events.wait(lambda e: e.kind == "error")
    assert "did not stop in time" in error.message
    assert holds_within(lambda: not alive(worker) and not alive(player), GUARD, 0.01)
    again = speech.speak(["Back again."])
    events.wait(lambda e: e.kind == "finished" and e.utterance == again)


def test_the_worker_exits_when_its_parent_closes_stdin(stub_env: dict[str, str], tmp_path: Path) -> None:
    env = {**stub_env, "PYTHONPATH": str(ROOT)}
    work = tmp_path / "work"
    proc = subprocess.Popen([sys.executable, "-m", "tui.speech.worker", str(work)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, start_new_session=True)
    assert proc.stdin is not None and proc.stdout is not None
    try:
        assert isinstance(decode_event(proc.stdout.readline()), Ready)
        proc.stdin.write(Speak(utterance=7, chunks=(LONG,)).to_wire())
        proc.stdin.flush()
        assert decode_event(proc.stdout.readline()) == Started(utterance=7, index=0)
        player = the_player(proc.pid)
        proc.stdin.close()  # what happens when the app dies
        assert proc.wait(timeout=GUARD) == 0
        assert holds_within(lambda: not alive(player), GUARD, 0.01), "the player outlived the worker"
        assert not work.exists(), "the worker left its temp folder behind"
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def test_missing_engine_gives_the_reason_without_a_traceback(stub_env: dict[str, str], tmp_path: Path) -> None:
    env = {**stub_env, "SPASM_GUIDE_SPEECH_FAIL": "1", "PYTHONPATH": str(ROOT)}
    ok, reason = availability(env=env)
    assert not ok and "eSpeak NG" in reason
    # The worker says why, as an event, and exits.
    worker = subprocess.run([sys.executable, "-m", "tui.speech.worker", str(tmp_path / "w")], input=b"",
                            capture_output=True, env=env, timeout=60)
    assert worker.returncode == 3
    event = decode_event(worker.stdout.splitlines()[0])
    assert isinstance(event, Error) and event.fatal and "eSpeak NG" in event.message
    assert b"Traceback" not in worker.stderr
    # The command line: one line, exit status 2.
    cli = subprocess.run([sys.executable, "-m", "tui", "--speak"], capture_output=True, text=True, env=env,
                         cwd=ROOT, timeout=60)
    assert cli.returncode == 2
    assert cli.stdout == ""
    assert cli.stderr.count("\n") == 1 and "Traceback" not in cli.stderr
    assert cli.stderr.startswith("spasm-guide: Speech is not available: ")
    assert "sudo apt install espeak-ng" in cli.stderr
    # The client: an error event, on another thread, marked fatal.
    events = Events()
    speech = SpeechClient(events, env=env, log_path=tmp_path / "speech.log")
    assert speech.speak(["Hello."]) is None
    error = events.wait(lambda e: e.kind == "error")
    assert error.fatal and error.message.startswith("Speech is not available: ")
    assert speech.worker_pid is None


def test_missing_player_stops_speak_but_not_speak_to(tmp_path: Path) -> None:
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "PULSE_SERVER"}
    env["PATH"] = str(empty)
    cli = subprocess.run([sys.executable, "-m", "tui", "--speak"], capture_output=True, text=True, env=env,
                         cwd=ROOT, timeout=60)
    assert cli.returncode == 2 and "Traceback" not in cli.stderr
    assert "no audio player found" in cli.stderr
    target = tmp_path / "out.wav"
    cli = subprocess.run([sys.executable, "-m", "tui", "--speak-to", str(target), "--section", "1"],
                         capture_output=True, text=True, env=env, cwd=ROOT, timeout=60)
    assert cli.returncode == 0, cli.stderr
    assert target.stat().st_size > 10_000


def test_ctrl_c_silences_speak_at_once_and_exits_130(stub_env: dict[str, str]) -> None:
    env = {**stub_env, "SSH_CONNECTION": "10.0.0.1 5000 10.0.0.2 22"}
    proc = subprocess.Popen([sys.executable, "-m", "tui", "--speak", "--section", "1"], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stderr is not None
    try:
        first = proc.stdout.readline()
        assert first.strip(), "nothing was printed as it was spoken"
        assert holds_within(lambda: any(children(c) for c in children(proc.pid)), GUARD, 0.01)
        worker = next(c for c in children(proc.pid) if children(c))
        player = children(worker)[0]
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=GUARD) == 130
        stderr = proc.stderr.read()
        assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr
        # Over SSH it said, once, that the audio plays on the server, and went on speaking.
        assert stderr.count("SSH session") == 1 and "--speak-to" in stderr and "24713" in stderr
        assert not alive(worker) and not alive(player)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
