"""Write files atomically: a temp file in the same folder, fsync, then rename over the target.

A reader (or a crash, or a SIGHUP from a dropped SSH link) never sees half a file.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_text_atomic(path: Path, text: str) -> None:
    """Write `text` to `path` so that `path` holds either the old or the new text, never part."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
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


def keep_backup(path: Path) -> Path:
    """Move a bad file aside as `<name>.bad-N` so the user loses nothing, and return the new path."""
    number = 1
    while True:
        backup = path.with_name(f"{path.name}.bad-{number}")
        if not backup.exists():
            os.replace(path, backup)
            return backup
        number += 1
