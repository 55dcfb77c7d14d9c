"""The speech worker: a separate process that owns the speech engine and the audio player.

Run as `python -m tui.speech.worker [TMPDIR]`, in its own process group, by
`tui.speech.process.WorkerProcess`. It reads one command per line on stdin and writes one event
per line on stdout; every message is a class of `tui.speech.protocol`, which says what each
means. A line that is not a valid command is answered with an `Error` event naming the fault.

Why this shape (measured here with pyttsx3 2.99 and libespeak-ng 1.51 on Debian 12):
- `engine.say()` + `runAndWait()` plays through `os.system("aplay ...")`: nothing can stop it
  (`engine.stop()` only cancels synthesis, and blocked its caller for a whole utterance), its
  errors are printed on fd 2 over the user's screen, and a failed player still reports the
  utterance as completed. Later `runAndWait()` calls block for the whole playback, and a
  `runAndWait()` with only a `setProperty()` queued re-speaks the last text (the driver never
  clears it) or hangs. So this worker never calls `say()` or `stop()`: it only asks the engine
  to `save_to_file()` one short chunk at a time, which in espeak's retrieval mode synthesises
  into memory in ~12 ms a sentence, and plays the WAV with its own player process, which it can
  kill at once (stop), kill and restart (pause, resume, skip).
- `runAndWait()` can return before the file exists (libespeak-ng synthesises on its own thread
  in the mode pyttsx3 uses), and it cancels any synthesis still running: see
  `tui.speech.engine.Synthesiser`, which waits for each chunk properly.
- The engine is not safe across threads ("run loop already started", a hung thread) nor across
  `fork()`: one thread (the speaker) is its only user after `init()`, and the worker is a fresh
  interpreter started by `subprocess`, not a fork of the app.
- pyttsx3 prints "Audio saved to ..." on stdout: fd 1 is moved to the log before the engine
  starts, and events go out on a private copy of the original stdout.
- If the app dies its end of stdin closes: the worker kills its player and exits.
"""

from __future__ import annotations

import os
import queue
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from tui.speech.audio import NO_PLAYER, concat_wavs, player_command, player_name
from tui.speech.engine import EngineUnavailable, Synthesiser
from tui.speech.protocol import (
    Command,
    Error,
    Event,
    Failure,
    Finished,
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
)


@dataclass
class Utterance:
    """A speak request in progress."""

    id: int
    chunks: tuple[str, ...]
    voice: Voice
    """Rate, volume and voice to synthesise with."""
    gen: int
    """The worker's generation when it was accepted; a later stop or speak changes it."""
    index: int = 0
    """The chunk to play next (or playing now)."""
    paused: bool = False
    files: dict[int, Path] = field(default_factory=dict)
    """Chunks already synthesised, by index."""


@dataclass
class SaveJob:
    """A synth_to_file request."""

    id: int
    chunks: tuple[str, ...]
    voice: Voice
    path: Path
    gen: int


class Worker:
    """The engine, the player and the state shared by the command reader and the speaker thread."""

    def __init__(self, events: BinaryIO, tmpdir: Path) -> None:
        self.events = events
        self.tmpdir = tmpdir
        self.lock = threading.Condition()
        """Guards everything below; the speaker waits on it while paused."""
        self.write_lock = threading.Lock()
        self.gen = 0
        self.current: Utterance | None = None
        self.player: subprocess.Popen[bytes] | None = None
        self.stopped_player: subprocess.Popen[bytes] | None = None
        """The player last killed on purpose (pause, skip): its exit is not a failure, even when a
        resume has come before the speaker thread saw it end (a busy machine)."""
        self.jobs: queue.Queue[Utterance | SaveJob | None] = queue.Queue()
        self.engine = Synthesiser(tmpdir)
        """Used by the speaker thread only, once started."""

    # -- output ---------------------------------------------------------------------------

    def emit(self, event: Event) -> None:
        """Write one event line; if the app has gone, leave."""
        line = event.to_wire()
        with self.write_lock:
            try:
                self.events.write(line)
                self.events.flush()
            except (BrokenPipeError, ValueError, OSError):
                self.shutdown()

    # -- the speaker thread ---------------------------------------------------------------

    def speaker(self) -> None:
        """Take jobs one at a time: play an utterance, or write one to a file."""
        while True:
            job = self.jobs.get()
            if job is None:
                return
            try:
                if isinstance(job, SaveJob):
                    self.save(job)
                else:
                    self.play(job)
            except Exception as exc:
                traceback.print_exc()
                with self.lock:
                    if self.current is job:
                        self.current = None
                self.emit(Error(message=f"speech failed: {exc}", utterance=job.id))
            finally:
                if isinstance(job, Utterance):
                    for path in job.files.values():
                        path.unlink(missing_ok=True)

    def play(self, utt: Utterance) -> None:
        """Synthesise and play `utt` chunk by chunk until it ends or is stopped or replaced."""
        command = player_command("x.wav")
        if command is None:
            with self.lock:
                if self.current is utt:
                    self.current = None
            self.emit(Error(message=NO_PLAYER, failure=Failure.NO_PLAYER, utterance=utt.id))
            return
        while True:
            with self.lock:
                while utt.paused and self.gen == utt.gen:
                    self.lock.wait()
                if self.gen != utt.gen:
                    return
                index = utt.index
                if index >= len(utt.chunks):
                    self.current = None
                    self.emit(Finished(utterance=utt.id))
                    return
            path = utt.files.get(index) or self.engine.synthesise(utt.chunks[index], utt.voice)
            utt.files[index] = path
            with self.lock:
                if self.gen != utt.gen:
                    return
                if utt.paused or utt.index != index:
                    continue  # paused or skipped while synthesising
                log = (self.tmpdir / "player.log").open("wb")
                player = subprocess.Popen(
                    [*command[:-1], str(path)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=log
                )
                log.close()
                self.player = player
                self.emit(Started(utterance=utt.id, index=index))
            # Synthesise the next chunk while this one plays, so there is no gap between them.
            following = index + 1
            if following < len(utt.chunks) and following not in utt.files:
                utt.files[following] = self.engine.synthesise(utt.chunks[following], utt.voice)
            status = player.wait()
            with self.lock:
                if self.player is player:
                    self.player = None
                if self.gen != utt.gen:
                    return
                if utt.paused or utt.index != index or self.stopped_player is player:
                    continue  # pause or skip killed the player (resumed since, or not): not a failure
                if status != 0:
                    self.current = None
                    self.emit(self.player_error(command[0], status, utt.id))
                    return
                utt.index = index + 1
                utt.files.pop(index).unlink(missing_ok=True)

    def player_error(self, program: str, status: int, utterance: int) -> Error:
        """Why the player failed, from the last line it wrote ("Connection refused"): the program
        and that line travel as fields, for the client to word (tui/speech/audio.py)."""
        try:
            lines = (self.tmpdir / "player.log").read_text(errors="replace").strip().splitlines()
        except OSError:
            lines = []
        detail = lines[-1].strip() if lines else f"exit status {status}"
        print(f"{program} failed: {detail}", file=sys.stderr)
        name = Path(program).name
        return Error(message=f"the audio player {name} could not play sound ({detail})", failure=Failure.PLAYER,
                     program=name, detail=detail, utterance=utterance)

    def save(self, job: SaveJob) -> None:
        """Write all chunks of `job` to one WAV file."""
        parts: list[Path] = []
        try:
            for text in job.chunks:
                if self.gen != job.gen:
                    self.emit(Stopped(utterance=job.id))
                    return
                parts.append(self.engine.synthesise(text, job.voice))
            seconds = concat_wavs(parts, job.path)
            self.emit(Saved(utterance=job.id, path=str(job.path), seconds=round(seconds, 3)))
        finally:
            for part in parts:
                part.unlink(missing_ok=True)

    # -- commands (the main thread) -------------------------------------------------------

    def kill_player(self) -> None:
        """Silence the current chunk now (caller holds the lock)."""
        if self.player is not None and self.player.poll() is None:
            self.player.kill()
            self.stopped_player = self.player

    def handle(self, command: Command) -> None:
        """Act on one command."""
        with self.lock:
            if isinstance(command, (Speak, Stop, SynthToFile)):
                # Each of these ends whatever is speaking: a new generation makes the speaker
                # thread drop it at its next step, and the player dies now.
                stopped = self.current
                self.gen += 1
                self.current = None
                self.kill_player()
                self.lock.notify_all()
            if isinstance(command, Stop):
                self.emit(Stopped(utterance=stopped.id if stopped else None, seq=command.seq))
            elif isinstance(command, Speak):
                start = max(0, min(len(command.chunks), command.start))
                self.current = Utterance(command.utterance, command.chunks, command.voice, self.gen, start)
                self.jobs.put(self.current)
            elif isinstance(command, SynthToFile):
                self.jobs.put(SaveJob(command.utterance, command.chunks, command.voice, Path(command.path), self.gen))
            elif isinstance(command, (Pause, Resume, Skip)) and self.current is not None:
                utt = self.current
                if isinstance(command, Skip):
                    utt.index = max(0, min(len(utt.chunks), utt.index + command.step))
                if not isinstance(command, Resume):
                    self.kill_player()  # pause stops mid-sentence; resume replays that sentence
                utt.paused = isinstance(command, Pause)
                self.lock.notify_all()
            elif isinstance(command, Ping):
                self.emit(Pong(seq=command.seq))
            elif isinstance(command, Quit):
                self.shutdown()

    def shutdown(self) -> None:
        """Kill the player, remove the temp folder, and leave at once.

        `os._exit`, not `sys.exit`: the speaker thread may be inside libespeak-ng, and pyttsx3's
        clean-up at interpreter exit can assert or hang; nothing here needs flushing.
        """
        player = self.player
        if player is not None and player.poll() is None:
            player.kill()
        shutil.rmtree(self.tmpdir, ignore_errors=True)
        os._exit(0)


def main(argv: list[str] | None = None) -> int:
    """Start the engine, say ready (or why not), then serve commands until stdin closes."""
    argv = sys.argv[1:] if argv is None else argv
    tmpdir = Path(argv[0]) if argv else Path(tempfile.mkdtemp(prefix="spasm-guide-speech-"))
    tmpdir.mkdir(parents=True, exist_ok=True)
    # Events go out on a private copy of stdout; fd 1 itself now goes to the log (stderr), so
    # anything printed by pyttsx3 or libespeak-ng cannot corrupt the protocol.
    events = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    worker = Worker(events, tmpdir)
    signal.signal(signal.SIGTERM, lambda *_: worker.shutdown())
    try:
        worker.engine.start()
    except EngineUnavailable as exc:
        worker.emit(Error(message=str(exc), fatal=True))
        shutil.rmtree(tmpdir, ignore_errors=True)
        return 3
    threading.Thread(target=worker.speaker, name="speaker", daemon=True).start()
    worker.emit(Ready(pid=os.getpid(), player=player_name(), voice=worker.engine.default_voice))
    for line in sys.stdin.buffer:
        try:
            command = decode_command(line)
        except ProtocolError as exc:
            print(f"refused a command line: {exc}", file=sys.stderr)
            worker.emit(Error(message=f"bad command: {exc}"))
            continue
        worker.handle(command)
    worker.shutdown()  # stdin closed: the app has quit or died
    return 0


if __name__ == "__main__":
    sys.exit(main())
