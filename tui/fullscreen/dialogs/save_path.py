"""Ask for a file name to save under, in a folder shown in words, with a sensible name typed in."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.widgets import Input, Static
from textual.widgets.input import Selection

from tui.data.key_names import key_in_words
from tui.data.safe_save import SaveProblem, check_target, exists, hosted
from tui.data.words import N_, _
from tui.fullscreen.dialogs.choice import DialogScreen
from tui.fullscreen.dialogs.confirm import ConfirmDialog
from tui.fullscreen.keys import keyed
from tui.fullscreen.widgets.handled_now import SubmitsNow
from tui.fullscreen.widgets.key_bar import KeyBar


def shown_path(path: Path) -> str:
    """`path` as a person reads it: "~/..." inside the home folder, else in full.

    The start of a path says where it is; its tail alone ("/.local/share/...") looks like a
    folder at the top of the disk.
    """
    try:
        inside = path.relative_to(Path.home())
    except (ValueError, RuntimeError):  # not under home, or no home folder known
        return str(path)
    return "~" if inside == Path() else f"~/{inside}"


def chosen_path(folder: Path, typed: str, suffix: str) -> Path:
    """Where to save: a bare name (or a relative path) goes into `folder`; a path starting with
    "/" or "~" is used as typed. The name always ends in `suffix` (".txt"), so a stray key gives
    "a.txt" in the folder shown, never a file "a" in whatever folder the guide was started from.

    Raises ValueError for a path that names a folder, RuntimeError or OSError for one that
    cannot be used ("~nobody/x").
    """
    text = typed.strip()
    if text.endswith(("/", "\\")):
        raise ValueError(_("{path} is a folder").format(path=text))
    path = Path(text).expanduser()
    if not path.is_absolute():
        path = folder / path
    if suffix and not path.name.lower().endswith(suffix.lower()):
        path = path.with_name(path.name + suffix)
    if path.is_dir():
        raise ValueError(_("{path} is a folder").format(path=shown_path(path)))
    return path


def keys_hint(words: str) -> str:
    """A hint that names keys, with their names in the language shown ("Enter saves. Esc cancels.")."""
    return _(words).format(enter=key_in_words("enter"), esc=key_in_words("escape"))


HOSTED_HINT = N_("Over SSH, files are saved in this folder only. Type a name. Enter saves. Esc cancels.")
"""The hint on the hosted account: where files go, said before the reader types (in English; shown
through `_()`)."""


@dataclass(frozen=True)
class SaveTarget:
    """Where the reader chose to save, checked (tui/data/safe_save.py)."""

    path: Path
    """The absolute path, as typed (links in it are not resolved)."""
    replace: bool
    """The reader said yes to replacing what is there."""


class SavePathDialog(DialogScreen[SaveTarget | None]):
    """The folder in words, then an editable file name; Enter saves there, Escape cancels.

    The name's stem is selected, with the cursor on its first letter: typing replaces the stem
    and keeps the ending, as in a desktop save dialog. A name that is taken is replaced only
    after a yes; a path that cannot be used safely is said in the hint, and the name stays for
    editing. Over SSH only the guide's own folder is offered, and said.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        keyed("dialog.cancel", N_("Cancel"), tooltip=N_("Cancel: save nothing")),
    ]
    """Enter is the Input's own."""

    def __init__(self, question: str, default: Path) -> None:
        super().__init__()
        self.question = question
        """What is asked."""
        self.default = default
        """The path offered: its folder is where a bare name goes, its ending is every name's."""

    @property
    def folder(self) -> Path:
        """Where a typed name is saved."""
        return self.default.parent

    def compose(self) -> ComposeResult:
        yield self.emergency_row()
        with Vertical(classes="dialog"):
            yield Static(self.question, markup=False)
            yield Static(_("Folder: {folder}").format(folder=shown_path(self.folder)), id="folder", markup=False)
            yield SubmitsNow(self.default.name, id="path", select_on_focus=False)
            yield Static(_(HOSTED_HINT) if hosted() else keys_hint(N_("Type a name, or keep this one. {enter} saves. "
                                                                    "{esc} cancels.")), id="hint", markup=False)
            yield KeyBar()

    def on_mount(self) -> None:
        super().on_mount()
        name = self.query_one(Input)
        name.focus()
        stem = len(self.default.stem) if self.default.suffix else len(self.default.name)
        # Cursor at the start (what a screen reader reads first), stem selected.
        name.selection = Selection(stem, 0)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        hint = self.query_one("#hint", Static)
        if not event.value.strip():
            hint.update(keys_hint(N_("Type a file name, or press {esc} to cancel.")))
            return
        try:
            path = chosen_path(self.folder, event.value, self.default.suffix)
        except ValueError as exc:
            hint.update(_("{problem}: add a file name.").format(problem=exc))
            return
        except (RuntimeError, OSError) as exc:  # "~nobody/x", a name too long for the disk
            hint.update(_("That path cannot be used: {problem}. Try another.").format(problem=exc))
            return
        try:
            path = check_target(path, shown_path(path))
        except SaveProblem as exc:
            hint.update(_("{problem}. Try another.").format(problem=exc))
            return
        if not exists(path):
            self.dismiss(SaveTarget(path, replace=False))
            return

        def replace(answer: str | None) -> None:
            if answer == "yes":
                self.dismiss(SaveTarget(path, replace=True))
            else:
                hint.update(keys_hint(N_("Kept it. Type another name, or press {esc} to cancel.")))
                self.query_one(Input).focus()

        self.app.push_screen(ConfirmDialog(_("{path} already exists. Replace it?").format(path=shown_path(path)),
                                           _("Yes, replace it"), _("No, keep it")), replace)

    def action_cancel(self) -> None:
        self.dismiss(None)
