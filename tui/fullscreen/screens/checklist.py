"""Check what you feel; the result says how urgently to get help, urgency first, in words."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import OptionList, Static

from tui.data.built_sections import result_section
from tui.data.care_routes import routes_for
from tui.data.checklist import Checklist, load_checklist
from tui.data.checklist_session import OTHER_WINDOW, ChecklistSession
from tui.data.doctor_questions import QUESTIONS
from tui.data.key_names import key_in_words
from tui.data.notices import Notice
from tui.data.safe_save import SaveProblem
from tui.data.sentences import Chunk
from tui.data.summary import default_summary_path
from tui.data.triage import TriageResult
from tui.data.words import N_, _, ngettext
from tui.fullscreen.context import GuideContext
from tui.fullscreen.dialogs.confirm import ConfirmDialog
from tui.fullscreen.dialogs.doctor_question import DoctorQuestionDialog, Step
from tui.fullscreen.dialogs.save_path import SavePathDialog, SaveTarget
from tui.fullscreen.keys import keyed
from tui.fullscreen.messages import Announce
from tui.fullscreen.notices import tell
from tui.fullscreen.reader import section_reading
from tui.fullscreen.screens.base import GuideScreen, loaded_or_said
from tui.fullscreen.widgets.guide_list import GuideList
from tui.fullscreen.widgets.section_text import SectionText
from tui.fullscreen.widgets.text_update import set_text

DISK_CHECK_SECONDS = 1.0
"""How often the screen looks for a change made by another copy of the guide (one stat call)."""


class ChecklistItems(GuideList):
    """The checklist's items: Enter selects (it opens nothing here).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        keyed("checklist.enter", N_("Select"), tooltip=N_("Select or unselect this item")),
    ]
    """Enter has the same words as Space, so the key bar shows them together."""

    session: ChecklistSession | None = None
    """The screen's session, told where the highlight is (set by the screen)."""

    def watch_highlighted(self, highlighted: int | None) -> None:
        # Leaving an item just unselected puts its label back to plain "[ ] ...", in the same
        # frame as the highlight's move (here, not in a message handled after that frame).
        session = self.session
        if session is not None:
            on = None
            if highlighted is not None and 0 <= highlighted < self.option_count:
                on = self.get_option_at_index(highlighted).id
            left = session.moved_to(on)
            if left is not None:
                self.set_label(self.get_option_index(left), session.label(session.checklist.item(left)))
        super().watch_highlighted(highlighted)


class ChecklistScreen(GuideScreen):
    """The checklist above, the result below; both scroll, Tab moves between them.
    """

    TITLE_TEXT = N_("Check your symptoms")
    SCREEN_NAME = "checklist"

    DEFAULT_CSS: ClassVar[str] = """
    ChecklistScreen #result { height: 1fr; border-top: ascii $border-blurred; }
    ChecklistScreen #result:focus { border-top: ascii $border; }
    ChecklistScreen #headline { display: none; height: auto; text-style: bold; }
    ChecklistScreen.-short #headline { display: block; }
    ChecklistScreen.-short #result { display: none; }
    ChecklistScreen.-short.-show-result #result { display: block; border-top: none; }
    ChecklistScreen.-short.-show-result #items, ChecklistScreen.-short.-show-result #headline {
        display: none;
    }
    """
    """List and result together when there is room; on a short window one at a time (the list
    with the result's headline under it, or the result alone after Tab)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        keyed("checklist.toggle", N_("Select"), tooltip=N_("Select or unselect this item")),
        keyed("checklist.next_field", N_("Result"), tooltip=N_("Move between the list and the result")),
        keyed("checklist.save", N_("Save"), tooltip=N_("Save a dated summary for a doctor")),
        keyed("checklist.clear", N_("Clear"), tooltip=N_("Clear every selection")),
    ]
    """Toggle, move to the result, save, clear."""

    def __init__(self, checklist: Checklist) -> None:
        super().__init__()
        self.session = ChecklistSession(checklist)
        """What the checklist does, shared with the numbered prompts: choices, result, summary."""

    @classmethod
    def make(cls, context: GuideContext) -> ChecklistScreen | None:
        checklist = loaded_or_said(context, N_("The checklist cannot be shown: {problem}"),
                                   lambda: load_checklist(context.guide.folder))
        return None if checklist is None else cls(checklist)

    @property
    def checklist(self) -> Checklist:
        """The items and tiers."""
        return self.session.checklist

    def compose_body(self) -> ComposeResult:
        yield Static(_("{title} (not a diagnosis)").format(title=self.screen_title()), classes="title tight",
                     markup=False)
        yield ChecklistItems([], id="items")
        yield Static(self.headline(), id="headline", markup=False)
        yield SectionText(result_section(self.result()), id="result")

    def headline(self) -> str:
        """The result's first line, shown under the list when there is no room for the whole result."""
        result = self.result()
        symbol = f"{result.tier.symbol} " if result.tier else ""
        return _("Result: {headline} ({key} for more)").format(headline=f"{symbol}{result.headline}",
                                                               key=key_in_words("tab"))

    def show_result(self) -> None:
        """Put the current result in the panel and the one-line headline."""
        self.query_one("#result", SectionText).set_section(result_section(self.result()))
        set_text(self.query_one("#headline", Static), self.headline())

    def speech_content(self) -> tuple[list[Chunk | str], SectionText | None]:
        """The result, urgency first (the headline is its first sentence), highlighted as heard."""
        result = self.query_one("#result", SectionText)
        chunks = section_reading(result, with_title=False, language=self.guide_app.guide.language.code)
        tier = self.result().tier
        first = chunks[0] if chunks else None
        # The symbol is for the eye; the ear gets the word ("EMERGENCY") first. "!!!" ends a
        # sentence for the splitter, so it may be a chunk of its own.
        if tier and isinstance(first, Chunk) and first.text.strip() == tier.symbol:
            chunks.pop(0)
        elif tier and isinstance(first, Chunk) and first.text.startswith(f"{tier.symbol} "):
            skip = len(tier.symbol) + 1
            chunks[0] = Chunk(first.text[skip:], first.paragraph, first.start + skip, first.end)
        return chunks, result

    def action_switch_pane(self) -> None:
        """Tab: between list and result; on a short window the result takes the list's place."""
        result = self.query_one("#result", SectionText)
        to_result = self.focused is not result
        # The pane shown and the focus change in one frame: a frame between them would draw the
        # result one column wide, and a screen reader would spell it out.
        with self.app.batch_update():
            self.set_class(to_result, "-show-result")
            (result if to_result else self.query_one("#items")).focus()

    def on_descendant_focus(self) -> None:
        # Which pane shows on a short window follows focus (Tab, Shift+Tab or a click alike).
        self.set_class(self.focused is self.query_one("#result"), "-show-result")

    def can_act(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # (In a window too small to show the list none of these keys acts: GuideScreen.check_action.)
        if action == "toggle_item_here":
            # Space selects only where the items are; on the result it must not change a hidden item.
            return self.focused is self.query_one("#items")
        return super().can_act(action, parameters)

    def on_mount(self) -> None:
        items = self.query_one("#items", ChecklistItems)
        items.session = self.session
        self.refill()
        self.set_focus(items)  # at once, as in GuideScreen.fit: `focus()` waits for the app's queue
        tell(self, self.session.message, timeout=8)
        self.set_interval(DISK_CHECK_SECONDS, self.check_disk)

    def result(self) -> TriageResult:
        """The result for the current choices, in the words of the reader's region."""
        self.session.routes = routes_for(self.guide_app.settings.region, self.session.checklist.language.code)
        return self.session.result()

    def refill(self) -> None:
        """Draw every item with its state in words."""
        self.query_one("#items", GuideList).set_groups([
            (group.title, [(item.id, self.session.label(item)) for item in self.checklist.items_in(group)])
            for group in self.checklist.groups
        ])

    def say(self, notice: Notice | None) -> None:
        """Show a notice from the session (a change made elsewhere, a failed save), if any."""
        tell(self, notice)

    def check_disk(self) -> None:
        """Show a change that another copy of the guide made to the checklist."""
        if self.session.refresh():
            self.refill()
            self.show_result()
            self.say(OTHER_WINDOW)

    def toggle_item(self, item_id: str) -> None:
        """Change one item (saved at once, on top of any change made elsewhere), then its line
        and the result."""
        message = self.session.toggle(item_id, later=True)
        items = self.query_one("#items", GuideList)
        items.set_label(items.get_option_index(item_id), self.session.label(self.checklist.item(item_id)))
        self.show_result()
        self.say(message)
        # Self-voicing, posted by the list after anything it said of itself: the item's new state
        # is heard last.
        items.post_message(Announce(items, self.session.announcement(self.checklist.item(item_id))))
        # Saved once this frame is out: the lock, write and sync of the file took longer than the
        # 20 ms after which a screen reader reads the cursor's line.
        self.call_after_refresh(self.save_choices)

    def save_choices(self) -> None:
        """Save the changes drawn but not saved yet, and show a change made elsewhere, or why the
        save failed."""
        message = self.session.save_pending()
        if message == OTHER_WINDOW:
            self.refill()
            self.show_result()
        self.say(message)

    def on_unmount(self) -> None:
        self.session.save_pending()  # a change made just before quitting

    def action_toggle_item_here(self) -> None:
        option = self.query_one("#items", GuideList).highlighted_option
        if option is not None and option.id:
            self.toggle_item(option.id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.toggle_item(event.option.id)

    def action_save_summary(self) -> None:
        self.ask_question(0)

    def ask_question(self, index: int) -> None:
        """The optional questions one by one, then where to save."""
        if index >= len(QUESTIONS):
            self.ask_path()
            return
        question = QUESTIONS[index]

        def answered(reply: tuple[Step, str] | None) -> None:
            step, text = reply or ("cancel", "")
            if step == "cancel":
                return
            self.say(self.session.set_answer(question.id, text))
            if step == "done":
                self.ask_path()
            else:
                self.ask_question(index + 1)

        answer = self.session.state.answers.get(question.id, "")
        self.app.push_screen(DoctorQuestionDialog(question, index + 1, len(QUESTIONS), answer), answered)

    def ask_path(self) -> None:
        """Where to save the summary."""
        self.app.push_screen(
            SavePathDialog(_("Save a summary for a doctor. Where?"), default_summary_path()), self.write_summary
        )

    def write_summary(self, target: SaveTarget | None) -> None:
        """Write the summary where the reader chose, atomically, and say where."""
        if target is None:
            return
        path = target.path
        self.session.routes = routes_for(self.guide_app.settings.region, self.session.checklist.language.code)
        try:
            saved = self.session.save_summary(self.guide_app.guide, path, target.replace)
        except SaveProblem as exc:
            self.notify(_("Could not save: {problem}.").format(problem=exc), severity="error", timeout=8)
            return
        except FileExistsError:
            self.notify(_("Not saved: {path} appeared meanwhile. Save again to choose.").format(path=path),
                        severity="error", timeout=8)
            return
        except OSError as exc:
            self.notify(_("Could not save to {path}: {problem}.").format(path=path, problem=exc.strerror),
                        severity="error", timeout=8)
            return
        self.notify(_("Saved the summary as {path}").format(path=saved), timeout=8)

    def action_clear(self) -> None:
        count = len(self.session.state.ticks)
        if not count:
            self.notify(_("Nothing is selected."), timeout=3)
            return
        self.app.push_screen(
            ConfirmDialog(ngettext("Clear your one selection?", "Clear all {count} selections?", count)
                          .format(count=count), _("Yes, clear them"), _("No, keep them")),
            self.clear,
        )

    def clear(self, answer: str | None) -> None:
        """Forget every selection, on disk too (only on a "yes")."""
        if answer != "yes":
            return
        self.say(self.session.clear())
        self.refill()
        self.show_result()
        self.notify(_("Cleared every selection."), timeout=3)
