""""Cramp now" as numbered prompts (`--accessible`): pick the muscle, read the three steps, and a
timer that asks at the check time whether it has eased.

The words and the timing come from `tui.data.cramp_now`, shared with the full screen. Nothing
printed is ever moved or erased. At a terminal the question at the check time is printed when
the time comes, even while another question waits for an answer: it is one new line at the end,
read once by a screen reader, and the answer typed next answers it (its numbers are the same as
the menu's). From a pipe there is no waiting: the time is looked at between questions.
Textual is never imported here.
"""

from __future__ import annotations

import select
import time
from collections.abc import Callable
from typing import TextIO

from tui.data.care_routes import routes_for
from tui.data.checklist import load_checklist
from tui.data.checklist_session import ChecklistSession
from tui.data.content import Guide
from tui.data.cramp_now import (
    EASED_QUESTION,
    CrampNow,
    CrampTimer,
    Muscle,
    check_message,
    early_question,
    eased_lines,
    keep_going,
    so_far,
    step_lines,
    timer_started,
)
from tui.data.errors import GuideError
from tui.data.settings import Settings, emergency_line
from tui.data.triage import result_lines
from tui.data.words import N_, _
from tui.plain.checklist_prompts import Prompter
from tui.plain.render import wrap

MUSCLE_QUESTION = N_("Type the number of the muscle, 0 to go back:")
"""The question under the list of muscles."""

TIMER_MENU = (
    N_("1. It has eased"),
    N_("2. It has not eased"),
    N_("3. How long so far?"),
    N_("0. Stop and go back"),
)
"""The choices while the timer runs: the two answers first."""

TIMER_QUESTION = N_("Type a number, 0 to go back:")
"""The question under TIMER_MENU."""

CHECK_ANSWER = N_("Type 1 if it has, 2 if it has not:")
"""How the question at the check time is answered: the menu's own numbers."""

POLL_SECONDS = 1.0
"""At a terminal, how often the clock is looked at while an answer is awaited (a clock that
jumps, as after a suspend, is still noticed)."""


class DeadlineInput:
    """A terminal's input whose readline, while waiting, calls `on_due` once `seconds_left()`
    reaches 0. `seconds_left()` returning None means nothing is due: a plain readline."""

    def __init__(self, stream: TextIO, seconds_left: Callable[[], float | None], on_due: Callable[[], None]) -> None:
        self.stream = stream
        """The real input."""
        self.seconds_left = seconds_left
        """Seconds until something is due, or None."""
        self.on_due = on_due
        """Called when it is due (it must make `seconds_left` return None)."""

    def isatty(self) -> bool:
        """Only made for a terminal."""
        return True

    def readline(self) -> str:
        """The next line; at the due time, `on_due` runs first and the wait goes on."""
        while True:
            left = self.seconds_left()
            if left is None:
                return self.stream.readline()
            if left <= 0:
                self.on_due()
                continue
            ready, _writable, _failed = select.select([self.stream], [], [], min(left, POLL_SECONDS))
            if ready:
                return self.stream.readline()


class CrampPrompts:
    """One "cramp now" on a Prompter."""

    def __init__(self, guide: Guide, cramp: CrampNow, settings: Settings, prompter: Prompter,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.guide = guide
        """The guide, for its checklist."""
        self.cramp = cramp
        """The muscles, steps and words."""
        self.settings = settings
        """The reader's region."""
        self.prompter = prompter
        """Where questions are asked."""
        self.clock = clock
        """Where the time comes from (a test replaces it)."""
        self.timer: CrampTimer | None = None
        """Runs from the steps to an answer."""
        self.in_menu = False
        """The timer menu's question is waiting: only its numbers answer the check question."""

    def show_muscles(self) -> None:
        """The numbered muscles."""
        self.prompter.say(self.cramp.question,
                          *(f"{n}. {m.name}" for n, m in enumerate(self.cramp.muscles, start=1)))

    def show_menu(self) -> None:
        """The choices while the timer runs."""
        self.prompter.say(*(_(line) for line in TIMER_MENU))

    def check_lines(self) -> list[str]:
        """The message and the question at the check time."""
        return [check_message(self.cramp.check_minutes), f"{_(EASED_QUESTION)} {_(CHECK_ANSWER)}"]

    def seconds_left(self) -> float | None:
        """Seconds to the check time, or None when it is asked already (or no timer runs)."""
        timer = self.timer
        return None if timer is None or timer.asked or not self.in_menu else timer.remaining()

    def ask_now(self) -> None:
        """At a terminal, while a question waits: say the time has come and ask, on new lines."""
        if self.timer is not None:
            self.timer.asked = True
        lines = self.check_lines()
        self.prompter.stdout.write("\n" + "\n".join(self.prompter.rows(*lines[:-1])) + "\n"
                                   + self.prompter.question(lines[-1]))
        self.prompter.stdout.flush()

    def run(self) -> bool:
        """The whole "cramp now". Returns False if input ended, True when done."""
        self.prompter.say(self.cramp.title, emergency_line(self.settings), "")
        self.show_muscles()
        number = self.prompter.ask(_(MUSCLE_QUESTION), len(self.cramp.muscles), self.show_muscles)
        if number is None:
            return False
        if number == 0:
            return True
        return self.stretch(self.cramp.muscles[number - 1])

    def stretch(self, muscle: Muscle) -> bool:
        """The steps, then the timer until an answer. Returns False if input ended."""
        lines = ["", muscle.name]
        for line in step_lines(muscle):
            lines += wrap(line)
        self.prompter.say(*lines, *wrap(timer_started(self.cramp.check_minutes)), "")
        self.timer = timer = CrampTimer(self.cramp.check_minutes, self.clock)
        if self.prompter.interactive:
            self.prompter.stdin = DeadlineInput(self.prompter.stdin, self.seconds_left,  # type: ignore[assignment]
                                                self.ask_now)
        try:
            while True:
                if timer.due():  # from a pipe: looked at between questions
                    timer.asked = True
                    answer_this = _("Type 1 if it has, 2 if it has not.")
                    self.prompter.say(self.check_lines()[0], f"{_(EASED_QUESTION)} {answer_this}")
                self.show_menu()
                self.in_menu = True
                answer = self.prompter.ask(_(TIMER_QUESTION), len(TIMER_MENU) - 1, self.show_menu)
                self.in_menu = False
                if answer is None:
                    return False
                if answer == 0:
                    return True
                if answer == 1:
                    self.prompter.say("", *eased_lines(self.cramp.eased), "")
                    return True
                if answer == 3:
                    self.prompter.say(so_far(timer.elapsed()), "")
                    continue
                if timer.past_check():
                    return self.show_urgent()
                sure = self.prompter.yes_no(early_question(self.cramp.check_minutes))
                if sure is None:
                    return False
                if sure:
                    return self.show_urgent()
                self.prompter.say(keep_going(self.cramp.check_minutes), "")
        finally:
            if isinstance(self.prompter.stdin, DeadlineInput):
                self.prompter.stdin = self.prompter.stdin.stream

    def show_urgent(self) -> bool:
        """Choose the long-cramp item (saved at a terminal, as the checklist does) and print the
        result, urgency first."""
        try:
            checklist = load_checklist(self.guide.folder)
            item = self.cramp.long_cramp(checklist)
        except GuideError as exc:
            self.prompter.say(_("The checklist cannot be shown: {problem}").format(problem=exc.one_line()))
            return True
        session = ChecklistSession(checklist, routes_for(self.settings.region, checklist.language.code),
                                   persist=self.prompter.interactive)
        for notice in (session.message, session.select(item.id, True)):
            if notice is not None:
                self.prompter.say(_(notice.text))
        self.prompter.say("", *result_lines(session.result()), "")
        return True
