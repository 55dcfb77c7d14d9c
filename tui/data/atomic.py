"""Write files atomically: a temp file in the same folder, fsync, then rename over the target.

A reader (or a crash, or a SIGHUP from a dropped SSH link) never sees half a file. A kill
between creating the temp file and renaming it leaves the temp file behind, so its name carries
the writer's process id (`.settings.toml.1234.k3j9x_ab.tmp`) and `remove_stale_temps` clears,
at the next start, those whose writer is gone or that are over a minute old.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
import time
from pathlib import Path

STALE_AFTER = 60.0
"""Seconds after which a temp file is stale whoever wrote it: a write takes milliseconds."""

_TEMP_NAME = re.compile(r"^\..+?\.(?:(?P<pid>\d+)\.)?[a-z0-9_]{8}\.tmp$")
"""`.NAME.PID.XXXXXXXX.tmp` as written here, or `.NAME.XXXXXXXX.tmp` as older versions wrote."""


def write_target(path: Path) -> Path:
    """The file a write to `path` should replace.

    A symbolic link to a regular file is written through, so a settings file linked from a
    dotfiles folder stays a link and its target gets the new text. A link to anything else (a
    device such as /dev/zero, a FIFO, nothing) is replaced itself: renaming over a device node
    would replace the device.
    """
    if not path.is_symlink():
        return path
    target = Path(os.path.realpath(path))
    try:
        regular = stat.S_ISREG(os.stat(target).st_mode)
    except OSError:
        regular = False
    return target if regular else path


def write_text_atomic(path: Path, text: str) -> None:
    """Write `text` to `path` so that `path` holds either the old or the new text, never part."""
    path = write_target(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise


def pid_alive(pid: int) -> bool:
    """Whether a process with this id exists (one of another user counts as alive)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale_temps(folder: Path, now: float | None = None) -> list[Path]:
    """Remove the temp files a killed writer left in `folder`; return what was removed.

    A temp file is stale when its writer's process is gone or it is older than STALE_AFTER
    seconds; another running copy's temp file, seconds old, is left alone. Only names this
    module writes are touched, and nothing is raised: tidying never stops the guide.
    """
    now = time.time() if now is None else now
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        found = _TEMP_NAME.match(entry.name)
        if not found:
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            old = now - entry.stat(follow_symlinks=False).st_mtime > STALE_AFTER
            pid = found.group("pid")
            gone = pid is not None and not pid_alive(int(pid))
            if old or gone:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def keep_backup(path: Path) -> Path:
    """Move a bad file aside as `<name>.bad-N` so the user loses nothing, and return the new path."""
    number = 1
    while True:
        backup = path.with_name(f"{path.name}.bad-{number}")
        if not backup.exists():
            os.replace(path, backup)
            return backup
        number += 1
