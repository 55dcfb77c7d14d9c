"""The symptom checklist as numbered prompts: one question at a time, plain lines, no redraw.

Modelled on the accessible modes of GitHub CLI's prompter and charm's huh: every question is one
printed line, every answer is a number typed and Enter, and nothing printed is ever moved,
erased or coloured. A screen reader or braille display reads each new line once; a pipe works
the same (`printf '3\\n7\\n0\\n' | spasm-guide --checklist`). Textual is never imported here.

Ticks are loaded from and saved to the same state file as the full-screen checklist, on every
change, so a dropped connection loses nothing already ticked.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from tui.data.checklist import Checklist, Item, load_checklist
from tui.data.checklist_state import clear_state, load_state, save_state, toggle
from tui.data.content import Guide
from tui.data.sanitize import clean_line
from tui.data.settings import Settings, emergency_line
from tui.data.summary import save_summary, summary_text
from tui.data.triage import DISCLAIMER, result_lines, triage
from tui.plain.render import wrap

TOGGLE_QUESTION = "Type a number to select or unselect it, 0 to finish:"
"""The one question the checklist asks, again and again."""

AFTER_MENU = (
    "What next?",
    "1. Save a summary for your doctor",
    "2. Change your choices",
    "3. Clear all your choices",
    "0. Finish",
)
"""The choices once the result is shown."""

AFTER_QUESTION = "Type a number, 0 to finish:"
"""The question under AFTER_MENU."""


class Prompter:
    """Numbered questions on a pair of text streams: read a line, answer with a number."""

    def __init__(self, stdin: TextIO, stdout: TextIO) -> None:
        self.stdin = stdin
        self.stdout = stdout
        # At a terminal the answer is typed after the question, on the same line; in a pipe
        # nothing echoes the answer, so each question ends its own line instead.
        self.interactive = _isatty(stdin)

    def say(self, *lines: str) -> None:
        """Print lines and flush at once, so a pipe or a screen reader gets them now."""
        for line in lines:
            self.stdout.write(f"{line}\n")
        self.stdout.flush()

    def ask(self, question: str, highest: int, relist: Callable[[], None] | None = None) -> int | None:
        """Ask until the answer is a number from 0 to `highest`; None at end of input.

        "?" calls `relist` (to show the choices again). Anything else that is not a number in
        range gets one line saying what to type, then the same question.
        """
        choices = f"a number from 0 to {highest}" if highest else "0"
        extra = ", or ? to see the list again" if relist else ""
        while True:
            self.stdout.write(f"{question} " if self.interactive else f"{question}\n")
            self.stdout.flush()
            line = self.stdin.readline()
            if not line:
                if self.interactive:
                    self.stdout.write("\n")
                return None
            answer = line.strip()
            if answer == "?" and relist:
                relist()
                continue
            if answer.isascii() and answer.isdigit():
                number = int(answer)
                if number <= highest:
                    return number
                self.say(f"There is no number {number} here. Type {choices}{extra}.")
            elif not answer:
                self.say(f"Nothing typed. Type {choices}{extra}.")
            else:
                shown = clean_line(answer)[:20]
                self.say(f"'{shown}' is not a number. Type {choices}{extra}.")


def _isatty(stream: TextIO) -> bool:
    """True for a terminal; False for a pipe, a file or a stream that cannot say."""
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def item_line(item: Item, checked: frozenset[str]) -> str:
    """'3. [x] Text (selected)' or '3. [ ] Text': the state in words, never colour alone.

    Never wrapped: a screen reader that reads the changed line must hear "(selected)" with it.
    """
    if item.id in checked:
        return f"{item.number}. [x] {item.text} (selected)"
    return f"{item.number}. [ ] {item.text}"


def list_lines(checklist: Checklist, checked: frozenset[str]) -> list[str]:
    """Every item, numbered, under its group's heading."""
    lines: list[str] = []
    for group in checklist.groups:
        lines.append(group.title)
        for item in checklist.items_in(group):
            lines.append(item_line(item, checked))
        lines.append("")
    return lines


class ChecklistSession:
    """One run of the checklist on a Prompter: load ticks, toggle and save, show the result."""

    def __init__(self, guide: Guide, checklist: Checklist, settings: Settings, prompter: Prompter) -> None:
        self.guide = guide
        self.checklist = checklist
        self.settings = settings
        self.prompter = prompter
        loaded = load_state(checklist)
        self.checked = loaded.checked
        self.message = loaded.message

    def show_list(self) -> None:
        """Print the whole numbered list (at the start, or when the reader asks with "?")."""
        self.prompter.say(*list_lines(self.checklist, self.checked))

    def save(self) -> None:
        """Write the ticks now; say so in one line if the disk refuses."""
        try:
            save_state(self.checked, checklist=self.checklist)
        except OSError as exc:
            self.prompter.say(f"Could not save your choices ({exc.strerror}). They count for this run only.")

    def choose(self) -> bool:
        """The toggle loop. Returns False if input ended (the result is still shown)."""
        total = len(self.checklist.items)
        while True:
            number = self.prompter.ask(TOGGLE_QUESTION, total, self.show_list)
            if number is None:
                return False
            if number == 0:
                return True
            item = self.checklist.by_number(number)
            self.checked = toggle(self.checked, item.id)
            self.save()
            # Only the changed line: what was printed before stays where it is.
            self.prompter.say(item_line(item, self.checked))

    def show_result(self) -> None:
        """Print the result, urgency first."""
        result = triage(self.checklist, self.checked, self.settings.emergency_number)
        self.prompter.say("", *result_lines(result), "")

    def save_summary(self) -> None:
        """Write a dated summary for a doctor and say where it went."""
        text = summary_text(self.guide, self.checklist, self.checked, self.settings.emergency_number)
        try:
            path = save_summary(text)
        except OSError as exc:
            self.prompter.say(f"Could not save the summary ({exc.strerror}).")
            return
        self.prompter.say(f"Saved the summary as {path}")

    def clear(self) -> None:
        """Untick everything and forget the saved ticks."""
        self.checked = frozenset()
        try:
            clear_state()
        except OSError as exc:
            self.prompter.say(f"Cleared your choices for this run, but not the saved ones ({exc.strerror}).")
            return
        self.prompter.say("Cleared all your choices.")

    def after_result(self) -> int | None:
        """The "What next?" menu until the reader finishes (0) or goes back to the list (2, 3).

        Returns 0 to finish, 2 to change the choices, or None at end of input.
        """
        while True:
            self.prompter.say(*AFTER_MENU)
            answer = self.prompter.ask(AFTER_QUESTION, len(AFTER_MENU) - 2, lambda: self.prompter.say(*AFTER_MENU))
            if answer == 1:
                self.save_summary()
                continue
            if answer == 3:
                self.clear()
                return 2
            return answer

    def run(self) -> bool:
        """The whole checklist. Returns False if input ended, True if the reader finished."""
        self.prompter.say(self.checklist.title, DISCLAIMER, *wrap(self.checklist.intro),
                          emergency_line(self.settings))
        if self.message:
            self.prompter.say(self.message)
        self.prompter.say("")
        self.show_list()
        while True:
            finished = self.choose()
            self.show_result()
            if not finished:
                return False
            answer = self.after_result()
            if answer is None:
                return False
            if answer == 0:
                return True
            self.prompter.say("")
            self.show_list()


def run_checklist_prompts(guide: Guide, settings: Settings, stdin: TextIO, stdout: TextIO) -> int:
    """`spasm-guide --checklist`: the checklist as numbered prompts. Returns the exit status."""
    checklist = load_checklist(guide.folder)
    ChecklistSession(guide, checklist, settings, Prompter(stdin, stdout)).run()
    return 0
