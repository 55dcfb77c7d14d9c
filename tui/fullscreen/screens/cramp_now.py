""""Cramp now": pick the muscle, stretch it in three steps, and a timer that asks at 10 minutes
whether it has eased; "no" shows the URGENT result, "yes" a self-care close.

Nothing is redrawn while the timer runs: the time is shown (and spoken, with self-voicing) only
when the reader presses t, and once at the check time, when the question appears and the
cursor moves to it. The result of "not eased" is shown here, on this screen, in the checklist's
own layout, and the checklist item is chosen and saved, so the checklist (k) shows it too.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import OptionList, Static

from tui.data.built_sections import result_section
from tui.data.care_routes import routes_for
from tui.data.checklist import load_checklist
from tui.data.checklist_session import ChecklistSession
from tui.data.content import Block, Section
from tui.data.cramp_now import (
    EASED_QUESTION,
    CrampNow,
    CrampTimer,
    Muscle,
    check_message,
    early_question,
    keep_going,
    load_cramp_now,
    so_far,
    step_lines,
    timer_started,
)
from tui.data.errors import GuideError
from tui.data.key_names import key_in_words
from tui.data.key_table import keys_in_force
from tui.data.pages import made_section
from tui.data.sentences import Chunk
from tui.data.triage import DISCLAIMER, TriageResult
from tui.data.words import N_, _, current_language
from tui.fullscreen.context import GuideContext
from tui.fullscreen.dialogs.confirm import ConfirmDialog
from tui.fullscreen.keys import keyed
from tui.fullscreen.notices import tell
from tui.fullscreen.reader import section_reading
from tui.fullscreen.screens.base import GuideScreen, loaded_or_said
from tui.fullscreen.widgets.guide_list import GuideList
from tui.fullscreen.widgets.section_text import SectionText

CHECK_SECONDS = 1.0
"""How often the screen looks at the clock (it repaints only at the check time)."""


class StatusLine(Static, can_focus=True):
    """One line for the timer: focusable, so the cursor (and a screen reader) goes to what it says."""


class CrampNowScreen(GuideScreen):
    """The muscles, then the steps and the timer, then the result.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        keyed("cramp.time", N_("Time"), tooltip=N_("Say how long the stretch has been going")),
        keyed("cramp.eased", N_("Eased"), tooltip=N_("Say the cramp has eased")),
        keyed("cramp.not_eased", N_("Not eased"), tooltip=N_("Say the cramp has not eased")),
        keyed("cramp.next_field", N_("Timer"), tooltip=N_("Move between the steps and the timer line")),
    ]
    """The time, the two answers, and moving between the steps and the timer line."""

    DEFAULT_CSS: ClassVar[str] = """
    CrampNowScreen #cramp-question { height: auto; margin: 0 0 1 0; }
    CrampNowScreen #cramp-text { height: 1fr; }
    CrampNowScreen #cramp-status { height: auto; margin: 1 0 0 0; text-style: bold; }
    CrampNowScreen.-short #cramp-question, CrampNowScreen.-short #cramp-status { margin: 0; }
    CrampNowScreen.-choosing #cramp-text, CrampNowScreen.-choosing #cramp-status { display: none; }
    CrampNowScreen #muscles, CrampNowScreen #cramp-question { display: none; }
    CrampNowScreen.-choosing #muscles, CrampNowScreen.-choosing #cramp-question { display: block; }
    CrampNowScreen.-finished #cramp-status { display: none; }
    """
    """The muscles while choosing; then the steps, with the timer line under them until an answer."""

    SCREEN_NAME = "cramp_now"

    @classmethod
    def make(cls, context: GuideContext) -> CrampNowScreen | None:
        cramp = loaded_or_said(context, N_("Cramp now cannot be shown: {problem}"),
                               lambda: load_cramp_now(context.guide.folder))
        return None if cramp is None else cls(cramp)

    def __init__(self, cramp: CrampNow, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self.cramp = cramp
        """The muscles, steps and words."""
        self.clock = clock
        """Where the time comes from (a test replaces it)."""
        self.muscle: Muscle | None = None
        """The muscle chosen (None: still choosing)."""
        self.timer: CrampTimer | None = None
        """Runs from the moment the steps are shown until an answer."""
        self.outcome: TriageResult | str | None = None
        """The URGENT result ("not eased"), "eased", or None while the timer runs."""

    def screen_title(self) -> str:
        return self.cramp.title

    def compose_body(self) -> ComposeResult:
        yield Static(self.cramp.title, classes="title", markup=False, id="cramp-title")
        yield Static(self.cramp.question, markup=False, id="cramp-question")
        yield GuideList([m.name for m in self.cramp.muscles], ids=[m.id for m in self.cramp.muscles],
                        id="muscles")
        yield SectionText(made_section(self.cramp.title, []), id="cramp-text")
        yield StatusLine("", markup=False, id="cramp-status")

    def on_mount(self) -> None:
        self.set_class(True, "-choosing")
        muscles = self.query_one("#muscles", GuideList)
        muscles.highlighted = 0
        muscles.focus()

    # Which keys work when ----------------------------------------------------------------------

    @property
    def timing(self) -> bool:
        """The steps are shown and no answer has been given yet."""
        return self.timer is not None and self.outcome is None

    def can_act(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("time", "eased", "not_eased", "switch_pane"):
            return self.timing
        return super().can_act(action, parameters)

    # Choosing the muscle -----------------------------------------------------------------------

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.start(self.cramp.muscle(event.option.id))

    def start(self, muscle: Muscle) -> None:
        """Show the muscle's steps and start the timer."""
        self.muscle = muscle
        self.timer = CrampTimer(self.cramp.check_minutes, self.clock)
        blocks = [Block("subheading", (muscle.name,)), *(Block("paragraph", (line,)) for line in step_lines(muscle))]
        text = self.query_one("#cramp-text", SectionText)
        text.set_section(made_section(self.cramp.title, blocks))
        self.set_status(timer_started(self.cramp.check_minutes))
        self.set_class(False, "-choosing")
        text.focus()
        text.scroll_home(animate=False)
        self.set_interval(CHECK_SECONDS, self.check_time)
        self.refresh_bindings()
        # One string: announce() joins its parts with ". ", and these already end with a full stop.
        self.guide_app.announce(" ".join([f"{muscle.name}.", *step_lines(muscle),
                                          timer_started(self.cramp.check_minutes)]))

    def set_status(self, words: str) -> None:
        """Put words on the timer line."""
        self.query_one("#cramp-status", StatusLine).update(words)

    def tell(self, words: str) -> None:
        """Show words on the timer line, move the cursor there, and say them (with self-voicing),
        even when they are the same words as last time: the reader asked."""
        self.set_status(words)
        self.query_one("#cramp-status", StatusLine).focus()
        self.guide_app.reader.last_announced = ""
        self.guide_app.announce(words)

    # The timer ---------------------------------------------------------------------------------

    def check_time(self) -> None:
        """Ask once, at the check time. Called every CHECK_SECONDS; changes nothing before then."""
        if self.timing and self.timer is not None and self.timer.due():
            self.timer.asked = True
            minutes = self.cramp.check_minutes
            # The keys in force: "s" for sí in Spanish (tui/data/key_table.py), or the reader's own.
            yes, no = (key_in_words(keys_in_force(key_id, current_language(), self.guide_app.settings.keys)
                                    .split(",")[0]) for key_id in ("cramp.eased", "cramp.not_eased"))
            # TRANSLATORS: the keys for yes and no after the question, as short as the line allows.
            keys = _("{yes}/{no}").format(yes=yes, no=no)
            self.set_status(f"{check_message(minutes)} {_(EASED_QUESTION)} {keys}")
            self.query_one("#cramp-status", StatusLine).focus()
            self.guide_app.reader.last_announced = ""
            press = _("Press {yes} for yes, {no} for no.").format(yes=yes, no=no)
            self.guide_app.announce(f"{check_message(minutes)} {_(EASED_QUESTION)} {press}")

    def action_time(self) -> None:
        if self.timer is not None:
            self.tell(so_far(self.timer.elapsed()))

    def action_switch_pane(self) -> None:
        text = self.query_one("#cramp-text", SectionText)
        (self.query_one("#cramp-status", StatusLine) if self.focused is text else text).focus()

    # The answers -------------------------------------------------------------------------------

    def action_eased(self) -> None:
        """The self-care close."""
        eased = self.cramp.eased
        blocks = [Block("subheading", (eased.headline,)), Block("paragraph", (_("What to do:"),)),
                  Block("bullets", eased.advice), Block("paragraph", (_("If it comes back:"),)),
                  Block("bullets", (eased.safety_net,)), Block("paragraph", (_(DISCLAIMER),))]
        self.finish("eased", made_section(_("Result"), blocks), eased.headline)

    def action_not_eased(self) -> None:
        """Before the check time, ask whether it has lasted that long in all (the time before
        this screen counts); at or after it, straight to the result."""
        if self.timer is not None and self.timer.past_check():
            self.show_urgent()
            return
        minutes = self.cramp.check_minutes
        self.app.push_screen(ConfirmDialog(early_question(minutes), _("Yes, it has lasted that long"),
                                           _("No, not yet")), self.early_answer)

    def early_answer(self, answer: str | None) -> None:
        """The reply to the early question."""
        if answer == "yes":
            self.show_urgent()
        elif self.timing:
            self.tell(keep_going(self.cramp.check_minutes))

    def show_urgent(self) -> None:
        """Choose the long-cramp item in the shared checklist (saved), and show its result here."""
        try:
            checklist = load_checklist(self.guide_app.guide.folder)
            item = self.cramp.long_cramp(checklist)
        except GuideError as exc:
            self.notify(_("The checklist cannot be shown: {problem}").format(problem=exc.one_line()),
                        severity="error", timeout=10)
            return
        session = ChecklistSession(checklist, routes_for(self.guide_app.settings.region, checklist.language.code))
        for notice in (session.message, session.select(item.id, True)):
            tell(self, notice)
        result = session.result()
        said = result.headline
        if result.reasons:
            # TRANSLATORS: the same words as the checklist result's heading over the chosen items.
            because = _("Because you chose:")
            said += f". {because} {'; '.join(result.reasons)}"
        self.finish(result, result_section(result), said)

    def finish(self, outcome: TriageResult | str, section: Section, *said: str) -> None:
        """Show an outcome in place of the steps; the timer line goes."""
        self.outcome = outcome
        text = self.query_one("#cramp-text", SectionText)
        text.set_section(section)
        self.set_class(True, "-finished")
        text.focus()
        text.scroll_home(animate=False)
        self.refresh_bindings()
        self.guide_app.announce(*said)

    # Reading aloud -----------------------------------------------------------------------------

    def announce_screen(self) -> None:
        """Self-voicing on coming back (from help, say): the title, then the timer line when the
        cursor is on it, so a question asked meanwhile is heard."""
        status = self.query_one("#cramp-status", StatusLine)
        if self.focused is status:
            self.guide_app.announce(self.screen_title(), str(status.content))
        else:
            super().announce_screen()

    def speech_content(self) -> tuple[list[Chunk | str], SectionText | None]:
        """While choosing: the question and the muscles. Then the steps (or the result) with the
        timer line."""
        if self.muscle is None:
            parts, _view = super().speech_content()
            return [parts[0], self.cramp.question, *parts[1:]], None
        text = self.query_one("#cramp-text", SectionText)
        chunks = section_reading(text, with_title=False, language=self.guide_app.guide.language.code)
        status = str(self.query_one("#cramp-status", StatusLine).content)
        if self.outcome is None and status:
            chunks.append(status)
        return chunks, text
