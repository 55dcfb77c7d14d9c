"""Keys in words, the ids a user may remap, and the keys of a screen for its help."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen

if TYPE_CHECKING:
    from tui.app import GuideApp

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


def binding_owners() -> tuple[type[DOMNode], ...]:
    """Every class that declares key bindings a user may remap."""
    from tui.app import GuideApp
    from tui.dialogs.choice import ChoiceDialog
    from tui.dialogs.confirm import ConfirmDialog
    from tui.dialogs.save_path import SavePathDialog
    from tui.screens.checklist import ChecklistItems, ChecklistScreen
    from tui.screens.search import SearchScreen
    from tui.screens.section import SectionScreen
    from tui.widgets.guide_list import GuideList
    from tui.widgets.section_text import SectionText

    return (GuideApp, SectionScreen, SearchScreen, ChecklistScreen, ChecklistItems, GuideList, SectionText,
            ChoiceDialog, ConfirmDialog, SavePathDialog)


def known_binding_ids() -> set[str]:
    """Every binding id a user may remap in settings.toml's [keys]."""
    return {b.id for owner in binding_owners() for b in owner.BINDINGS if isinstance(b, Binding) and b.id}


def screen_keys(app: GuideApp, screen: Screen[Any]) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(this screen's keys, the reading-aloud keys), described from the bindings themselves.

    Help is never a hand-kept list: it is made from the bindings in force (keymap included).
    The reading keys exist only while reading, so they are listed on their own.
    """
    rows: dict[str, list[str]] = {}
    for _key, active in screen.active_bindings.items():
        binding = active.binding
        if binding.action.startswith("open_section") or binding.action.split("(")[0] in app.SPEECH_ACTIONS:
            continue
        if "copy" in binding.action or not (binding.tooltip or binding.description):
            continue
        rows.setdefault(binding.tooltip or binding.description, []).append(app.get_key_display(binding))
    here = [(" or ".join(dict.fromkeys(keys)), what) for what, keys in rows.items()]
    here.append(("1 to 9", "Open that section"))
    # The app's own bindings, with the user's keymap applied (Textual keeps them here).
    speech: dict[str, list[str]] = {}
    for bindings in app._bindings.key_to_bindings.values():
        for binding in bindings:
            if binding.action.split("(")[0] in app.SPEECH_ACTIONS:
                speech.setdefault(binding.tooltip, []).append(app.get_key_display(binding))
    reading = [(" or ".join(dict.fromkeys(keys)), what) for what, keys in speech.items()]
    return here, reading
