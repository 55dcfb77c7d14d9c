"""Keys in words, in the reader's language: the one table of key names every interface uses.

A key is named as a person says it ("Enter", "Esc", "Ctrl+D"), never with a glyph that turns to
garbage without UTF-8, and in the language shown now: a Spanish reader hears "Intro", "Espacio",
"Flecha abajo" (the names printed on Spanish keyboards and used by Spanish screen readers). The
names are looked up when they are shown (tui/data/words.py), with the context "key" so that a
translator can tell the key "End" from the word. No Textual here: the numbered prompts name keys too.
"""

from __future__ import annotations

from tui.data.words import pgettext

SYMBOL_KEYS: dict[str, str] = {
    "question_mark": "?", "slash": "/", "plus": "+", "minus": "-", "equals_sign": "=",
    "left_square_bracket": "[", "right_square_bracket": "]",
}
"""Keys that type a symbol, named by that symbol in every language."""


def named_keys() -> dict[str, str]:
    """Keys with a name of their own (Textual's names to the words of the language shown now)."""
    return {
        "up": pgettext("key", "Up"), "down": pgettext("key", "Down"), "left": pgettext("key", "Left"),
        "right": pgettext("key", "Right"), "enter": pgettext("key", "Enter"), "escape": pgettext("key", "Esc"),
        "pageup": pgettext("key", "PgUp"), "pagedown": pgettext("key", "PgDn"), "home": pgettext("key", "Home"),
        "end": pgettext("key", "End"), "tab": pgettext("key", "Tab"), "space": pgettext("key", "Space"),
        "backspace": pgettext("key", "Backspace"), "delete": pgettext("key", "Delete"),
    }


def modifier_names() -> dict[str, str]:
    """Modifier keys in the words of the language shown now ("ctrl" -> "Ctrl", "shift" -> "Shift")."""
    return {"ctrl": pgettext("key", "Ctrl"), "shift": pgettext("key", "Shift"), "alt": pgettext("key", "Alt"),
            "meta": pgettext("key", "Meta")}


def key_in_words(key: str) -> str:
    """A key as Textual names it, in words: "ctrl+pagedown" -> "Ctrl+PgDn", "f1" -> "F1", "n" -> "n";
    in Spanish "enter" -> "Intro", "down" -> "Flecha abajo"."""
    *modifiers, name = key.split("+")
    words = named_keys()
    if name in words:
        word = words[name]
    elif name in SYMBOL_KEYS:
        word = SYMBOL_KEYS[name]
    else:
        word = name.upper() if name.startswith("f") and name[1:].isdigit() else name
    if modifiers and len(word) == 1:
        word = word.upper()  # "Ctrl+Q", as keyboards and manuals write it
    held = modifier_names()
    return "+".join([*(held.get(m, m.capitalize()) for m in modifiers), word])
