"""One reader's checklist: the choices and when they were made, changed under a lock, the
result, the item labels, the answers for a doctor and the summary.

Both interfaces use this one class: the full-screen checklist (`tui/fullscreen/screens/checklist.py`) and
the numbered prompts (`tui/plain/checklist_prompts.py`). What an item says, what a change does,
what the result says and what is saved are decided here, once.

Choices from an earlier day are kept, but they are not counted: a result is for what the
reader has now. Choosing such an item again says it is still true.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from enum import Enum
from pathlib import Path

from tui.data.care_routes import DEFAULT_REGION, CareRoutes, routes_for
from tui.data.checklist import Checklist, Item
from tui.data.checklist_state import (
    MAX_ANSWER_CHARS,
    SavedState,
    load_state,
    locked,
    now,
    save_state,
    signature,
    state_path,
)
from tui.data.content import Guide
from tui.data.dates import date_in_words, day_month
from tui.data.notices import Notice, info, warning
from tui.data.sanitize import clean_line
from tui.data.summary import SummaryInput, save_summary, summary_text
from tui.data.triage import EarlierItem, TriageResult, triage
from tui.data.words import N_, _

OTHER_WINDOW = info(N_("Your checklist was changed in another window. This list now shows those changes too."))
"""Said when a change made elsewhere is found (on a change here, or when looking): the one notice
after which the whole list is drawn again."""


class Mark(Enum):
    """An item's state, as shown and spoken."""

    SELECTED = "selected"
    """Chosen today: it counts."""
    EARLIER = "earlier"
    """Chosen on an earlier day: shown with its date, not counted until chosen again."""
    UNSELECTED = "unselected"
    """Not chosen."""


MARK_WORDS: dict[Mark, str] = {
    Mark.SELECTED: N_("selected"), Mark.EARLIER: N_("earlier"), Mark.UNSELECTED: N_("unselected"),
}
"""Each state as said after a change ("selected: ..."), shown through `_()`: the enum's values
are ids, the same in every language."""


def day_in_words(when: datetime.datetime, today: datetime.date, language: str = "en") -> str:
    """'27 November' ('27 de noviembre'), with the year only when it is not this year."""
    day = when.astimezone().date()
    return day_month(day, language) if day.year == today.year else date_in_words(day, language)


class ChecklistSession:
    """The checklist state of one reader, shared with any other copy through the state file."""

    def __init__(self, checklist: Checklist, routes: CareRoutes | None = None, path: Path | None = None,
                 persist: bool = True, clock: Callable[[], datetime.datetime] = now) -> None:
        self.checklist = checklist
        """The items and tiers."""
        self.routes = routes or routes_for(DEFAULT_REGION, checklist.language.code)
        """The reader's region: the number to call and where to go (in the checklist's language)."""
        self.path = path or state_path()
        """The state file shared by every copy of the guide."""
        self.persist = persist
        """False for a run that must neither read nor change the saved choices (piped input)."""
        self.clock = clock
        """The time now (a test sets it)."""
        self.state = SavedState()
        """The choices and answers as this copy last saw or made them."""
        self.message: Notice | None = None
        """A warning to say once, if the saved state had to be set aside."""
        self.just_unselected: str | None = None
        """The item whose tick was just removed, until the reader moves to another item: its label
        says "unselected" (see `label`)."""
        self._seen: tuple[int, int, int] | None = None
        self._pending: list[Callable[[SavedState], None]] = []
        """Changes applied here and not saved yet (`_change` with `later`)."""
        self._before_pending: tuple[dict[str, datetime.datetime], dict[str, str]] | None = None
        """The choices and answers before the first of them."""
        if persist:
            self._load()

    def _load(self) -> None:
        loaded = load_state(self.checklist, self.path)
        self.state = loaded.state
        self.message = None if loaded.message is None else warning(loaded.message)
        self._seen = signature(self.path)

    # What each item is.

    def mark(self, item_id: str) -> Mark:
        """Whether the item is chosen today, chosen earlier, or not chosen."""
        when = self.state.ticks.get(item_id)
        if when is None:
            return Mark.UNSELECTED
        return Mark.SELECTED if when.astimezone().date() >= self.clock().date() else Mark.EARLIER

    @property
    def checked(self) -> frozenset[str]:
        """Ids of the items that count: chosen today."""
        return frozenset(item_id for item_id in self.state.ticks if self.mark(item_id) is Mark.SELECTED)

    @property
    def earlier(self) -> tuple[EarlierItem, ...]:
        """Items chosen before today, in list order, with the day in words."""
        today, language = self.clock().date(), self.checklist.language.code
        return tuple(EarlierItem(item.text, day_in_words(self.state.ticks[item.id], today, language))
                     for item in self.checklist.items if self.mark(item.id) is Mark.EARLIER)

    def label(self, item: Item) -> str:
        """The item with its state first, in words, so a reader hears the state even when the
        line wraps: "selected: ...", "chosen 27 November, still true? ...", "[ ] ...".

        The word is the mark: a box before it ("[x] selected:") would only repeat it, and it
        costs a braille display 4 of its 40 cells and a screen reader a bracket said aloud. An
        item that is not chosen keeps its empty box "[ ]", the one mark a sighted reader needs.
        An item whose tick was just removed says so ("unselected: ...") until the reader moves
        to another item (`moved_to`): a screen reader reads the changed row, and "[ ]" alone is a
        bracket and a space, not the change.
        """
        mark = self.mark(item.id)
        if mark is Mark.SELECTED:
            return _("selected: {item}").format(item=item.text)
        if mark is Mark.EARLIER:
            day = day_in_words(self.state.ticks[item.id], self.clock().date(),
                               self.checklist.language.code)
            return _("chosen {date}, still true? {item}").format(date=day, item=item.text)
        if item.id == self.just_unselected:
            return _("unselected: {item}").format(item=item.text)
        return f"[ ] {item.text}"

    def moved_to(self, item_id: str | None) -> str | None:
        """The reader is now on `item_id`. Returns the id of the item whose label goes back to
        plain "[ ] ..." (the one just unselected, left now), if any. None (on no item, as while a
        list is refilled) leaves it as it is."""
        left = self.just_unselected
        if left is None or item_id is None or left == item_id:
            return None
        self.just_unselected = None
        return left

    def announcement(self, item: Item) -> str:
        """What to say after a change to the item: its new state, then its words."""
        return f"{_(MARK_WORDS[self.mark(item.id)])}: {item.text}"

    # Changes: each applied to what is on disk now, under the lock.

    def _change(self, apply: Callable[[SavedState], None], later: bool = False) -> Notice | None:
        """Apply a change to the state on disk (another copy may have changed it), save it, and
        return a notice to show: a change made elsewhere (info), or why it could not be saved (warning).

        `later`: apply it here now and save it at the next `save_pending` (the full screen draws
        the change first: the disk's lock, write and sync took 20-40 ms, and a screen reader
        reads the cursor's line 20 ms after the key)."""
        if not self.persist:
            apply(self.state)
            return None
        if later:
            if not self._pending:
                self._before_pending = (dict(self.state.ticks), dict(self.state.answers))
            self._pending.append(apply)
            apply(self.state)
            return None
        return self._save([*self._pending, apply], self._before_pending if self._pending else None)

    def save_pending(self) -> Notice | None:
        """Save the changes applied with `later` (if any), on top of what is on disk now; the notice
        to show, as `_change` returns it."""
        if not self._pending:
            return None
        return self._save(self._pending, self._before_pending, applied=True)

    def _save(self, changes: list[Callable[[SavedState], None]], before: tuple[dict[str, datetime.datetime],
              dict[str, str]] | None, applied: bool = False) -> Notice | None:
        """Under the lock: take in a change made on disk by another copy, apply `changes` (those of
        them not applied here yet, unless the state was read again), save. `before`: the choices
        before the first pending change (what the disk is compared with)."""
        self._pending, self._before_pending = [], None
        note: Notice | None = None
        done = len(changes) - (0 if applied else 1)  # how many are in self.state already
        try:
            with locked(self.path):
                if signature(self.path) != self._seen:
                    loaded = load_state(self.checklist, self.path)
                    seen = before or (self.state.ticks, self.state.answers)
                    if loaded.message is None and (loaded.state.ticks, loaded.state.answers) != seen:
                        self.state, note, done = loaded.state, OTHER_WINDOW, 0
                for change in changes[done:]:
                    change(self.state)
                save_state(self.state, self.path, self.checklist)
                self._seen = signature(self.path)
        except OSError as exc:
            for change in changes[done:]:
                change(self.state)
            return warning(_("Could not save your choices ({reason}). They count for this run only.").format(
                reason=exc.strerror))
        return note

    def toggle(self, item_id: str, later: bool = False) -> Notice | None:
        """Space or a number: a chosen item is unchosen; an unchosen or earlier one is chosen now
        (choosing an earlier item again says it is still true). `later`: saved at `save_pending`."""
        return self.select(item_id, self.mark(item_id) is not Mark.SELECTED, later)

    def select(self, item_id: str, on: bool, later: bool = False) -> Notice | None:
        """Choose the item now, or unchoose it, whatever it was."""
        self.checklist.item(item_id)  # KeyError for an id the checklist does not have.
        when = self.clock()
        removed: list[str] = []

        def apply(state: SavedState) -> None:
            if on:
                state.ticks[item_id] = when
            else:
                if state.ticks.pop(item_id, None) is not None:
                    removed.append(item_id)
        note = self._change(apply, later)
        # A change to an item is a move to it: one unselected before goes back to plain "[ ]".
        self.just_unselected = item_id if removed else None
        return note

    def clear(self) -> Notice | None:
        """Forget every choice (the answers for a doctor stay: they are not symptoms)."""
        self.just_unselected = None
        return self._change(lambda state: state.ticks.clear())

    def set_answer(self, question_id: str, text: str) -> Notice | None:
        """Keep an answer for the summary; an empty answer forgets it."""
        answer = clean_line(text)[:MAX_ANSWER_CHARS]

        def apply(state: SavedState) -> None:
            if answer:
                state.answers[question_id] = answer
            else:
                state.answers.pop(question_id, None)
        return self._change(apply)

    def refresh(self) -> bool:
        """Pick up a change another copy made; True if there was one (then show OTHER_WINDOW)."""
        if not self.persist or self._pending or signature(self.path) == self._seen:
            return False  # (a change not saved yet is saved, on top of the other's, first)
        before = (dict(self.state.ticks), dict(self.state.answers))
        self._load()
        return (self.state.ticks, self.state.answers) != before

    # What it all means.

    def result(self) -> TriageResult:
        """The result for the choices that count, in the reader's region's words."""
        return triage(self.checklist, self.checked, self.routes, self.earlier)

    def summary(self, guide: Guide, when: datetime.datetime | None = None) -> str:
        """The one-page summary for a doctor."""
        data = SummaryInput(self.result(), self.checked, dict(self.state.answers))
        return summary_text(guide, self.checklist, data, when or self.clock())

    def save_summary(self, guide: Guide, path: Path | None = None, replace: bool = False) -> Path:
        """Write the summary atomically and return where; SaveProblem and OSError are the
        caller's to report (tui/data/summary.py)."""
        return save_summary(self.summary(guide), path, replace)
