"""Check what you feel; the result says how urgently to get help, urgency first, in words."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import OptionList, Static

from tui.data.checklist import Checklist, Item
from tui.data.checklist_state import clear_state, load_state, save_state, toggle
from tui.data.content import Block, Section
from tui.data.sentences import Chunk
from tui.data.summary import default_summary_path, save_summary, summary_text
from tui.data.triage import TriageResult, triage
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.save_path import SavePathDialog
from tui.reader import section_reading
from tui.screens.base import GuideScreen
from tui.screens.reading import made_section
from tui.widgets.guide_list import GuideList
from tui.widgets.section_text import SectionText


class ChecklistItems(GuideList):
    """The checklist's items: Enter selects (it opens nothing here).

    | Key(s) | Description |
    | :- | :- |
    | enter | Select or unselect the item. |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Select", id="checklist.enter", tooltip="Select or unselect this item"),
    ]
    """Enter has the same words as Space, so the key bar shows them together."""


def item_label(item: Item, checked: frozenset[str]) -> str:
    """The item with its state in words: "[x] ... (selected)" or "[ ] ..."."""
    return f"[x] {item.text} (selected)" if item.id in checked else f"[ ] {item.text}"


def result_section(result: TriageResult) -> Section:
    """The result as readable blocks: the call to action first, then why, what to do, the disclaimer."""
    symbol = f"{result.tier.symbol} " if result.tier else ""
    blocks = [Block("subheading", (f"{symbol}{result.headline}",))]
    if result.reasons:
        blocks += [Block("paragraph", ("Because you checked:",)), Block("bullets", result.reasons)]
    if result.others:
        blocks += [Block("paragraph", ("You also checked:",)), Block("bullets", result.others)]
    blocks += [Block("paragraph", ("What to do:" if result.tier else "What next:",)),
               Block("bullets", result.advice), Block("paragraph", (result.disclaimer,))]
    return made_section("Result", blocks)


class ChecklistScreen(GuideScreen):
    """The checklist above, the result below; both scroll, Tab moves between them.

    | Key(s) | Description |
    | :- | :- |
    | up, down | Move between items. |
    | space, enter | Select or unselect the item. |
    | tab | Go to the result, and back. |
    | s | Save a dated summary for a doctor. |
    | c | Clear every selection (asks first). |
    """

    TITLE_TEXT = "Check your symptoms"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle_item_here", "Select", id="checklist.toggle", tooltip="Select or unselect this item"),
        Binding("tab,shift+tab", "switch_pane", "Result", id="checklist.next_field",
                tooltip="Move between the list and the result"),
        Binding("s", "save_summary", "Save", id="checklist.save", tooltip="Save a dated summary for a doctor"),
        Binding("c", "clear", "Clear", id="checklist.clear", tooltip="Clear every selection"),
    ]
    """Toggle, move to the result, save, clear."""

    def __init__(self, checklist: Checklist) -> None:
        super().__init__()
        self.checklist = checklist
        """The items and tiers."""
        loaded = load_state(checklist)
        self.checked: frozenset[str] = loaded.checked
        """Ids of the selected items; saved on every change."""
        self.load_message = loaded.message
        """Said once if the saved state had to be set aside."""

    def compose_body(self) -> ComposeResult:
        yield Static(f"{self.TITLE_TEXT} (not a diagnosis)", classes="title tight", markup=False)
        yield ChecklistItems([], id="items")
        yield Static(self.headline(), id="headline", markup=False)
        yield SectionText(result_section(self.result()), id="result")

    def headline(self) -> str:
        """The result's first line, shown under the list when there is no room for the whole result."""
        result = self.result()
        symbol = f"{result.tier.symbol} " if result.tier else ""
        return f"Result: {symbol}{result.headline} (Tab for more)"

    def show_result(self) -> None:
        """Put the current result in the panel and the one-line headline."""
        self.query_one("#result", SectionText).set_section(result_section(self.result()))
        self.query_one("#headline", Static).update(self.headline())

    def speech_content(self) -> tuple[list[Chunk | str], SectionText | None]:
        """The result, urgency first (the headline is its first sentence), highlighted as heard."""
        result = self.query_one("#result", SectionText)
        chunks = section_reading(result, with_title=False)
        tier = self.result().tier
        first = chunks[0] if chunks else None
        if tier and isinstance(first, Chunk) and first.text.startswith(f"{tier.symbol} "):
            # The symbol is for the eye; the ear gets the word ("EMERGENCY") first.
            skip = len(tier.symbol) + 1
            chunks[0] = Chunk(first.text[skip:], first.paragraph, first.start + skip, first.end)
        return chunks, result

    def action_switch_pane(self) -> None:
        """Tab: between list and result; on a short window the result takes the list's place."""
        result = self.query_one("#result", SectionText)
        self.query_one("#items" if self.focused is result else "#result").focus()

    def on_descendant_focus(self) -> None:
        # Which pane shows on a short window follows focus (Tab, Shift+Tab or a click alike).
        self.set_class(self.focused is self.query_one("#result"), "-show-result")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "toggle_item_here":
            # Space selects only where the items are; on the result it must not change a hidden item.
            return self.focused is self.query_one("#items")
        return True

    def on_mount(self) -> None:
        items = self.query_one("#items", GuideList)
        self.refill()
        items.focus()
        if self.load_message:
            self.notify(self.load_message, severity="warning", timeout=8)

    def result(self) -> TriageResult:
        """The result for the current selections and region."""
        return triage(self.checklist, self.checked, self.guide_app.settings.emergency_number)

    def refill(self) -> None:
        """Draw every item with its state in words."""
        self.query_one("#items", GuideList).set_groups([
            (group.title, [(item.id, item_label(item, self.checked)) for item in self.checklist.items_in(group)])
            for group in self.checklist.groups
        ])

    def toggle_item(self, item_id: str) -> None:
        """Flip one item, save at once, update its line and the result."""
        self.checked = toggle(self.checked, item_id)
        try:
            save_state(self.checked, checklist=self.checklist)
        except OSError as exc:
            self.notify(f"Could not save your choices: {exc.strerror}.", severity="error")
        items = self.query_one("#items", GuideList)
        index = items.get_option_index(item_id)
        items.set_label(index, item_label(self.checklist.item(item_id), self.checked))
        self.show_result()
        self.guide_app.announce(item_label(self.checklist.item(item_id), self.checked))

    def action_toggle_item_here(self) -> None:
        option = self.query_one("#items", GuideList).highlighted_option
        if option is not None and option.id:
            self.toggle_item(option.id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.toggle_item(event.option.id)

    def action_save_summary(self) -> None:
        self.app.push_screen(
            SavePathDialog("Save a summary for a doctor. Where?", default_summary_path()), self.write_summary
        )

    def write_summary(self, path: Path | None) -> None:
        """Write the summary where the reader chose, atomically, and say where."""
        if path is None:
            return
        settings = self.guide_app.settings
        text = summary_text(self.guide_app.guide, self.checklist, self.checked, settings.emergency_number)
        try:
            saved = save_summary(text, path)
        except OSError as exc:
            self.notify(f"Could not save to {path}: {exc.strerror}.", severity="error", timeout=8)
            return
        self.notify(f"Saved the summary as {saved}", timeout=8)

    def action_clear(self) -> None:
        if not self.checked:
            self.notify("Nothing is selected.", timeout=3)
            return
        count = len(self.checked)
        self.app.push_screen(
            ConfirmDialog("Clear your one selection?" if count == 1 else f"Clear all {count} selections?",
                          "Yes, clear them", "No, keep them"),
            self.clear,
        )

    def clear(self, answer: str | None) -> None:
        """Forget every selection, on disk too (only on a "yes")."""
        if answer != "yes":
            return
        self.checked = frozenset()
        try:
            clear_state()
        except OSError as exc:
            self.notify(f"Could not clear the saved choices: {exc.strerror}.", severity="error")
        self.refill()
        self.show_result()
        self.notify("Cleared every selection.", timeout=3)
