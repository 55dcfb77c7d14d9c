""""Cramp now": the stretch for each muscle (`cramp-now.toml` in a guide's folder), the timer, and
what "it has eased" and "it has not eased" lead to.

Pure: both the full screen (`tui/fullscreen/screens/cramp_now.py`) and the numbered prompts
(`tui/plain/cramp_prompts.py`) take their words and their timing from here, so they say the same
thing at the same moment. The loader is as strict as the checklist's: a mistake is one
`ContentError` naming the file and the key.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tui.data.checklist import RED_FLAG_FLOOR, TIER_IDS, Checklist, Item
from tui.data.content import load_toml, refuse_unknown_keys, require_str, require_table
from tui.data.errors import ContentError
from tui.data.language import ENGLISH, Language, agrees_with_guide, guide_language, parse_language
from tui.data.sanitize import clean_line
from tui.data.words import N_, _, ngettext

CRAMP_FILE = "cramp-now.toml"
"""The file's name inside a guide folder."""

STEPS = 3
"""Every muscle has exactly three steps: short enough to follow while in pain."""

MAX_NAME = 36
"""A muscle's name fits one list row at 40 columns ("> " and the padding included)."""

MAX_STEP = 120
"""A step stays at most four rows at 40 columns."""

MAX_ADVICE = 5
"""At most five lines after "it has eased", as the checklist's tiers."""

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_HEAD_KEYS = frozenset({"title", "question", "check_minutes", "checklist_item"})
_EASED_KEYS = frozenset({"label", "headline", "advice", "safety_net"})
_MUSCLE_KEYS = frozenset({"id", "name", "steps", "source"})
_TOP_KEYS = frozenset({"cramp_now", "eased", "muscles", "language"})


@dataclass(frozen=True)
class Muscle:
    """One muscle and its stretch."""

    id: str
    """Stable id, e.g. "calf"."""
    name: str
    """The list's words, e.g. "Calf (back of the lower leg)"."""
    steps: tuple[str, str, str]
    """The three steps, in order."""
    source: str
    """Who says so."""


@dataclass(frozen=True)
class Eased:
    """What "yes, it has eased" shows."""

    label: str
    """The urgency in words ("SELF-CARE"), as a checklist tier's label: the content names it, so
    no code looks for English words in the headline."""
    headline: str
    """Starts with the label and a colon: the urgency first, as every result does."""
    advice: tuple[str, ...]
    """One to five short lines."""
    safety_net: str
    """What to do if it comes back."""


@dataclass(frozen=True)
class CrampNow:
    """The whole "cramp now" content."""

    path: Path
    """The file it was loaded from."""
    title: str
    """The screen's name."""
    question: str
    """Asked above the list of muscles."""
    check_minutes: int
    """When the timer asks whether it has eased."""
    checklist_item: str
    """The checklist item chosen when it has not eased."""
    eased: Eased
    """What "it has eased" shows."""
    muscles: tuple[Muscle, ...]
    """Every muscle, in list order."""
    language: Language = ENGLISH
    """The language of its words: its own `[language]` table, else the guide's."""

    def muscle(self, muscle_id: str) -> Muscle:
        """The muscle with this id; KeyError if there is none."""
        for muscle in self.muscles:
            if muscle.id == muscle_id:
                return muscle
        raise KeyError(muscle_id)

    def long_cramp(self, checklist: Checklist) -> Item:
        """The checklist item "it has not eased" chooses; refused unless it is there and urgent."""
        try:
            item = checklist.item(self.checklist_item)
        except KeyError:
            raise ContentError(self.path, f"key 'cramp_now.checklist_item': '{self.checklist_item}' "
                                          f"is not an item in {checklist.path.name}") from None
        if item.tier.rank < TIER_IDS.index(RED_FLAG_FLOOR):
            raise ContentError(self.path, f"key 'cramp_now.checklist_item': '{item.id}' must be "
                                          f"'{RED_FLAG_FLOOR}' or higher, not '{item.tier.id}'")
        return item


def _lines(table: dict[str, Any], key: str, path: Path, where: str, low: int, high: int,
           longest: int | None = None) -> tuple[str, ...]:
    """A list of `low` to `high` non-empty strings, each at most `longest` characters."""
    value = table.get(key)
    count = f"exactly {low}" if low == high else f"{low} to {high}"
    if not isinstance(value, list) or not low <= len(value) <= high:
        raise ContentError(path, f"key '{where}{key}' must be a list of {count} strings")
    out: list[str] = []
    for index, line in enumerate(value):
        if not isinstance(line, str) or not clean_line(line):
            raise ContentError(path, f"key '{where}{key}[{index}]' must be a non-empty string")
        if longest is not None and len(clean_line(line)) > longest:
            raise ContentError(path, f"key '{where}{key}[{index}]' is over {longest} characters")
        out.append(clean_line(line))
    return tuple(out)


def _parse_head(data: dict[str, Any], path: Path) -> tuple[str, str, int, str]:
    """[cramp_now]: title, question, check_minutes, checklist_item."""
    head = require_table(data, "cramp_now", path)
    refuse_unknown_keys(head, _HEAD_KEYS, path, "cramp_now.")
    minutes = head.get("check_minutes")
    if isinstance(minutes, bool) or not isinstance(minutes, int) or not 1 <= minutes <= 60:
        raise ContentError(path, "key 'cramp_now.check_minutes' must be a whole number from 1 to 60")
    item = head.get("checklist_item")
    if not isinstance(item, str) or not _ID.match(item):
        raise ContentError(path, "key 'cramp_now.checklist_item' must be a checklist item id")
    return (require_str(head, "title", path, "cramp_now."), require_str(head, "question", path, "cramp_now."),
            minutes, item)


def _parse_eased(data: dict[str, Any], path: Path) -> Eased:
    """[eased]: the self-care close."""
    table = require_table(data, "eased", path)
    refuse_unknown_keys(table, _EASED_KEYS, path, "eased.")
    label = require_str(table, "label", path, "eased.")
    headline = require_str(table, "headline", path, "eased.")
    if not headline.startswith(f"{label}:"):
        # Urgency first, in words, as the checklist's tiers: the first word read or spoken is the label.
        raise ContentError(path, f"key 'eased.headline' must start with '{label}:' (the label)")
    return Eased(label, headline, _lines(table, "advice", path, "eased.", 1, MAX_ADVICE),
                 require_str(table, "safety_net", path, "eased."))


def _parse_muscles(data: dict[str, Any], path: Path) -> tuple[Muscle, ...]:
    """[[muscles]], in file order."""
    tables = data.get("muscles")
    if not isinstance(tables, list) or not tables:
        raise ContentError(path, "missing '[[muscles]]': at least one is needed")
    seen: set[str] = set()
    muscles: list[Muscle] = []
    for index, table in enumerate(tables):
        where = f"muscles[{index}]."
        if not isinstance(table, dict):
            raise ContentError(path, f"muscles[{index}] must be a table, as [[muscles]]")
        refuse_unknown_keys(table, _MUSCLE_KEYS, path, where)
        muscle_id = table.get("id")
        if not isinstance(muscle_id, str) or not _ID.match(muscle_id):
            raise ContentError(path, f"key '{where}id' must be lower case letters, digits and '-'")
        if muscle_id in seen:
            raise ContentError(path, f"key '{where}id': duplicate id '{muscle_id}'")
        seen.add(muscle_id)
        name = require_str(table, "name", path, where)
        if len(name) > MAX_NAME:
            raise ContentError(path, f"key '{where}name' is over {MAX_NAME} characters")
        first, second, third = _lines(table, "steps", path, where, STEPS, STEPS, MAX_STEP)
        muscles.append(Muscle(muscle_id, name, (first, second, third), require_str(table, "source", path, where)))
    return tuple(muscles)


def parse_cramp_now(data: dict[str, Any], path: Path, language: Language | None = None) -> CrampNow:
    """Validate already-parsed TOML data (path is only for messages). `language` is the guide's:
    an optional `[language]` table in the file must agree with it."""
    refuse_unknown_keys(data, _TOP_KEYS, path, "")
    own = parse_language(data, path)
    if language is not None:
        agrees_with_guide(own, language, path)
    words = own or language or ENGLISH
    title, question, minutes, item = _parse_head(data, path)
    return CrampNow(path, title, question, minutes, item, _parse_eased(data, path), _parse_muscles(data, path),
                    words)


def load_cramp_now(folder: Path) -> CrampNow:
    """Load and validate `cramp-now.toml` in a guide folder."""
    path = folder / CRAMP_FILE
    return parse_cramp_now(load_toml(path), path, guide_language(folder))


# What both interfaces say -------------------------------------------------------------------

def step_lines(muscle: Muscle) -> list[str]:
    """"Step 1 of 3: ..." for each step: the count first, so a listener knows how many are left."""
    return [_("Step {number} of {steps}: {text}").format(number=number, steps=STEPS, text=text)
            for number, text in enumerate(muscle.steps, start=1)]


def minutes_in_words(seconds: float) -> str:
    """"Less than a minute", "1 minute", "3 minutes": whole minutes, never seconds."""
    minutes = int(max(seconds, 0) // 60)
    if minutes == 0:
        return _("Less than a minute")
    return _minutes(minutes)


def _minutes(minutes: int) -> str:
    """"1 minute", "10 minutes"."""
    return ngettext("{count} minute", "{count} minutes", minutes).format(count=minutes)


def so_far(seconds: float) -> str:
    """What the time key says: "3 minutes so far."."""
    return _("{time} so far.").format(time=minutes_in_words(seconds))


def timer_started(minutes: int) -> str:
    """Said when the steps appear."""
    return _("The timer has started. At {time} it will ask if the cramp has eased.").format(time=_minutes(minutes))


def check_message(minutes: int) -> str:
    """Said at the check time, before the question."""
    return _("It has been {time}.").format(time=_minutes(minutes))


EASED_QUESTION = N_("Has it eased?")
"""The question at the check time (each interface adds how to answer); shown through `_()`."""


def early_question(minutes: int) -> str:
    """Asked when the reader says "not eased" before the check time: the reason shown must be true."""
    return _("Has the cramp lasted more than {time} in all?").format(time=_minutes(minutes))


def keep_going(minutes: int) -> str:
    """Said when the answer to `early_question` is no."""
    return _("Keep up the stretch. At {time} it will ask again.").format(time=_minutes(minutes))


def eased_lines(eased: Eased) -> list[str]:
    """The self-care close: headline, what to do, what if it comes back, and the disclaimer."""
    from tui.data.triage import DISCLAIMER

    return [eased.headline, "", _("What to do:"), *(f"- {line}" for line in eased.advice), "",
            _("If it comes back:"), f"- {eased.safety_net}", "", _(DISCLAIMER)]


class CrampTimer:
    """Time since the stretch started, from a clock a test can replace; asks once at the check time.

    Nothing here runs on its own: the interfaces look at `due()` when it suits them (a timer on
    the full screen, between questions in the prompts), so nothing is redrawn every second.
    """

    def __init__(self, check_minutes: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.check_seconds = check_minutes * 60
        """Seconds from the start to the question."""
        self.clock = clock
        """Seconds from any fixed point (time.monotonic, or a test's own)."""
        self.started = clock()
        """When the stretch started."""
        self.asked = False
        """The question was asked (it is asked once)."""

    def elapsed(self) -> float:
        """Seconds since the start."""
        return self.clock() - self.started

    def remaining(self) -> float:
        """Seconds until the question (0 once it is due)."""
        return max(self.check_seconds - self.elapsed(), 0.0)

    def past_check(self) -> bool:
        """The check time has come (asked or not)."""
        return self.elapsed() >= self.check_seconds

    def due(self) -> bool:
        """The check time has come and the question has not been asked yet."""
        return not self.asked and self.past_check()
