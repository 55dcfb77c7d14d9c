"""The guide's keys, in one table: every key binding's id, its default keys and what it does.

A user remaps a key by its binding id in settings.toml's [keys]. The full screen builds each of
its `Binding`s from a row here (`tui/fullscreen/keys.py`, `keyed`), adding the words the key bar
and Help show, which stay beside the screen that uses them; the settings take the ids a user may
remap from here (`tui/data/settings.py`). The keys that open a place are rows of the places table
(`tui/data/places.py`) instead, and are remappable the same way. Nothing here imports the rest of
the guide, so the plain modes, which never import Textual, know every id too.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class KeyRow:
    """One key binding, without its words."""

    id: str
    """Its id, by which a user remaps it ("checklist.toggle")."""
    keys: str
    """The default keys, as Textual names them, comma-separated ("tab,shift+tab")."""
    action: str
    """The action it runs, as Textual spells it ("toggle_item_here", "answer('yes')"); a row whose
    bindings differ by one argument has the action's name only ("switch_language")."""
    show: bool = True
    """Shown in the key bar (False: only in Help)."""
    priority: bool = False
    """Checked before the focused widget's own keys (the reading keys, while reading)."""


SECTION_ROWS: tuple[KeyRow, ...] = tuple(KeyRow(f"app.section{n}", str(n), f"open_section({n})") for n in range(1, 10))
"""Digits jump straight to a section, on every screen."""

KEY_ROWS: tuple[KeyRow, ...] = (
    # The app's: every screen.
    KeyRow("app.back", "escape", "go_back"),
    KeyRow("app.redraw", "ctrl+l", "redraw", show=False),
    KeyRow("app.read", "r", "read"),
    KeyRow("app.self_voicing", "v", "self_voicing"),
    KeyRow("app.cursor_left", "left", "move_cursor(-1)", show=False),
    KeyRow("app.cursor_right", "right", "move_cursor(1)", show=False),
    *SECTION_ROWS,
    # Only while reading aloud (the app's check_action hides them otherwise).
    KeyRow("speech.pause", "space", "pause_reading", priority=True),
    KeyRow("speech.stop", "x,escape", "stop_reading", priority=True),
    KeyRow("speech.next", "right_square_bracket", "skip_sentence(1)"),
    KeyRow("speech.previous", "left_square_bracket", "skip_sentence(-1)"),
    KeyRow("speech.faster", "plus,equals_sign", "rate(1)"),
    KeyRow("speech.slower", "minus", "rate(-1)"),
    # Screens.
    KeyRow("section.next", "n", "next_section"),
    KeyRow("section.previous", "p", "previous_section"),
    KeyRow("checklist.enter", "enter", "select"),
    KeyRow("checklist.toggle", "space", "toggle_item_here"),
    KeyRow("checklist.next_field", "tab,shift+tab", "switch_pane"),
    KeyRow("checklist.save", "s", "save_summary"),
    KeyRow("checklist.clear", "c", "clear"),
    KeyRow("cramp.time", "t", "time"),
    KeyRow("cramp.eased", "y", "eased"),
    KeyRow("cramp.not_eased", "n", "not_eased"),
    KeyRow("cramp.next_field", "tab,shift+tab", "switch_pane", show=False),
    KeyRow("search.results", "enter", "submit", show=False),
    KeyRow("search.next_field", "tab", "app.focus_next"),
    KeyRow("settings.select", "enter,space", "select"),
    # One row, one binding per language (its argument the language's code, "switch_language('es')"):
    # only the key of a language not shown now is in force, so one [keys] line moves them all.
    KeyRow("start.language", "e", "switch_language"),
    # Dialogs.
    KeyRow("dialog.redraw", "ctrl+l", "app.redraw", show=False),
    KeyRow("dialog.cursor_left", "left", "app.move_cursor(-1)", show=False),
    KeyRow("dialog.cursor_right", "right", "app.move_cursor(1)", show=False),
    KeyRow("dialog.choose", "enter", "select"),
    KeyRow("dialog.cancel", "escape", "cancel"),
    KeyRow("dialog.yes", "y", "answer('yes')"),
    KeyRow("dialog.no", "n", "answer('no')"),
    KeyRow("questions.done", "ctrl+s", "done"),
    # Widgets: reading a text by line and page, and moving in a list.
    KeyRow("text.up", "up", "previous_line", show=False),
    KeyRow("text.down", "down", "next_line", show=False),
    KeyRow("text.page_up", "pageup", "previous_page", show=False),
    KeyRow("text.page_down", "pagedown", "next_page", show=False),
    KeyRow("text.home", "home", "first_line", show=False),
    KeyRow("text.end", "end", "last_line", show=False),
    KeyRow("list.select", "enter", "select"),
    # Space opens as Enter does, on a screen that gives Space no other meaning (GuideScreen).
    KeyRow("list.open", "space", "open_highlighted", show=False),
    KeyRow("list.up", "up", "cursor_up", show=False),
    KeyRow("list.down", "down", "cursor_down", show=False),
    KeyRow("list.first", "home", "first", show=False),
    KeyRow("list.last", "end", "last", show=False),
    KeyRow("list.page_up", "pageup", "page_up", show=False),
    KeyRow("list.page_down", "pagedown", "page_down", show=False),
)
"""Every key that does not open a place, by id (each id once)."""


def key_row(key_id: str) -> KeyRow:
    """The row with this id; a KeyError names the id."""
    for row in KEY_ROWS:
        if row.id == key_id:
            return row
    raise KeyError(f"no key binding has the id '{key_id}' (tui/data/key_table.py lists them)")


LANGUAGE_KEYS: dict[str, dict[str, str]] = {
    # "no" is named again, unchanged, after "yes": Textual moves a binding the keymap changes to
    # the end of its screen's keys, and the key bar keeps their order (yes, then no).
    "es": {"dialog.yes": "s", "dialog.no": "n", "cramp.eased": "s", "cramp.not_eased": "n"},
}
"""Default keys that differ by language, by binding id: "yes" is "sí" in Spanish, where a lone "y"
reads (and a voice says it) as the word "and". A user's own [keys] line still comes first."""


def keymap_for(language: str, user_keys: Mapping[str, str]) -> dict[str, str]:
    """The keys to put in force (binding id -> keys) for a guide in `language` ("es", "es-419"):
    the language's own defaults, with the user's [keys] over them."""
    return {**LANGUAGE_KEYS.get(language.split("-")[0].split("_")[0], {}), **user_keys}


def keys_in_force(key_id: str, language: str, user_keys: Mapping[str, str]) -> str:
    """The keys of one binding now ("s" for dialog.yes in Spanish), comma-separated."""
    return keymap_for(language, user_keys).get(key_id) or key_row(key_id).keys
