"""Key names as a person says them, in the reader's language: "Enter" / "Intro", "PgDn" / "AvPág".

The one table of key names: the full screen's key bar and help use it, and so may any interface
that tells a reader which key to press. The names are kept in English, marked for the catalogue
(`N_()`), and looked up in the language shown when a key is put into words (tui/data/words.py),
so one process can show one language and then another. No Textual here.
"""

from __future__ import annotations

from collections.abc import Iterable

from tui.data.words import N_, _

KEY_WORDS: dict[str, str] = {
    "up": N_("Up"), "down": N_("Down"), "left": N_("Left"), "right": N_("Right"), "enter": N_("Enter"),
    "escape": N_("Esc"), "pageup": N_("PgUp"), "pagedown": N_("PgDn"), "home": N_("Home"), "end": N_("End"),
    "tab": N_("Tab"), "space": N_("Space"), "backspace": N_("Backspace"), "delete": N_("Delete"),
}
"""Named keys, in English (Textual's key name -> the English word, given to `_()` when shown)."""

SYMBOL_KEYS: dict[str, str] = {
    "question_mark": "?", "slash": "/", "plus": "+", "minus": "-", "equals_sign": "=",
    "left_square_bracket": "[", "right_square_bracket": "]",
}
"""Keys that type a sign: the sign is their name in every language."""

MODIFIER_WORDS: dict[str, str] = {"ctrl": N_("Ctrl"), "shift": N_("Shift"), "alt": N_("Alt"), "meta": N_("Meta")}
"""The keys held with another, as keyboards print them."""

PRINTABLE_NAMES = frozenset({"space", *SYMBOL_KEYS})
"""Key names that type a character ("slash" types "/")."""


def key_name(name: str) -> str:
    """One key, without modifiers, in the language shown: "pagedown" -> "PgDn" or "AvPág",
    "f1" -> "F1", "slash" -> "/", "n" -> "n"."""
    if name in KEY_WORDS:
        return _(KEY_WORDS[name])
    if name in SYMBOL_KEYS:
        return SYMBOL_KEYS[name]
    if name.startswith("f") and name[1:].isdigit():
        return name.upper()
    return name


def key_in_words(key: str) -> str:
    """"ctrl+pagedown" -> "Ctrl+PgDn", "f1" -> "F1", "n" -> "n" (in the language shown)."""
    *modifiers, name = key.split("+")
    word = key_name(name)
    if modifiers and len(word) == 1:
        word = word.upper()  # "Ctrl+Q", as keyboards and manuals write it
    held = [_(MODIFIER_WORDS[m]) if m in MODIFIER_WORDS else m.capitalize() for m in modifiers]
    return "+".join([*held, word])


def either_key(keys: Iterable[str]) -> str:
    """Keys that do the same thing, in words: "? or F1" / "? o F1"."""
    # TRANSLATORS: between two keys that do the same thing ("? or F1").
    word = _("or")
    return f" {word} ".join(keys)
