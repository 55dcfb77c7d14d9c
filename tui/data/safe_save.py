"""Saving a file where a reader asked: a summary for a doctor, or the guide as a WAV file.

The path a reader types is checked before anything is written (`check_target`):

- its folder must exist: the guide creates none the reader did not ask for, except its own
  data folder, where it offers to save (`own_folder`);
- no folder on the way may be a symbolic link another user made (a link of the reader's own, or
  of the system's, is fine): the path is read as typed, never resolved with realpath first, so
  a link planted in /tmp cannot send the summary over the reader's ~/.profile;
- the name itself must be a regular file, a link, or nothing; a file that is there already is
  replaced only when the reader said yes (`write_new(..., replace=True)`), and a link in its
  place is then replaced itself, never written through;
- on the hosted account (a reader over SSH) only the guide's own data folder may be used, so a
  reader can write nothing anywhere else the account can.

The write itself is a temp file in the same folder (mode 600), then a rename, or a hard link
when nothing may be replaced (so a file that appeared meanwhile is not replaced either).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Mapping
from pathlib import Path

from tui.data.words import _

__all__ = ["SaveProblem", "check_target", "exists", "hosted", "own_folder", "write_new"]


class SaveProblem(Exception):
    """Why a file cannot be saved at the path given, in words for the reader."""


def own_folder() -> Path:
    """The guide's own data folder (XDG_DATA_HOME/spasm-guide): summaries and audio go here."""
    import platformdirs

    from tui.data.settings import APP_NAME

    return Path(platformdirs.user_data_dir(APP_NAME))


def hosted(env: Mapping[str, str] | None = None) -> bool:
    """True for a reader over SSH (the hosted account of docs/hosting.md)."""
    env = os.environ if env is None else env
    return any(env.get(name) for name in ("SSH_CONNECTION", "SSH_CLIENT", "SSH_TTY"))


def exists(path: Path) -> bool:
    """Whether anything (a file, a link, even a broken one) has this name."""
    return os.path.lexists(path)


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
    except ValueError:
        return False
    return True


def check_target(path: Path, shown: str | None = None, confined: bool | None = None) -> Path:
    """The absolute path to save at, after every check above; SaveProblem says why not.

    `shown` is how the path is named in the message (default: as given). `confined` (default:
    `hosted()`) keeps the path inside `own_folder()`.
    """
    name = shown or str(path)
    path = Path(os.path.abspath(os.path.expanduser(path)))  # no realpath: links are looked at, not followed
    own = Path(os.path.abspath(own_folder()))
    if (hosted() if confined is None else confined) and not _inside(path.parent, own):
        raise SaveProblem(_("{path}: over SSH the guide saves only in its own folder, {folder}").format(
            path=name, folder=own))
    if _inside(path.parent, own) and not os.path.lexists(path.parent):
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)  # the guide's own, offered to the reader
    me = os.getuid()
    for folder in reversed(path.parents):
        try:
            info = os.lstat(folder)
        except FileNotFoundError:
            said = _("{path}: the folder {folder} does not exist").format(path=name, folder=folder)
            raise SaveProblem(said) from None
        except OSError as exc:
            raise SaveProblem(_("{path}: the folder {folder} cannot be used ({reason})").format(
                path=name, folder=folder, reason=exc.strerror)) from None
        if stat.S_ISLNK(info.st_mode) and info.st_uid not in (me, 0):
            raise SaveProblem(_("{path}: {folder} is a link made by another user; choose another place").format(
                path=name, folder=folder))
    try:
        target = os.lstat(path)
    except FileNotFoundError:
        return path
    if not (stat.S_ISREG(target.st_mode) or stat.S_ISLNK(target.st_mode)):
        raise SaveProblem(_("{path}: not a file (a folder or a device)").format(path=name))
    return path


def write_new(path: Path, data: bytes, replace: bool = False) -> Path:
    """Write `data` at `path` (checked with `check_target`), atomically; return `path`.

    Without `replace`, FileExistsError if anything has the name by then. With it, whatever has
    the name is replaced: a link itself, never its target.
    """
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        place(Path(tmp_name), path, replace)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
    return path


def place(tmp: Path, path: Path, replace: bool) -> None:
    """Give the finished temp file `tmp` its name `path` (see `write_new`)."""
    if replace:
        os.replace(tmp, path)
        return
    try:
        os.link(tmp, path, follow_symlinks=False)
    except OSError as exc:
        if exc.errno == errno.EEXIST:
            raise FileExistsError(errno.EEXIST, _("already exists"), str(path)) from None
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK):
            raise
        # A file system without hard links: the check and the rename, as close together as can be.
        if os.path.lexists(path):
            raise FileExistsError(errno.EEXIST, _("already exists"), str(path)) from None
        os.replace(tmp, path)
