"""Writing settings back into the user's own settings.toml, with its comments and order kept.

The README invites hand edits (a `[keys]` table, notes to oneself); a change made in the guide's
Settings screen must not throw them away. So the file is read as a tomlkit document (which keeps
comments, blank lines and order) and only the values that changed are set in it. What the
loader refused (an unknown key, a binding id the guide does not have) is left out: it was said,
and kept in a `.bad-N` copy, once; written back, it would be copied aside again on every save.
A file that cannot be read or parsed is written afresh (the loader kept a copy of it).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.exceptions import TOMLKitError
from tomlkit.items import Table

from tui.data.safe_read import SMALL_FILE_CAP, TomlProblem, decode_text, read_regular_file


def current_text(path: Path) -> str | None:
    """The settings file's text as it is now, or None if there is none that can be read."""
    try:
        return decode_text(read_regular_file(path, SMALL_FILE_CAP))
    except (OSError, TomlProblem):
        return None


def parsed_document(text: str | None) -> tomlkit.TOMLDocument:
    """`text` as a tomlkit document, or an empty one if there is none or it is not TOML."""
    if text:
        try:
            return tomlkit.parse(text)
        except (TOMLKitError, RecursionError, ValueError):
            pass
    return tomlkit.document()


def merge_keys(document: tomlkit.TOMLDocument, keys: dict[str, str]) -> None:
    """Make the `[keys]` table hold `keys`: changed entries set, the others removed."""
    table = document.get("keys")
    if not isinstance(table, Table):
        if not keys:
            return
        if "keys" in document:
            del document["keys"]
        table = tomlkit.table()
        document["keys"] = table
    for binding in [name for name in table if name not in keys]:
        del table[binding]
    for binding, value in keys.items():
        if table.get(binding) != value:
            table[binding] = value


def merged_settings_text(values: dict[str, Any], existing: str | None, defaults: dict[str, Any]) -> str:
    """The TOML text of `values` (every setting; the `[keys]` table under "keys"), written into
    `existing` so that its comments, blank lines and order stay and only changed values change.
    A setting the file does not name is added only if it differs from its default in `defaults`:
    the file stays as short as the user made it."""
    document = parsed_document(existing)
    for name in [name for name in document if name not in values]:
        del document[name]  # refused by the loader, and already kept in a .bad-N copy
    for name, value in values.items():
        if name == "keys" or (name not in document and value == defaults.get(name)):
            continue
        if document.get(name) != value:
            document[name] = value
    merge_keys(document, values.get("keys") or {})
    return tomlkit.dumps(document)
