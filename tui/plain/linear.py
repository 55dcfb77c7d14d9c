"""The whole guide as plain numbered prompts (`--accessible`, or `ACCESSIBLE=1`).

For a screen reader, a braille display, a slow SSH link or a script: a numbered main menu, one
question at a time, each section printed as plain text, the checklist as numbered prompts.
Nothing is redrawn, nothing is coloured, and Textual is never imported. End of input (Ctrl+D,
or the end of a pipe) quits cleanly from any question.
"""

from __future__ import annotations

import functools
import shutil
from collections.abc import Callable
from typing import TextIO

from tui.data.checklist import load_checklist
from tui.data.content import Guide
from tui.data.errors import ContentError
from tui.data.key_names import key_in_words
from tui.data.pages import PAGES, section_end
from tui.data.places import prompt_menu, prompt_number
from tui.data.search import Hit, found_count, search_guide
from tui.data.settings import Settings, emergency_line
from tui.data.words import N_, _
from tui.plain.checklist_prompts import ChecklistPrompts, Prompter
from tui.plain.render import get_help_lines, page_lines, section_lines, wrap


def main_menu() -> tuple[str, ...]:
    """The main menu, one choice a line, from the places table (tui/data/places.py)."""
    return (_("Main menu"), *(f"{row.prompt_number}. {_(row.prompt_label)}" for row in prompt_menu()))


MAIN_QUESTION = N_("Type a number, 0 to quit:")
"""The main menu's question."""

SECTION_QUESTION = N_("Type a section number to read it, 0 to go back:")
"""The sections list's question."""

SEARCH_QUESTION = N_("Type the words to find, or just {enter} to go back:")
"""The search's first question."""

RESULT_QUESTION = N_("Type a number to read from there, 0 to go back:")
"""The question under the search results."""

MORE_QUESTION = N_("{enter} for more, q to stop:")
"""Asked after each screenful of a long text at a terminal, so a screen reader's review keys
can reach every line before it scrolls away."""

def help_text() -> tuple[str, ...]:
    """What the help choice prints: how the numbered prompts work (in the language shown now)."""
    enter, end = key_in_words("enter"), key_in_words("ctrl+d")
    return (
        _("Every question in this mode is answered with a number."),
        _("Type the number, then press {enter}.").format(enter=enter),
        _("0 goes back, finishes or quits."),
        _("? shows the list again, if you need it."),
        _("Nothing on the screen moves or changes once printed. New text is always added at the end."),
        _("In the checklist, typing an item's number selects it. Typing it again unselects it."),
        _("The changed item is printed again, with the word selected first, or with [ ]."),
        _("Type 0 when you are done to see how soon to get help."),
        _("Your choices are saved as you go, so they are still there next time."),
        _("A long section stops after each screenful: {enter} shows more, q stops.").format(enter=enter),
        _("{number} in the main menu searches for words, in any order and any form.").format(
            number=prompt_number("search")),
        _("{end}, or the end of piped input, quits at any question.").format(end=end),
        _("Other ways to use the guide: spasm-guide --plain prints it all at once; "
          "spasm-guide --checklist starts at the checklist."),
    )




class LinearGuide:
    """The menus of the linear mode on one Prompter."""

    def __init__(self, guide: Guide, settings: Settings, prompter: Prompter) -> None:
        self.guide = guide
        self.settings = settings
        self.prompter = prompter

    def show_menu(self) -> None:
        """Print the main menu."""
        self.prompter.say(*main_menu())

    def show_sections(self) -> None:
        """Print the numbered list of sections."""
        self.prompter.say(_("Sections"), *(f"{s.number}. {s.title}" for s in self.guide.sections))

    def read_sections(self) -> bool:
        """Choose and read sections until 0. Returns False if input ended."""
        total = len(self.guide.sections)
        self.prompter.say("")
        self.show_sections()
        while True:
            number = self.prompter.ask(_(SECTION_QUESTION), total, self.show_sections)
            if number is None:
                return False
            if number == 0:
                return True
            section = self.guide.section(number)
            if not self.page(["", *section_lines(section, total)]):
                continue
            if number < total:
                following = self.guide.section(number + 1)
                self.prompter.say(_("{end}. Next is {number}, {title}.").format(
                    end=section_end(number, total), number=following.number, title=following.title))
            else:
                self.prompter.say(f"{section_end(number, total)}.")

    def page(self, lines: list[str]) -> bool:
        """Print lines, a screenful at a time at a terminal. False if the reader stopped (q) or
        input ended."""
        if not self.prompter.interactive:
            self.prompter.say(*lines)
            return True
        lines = self.prompter.rows(*lines)  # a screenful counted in the rows the window shows
        rows = max(3, shutil.get_terminal_size((80, 24)).lines - 1)
        for start in range(0, len(lines), rows):
            self.prompter.say(*lines[start:start + rows])
            if start + rows < len(lines):
                answer = self.prompter.read(_(MORE_QUESTION).format(enter=key_in_words("enter")))
                if answer is None or answer.lower().startswith("q"):
                    return False
        return True

    def search(self) -> bool:
        """Find words anywhere in the guide, then read a section from a result. False if input ended."""
        while True:
            words = self.prompter.read(_(SEARCH_QUESTION).format(enter=key_in_words("enter")))
            if words is None:
                return False
            if not words:
                return True
            hits = search_guide(self.guide, words)
            count = found_count(len(hits), words)
            shown = hits[:20]
            self.prompter.say(_("{count}. The best {shown}:").format(count=count, shown=len(shown))
                              if len(hits) > len(shown) else f"{count}.")
            if not hits:
                continue
            listing = [_("{n}. Section {number}, {title}: {snippet}").format(
                n=n, number=hit.section_number, title=hit.section_title, snippet=hit.snippet)
                for n, hit in enumerate(shown, start=1)]
            self.prompter.say(*listing)
            number = self.prompter.ask(_(RESULT_QUESTION), len(shown), functools.partial(self.prompter.say, *listing))
            if number is None:
                return False
            if number:
                hit = shown[number - 1]
                lines = section_lines(self.guide.section(hit.section_number), len(self.guide.sections))
                if not self.page(["", *lines[self.line_of(hit, lines):]]):
                    continue

    def line_of(self, hit: Hit, lines: list[str]) -> int:
        """The printed line where the hit's paragraph starts (0 when it cannot be told)."""
        if hit.paragraph_index < 0:
            return 0
        paragraph = self.guide.section(hit.section_number).plain_paragraphs()[hit.paragraph_index]
        opening = " ".join(paragraph.split()[:3])
        return next((n for n, line in enumerate(lines) if opening and opening in line), 0)

    def check_symptoms(self) -> bool:
        """The checklist, the same as `--checklist`. Returns False if input ended."""
        try:
            checklist = load_checklist(self.guide.folder)
        except ContentError as exc:
            # A guide folder without a (valid) checklist still has its sections to read.
            self.prompter.say(_("The checklist cannot be shown: {problem}").format(problem=exc.one_line()))
            return True
        self.prompter.say("")
        return ChecklistPrompts(self.guide, checklist, self.settings, self.prompter).run()

    def cramp_now(self) -> bool:
        """Stretch a cramp, with a timer (tui/plain/cramp_prompts.py). Returns False if input ended."""
        from tui.data.cramp_now import load_cramp_now
        from tui.plain.cramp_prompts import CrampPrompts

        try:
            cramp = load_cramp_now(self.guide.folder)
        except ContentError as exc:
            self.prompter.say(_("Cramp now cannot be shown: {problem}").format(problem=exc.one_line()))
            return True
        self.prompter.say("")
        return CrampPrompts(self.guide, cramp, self.settings, self.prompter).run()

    def show_help(self) -> bool:
        """How the numbered prompts work. Always True (nothing is asked)."""
        lines = ["", _("Help")]
        for text in help_text():
            lines += wrap(text)
        self.prompter.say(*lines)
        return True

    def search_from_menu(self) -> bool:
        """The search, after a blank line. False if input ended."""
        self.prompter.say("")
        return self.search()

    def show_page(self, place_id: str) -> bool:
        """A page that is read, not used (About, and any place of tui/data/places.py with a page)."""
        builder = PAGES.get(place_id)
        if builder is None:
            raise KeyError(f"place '{place_id}' has no page and no handler in the prompts")
        self.prompter.say("", *page_lines(builder(self.guide)))
        return True

    def open_place(self, place_id: str) -> bool:
        """Go to a place chosen in the main menu. False if input ended."""
        handlers: dict[str, Callable[[], bool]] = {
            "contents": self.read_sections, "checklist": self.check_symptoms, "help": self.show_help,
            "cramp_now": self.cramp_now, "search": self.search_from_menu,
        }
        handler = handlers.get(place_id)
        return handler() if handler is not None else self.show_page(place_id)

    def run(self) -> int:
        """The main menu loop. Returns the exit status (0: quitting is never an error)."""
        self.prompter.say(self.guide.title, self.guide.disclaimer, emergency_line(self.settings), "",
                          *get_help_lines(self.guide),
                          _("Type {number} for help.").format(number=prompt_number("help")), "")
        places = {row.prompt_number: row.id for row in prompt_menu()}
        highest = max(number for number in places if number is not None)
        while True:
            self.show_menu()
            choice = self.prompter.ask(_(MAIN_QUESTION), highest, self.show_menu)
            if choice is None or choice == 0:
                self.prompter.say(_("Goodbye."))
                return 0
            if not self.open_place(places[choice]):
                self.prompter.say(_("Goodbye."))
                return 0
            self.prompter.say("")


def run_linear(guide: Guide, settings: Settings, stdin: TextIO, stdout: TextIO) -> int:
    """`spasm-guide --accessible`: the whole guide as numbered prompts. Returns the exit status."""
    return LinearGuide(guide, settings, Prompter(stdin, stdout)).run()
