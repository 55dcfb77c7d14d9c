"""Limits a host sets for its readers (docs/scale-out.md): readers at once, and idle time.

A host that is full must say so in one line and let the reader go, never leave them on a
frozen screen; a reader who walked away must be warned before their session is closed. The host
sets both with environment variables (sshd's `SetEnv` in the account's Match block); with none
set, there is no limit, which is right for a person running the guide on their own machine.

Readers at once are counted with locks, not a counter file: each reader holds an exclusive
`flock` on one of N seat files in a folder. The kernel drops the lock when the process ends,
however it ends (a dropped connection, a kill), so a seat is never left taken by someone who
has gone. No Textual here: this runs before the app is imported.
"""

from __future__ import annotations

import fcntl
import math
import os
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

MAX_READERS_ENV = "SPASM_GUIDE_MAX_READERS"
"""Readers at once on this host (unset: no limit)."""
READERS_DIR_ENV = "SPASM_GUIDE_READERS_DIR"
"""The folder of seat files, shared by every account on the host (unset: this account's own)."""
HOST_ENV = "SPASM_GUIDE_HOST"
"""The host name readers type, for the busy line (behind HAProxy the guide cannot tell it)."""
IDLE_WARN_ENV = "SPASM_GUIDE_IDLE_WARN_MINUTES"
"""Minutes without a key before the reader is warned (unset: never)."""
IDLE_CLOSE_ENV = "SPASM_GUIDE_IDLE_CLOSE_MINUTES"
"""Minutes after the warning before the guide closes."""
DEFAULT_CLOSE_MINUTES = 5.0
"""When only the warning is set."""

ONE_SHOT = ("--plain", "--speak-to", "--version", "--help", "-h")
"""Options that print and leave: such a run takes no seat and is never refused."""
BUSY_STATUS = 75
"""EX_TEMPFAIL (sysexits.h): try again later."""

_seats: list[int] = []
"""Open seat files whose locks this process holds, kept open (so locked) until it ends."""


class LimitError(ValueError):
    """A host's setting that cannot be used; the message is the one line to say."""


@dataclass(frozen=True)
class HostLimits:
    """What the host set, read from the environment."""

    max_readers: int | None = None
    """Readers at once, or None for no limit."""
    readers_dir: Path = field(default_factory=Path)
    """Where the seat files are."""
    host: str = ""
    """The name readers type to reach the guide ("" if the host did not say)."""
    idle_warn_seconds: float | None = None
    """Seconds without a key before the warning, or None for never."""
    idle_close_seconds: float = DEFAULT_CLOSE_MINUTES * 60
    """Seconds from the warning to the close."""


def _number(env: Mapping[str, str], name: str, whole: bool) -> float | None:
    """A positive number from `env[name]`, None if unset or empty; LimitError naming it if bad."""
    text = env.get(name, "").strip()
    if not text:
        return None
    try:
        value = int(text) if whole else float(text)
    except ValueError:
        value = -1
    if not value > 0 or not math.isfinite(value):
        kind = "a whole number from 1" if whole else "a number of minutes above 0"
        raise LimitError(f"{name}={text[:40]!r}: give {kind} (set by the host, in sshd's SetEnv)")
    return value


def default_readers_dir(env: Mapping[str, str]) -> Path:
    """This account's own seat folder: its runtime folder, else the temporary folder."""
    runtime = env.get("XDG_RUNTIME_DIR", "")
    if runtime and os.path.isabs(runtime):
        return Path(runtime) / "spasm-guide"
    return Path(tempfile.gettempdir()) / f"spasm-guide-{os.getuid()}"


def read_limits(env: Mapping[str, str]) -> HostLimits:
    """The host's limits from the environment; LimitError (one line) for a bad value."""
    readers = _number(env, MAX_READERS_ENV, whole=True)
    warn = _number(env, IDLE_WARN_ENV, whole=False)
    close = _number(env, IDLE_CLOSE_ENV, whole=False)
    folder = env.get(READERS_DIR_ENV, "").strip()
    return HostLimits(
        max_readers=None if readers is None else int(readers),
        readers_dir=Path(folder) if folder else default_readers_dir(env),
        host=env.get(HOST_ENV, "").strip(),
        idle_warn_seconds=None if warn is None else warn * 60,
        idle_close_seconds=(DEFAULT_CLOSE_MINUTES if close is None else close) * 60,
    )


def takes_a_seat(argv: Sequence[str]) -> bool:
    """Whether a run with these arguments stays with the reader (and so counts)."""
    return not any(arg in ONE_SHOT or arg.startswith("--speak-to=") for arg in argv)


def take_seat(folder: Path, seats: int) -> int | None:
    """Lock a free seat file in `folder` (seat-0 ... seat-N-1); its descriptor, or None if all taken.

    The file is opened read-only (enough for flock), so seats made by one account can be taken
    by another in a shared folder (mode 1777); close-on-exec, so a program the guide starts
    does not keep the seat after the guide ends.
    """
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    for number in range(seats):
        try:
            fd = os.open(folder / f"seat-{number}", os.O_RDONLY | os.O_CREAT | os.O_CLOEXEC, 0o644)
        except PermissionError:
            continue  # a seat file another account made unreadable: not ours to use
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            continue
        return fd
    return None


def busy_line(limits: HostLimits, env: Mapping[str, str]) -> str:
    """The one line a reader gets when every seat is taken: what happened and what to do."""
    import pwd

    # SSH_CONNECTION is "client-address client-port server-address server-port".
    connection = env.get("SSH_CONNECTION", "").split()
    host = limits.host or (connection[2] if len(connection) == 4 else "this-host")
    user = pwd.getpwuid(os.getuid()).pw_name
    from tui.data.words import _

    return _("The guide is busy. Try again in a minute, or read it as plain text: {command}").format(
        command=f"ssh {user}@{host} plain")


def claim_seat(argv: Sequence[str], env: Mapping[str, str]) -> tuple[str, int] | None:
    """Before anything is shown: None to go on, or (the one line to say, the exit status).

    A seat taken here is held until the process ends.
    """
    try:
        limits = read_limits(env)
    except LimitError as exc:
        return f"spasm-guide: {exc}", 2
    if limits.max_readers is None or not takes_a_seat(argv):
        return None
    try:
        fd = take_seat(limits.readers_dir, limits.max_readers)
    except OSError as exc:
        from tui.data.words import _

        said = _("cannot use {folder} ({reason})").format(folder=limits.readers_dir, reason=exc.strerror or exc)
        return f"spasm-guide: {READERS_DIR_ENV}: {said}", 2
    if fd is None:
        return busy_line(limits, env), BUSY_STATUS
    _seats.append(fd)
    return None


@dataclass
class IdleClock:
    """When a reader who presses nothing is warned, and when their guide is closed."""

    warn_after: float
    """Seconds without a key before the warning."""
    close_after: float
    """Seconds from the warning to the close."""
    last_key: float
    """When the last key was pressed (the clock's own time base)."""
    warned_at: float | None = None
    """When the warning was given, if it stands."""

    def key_pressed(self, now: float) -> bool:
        """A key: the reader is here. True if a warning was standing (it can be taken away)."""
        self.last_key = now
        warned, self.warned_at = self.warned_at is not None, None
        return warned

    def due(self, now: float) -> str:
        """"warn" once when the warning is due, "close" when the close is, else ""."""
        if self.warned_at is None:
            if now - self.last_key >= self.warn_after:
                self.warned_at = now
                return "warn"
            return ""
        return "close" if now - self.warned_at >= self.close_after else ""

    def warning(self) -> str:
        """The warning, in words that read well aloud (no symbols, no abbreviations)."""
        from tui.data.words import _

        return _("No key pressed for {idle}. The guide will close in {left} unless you press a key. Your checklist "
                 "is saved.").format(idle=minutes(self.warn_after), left=minutes(self.close_after))

    def closing(self) -> str:
        """Said on the normal screen after the close."""
        from tui.data.words import _

        return _("The guide closed after {time} with no key pressed.").format(
            time=minutes(self.warn_after + self.close_after))


def minutes(seconds: float) -> str:
    """"1 minute", "5 minutes", "30 seconds": a duration as it is said."""
    from tui.data.words import ngettext  # here: the host's seat is claimed before the words are needed

    if seconds < 60:
        whole = max(1, round(seconds))
        return ngettext("{count} second", "{count} seconds", whole).format(count=whole)
    whole = round(seconds / 60)
    return ngettext("{count} minute", "{count} minutes", whole).format(count=whole)


def idle_clock(env: Mapping[str, str], now: float) -> IdleClock | None:
    """The clock the host asked for, or None (none asked, or a setting the start already refused)."""
    try:
        limits = read_limits(env)
    except LimitError:
        return None
    if limits.idle_warn_seconds is None:
        return None
    return IdleClock(limits.idle_warn_seconds, limits.idle_close_seconds, now)
