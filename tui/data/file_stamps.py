"""What a cached rendering was made from, and reading a small cache file, in stdlib `os` alone.

Shared by the instant `--plain` path (tui/plain/fast.py) and the early start screen
(tui/output/early_paint.py): both run before anything else is imported, so nothing here may
import more than `os` and `stat` (and the one lookup of the bundled folder).
"""

from __future__ import annotations

import os
import stat

from tui.data.bundled import LANGUAGE_VARIABLES, bundled_folders, catalogue_files


def user_dir(variable: str, fallback: str) -> str:
    """platformdirs' Linux rule for a user folder (tested to agree with platformdirs)."""
    base = os.environ.get(variable, "").strip() or os.path.expanduser(fallback)
    return os.path.join(base, "spasm-guide")


def stats(names: list[str]) -> str:
    """Each file's name, size and modification time (OSError if one is missing)."""
    out = []
    for name in names:
        info = os.stat(name)
        out.append(f"{name}:{info.st_size}:{info.st_mtime_ns}")
    return "|".join(out)


def inputs_key(code: list[str], folders: list[str] | None = None) -> str | None:
    """The name, size and time of each `code` file, of every file of the guides (every bundled
    guide unless `folders` are given: the language, and so the guide, is chosen from the settings
    and the environment, both also in the key) and of the settings file (or that there is none):
    what a cached rendering was made from. None if one cannot be read. Shared by the --plain cache
    and the early start screen's."""
    folders = folders or bundled_folders()
    try:
        # Every TOML file of the guide (About lists the checklist's sources too), every section.
        names = list(code) + catalogue_files()  # the interface's words in each language
        for one in folders:
            names += sorted(entry.path for entry in os.scandir(one) if entry.name.endswith(".toml"))
            names += sorted(entry.path for entry in os.scandir(os.path.join(one, "sections")))
        parts = [stats(names)]
    except OSError:
        return None
    try:
        info = os.stat(os.path.join(user_dir("XDG_CONFIG_HOME", "~/.config"), "settings.toml"))
        parts.append(f"settings:{info.st_size}:{info.st_mtime_ns}")
    except FileNotFoundError:
        parts.append("settings:none")
    except OSError:
        return None
    # The variables that choose the language when the settings do not (the guide and the words).
    parts.append("language:" + ",".join(f"{name}={os.environ.get(name, '')}" for name in LANGUAGE_VARIABLES))
    return "|".join(parts)


CACHE_CAP = 4 * 1024 * 1024
"""A cache holds one rendering (tens of KB): anything bigger is not ours."""


def read_small_regular_file(name: str) -> bytes | None:
    """A cache file's bytes, or None if it is missing, not a regular file or too big.

    The same rule as tui/data/safe_read.py, in stdlib only: a FIFO put in its place must not
    hang `--plain`, a link to /dev/zero must not fill memory.
    """
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > CACHE_CAP:
            return None
        os.set_blocking(fd, True)
        chunks = []
        total = 0
        while chunk := os.read(fd, 65536):
            chunks.append(chunk)
            total += len(chunk)
            if total > CACHE_CAP:
                return None
        return b"".join(chunks)
    except OSError:
        return None
    finally:
        os.close(fd)
