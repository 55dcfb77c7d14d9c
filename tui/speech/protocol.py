"""The speech protocol: every message the speech client and the worker process exchange.

One JSON object per line. Commands go from the client to the worker on the worker's stdin;
events come back on its stdout. Each message is a frozen dataclass below, and nothing else
crosses the pipe: `to_wire()` turns a message into its line, `decode_command()` and
`decode_event()` turn a line back into a message and refuse anything that is not exactly one
(not JSON, an unknown type, a missing or unknown field, a field of the wrong type) with a
`ProtocolError` that names the message and the field.

On the wire a message is its fields by name plus a tag: {"cmd": "skip", "step": 1} for a
command, {"event": "started", "utterance": 3, "index": 0} for an event.

Rate, volume and voice travel with every `Speak`: pyttsx3 applies a property only at the next
synthesis, so the client re-sends the utterance from the sentence being heard when one changes
(see `tui.speech.worker`).
"""

from __future__ import annotations

import enum
import json
import types
import typing
from dataclasses import MISSING, asdict, dataclass, fields, is_dataclass
from typing import Any, ClassVar, TypeVar, Union

SpeechMessage = TypeVar("SpeechMessage", bound="Message")


class ProtocolError(ValueError):
    """A line that is not a valid speech message; the text says what is wrong with it."""


@dataclass(frozen=True)
class Voice:
    """How to speak: given with every utterance, so the worker never keeps stale settings."""

    rate: int = 170
    """Words a minute."""
    volume: float = 1.0
    """0.0 (silent) to 1.0."""
    name: str = ""
    """A voice id, name or language code; "" for the engine's default."""


class Message:
    """What every command and event has: its tag on the wire and the conversion to a line."""

    kind: ClassVar[str]
    """The message's name on the wire ("speak", "started")."""
    TAG: ClassVar[str]
    """The key that carries `kind`: "cmd" for commands, "event" for events."""

    def to_wire(self) -> bytes:
        """The message as one JSON line, newline included."""
        assert is_dataclass(self)
        return json.dumps({self.TAG: self.kind, **asdict(self)}).encode() + b"\n"


# -- commands: client to worker ------------------------------------------------------------------


class Command(Message):
    """A request from the client to the worker."""

    TAG = "cmd"


@dataclass(frozen=True, kw_only=True)
class Speak(Command):
    """Play `chunks` from index `start`, replacing anything speaking or paused."""

    kind = "speak"
    utterance: int
    """The client's id for this reading; every event about it carries the same id."""
    chunks: tuple[str, ...]
    """The text to speak, one sentence (or at most ~300 characters) per chunk."""
    start: int = 0
    """The chunk to begin with."""
    voice: Voice = Voice()
    """Rate, volume and voice to speak with."""


@dataclass(frozen=True, kw_only=True)
class SynthToFile(Command):
    """Write `chunks` to one WAV file at `path` instead of playing them; ends any speech."""

    kind = "synth_to_file"
    utterance: int
    """The client's id for this job."""
    chunks: tuple[str, ...]
    """The text to write, one sentence per chunk."""
    path: str
    """The absolute path of the WAV file (written atomically)."""
    voice: Voice = Voice()
    """Rate, volume and voice to speak with."""


@dataclass(frozen=True, kw_only=True)
class Stop(Command):
    """Silence now and forget the utterance; answered by `Stopped` with the same `seq`."""

    kind = "stop"
    seq: int
    """The client's count of stops, so that it can tell which one was confirmed."""


@dataclass(frozen=True, kw_only=True)
class Pause(Command):
    """Kill the player mid-sentence and wait."""

    kind = "pause"


@dataclass(frozen=True, kw_only=True)
class Resume(Command):
    """Carry on after `Pause`, from the start of the interrupted sentence."""

    kind = "resume"


@dataclass(frozen=True, kw_only=True)
class Skip(Command):
    """Move by `step` chunks (1: next sentence, -1: previous) and play from there."""

    kind = "skip"
    step: int
    """How many chunks to move; past the last one ends the utterance."""


@dataclass(frozen=True, kw_only=True)
class Ping(Command):
    """Ask for a `Pong`: proves every earlier event has arrived, and warms the worker up."""

    kind = "ping"
    seq: int = 0
    """Echoed in the `Pong`."""


@dataclass(frozen=True, kw_only=True)
class Quit(Command):
    """Kill the player, remove the temp folder and exit."""

    kind = "quit"


# -- events: worker to client (and from the client itself, for failures it sees) -------------


class Event(Message):
    """Something that happened; `utterance` is None for events that belong to no reading."""

    TAG = "event"
    utterance: int | None
    """The id from the `Speak` or `SynthToFile` the event belongs to, if any."""


@dataclass(frozen=True, kw_only=True)
class Ready(Event):
    """The worker's engine has loaded; commands sent meanwhile are handled now, in order."""

    kind = "ready"
    pid: int
    """The worker's process id."""
    player: str | None
    """The program that plays audio here ("paplay"), or None if there is none."""
    voice: str
    """The engine's default voice."""
    utterance: None = None
    """Belongs to no reading."""


@dataclass(frozen=True, kw_only=True)
class Started(Event):
    """Chunk `index` has begun to play: the sentence to highlight now (the sentence boundary)."""

    kind = "started"
    utterance: int
    """The reading it belongs to."""
    index: int
    """Which chunk of it is being heard."""


@dataclass(frozen=True, kw_only=True)
class Finished(Event):
    """The last chunk has played to the end."""

    kind = "finished"
    utterance: int
    """The reading that finished."""


@dataclass(frozen=True, kw_only=True)
class Saved(Event):
    """A `SynthToFile` job is done: the file is complete."""

    kind = "saved"
    utterance: int
    """The job."""
    path: str
    """The file written."""
    seconds: float
    """How long the audio lasts."""


@dataclass(frozen=True, kw_only=True)
class Stopped(Event):
    """Speech was stopped: by `Stop` (with its `seq`), or a file job cut short by a new command."""

    kind = "stopped"
    utterance: int | None = None
    """The reading that was stopped, or None if nothing was speaking."""
    seq: int | None = None
    """The `Stop` this answers, or None."""


class Failure(enum.StrEnum):
    """What kind of failure an `Error` reports: the client words it from this, never from the
    message (which is technical, and may be reworded or translated)."""

    SPEECH = "speech"
    """Anything else: the message says what."""
    NO_PLAYER = "no-player"
    """No audio player (pw-play, paplay or aplay) is installed."""
    PLAYER = "player"
    """The player ran and failed: `program` names it, `detail` is the last line it wrote."""


@dataclass(frozen=True, kw_only=True)
class Error(Event):
    """Something failed; the reading it belongs to (if any) is over."""

    kind = "error"
    message: str
    """What went wrong: from the worker, technical; from the client, one line in plain words."""
    failure: Failure = Failure.SPEECH
    """What kind of failure it is."""
    program: str = ""
    """The audio player that failed (for `Failure.PLAYER`): "paplay"."""
    detail: str = ""
    """The last line the player wrote, or its exit status (for `Failure.PLAYER`)."""
    fatal: bool = False
    """Speech cannot work here at all (the engine is missing); the worker exits after it."""
    utterance: int | None = None
    """The reading that failed, if any."""


@dataclass(frozen=True, kw_only=True)
class Pong(Event):
    """The answer to `Ping`."""

    kind = "pong"
    seq: int = 0
    """The `Ping`'s number."""
    utterance: None = None
    """Belongs to no reading."""


COMMANDS: dict[str, type[Command]] = {c.kind: c for c in (Speak, SynthToFile, Stop, Pause, Resume, Skip, Ping, Quit)}
"""Every command, by its name on the wire."""
EVENTS: dict[str, type[Event]] = {e.kind: e for e in (Ready, Started, Finished, Saved, Stopped, Error, Pong)}
"""Every event, by its name on the wire."""


def decode_command(line: bytes | str) -> Command:
    """The command on one line, or a ProtocolError saying what is wrong with it."""
    return _decode(line, "cmd", COMMANDS)


def decode_event(line: bytes | str) -> Event:
    """The event on one line, or a ProtocolError saying what is wrong with it."""
    return _decode(line, "event", EVENTS)


def _decode(line: bytes | str, tag: str, known: dict[str, type[SpeechMessage]]) -> SpeechMessage:
    try:
        data = json.loads(line)
    except ValueError as exc:  # json.JSONDecodeError and UnicodeDecodeError are both ValueErrors
        raise ProtocolError(f"not a JSON line ({exc})") from None
    if not isinstance(data, dict):
        raise ProtocolError(f"expected a JSON object, got {_name(data)}")
    kind = data.pop(tag, None)
    if not isinstance(kind, str):
        raise ProtocolError(f"no {tag!r} naming the message (one of: {', '.join(sorted(known))})")
    cls = known.get(kind)
    if cls is None:
        raise ProtocolError(f"unknown {tag} {kind!r} (expected one of: {', '.join(sorted(known))})")
    message = _build(cls, data, kind)
    assert isinstance(message, cls)
    return message


def _build(cls: type[Any], data: dict[str, Any], where: str) -> Any:
    """An instance of the dataclass `cls` from `data`, every field checked against its type."""
    hints = typing.get_type_hints(cls)
    names = {f.name for f in fields(cls)}
    unknown = sorted(set(data) - names)
    if unknown:
        raise ProtocolError(f"{where}: unknown field {unknown[0]!r} (fields: {', '.join(sorted(names)) or 'none'})")
    values: dict[str, Any] = {}
    for name in names & set(data):
        values[name] = _check(data[name], hints[name], f"{where}.{name}")
    try:
        return cls(**values)
    except TypeError as exc:  # a required field is missing
        missing = [f.name for f in fields(cls) if f.name not in values and f.default is MISSING]
        raise ProtocolError(f"{where}: missing field {', '.join(map(repr, missing))}") from exc


def _check(value: Any, hint: Any, where: str) -> Any:
    """`value` as the type `hint` asks for, or a ProtocolError naming the field."""
    origin = typing.get_origin(hint)
    if origin in (Union, types.UnionType):
        for option in typing.get_args(hint):
            try:
                return _check(value, option, where)
            except ProtocolError:
                continue
        raise _wrong(value, hint, where)
    if hint is type(None):
        if value is None:
            return None
        raise _wrong(value, hint, where)
    if origin is tuple:
        item = typing.get_args(hint)[0]
        if not isinstance(value, list):
            raise _wrong(value, hint, where)
        return tuple(_check(v, item, f"{where}[{i}]") for i, v in enumerate(value))
    if isinstance(hint, type) and is_dataclass(hint):
        if not isinstance(value, dict):
            raise _wrong(value, hint, where)
        return _build(hint, dict(value), where)
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        try:
            return hint(value)
        except ValueError:
            raise ProtocolError(f"{where}: expected one of {', '.join(repr(m.value) for m in hint)}, "
                                f"got {_name(value)} {json.dumps(value)[:40]}") from None
    if hint is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)  # JSON has one number type: 1 is a fine volume
    if hint in (int, float, str, bool) and type(value) is hint:
        return value  # `type() is`, not isinstance: True is not a number of chunks
    raise _wrong(value, hint, where)


def _wrong(value: Any, hint: Any, where: str) -> ProtocolError:
    if typing.get_origin(hint) is tuple:
        expected = f"array of {typing.get_args(hint)[0].__name__}"
    else:
        expected = getattr(hint, "__name__", None) or str(hint).replace(" | None", " or null")
    expected = "null" if hint is type(None) else expected
    return ProtocolError(f"{where}: expected {expected}, got {_name(value)} {json.dumps(value)[:40]}")


def _name(value: Any) -> str:
    """The JSON name of a value's type, as the sender wrote it."""
    names = {bool: "boolean", int: "number", float: "number", str: "string", list: "array", dict: "object"}
    return "null" if value is None else names.get(type(value), type(value).__name__)
