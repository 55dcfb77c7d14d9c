"""Keys in words, and the keys of a screen for its help (the only table of keys there is)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import App
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Input

from tui.data.key_table import key_row
from tui.data.pages import ABSENT_IN_HELP
from tui.fullscreen.textual_private import app_key_bindings


def keyed(key_id: str, words: str, tooltip: str) -> Binding:
    """The binding with this id: its keys, action and place in the key bar from its row of the
    one key table (tui/data/key_table.py), with the words the key bar (`words`) and Help
    (`tooltip`) show for it here."""
    row = key_row(key_id)
    return Binding(row.keys, row.action, words, show=row.show, priority=row.priority, id=row.id, tooltip=tooltip)

SPEECH_ACTIONS: frozenset[str] = frozenset({"pause_reading", "stop_reading", "skip_sentence", "rate"})
"""Actions that only exist while the guide is reading aloud."""

KEY_WORDS: dict[str, str] = {
    "up": "Up", "down": "Down", "left": "Left", "right": "Right", "enter": "Enter",
    "escape": "Esc", "pageup": "PgUp", "pagedown": "PgDn", "home": "Home", "end": "End",
    "tab": "Tab", "space": "Space", "question_mark": "?", "slash": "/", "plus": "+",
    "minus": "-", "equals_sign": "=", "left_square_bracket": "[", "right_square_bracket": "]",
    "backspace": "Backspace",
    "delete": "Delete",
}
"""Key names as a person says them."""


def key_in_words(key: str) -> str:
    """"ctrl+pagedown" -> "Ctrl+PgDn", "f1" -> "F1", "n" -> "n"."""
    *modifiers, name = key.split("+")
    word = KEY_WORDS.get(name, name.upper() if name.startswith("f") and name[1:].isdigit() else name)
    if modifiers and len(word) == 1:
        word = word.upper()  # "Ctrl+Q", as keyboards and manuals write it
    return "+".join([*(m.capitalize() for m in modifiers), word])


TEXTUAL_WORDS: dict[str, str] = {
    "app.focus_next": "Move to the next part of the screen",
    "app.focus_previous": "Move to the previous part of the screen",
    "quit": "Quit the guide",
    "app.quit": "Quit the guide",
    "cursor_left": "Move left in the box",
    "cursor_right": "Move right in the box",
    "delete_left": "Delete the letter before the cursor",
    "delete_right": "Delete the letter under the cursor",
    "home": "Go to the start of the box",
    "end": "Go to the end of the box",
    "submit": "Accept what you typed",
}
"""Textual's own keys that a person may use here, in the guide's words. Textual's wording
("Focus Next", "Quit the app and return to the command prompt") never reaches the screen: a
binding of Textual's that is not in this table is left out of help."""

PRINTABLE_NAMES = frozenset({"space", *(name for name, word in KEY_WORDS.items() if len(word) == 1)})
"""Key names that type a character ("slash" types "/")."""


def types_a_character(key: str) -> bool:
    """True for a key that types into a box ("q", "/", "5", "space"), not for "ctrl+q" or "f1"."""
    return "+" not in key and (len(key) == 1 or key in PRINTABLE_NAMES)


def binding_words(binding: Binding) -> str:
    """What a binding does, in the guide's words ("" if it is Textual's own and not for people)."""
    if binding.id:
        return binding.tooltip or binding.description
    return TEXTUAL_WORDS.get(binding.action, "")


def screen_keys(app: App[Any], screen: Screen[Any], settings_file: Path | None = None,
                absent: frozenset[str] = frozenset()
                ) -> tuple[list[tuple[str, str]], list[tuple[str, str]], list[str]]:
    """(this screen's keys, the reading-aloud keys, how to change keys), from the bindings themselves.
    A key whose id is in `absent` opens a place this guide has not, and says so.

    Help is never a hand-kept list: it is made from the bindings in force (keymap included), so
    it shows only keys that work here. The reading keys exist only while reading, so they are
    listed on their own. The last part says how to change a key, complete, since a person
    reading over SSH cannot open the README.
    """
    rows: dict[str, list[tuple[bool, str]]] = {}
    ids: dict[str, None] = {}
    digits = False
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if binding.action.split("(")[0] in SPEECH_ACTIONS or "copy" in binding.action:
            continue
        if binding.action.startswith("open_section"):
            digits = digits or key.isdigit()
            continue
        words = binding_words(binding)
        if not words:
            continue
        if binding.id in absent:
            words += ABSENT_IN_HELP
        # The guide's own key first ("q or Ctrl+Q"), Textual's after it.
        rows.setdefault(words, []).append((binding.id is None, app.get_key_display(binding)))
        if binding.id:
            ids[binding.id] = None
    here = [(" or ".join(dict.fromkeys(key for _, key in sorted(keys, key=lambda k: k[0]))), what)
            for what, keys in rows.items()]
    if digits:
        here.append(("1 to 9", "Open that section"))
        ids["app.section1"] = None
    # The app's own bindings, with the user's keymap applied (Textual keeps them here).
    speech: dict[str, list[str]] = {}
    typing = isinstance(screen.focused, Input)  # a letter typed into a box is only a letter
    for key, bindings in app_key_bindings(app):
        for binding in bindings:
            if binding.action.split("(")[0] in SPEECH_ACTIONS and not (typing and types_a_character(key)):
                speech.setdefault(binding.tooltip, []).append(app.get_key_display(binding))
                if binding.id:
                    ids[binding.id] = None
    reading = [(" or ".join(dict.fromkeys(keys)), what) for what, keys in speech.items()]
    return here, reading, changing_keys(settings_file, list(ids))


def changing_keys(settings_file: Path | None, ids: list[str]) -> list[str]:
    """How to change a key, with the settings file's place and the ids of this screen's keys."""
    from tui.data.settings import settings_path

    path = settings_file or settings_path()
    named = ", ".join(ids).replace("app.section1", "app.section1 to app.section9")
    return [
        f"To change a key, edit the settings file {path}. Under a line [keys], put one line for "
        'each key you change: its id, an equals sign, and the new keys. For example, '
        '"app.quit" = "ctrl+q" makes Ctrl+Q quit instead of q, and "section.next" = "n,j" '
        "gives a key three keys. Start the guide again to use them.",
        f"The ids of the keys on this screen: {named}.",
    ]
