"""`spasm-guide --where`: the folders the guide keeps its files in, one a line.

Each line is a name, spaces, the folder, so `spasm-guide --where | awk '$1 == "config" {print $2}'`
finds one. The folders come from platformdirs (`XDG_*` moves them), as the guide itself uses them.
"""

from __future__ import annotations

from pathlib import Path


def named_folders() -> list[tuple[str, Path, str]]:
    """(name, folder, what is in it), in the order --where prints them."""
    from tui.data.summary import summaries_dir
    from tui.data.words import _
    from tui.debug_log import log_path
    from tui.lifecycle import app_folders

    config, state, cache, data, _runtime = app_folders()
    return [
        ("config", config, _("settings.toml: your settings")),
        ("state", state, _("checklist.toml: your ticks; speech.log; {debug_log} (--debug)").format(
            debug_log=log_path().name)),
        ("cache", cache, _("the last --plain text and start screen, made again when missing")),
        ("data", data, _("what you keep")),
        ("summaries", summaries_dir(), _("summaries saved for a doctor (unless you chose another folder)")),
    ]


def where_text() -> str:
    """The lines --where prints: name, folder, and what is in it after a #."""
    rows = named_folders()
    width = max(len(name) for name, _folder, _what in rows)
    return "".join(f"{name:<{width}}  {folder}  # {what}\n" for name, folder, what in rows)
