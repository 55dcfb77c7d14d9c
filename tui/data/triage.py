"""Turn a set of ticked checklist items into one result: how urgently to get help, and why.

Pure functions, no I/O: the full-screen checklist, the numbered prompts, the speech reader and
the saved summary all show the same result from the same code. The rule is the one NHS care
cards and the MSD Manual use: the most urgent ticked item decides, nothing else lowers it.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from dataclasses import dataclass

from tui.data.checklist import Checklist, Item, Tier
from tui.data.settings import REGIONS

DISCLAIMER = "This is not a diagnosis."
"""Shown on every result, whatever is ticked (content brief rule 4)."""

DEFAULT_NUMBER = REGIONS["US"][0]
"""The source article is from the US: 911 unless the reader chose another region."""

NEUTRAL_HEADLINE = "Nothing checked yet."
"""The headline when no item is ticked. Deliberately not SELF-CARE: ticking nothing says
nothing about the reader, so the guide must not suggest all is well."""

NEUTRAL_ADVICE = (
    "Choose each thing you have now to see how soon to get help.",
    "If you feel very unwell, call {number} or your local emergency number.",
)
"""Advice lines for the neutral result."""

WIDTH = 72
"""Default wrap width for result_lines, the same as the plain mode."""


@dataclass(frozen=True)
class TriageResult:
    """What the checklist says for one set of ticked items."""

    tier: Tier | None
    """The most urgent tier among the ticked items, or None when nothing is ticked."""
    headline: str
    """The call to action, emergency number filled in; starts with the tier's label."""
    reasons: tuple[str, ...]
    """Texts of the ticked items that set the tier (those at the highest tier), in list order."""
    checked: tuple[str, ...]
    """Texts of every ticked item, most urgent first, then in list order."""
    advice: tuple[str, ...]
    """What to do, emergency number filled in."""
    disclaimer: str = DISCLAIMER
    """Always "This is not a diagnosis."."""

    @property
    def label(self) -> str:
        """The urgency as one word ("EMERGENCY"), or "NONE" when nothing is ticked."""
        return self.tier.label if self.tier else "NONE"

    @property
    def others(self) -> tuple[str, ...]:
        """Ticked items that did not set the tier, most urgent first."""
        return tuple(text for text in self.checked if text not in self.reasons)


def checked_items(checklist: Checklist, checked_ids: Iterable[str]) -> tuple[Item, ...]:
    """The ticked items in list order. Ids the checklist does not have are ignored: the saved
    state drops them with a message, and a result must never fail because of one."""
    wanted = set(checked_ids)
    return tuple(item for item in checklist.items if item.id in wanted)


def triage(checklist: Checklist, checked_ids: Iterable[str], number: str = DEFAULT_NUMBER) -> TriageResult:
    """The result for these ticked ids, with `number` (e.g. settings.emergency_number) filled in."""
    items = checked_items(checklist, checked_ids)
    if not items:
        return TriageResult(
            tier=None,
            headline=NEUTRAL_HEADLINE,
            reasons=(),
            checked=(),
            advice=tuple(line.replace("{number}", number) for line in NEUTRAL_ADVICE),
        )
    top = max(items, key=lambda item: item.tier.rank).tier
    # Most urgent first so a reader (or listener) meets the deciding items before the rest.
    ordered = sorted(items, key=lambda item: -item.tier.rank)
    return TriageResult(
        tier=top,
        headline=top.headline_for(number),
        reasons=tuple(item.text for item in items if item.tier.rank == top.rank),
        checked=tuple(item.text for item in ordered),
        advice=top.advice_for(number),
    )


def wrap_line(text: str, indent: str, width: int) -> list[str]:
    """Wrap one line; continuation lines line up under the text after the indent."""
    return textwrap.wrap(text, width=width, initial_indent=indent, subsequent_indent=" " * len(indent),
                         break_on_hyphens=False) or [indent.rstrip()]


def result_lines(result: TriageResult, width: int = WIDTH) -> list[str]:
    """The result as plain lines, urgency first: headline, why, what to do, disclaimer.

    No symbols, colour or box drawing: every line reads the same on a braille display, in a
    pipe and when spoken.
    """
    lines = wrap_line(result.headline, "", width)
    if result.reasons:
        lines += ["", "Because you checked:"]
        for text in result.reasons:
            lines += wrap_line(text, "- ", width)
    if result.others:
        lines += ["", "You also checked:"]
        for text in result.others:
            lines += wrap_line(text, "- ", width)
    lines += ["", "What to do:"]
    for text in result.advice:
        lines += wrap_line(text, "- ", width)
    lines += ["", result.disclaimer]
    return lines
