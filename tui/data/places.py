"""The guide's places, in one table: every menu, key and help line that leads to one is drawn
from here.

The full screen's start menu (`tui/fullscreen/screens/start.py`), its keys that work on every
screen (`tui/fullscreen/app.py`), the numbered prompts' main menu and their help
(`tui/plain/linear.py`), and the binding ids a user may remap (`tui/data/settings.py`) all read
this table, so they cannot drift apart. Adding a place is one row here, and its page: a page
that is read, not used (as About), is a builder in `tui/data/pages.py` listed in its `PAGES` by
the row's id, and every interface shows it with no other edit; a place that is used (as the
checklist) is a screen module instead, found by the row's id
(`tui/fullscreen/screen_registry.py`), and a handler in the prompts. Nothing here imports the
rest of the guide, so every layer may read the table.
"""

from __future__ import annotations

from dataclasses import dataclass

from tui.data.words import N_


@dataclass(frozen=True)
class Place:
    """One place of the guide, and every way to reach it."""

    id: str
    """The place's name: the screen opened for it (its SCREEN_NAME) and the prompts' handler."""
    label: str
    """Its row in the full screen's start menu ("" if it has none)."""
    prompt_label: str
    """Its row in the numbered prompts' main menu ("" if it has none)."""
    key: str = ""
    """Keys that open it from every screen, as Textual names them ("slash", "question_mark,f1");
    "" for none."""
    binding_id: str = ""
    """The key's id, by which a user remaps it in settings.toml's [keys]."""
    key_word: str = ""
    """The key bar's word for it ("Symptoms")."""
    tooltip: str = ""
    """What the key does, in help."""
    menu_order: int = 0
    """Where it stands in the start menu, from 1 (0: not in it)."""
    prompt_number: int | None = None
    """The number that opens it in the prompts' main menu (None: not in it; 0 is always Quit)."""
    show_key: bool = True
    """The key is in the key bar (False: only in help, and in the label)."""
    action: str = ""
    """The app's action for the key, when it is not opening this place (help, quit)."""

    @property
    def key_action(self) -> str:
        """The action the key runs in the full screen."""
        return self.action or f"open_place('{self.id}')"


PLACES: tuple[Place, ...] = (
    # In the order their keys appear in the key bar; the menus have orders of their own.
    Place("search", N_("Search the guide"), N_("Search the guide for words"), key="slash", binding_id="app.search",
          key_word=N_("Search"), tooltip=N_("Search the guide"), menu_order=3, prompt_number=6),
    Place("checklist", N_("Check your symptoms"), N_("Check your symptoms"), key="k", binding_id="app.checklist",
          key_word=N_("Symptoms"), tooltip=N_("Check your symptoms"), menu_order=2, prompt_number=2),
    Place("cramp_now", N_("A cramp now: stretch it (m)"), N_("A cramp now: stretch it, with a timer"), key="m",
          binding_id="app.cramp_now", key_word=N_("Cramp now"), tooltip=N_("A cramp now: stretch it, with a timer"),
          menu_order=7, prompt_number=5, show_key=False),
    Place("help", N_("Help"), N_("Help"), key="question_mark,f1", binding_id="app.help", key_word=N_("Help"),
          tooltip=N_("Keys for this screen"), menu_order=5, prompt_number=3, action="help"),
    Place("quit", "", N_("Quit"), key="q", binding_id="app.quit", key_word=N_("Quit"), tooltip=N_("Quit the guide"),
          prompt_number=0, action="quit"),
    Place("settings", N_("Settings"), "", key="o", binding_id="app.settings", key_word=N_("Settings"),
          tooltip=N_("Settings: colours, emergency number, voice and volume"), menu_order=4),
    Place("contents", N_("Read the guide"), N_("Read a section"), menu_order=1, prompt_number=1),
    Place("about", N_("About this guide"), N_("About this guide"), menu_order=6, prompt_number=4),
)
"""Every place. Its rows' keys are the app's, in this order, after Esc (back)."""


def place(place_id: str) -> Place:
    """The place with this id; a KeyError names the known ones."""
    for row in PLACES:
        if row.id == place_id:
            return row
    raise KeyError(f"no place is named '{place_id}' (known: {', '.join(row.id for row in PLACES)})")


def start_menu() -> tuple[Place, ...]:
    """The full screen's start menu, in order. Its first row has focus, so Enter starts reading."""
    return tuple(sorted((row for row in PLACES if row.menu_order), key=lambda row: row.menu_order))


def prompt_menu() -> tuple[Place, ...]:
    """The prompts' main menu: 1, 2, 3 ... then 0 (quit) last."""
    numbered = [row for row in PLACES if row.prompt_number is not None]
    return tuple(sorted(numbered, key=lambda row: (row.prompt_number == 0, row.prompt_number)))


def prompt_number(place_id: str) -> int:
    """The number that opens a place in the prompts (a KeyError if it has none)."""
    number = place(place_id).prompt_number
    if number is None:
        raise KeyError(f"place '{place_id}' has no number in the prompts")
    return number


def keyed_places() -> tuple[Place, ...]:
    """The places with a key on every screen, in key bar order."""
    return tuple(row for row in PLACES if row.key)
