"""Read the files the guide trusts least (content, settings, saved state) without hanging or bloating.

Every one of those files can be edited, replaced or linked by the user, or by whoever gave them
a guide folder. `open()` on a FIFO waits for a writer forever; a link to /dev/zero or a huge file
reads until memory runs out; a TOML nesting bomb raises RecursionError; a key of thousands of
dotted parts takes tomllib minutes. So each file is opened with O_NONBLOCK (a FIFO opens at once),
checked with fstat to be a regular file, and read only up to a size cap; TOML is parsed with its
failures turned into one `TomlProblem`.

Reading raises OSError (FileNotFoundError for a missing file, `RefusedFile` for one that is not a
regular file or is too big), each with words in `strerror`, so callers that already say
`exc.strerror` need no change.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import tomllib
from pathlib import Path
from typing import Any

CONTENT_TOML_CAP = 256 * 1024
"""guide.toml and checklist.toml: the bundled ones are under 8 KB."""
SECTION_CAP = 128 * 1024
"""One section's Markdown file: the bundled ones are under 3 KB."""
SMALL_FILE_CAP = 64 * 1024
"""settings.toml and the saved checklist ticks: a few hundred bytes in use."""
MAX_KEY_PARTS = 100
"""Dotted parts in one TOML key (a.b.c is three): tomllib takes quadratic time in them."""

__all__ = [
    "CONTENT_TOML_CAP", "MAX_KEY_PARTS", "SECTION_CAP", "SMALL_FILE_CAP", "RefusedFile", "TomlProblem",
    "decode_text", "loads_toml", "read_regular_file", "read_toml",
]


class RefusedFile(OSError):
    """The path is there but is not a regular file, or is larger than its cap."""


def _kind(mode: int) -> str:
    """What a non-regular file is, in words."""
    for test, words in ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a device"),
                        (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder")):
        if test(mode):
            return words
    return "not a regular file"


def _size_words(cap: int) -> str:
    """A cap as people say it: 64 KB, 1 MB."""
    return f"{cap // (1024 * 1024)} MB" if cap >= 1024 * 1024 else f"{cap // 1024} KB"


def read_regular_file(path: Path, cap: int) -> bytes:
    """The bytes of `path`, which must be a regular file of at most `cap` bytes.

    Never blocks (a FIFO is refused, not waited on), never reads more than `cap` + 1 bytes (a file
    that grows while read, or a link to /dev/zero, is refused as too big). Symbolic links to a
    regular file are followed: a settings file kept in a dotfiles folder is a normal set-up.
    """
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOCTTY", 0)
    fd = os.open(path, flags)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise RefusedFile(errno.EINVAL, f"{_kind(mode)}, not a regular file", str(path))
        if os.fstat(fd).st_size > cap:
            raise RefusedFile(errno.EFBIG, f"larger than the {_size_words(cap)} limit", str(path))
        # Back to blocking reads: a regular file never waits, and some file systems refuse
        # non-blocking reads with EAGAIN.
        os.set_blocking(fd, True)
        chunks: list[bytes] = []
        total = 0
        while total <= cap:
            chunk = os.read(fd, min(65536, cap + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > cap:
            raise RefusedFile(errno.EFBIG, f"larger than the {_size_words(cap)} limit", str(path))
        return b"".join(chunks)
    finally:
        os.close(fd)


class TomlProblem(ValueError):
    """A TOML file that cannot be used: not UTF-8, not TOML, nested too deep or keyed too long."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message if line is None else f"{message} (line {line})")
        self.message = message
        """What is wrong, in words, without the line."""
        self.line = line
        """The 1-based line it is on, when known."""


_PART = r"""(?:[A-Za-z0-9_-]+|"[^"\n]{0,200}"|'[^'\n]{0,200}')"""
_LONG_KEY = re.compile(rf"(?:{_PART}[ \t]*\.[ \t]*){{{MAX_KEY_PARTS},}}")
"""A run of more than MAX_KEY_PARTS dotted key parts, found before tomllib spends minutes on it."""


def loads_toml(text: str) -> dict[str, Any]:
    """Parse TOML text; every failure, including recursion and memory, is one `TomlProblem`."""
    long_key = _LONG_KEY.search(text)
    if long_key:
        line = text.count("\n", 0, long_key.start()) + 1
        raise TomlProblem(f"a key with more than {MAX_KEY_PARTS} dotted parts", line)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # tomllib says "... (at line 3, column 7)"; keep its words, lift the line out.
        message, _, tail = str(exc).rpartition(" (at line ")
        number = tail.split(",")[0].rstrip(")")
        if message and number.isdigit():
            raise TomlProblem(message, int(number)) from None
        raise TomlProblem(str(exc)) from None
    except RecursionError:
        raise TomlProblem("arrays or tables nested too deeply") from None
    except MemoryError:
        raise TomlProblem("too large to read") from None


def decode_text(raw: bytes) -> str:
    """UTF-8 text (a byte-order mark first is allowed); a bad byte is a `TomlProblem` naming its line."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise TomlProblem(f"not UTF-8 text (byte {exc.start}); save the file as UTF-8", line) from None


def read_toml(path: Path, cap: int = SMALL_FILE_CAP) -> dict[str, Any]:
    """Read and parse a TOML file safely.

    Raises FileNotFoundError if it is missing, another OSError (`RefusedFile` included) if it
    cannot be read, and `TomlProblem` if its bytes are not usable TOML.
    """
    return loads_toml(decode_text(read_regular_file(path, cap)))
