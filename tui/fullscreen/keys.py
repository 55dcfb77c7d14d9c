"""The keys of a screen in words, for its help and key bar, made from its bindings (there is no
second table of keys). Key names are in tui/data/key_names.py; what a key does is the binding's
words, kept in English and looked up in the language shown when drawn (`shown_words`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Input

from tui.data.key_names import PRINTABLE_NAMES, either_key, key_in_words
from tui.data.words import N_, _
from tui.fullscreen.textual_private import app_key_bindings

__all__ = ["SPEECH_ACTIONS", "TEXTUAL_WORDS", "binding_words", "key_in_words", "screen_keys", "shown_words",
           "types_a_character"]

SPEECH_ACTIONS: frozenset[str] = frozenset({"pause_reading", "stop_reading", "skip_sentence", "rate"})
"""Actions that only exist while the guide is reading aloud."""

TEXTUAL_WORDS: dict[str, str] = {
    "app.focus_next": N_("Move to the next part of the screen"),
    "app.focus_previous": N_("Move to the previous part of the screen"),
    "quit": N_("Quit the guide"),
    "app.quit": N_("Quit the guide"),
    "cursor_left": N_("Move left in the box"),
    "cursor_right": N_("Move right in the box"),
    "delete_left": N_("Delete the letter before the cursor"),
    "delete_right": N_("Delete the letter under the cursor"),
    "home": N_("Go to the start of the box"),
    "end": N_("Go to the end of the box"),
    "submit": N_("Accept what you typed"),
}
"""Textual's own keys that a person may use here, in the guide's words (in English, given to
`_()` when shown). Textual's wording ("Focus Next", "Quit the app and return to the command
prompt") never reaches the screen: a binding of Textual's that is not in this table is left out
of help."""


def types_a_character(key: str) -> bool:
    """True for a key that types into a box ("q", "/", "5", "space"), not for "ctrl+q" or "f1"."""
    return "+" not in key and (len(key) == 1 or key in PRINTABLE_NAMES)


def shown_words(words: str) -> str:
    """A binding's words (kept in English in the class's table, which Textual builds once per
    class) in the language shown now; "" stays "" (gettext's "" is the catalogue's header)."""
    return _(words) if words else ""


def binding_words(binding: Binding) -> str:
    """What a binding does, in the guide's words ("" if it is Textual's own and not for people)."""
    if binding.id:
        return shown_words(binding.tooltip or binding.description)
    return shown_words(TEXTUAL_WORDS.get(binding.action, ""))


def screen_keys(app: App[Any], screen: Screen[Any], settings_file: Path | None = None
                ) -> tuple[list[tuple[str, str]], list[tuple[str, str]], list[str]]:
    """(this screen's keys, the reading-aloud keys, how to change keys), from the bindings themselves.

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
        # The guide's own key first ("q or Ctrl+Q"), Textual's after it.
        rows.setdefault(words, []).append((binding.id is None, app.get_key_display(binding)))
        if binding.id:
            ids[binding.id] = None
    here = [(either_key(dict.fromkeys(key for _textual, key in sorted(keys, key=lambda k: k[0]))), what)
            for what, keys in rows.items()]
    if digits:
        here.append((_("1 to 9"), _("Open that section")))
        ids["app.section1"] = None
    # The app's own bindings, with the user's keymap applied (Textual keeps them here).
    speech: dict[str, list[str]] = {}
    typing = isinstance(screen.focused, Input)  # a letter typed into a box is only a letter
    for key, bindings in app_key_bindings(app):
        for binding in bindings:
            if binding.action.split("(")[0] in SPEECH_ACTIONS and not (typing and types_a_character(key)):
                speech.setdefault(shown_words(binding.tooltip), []).append(app.get_key_display(binding))
                if binding.id:
                    ids[binding.id] = None
    reading = [(either_key(dict.fromkeys(keys)), what) for what, keys in speech.items()]
    return here, reading, changing_keys(settings_file, list(ids))


def changing_keys(settings_file: Path | None, ids: list[str]) -> list[str]:
    """How to change a key, with the settings file's place and the ids of this screen's keys."""
    from tui.data.settings import settings_path

    path = settings_file or settings_path()
    # TRANSLATORS: between the first and the last of the nine section keys' ids.
    named = ", ".join(ids).replace("app.section1", _("app.section1 to app.section9"))
    return [
        _('To change a key, edit the settings file {path}. Under a line [keys], put one line for '
          'each key you change: its id, an equals sign, and the new keys. For example, '
          '"app.quit" = "ctrl+q" makes Ctrl+Q quit instead of q, and "section.next" = "n,j" '
          "makes both n and j go to the next section. Start the guide again to use them.").format(path=path),
        _("The ids of the keys on this screen: {ids}.").format(ids=named),
    ]


def type_stray_character(focused: object, event: events.Key) -> None:
    """A key that reached the app while a text box has focus: a character in the same write as
    "/" (a paste of "/calf") went to the screen in front before the search box existed and came
    back unhandled (a box with focus keeps every character, so it is one of these). Type it into
    the box; as a key of the screen it missed it might act ("q" quits)."""
    if isinstance(focused, Input) and event.is_printable and event.character:
        event.prevent_default()  # not App's binding check: the character was typed, not a key
        event.stop()
        focused.insert_text_at_cursor(event.character)
