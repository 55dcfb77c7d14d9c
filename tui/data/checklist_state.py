"""Remember which checklist items the reader chose, when, and their answers for a doctor.

The state lives in `checklist.toml` in platformdirs' user state folder for "spasm-guide" (so
`XDG_STATE_HOME` moves it). Both the full-screen checklist and the numbered prompts read and
write this one file, so a reader can start in one and finish in the other, and two copies of
the guide (two SSH sessions of one account) share it: every change is made under a lock to
what is on disk at that moment (`locked`), never to a copy read earlier.

Every change is written at once, atomically: a dropped SSH link (SIGHUP) or a closed window
never loses a choice already made, and never leaves half a file. A file that cannot be read
never stops the guide: it is kept as a backup, the checklist starts empty and one line says so.
"""

from __future__ import annotations

import contextlib
import datetime
import fcntl
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs
import tomli_w

from tui.data.atomic import keep_backup, write_text_atomic
from tui.data.checklist import Checklist
from tui.data.dates import date_in_words
from tui.data.safe_read import SMALL_FILE_CAP, RefusedFile, TomlProblem, decode_text, loads_toml, read_regular_file
from tui.data.sanitize import clean_line
from tui.data.settings import APP_NAME
from tui.data.words import _, current_language, ngettext

STATE_FILE = "checklist.toml"
"""The state file's name inside the user state folder."""

FORMAT_VERSION = 2
"""Version 2 keeps the time of each choice; version 1 (a bare list of ids) is still read."""

MAX_STATE_BYTES = SMALL_FILE_CAP
"""A state file larger than this is not the guide's: it is set aside unread."""

MAX_ANSWER_CHARS = 500
"""An answer for the doctor is cut to this many characters: a page, not a paste of a file."""


@dataclass
class SavedState:
    """What is on disk: when each item was chosen, and the answers for a doctor."""

    ticks: dict[str, datetime.datetime] = field(default_factory=dict)
    """Item id to the time it was chosen (aware, so a change of time zone cannot move a day)."""
    answers: dict[str, str] = field(default_factory=dict)
    """Question id to the reader's answer; only answered questions are kept."""


@dataclass(frozen=True)
class LoadedState:
    """The state read from disk, and what (if anything) the reader should be told about it."""

    state: SavedState
    """Choices the checklist knows, and answers."""
    message: str | None
    """One line to show if the file was set aside or had unknown ids; None if all was well."""


def state_path() -> Path:
    """Where this user's choices are kept."""
    return Path(platformdirs.user_state_dir(APP_NAME)) / STATE_FILE


def now() -> datetime.datetime:
    """The local time, with its offset: the time stored with a new choice."""
    return datetime.datetime.now().astimezone()


EARLIEST = datetime.datetime(1970, 1, 2, tzinfo=datetime.UTC)
"""No choice was made before this: an earlier stored time is not one the guide wrote."""
LATEST_AHEAD = datetime.timedelta(days=2)
"""A stored time this far past now is not one the guide wrote either (a clock may be a day off)."""


def _when(value: Any, fallback: datetime.datetime, odd: list[Any] | None = None) -> datetime.datetime | None:
    """A stored time as an aware datetime; None if the value is not a time at all.

    A time out of range (0001-01-01, or 9999-12-31T23:59:59-12:00, which is past the last year
    Python can hold once moved to UTC) is not the guide's: the file's own time stands for it, as
    for a version 1 file, and the value is added to `odd`. Computing with it raised ValueError or
    OverflowError at every start.
    """
    if isinstance(value, datetime.datetime):
        when = value
    elif isinstance(value, datetime.date):
        when = datetime.datetime.combine(value, datetime.time(12))
    else:
        return fallback if value is True else None
    try:
        when = when.astimezone() if when.tzinfo is None else when
        in_range = EARLIEST <= when.astimezone(datetime.UTC) <= now() + LATEST_AHEAD
        when.astimezone()  # shown in local time: that must work too
    except (ValueError, OverflowError, OSError):
        in_range = False
    if not in_range and odd is not None:
        odd.append(value)
    return when if in_range else fallback


def file_time(path: Path) -> datetime.datetime:
    """When the file was last written, as an aware time; now, if that is out of range."""
    try:
        when = datetime.datetime.fromtimestamp(path.stat().st_mtime).astimezone()
    except (ValueError, OverflowError):  # a file touched to the year 9999, say
        return now()
    return when if EARLIEST <= when <= now() + LATEST_AHEAD else now()


def _parse(data: dict[str, Any], mtime: datetime.datetime, odd: list[Any] | None = None) -> SavedState | None:
    """The state if the data has a shape the guide wrote, else None; times out of range go in `odd`."""
    state = SavedState()
    if "checked" in data:  # version 1: ids only, so the file's own time stands for each.
        ids = data["checked"]
        if not isinstance(ids, list) or not all(isinstance(entry, str) for entry in ids):
            return None
        state.ticks = dict.fromkeys(ids, mtime)
    ticks = data.get("ticks", {})
    answers = data.get("answers", {})
    if not isinstance(ticks, dict) or not isinstance(answers, dict):
        return None
    for item_id, value in ticks.items():
        when = _when(value, mtime, odd)
        if when is None:
            return None
        state.ticks[item_id] = when
    state.answers = {key: clean_line(value)[:MAX_ANSWER_CHARS] for key, value in answers.items()
                     if isinstance(value, str) and clean_line(value)}
    return state


def _set_aside(path: Path, why: str) -> LoadedState:
    """Keep an unreadable file as a backup and start empty, saying so in one line."""
    try:
        backup = keep_backup(path)
    except OSError as exc:
        return LoadedState(SavedState(), _("{path}: saved checklist unreadable ({why}) and could not be moved "
                                           "aside ({reason}); starting empty.").format(
            path=path, why=why, reason=exc.strerror))
    return LoadedState(SavedState(), _("{path}: saved checklist unreadable ({why}); starting empty, kept it as "
                                       "{backup}.").format(path=path, why=why, backup=backup.name))


def _times_out_of_range(path: Path, state: SavedState, odd: list[Any], mtime: datetime.datetime) -> LoadedState:
    """Ticks whose saved time no clock could have written: they count from the file's own time,
    and the file as it was is kept aside before the next tick replaces it, saying so once."""
    shown = clean_line(str(odd[0]))[:40]
    what = ngettext("a saved time", "{count} saved times", len(odd)).format(count=len(odd))
    when = date_in_words(mtime.date(), current_language())
    try:
        backup = keep_backup(path)
    except OSError as exc:
        return LoadedState(state, _("{path}: {what} out of range ({shown}), read as {when}; the file could not "
                                    "be kept aside ({reason}).").format(
            path=path, what=what, shown=shown, when=when, reason=exc.strerror))
    return LoadedState(state, _("{path}: {what} out of range ({shown}), read as {when}; kept the file as "
                                "{backup}.").format(path=path, what=what, shown=shown, when=when, backup=backup.name))


def load_state(checklist: Checklist, path: Path | None = None) -> LoadedState:
    """Read the saved state; a missing file is an empty checklist, a bad one is set aside."""
    path = path or state_path()
    try:
        # Without blocking, and only a regular file: a FIFO or /dev/zero in its place is refused.
        raw = read_regular_file(path, MAX_STATE_BYTES)
        mtime = file_time(path)
    except FileNotFoundError:
        return LoadedState(SavedState(), None)
    except RefusedFile as exc:
        return _set_aside(path, exc.strerror or _("not a regular file"))
    except OSError as exc:
        # Unreadable (its permissions, say): moved aside now, or the next tick would replace it.
        return _set_aside(path, exc.strerror or _("cannot be read"))
    state: SavedState | None = None
    why = _("wrong format")
    odd: list[Any] = []
    try:
        state = _parse(loads_toml(decode_text(raw)), mtime, odd)
    except TomlProblem as exc:
        why = clean_line(exc.message)
    if state is None:
        return _set_aside(path, why)
    known = set(checklist.ids)
    unknown = sorted({clean_line(entry) for entry in state.ticks if entry not in known})
    state.ticks = {key: value for key, value in state.ticks.items() if key in known}
    if odd:
        return _times_out_of_range(path, state, odd, mtime)
    if unknown:
        # Likely a saved list from another version of the guide: the rest still counts.
        shown = ", ".join(unknown[:3]) + (" ..." if len(unknown) > 3 else "")
        return LoadedState(state, ngettext("{path}: dropped {count} saved item this checklist does not have "
                                           "({shown}).", "{path}: dropped {count} saved items this checklist does "
                                           "not have ({shown}).", len(unknown)).format(
            path=path, count=len(unknown), shown=shown))
    return LoadedState(state, None)


def state_text(state: SavedState, checklist: Checklist | None = None) -> str:
    """The file's text: ids in list order when the checklist is given (stable diffs), else sorted."""
    order = {item_id: index for index, item_id in enumerate(checklist.ids)} if checklist else {}
    ids = sorted(state.ticks, key=lambda item_id: (order.get(item_id, len(order)), item_id))
    data: dict[str, Any] = {"version": FORMAT_VERSION,
                            "ticks": {item_id: state.ticks[item_id].replace(microsecond=0) for item_id in ids}}
    if state.answers:
        data["answers"] = dict(sorted(state.answers.items()))
    return tomli_w.dumps(data)


def save_state(state: SavedState, path: Path | None = None, checklist: Checklist | None = None) -> Path:
    """Write the state atomically and return where; OSError is left to the caller to report."""
    path = path or state_path()
    write_text_atomic(path, state_text(state, checklist))
    return path


def signature(path: Path) -> tuple[int, int, int] | None:
    """What changes when anyone writes the file (time, size, inode); None when there is none."""
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size, info.st_ino)


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock beside the state file while reading, changing and writing it.

    Two copies of the guide that change the checklist at the same moment take turns, so each
    change is applied to the other's. A folder where no lock file can be made still works,
    unlocked: saving matters more than the rare race.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path.with_name(f".{path.name}.lock"), os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o600)
    except OSError:
        yield
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)
