"""The speech protocol: every message survives the wire, anything else is refused with a reason,
and the client, the worker and the test fake all keep to the same typed interface."""

from __future__ import annotations

import inspect
import io
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import needs
from tests.support.speech_fake import FakeClient
from tui.speech.audio import espeak_library_present
from tui.speech.client import SpeechClient
from tui.speech.interface import SpeechInterface
from tui.speech.process import WorkerProcess
from tui.speech.protocol import (
    COMMANDS,
    EVENTS,
    Error,
    Event,
    Failure,
    Finished,
    Message,
    Pause,
    Ping,
    Pong,
    ProtocolError,
    Quit,
    Ready,
    Resume,
    Saved,
    Skip,
    Speak,
    Started,
    Stop,
    Stopped,
    SynthToFile,
    Voice,
    decode_command,
    decode_event,
)

ROOT = Path(__file__).resolve().parent.parent

SAMPLES: list[Message] = [
    Speak(utterance=3, chunks=("First sentence.", "Second, with \"quotes\" and ü."), start=1,
          voice=Voice(140, 0.5, "gmw/en-us")),
    Speak(utterance=4, chunks=()),
    SynthToFile(utterance=5, chunks=("One.",), path="/tmp/guide.wav", voice=Voice(200, 1.0, "")),
    Stop(seq=7),
    Pause(),
    Resume(),
    Skip(step=-1),
    Ping(seq=2),
    Quit(),
    Ready(pid=1234, player="paplay", voice="gmw/en"),
    Ready(pid=1234, player=None, voice=""),
    Started(utterance=3, index=0),
    Finished(utterance=3),
    Saved(utterance=5, path="/tmp/guide.wav", seconds=12.5),
    Stopped(utterance=3, seq=7),
    Stopped(),
    Error(message="the audio player paplay could not play sound (Connection refused)", failure=Failure.PLAYER,
          program="paplay", detail="Connection refused", utterance=3),
    Error(message="no audio player found (pw-play, paplay or aplay)", failure=Failure.NO_PLAYER, utterance=4),
    Error(message="the eSpeak NG speech library (libespeak-ng1) is not installed", fatal=True),
    Pong(seq=2),
]
"""At least one of every message, with optional fields both set and left out."""


def test_every_message_class_has_a_sample() -> None:
    assert {type(m) for m in SAMPLES} == {*COMMANDS.values(), *EVENTS.values()}


@pytest.mark.parametrize("message", SAMPLES, ids=lambda m: f"{m.kind}")
def test_every_message_survives_the_wire(message: Message) -> None:
    line = message.to_wire()
    assert line.endswith(b"\n") and line.count(b"\n") == 1
    decode = decode_command if message.TAG == "cmd" else decode_event
    assert decode(line) == message
    assert decode(line.decode()) == message


def test_a_command_is_not_an_event_nor_the_reverse() -> None:
    with pytest.raises(ProtocolError, match="no 'event' naming the message"):
        decode_event(Stop(seq=1).to_wire())
    with pytest.raises(ProtocolError, match="no 'cmd' naming the message"):
        decode_command(Finished(utterance=1).to_wire())


def test_numbers_as_json_writes_them_are_accepted() -> None:
    command = decode_command(b'{"cmd": "speak", "utterance": 1, "chunks": ["Hi."], "voice": {"rate": 170, '
                             b'"volume": 1, "name": ""}}')
    assert isinstance(command, Speak) and command.voice.volume == 1.0 and command.start == 0


@pytest.mark.parametrize(("line", "reason"), [
    (b"not json at all", "not a JSON line"),
    (b"\xff\xfe", "not a JSON line"),
    (b"[1, 2]", "expected a JSON object, got array"),
    (b'{"utterance": 1}', "no 'cmd' naming the message (one of: pause, ping, quit, resume, skip, speak, stop, "
                          "synth_to_file)"),
    (b'{"cmd": "spek", "utterance": 1}', "unknown cmd 'spek' (expected one of: pause, ping, quit, resume, skip"),
    (b'{"cmd": 3}', "no 'cmd' naming the message"),
    (b'{"cmd": "speak", "chunks": ["Hi."]}', "speak: missing field 'utterance'"),
    (b'{"cmd": "speak", "utterance": "3", "chunks": []}', 'speak.utterance: expected int, got string "3"'),
    (b'{"cmd": "speak", "utterance": 3, "chunks": "Hi."}', 'speak.chunks: expected array of str, got string "Hi."'),
    (b'{"cmd": "speak", "utterance": 3, "chunks": ["Hi.", 4]}', "speak.chunks[1]: expected str, got number 4"),
    (b'{"cmd": "speak", "utterance": 3, "chunks": [], "voice": {"rate": 1.5}}',
     "speak.voice.rate: expected int, got number 1.5"),
    (b'{"cmd": "speak", "utterance": 3, "chunks": [], "voice": {"pitch": 2}}',
     "speak.voice: unknown field 'pitch' (fields: name, rate, volume)"),
    (b'{"cmd": "skip", "step": true}', "skip.step: expected int, got boolean true"),
    (b'{"cmd": "skip", "step": 1, "id": 4}', "skip: unknown field 'id' (fields: step)"),
    (b'{"cmd": "stop", "seq": null}', "stop.seq: expected int, got null"),
])
def test_a_bad_command_is_refused_with_the_reason(line: bytes, reason: str) -> None:
    with pytest.raises(ProtocolError) as refused:
        decode_command(line)
    assert reason in str(refused.value)
    assert "\n" not in str(refused.value)


@pytest.mark.parametrize(("line", "reason"), [
    (b'{"event": "begun", "utterance": 1}', "unknown event 'begun' (expected one of: error, finished, pong, ready,"),
    (b'{"event": "started", "utterance": 1}', "started: missing field 'index'"),
    (b'{"event": "started", "utterance": null, "index": 0}', "started.utterance: expected int, got null"),
    (b'{"event": "stopped", "utterance": "x"}', 'stopped.utterance: expected int or null, got string "x"'),
    (b'{"event": "error", "message": "x", "fatal": "yes"}', 'error.fatal: expected bool, got string "yes"'),
    (b'{"event": "saved", "utterance": 1, "path": "a.wav", "seconds": "2"}', "saved.seconds: expected float"),
    (b'{"event": "ready", "pid": 1, "player": 5, "voice": ""}', "ready.player: expected str or null, got number 5"),
])
def test_a_bad_event_is_refused_with_the_reason(line: bytes, reason: str) -> None:
    with pytest.raises(ProtocolError) as refused:
        decode_event(line)
    assert reason in str(refused.value)


@pytest.mark.e2e  # starts the guide (or a shell) as a real process
@needs.skip_unless(espeak_library_present(), "libespeak-ng1")
def test_the_worker_answers_a_bad_line_with_an_error_and_carries_on(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PATH": str(tmp_path)}  # no player needed
    proc = subprocess.Popen([sys.executable, "-m", "tui.speech.worker", str(tmp_path / "work")],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=env, start_new_session=True)
    assert proc.stdin is not None and proc.stdout is not None
    try:
        assert isinstance(decode_event(proc.stdout.readline()), Ready)
        proc.stdin.write(b'{"cmd": "skip", "stepp": 1}\n')
        proc.stdin.write(Ping(seq=5).to_wire())
        proc.stdin.flush()
        refused = decode_event(proc.stdout.readline())
        assert refused == Error(message="bad command: skip: unknown field 'stepp' (fields: step)")
        assert decode_event(proc.stdout.readline()) == Pong(seq=5)
        proc.stdin.close()
        assert proc.wait(timeout=30) == 0
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert proc.stderr is not None
    log = proc.stderr.read().decode()
    assert "refused a command line: skip: unknown field 'stepp'" in log and "Traceback" not in log


# -- one interface for the real client and the fake ----------------------------------------------


def interface_members() -> list[str]:
    return sorted(name for name in dir(SpeechInterface) if not name.startswith("_"))


def test_the_client_and_the_fake_have_the_interface_s_signatures() -> None:
    members = interface_members()
    assert {"speak", "stop", "pause", "resume", "skip", "set_rate", "paused"} <= set(members)
    for implementation in (SpeechClient, FakeClient):
        assert isinstance(implementation.__new__(implementation), SpeechInterface)
        for name in members:
            wanted, got = getattr(SpeechInterface, name), getattr(implementation, name)
            if callable(wanted):
                assert inspect.signature(got) == inspect.signature(wanted), (implementation, name)


@pytest.mark.slow  # runs mypy
def test_a_fake_with_a_misspelled_method_is_refused(tmp_path: Path) -> None:
    source = (ROOT / "tests" / "support" / "speech_fake.py").read_text()
    assert "    def skip(self, step: int) -> None:" in source
    misspelled = tmp_path / "speech_fake.py"
    misspelled.write_text(source.replace("    def skip(self", "    def skp(self"))
    # Python refuses to build it ...
    namespace: dict[str, object] = {}
    with pytest.raises(TypeError, match=r"abstract method.*skip"):
        exec(compile(misspelled.read_text(), str(misspelled), "exec"), namespace)
    # ... and so does mypy, while the real fake is clean.
    def mypy(path: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-error-summary",
                               "--cache-dir", str(tmp_path / "cache"), str(path)],
                              capture_output=True, text=True, cwd=ROOT, timeout=300)
    clean = mypy(ROOT / "tests" / "support" / "speech_fake.py")
    assert clean.returncode == 0, clean.stdout
    caught = mypy(misspelled)
    assert caught.returncode == 1
    assert 'Cannot instantiate abstract class "FakeClient" with abstract attribute "skip"' in caught.stdout


@pytest.mark.e2e  # starts the speech worker (which leaves at once)
def test_the_client_side_refuses_a_bad_event_line_into_the_log_and_reads_on(tmp_path: Path) -> None:
    log = tmp_path / "speech.log"
    seen: list[Event] = []
    ended: list[WorkerProcess] = []
    env = {**os.environ, "SPASM_GUIDE_SPEECH_FAIL": "1"}  # the worker says why and leaves at once
    worker = WorkerProcess(env, log, lambda _w, event: seen.append(event), ended.append)
    worker.proc.wait(timeout=60)
    lines = io.BytesIO(b'{"event": "started", "utterance": 1}\n' + Started(utterance=1, index=2).to_wire())
    worker._read(lines, lambda _w, event: seen.append(event), ended.append)
    assert Started(utterance=1, index=2) in seen
    assert ended and ended[-1] is worker
    assert "refused a line from the speech worker: started: missing field 'index'" in log.read_text()
    assert not worker.tmpdir.exists()
