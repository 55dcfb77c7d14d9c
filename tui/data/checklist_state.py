"""Remember which checklist items the reader ticked, across runs and across modes.

The ticks live in `checklist.toml` in platformdirs' user state folder for "spasm-guide" (so
`XDG_STATE_HOME` moves it). Both the full-screen checklist and the numbered prompts read and
write this one file, so a reader can start in one and finish in the other.

Every change is written at once, atomically: a dropped SSH link (SIGHUP) or a closed window
never loses a tick already made, and never leaves half a file. A file that cannot be read never
stops the guide: it is kept as a backup, the checklist starts empty and one line says so.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs
import tomli_w

from tui.data.atomic import keep_backup, write_text_atomic
from tui.data.checklist import Checklist
from tui.data.sanitize import clean_line
from tui.data.settings import APP_NAME

STATE_FILE = "checklist.toml"
"""The state file's name inside the user state folder."""

FORMAT_VERSION = 1
"""Written into the file so that a later format can tell an old file from a broken one."""


@dataclass(frozen=True)
class LoadedState:
    """The ticks read from disk, and what (if anything) the reader should be told about them."""

    checked: frozenset[str]
    """Ticked item ids that the checklist knows."""
    message: str | None
    """One line to show if the file was set aside or had unknown ids; None if all was well."""


def state_path() -> Path:
    """Where this user's ticks are kept."""
    return Path(platformdirs.user_state_dir(APP_NAME)) / STATE_FILE


def _ids_from(data: dict[str, Any]) -> list[str] | None:
    """The `checked` list if the data has the right shape, else None."""
    value = data.get("checked")
    if not isinstance(value, list) or not all(isinstance(entry, str) for entry in value):
        return None
    return value


def load_state(checklist: Checklist, path: Path | None = None) -> LoadedState:
    """Read the saved ticks; a missing file is an empty checklist, a bad one is set aside."""
    path = path or state_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return LoadedState(frozenset(), None)
    except OSError as exc:
        return LoadedState(frozenset(), f"{path}: cannot read your saved checklist ({exc.strerror}); starting empty.")
    ids: list[str] | None = None
    why = "wrong format"
    try:
        ids = _ids_from(tomllib.loads(raw.decode("utf-8")))
    except UnicodeDecodeError:
        why = "not UTF-8 text"
    except tomllib.TOMLDecodeError as exc:
        why = clean_line(str(exc))
    if ids is None:
        try:
            backup = keep_backup(path)
        except OSError as exc:
            return LoadedState(frozenset(), f"{path}: saved checklist unreadable ({why}) and could not be moved "
                                            f"aside ({exc.strerror}); starting empty.")
        return LoadedState(frozenset(), f"{path}: saved checklist unreadable ({why}); starting empty, "
                                        f"kept it as {backup.name}.")
    known = set(checklist.ids)
    unknown = sorted({clean_line(entry) for entry in ids if entry not in known})
    checked = frozenset(entry for entry in ids if entry in known)
    if unknown:
        # Likely a saved list from another version of the guide: the rest still counts.
        shown = ", ".join(unknown[:3]) + (" ..." if len(unknown) > 3 else "")
        noun = "item" if len(unknown) == 1 else "items"
        return LoadedState(checked, f"{path}: dropped {len(unknown)} saved {noun} this checklist does not have "
                                    f"({shown}).")
    return LoadedState(checked, None)


def state_text(checked: Iterable[str], checklist: Checklist | None = None) -> str:
    """The file's text: ids in list order when the checklist is given (stable diffs), else sorted."""
    wanted = set(checked)
    if checklist is not None:
        ordered = [item_id for item_id in checklist.ids if item_id in wanted]
        ordered += sorted(wanted - set(ordered))
    else:
        ordered = sorted(wanted)
    return tomli_w.dumps({"version": FORMAT_VERSION, "checked": ordered})


def save_state(checked: Iterable[str], path: Path | None = None, checklist: Checklist | None = None) -> Path:
    """Write the ticks atomically and return where; OSError is left to the caller to report."""
    path = path or state_path()
    write_text_atomic(path, state_text(checked, checklist))
    return path


def toggle(checked: frozenset[str], item_id: str) -> frozenset[str]:
    """The ticks with `item_id` flipped: ticked becomes unticked and back."""
    return checked - {item_id} if item_id in checked else checked | {item_id}


def clear_state(path: Path | None = None) -> None:
    """Forget every tick: remove the file (a missing file is already clear)."""
    path = path or state_path()
    path.unlink(missing_ok=True)
