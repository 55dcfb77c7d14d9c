"""The symptom checklist as numbered prompts: one question at a time, plain lines, no redraw.

Modelled on the accessible modes of GitHub CLI's prompter and charm's huh: every question is one
printed line, every answer is a number typed and Enter, and nothing printed is ever moved,
erased or coloured. A screen reader or braille display reads each new line once; a pipe works
the same (`printf '3\\n7\\n0\\n' | spasm-guide --checklist`). Textual is never imported here.

What the checklist does is decided by `tui.data.checklist_session.ChecklistSession`, shared with
the full-screen checklist; this module only asks and prints. At a terminal the choices are the
saved ones and every change is saved at once. From a pipe or a file (a script) the run starts
with nothing chosen, a number chooses that item (it never unchooses), and the saved choices are
left alone, so the same input always gives the same answer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from tui.data.care_routes import routes_for
from tui.data.checklist import Checklist, Item, load_checklist
from tui.data.checklist_session import ChecklistSession, Mark
from tui.data.content import Guide
from tui.data.doctor_questions import INTRO, QUESTIONS
from tui.data.key_names import key_in_words
from tui.data.notices import Notice
from tui.data.safe_save import SaveProblem
from tui.data.sanitize import clean_line
from tui.data.settings import Settings, emergency_line
from tui.data.triage import DISCLAIMER, result_lines
from tui.data.words import N_, _, ngettext
from tui.plain.render import fit, terminal_width, wrap

TOGGLE_QUESTION = N_("Type a number to select or unselect it, 0 to finish:")
"""The one question the checklist asks at a terminal, again and again."""

PIPE_QUESTION = N_("Type a number to select it, 0 to finish:")
"""The same question when input is not a terminal: a number only ever selects."""

PIPE_NOTE = N_("Input is not a terminal, so this run starts with nothing chosen, a number selects "
               "that item, and your saved choices are left as they are.")
"""Said once at the start of a piped run, so a script's reader knows why."""

AFTER_MENU = (
    N_("What next?"),
    N_("1. Save a summary for your doctor"),
    N_("2. Change your choices"),
    N_("3. Clear all your choices"),
    N_("0. Finish"),
)
"""The choices once the result is shown."""

AFTER_QUESTION = N_("Type a number, 0 to finish:")
"""The question under AFTER_MENU."""

LONGEST_ANSWER = 6
"""More characters than this cannot be a choice: the hint is given, the text never parsed."""

ANSWER_ROOM = 8
"""Columns kept free after a question's last row, so the answer typed there stays on its row."""


class Prompter:
    """Numbered questions on a pair of text streams: read a line, answer with a number."""

    def __init__(self, stdin: TextIO, stdout: TextIO) -> None:
        self.stdin = stdin
        """Where answers come from."""
        self.stdout = stdout
        """Where questions go."""
        self.interactive = _isatty(stdin)
        """At a terminal the answer is typed after the question, on the same line; in a pipe
        nothing echoes the answer, so each question ends its own line instead."""

    def rows(self, *lines: str, room: int = 0) -> list[str]:
        """`lines` broken between words for the window's width (less `room` columns), so the
        terminal never breaks a word in two; at a pipe, the lines as they are."""
        width = terminal_width(self.stdout)
        if width is not None:
            width = max(20, width - 1 - room)
        return [row for line in lines for row in fit(line, width)]

    def say(self, *lines: str) -> None:
        """Print lines and flush at once, so a pipe or a screen reader gets them now."""
        for line in self.rows(*lines):
            self.stdout.write(f"{line}\n")
        self.stdout.flush()

    def question(self, question: str) -> str:
        """`question` as written: its rows broken between words, the last left open for the
        answer at a terminal (or ended, in a pipe, where nothing echoes the answer)."""
        rows = self.rows(question, room=ANSWER_ROOM)
        return "\n".join(rows) + (" " if self.interactive else "\n")

    def read(self, question: str) -> str | None:
        """Ask once and return the answer's line (stripped); None at end of input."""
        self.stdout.write(self.question(question))
        self.stdout.flush()
        line = self.stdin.readline()
        if not line:
            if self.interactive:
                self.stdout.write("\n")
            return None
        return line.strip()

    def ask(self, question: str, highest: int, relist: Callable[[], None] | None = None) -> int | None:
        """Ask until the answer is a number from 0 to `highest`; None at end of input.

        "?" calls `relist` (to show the choices again). Anything else that is not a number in
        range gets one line saying what to type, then the same question.
        """
        choices = _("a number from 0 to {highest}").format(highest=highest) if highest else "0"
        extra = _(", or ? to see the list again") if relist else ""
        while True:
            answer = self.read(question)
            if answer is None:
                return None
            if answer == "?" and relist:
                relist()
                continue
            if 0 < len(answer) <= LONGEST_ANSWER and answer.isascii() and answer.isdigit():
                number = int(answer)
                if number <= highest:
                    return number
                self.say(_("There is no number {number} here. Type {choices}{extra}.").format(
                    number=number, choices=choices, extra=extra))
            elif not answer:
                self.say(_("Nothing typed. Type {choices}{extra}.").format(choices=choices, extra=extra))
            else:
                shown = clean_line(answer)
                shown = shown if len(shown) <= 20 else f"{shown[:20]}..."
                self.say(_("'{answer}' is not a number here. Type {choices}{extra}.").format(
                    answer=shown, choices=choices, extra=extra))

    def yes_no(self, question: str) -> bool | None:
        """A yes-or-no question as numbers: True for 1, False for 0, None at end of input."""
        answer = self.ask(_("{question} Type 1 for yes, 0 for no:").format(question=question), 1)
        return None if answer is None else answer == 1


def _isatty(stream: TextIO) -> bool:
    """True for a terminal; False for a pipe, a file or a stream that cannot say."""
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class ChecklistPrompts:
    """One run of the checklist on a Prompter: choose, see the result, save a summary."""

    def __init__(self, guide: Guide, checklist: Checklist, settings: Settings, prompter: Prompter) -> None:
        self.guide = guide
        """The guide, for the summary's credit."""
        self.settings = settings
        """The reader's region."""
        self.prompter = prompter
        """Where questions are asked."""
        self.session = ChecklistSession(checklist, routes_for(settings.region, checklist.language.code),
                                        persist=prompter.interactive)
        """What the checklist does, shared with the full screen."""

    @property
    def checklist(self) -> Checklist:
        """The items and tiers."""
        return self.session.checklist

    def item_line(self, item: Item) -> str:
        """'3. selected: Text': the state in words, first. Never wrapped: a screen reader that
        reads the changed line must hear the state with it."""
        return f"{item.number}. {self.session.label(item)}"

    def show_list(self) -> None:
        """Print the whole numbered list (at the start, or when the reader asks with "?")."""
        lines: list[str] = []
        for group in self.checklist.groups:
            lines.append(group.title)
            lines += [self.item_line(item) for item in self.checklist.items_in(group)]
            lines.append("")
        self.prompter.say(*lines)

    def note(self, notice: Notice | None) -> None:
        """Say a notice from the session (a change made elsewhere, a failed save), if any: the
        words alone, as every line here is plain words."""
        if notice is not None:
            self.prompter.say(_(notice.text))

    def choose(self) -> bool:
        """The choosing loop. Returns False if input ended (the result is still shown)."""
        question = _(TOGGLE_QUESTION if self.prompter.interactive else PIPE_QUESTION)
        while True:
            number = self.prompter.ask(question, len(self.checklist.items), self.show_list)
            if number is None:
                return False
            if number == 0:
                return True
            item = self.checklist.by_number(number)
            if self.prompter.interactive:
                self.note(self.session.toggle(item.id))
            else:
                self.note(self.session.select(item.id, True))
            # Only the changed item, its state first: what was printed before stays where it is.
            self.prompter.say(f"{item.number}. {self.session.announcement(item)}")

    def show_result(self) -> None:
        """Print the result, urgency first."""
        self.prompter.say("", *result_lines(self.session.result()), "")

    def ask_questions(self) -> bool:
        """The optional questions for a doctor. Returns False if input ended."""
        self.prompter.say("", *wrap(_(INTRO)))
        for question in QUESTIONS:
            before = self.session.state.answers.get(question.id)
            if before:
                self.prompter.say(_("(Now: {answer}. {enter} keeps it, a dash clears it.)").format(
                    answer=before, enter=key_in_words("enter")))
            answer = self.prompter.read(_(question.text))
            if answer is None:
                return False
            if answer == "-":
                self.note(self.session.set_answer(question.id, ""))
            elif answer:
                self.note(self.session.set_answer(question.id, answer))
        return True

    def save_summary(self) -> bool:
        """Ask the optional questions, write the summary and say where. False if input ended."""
        going = self.ask_questions()
        try:
            path = self.session.save_summary(self.guide)
        except SaveProblem as exc:
            self.prompter.say(_("Could not save the summary ({reason}).").format(reason=exc))
            return going
        except OSError as exc:
            self.prompter.say(_("Could not save the summary ({reason}).").format(reason=exc.strerror))
            return going
        self.prompter.say(_("Saved the summary as {path}").format(path=path))
        return going

    def clear(self) -> bool | None:
        """Ask first, then forget every choice. None if input ended."""
        count = len(self.session.state.ticks)
        if not count:
            self.prompter.say(_("Nothing is selected."))
            return True
        sure = self.prompter.yes_no(ngettext("Clear your one choice?", "Clear all {count} choices?", count)
                                    .format(count=count))
        if sure is None:
            return None
        if sure:
            self.note(self.session.clear())
            self.prompter.say(_("Cleared all your choices."))
        else:
            self.prompter.say(_("Kept your choices."))
        return True

    def show_after_menu(self) -> None:
        """The "What next?" menu, in the language shown now."""
        self.prompter.say(*(_(line) for line in AFTER_MENU))

    def after_result(self) -> int | None:
        """The "What next?" menu until the reader finishes (0) or goes back to the list (2, 3).

        Returns 0 to finish, 2 to change the choices, or None at end of input.
        """
        while True:
            self.show_after_menu()
            answer = self.prompter.ask(_(AFTER_QUESTION), len(AFTER_MENU) - 2, self.show_after_menu)
            if answer == 1:
                if not self.save_summary():
                    return None
                continue
            if answer == 3:
                if self.clear() is None:
                    return None
                return 2
            return answer

    def start(self) -> None:
        """The title, the list, and what is special about this run."""
        self.prompter.say(self.checklist.title, _(DISCLAIMER), *wrap(self.checklist.intro),
                          emergency_line(self.settings))
        if not self.prompter.interactive:
            self.prompter.say(*wrap(_(PIPE_NOTE)))
        self.note(self.session.message)
        self.prompter.say("")
        self.show_list()
        earlier = [item for item in self.checklist.items if self.session.mark(item.id) is Mark.EARLIER]
        if earlier:
            self.prompter.say(*wrap(ngettext(
                "You chose {count} of these before today, marked \"chosen\". It does not count until you type "
                "its number again to say it is still true.",
                "You chose {count} of these before today, marked \"chosen\". They do not count until you type "
                "their number again to say they are still true.", len(earlier)).format(count=len(earlier))), "")

    def run(self) -> bool:
        """The whole checklist. Returns False if input ended, True if the reader finished."""
        self.start()
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
    ChecklistPrompts(guide, checklist, settings, Prompter(stdin, stdout)).run()
    return 0
